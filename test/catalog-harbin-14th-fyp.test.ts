/**
 * The catalog of 哈尔滨市教育事业“十四五”发展规划 (seed 000): it parses, its codes are stable, every citation is the
 * seed's own wording, and a sample of numbers matches the seed's table and text — a mistyped digit fails here.
 */
import { plan as input } from '../templates/plans/harbin-14th-fyp';
import { expectedValue } from '../core/trajectory';
import { governing, indicatorOf, parsePlan, unquotedCitations } from './fixtures/harbin-catalog-helpers';

const plan = parsePlan(input);
const ind = (code: string) => indicatorOf(plan, code);

describe('catalog harbin-14th-fyp', () => {
  it('parses with PlanSchema as the Harbin 2021–2025 plan from seed 000', () => {
    expect(plan).toMatchObject({ id: 'harbin-14th-fyp', city: '230100', span: { from: 2021, to: 2025 }, source: '000_ae3b4986d9475e9d.txt' });
    expect(plan.indicators).toHaveLength(37);
  });

  it('numbers its codes HRB14-01.. in seed order, each once', () => {
    expect(plan.indicators.map((i) => i.code)).toEqual(Array.from({ length: 37 }, (_, i) => `HRB14-${String(i + 1).padStart(2, '0')}`));
  });

  it('quotes the seed verbatim in every citation', () => {
    expect(unquotedCitations(plan)).toEqual([]);
  });

  it('HRB14-02 学前三年教育毛入园率: 86/87/90 for 2021/2023/2025, baseline 2020 is 85.9, from 在园幼儿数/适龄人口', () => {
    const i = ind('HRB14-02');
    expect(i.name).toBe('学前三年教育毛入园率');
    expect([2021, 2023, 2025].map((y) => [governing(i, y).op, governing(i, y).value])).toEqual([['>=', 86], ['>=', 87], ['>=', 90]]);
    expect(i.baseline).toMatchObject({ year: 2020, value: 85.9 });
    expect(i.rollup).toEqual({ method: 'ratio', numerator: '在园幼儿数', denominator: '学前三年适龄人口', scale: 100 });
    // A district sees the climb from 85.9 (Dec 2020) to 86 (Dec 2021), then half way to 87 by Dec 2022.
    expect(expectedValue(i, '2021-12')).toBeCloseTo(86, 6);
    expect(expectedValue(i, '2022-12')).toBeCloseTo(86.5, 6);
  });

  it('HRB14-03 县域义务教育发展优质均衡率: 0 → 10% → 20%, reported by the city', () => {
    const i = ind('HRB14-03');
    expect([2021, 2023, 2025].map((y) => governing(i, y).value)).toEqual([0, 10, 20]);
    expect(governing(i, 2023).wording).toBe('10%');
    expect(i.reportedBy).toBe('city');
  });

  it('HRB14-04 九年义务教育巩固率 holds at 99以上 every year (baseline 2020: 99)', () => {
    const i = ind('HRB14-04');
    expect(i.direction).toBe('hold');
    expect(i.targets.map((t) => [t.year, t.op, t.value, t.wording])).toEqual([
      [2021, '>=', 99, '99以上'], [2023, '>=', 99, '99以上'], [2025, '>=', 99, '99以上'],
    ]);
    expect(i.baseline?.value).toBe(99);
    expect(expectedValue(i, '2022-03')).toBe(99);
  });

  it('HRB14-05 高中阶段毛入学率 2023 target is >= 95.5, baseline 2020 is 95.4; HRB14-06 市属高校在校生 5.9/6.0/6.1 万人', () => {
    expect(governing(ind('HRB14-05'), 2023)).toMatchObject({ op: '>=', value: 95.5 });
    expect(ind('HRB14-05').baseline).toMatchObject({ year: 2020, value: 95.4 });
    const students = ind('HRB14-06');
    expect([students.unit, students.kind, students.rollup.method]).toEqual(['万人', 'stock', 'city']);
    expect([2021, 2023, 2025].map((y) => governing(students, y).value)).toEqual([5.9, 6.0, 6.1]);
  });

  it('HRB14-11 从业人员继续教育累计 restarts in 2021 (65/200/330), the 13th-plan 319 kept only in the note', () => {
    const i = ind('HRB14-11');
    expect([2021, 2023, 2025].map((y) => governing(i, y).value)).toEqual([65, 200, 330]);
    expect(i.baseline).toBeNull();
    expect(i.note).toContain('319');
  });

  it('HRB14-12 “百千万”工程 2025 target 11100 equals 万名+千名+百名 of the text (HRB14-33..35)', () => {
    expect(governing(ind('HRB14-12'), 2025).value).toBe(11100);
    const parts = ['HRB14-33', 'HRB14-34', 'HRB14-35'].map((c) => governing(ind(c), 2025).value);
    expect(parts).toEqual([10000, 1000, 100]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(11100);
  });

  it('HRB14-15 双师型 2025: table 60 (>=) governs, text 超过60% (>) is kept but does not govern', () => {
    const i = ind('HRB14-15');
    const y2025 = i.targets.filter((t) => t.year === 2025);
    expect(y2025.map((t) => [t.op, t.value, t.governs])).toEqual([['>=', 60, true], ['>', 60, false]]);
    expect(y2025[1]?.citation?.text).toBe('到2025年，专业教师中“双师型”教师占比超过60%');
    expect(y2025.every((t) => (t.note ?? '').includes('为准'))).toBe(true);
    expect([governing(i, 2021).value, governing(i, 2023).value]).toEqual([40, 50]);
  });

  it('text targets: 1.5 小时 a day, 1—2 项 arts, 2倍 training, 50%/30% senior-learning coverage, 42所 and 74.2万平方米', () => {
    expect(governing(ind('HRB14-17'), 2025)).toMatchObject({ op: '>=', value: 1.5 });
    expect(ind('HRB14-17').unit).toBe('小时');
    expect(governing(ind('HRB14-19'), 2025)).toMatchObject({ op: 'between', value: 1, max: 2 });
    expect(governing(ind('HRB14-22'), 2025)).toMatchObject({ op: '>=', value: 2 });
    expect(ind('HRB14-22').rollup).toMatchObject({ method: 'ratio', scale: 1 });
    expect(governing(ind('HRB14-29'), 2025).value).toBe(50);
    expect(governing(ind('HRB14-30'), 2025).value).toBe(30);
    expect(governing(ind('HRB14-36'), 2025)).toMatchObject({ op: '>=', value: 42 });
    expect(ind('HRB14-37')).toMatchObject({ unit: '万平方米', rollup: { method: 'sum' } });
    expect(governing(ind('HRB14-37'), 2025).value).toBe(74.2);
  });

  it('per-district targets (每个区县…1所) are judged per district, not summed to the city', () => {
    for (const code of ['HRB14-21', 'HRB14-28']) {
      expect({ code, rollup: ind(code).rollup.method, reportedBy: ind(code).reportedBy, value: governing(ind(code), 2025).value })
        .toEqual({ code, rollup: 'city', reportedBy: 'units', value: 1 });
    }
  });
});
