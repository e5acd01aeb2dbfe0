/**
 * The catalog of 哈尔滨市2023年教育工作会议 (seed 001): it parses, its codes are stable, every citation is the seed's
 * own wording, and a sample of the year's numbers matches the seed — a mistyped digit fails here.
 */
import { plan as input } from '../templates/plans/harbin-2023-work';
import { expectedValue } from '../core/trajectory';
import { governing, indicatorOf, parsePlan, unquotedCitations } from './fixtures/harbin-catalog-helpers';

const plan = parsePlan(input);
const ind = (code: string) => indicatorOf(plan, code);

describe('catalog harbin-2023-work', () => {
  it('parses with PlanSchema as the Harbin 2023 work plan from seed 001, every target due in 2023', () => {
    expect(plan).toMatchObject({ id: 'harbin-2023-work', city: '230100', span: { from: 2023, to: 2023 }, source: '001_d46118f7129ddb40.txt' });
    expect(plan.indicators).toHaveLength(34);
    expect(new Set(plan.indicators.flatMap((i) => i.targets.map((t) => t.year)))).toEqual(new Set([2023]));
  });

  it('numbers its codes HRB23-01.. in seed order, each once', () => {
    expect(plan.indicators.map((i) => i.code)).toEqual(Array.from({ length: 34 }, (_, i) => `HRB23-${String(i + 1).padStart(2, '0')}`));
  });

  it('quotes the seed verbatim in every citation', () => {
    expect(unquotedCitations(plan)).toEqual([]);
  });

  it('HRB23-01 新增公办园和普惠性民办园 is an annual flow of 50所 summed over districts: 25 expected by June', () => {
    const i = ind('HRB23-01');
    expect([i.kind, i.unit, i.rollup.method]).toEqual(['flow', '所', 'sum']);
    expect(governing(i, 2023)).toMatchObject({ op: '>=', value: 50 });
    expect(expectedValue(i, '2023-06')).toBeCloseTo(25, 6);
    expect(expectedValue(i, '2023-12')).toBeCloseTo(50, 6);
  });

  it('HRB23-02 8所, HRB23-04 252所, HRB23-05 2000节', () => {
    expect(governing(ind('HRB23-02'), 2023).value).toBe(8);
    expect(governing(ind('HRB23-04'), 2023).value).toBe(252);
    expect([ind('HRB23-05').unit, governing(ind('HRB23-05'), 2023).value]).toEqual(['节', 2000]);
  });

  it('HRB23-07 优质均衡整体达标率 >= 77%, HRB23-08 特色高中 a stock of 45所', () => {
    expect(governing(ind('HRB23-07'), 2023)).toMatchObject({ op: '>=', value: 77 });
    expect(ind('HRB23-08').kind).toBe('stock');
    expect(governing(ind('HRB23-08'), 2023).value).toBe(45);
  });

  it('the sentence “30所中职学校、60个专业” is two indicators, HRB23-09 (30所) and HRB23-10 (60个)', () => {
    expect([ind('HRB23-09').unit, governing(ind('HRB23-09'), 2023).value]).toEqual(['所', 30]);
    expect([ind('HRB23-10').unit, governing(ind('HRB23-10'), 2023).value]).toEqual(['个', 60]);
    expect(ind('HRB23-09').citation.text).toBe(ind('HRB23-10').citation.text);
  });

  it('HRB23-21 体育、美育、劳动课程开课率 >= 100%, recomputed from class hours', () => {
    const i = ind('HRB23-21');
    expect(governing(i, 2023)).toMatchObject({ op: '>=', value: 100 });
    expect(i.rollup).toMatchObject({ method: 'ratio', scale: 100 });
  });

  it('HRB23-24 近视率 下降一个百分点 is a change of -1, lower is better; without a 2022 baseline there is no expectation', () => {
    const i = ind('HRB23-24');
    expect([i.direction, i.baseline]).toEqual(['lower', null]);
    expect(governing(i, 2023)).toMatchObject({ op: 'change', value: -1, wording: '下降一个百分点' });
    expect(expectedValue(i, '2023-06')).toBeNull();
    expect(expectedValue({ ...i, baseline: { year: 2022, value: 52.3 } }, '2023-12')).toBeCloseTo(51.3, 6);
  });

  it('teachers: at least 80 principals and 1000 teachers rotated, 10000 rural training attendances, 4700 名师名校长', () => {
    expect(governing(ind('HRB23-26'), 2023)).toMatchObject({ op: '>=', value: 80, wording: '至少80人' });
    expect(governing(ind('HRB23-27'), 2023)).toMatchObject({ op: '>=', value: 1000 });
    expect([ind('HRB23-31').unit, governing(ind('HRB23-31'), 2023).value]).toEqual(['人次', 10000]);
    expect(governing(ind('HRB23-32'), 2023).value).toBe(4700);
  });

  it('“完成/成立/全覆盖” are milestones = 1 due in December 2023', () => {
    for (const code of ['HRB23-06', 'HRB23-15', 'HRB23-22', 'HRB23-34']) {
      const i = ind(code);
      expect({ code, kind: i.kind, unit: i.unit, target: [governing(i, 2023).op, governing(i, 2023).value], nov: expectedValue(i, '2023-11'), dec: expectedValue(i, '2023-12') })
        .toEqual({ code, kind: 'milestone', unit: '是/否', target: ['=', 1], nov: null, dec: 1 });
    }
  });
});
