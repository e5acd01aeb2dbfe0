import { IndicatorSchema, type IndicatorInput } from '../core/schema';
import { expectedValue, resolveTarget, yearEndExpected, finalTarget } from '../core/trajectory';
import { evaluate } from '../core/evaluate';
import { parseValue, checkRange } from '../core/values';
import { monthLabelZh, previousMonth, addMonths } from '../core/month';

const cite = { file: 'test', text: 'test' };
function indicator(over: Partial<IndicatorInput>) {
  return IndicatorSchema.parse({
    code: 'T-01',
    category: '学前教育',
    name: '学前三年毛入园率',
    unit: '%',
    kind: 'rate',
    direction: 'higher',
    baseline: { year: 2020, value: 88.2 },
    targets: [{ year: 2025, op: '>=', value: 90 }],
    rollup: over.kind === 'stock' || over.kind === 'flow' ? { method: 'sum' } : { method: 'city' },
    citation: cite,
    ...over,
  });
}

describe('trajectory', () => {
  it('interpolates linearly from the baseline (Dec 2020) to the milestone (Dec 2025)', () => {
    const rate = indicator({});
    expect(expectedValue(rate, '2020-12')).toBeCloseTo(88.2, 6);
    // 30 of 60 months elapsed by Dec 2023 → half way
    expect(expectedValue(rate, '2023-06')).toBeCloseTo(88.2 + 1.8 * (30 / 60), 6);
    expect(expectedValue(rate, '2025-12')).toBeCloseTo(90, 6);
    expect(expectedValue(rate, '2026-05')).toBeCloseTo(90, 6); // holds the last milestone
    expect(yearEndExpected(rate, '2025-03')).toBeCloseTo(90, 6);
  });

  it('interpolates between successive milestones', () => {
    const rate = indicator({
      baseline: { year: 2023, value: 60 },
      targets: [
        { year: 2025, op: '>=', value: 70 },
        { year: 2027, op: '>=', value: 80 },
      ],
    });
    expect(expectedValue(rate, '2024-12')).toBeCloseTo(65, 6);
    expect(expectedValue(rate, '2026-12')).toBeCloseTo(75, 6);
  });

  it('uses only the governing target where the source contradicts itself', () => {
    const rate = indicator({
      baseline: { year: 2020, value: 95 },
      targets: [
        { year: 2025, op: '>=', value: 97.5, governs: true },
        { year: 2025, op: '>=', value: 96, governs: false },
      ],
    });
    expect(expectedValue(rate, '2025-12')).toBeCloseTo(97.5, 6);
    expect(finalTarget(rate)?.value).toBe(97.5);
  });

  it('moves lower-is-better indicators downward (a teacher shortfall 2300 → ≤500)', () => {
    const gap = indicator({
      unit: '人', kind: 'stock', direction: 'lower',
      baseline: { year: 2020, value: 2300 },
      targets: [{ year: 2025, op: '<=', value: 500 }],
    });
    expect(expectedValue(gap, '2023-06')).toBeCloseTo(2300 - 1800 * 0.5, 6);
    const mid = evaluate({ indicator: gap, unitCode: 'u', month: '2023-06', actual: 1350 });
    expect(mid.status).toBe('on_track');
    // 50 above the expected 1400 is within 5%: at risk
    expect(evaluate({ indicator: gap, unitCode: 'u', month: '2023-06', actual: 1450 }).status).toBe('at_risk');
    const worse = evaluate({ indicator: gap, unitCode: 'u', month: '2023-06', actual: 1600 });
    expect(worse.status).toBe('short');
    expect(worse.gap).toBeCloseTo(200, 6);
    expect(worse.shortfall).toBe(true);
    expect(evaluate({ indicator: gap, unitCode: 'u', month: '2023-06', actual: 480 }).status).toBe('met');
  });

  it('keeps hold indicators at their level every month (巩固率 99以上)', () => {
    const hold = indicator({
      name: '九年义务教育巩固率', direction: 'hold',
      baseline: { year: 2020, value: 99.2 },
      targets: [{ year: 2025, op: '>=', value: 99, wording: '99以上' }],
    });
    expect(expectedValue(hold, '2021-01')).toBe(99);
    expect(expectedValue(hold, '2024-08')).toBe(99);
    expect(evaluate({ indicator: hold, unitCode: 'u', month: '2022-03', actual: 99.4 }).status).toBe('met');
    const slip = evaluate({ indicator: hold, unitCode: 'u', month: '2022-03', actual: 98.6 });
    expect(slip.status).toBe('at_risk');
    expect(slip.gap).toBeCloseTo(-0.4, 6);
  });

  it('accumulates annual flows through the year, linearly or by a seasonal profile', () => {
    const flow = indicator({
      name: '新增公办园和普惠性民办园', unit: '所', kind: 'flow', baseline: null,
      targets: [{ year: 2023, op: '>=', value: 50 }],
    });
    expect(expectedValue(flow, '2023-03')).toBeCloseTo(12.5, 6);
    expect(expectedValue(flow, '2023-12')).toBeCloseTo(50, 6);
    expect(expectedValue(flow, '2024-03')).toBeNull(); // no target for 2024
    expect(evaluate({ indicator: flow, unitCode: 'u', month: '2023-06', actual: 26 }).status).toBe('on_track');
    expect(evaluate({ indicator: flow, unitCode: 'u', month: '2023-06', actual: 24 }).status).toBe('at_risk');
    expect(evaluate({ indicator: flow, unitCode: 'u', month: '2023-06', actual: 10 }).status).toBe('short');
    expect(evaluate({ indicator: flow, unitCode: 'u', month: '2023-11', actual: 50 }).status).toBe('met');
    const seasonal = indicator({
      unit: '所', kind: 'flow', baseline: null,
      targets: [{ year: 2023, op: '>=', value: 8 }],
      seasonalProfile: [0, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 1],
    });
    expect(expectedValue(seasonal, '2023-07')).toBe(0);
    expect(expectedValue(seasonal, '2023-09')).toBe(4);
  });

  it('treats a range target ("2-3所") as met inside the range', () => {
    const range = indicator({
      unit: '所', kind: 'stock', baseline: { year: 2023, value: 0 },
      targets: [{ year: 2025, op: 'between', value: 2, max: 3, wording: '2-3所' }],
    });
    expect(evaluate({ indicator: range, unitCode: 'u', month: '2025-12', actual: 2 }).status).toBe('met');
    expect(evaluate({ indicator: range, unitCode: 'u', month: '2025-12', actual: 1 }).status).toBe('short');
    expect(expectedValue(range, '2024-12')).toBeCloseTo(1, 6);
  });

  it('resolves a change relative to the baseline ("下降一个百分点")', () => {
    const drop = indicator({
      name: '近视率', direction: 'lower',
      baseline: { year: 2020, value: 52.5 },
      targets: [{ year: 2025, op: 'change', value: -1, wording: '下降一个百分点' }],
    });
    const resolved = resolveTarget(drop, drop.targets[0]!);
    expect(resolved).toMatchObject({ op: '<=', value: 51.5 });
    expect(evaluate({ indicator: drop, unitCode: 'u', month: '2025-12', actual: 51.4 }).status).toBe('met');
    expect(evaluate({ indicator: drop, unitCode: 'u', month: '2025-12', actual: 52 }).status).toBe('at_risk');
  });

  it('evaluates ratios (1:12 stored as 12) in their direction', () => {
    const ratio = indicator({
      name: '生师比', unit: '1:x', kind: 'ratio', direction: 'lower',
      baseline: { year: 2020, value: 14 },
      targets: [{ year: 2025, op: '<=', value: 12 }],
    });
    expect(evaluate({ indicator: ratio, unitCode: 'u', month: '2025-12', actual: 12 }).status).toBe('met');
    expect(evaluate({ indicator: ratio, unitCode: 'u', month: '2025-12', actual: 13 }).status).toBe('short');
  });

  it('expects milestones only from their due year', () => {
    const milestone = indicator({
      unit: '是/否', kind: 'milestone', baseline: null,
      targets: [{ year: 2025, op: '=', value: 1 }],
    });
    expect(evaluate({ indicator: milestone, unitCode: 'u', month: '2024-06', actual: 0 }).status).toBe('on_track');
    expect(evaluate({ indicator: milestone, unitCode: 'u', month: '2025-12', actual: 0 }).status).toBe('short');
    expect(evaluate({ indicator: milestone, unitCode: 'u', month: '2024-06', actual: 1 }).status).toBe('met');
  });

  it('reports a blank as missing and honours the catalog threshold for at risk', () => {
    const rate = indicator({ thresholds: { atRiskRelative: 0.01 } });
    expect(evaluate({ indicator: rate, unitCode: 'u', month: '2025-12', actual: null }).status).toBe('missing');
    // 2% below 90: at risk at the 5% default, short at this indicator's 1%
    expect(evaluate({ indicator: rate, unitCode: 'u', month: '2025-12', actual: 88.2 }).status).toBe('short');
    expect(evaluate({ indicator: indicator({}), unitCode: 'u', month: '2025-12', actual: 88.2 }).status).toBe('at_risk');
  });
});

