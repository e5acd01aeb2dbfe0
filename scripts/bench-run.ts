/**
 * The monthly run at scale: 3,000 reporting units × the Harbin 14th Five-Year plan's indicators, a year of history,
 * read from the store, aggregated, evaluated, flagged, written as the report workbook with charts, composed into
 * mails and delivered (as .eml files). Prints the run's wall time and peak RSS (target: < 10 s, < 300 MB).
 *
 *   npm run bench:run                      (builds, then node dist/scripts/bench-run.js [units=3000])
 *
 * The store is filled first, straight into its tables (this measures the run, not the intake); the run itself then
 * goes in a fresh process so that its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { addMonths } from '../core/month';
import { UnitSchema, type Plan, type Unit } from '../core/schema';
import { indicatorsFor, scopeOf, toleranceFor } from '../core/layout';
import { expectationFor } from '../core/trajectory';
import { openDatabase } from '../pipeline/store/database';
import { loadConfig } from '../pipeline/config';
import { IntakeStore } from '../pipeline/store/store';
import { runContextFor } from '../pipeline/run/service';
import { runMonth } from '../pipeline/run/monthly-run';

const PLAN_ID = 'harbin-14th-fyp';
const MONTH = '2025-10';
const HISTORY = 12;

function catalog(count: number): { plans: Plan[]; units: Unit[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { plans, units } = require('../templates') as typeof import('../templates');
  const city = units.find((u) => u.code === '230100')!;
  const synthetic = Array.from({ length: count - 1 }, (_, i) => UnitSchema.parse({
    code: String(600000 + i), name: `基准测试第${i + 1}区`, nameEn: `Bench district ${i + 1}`, city: '230100', parent: '230100', kind: 'district',
  }));
  return { plans, units: [city, ...synthetic] };
}

/** Fills the store's tables directly: one accepted submission per unit and month, values around the trajectory. */
async function fill(dbFile: string, count: number): Promise<void> {
  const opened = await openDatabase({ driver: 'sqlite', file: dbFile, poolSize: 1 });
  await opened.close();
  const { plans, units } = catalog(count);
  const plan = plans.find((p) => p.id === PLAN_ID)!;
  const db = new BetterSqlite3(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  db.prepare('insert into files (hash, size, bytes, first_seen_at) values (?, 0, ?, ?)').run('bench', Buffer.alloc(0), now);
  const sub = db.prepare(`insert into submissions (id, plan_id, unit_code, month, template_version, file_hash, received_at, channel,
    submitted_by, version, status, receipt) values (?, ?, ?, ?, ?, 'bench', ?, 'cli', 'bench', 1, 'accepted', '{}')`);
  const entry = db.prepare(`insert into entries (submission_id, code, value, numerator, denominator, explanation, status, shortfall)
    values (?, ?, ?, ?, ?, ?, 'on_track', 0)`);
  // Each unit sits at a steady place per indicator (a hash of unit and code), moving with the trajectory month by
  // month; about one unit in ten lags on an indicator, half of them with a 情况说明 — monthly data, not noise.
  const place = (unit: string, code: string, salt = 0) => {
    let h = 2166136261 ^ salt;
    for (const ch of `${unit}|${code}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return ((h >>> 0) % 10000) / 10000;
  };
  db.transaction(() => {
    for (let back = HISTORY; back >= 0; back--) {
      const month = addMonths(MONTH, -back);
      for (const unit of units) {
        const id = `${unit.code}-${month}`;
        sub.run(id, plan.id, unit.code, month, plan.version, `${month}-25T02:00:00.000Z`);
        for (const indicator of indicatorsFor(plan, unit)) {
          const p = place(unit.code, indicator.code);
          const lagging = place(unit.code, indicator.code, 1) < 0.1;
          const sign = indicator.direction === 'lower' ? -1 : 1;
          const expected = expectationFor(indicator, month, scopeOf(unit)) ?? (indicator.rollup.method === 'sum' ? 3 : 50);
          const tolerance = Math.max(toleranceFor(indicator, plan, expected), 10 ** -indicator.decimals);
          const level = lagging ? -tolerance * (1 + 3 * p) : tolerance * p * 0.8;
          let value = Math.max(0, expected + sign * (level - back * tolerance * 0.1));
          if (indicator.unit === '%') value = Math.min(100, value);
          value = Math.round(value * 10 ** indicator.decimals) / 10 ** indicator.decimals;
          const explanation = lagging && p < 0.5 && back === 0 ? '受学籍调整影响，本月数据暂时回落；已逐校核查，预计下月恢复。' : '';
          if (indicator.rollup.method === 'ratio' && unit.parent !== null) {
            const d = 500 + Math.floor(p * 2000);
            const n = Math.min(d, Math.round((d * value) / indicator.rollup.scale));
            entry.run(id, indicator.code, Math.round((n / d) * indicator.rollup.scale * 10) / 10, n, d, explanation);
          } else {
            entry.run(id, indicator.code, indicator.kind === 'milestone' ? (lagging ? 0 : 1) : value, null, null, explanation);
          }
        }
      }
    }
  })();
  db.close();
}

async function run(dir: string, count: number): Promise<void> {
  const started = process.hrtime.bigint();
  const cat = catalog(count);
  const config = loadConfig({
    env: {}, cwd: dir,
    overrides: { dataDir: dir, recipients: { leadership: ['juzhang@bench.example.com', 'fujuzhang@bench.example.com'] } },
  });
  const store = await IntakeStore.open(config, cat);
  const ctx = runContextFor({ config, catalog: cat, store });
  const result = await runMonth(ctx, PLAN_ID, MONTH, 'manual');
  ctx.transport.close();
  await store.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const flags = (await (async () => {
    const db = new BetterSqlite3(config.database.file, { readonly: true });
    const n = (db.prepare('select count(*) as n from flags').get() as { n: number }).n;
    db.close();
    return n;
  })());
  process.stdout.write(`${JSON.stringify({
    seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), status: result.status,
    sent: result.delivery?.sent.length ?? 0, flags,
  })}\n`);
}

async function main(): Promise<void> {
  const [mode, arg1, arg2] = process.argv.slice(2);
  // The two phases on their own (profiling): fill <dir> <units>, run <dir> <units>.
  if (mode === 'run') return run(arg1!, Number(arg2));
  if (mode === 'fill') return fill(path.join(arg1!, 'plan-monitor.db'), Number(arg2));
  const count = Number(mode ?? 3000);
  const dir = mkdtempSync(path.join(tmpdir(), 'pm-bench-run-'));
  try {
    const t0 = Date.now();
    await fill(path.join(dir, 'plan-monitor.db'), count);
    const plan = catalog(count).plans.find((p) => p.id === PLAN_ID)!;
    process.stdout.write(`月度运行基准 / monthly run benchmark: ${count} 个单位 units × 《${plan.title}》${plan.indicators.length} 项指标, ` +
      `${HISTORY + 1} 个月 months (store filled in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    const child = spawnSync(process.execPath, [__filename, 'run', dir, String(count)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`the run failed (exit ${child.status})`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { seconds: number; peakRssMb: number; status: string; sent: number; flags: number };
    process.stdout.write(`  运行 / run: ${r.seconds.toFixed(2)} s, 峰值内存 / peak RSS ${r.peakRssMb} MB ` +
      `(目标 / target < 10 s, < 300 MB) — ${r.status}, ${r.flags} 条预警 flags, ${r.sent} 封邮件 messages\n`);
    process.exitCode = r.seconds < 10 && r.peakRssMb < 300 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
