/**
 * The report workbook leadership gets attached (exceljs): 概要 (summary), 指标 (indicators with trend),
 * 单位指标矩阵 (unit × indicator), 预警与复核 (flags with the units' explanations and review status),
 * 报送情况 (who sent what when) and 图表 (the charts as PNG — exceljs cannot make native charts).
 *
 * Everything a unit typed (explanations, names) is written as a text cell, never as a formula: a 情况说明
 * beginning with "=" stays the words the unit wrote.
 *
 * Written with exceljs' streaming writer, row by row, each row committed as soon as it is complete: a city of
 * thousands of units makes hundreds of thousands of cells, which the in-memory workbook holds at about a kilobyte
 * each. The streaming writer places no pictures, so the charts are added to the finished file (xlsx-images.ts).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Indicator, Status } from '../../core/schema';
import { FONT } from '../../core/layout';
import { formatValue } from '../../core/flags';
import { monthLabelZh, parseMonth } from '../../core/month';
import { expectationFor } from '../../core/trajectory';
import type { ReportChart } from '../charts/report-charts';
import type { FlagRow, IndicatorRow, ReportModel } from './model';
import { STATUS_ORDER, ageWarning, explanationText, stillOpen } from './model';
import { addImages, type SheetImage } from './xlsx-images';
import { collectGarbage } from '../memory';
import {
  BRAND, FLAG_LABEL, REVIEW_LABEL, SEVERITY_COLOR, SEVERITY_LABEL, STATUS_COLOR, STATUS_LABEL, SUBMISSION_LABEL,
  formatTimeZh,
} from './wording';

export const SHEETS = {
  summary: '概要',
  indicators: '指标',
  trend: '指标走势',
  matrix: '单位指标矩阵',
  flags: '预警与复核',
  submissions: '报送情况',
  charts: '图表',
} as const;

type Align = Partial<ExcelJS.Alignment>;

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: `FF${BRAND.rule}` } },
  left: { style: 'thin', color: { argb: `FF${BRAND.rule}` } },
  bottom: { style: 'thin', color: { argb: `FF${BRAND.rule}` } },
  right: { style: 'thin', color: { argb: `FF${BRAND.rule}` } },
};

/** A workbook being written: the writer, how many sheets it has, the pictures to add when it is finished. */
interface Book {
  writer: ExcelJS.stream.xlsx.WorkbookWriter;
  sheets: number;
  images: SheetImage[];
  done: Promise<Buffer>;
}

type Sheet = ExcelJS.Worksheet & { sheetIndex: number };

export async function renderReportWorkbook(model: ReportModel, charts: ReportChart[]): Promise<Buffer> {
  const book = newBook(model);
  drawSummary(book, model, charts);
  await drawIndicators(book, model);
  await drawTrend(book, model);
  await drawMatrix(book, model);
  collectGarbage();
  await drawFlags(book, model.flags, model);
  collectGarbage();
  await drawSubmissions(book, model);
  drawCharts(book, model, charts);
  return finish(book);
}

/** The workbook a 责任单位 gets: only the flags routed to it. */
export async function renderFlagsWorkbook(model: ReportModel, flags: FlagRow[], responsible: string): Promise<Buffer> {
  const book = newBook(model);
  await drawFlags(book, flags, model, `${responsible}：${model.monthLabel}需复核的预警（${flags.length} 条）`);
  return finish(book);
}