describe('values as officials type them', () => {
  const pct = { kind: 'rate' as const, unit: '%' };
  const count = { kind: 'stock' as const, unit: '所' };
  it.each([
    ['90', 90], ['90%', 90], ['90.0', 90], ['９０', 90], ['９０．５％', 90.5], [' 88.2 ', 88.2], [90, 90],
  ])('reads %p as %p percent', (raw, value) => {
    expect(parseValue(raw, pct)).toEqual({ ok: true, value });
  });
  it('reads thousands separators, a restated unit and ratios', () => {
    expect(parseValue('1,200', count)).toEqual({ ok: true, value: 1200 });
    expect(parseValue('1，200', count)).toEqual({ ok: true, value: 1200 });
    expect(parseValue('50所', count)).toEqual({ ok: true, value: 50 });
    expect(parseValue('1:12', { kind: 'ratio', unit: '1:x' })).toEqual({ ok: true, value: 12 });
    expect(parseValue('1：12.5', { kind: 'ratio', unit: '1:x' })).toEqual({ ok: true, value: 12.5 });
    expect(parseValue('是', { kind: 'milestone', unit: '是/否' })).toEqual({ ok: true, value: 1 });
    expect(parseValue('否', { kind: 'milestone', unit: '是/否' })).toEqual({ ok: true, value: 0 });
  });
  it('reads blanks as no value', () => {
    expect(parseValue('', pct)).toEqual({ ok: true, value: null });
    expect(parseValue('   ', pct)).toEqual({ ok: true, value: null });
    expect(parseValue(null, pct)).toEqual({ ok: true, value: null });
  });
  it('refuses anything else and says what was expected, in Chinese and English', () => {
    const bad = parseValue('约九成', pct);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.zh).toBe('“约九成”不是有效的值，应填写百分数，如 90 或 90%');
      expect(bad.error.en).toContain('expected a percentage');
    }
    expect(parseValue('12%', count).ok).toBe(false);
    expect(parseValue('1,20', count).ok).toBe(false);
    expect(parseValue('大约', { kind: 'milestone', unit: '是/否' }).ok).toBe(false);
  });
  it('checks plausible ranges', () => {
    expect(checkRange(101, pct)?.zh).toBe('数值 101 大于允许的最大值 100');
    expect(checkRange(-1, { ...count, range: { min: 0 } })?.en).toBe('-1 is below the lowest allowed value 0');
    expect(checkRange(50, pct)).toBeNull();
  });
});

describe('months', () => {
  it('reads the Chinese way and steps across years', () => {
    expect(monthLabelZh('2025-10')).toBe('2025年10月');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(addMonths('2025-11', 3)).toBe('2026-02');
  });
});
