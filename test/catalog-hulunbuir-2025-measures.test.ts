/**
 * The catalog of seed 004 (呼伦贝尔市推进教育高质量发展若干措施): it parses, cites the seed verbatim, carries each
 * heading's 责任单位, and a sample of values matches the seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanSchema, type Indicator } from '../core/schema';
import { expectedValue } from '../core/trajectory';
import { plan as input } from '../templates/plans/hulunbuir-2025-measures';

const plan = PlanSchema.parse(input);
const seed = readFileSync(join(__dirname, '..', 'templates', 'seeds', plan.source), 'utf8');

function indicator(code: string): Indicator {
  const found = plan.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
}

const targetsOf = (i: Indicator) => i.targets.map((t) => ({ year: t.year, op: t.op, value: t.value, ...(t.max !== undefined ? { max: t.max } : {}) }));

describe('catalog hulunbuir-2025-measures', () => {
  it('parses with PlanSchema for Hulunbuir (150700) over 2025–2027', () => {
    expect(plan.id).toBe('hulunbuir-2025-measures');
    expect(plan.city).toBe('150700');
    expect(plan.span).toEqual({ from: 2025, to: 2027 });
    expect(plan.source).toBe('004_0d76b15f74354ee4.txt');
    expect(plan.indicators).toHaveLength(46);
  });

  it('numbers its codes HLBE-01… in sequence, each once', () => {
    const codes = plan.indicators.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(codes.map((_, n) => `HLBE-${String(n + 1).padStart(2, '0')}`));
  });

  it('cites the seed verbatim for every indicator and target', () => {
    const missing = plan.indicators.filter((i) => !seed.includes(i.citation.text)).map((i) => i.code);
    expect(missing).toEqual([]);
  });

  it('carries each heading\'s 责任单位, split on 、 (and the one ，)', () => {
    expect(indicator('HLBE-04').responsible).toEqual(['市教育局', '市财政局', '各旗市区人民政府']);
    expect(indicator('HLBE-18').responsible).toEqual([
      '市教育局', '市财政局', '市委编办', '市人社局', '市体育局', '市域内各高校', '各旗市区人民政府',
    ]);
    expect(indicator('HLBE-13').responsible).toEqual(['市教育局', '相关旗市区人民政府']);
    expect(indicator('HLBE-46').responsible).toEqual([
      '校园安全及学生群体安全委员会成员单位', '市委政法委', '市委编办', '市财政局', '市红十字会', '市域内各高校', '各旗市区人民政府',
    ]);
    for (const i of plan.indicators) {
      expect({ code: i.code, listed: i.responsible.length > 0 }).toEqual({ code: i.code, listed: true });
      for (const unit of i.responsible) expect({ code: i.code, unit, inSeed: seed.includes(unit) }).toEqual({ code: i.code, unit, inSeed: true });
    }
  });

  it('HLBE-04/05: 2-3 regional and 5-10 city model kindergartens every year, as ranges', () => {
    expect(targetsOf(indicator('HLBE-04'))).toEqual([2025, 2026, 2027].map((year) => ({ year, op: 'between', value: 2, max: 3 })));
    expect(targetsOf(indicator('HLBE-05'))).toEqual([2025, 2026, 2027].map((year) => ({ year, op: 'between', value: 5, max: 10 })));
    expect(indicator('HLBE-04').kind).toBe('flow');
  });

  it('HLBE-08: 双师型 share of vocational teachers ≥80%', () => {
    expect(targetsOf(indicator('HLBE-08'))).toEqual([{ year: 2027, op: '>=', value: 80 }]);
    expect(indicator('HLBE-08').rollup).toMatchObject({ method: 'ratio', numerator: '“双师型”专业课教师数', denominator: '专业课教师数' });
  });

  it('HLBE-18…23: the 百千万 programme counts — 200 / 2000 / 20万 winter sports, 100 / 1000 / 1万 field hockey a year', () => {
    const yearly = (code: string) => [...new Set(indicator(code).targets.map((t) => `${t.op}${t.value}`))];
    expect(['HLBE-18', 'HLBE-19', 'HLBE-20', 'HLBE-21', 'HLBE-22', 'HLBE-23'].map(yearly)).toEqual([
      ['>=200'], ['>=2000'], ['>=20'], ['>=100'], ['>=1000'], ['>=1'],
    ]);
    expect(indicator('HLBE-20').unit).toBe('万人');
    // Registrations accumulate within the year: by June half of the 2,000 are expected.
    expect(expectedValue(indicator('HLBE-19'), '2026-06')).toBeCloseTo(1000, 6);
  });

  it('HLBE-16: daily physical activity not under 2 hours; HLBE-26: 1:1000 mental-health teachers in large schools', () => {
    expect(indicator('HLBE-16')).toMatchObject({ unit: '小时', direction: 'higher' });
    expect(targetsOf(indicator('HLBE-16'))).toEqual([{ year: 2027, op: '>=', value: 2 }]);
    expect(indicator('HLBE-26')).toMatchObject({ unit: '1:x', kind: 'ratio', direction: 'lower' });
    expect(targetsOf(indicator('HLBE-26'))).toEqual([{ year: 2027, op: '<=', value: 1000 }]);
  });

  it('HLBE-33: head-teacher allowance rises from 600 to 800 元 a month', () => {
    const allowance = indicator('HLBE-33');
    expect(allowance.baseline).toMatchObject({ year: 2024, value: 600 });
    expect(targetsOf(allowance)).toEqual([{ year: 2025, op: '>=', value: 800 }]);
    expect(expectedValue(allowance, '2025-06')).toBeCloseTo(700, 6);
  });

  it('HLBE-35…38: 四名 studios — at least 6 principals, 12 teachers, 8 class teachers, 4 researchers over three years', () => {
    expect(['HLBE-35', 'HLBE-36', 'HLBE-37', 'HLBE-38'].map((c) => targetsOf(indicator(c)))).toEqual(
      [6, 12, 8, 4].map((value) => [{ year: 2027, op: '>=', value }]),
    );
  });

  it('HLBE-42: digital campuses cover every school by the end of 2025', () => {
    expect(targetsOf(indicator('HLBE-42'))).toEqual([{ year: 2025, op: '>=', value: 100 }]);
    expect(indicator('HLBE-42').citation.text).toBe('到2025年末实现数字校园全覆盖');
  });

  it('city-only funding lines are reported by the city bureau', () => {
    for (const code of ['HLBE-06', 'HLBE-10', 'HLBE-27']) {
      expect(indicator(code)).toMatchObject({ unit: '万元', rollup: { method: 'city' }, reportedBy: 'city' });
    }
    expect(targetsOf(indicator('HLBE-27'))).toEqual([2025, 2026, 2027].map((year) => ({ year, op: '>=', value: 150 })));
  });
});