export function reportFileName(model: ReportModel): string {
  return `${model.plan.title}-指标监测月报-${model.month}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
}

function newBook(model: ReportModel): Book {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  // Fast compression: the sheets are written faster than zlib's default level compresses them, and what waits is
  // held uncompressed in memory.
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 1 } } });
  writer.creator = 'Plan Monitor';
  writer.title = `${model.plan.title} 指标监测月报 ${model.monthLabel}`;
  // The report is about its month, not the moment it was written: a rerun gives the same workbook.
  writer.created = new Date(model.generatedAt);
  writer.modified = new Date(model.generatedAt);
  return { writer, sheets: 0, images: [], done };
}

/**
 * exceljs' sheet stream also emits every row it is given as a separate 'data' Buffer — to no listener until the zip
 * gets to the sheet — which for a large sheet is tens of megabytes of garbage. Paused, it only keeps the rows in
 * its buffers, which is all the zip needs; it is resumed when the sheet is committed (see endSheet).
 */
interface SheetStream {
  pause(): void;
  resume(): void;
}

function addSheet(book: Book, name: string, options: Partial<ExcelJS.AddWorksheetOptions> = {}): Sheet {
  book.sheets++;
  const sheet = book.writer.addWorksheet(name, options);
  (sheet as unknown as { stream: SheetStream }).stream.pause();
  return Object.assign(sheet, { sheetIndex: book.sheets });
}

function endSheet(sheet: Sheet): void {
  (sheet as unknown as { stream: SheetStream }).stream.resume();
  sheet.commit();
}

async function finish(book: Book): Promise<Buffer> {
  await book.writer.commit();
  return addImages(await book.done, book.images);
}

/**
 * Writes a finished row out; it cannot be changed afterwards. Every few hundred rows the event loop gets a turn, so
 * that the zip compresses what is written: without it a whole sheet's XML waits in memory.
 */
async function commitRow(sheet: Sheet, row: number): Promise<void> {
  sheet.getRow(row).commit();
  if (row % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
}

// ---------------------------------------------------------------------------------------------------------------
// cells

/** How a cell looks; every distinct look becomes one shared style object. */
interface Look {
  font?: Partial<ExcelJS.Font>;
  fill?: string;
  align?: Partial<ExcelJS.Alignment>;
  numFmt?: string;
  /** Thin grey border (default true). */
  border?: boolean;
}

// A cell is given a whole shared style object, never one built for it: exceljs recognises a style object it has
// seen by identity (a WeakMap) and otherwise serialises each cell's style to compare — for a large city's hundreds
// of thousands of cells, most of the report's writing time. Nothing may change a style property of a cell after
// (that would change every cell sharing it): looks are composed before they are applied.
const looks = new Map<string, Partial<ExcelJS.Style>>();
/** Keys of shared parts by identity, so that a look's key is cheap to make for every cell. */
const partKeys = new WeakMap<object, string>();

function partKey(part: object | undefined): string {
  if (!part) return '';
  let key = partKeys.get(part);
  if (key === undefined) partKeys.set(part, (key = JSON.stringify(part)));
  return key;
}

function styleOf(look: Look): Partial<ExcelJS.Style> {
  const key = `${partKey(look.align)}|${look.numFmt ?? ''}|${look.fill ?? ''}|${partKey(look.font)}|${look.border === false ? 0 : 1}`;
  let style = looks.get(key);
  if (!style) {
    style = {
      font: { name: FONT, size: 10, ...look.font },
      border: look.border === false ? {} : THIN,
      ...(look.align ? { alignment: look.align } : {}),
      ...(look.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${look.fill}` } } } : {}),
      ...(look.numFmt ? { numFmt: look.numFmt } : {}),
    };
    looks.set(key, style);
  }
  return style;
}

function put(cell: ExcelJS.Cell, value: ExcelJS.CellValue, look: Look): void {
  cell.value = value;
  cell.style = styleOf(look);
}

const ALIGN = {
  wrap: { vertical: 'middle', wrapText: true },
  center: { horizontal: 'center', vertical: 'middle' },
  right: { horizontal: 'right', vertical: 'middle' },
  centerWrap: { horizontal: 'center', vertical: 'middle', wrapText: true },
  middle: { vertical: 'middle' },
} as const satisfies Record<string, Align>;

const color = (rgb: string) => ({ argb: `FF${rgb}` });

/** A text cell: the value is a string whatever it starts with, and the cell is formatted as text. */
function text(cell: ExcelJS.Cell, value: string, align: Align = ALIGN.wrap, look: Look = {}): void {
  put(cell, value, { align, numFmt: '@', ...look });
}

/** Display width of text in Excel's column units: a CJK character is about two digits wide. */
function displayWidth(value: string): number {
  let width = 0;
  for (const ch of value) width += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return width;
}

/**
 * Sets a row's height from its wrapped text. Excel grows rows to wrapped text when it opens a file, LibreOffice
 * and WPS keep the default height and let the lines overlap; so the height is written.
 */
