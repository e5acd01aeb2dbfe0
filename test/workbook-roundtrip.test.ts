import ExcelJS from 'exceljs';
import { buildLayout, columnIndex, address, type InputField } from '../core/layout';
import { renderTemplate } from '../pipeline/workbook/render-template';
import { fillCells, fillTemplate } from '../pipeline/workbook/fill';
import { readTemplate } from '../pipeline/workbook/read-template';
import { fixtureDistrict, fixturePlan, fixtureUnits } from './fixtures/plan-fixture';
import { unpackXlsx } from './fixtures/zip-writer';

const layout = buildLayout({ plan: fixturePlan, unit: fixtureDistrict, month: '2025-10', previous: { 'F-02': 88.5 } });
const at = (code: string, field: InputField) => layout.inputs.find((i) => i.code === code && i.field === field)!.address;
const catalog = { plans: [fixturePlan], units: fixtureUnits };
let template: Buffer;

beforeAll(async () => {
  template = await renderTemplate(layout);
});

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('the template written with exceljs', () => {
  it('unlocks exactly the layout inputs and protects the sheet without a password', async () => {
    const sheet = (await load(template)).getWorksheet(layout.sheetName)!;
    const unlocked: string[] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.protection?.locked === false) unlocked.push(cell.address);
    }));
    expect(unlocked.sort()).toEqual(layout.inputs.map((i) => i.address).sort());
    const xml = (await unpackXlsx(template)).get('xl/worksheets/sheet1.xml')!;
    const protection = /<sheetProtection [^>]*>/.exec(xml)![0];
    expect(protection).toContain('sheet="1"');
    expect(protection).not.toContain('hashValue');
    expect(protection).not.toMatch(/select(Un)?lockedCells="1"/i);
    expect(protection).toContain('formatColumns="0"');
  });

  it('keeps the metadata in a very hidden sheet', async () => {
    const wb = await load(template);
    const meta = wb.getWorksheet(layout.metaSheetName)!;
    expect(meta.state).toBe('veryHidden');
    expect(meta.getCell('A4').value).toBe('planId');
    expect(meta.getCell('B4').value).toBe('fixture-plan');
    expect(meta.getCell('B2').value).toBe(2);
    const workbookXml = (await unpackXlsx(template)).get('xl/workbook.xml')!;
    expect(workbookXml).toMatch(/<sheet [^>]*name="_plan_monitor"[^>]*state="veryHidden"/);
  });

  it('draws styles, formats, merges, widths, frozen panes, validations per range, conditional formats and the page', async () => {
    const sheet = (await load(template)).getWorksheet(layout.sheetName)!;
    expect(sheet.getCell('A1').value).toBe('测试市“十四五”教育发展规划 · 指标月报');
    expect(sheet.getCell('A1').font).toMatchObject({ name: 'Microsoft YaHei', size: 16, bold: true });
    expect(sheet.getCell(at('F-02', 'value')).fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFF9E5' } });
    expect(sheet.getCell(at('F-02', 'value')).numFmt).toBe('0.0');
    expect(sheet.getCell(at('F-06', 'value')).numFmt).toBe('@');
    const prevRow = layout.rows.find((r) => r.code === 'F-02')!.row;
    expect(sheet.getCell(address(prevRow, columnIndex('previous'))).value).toBe(88.5);
    expect(sheet.getColumn(columnIndex('name')).width).toBe(34);
    expect(sheet.getColumn(columnIndex('sign')).hidden).toBe(true);
    expect(sheet.getRow(1).height).toBe(30);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });

    const xml = (await unpackXlsx(template)).get('xl/worksheets/sheet1.xml')!;
    for (const merge of layout.merges) expect(xml).toContain(`<mergeCell ref="${merge}"/>`);
    const sqrefs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    const expected = layout.validations.map((v) => (v.range.split(':')[0] === v.range.split(':')[1] ? v.range.split(':')[0] : v.range));
    expect(sqrefs.sort()).toEqual(expected.sort());
    expect(sqrefs).toContain(`K${layout.rows[0]!.row}:K${layout.rows[2]!.row}`);
    const rules = [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)"><cfRule type="expression" dxfId="\d+" priority="(\d)"><formula>([^<]+)<\/formula>/g)];
    expect(rules.map((m) => [m[1], m[2]])).toEqual(layout.conditionalFormats.map((c) => [c.range, String(c.priority)]));
    const workbookXml = (await unpackXlsx(template)).get('xl/workbook.xml')!;
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;指标填报&apos;!$1:$3</definedName>');
    expect(workbookXml).toContain(`&apos;指标填报&apos;!$A$1:$L$${layout.lastRow}`);
  });

  it('gives rows with long wrapped names the height of their lines, and leaves one-line rows to grow as typed', async () => {
    const long = '中小学（含中等职业学校）专任教师中具有研究生学历教师的比例（含在职攻读）';
    const plan = { ...fixturePlan, indicators: fixturePlan.indicators.map((i) => (i.code === 'F-04' ? { ...i, name: long } : i)) };
    const tall = buildLayout({ plan, unit: fixtureDistrict, month: '2025-10' });
    const sheet = (await load(await renderTemplate(tall))).getWorksheet(tall.sheetName)!;
    expect(sheet.getRow(tall.rows.find((r) => r.code === 'F-04')!.row).height).toBeGreaterThanOrEqual(30);
    expect(sheet.getRow(tall.rows.find((r) => r.code === 'F-02')!.row).height).toBeUndefined();
    expect(sheet.properties.defaultRowHeight).toBe(18);
  });

  it('writes catalog text that looks like a formula as text', async () => {
    const plan = { ...fixturePlan, indicators: fixturePlan.indicators.map((i) => (i.code === 'F-02' ? { ...i, name: '=1+1 覆盖率' } : i)) };
    const odd = buildLayout({ plan, unit: fixtureDistrict, month: '2025-10' });
    const sheet = (await load(await renderTemplate(odd))).getWorksheet(odd.sheetName)!;
    const row = odd.rows.find((r) => r.code === 'F-02')!.row;
    expect(sheet.getCell(address(row, columnIndex('name'))).value).toBe('=1+1 覆盖率');
    expect(sheet.getCell(address(row, columnIndex('name'))).formula).toBeUndefined();
  });
});

