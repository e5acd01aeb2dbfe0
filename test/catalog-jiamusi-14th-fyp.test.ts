/**
 * The Jiamusi 14th Five-Year education catalog against its seed: numbers transcribed as the seed prints them,
 * composite cells split, and every place the seed contradicts itself kept twice with exactly one governing value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanSchema, UnitSchema, type Indicator, type Plan, type Unit } from '../core/schema';
import { buildLayout, columnIndex, type TemplateLayout } from '../core/layout';
import { expectedValue, finalTarget } from '../core/trajectory';
import { plan as planInput } from '../templates/plans/jiamusi-14th-fyp';

const plan: Plan = PlanSchema.parse(planInput);
const seed = readFileSync(join(__dirname, '..', 'templates', 'seeds', plan.source), 'utf8');

function indicator(code: string): Indicator {
  const found = plan.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
}

function targetsOf(code: string, year: number) {
  return indicator(code).targets.filter((t) => t.year === year);
}

/** What the sheet shows in one column of an indicator's row. */
function shown(layout: TemplateLayout, code: string, column: 'baseline' | 'yearTarget'): unknown {
  const row = layout.rows.find((r) => r.code === code)?.row;
  return layout.cells.find((c) => c.row === row && c.col === columnIndex(column))?.value;
}

const cityBureau: Unit = UnitSchema.parse({ code: '230800', name: '佳木斯市教育局', city: '230800', parent: null, kind: 'city' });
const huanan: Unit = UnitSchema.parse({ code: '230822', name: '桦南县教育局', city: '230800', parent: '230800', kind: 'county' });