function fitRowHeight(sheet: Sheet, row: number, lineHeight = 14): void {
  let lines = 1;
  sheet.getRow(row).eachCell((cell, col) => {
    if (typeof cell.value !== 'string' || !cell.alignment?.wrapText || cell.isMerged) return;
    const width = Math.max(1, (sheet.getColumn(col).width ?? 9) - 1);
    const needed = cell.value.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / width)), 0);
    lines = Math.max(lines, needed);
  });
  sheet.getRow(row).height = Math.max(18, lines * lineHeight + 4);
}

function numberFormat(indicator: Pick<Indicator, 'kind' | 'decimals'>): string {
  const digits = indicator.decimals > 0 ? `0.${'0'.repeat(indicator.decimals)}` : '#,##0';
  return indicator.kind === 'ratio' ? `"1:"${digits}` : digits;
}

/** A value of an indicator: a number in its format, 是/否 for a milestone, "—" when absent. */
function valueCell(cell: ExcelJS.Cell, indicator: Indicator, value: number | null, look: Look = {}): void {
  if (value === null) return put(cell, '—', { align: ALIGN.center, ...look });
  if (indicator.kind === 'milestone') return put(cell, value >= 1 ? '是' : '否', { align: ALIGN.center, ...look });
  put(cell, value, { align: ALIGN.right, numFmt: numberFormat(indicator), ...look });
}

function gapCell(cell: ExcelJS.Cell, indicator: Indicator, gap: number | null): void {
  if (gap === null || indicator.kind === 'milestone') return put(cell, '—', { align: ALIGN.center });
  const digits = indicator.decimals > 0 ? `0.${'0'.repeat(indicator.decimals)}` : '#,##0';
  put(cell, gap, { align: ALIGN.right, numFmt: `+${digits};-${digits};0` });
}

/** The look of a status: its fill and font colour (made once per status: looks are keyed by identity). */
const statusLooks = new Map<string, Look>();
function statusLook(status: Status, bold = true): Look {
  const key = `${status}|${bold}`;
  let look = statusLooks.get(key);
  if (!look) statusLooks.set(key, (look = { fill: STATUS_COLOR[status].fill, font: { bold, color: color(STATUS_COLOR[status].font) } }));
  return look;
}

function statusCell(cell: ExcelJS.Cell, status: Status | null): void {
  if (!status) return put(cell, '不汇总', NOT_ROLLED_UP);
  put(cell, STATUS_LABEL[status].zh, { align: ALIGN.center, ...statusLook(status) });
}

const SEVERITY_LOOK = Object.fromEntries((['critical', 'warning', 'info'] as const).map((s) => [s, {
  fill: SEVERITY_COLOR[s].fill, font: { bold: true, color: color(SEVERITY_COLOR[s].font) },
}])) as Record<'critical' | 'warning' | 'info', Look>;
const NOT_ROLLED_UP: Look = { align: ALIGN.center, font: { color: color(BRAND.grey) } };
const BOLD: Look['font'] = { bold: true };
const PLAIN: Look['font'] = { bold: false };

const HEADER: Look = { align: ALIGN.centerWrap, fill: BRAND.dark, font: { bold: true, color: color('FFFFFF') } };

function headerAt(sheet: Sheet, row: number, col: number, headers: [string, string][], height = 30): void {
  headers.forEach(([zh, en], i) => put(sheet.getCell(row, col + i), `${zh}\n${en}`, HEADER));
  sheet.getRow(row).height = height;
}

function headerRow(sheet: Sheet, row: number, headers: [string, string][], height = 30): void {
  headerAt(sheet, row, 1, headers, height);
}

function numberAt(sheet: Sheet, row: number, col: number, value: number, bold = false): void {
  put(sheet.getCell(row, col), value, { align: ALIGN.center, font: bold ? BOLD : PLAIN });
}

function titleRows(sheet: Sheet, model: ReportModel, title: string, lastCol: number): number {
  sheet.mergeCells(1, 1, 1, lastCol);
  put(sheet.getCell(1, 1), title, { align: ALIGN.middle, border: false, font: { size: 15, bold: true, color: color(BRAND.dark) } });
  sheet.getRow(1).height = 28;
  sheet.mergeCells(2, 1, 2, lastCol);
  put(sheet.getCell(2, 1), `《${model.plan.title}》\u3000报告月份：${model.monthLabel}\u3000生成时间：${formatTimeZh(model.generatedAt)}（北京时间）`,
    { align: ALIGN.wrap, border: false, font: { color: color(BRAND.grey) } });
  sheet.getRow(2).height = 20;
  return 4;
}

