/**
 * How fast `ingest` takes in a batch, next to a raw floor measured in the same run.
 *
 *   npm run bench:ingest      (= npm run build && node dist/scripts/bench-ingest.js [files=3000] [rounds=3] [threads=cores])
 *
 * Workbooks: generated once and cached under var/bench/ingest-<files>-v<N>/ — a 40-indicator plan (one row per
 * indicator, the size of the larger catalogs), 25 districts × 60 months (2021-01…2025-12), every unit-month sent
 * twice with different values (so half the batch supersedes the other half), filled through exceljs as typed.
 *
 * Each measurement runs in a fresh child process, so that its peak RSS is its own:
 *  - floor: read each file, find its parts through the zip's central directory, inflate the worksheets and the
 *    shared strings with node:zlib, run saxes over them with handlers that keep nothing — on 1 thread and on 2;
 *  - reader only: the template reader on the same threads as ingest, nothing stored (where ingest's time goes);
 *  - ingest: exactly what `plan-monitor ingest <folder>` does (a worker thread and the main thread parse, the main
 *    thread also commits to a fresh SQLite file in WAL mode with synchronous=FULL, original bytes kept) — everything
 *    but printing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { buildLayout } from '../core/layout';
import { addMonths } from '../core/month';
import { PlanSchema, UnitSchema, type Plan, type Unit } from '../core/schema';
import { floorRead } from './bench-floor';
import { syntheticValues } from './bench-values';

/** A module loaded when first needed: the floor's threads load this file too, and should not pay for exceljs. */
function lazy<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}

/** Bumped when the generated workbooks change, so that a stale cache is not measured. */
const GENERATION = 1;
const UNITS = 25;
const MONTHS = 60;

const cite = { file: 'bench', text: 'bench' };
const CATEGORIES = ['学前教育', '义务教育', '普通高中', '职业教育', '教师队伍', '教育保障'];

export function benchPlan(): Plan {
  return PlanSchema.parse({
    id: 'bench-ingest', title: '基准测试市“十四五”教育事业发展规划', issuer: '基准测试市人民政府', city: '230100',
    span: { from: 2021, to: 2025 }, source: 'bench', version: 1,
    indicators: Array.from({ length: 40 }, (_, i) => {
      const base = { code: `BI-${String(i + 1).padStart(2, '0')}`, category: CATEGORIES[i % CATEGORIES.length]!, citation: cite };
      switch (i % 5) {
        case 0:
          return { ...base, name: `第${i + 1}项 学前教育普惠覆盖率`, unit: '%', kind: 'rate', direction: 'higher', baseline: { year: 2020, value: 85 },
            targets: [{ year: 2025, op: '>=', value: 92 }], rollup: { method: 'ratio', numerator: '在园人数', denominator: '适龄人口', scale: 100 } };
        case 1:
          return { ...base, name: `第${i + 1}项 义务教育巩固率`, unit: '%', kind: 'rate', direction: 'hold', baseline: { year: 2020, value: 99 },
            targets: [{ year: 2025, op: '>=', value: 99, wording: '99以上' }], rollup: { method: 'city' } };
        case 2:
          return { ...base, name: `第${i + 1}项 新建改扩建学校`, unit: '所', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
            targets: [{ year: 2025, op: '>=', value: 30 }], rollup: { method: 'sum' } };
        case 3:
          return { ...base, name: `第${i + 1}项 建成智慧校园示范校`, unit: '是/否', kind: 'milestone', direction: 'higher', decimals: 0, baseline: null,
            targets: [{ year: 2025, op: '=', value: 1 }], rollup: { method: 'city' } };
        default:
          return { ...base, name: `第${i + 1}项 专任教师缺口`, unit: '人', kind: 'stock', direction: 'lower', decimals: 0,
            baseline: { year: 2020, value: 900 }, targets: [{ year: 2025, op: '<=', value: 300 }], rollup: { method: 'sum' } };
      }
    }),
  });
}

export const units: Unit[] = [
  UnitSchema.parse({ code: '230100', name: '基准测试市教育局', city: '230100', parent: null, kind: 'city' }),
  ...Array.from({ length: UNITS }, (_, i) => UnitSchema.parse({
    code: `2301${String(i + 2).padStart(2, '0')}`, name: `第${i + 1}区教育局`, city: '230100', parent: '230100', kind: 'district',
  })),
];


