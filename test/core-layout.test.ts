import { PlanSchema, UnitSchema } from '../core/schema';
import { buildLayout, columnIndex, FIRST_DATA_ROW, address } from '../core/layout';
import { evaluate } from '../core/evaluate';

const cite = { file: 'test', text: 'test' };
const plan = PlanSchema.parse({
  id: 'test-plan', title: '测试市教育规划', issuer: '测试市人民政府', city: '230100', span: { from: 2021, to: 2025 },
  source: 'test', version: 3,
  indicators: [
    { code: 'T-01', category: '学前教育', name: '学前三年毛入园率', unit: '%', kind: 'rate', direction: 'higher',
      baseline: { year: 2020, value: 88.2 }, targets: [{ year: 2025, op: '>=', value: 90 }],
      rollup: { method: 'ratio', numerator: '在园幼儿数', denominator: '学前三年适龄人口', scale: 100 }, citation: cite },
    { code: 'T-02', category: '学前教育', name: '新增公办园', unit: '所', kind: 'flow', direction: 'higher', decimals: 0,
      baseline: null, targets: [{ year: 2025, op: '>=', value: 50 }], rollup: { method: 'sum' }, citation: cite },
    { code: 'T-03', category: '义务教育', name: '九年义务教育巩固率', unit: '%', kind: 'rate', direction: 'hold',
      baseline: { year: 2020, value: 99.2 }, targets: [{ year: 2025, op: '>=', value: 99, wording: '99以上' }],
      rollup: { method: 'ratio', numerator: '初中毕业班学生数', denominator: '该年级入学时学生数', scale: 100 }, citation: cite },
    { code: 'T-04', category: '高等教育', name: '高等教育毛入学率', unit: '%', kind: 'rate', direction: 'higher',
      baseline: { year: 2020, value: 60 }, targets: [{ year: 2025, op: '>=', value: 65 }],
      rollup: { method: 'city' }, reportedBy: 'city', citation: cite },
  ],
});
const district = UnitSchema.parse({ code: '230102', name: '道里区', city: '230100', parent: '230100', kind: 'district' });
const city = UnitSchema.parse({ code: '230100', name: '哈尔滨市', city: '230100', parent: null, kind: 'city' });

describe('template layout', () => {
  const layout = buildLayout({ plan, unit: district, month: '2025-10', previous: { 'T-03': 99.1 } });
  const cell = (addr: string) => layout.cells.find((c) => c.address === addr);

  it('titles the sheet with plan, unit and the month in Chinese', () => {
    expect(cell('A1')?.value).toBe('测试市教育规划 · 指标月报');
    expect(String(cell('A2')?.value)).toContain('填报单位：道里区　报告月份：2025年10月　模板版本：v3.1');
  });

  it('groups indicators by category and leaves city-level indicators to the city', () => {
    expect(cell(`A${FIRST_DATA_ROW}`)?.value).toBe('学前教育');
    expect(layout.rows.map((r) => r.code)).toEqual(['T-01', 'T-02', 'T-03']);
    const cityLayout = buildLayout({ plan, unit: city, month: '2025-10' });
    expect(cityLayout.rows.map((r) => r.code)).toEqual(['T-04']);
  });

  it('unlocks exactly the input cells: numerator and denominator for a rolled-up rate, value otherwise, and explanations', () => {
    const unlocked = layout.cells.filter((c) => !c.locked).map((c) => c.address).sort();
    expect(unlocked).toEqual(layout.inputs.map((i) => i.address).sort());
    const t01 = layout.rows.find((r) => r.code === 'T-01')!;
    expect(layout.inputs.filter((i) => i.code === 'T-01').map((i) => i.field)).toEqual(['numerator', 'denominator', 'explanation']);
    expect(cell(address(t01.row, columnIndex('actual')))?.value).toEqual({
      formula: `IF(OR(I${t01.row}="",J${t01.row}="",J${t01.row}=0),"",ROUND(I${t01.row}/J${t01.row}*100,1))`,
    });
  });

  it('shows the month expectation, the year target and last month for reference, locked', () => {
    const t03 = layout.rows.find((r) => r.code === 'T-03')!.row;
    expect(cell(address(t03, columnIndex('expected')))).toMatchObject({ value: 99, locked: true });
    expect(cell(address(t03, columnIndex('yearTarget')))?.value).toBe('≥99（2025年）');
    expect(cell(address(t03, columnIndex('previous')))?.value).toBe(99.1);
    expect(() => PlanSchema.parse({ ...plan, indicators: [{ ...plan.indicators[2]!, rollup: { method: 'sum' } }] }))
      .toThrow('only counts (stock, flow) roll up by sum');
    // a district's count has no expectation of its own; the city total is shown for reference
    const t02 = layout.rows.find((r) => r.code === 'T-02')!.row;
    expect(cell(address(t02, columnIndex('expected')))?.value).toBe('—');
    expect(cell(address(t02, columnIndex('yearTarget')))?.value).toBe('全市≥50（2025年）');
  });

  it('validates per range and colours shortfalls with three rules over the input column', () => {
    const ranges = layout.validations.map((v) => v.range);
    expect(ranges).toContain(`K${FIRST_DATA_ROW + 1}:K${FIRST_DATA_ROW + 2}`);
    expect(layout.conditionalFormats.map((c) => c.meaning)).toEqual(['short', 'at_risk', 'on_track']);
    expect(layout.conditionalFormats[0]!.range).toBe(`H${FIRST_DATA_ROW}:H${layout.lastRow}`);
  });

  it('carries the template identity in the metadata', () => {
    expect(layout.meta).toEqual({
      templateId: 'plan-monitor/indicator-template', templateVersion: 3, layoutRevision: 1,
      planId: 'test-plan', unitCode: '230102', month: '2025-10',
    });
  });

  it('judges a district count in the city total only', () => {
    const t02 = plan.indicators[1]!;
    expect(evaluate({ indicator: t02, unitCode: '230102', month: '2025-06', actual: 3, scope: 'unit' }).status).toBe('no_target');
    expect(evaluate({ indicator: t02, unitCode: '230100', month: '2025-06', actual: 20, scope: 'city' }).status).toBe('short');
  });
});