function sectionTitle(sheet: Sheet, row: number, zh: string, lastCol: number): void {
  sheet.mergeCells(row, 1, row, lastCol);
  put(sheet.getCell(row, 1), zh, { align: ALIGN.middle, border: false, fill: BRAND.light, font: { size: 12, bold: true, color: color(BRAND.dark) } });
  sheet.getRow(row).height = 22;
}

/**
 * A4, one page wide, page numbers in the footer. Given when the sheet is added: the streaming writer writes the
 * sheet's properties (fit to page) before its first row.
 */
function printed(orientation: 'portrait' | 'landscape', titleRow?: string, titleColumns?: string): Partial<ExcelJS.AddWorksheetOptions> {
  // A sheet with its own title columns (the matrix: a column per indicator) is too wide for one page: it runs over
  // as many pages across as it needs, at a readable scale, the unit names repeated on each.
  const fit = titleColumns ? { fitToPage: false, scale: 70, printTitlesColumn: titleColumns } : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return {
    pageSetup: {
      paperSize: 9, orientation, horizontalCentered: !titleColumns, ...fit,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      ...(titleRow ? { printTitlesRow: titleRow } : {}),
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', oddHeader: '' },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// sheets

function drawSummary(book: Book, model: ReportModel, charts: ReportChart[]): void {
  const sheet = addSheet(book, SHEETS.summary, { properties: { tabColor: { argb: `FF${BRAND.dark}` } }, ...printed('portrait') });
  sheet.columns = [{ width: 6 }, { width: 34 }, { width: 10 }, { width: 13 }, { width: 13 }, { width: 13 }, { width: 11 }, { width: 12 }];
  const lastCol = 8;
  let row = titleRows(sheet, model, `${model.plan.title} · 指标监测月报 · ${model.monthLabel}`, lastCol);

  sectionTitle(sheet, row++, '报送情况 Submissions', lastCol);
  for (const line of completenessLines(model)) {
    sheet.mergeCells(row, 1, row, lastCol);
    text(sheet.getCell(row, 1), line, ALIGN.wrap, { border: false });
    sheet.getRow(row).height = Math.max(18, 16 * Math.ceil(line.length / 70));
    row++;
  }
  row++;

  sectionTitle(sheet, row++, '全市指标进度 City indicators by status', lastCol);
  headerAt(sheet, row++, 2, [['状态', 'Status'], ['项数', 'Count']]);
  for (const status of STATUS_ORDER) {
    if (status === 'invalid' || (status === 'no_target' && model.statusCounts.no_target === 0)) continue;
    statusCell(sheet.getCell(row, 2), status);
    numberAt(sheet, row, 3, model.statusCounts[status], true);
    row++;
  }
  const notRolledUp = model.indicators.filter((r) => !r.evaluation).length;
  if (notRolledUp > 0) {
    sheet.mergeCells(row, 2, row, lastCol);
    text(sheet.getCell(row, 2), `另有 ${notRolledUp} 项指标由各单位分别填报、不汇总为全市数值（见“${SHEETS.matrix}”）。`, ALIGN.wrap, { border: false });
    row++;
  }
  row++;

  sectionTitle(sheet, row++, '未达进度的指标（差距从大到小） Indicators behind the trajectory', lastCol);
  headerRow(sheet, row++, [['序号', 'No.'], ['指标', 'Indicator'], ['单位', 'Unit'], ['本月实际', 'Actual'], ['本月应达', 'Expected'], ['差距', 'Gap'], ['状态', 'Status'], ['报送单位', 'Reporting']]);
  if (model.shortfalls.length === 0) {
    sheet.mergeCells(row, 1, row, lastCol);
    text(sheet.getCell(row++, 1), '本月没有低于进度的全市指标。');
  }
  model.shortfalls.forEach((r, i) => {
    const e = r.evaluation!;
    numberAt(sheet, row, 1, i + 1);
    text(sheet.getCell(row, 2), r.indicator.name);
    text(sheet.getCell(row, 3), r.indicator.unit, ALIGN.center);
    valueCell(sheet.getCell(row, 4), r.indicator, e.actual);
    valueCell(sheet.getCell(row, 5), r.indicator, e.expected);
    gapCell(sheet.getCell(row, 6), r.indicator, e.gap);
    statusCell(sheet.getCell(row, 7), e.status);
    text(sheet.getCell(row, 8), reportingText(r), ALIGN.center);
    fitRowHeight(sheet, row);
    row++;
  });
  row++;

  sectionTitle(sheet, row++, '预警 Flags', lastCol);
  headerAt(sheet, row++, 2, [['预警类型', 'Kind'], ['严重', 'Critical'], ['警示', 'Warning'], ['提示', 'Info'], ['合计', 'Total']]);
  const kinds = [...new Set(model.flags.map((f) => f.flag.kind))];
  if (kinds.length === 0) {
    sheet.mergeCells(row, 2, row, 6);
    text(sheet.getCell(row++, 2), '本月没有预警。');
  }
  for (const kind of kinds) {
    const of = model.flags.filter((f) => f.flag.kind === kind);
    text(sheet.getCell(row, 2), FLAG_LABEL[kind].zh);
    (['critical', 'warning', 'info'] as const).forEach((s, i) => numberAt(sheet, row, 3 + i, of.filter((f) => f.flag.severity === s).length));
    numberAt(sheet, row, 6, of.length, true);
    row++;
  }
  row += 1;

  const shown = charts.filter((ch) => ch.id === 'status' || ch.id === 'attainment');
  for (const chart of shown) row = placeImage(book, sheet, chart, row);
  endSheet(sheet);
}

export function completenessLines(model: ReportModel): string[] {
  const c = model.completeness;
  const names = (state: 'late' | 'missing') => model.submissions.filter((s) => s.state === state).map((s) => s.unit.name).join('、');
  const among = [c.late > 0 ? `逾期 ${c.late} 个` : '', c.resubmitted > 0 ? `重新报送 ${c.resubmitted} 个` : ''].filter(Boolean).join('、');
  const lines = [`应报 ${c.owing} 个单位，已报 ${c.submitted} 个（${c.submitted}/${c.owing}）${among ? `，其中${among}` : ''}；` +
    `${c.missing > 0 ? `未报 ${c.missing} 个。` : '全部报送。'}`];
  if (c.missing > 0) lines.push(`未报送：${names('missing')}`);
  if (c.late > 0) lines.push(`逾期报送：${names('late')}`);
  return lines;
}

export function reportingText(row: IndicatorRow): string {
  if (row.figure.method === 'own') return '市本级';
  return `${row.figure.contributors}/${row.figure.reporters}`;
}

function rollupText(row: IndicatorRow): string {
  const { indicator, figure } = row;
  switch (figure.method) {
    case 'own':
      return '市本级填报';
    case 'sum':
      return `各单位合计（${figure.contributors}/${figure.reporters} 个单位）`;
    case 'ratio': {
      if (indicator.rollup.method !== 'ratio') return '';
      const { numerator, denominator } = indicator.rollup;
      return figure.numerator === null
        ? `Σ${numerator} ÷ Σ${denominator}`
        : `Σ${numerator} ${figure.numerator.toLocaleString('en-US')} ÷ Σ${denominator} ${figure.denominator!.toLocaleString('en-US')}`;
    }
    case 'none':
      return '由各单位分别填报，不汇总';
  }
}

async function drawIndicators(book: Book, model: ReportModel): Promise<void> {
  const sheet = addSheet(book, SHEETS.indicators, { views: [{ state: 'frozen', xSplit: 3, ySplit: 4 }], ...printed('landscape', '4:4') });
  const columns: [string, string, number][] = [
    ['序号', 'No.', 5], ['一级指标', 'Category', 11], ['指标名称', 'Indicator', 26], ['单位', 'Unit', 6], ['基期', 'Baseline', 13],
    ['规划目标', 'Plan target', 14], ['本年目标', 'This year', 14], ['本月应达', 'Expected', 10], ['本月实际', 'Actual', 10],
    ['差距', 'Gap', 8], ['状态', 'Status', 10], ['报送单位', 'Reporting', 9], ['汇总方式', 'Roll-up', 28],
  ];
  sheet.columns = columns.map(([, , width]) => ({ width }));
  titleRows(sheet, model, `指标进度（全市） · ${model.monthLabel}`, columns.length);
  const headRow = 4;
  headerRow(sheet, headRow, columns.map(([zh, en]) => [zh, en]));
  let row = headRow + 1;
  for (const [i, r] of model.indicators.entries()) {
    const e = r.evaluation;
    const { indicator } = r;
    numberAt(sheet, row, 1, i + 1);
    text(sheet.getCell(row, 2), indicator.category);
    text(sheet.getCell(row, 3), indicator.name);
    text(sheet.getCell(row, 4), indicator.unit, ALIGN.center);
    text(sheet.getCell(row, 5), indicator.baseline ? `${formatValue(indicator, indicator.baseline.value)}（${indicator.baseline.year}年）` : '—');
    text(sheet.getCell(row, 6), r.finalTargetText);
    text(sheet.getCell(row, 7), r.yearTargetText);
    valueCell(sheet.getCell(row, 8), indicator, e?.expected ?? null);
    valueCell(sheet.getCell(row, 9), indicator, r.figure.value);
    gapCell(sheet.getCell(row, 10), indicator, e?.gap ?? null);
    statusCell(sheet.getCell(row, 11), e?.status ?? null);
    text(sheet.getCell(row, 12), reportingText(r), ALIGN.center);
    text(sheet.getCell(row, 13), rollupText(r));
    fitRowHeight(sheet, row);
    await commitRow(sheet, row);
    row++;
  }
  sheet.autoFilter = { from: { row: headRow, column: 1 }, to: { row: headRow, column: columns.length } };
  endSheet(sheet);
}

/** The city figure of every indicator month by month, with what the trajectory expected in the last month. */
async function drawTrend(book: Book, model: ReportModel): Promise<void> {
  const sheet = addSheet(book, SHEETS.trend, { views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }], ...printed('landscape', '4:4') });
  const months = model.trendMonths;
  sheet.columns = [{ width: 26 }, { width: 6 }, ...months.map(() => ({ width: 9 })), { width: 10 }];
  titleRows(sheet, model, `指标走势（全市，逐月） · ${model.monthLabel}`, months.length + 3);
  const headRow = 4;
  headerRow(sheet, headRow, [
    ['指标名称', 'Indicator'], ['单位', 'Unit'],
    ...months.map((m): [string, string] => [`${parseMonth(m).month}月`, m.slice(0, 4)]),
    ['本月应达', 'Expected'],
  ]);
  let row = headRow + 1;
  for (const r of model.indicators) {
    text(sheet.getCell(row, 1), r.indicator.name);
    text(sheet.getCell(row, 2), r.indicator.unit, ALIGN.center);
    r.trend.forEach((p, t) => valueCell(sheet.getCell(row, 3 + t), r.indicator, p.value));
    valueCell(sheet.getCell(row, 3 + months.length), r.indicator, r.evaluation?.expected ?? null, { fill: 'F2F2F2' });
    fitRowHeight(sheet, row);
    await commitRow(sheet, row);
    row++;
  }
  row++;
  sheet.mergeCells(row, 1, row, months.length + 3);
  text(sheet.getCell(row, 1), '“—”表示该月没有数据；按“各单位合计”汇总的指标，报送单位不全的月份数值偏低（见“指标”工作表的报送单位）。', ALIGN.wrap, { border: false });
  endSheet(sheet);
}

async function drawMatrix(book: Book, model: ReportModel): Promise<void> {
  const { units, indicators, cells } = model.matrix;
  const sheet = addSheet(book, SHEETS.matrix, { views: [{ state: 'frozen', xSplit: 2, ySplit: 5 }], ...printed('landscape', '4:5', 'A:B') });
  sheet.columns = [{ width: 16 }, { width: 10 }, ...indicators.map(() => ({ width: 12 }))];
  titleRows(sheet, model, `单位 × 指标 · ${model.monthLabel}（颜色为各单位相对本月应达进度的状态）`, Math.max(2, Math.min(indicators.length + 2, 12)));
  const headRow = 4;
  headerAt(sheet, headRow, 1, [['单位', 'Unit'], ['报送', 'Submitted']]);
  indicators.forEach((indicator, i) => put(sheet.getCell(headRow, 3 + i), `${indicator.name}（${indicator.unit}）`, HEADER));
  sheet.getRow(headRow).height = 58;
  // Row 5: what a district is held to this month (a district's count has no target of its own: "—").
  text(sheet.getCell(headRow + 1, 1), '本月应达（单位）', ALIGN.middle);
  text(sheet.getCell(headRow + 1, 2), '');
  indicators.forEach((indicator, i) => valueCell(sheet.getCell(headRow + 1, 3 + i), indicator, expectationFor(indicator, model.month, 'unit'), { fill: 'F2F2F2' }));
  const submissionState = new Map(model.submissions.map((s) => [s.unit.code, s]));
  let row = headRow + 2;
  for (const unit of units) {
    text(sheet.getCell(row, 1), unit.name);
    const state = submissionState.get(unit.code);
    const label = state ? SUBMISSION_LABEL[state.state].zh + (state.record && state.record.versions > 1 ? `（第${state.record.versions}版）` : '') : '—';
    text(sheet.getCell(row, 2), label, ALIGN.centerWrap);
    const rowCells = cells.get(unit.code);
    indicators.forEach((indicator, i) => {
      const cell = sheet.getCell(row, 3 + i);
      const c = rowCells?.get(indicator.code);
      if (!c || state?.state === 'missing') return put(cell, '未报', { align: ALIGN.center, fill: STATUS_COLOR.missing.fill });
      valueCell(cell, indicator, c.value, c.status === 'no_target' ? {} : statusLook(c.status, false));
      // The unit's explanation rides along as a cell note: a text note, never evaluated.
      if (c.explanation) cell.note = { texts: [{ text: `情况说明：${c.explanation}` }] };
    });
    fitRowHeight(sheet, row);
    await commitRow(sheet, row);
    row++;
  }
  row++;
  sheet.mergeCells(row, 1, row, Math.max(2, Math.min(indicators.length + 2, 12)));
  text(sheet.getCell(row, 1), `图例：${(['met', 'on_track', 'at_risk', 'short', 'missing'] as Status[]).map((s) => STATUS_LABEL[s].zh).join(' / ')}（颜色同“${SHEETS.indicators}”）；带批注的单元格附有单位的情况说明。`, ALIGN.wrap, { border: false });
  endSheet(sheet);
}

async function drawFlags(book: Book, flags: FlagRow[], model: ReportModel, title?: string): Promise<void> {
  const sheet = addSheet(book, SHEETS.flags, { views: [{ state: 'frozen', ySplit: 4 }], ...printed('landscape', '4:4') });
  const columns: [string, string, number][] = [
    ['序号', 'No.', 5], ['级别', 'Severity', 7], ['预警类型', 'Kind', 12], ['单位', 'Unit', 12], ['指标', 'Indicator', 16],
    ['预警内容', 'Flag', 40], ['单位情况说明', "Unit's explanation", 30], ['责任单位', 'Responsible', 14],
    ['复核状态', 'Review', 12], ['复核意见', 'Comment', 30], ['整改要求', 'Action required', 24], ['整改期限', 'Due by', 11],
    ['已持续天数', 'Days open', 9],
  ];
  sheet.columns = columns.map(([, , width]) => ({ width }));
  titleRows(sheet, model, title ?? `预警与复核 · ${model.monthLabel}（共 ${flags.length} 条）`, 8);
  headerRow(sheet, 4, columns.map(([zh, en]) => [zh, en]));
  let row = 5;
  for (const [i, f] of flags.entries()) {
    numberAt(sheet, row, 1, i + 1);
    text(sheet.getCell(row, 2), SEVERITY_LABEL[f.flag.severity].zh, ALIGN.center, SEVERITY_LOOK[f.flag.severity]);
    text(sheet.getCell(row, 3), FLAG_LABEL[f.flag.kind].zh);
    text(sheet.getCell(row, 4), f.unit.name);
    text(sheet.getCell(row, 5), f.indicator?.name ?? '—');
    text(sheet.getCell(row, 6), f.flag.message);
    text(sheet.getCell(row, 7), explanationText(f));
    text(sheet.getCell(row, 8), f.flag.responsible.join('、') || '—');
    const review = f.review;
    text(sheet.getCell(row, 9), review ? `${REVIEW_LABEL[review.status].zh}${review.month !== model.month ? `（${monthLabelZh(review.month)}）` : ''}` : REVIEW_LABEL.open.zh);
    text(sheet.getCell(row, 10), review ? reviewComment(review) : '');
    const actionRequired = review?.status === 'action_required';
    text(sheet.getCell(row, 11), actionRequired ? review.action ?? '' : '');
    text(sheet.getCell(row, 12), actionRequired ? review.dueBy ?? '' : '', ALIGN.center);
    // Open a month or more (wording.ts AGE_WARNING_DAYS): the days stand out like a warning.
    if (stillOpen(f)) put(sheet.getCell(row, 13), f.ageDays, { align: ALIGN.center, ...(ageWarning(f) ? SEVERITY_LOOK.warning : {}) });
    // Accepted or resolved: no longer counting — the status says why.
    else text(sheet.getCell(row, 13), REVIEW_LABEL[review!.status].zh, ALIGN.center, { font: { color: color(BRAND.grey) } });
    fitRowHeight(sheet, row);
    await commitRow(sheet, row);
    row++;
  }
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: columns.length } };
  endSheet(sheet);
}