describe('a filled template read back', () => {
  it('returns the values, explanations and evaluations as typed by a user, with the warnings at their cells', async () => {
    const filled = await fillTemplate(template, layout, {
      'F-01': { numerator: 1200, denominator: 1300 },
      'F-02': { value: '90%' },
      'F-03': { value: '1,200' },
      'F-04': { value: { percent: 0.985 } },
      'F-05': { value: { stored: 0.05, numFmt: 'h:mm' } }, // "1:12" typed, taken by Excel for 1:12 a.m.
      'F-06': { value: '否', explanation: '=SUM(A1)' },
      'F-07': { value: '９０' },
    });
    const result = await readTemplate(filled, { ...catalog, expect: { unitCode: '230102', month: '2025-10' } });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.submission).toMatchObject({
      planId: 'fixture-plan', unitCode: '230102', month: '2025-10', templateId: 'plan-monitor/indicator-template', templateVersion: 2,
    });
    expect(result.submission.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.submission.entries).toEqual([
      { code: 'F-01', value: 92.3, numerator: 1200, denominator: 1300, explanation: '' },
      { code: 'F-02', value: 90, explanation: '' },
      { code: 'F-03', value: 1200, explanation: '' },
      { code: 'F-04', value: 98.5, explanation: '' },
      { code: 'F-05', value: 12, explanation: '' },
      { code: 'F-06', value: 0, explanation: '=SUM(A1)' },
      { code: 'F-07', value: 90, explanation: '' },
    ]);
    expect(result.evaluations.map((e) => [e.code, e.status])).toEqual([
      ['F-01', 'met'], ['F-02', 'met'], ['F-03', 'no_target'], ['F-04', 'at_risk'], ['F-05', 'met'], ['F-06', 'short'], ['F-07', 'no_target'],
    ]);
    // F-06 is explained; F-04 is not.
    expect(result.issues.map((i) => [i.severity, i.cell, i.code])).toEqual([['warning', at('F-04', 'explanation'), 'explanation_required']]);
  });

  it('ignores a target, an expectation or a computed rate typed over in the sheet', async () => {
    const row = layout.rows.find((r) => r.code === 'F-02')!.row;
    const ratioRow = layout.rows.find((r) => r.code === 'F-01')!.row;
    const honest = await fillTemplate(template, layout, { 'F-02': { value: 85 }, 'F-01': { numerator: 800, denominator: 1000 } });
    const tampered = await fillCells(honest, {
      [address(row, columnIndex('expected'))]: 10,
      [address(row, columnIndex('yearTarget'))]: '≥10（2025年）',
      [address(ratioRow, columnIndex('actual'))]: 99,
    });
    const a = await readTemplate(honest, catalog);
    const b = await readTemplate(tampered, catalog);
    if (!a.ok || !b.ok) throw new Error('expected both to be read');
    expect(b.evaluations).toEqual(a.evaluations);
    expect(b.evaluations.find((e) => e.code === 'F-02')).toMatchObject({ status: 'short', expected: expect.closeTo(89.67, 2) });
    expect(b.submission.entries.find((e) => e.code === 'F-01')!.value).toBe(80);
  });

  it('refuses a workbook with errors, listing each at its cell', async () => {
    const filled = await fillTemplate(template, layout, {
      'F-02': { value: '九十' },
      'F-01': { numerator: 1400, denominator: 1300 },
      'F-07': { value: '=H7*2' },
    });
    const result = await readTemplate(filled, catalog);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('invalid');
    expect(result.issues.map((i) => [i.severity, i.cell, i.code])).toEqual([
      ['error', at('F-01', 'numerator'), 'numerator_exceeds_denominator'],
      ['error', at('F-02', 'value'), 'unparseable'],
      ['error', at('F-07', 'value'), 'unparseable'],
    ]);
    expect(result.issues[1]!.zh).toBe('普惠性幼儿园覆盖率（本月实际）：“九十”不是有效的值，应填写百分数，如 90 或 90%');
    // typed into a number cell, "=H7*2" became a formula: its text is named, its result ignored
    expect(result.issues[2]!.zh).toContain('“=H7*2”');
  });

  it('reads an untouched template as all missing, without errors', async () => {
    const result = await readTemplate(template, catalog);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.evaluations.every((e) => e.status === 'missing')).toBe(true);
    expect(result.issues).toEqual([]);
  });
});
