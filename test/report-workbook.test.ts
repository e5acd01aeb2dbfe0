/**
 * The report workbook as leadership opens it: sheets, the numbers in their cells, status colours, units' text kept
 * as text (never a formula), charts embedded as PNG images.
 */
import ExcelJS from 'exceljs';
import { openZip } from '../pipeline/workbook/zip';
import { buildReport } from '../pipeline/report/model';
import { renderFlagsWorkbook, renderReportWorkbook, SHEETS } from '../pipeline/report/workbook';
import { renderReportCharts } from '../pipeline/charts/report-charts';
import { reportInput } from './fixtures/report-fixture';

const model = buildReport(reportInput());
let bytes: Buffer;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  bytes = await renderReportWorkbook(model, renderReportCharts(model));
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
});

function rowOf(sheet: ExcelJS.Worksheet, column: number, text: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(column).value === text) found = row;
  });
  if (!found) throw new Error(`no row with ${text} in ${sheet.name}`);
  return found;
}

test('the workbook has the summary, indicators, trend, matrix, flags, submissions and charts sheets', () => {
  expect(workbook.worksheets.map((s) => s.name)).toEqual([
    SHEETS.summary, SHEETS.indicators, SHEETS.trend, SHEETS.matrix, SHEETS.flags, SHEETS.submissions, SHEETS.charts,
  ]);
});

test('indicators: the city rate from summed numerators and denominators, expected, gap and status', () => {
  const sheet = workbook.getWorksheet(SHEETS.indicators)!;
  const f01 = rowOf(sheet, 3, '学前三年毛入园率');
  expect(f01.getCell(9).value).toBe(88.4);
  expect(f01.getCell(8).value as number).toBeCloseTo(89.933, 3);
  expect(f01.getCell(8).numFmt).toBe('0.0');
  expect(f01.getCell(10).value as number).toBeCloseTo(88.4 - 89.933, 3);
  expect(f01.getCell(11).value).toBe('接近进度');
  expect(f01.getCell(12).value).toBe('3/4');
  expect(f01.getCell(13).value).toBe('Σ在园幼儿数 840 ÷ Σ学前三年适龄人口 950');
  const f07 = rowOf(sheet, 3, '专任教师缺口');
  expect(f07.getCell(9).value).toBe(590);
  expect(f07.getCell(11).value).toBe('低于进度');
  expect((f07.getCell(11).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8CBAD');
  expect(rowOf(sheet, 3, '普惠性幼儿园覆盖率').getCell(11).value).toBe('不汇总');
});

test('summary: completeness and status counts', () => {
  const sheet = workbook.getWorksheet(SHEETS.summary)!;
  const texts: string[] = [];
  sheet.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)));
  expect(texts).toContain('应报 5 个单位，已报 4 个（4/5），其中逾期 1 个、重新报送 1 个；未报 1 个。');
  expect(texts).toContain('未报送：平房区教育局');
  expect(rowOf(sheet, 2, '低于进度').getCell(3).value).toBe(1);
  expect(rowOf(sheet, 2, '接近进度').getCell(3).value).toBe(2);
});

test('trend: the city figure month by month', () => {
  const sheet = workbook.getWorksheet(SHEETS.trend)!;
  const f01 = rowOf(sheet, 1, '学前三年毛入园率');
  // Columns C.. are 2025-01 … 2025-10; September is the ninth.
  expect(f01.getCell(3 + 8).value).toBe(87.7);
  expect(f01.getCell(3 + 9).value).toBe(88.4);
  expect(f01.getCell(3).value).toBe('—');
});

test('matrix: each district\'s value coloured by its status, a missing unit marked', () => {
  const sheet = workbook.getWorksheet(SHEETS.matrix)!;
  const nangang = rowOf(sheet, 1, '南岗区教育局');
  expect(nangang.getCell(3).value).toBe(75);
  expect((nangang.getCell(3).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8CBAD');
  expect(nangang.getCell(3).note).toBeTruthy();
  expect(rowOf(sheet, 1, '道外区教育局').getCell(2).value).toBe('逾期报送（第2版）');
  expect(rowOf(sheet, 1, '平房区教育局').getCell(3).value).toBe('未报');
});

test('flags: every flag with the unit\'s explanation and review status', () => {
  const sheet = workbook.getWorksheet(SHEETS.flags)!;
  expect(sheet.rowCount - 4).toBe(model.flags.length);
  const consecutive = rowOf(sheet, 3, '连续低于警戒线');
  expect(consecutive.getCell(4).value).toBe('南岗区教育局');
  expect(consecutive.getCell(7).value).toBe('适龄人口统计口径调整，两所新建幼儿园9月才开始招生。');
  const reviewed = rowOf(sheet, 6, '南岗区教育局“学前三年毛入园率”75%，未达到本月应达 89.9%（差 14.9个百分点）');
  expect(reviewed.getCell(9).value).toBe('需整改（2025年9月）');
  expect(reviewed.getCell(10).value).toBe('请于11月底前提交整改方案（王处长，2025-10-08 11:00）');
  expect(rowOf(sheet, 3, '未填情况说明').getCell(7).value).toBe('（未填写）');
});

test('text a unit typed is written as text, never as a formula', async () => {
  const flags = workbook.getWorksheet(SHEETS.flags)!;
  const cell = rowOf(flags, 5, '九年义务教育巩固率').getCell(7);
  expect(cell.value).toBe('=转学学籍待核实，预计11月补录');
  const submissions = workbook.getWorksheet(SHEETS.submissions)!;
  expect(rowOf(submissions, 1, '南岗区教育局').getCell(6).value).toBe('=HYPERLINK("http://x","张三")');
  // In the file itself: no formula element anywhere (the report computes nothing in Excel).
  const zip = await openZip(bytes);
  const sheets = zip.names().filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  expect(sheets).toHaveLength(7);
  for (const name of sheets) {
    let xml = '';
    await zip.readText(name, (text) => void (xml += text));
    expect(xml).not.toMatch(/<f[ >]/);
  }
  zip.close();
});

test('charts are embedded as PNG images', () => {
  const media = (workbook.model as unknown as { media: { extension: string; buffer: Buffer }[] }).media;
  // Four charts, each stored once; two of them are also shown on the summary.
  expect(media.length).toBe(4);
  expect(workbook.getWorksheet(SHEETS.summary)!.getImages()).toHaveLength(2);
  for (const image of media) {
    expect(image.extension).toBe('png');
    expect(image.buffer.subarray(1, 4).toString('latin1')).toBe('PNG');
  }
  expect(workbook.getWorksheet(SHEETS.charts)!.getImages()).toHaveLength(4);
});

test('a 责任单位 gets a workbook with only its flags', async () => {
  const rows = model.routed.get('市教育局高教处')!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderFlagsWorkbook(model, rows, '市教育局高教处')) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet(SHEETS.flags)!;
  expect(wb.worksheets).toHaveLength(1);
  expect(sheet.rowCount - 4).toBe(2);
  expect(sheet.getCell(1, 1).value).toBe('市教育局高教处：2025年10月需复核的预警（2 条）');
});
