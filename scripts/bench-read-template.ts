/**
 * How fast the intake reads filled templates, against a floor: the same parts of the same files inflated with
 * node:zlib and parsed by saxes with handlers that do nothing — no checks, no catalog, no validation.
 *
 *   npm run build && node dist/scripts/bench-read-template.js [files=500] [rounds=3]
 *
 * The files are made once per run: a 40-indicator plan (one row per indicator, like the larger catalogs), templates
 * for ten districts, filled through exceljs with varied values as a person would type them.
 */
import { buildLayout } from '../core/layout';
import { PlanSchema, UnitSchema, type Plan, type Unit } from '../core/schema';
import { fillTemplate } from '../pipeline/workbook/fill';
import { floorRead } from './bench-floor';
import { syntheticValues } from './bench-values';
import { readTemplate } from '../pipeline/workbook/read-template';
import { renderTemplate } from '../pipeline/workbook/render-template';

const cite = { file: 'bench', text: 'bench' };
const KINDS = ['ratio-rate', 'rate', 'flow', 'milestone', 'stock'] as const;

function benchPlan(): Plan {
  return PlanSchema.parse({
    id: 'bench-plan', title: '基准测试市教育事业发展规划', issuer: '基准测试市人民政府', city: '230100',
    span: { from: 2021, to: 2025 }, source: 'bench', version: 1,
    indicators: Array.from({ length: 40 }, (_, i) => {
      const kind = KINDS[i % KINDS.length]!;
      const base = { code: `B-${String(i + 1).padStart(2, '0')}`, category: ['学前教育', '义务教育', '普通高中', '职业教育', '教师队伍'][i % 5]!,
        name: `第${i + 1}项指标（${kind}）`, citation: cite };
      switch (kind) {
        case 'ratio-rate':
          return { ...base, unit: '%', kind: 'rate', direction: 'higher', baseline: { year: 2020, value: 85 },
            targets: [{ year: 2025, op: '>=', value: 92 }], rollup: { method: 'ratio', numerator: '分子人数', denominator: '分母人数', scale: 100 } };
        case 'rate':
          return { ...base, unit: '%', kind: 'rate', direction: 'hold', baseline: { year: 2020, value: 99 },
            targets: [{ year: 2025, op: '>=', value: 99 }], rollup: { method: 'city' } };
        case 'flow':
          return { ...base, unit: '所', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
            targets: [{ year: 2025, op: '>=', value: 30 }], rollup: { method: 'sum' } };
        case 'milestone':
          return { ...base, unit: '是/否', kind: 'milestone', direction: 'higher', decimals: 0, baseline: null,
            targets: [{ year: 2025, op: '=', value: 1 }], rollup: { method: 'city' } };
        default:
          return { ...base, unit: '人', kind: 'stock', direction: 'lower', decimals: 0, baseline: { year: 2020, value: 900 },
            targets: [{ year: 2025, op: '<=', value: 300 }], rollup: { method: 'sum' } };
      }
    }),
  });
}

const districts: Unit[] = Array.from({ length: 10 }, (_, i) => UnitSchema.parse({
  code: `2301${String(i + 2).padStart(2, '0')}`, name: `第${i + 1}区教育局`, city: '230100', parent: '230100', kind: 'district',
}));


/** The floor reads every part the template reader reads. */
const FLOOR_PARTS = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|_rels\/\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/sheet\d+\.xml)$/;

async function makeFiles(count: number, plan: Plan): Promise<Buffer[]> {
  const templates = await Promise.all(districts.map(async (unit) => {
    const layout = buildLayout({ plan, unit, month: '2025-10' });
    return { layout, bytes: await renderTemplate(layout) };
  }));
  const files: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length]!;
    files.push(await fillTemplate(t.bytes, t.layout, syntheticValues(t.layout, plan, i)));
  }
  return files;
}


async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 500);
  const rounds = Number(process.argv[3] ?? 3);
  const plan = benchPlan();
  const t0 = Date.now();
  const files = await makeFiles(count, plan);
  const size = files.reduce((s, f) => s + f.length, 0) / files.length;
  console.log(`生成 ${count} 个填好的模板（40 项指标，平均 ${(size / 1024).toFixed(1)} KB）用时 ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const opts = { plans: [plan], units: districts };
  for (const f of files.slice(0, 20)) {
    const r = await readTemplate(f, opts);
    if (!r.ok) throw new Error(`bench file refused: ${JSON.stringify(r.issues)}`);
  }
  const floorTimes: number[] = [];
  const readTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let t = process.hrtime.bigint();
    for (const f of files) floorRead(f, FLOOR_PARTS);
    floorTimes.push(Number(process.hrtime.bigint() - t) / 1e9);
    t = process.hrtime.bigint();
    for (const f of files) await readTemplate(f, opts);
    readTimes.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  const best = (xs: number[]) => Math.min(...xs);
  const floorRate = count / best(floorTimes);
  const readRate = count / best(readTimes);
  console.log(`floor (zlib + saxes, no checks): ${floorRate.toFixed(0)} files/s  (rounds: ${floorTimes.map((t) => t.toFixed(2)).join(', ')} s)`);
  console.log(`readTemplate (checks + validation): ${readRate.toFixed(0)} files/s  (rounds: ${readTimes.map((t) => t.toFixed(2)).join(', ')} s)`);
  console.log(`ratio: ${(floorRate / readRate).toFixed(2)}x the floor; peak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
