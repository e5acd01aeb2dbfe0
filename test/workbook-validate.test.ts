import { buildLayout, type InputField } from '../core/layout';
import { validateInputs, type RawCell } from '../core/validate';
import { fixtureCity, fixtureDistrict, fixturePlan } from './fixtures/plan-fixture';

const layout = buildLayout({ plan: fixturePlan, unit: fixtureDistrict, month: '2025-10' });
const at = (code: string, field: InputField) => layout.inputs.find((i) => i.code === code && i.field === field)!.address;

function validate(values: Record<string, Partial<Record<InputField, unknown>>>, numFmts: Record<string, string> = {}) {
  const cells: Record<string, RawCell> = {};
  for (const [code, fields] of Object.entries(values)) {
    for (const [field, value] of Object.entries(fields)) {
      const addr = at(code, field as InputField);
      cells[addr] = { value, ...(numFmts[addr] ? { numFmt: numFmts[addr] } : {}) };
    }
  }
  const result = validateInputs(layout, fixturePlan, fixtureDistrict, cells);
  const entry = (code: string) => result.entries.find((e) => e.code === code)!;
  const evaluation = (code: string) => result.evaluations.find((e) => e.code === code)!;
  return { ...result, entry, evaluation };
}

describe('validateInputs: values as officials type them', () => {
  it('accepts numbers, "90%", a percentage-formatted 0.9, full-width "９０", "1,200", "1:12" and 是/否', () => {
    const r = validate({
      'F-02': { value: '90%' },
      'F-03': { value: '４５' },
      'F-04': { value: 0.995 },
      'F-05': { value: '1:12' },
      'F-06': { value: '是' },
      'F-07': { value: '1,200' },
    }, { [at('F-04', 'value')]: '0.0%' });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.entry('F-02').value).toBe(90);
    expect(r.entry('F-03').value).toBe(45);
    expect(r.entry('F-04').value).toBe(99.5);
    expect(r.entry('F-05').value).toBe(12);
    expect(r.entry('F-06').value).toBe(1);
    expect(r.entry('F-07').value).toBe(1200);
    expect(r.evaluation('F-02').status).toBe('met');
    expect(r.evaluation('F-01').status).toBe('missing');
  });

  it('computes a rolled-up rate from numerator and denominator, rounded as the sheet shows it, ignoring any 本月实际', () => {
    const actual = layout.cells.find((c) => c.row === layout.rows[0]!.row && c.col === 8)!.address;
    const r = validateInputs(layout, fixturePlan, fixtureDistrict, {
      [at('F-01', 'numerator')]: { value: 1200 },
      [at('F-01', 'denominator')]: { value: 1300 },
      [actual]: { value: 12 }, // the formula's cached result, or a value typed over it: never read
    });
    expect(r.entries[0]).toEqual({ code: 'F-01', value: 92.3, numerator: 1200, denominator: 1300, explanation: '' });
    expect(r.evaluations[0]!.status).toBe('met');
  });

  it('refuses text in a number cell with the cell, the indicator and what was expected', () => {
    const r = validate({ 'F-02': { value: '九十' } });
    expect(r.issues).toEqual([{
      severity: 'error', cell: at('F-02', 'value'), code: 'unparseable', field: 'value',
      zh: '普惠性幼儿园覆盖率（本月实际）：“九十”不是有效的值，应填写百分数，如 90 或 90%',
      en: 'Inclusive kindergarten coverage (actual value): "九十" is not a valid value; expected a percentage such as 90 or 90%',
    }]);
    expect(r.evaluation('F-02').status).toBe('invalid');
    expect(r.entry('F-02').value).toBeNull();
  });

  it('refuses a percentage sign on a count, typed or as a cell format', () => {
    const typed = validate({ 'F-03': { value: '50%' } });
    const formatted = validate({ 'F-03': { value: 0.5 } }, { [at('F-03', 'value')]: '0%' });
    for (const r of [typed, formatted]) {
      expect(r.issues.map((i) => [i.cell, i.code])).toEqual([[at('F-03', 'value'), 'unparseable']]);
      expect(r.issues[0]!.zh).toContain('“50%”不是有效的值');
    }
  });

  it('reads "1:12" that Excel took for a time back as the ratio, and refuses a number Excel took for a date', () => {
    const r = validate({ 'F-05': { value: 0.05 }, 'F-03': { value: 45942 } },
      { [at('F-05', 'value')]: 'h:mm', [at('F-03', 'value')]: 'yyyy/m/d' });
    expect(r.entry('F-05').value).toBe(12);
    expect(r.issues.map((i) => [i.cell, i.code])).toEqual([[at('F-03', 'value'), 'unparseable']]);
    expect(r.issues[0]!.zh).toBe('新增公办幼儿园（本月实际）：Excel 把输入识别成了日期或时间（单元格格式“yyyy/m/d”），请把单元格格式改为“常规”后重新输入数值');
    expect(validate({ 'F-05': { value: 72.5 / 86400 } }, { [at('F-05', 'value')]: 'mm:ss.0' }).entry('F-05').value).toBe(12.5);
  });

  it('refuses values out of range, fractional counts and a formula typed into an input cell', () => {
    const r = validate({ 'F-02': { value: 120 }, 'F-03': { value: 2.5 }, 'F-07': { value: '=A1*2' } });
    expect(r.issues.map((i) => [i.cell, i.code])).toEqual([
      [at('F-02', 'value'), 'out_of_range'],
      [at('F-03', 'value'), 'not_whole'],
      [at('F-07', 'value'), 'unparseable'],
    ]);
    expect(r.issues[0]!.zh).toBe('普惠性幼儿园覆盖率（本月实际）：数值 120 大于允许的最大值 100');
    expect(r.issues[1]!.zh).toBe('新增公办幼儿园（本月实际）：应填写整数，“2.5”不是整数');
    expect(r.issues[2]!.zh).toContain('“=A1*2”不是有效的值');
  });

  it('refuses a numerator above its denominator, a missing half and a zero denominator', () => {
    const over = validate({ 'F-01': { numerator: 1400, denominator: 1300 } });
    expect(over.issues).toEqual([expect.objectContaining({
      cell: at('F-01', 'numerator'), code: 'numerator_exceeds_denominator',
      zh: '学前三年毛入园率（分子）：分子（在园幼儿数）1400 大于分母（学前三年适龄人口）1300，比率超过 100%',
    })]);
    const half = validate({ 'F-01': { numerator: 1200 } });
    expect(half.issues).toEqual([expect.objectContaining({
      cell: at('F-01', 'denominator'), code: 'incomplete_ratio',
      zh: '学前三年毛入园率（分母）：分子和分母须同时填写，请填写分母（学前三年适龄人口）',
    })]);
    expect(half.entry('F-01')).toMatchObject({ value: null, numerator: 1200, denominator: null });
    const zero = validate({ 'F-01': { numerator: 0, denominator: 0 } });
    expect(zero.issues.map((i) => [i.cell, i.code])).toEqual([[at('F-01', 'denominator'), 'denominator_zero']]);
    const negative = validate({ 'F-01': { numerator: -5, denominator: 100 } });
    expect(negative.issues.map((i) => [i.cell, i.code])).toEqual([[at('F-01', 'numerator'), 'out_of_range']]);
  });

  it('warns on a shortfall without explanation, at the explanation cell, with the gap', () => {
    const r = validate({ 'F-02': { value: 80 }, 'F-04': { value: 98.8 }, 'F-06': { value: '否' } });
    expect(r.evaluation('F-02').status).toBe('short');
    expect(r.evaluation('F-04').status).toBe('at_risk');
    expect(r.issues.map((i) => [i.severity, i.cell, i.code])).toEqual([
      ['warning', at('F-02', 'explanation'), 'explanation_required'],
      ['warning', at('F-04', 'explanation'), 'explanation_required'],
      ['warning', at('F-06', 'explanation'), 'explanation_required'],
    ]);
    expect(r.issues[0]!.zh).toBe('普惠性幼儿园覆盖率：本月实际 80 未达到本月应达 89.7（相差 9.7个百分点），请填写情况说明（原因和整改措施）');
    expect(r.issues[2]!.zh).toBe('建成智慧教育示范区：尚未完成，按计划本月应已完成，请填写情况说明（原因和整改措施）');
  });

  it('keeps an explanation as text (a formula-looking one too) and refuses one over 500 characters', () => {
    const r = validate({ 'F-02': { value: 80, explanation: '  =SUM(A1) 招生人数下降  ' } });
    expect(r.issues).toEqual([]);
    expect(r.entry('F-02').explanation).toBe('=SUM(A1) 招生人数下降');
    const long = validate({ 'F-02': { value: 95, explanation: '说'.repeat(501) } });
    expect(long.issues.map((i) => [i.cell, i.code])).toEqual([[at('F-02', 'explanation'), 'explanation_too_long']]);
    expect(long.issues[0]!.zh).toBe('普惠性幼儿园覆盖率（情况说明）：情况说明有 501 字，不能超过 500 字');
  });

  it('judges the city bureau against the city expectation', () => {
    const cityLayout = buildLayout({ plan: fixturePlan, unit: fixtureCity, month: '2025-10' });
    const cell = cityLayout.inputs.find((i) => i.field === 'value')!.address;
    const r = validateInputs(cityLayout, fixturePlan, fixtureCity, { [cell]: { value: 60 } });
    expect(r.entries).toEqual([{ code: 'F-08', value: 60, explanation: '' }]);
    expect(r.evaluations[0]).toMatchObject({ status: 'short', unitCode: '230100' });
    expect(r.issues.map((i) => i.code)).toEqual(['explanation_required']);
  });
});
