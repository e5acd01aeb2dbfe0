/**
 * The catalog of seed 003 (哈爾濱教育整合實施方案): it parses, its citations are the seed's own (traditional) wording,
 * and a sample of values matches the seed — so a mistyped number fails here, not in a district's report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanSchema, type Indicator } from '../core/schema';
import { expectedValue, resolveTarget, targetForYear } from '../core/trajectory';
import { plan as input } from '../templates/plans/harbin-integration-2035';

const plan = PlanSchema.parse(input);
const seed = readFileSync(join(__dirname, '..', 'templates', 'seeds', plan.source), 'utf8');

function indicator(code: string): Indicator {
  const found = plan.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
}

const governing = (i: Indicator, year: number) => i.targets.filter((t) => t.year === year && t.governs !== false);
const overruled = (i: Indicator, year: number) => i.targets.filter((t) => t.year === year && t.governs === false);

describe('catalog harbin-integration-2035', () => {
  it('parses with PlanSchema for Harbin (230100) over 2024–2035', () => {
    expect(plan.id).toBe('harbin-integration-2035');
    expect(plan.city).toBe('230100');
    expect(plan.span).toEqual({ from: 2024, to: 2035 });
    expect(plan.source).toBe('003_55db37f863060bcc.txt');
    expect(plan.indicators).toHaveLength(70);
  });

  it('numbers its codes HRBINT-01… in sequence, each once', () => {
    const codes = plan.indicators.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(codes.map((_, n) => `HRBINT-${String(n + 1).padStart(2, '0')}`));
  });

  it('cites the traditional-character seed verbatim for every indicator and target', () => {
    const missing = plan.indicators.flatMap((i) => [
      ...(seed.includes(i.citation.text) ? [] : [i.code]),
      ...i.targets.filter((t) => t.citation && !seed.includes(t.citation.text)).map((t) => `${i.code}@${t.year}`),
    ]);
    expect(missing).toEqual([]);
    // Names are simplified even though the seed is traditional.
    expect(indicator('HRBINT-01').name).toBe('主城区与县域生均教育经费差距');
    expect(indicator('HRBINT-01').citation.text).toContain('主城區(qū)與縣域生均教育經(jīng)費差距從當前的35%縮小至15%以內(nèi)');
  });

  it('HRBINT-01: funding gap 35% (2022) to within 15% by 2024 (7.2) and 2025 (3.2), lower is better', () => {
    const gap = indicator('HRBINT-01');
    expect(gap.direction).toBe('lower');
    expect(gap.baseline).toEqual({ year: 2022, value: 35, wording: '差距达35%' });
    expect(governing(gap, 2024)).toEqual([expect.objectContaining({ op: '<=', value: 15 })]);
    expect(governing(gap, 2025)).toEqual([expect.objectContaining({ op: '<=', value: 15 })]);
    expect(gap.rollup).toEqual({ method: 'city' });
    expect(gap.reportedBy).toBe('city');
  });

  it('HRBINT-04: rural pupil–teacher ratio 1:15 → 1:12 is a ratio stored as 12, lower is better', () => {
    const ratio = indicator('HRBINT-04');
    expect(ratio.kind).toBe('ratio');
    expect(ratio.unit).toBe('1:x');
    expect(ratio.baseline?.value).toBe(15);
    expect(governing(ratio, 2025)).toEqual([expect.objectContaining({ op: '<=', value: 12, wording: '提升至1:12以上' })]);
    expect(ratio.rollup).toEqual({ method: 'ratio', numerator: '农村学校在校生数', denominator: '农村学校专任教师数', scale: 1 });
  });

  it('HRBINT-06: county first-tier rate governs as +15 points on 38.2 (3.2); 9.1\'s 53% is kept but overruled', () => {
    const rate = indicator('HRBINT-06');
    expect(rate.baseline).toEqual({ year: 2023, value: 38.2, wording: '较2023年的38.2%' });
    const [rule] = governing(rate, 2025);
    expect(rule).toMatchObject({ op: 'change', value: 15 });
    expect(resolveTarget(rate, rule!)).toMatchObject({ op: '>=', value: 53.2 });
    const [forecast] = overruled(rate, 2025);
    expect(forecast).toMatchObject({ op: '>=', value: 53 });
    expect(forecast?.citation?.text).toContain('預計提升至53%');
    expect(rule?.note).toContain('以3.2为准');
    expect(forecast?.note).toContain('以3.2为准');
  });

  it('HRBINT-11: teacher mobility ≥5% in 2025 and ≥8% in 2028 from under 2% in 2023', () => {
    const mobility = indicator('HRBINT-11');
    expect(mobility.baseline?.value).toBe(2);
    expect(targetForYear(mobility, 2025)).toMatchObject({ op: '>=', value: 5 });
    expect(targetForYear(mobility, 2027)).toMatchObject({ op: '>=', value: 8 });
    // A district sees 5% expected by December 2025 and a straight climb to 8% by December 2028.
    expect(expectedValue(mobility, '2025-12')).toBeCloseTo(5, 6);
    expect(expectedValue(mobility, '2027-06')).toBeCloseTo(5 + 3 * (18 / 36), 6);
  });

  it('HRBINT-27: local research commercialisation 25% (2023) → 50% by 2030 (5.3) and ≥40% by 2035 (3.3, 8.3)', () => {
    const transfer = indicator('HRBINT-27');
    expect(transfer.baseline).toMatchObject({ year: 2023, value: 25 });
    expect(transfer.targets.map((t) => [t.year, t.op, t.value, t.governs])).toEqual([[2030, '>=', 50, true], [2035, '>=', 40, true]]);
  });

  it('HRBINT-30: 200 staffing posts reallocated in 2024 govern (5.2, 8.1); 6.3\'s 300 is overruled', () => {
    const pool = indicator('HRBINT-30');
    expect(pool.kind).toBe('flow');
    expect(governing(pool, 2024)).toEqual([expect.objectContaining({ op: '>=', value: 200 })]);
    expect(overruled(pool, 2024)).toEqual([expect.objectContaining({ op: '>=', value: 300 })]);
    expect(overruled(pool, 2024)[0]?.citation?.text).toBe('首批調(diào)劑300個編制');
    // Half-way through 2024, half of the year's 200 posts are expected.
    expect(expectedValue(pool, '2024-06')).toBeCloseTo(100, 6);
  });

  it('HRBINT-31: annual equipment-sharing savings of 1.2亿元 govern every year; 7.3\'s 8000万元 is overruled', () => {
    const savings = indicator('HRBINT-31');
    for (let year = 2024; year <= 2035; year++) {
      expect(governing(savings, year).map((t) => t.value)).toEqual([1.2]);
      expect(overruled(savings, year).map((t) => t.value)).toEqual([0.8]);
    }
  });

  it('HRBINT-41: three monitoring rounds 20 points below the average trigger intervention (6.4)', () => {
    const monitoring = indicator('HRBINT-41');
    expect(monitoring.consecutiveRule).toEqual({ rounds: 3, below: 20, relativeTo: 'cityAverage' });
    expect(monitoring.citation.text).toContain('連續(xù)3次監(jiān)測成績低于城區(qū)平均分20分');
    expect(monitoring.unit).toBe('分');
    expect(monitoring.rollup).toMatchObject({ method: 'ratio', scale: 1 });
    expect(monitoring.responsible).toEqual(['市教育局', '市级教研团队']);
  });

  it('keeps exactly one governing target per year and explains every overruled one', () => {
    for (const i of plan.indicators) {
      for (const year of new Set(i.targets.map((t) => t.year))) {
        expect({ code: i.code, year, governing: governing(i, year).length }).toEqual({ code: i.code, year, governing: 1 });
        for (const t of overruled(i, year)) expect({ code: i.code, year, note: Boolean(t.note && t.citation) }).toEqual({ code: i.code, year, note: true });
      }
    }
  });

  it('sums only counts and lets the city alone report city-level figures', () => {
    for (const i of plan.indicators) {
      if (i.rollup.method === 'sum') expect({ code: i.code, kind: ['stock', 'flow'].includes(i.kind) }).toEqual({ code: i.code, kind: true });
      if (i.rollup.method === 'city') expect({ code: i.code, reportedBy: i.reportedBy }).toEqual({ code: i.code, reportedBy: 'city' });
    }
  });
});