async function generate(dir: string, count: number): Promise<void> {
  const { fillTemplate } = lazy<typeof import('../pipeline/workbook/fill')>('../pipeline/workbook/fill');
  const { renderTemplate } = lazy<typeof import('../pipeline/workbook/render-template')>('../pipeline/workbook/render-template');
  const plan = benchPlan();
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  let written = 0;
  const districts = units.slice(1);
  for (let k = 0; written < count; k++) {
    const unit = districts[k % districts.length]!;
    const month = addMonths('2021-01', Math.floor(k / districts.length) % MONTHS);
    const layout = buildLayout({ plan, unit, month });
    const template = await renderTemplate(layout);
    for (const version of [1, 2]) {
      if (written >= count) break;
      const bytes = await fillTemplate(template, layout, syntheticValues(layout, plan, written));
      writeFileSync(join(dir, `${String(written).padStart(5, '0')}-${unit.code}-${month}-v${version}.xlsx`), bytes);
      written++;
    }
    if (written % 300 === 0) process.stderr.write(`  生成 / generated ${written}/${count} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  writeFileSync(join(dir, 'COMPLETE'), `${count}\n`);
}

// ---- the floor ---------------------------------------------------------------------------------------------------

/** The floor reads the worksheets and shared strings. */
const FLOOR_PARTS = /^(xl\/worksheets\/sheet\d+\.xml|xl\/sharedStrings\.xml)$/;


/**
 * Read synchronously, as the intake's parse threads read (readJobFile): with fs/promises, each thread of the floor sat
 * idle a tenth to a quarter of the time waiting on the libuv pool between files (CPU profile), which made the floor
 * slower, more variable from run to run, and so flattered the ratio.
 */
function floorFiles(files: string[]): number {
  let events = 0;
  for (const f of files) events += floorRead(readFileSync(f), FLOOR_PARTS);
  return events;
}

/** The .xlsx files of a folder, in name order. */
function xlsxIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort().map((f) => join(dir, f));
}

async function floor(dir: string, threads: number): Promise<void> {
  const files = xlsxIn(dir);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  if (threads <= 1) {
    floorFiles(files);
  } else {
    const shares = Array.from({ length: threads }, (_, t) => files.filter((_, i) => i % threads === t));
    await Promise.all(shares.map((share) => new Promise<void>((done, fail) => {
      new Worker(__filename, { workerData: { floorFiles: share } }).on('message', () => done()).on('error', fail);
    })));
  }
  report({ files: files.length, seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: cpuSince(cpu) });
}

// ---- the ingest --------------------------------------------------------------------------------------------------

async function ingest(dir: string, dataDir: string, threads: number): Promise<void> {
  const { loadConfig } = lazy<typeof import('../pipeline/config')>('../pipeline/config');
  const { INGEST_GROUP_COMMIT_MS, ingestFiles } = lazy<typeof import('../pipeline/ingest/ingest')>('../pipeline/ingest/ingest');
  const { createParser } = lazy<typeof import('../pipeline/intake/parse-pool')>('../pipeline/intake/parse-pool');
  const { IntakeStore } = lazy<typeof import('../pipeline/store/store')>('../pipeline/store/store');
  rmSync(dataDir, { recursive: true, force: true });
  const config = loadConfig({ env: {}, overrides: { dataDir } });
  const plan = benchPlan();
  const store = await IntakeStore.open(config, { plans: [plan], units }, { groupCommitMs: INGEST_GROUP_COMMIT_MS });
  const parser = createParser({ plans: [plan], units }, threads, { callerParses: true });
  const files = xlsxIn(dir);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const summary = await ingestFiles(files, { store, parser, maxBytes: config.server.maxUploadBytes, submittedBy: 'bench' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = cpuSince(cpu);
  await parser.close();
  await store.close();
  if (summary.accepted !== files.length) throw new Error(`bench files not all accepted: ${JSON.stringify(summary)}`);
  report({ files: files.length, seconds, cpuSeconds, threads: parser.threads });
}

/** The reader alone on the same threads (no database): how much of ingest is reading, how much is storing. */
async function parseOnly(dir: string, threads: number): Promise<void> {
  const { createParser } = lazy<typeof import('../pipeline/intake/parse-pool')>('../pipeline/intake/parse-pool');
  const plan = benchPlan();
  const parser = createParser({ plans: [plan], units }, threads, { callerParses: true });
  const files = xlsxIn(dir);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const { outcome } = await parser.parse({ path: files[next++]!, maxBytes: 10 * 1024 * 1024 });
      if (!outcome.ok) throw new Error(`bench file refused: ${JSON.stringify(outcome.issues)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parser.threads * 8) }, lane));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = cpuSince(cpu);
  await parser.close();
  report({ files: files.length, seconds, cpuSeconds, threads: parser.threads });
}