describe('jiamusi-14th-fyp catalog', () => {
  it('parses with PlanSchema as the Jiamusi plan for 2021–2025', () => {
    expect(plan.id).toBe('jiamusi-14th-fyp');
    expect(plan.city).toBe('230800');
    expect(plan.span).toEqual({ from: 2021, to: 2025 });
    expect(plan.source).toBe('002_d70858b1bb74f32d.txt');
    expect(plan.issuer).toBe('佳木斯市人民政府');
    expect(seed).toContain(plan.title);
  });

  it('numbers its 43 indicators JMS14-01.. in seed order without gaps or repeats', () => {
    const codes = plan.indicators.map((i) => i.code);
    expect(codes).toEqual(Array.from({ length: 43 }, (_, i) => `JMS14-${String(i + 1).padStart(2, '0')}`));
  });

  it('cites the seed verbatim for every indicator and every target that carries its own citation', () => {
    const misses: string[] = [];
    for (const i of plan.indicators) {
      if (i.citation.file !== plan.source || !seed.includes(i.citation.text)) misses.push(i.code);
      for (const t of i.targets) {
        if (t.citation && (t.citation.file !== plan.source || !seed.includes(t.citation.text))) misses.push(`${i.code}/${t.year}/${t.value}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it('splits the composite cell "90/87.2/51 | 93/88/53 | 90/90/52" into three indicators', () => {
    const rows = ['JMS14-01', 'JMS14-02', 'JMS14-03'].map((code) => {
      const i = indicator(code);
      const governing = (year: number) => i.targets.find((t) => t.year === year && t.governs)?.value;
      return [i.name, i.baseline?.value, governing(2022), governing(2025)];
    });
    expect(rows).toEqual([
      ['学前教育三年毛入园率', 90, 93, 90],
      ['普惠性幼儿园覆盖率', 87.2, 88, 90],
      ['公办幼儿园在园幼儿比例', 51, 53, 52],
    ]);
    for (const code of ['JMS14-01', 'JMS14-02', 'JMS14-03']) expect(indicator(code).note).toContain('90/87.2/51');
  });

  it.each([
    // code, baseline 2020, op and value 2022, op and value 2025, direction
    ['JMS14-04', 99, '>', 99, '>', 99, 'hold'],
    ['JMS14-06', 80, '>=', 80, '>', 80, 'higher'],
    ['JMS14-08', 78, '>=', 82, '>=', 88, 'higher'],
    ['JMS14-09', 100, '>=', 100, '>=', 100, 'hold'],
    ['JMS14-11', 73, '>=', 74, '>=', 75, 'higher'],
    ['JMS14-12', 53.5, '>=', 54.5, '>=', 55, 'higher'],
    ['JMS14-13', 11.3, '>=', 11.5, '>=', 12, 'higher'],
    ['JMS14-14', 96.7, '>=', 97, '>=', 98, 'higher'],
  ] as const)('table row %s: baseline %d, 2022 %s %d, 2025 %s %d', (code, base, op22, v22, op25, v25, direction) => {
    const i = indicator(code);
    expect(i.baseline).toMatchObject({ year: 2020, value: base });
    expect(targetsOf(code, 2022)).toEqual([expect.objectContaining({ op: op22, value: v22 })]);
    expect(targetsOf(code, 2025).find((t) => t.governs)).toMatchObject({ op: op25, value: v25 });
    expect(i.direction).toBe(direction);
  });

  it('reads the text targets as the seed words them', () => {
    expect(finalTarget(indicator('JMS14-15'))).toMatchObject({ year: 2025, op: '>=', value: 10 });
    expect(indicator('JMS14-16').targets).toEqual([expect.objectContaining({ year: 2024, op: '=', value: 1 })]);
    expect(finalTarget(indicator('JMS14-19'))).toMatchObject({ op: 'between', value: 2, max: 3 });
    expect(finalTarget(indicator('JMS14-20'))).toMatchObject({ op: '>=', value: 24 });
    expect(finalTarget(indicator('JMS14-23'))).toMatchObject({ op: 'between', value: 4, max: 6 });
    expect(finalTarget(indicator('JMS14-24'))).toMatchObject({ op: '>=', value: 97 });
    expect(indicator('JMS14-26')).toMatchObject({ kind: 'ratio', unit: '1:x' });
    expect(finalTarget(indicator('JMS14-26'))).toMatchObject({ op: '<=', value: 3.1 });
    expect(finalTarget(indicator('JMS14-39'))).toMatchObject({ op: '<=', value: 3 });
    expect(['JMS14-33', 'JMS14-34', 'JMS14-35'].map((c) => finalTarget(indicator(c))?.value)).toEqual([30, 60, 100]);
    expect(['JMS14-41', 'JMS14-42'].map((c) => finalTarget(indicator(c))?.value)).toEqual([80, 100]);
    expect(indicator('JMS14-43').targets).toEqual([expect.objectContaining({ year: 2022, op: '=', value: 1 })]);
  });

  it('expects 24 校本培训 credits every year, accumulating through the year (half by June)', () => {
    const credits = indicator('JMS14-36');
    expect(credits.kind).toBe('flow');
    expect(credits.targets.map((t) => [t.year, t.value])).toEqual([[2021, 24], [2022, 24], [2023, 24], [2024, 24], [2025, 24]]);
    expect(expectedValue(credits, '2024-06')).toBeCloseTo(12, 9);
    expect(expectedValue(credits, '2024-12')).toBeCloseTo(24, 9);
  });

  describe('where the seed contradicts itself', () => {
    it.each([
      // code, year, governing value (table or 主要任务), non-governing value, wording of the non-governing passage
      ['JMS14-02', 2025, 90, 85, '普惠性幼儿园覆盖率达到85%'],
      ['JMS14-07', 2025, 97.5, 96, '高中阶段教育毛入学率保持在96%'],
      ['JMS14-05', 2025, 20, 40, '推动桦川县、东风区、桦南县、汤原县通过'],
      ['JMS14-22', 2025, 5, 5, '5-10个省级高水平及优质专业(群)'],
    ] as const)('%s %d keeps both values: %d governs, %d does not', (code, year, governingValue, otherValue, otherWording) => {
      const both = targetsOf(code, year);
      expect(both).toHaveLength(2);
      const governing = both.filter((t) => t.governs);
      const other = both.filter((t) => !t.governs);
      expect(governing).toHaveLength(1);
      expect(other).toHaveLength(1);
      expect(governing[0]!.value).toBe(governingValue);
      expect(other[0]!.value).toBe(otherValue);
      expect(other[0]!.citation?.text).toContain(otherWording);
      for (const t of both) {
        expect(seed).toContain(t.citation!.text);
        expect(t.note).toMatch(/为准/);
      }
      expect(governing[0]!.citation!.text).not.toBe(other[0]!.citation!.text);
    });

    it('keeps the vocational range 5-8 governing over 5-10', () => {
      const ranges = targetsOf('JMS14-22', 2025).map((t) => [t.value, t.max, t.governs]);
      expect(ranges).toEqual([[5, 8, true], [5, 10, false]]);
    });

    it('aims the trajectory at the governing value: 97.5 and 90 by December 2025, not the text\'s 96 and 85', () => {
      expect(expectedValue(indicator('JMS14-07'), '2025-12')).toBe(97.5);
      expect(expectedValue(indicator('JMS14-02'), '2025-12')).toBe(90);
      expect(expectedValue(indicator('JMS14-05'), '2025-12')).toBe(20);
    });

    it.each([
      ['JMS14-01', 90, '学前三年毛入园率88.2%'],
      ['JMS14-02', 87.2, '普惠性幼儿园覆盖率80.09%'],
      ['JMS14-03', 51, '公办园幼儿占比50.1%'],
    ] as const)('%s baseline: the table\'s 2020 value %d governs, the text\'s "%s" is kept in the note', (code, tableValue, textWording) => {
      const i = indicator(code);
      expect(i.baseline).toMatchObject({ year: 2020, value: tableValue });
      expect(seed).toContain(textWording);
      expect(i.note).toContain(textWording);
      expect(i.note).toContain('以指标表为准');
    });

    it('starts the 普惠 trajectory from the table\'s 87.2 (87.6 expected at the end of 2021), not the text\'s 80.09', () => {
      expect(expectedValue(indicator('JMS14-02'), '2021-12')).toBeCloseTo(87.6, 9);
    });

    it('records no contradiction where the text agrees: 高中阶段毛入学率 2020 is 95 in both', () => {
      expect(seed).toContain('高中阶段教育毛入学率95%');
      expect(indicator('JMS14-07').baseline?.value).toBe(95);
      expect(targetsOf('JMS14-01', 2025)).toHaveLength(1);
    });
  });

  it('shows the governing values in the templates: a county sees ≥97.5 and ≥90 for 2025, base 87.2; the city bureau ≥20', () => {
    const county = buildLayout({ plan, unit: huanan, month: '2025-06' });
    expect(shown(county, 'JMS14-07', 'yearTarget')).toBe('≥97.5（2025年）');
    expect(shown(county, 'JMS14-02', 'yearTarget')).toBe('≥90（2025年）');
    expect(shown(county, 'JMS14-02', 'baseline')).toBe('87.2（2020年）');
    expect(shown(county, 'JMS14-26', 'yearTarget')).toBe('≤1:3.1（2025年）');
    expect(county.rows.some((r) => r.code === 'JMS14-05')).toBe(false);
    const city = buildLayout({ plan, unit: cityBureau, month: '2025-06' });
    expect(shown(city, 'JMS14-05', 'yearTarget')).toBe('≥20（2025年）');
    expect(shown(city, 'JMS14-22', 'yearTarget')).toBe('5-8（2025年）');
    expect(county.rows.length + city.rows.length).toBe(plan.indicators.length);
  });

  it('never sums a rate: rates roll up from numerator and denominator or stay with the city', () => {
    const summed = plan.indicators.filter((i) => i.rollup.method === 'sum').map((i) => i.code);
    expect(summed).toEqual(['JMS14-23']);
    expect(indicator('JMS14-01').rollup).toEqual({ method: 'ratio', numerator: '在园幼儿数', denominator: '学前三年适龄人口', scale: 100 });
    const cityOnly = plan.indicators.filter((i) => i.reportedBy === 'city').map((i) => i.code);
    expect(cityOnly).toEqual(expect.arrayContaining(['JMS14-05', 'JMS14-12', 'JMS14-13', 'JMS14-14', 'JMS14-16']));
    for (const code of cityOnly) expect(indicator(code).rollup.method).toBe('city');
  });

  it('names no 责任单位 because the seed names none', () => {
    expect(seed).not.toContain('责任单位');
    expect(plan.indicators.every((i) => i.responsible.length === 0)).toBe(true);
  });
});