/** "请于11月底前提交整改方案（王处长，2025-10-08 11:00）" */
function reviewComment(review: NonNullable<FlagRow['review']>): string {
  return `${review.comment}（${review.reviewer}，${formatTimeZh(review.at)}）`;
}

async function drawSubmissions(book: Book, model: ReportModel): Promise<void> {
  const sheet = addSheet(book, SHEETS.submissions, { views: [{ state: 'frozen', ySplit: 4 }], ...printed('portrait', '4:4') });
  const columns: [string, string, number][] = [
    ['单位', 'Unit', 18], ['状态', 'State', 10], ['首次报送（北京时间）', 'First accepted', 18], ['采用版本报送时间', 'Counted version', 18],
    ['版本数', 'Versions', 8], ['填报人', 'Submitted by', 16],
  ];
  sheet.columns = columns.map(([, , width]) => ({ width }));
  titleRows(sheet, model, `报送情况 · ${model.monthLabel}`, columns.length);
  headerRow(sheet, 4, columns.map(([zh, en]) => [zh, en]));
  let row = 5;
  for (const s of model.submissions) {
    text(sheet.getCell(row, 1), s.unit.name);
    const stateFill = s.state === 'on_time' ? undefined : s.state === 'missing' ? STATUS_COLOR.short.fill : STATUS_COLOR.at_risk.fill;
    text(sheet.getCell(row, 2), SUBMISSION_LABEL[s.state].zh, ALIGN.center, stateFill ? { fill: stateFill } : {});
    text(sheet.getCell(row, 3), s.record ? formatTimeZh(s.record.firstAcceptedAt) : '—');
    text(sheet.getCell(row, 4), s.record ? formatTimeZh(s.record.acceptedAt) : '—');
    numberAt(sheet, row, 5, s.record?.versions ?? 0);
    text(sheet.getCell(row, 6), s.record?.submittedBy ?? '');
    fitRowHeight(sheet, row);
    await commitRow(sheet, row);
    row++;
  }
  if (model.deadline) {
    row++;
    sheet.mergeCells(row, 1, row, columns.length);
    text(sheet.getCell(row, 1), `报送截止时间：${formatTimeZh(model.deadline)}（北京时间）；首次报送晚于截止时间的记为逾期。`, ALIGN.wrap, { border: false });
  }
  endSheet(sheet);
}

function drawCharts(book: Book, model: ReportModel, charts: ReportChart[]): void {
  const sheet = addSheet(book, SHEETS.charts, printed('portrait'));
  sheet.columns = Array.from({ length: 10 }, () => ({ width: 10 }));
  let row = titleRows(sheet, model, `图表 · ${model.monthLabel}`, 10);
  for (const chart of charts) {
    sheet.mergeCells(row, 1, row, 10);
    text(sheet.getCell(row, 1), chart.alt, ALIGN.wrap, { border: false });
    sheet.getRow(row).height = Math.max(18, 15 * Math.ceil(chart.alt.length / 60));
    row = placeImage(book, sheet, chart, row + 1);
  }
  endSheet(sheet);
}

/** Puts a chart at a row (column A) and returns the first row below it. Rows are 20 px high by default. */
function placeImage(book: Book, sheet: Sheet, chart: ReportChart, row: number): number {
  book.images.push({ sheet: sheet.sheetIndex, png: chart.png, col: 0, row: row - 1, width: chart.width, height: chart.height, name: chart.title });
  return row + Math.ceil(chart.height / 20) + 2;
}
