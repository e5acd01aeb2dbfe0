/**
 * Flag rules at their edges: the rounds rule against a target for a lower-is-better indicator and a broken run of
 * rounds, a flow starting again in January, a steady history against a real jump, the pace from the plan's
 * baseline when there is no history.
 */
import { PlanSchema, type Entry, type Plan } from '../core/schema';
import { cityFigures, evaluateCity, evaluateUnits, rosterOf, tabulate, type UnitEntries } from '../core/aggregate';
import { computeFlags } from '../core/flags';
import { reportUnits } from './fixtures/report-fixture';

const cite = { file: 'fixture', text: 'fixture' };
const plan: Plan = PlanSchema.parse({
  id: 'flags-fixture', title: '预警测试规划', issuer: '测试市', city: '230100', span: { from: 2021, to: 2025 }, source: 'fixture', version: 1,
  indicators: [
    { code: 'L-01', category: '教师', name: '大班额比例', unit: '%', kind: 'rate', direction: 'lower', baseline: { year: 2020, value: 12 },
      targets: [{ year: 2025, op: '<=', value: 6 }], rollup: { method: 'city' }, responsible: ['市教育局'], citation: cite,
      consecutiveRule: { rounds: 3, below: 2, relativeTo: 'target' } },
    { code: 'W-01', category: '建设', name: '新建幼儿园', unit: '所', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
      targets: [{ year: 2025, op: '>=', value: 12 }, { year: 2026, op: '>=', value: 12 }], rollup: { method: 'sum' }, citation: cite },
    { code: 'R-01', category: '普及', name: '毛入园率', unit: '%', kind: 'rate', direction: 'higher', baseline: { year: 2020, value: 80 },
      targets: [{ year: 2025, op: '>=', value: 95 }],
      rollup: { method: 'ratio', numerator: '在园幼儿数', denominator: '适龄人口', scale: 100 }, citation: cite },
  ],
});
const roster = rosterOf(plan, reportUnits);

/** Per month: unit → entries. */
function month(values: Record<string, Partial<Record<'L-01' | 'W-01' | 'R-01', number | [number, number]>>>): UnitEntries[] {
  return Object.entries(values).map(([unitCode, byCode]) => ({
    unitCode,
    entries: Object.entries(byCode).map(([code, v]): Entry => (Array.isArray(v)
      ? { code, value: Math.round((v[0] / v[1]) * 1000) / 10, numerator: v[0], denominator: v[1], explanation: '' }
      : { code, value: v, explanation: '' })),
  }));
}

function flagsFor(current: { month: string; values: UnitEntries[] }, history: { month: string; values: UnitEntries[] }[]) {
  const table = tabulate(plan, roster, current.month, current.values, { keepEntries: true });
  const figures = cityFigures(plan, table);
  return computeFlags({
    plan,
    current: { table, figures, cityEvaluations: evaluateCity(plan, current.month, roster.city.code, figures), unitEvaluations: evaluateUnits(plan, table) },
    history: history.map((h) => {
      const t = tabulate(plan, roster, h.month, h.values);
      return { table: t, figures: cityFigures(plan, t) };
    }),
    arrivals: new Map(), deadline: null,
  });
}

test('N rounds above a lower-is-better target (plus the rule\'s margin) trigger the rule; a missing round breaks it', () => {
  // Expected 大班额比例 in 2025: 12 → 6 over 60 months, about 6.4 in Aug–Oct; the line is 2 points above.
  const high = (m: string, v: number) => ({ month: m, values: month({ '230102': { 'L-01': v }, '230103': { 'L-01': 6 } }) });
  const flags = flagsFor(high('2025-10', 9.5), [high('2025-08', 9.6), high('2025-09', 9.4)]);
  const rule = flags.filter((f) => f.kind === 'consecutive_below');
  expect(rule.map((f) => f.unitCode)).toEqual(['230102']);
  expect(rule[0]!.message).toContain('连续3次（2025年8月、2025年9月、2025年10月）高于本月应达进度2个百分点以上');
  expect(rule[0]!.responsible).toEqual(['市教育局']);

  const broken = flagsFor(high('2025-10', 9.5), [high('2025-08', 9.6)]);
  expect(broken.some((f) => f.kind === 'consecutive_below')).toBe(false);
});

test('a flow starts again in January: a lower cumulative count than December is not "worse than last month"', () => {
  const w = (m: string, v: number) => ({ month: m, values: month({ '230102': { 'W-01': v } }) });
  const january = flagsFor(w('2026-01', 1), [w('2025-12', 11)]);
  expect(january.some((f) => f.kind === 'worse_than_last_month')).toBe(false);
  const march = flagsFor(w('2026-03', 1), [w('2026-02', 2)]);
  expect(march.filter((f) => f.kind === 'worse_than_last_month').map((f) => f.unitCode)).toEqual(['230102']);
});

test('outliers: a steady history tolerates a small change, not a slip of the keyboard', () => {
  const r = (m: string, n: number, d: number) => ({ month: m, values: month({ '230102': { 'R-01': [n, d] } }) });
  const steady = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09'].map((m) => r(m, 930, 1000));
  expect(flagsFor(r('2025-10', 935, 1000), steady).some((f) => f.kind === 'outlier')).toBe(false);
  const slip = flagsFor(r('2025-10', 935, 10000), steady).filter((f) => f.kind === 'outlier');
  expect(slip).toHaveLength(1);
  expect(slip[0]!.message).toContain('本月数值 9.4% 明显偏离本单位近6个月的水平（中位数 93%）');
});

test('pace from the plan\'s baseline when the city has no history yet', () => {
  // 2020: 80; 2025-10: 86 → 0.104 a month, 2 months left → 86.2, far from ≥95.
  const flags = flagsFor({ month: '2025-10', values: month({ '230102': { 'R-01': [86, 100] } }) }, []);
  const pace = flags.filter((f) => f.kind === 'final_target_at_risk' && f.unitCode === '230100');
  expect(pace).toHaveLength(1);
  expect(pace[0]!.message).toContain('按近58个月的进度');
  expect(pace[0]!.severity).toBe('critical');
});