/** CPU time of the whole process (every thread, user and system) since `start`. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function report(result: Record<string, number>): void {
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

/** Runs one measurement in a fresh process (this script, another phase) and reads its result line. */
function measure(args: string[]): Promise<{ files: number; seconds: number; cpuSeconds: number; peakRssMb: number; threads?: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [__filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
    child.on('exit', (code) => (code === 0 ? done(JSON.parse(out.trim().split('\n').pop()!)) : fail(new Error(`${args[0]} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const [phase, ...rest] = process.argv.slice(2);
  if (phase === '--floor') return floor(rest[0]!, Number(rest[1]));
  if (phase === '--ingest') return ingest(rest[0]!, rest[1]!, Number(rest[2]));
  if (phase === '--parse') return parseOnly(rest[0]!, Number(rest[1]));
  const count = Number(phase ?? 3000);
  const rounds = Number(rest[0] ?? 3);
  const threads = Number(rest[1] ?? availableParallelism());
  const root = resolve('var', 'bench');
  const dir = join(root, `ingest-${count}-v${GENERATION}`);
  if (!existsSync(join(dir, 'COMPLETE'))) {
    process.stderr.write(`生成 ${count} 个填好的模板（只需一次，缓存于 ${dir}） / generating ${count} filled workbooks once\n`);
    rmSync(dir, { recursive: true, force: true });
    await generate(dir, count);
  }
  const files = xlsxIn(dir);
  const size = files.reduce((s, f) => s + readFileSync(f).length, 0);
  floorFiles(files); // warm the page cache, so every phase reads from memory
  const best = <T extends { seconds: number }>(xs: T[]) => xs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const floor1: Awaited<ReturnType<typeof measure>>[] = [];
  const floor2: Awaited<ReturnType<typeof measure>>[] = [];
  const parses: Awaited<ReturnType<typeof measure>>[] = [];
  const runs: Awaited<ReturnType<typeof measure>>[] = [];
  for (let r = 0; r < rounds; r++) {
    floor1.push(await measure(['--floor', dir, '1']));
    parses.push(await measure(['--parse', dir, String(threads)]));
    // The two compared run back to back, first one then the other: this machine's speed drifts by a fifth within
    // minutes, and a round's ratio should compare the two under the same conditions.
    const floorOf2 = async () => floor2.push(await measure(['--floor', dir, '2']));
    const ingestRun = async () => runs.push(await measure(['--ingest', dir, join(root, 'ingest-db'), String(threads)]));
    if (r % 2 === 0) await floorOf2().then(ingestRun);
    else await ingestRun().then(floorOf2);
  }
  const rows = [
    ['floor: unzip + saxes, 1 thread', best(floor1)],
    ['floor: unzip + saxes, 2 threads', best(floor2)],
    [`reader only (readTemplate on ${parses[0]!.threads} threads, no store)`, best(parses)],
    [`ingest (${runs[0]!.threads} parse threads, the main one also writes)`, best(runs)],
  ] as const;
  process.stdout.write(`\n${count} 个工作簿（40 项指标，平均 ${(size / files.length / 1024).toFixed(1)} KB），取 ${rounds} 轮最好成绩 / best of ${rounds} rounds\n`);
  for (const [label, m] of rows) {
    process.stdout.write(`  ${label.padEnd(56)} ${m.seconds.toFixed(2).padStart(6)} s  ${(m.files / m.seconds).toFixed(0).padStart(5)} files/s  ` +
      `CPU ${m.cpuSeconds.toFixed(1).padStart(5)} s  peak RSS ${m.peakRssMb.toFixed(0)} MB\n`);
  }
  const floorBest = Math.min(best(floor1).seconds, best(floor2).seconds);
  process.stdout.write(`  ingest / floor = ${(best(runs).seconds / floorBest).toFixed(2)}×（目标 ≤ 1.5×，峰值内存 < 300 MB / target ≤ 1.5×, peak RSS < 300 MB）\n`);
  // Each round's ratio against that round's own floor: the rounds run minutes apart, and on a shared virtual machine
  // the best of each kind can come from different rounds (a fast floor, a slow ingest, or the reverse).
  const ratios = (xs: number[]) => {
    const median = [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return `${xs.map((x) => `${x.toFixed(2)}×`).join(', ')}; 中位数 / median ${median.toFixed(2)}×`;
  };
  process.stdout.write(`  每轮 / per round: ${ratios(runs.map((r, i) => r.seconds / Math.min(floor1[i]!.seconds, floor2[i]!.seconds)))}\n`);
  // CPU time over both threads: what the work costs, whatever else the machine was doing meanwhile.
  process.stdout.write(`  CPU 时间 / CPU time, ingest / floor (2 threads): ${ratios(runs.map((r, i) => r.cpuSeconds / floor2[i]!.cpuSeconds))}\n`);
}

if (isMainThread && require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
} else if (!isMainThread) {
  parentPort!.postMessage(floorFiles((workerData as { floorFiles: string[] }).floorFiles));
}
