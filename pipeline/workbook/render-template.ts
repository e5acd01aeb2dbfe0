/**
 * Draws a template layout (core/layout.ts) as an .xlsx with exceljs — the workbook a unit without the add-in gets
 * by mail or from `plan-monitor template`. Everything drawn comes from the layout; nothing is re-derived here.
 */
import ExcelJS from 'exceljs';
import { FONT, STYLES, type CellValue, type LayoutCell, type LayoutValidation, type TemplateLayout } from '../../core/layout';

const BORDER_COLOR = 'FFBFBFBF';
/** exceljs' paperSize code for A4. */
const PAPER_A4 = 9;

export async function renderTemplate(layout: TemplateLayout): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Plan Monitor';
  workbook.created = new Date();
  drawDataSheet(workbook, layout);
  drawMetaSheet(workbook, layout);
  await protectDataSheet(workbook.getWorksheet(layout.sheetName)!);
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}

function drawDataSheet(workbook: ExcelJS.Workbook, layout: TemplateLayout): void {
  const sheet = workbook.addWorksheet(layout.sheetName, {
    views: [{ state: 'frozen', xSplit: layout.freeze.columns, ySplit: layout.freeze.rows, activeCell: firstInput(layout) }],
    pageSetup: {
      paperSize: PAPER_A4,
      orientation: layout.print.orientation,
      fitToPage: layout.print.fitToWidth,
      fitToWidth: 1,
      // 0: as many pages down as needed, one page across.
      fitToHeight: 0,
      // exceljs prefixes "$" to the columns only; rows made absolute here give a clean $A$1:$L$13.
      printArea: layout.print.area.replace(/([A-Z]+)(\d+)/g, '$1$$$2'),
      printTitlesRow: layout.print.printTitleRows,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
    // Microsoft YaHei needs more height than Calibri's default 15 points.
    properties: { defaultRowHeight: DEFAULT_ROW_HEIGHT },
  });
  sheet.columns = layout.columns.map((c) => ({ key: c.key, width: c.width, hidden: c.hidden ?? false }));
  for (const { row, height } of layout.rowHeights) sheet.getRow(row).height = height;
  for (const [row, height] of wrappedRowHeights(layout)) sheet.getRow(row).height = height;
  for (const cell of layout.cells) drawCell(sheet, cell);
  for (const range of layout.merges) sheet.mergeCells(range);
  for (const v of layout.validations) addValidation(sheet, v);
  for (const cf of layout.conditionalFormats) {
    sheet.addConditionalFormatting({
      ref: cf.range,
      rules: [{
        type: 'expression',
        priority: cf.priority,
        formulae: [cf.formula],
        style: {
          fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } },
          font: { color: { argb: argb(cf.fontColor) } },
        },
      }],
    });
  }
}

const DEFAULT_ROW_HEIGHT = 18;

/**
 * Heights for rows whose wrapped text needs more than one line. Excel grows a row for wrapped text only when the text
 * is typed, and LibreOffice does not always on opening, so a written file must carry the height: the Office.js
 * renderer's autofitRows(), done by estimate. Rows the layout sizes itself keep the layout's height; rows that fit in
 * one line get none, so that Excel still grows them when an explanation is typed.
 */
export function wrappedRowHeights(layout: TemplateLayout): Map<number, number> {
  const sized = new Set(layout.rowHeights.map((r) => r.row));
  const heights = new Map<number, number>();
  for (const cell of layout.cells) {
    const style = STYLES[cell.style];
    if (!style.wrap || typeof cell.value !== 'string' || sized.has(cell.row)) continue;
    const width = layout.columns[cell.col - 1]?.width ?? 10;
    const size = style.size ?? 10;
    const lines = cell.value.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part, size) / (width - 1))), 0);
    if (lines < 2) continue;
    const height = Math.ceil(lines * size * 1.45 + 6);
    heights.set(cell.row, Math.max(heights.get(cell.row) ?? 0, height));
  }
  return heights;
}

/** Width of text in Excel's column-width units (the width of "0" at 11 points): CJK and full-width characters about double. */
function displayWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += /[\u2E80-\uFFEF]/.test(ch) ? 1.8 : 1.1;
  return (units * size) / 11;
}

function firstInput(layout: TemplateLayout): string | undefined {
  return layout.inputs[0]?.address;
}

function argb(rgb: string): string {
  return `FF${rgb.toUpperCase()}`;
}

const styleCache = new Map<string, Partial<ExcelJS.Style>>();

/** One frozen style object per (style, number format, lock): exceljs de-duplicates them into few cellXfs. */
function styleFor(cell: LayoutCell): Partial<ExcelJS.Style> {
  const key = `${cell.style}|${cell.numFmt ?? ''}|${cell.locked}`;
  const cached = styleCache.get(key);
  if (cached) return cached;
  const s = STYLES[cell.style];
  const thin = { style: 'thin' as const, color: { argb: BORDER_COLOR } };
  const style: Partial<ExcelJS.Style> = {
    font: { name: FONT, size: s.size ?? 10, bold: s.bold ?? false, ...(s.color ? { color: { argb: argb(s.color) } } : {}) },
    alignment: { horizontal: s.horizontal, vertical: s.vertical, wrapText: s.wrap ?? false },
    protection: { locked: cell.locked },
    ...(s.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } } as ExcelJS.Fill } : {}),
    ...(s.border ? { border: { top: thin, left: thin, bottom: thin, right: thin } } : {}),
    ...(cell.numFmt ? { numFmt: cell.numFmt } : {}),
  };
  styleCache.set(key, Object.freeze(style));
  return style;
}

function drawCell(sheet: ExcelJS.Worksheet, cell: LayoutCell): void {
  const target = sheet.getCell(cell.address);
  target.value = cellValue(cell.value);
  target.style = styleFor(cell);
}

/**
 * A formula only when the layout says so ({ formula }). Text is always written as a string value: exceljs stores a
 * JavaScript string as a shared string whatever it begins with, so text that looksLikeFormula ("=SUM(A1)", "-5%")
 * reaches Excel as text, never as a formula.
 */
export function cellValue(value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'object') return { formula: value.formula } as ExcelJS.CellFormulaValue;
  return value;
}

function addValidation(sheet: ExcelJS.Worksheet, v: LayoutValidation): void {
  const [start, end] = v.range.split(':');
  // One rule per range (never cell by cell: exceljs would write overlapping ranges, see LIBRARY-NOTES).
  const range = end && end !== start ? v.range : start!;
  const formulae = v.type === 'list' ? v.formulae.map((f) => `"${String(f)}"`) : v.formulae;
  validationsOf(sheet).add(range, {
    type: v.type,
    operator: v.operator,
    formulae,
    allowBlank: v.allowBlank,
    showInputMessage: true,
    promptTitle: v.promptTitle,
    prompt: v.prompt,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: v.errorTitle,
    error: v.error,
  });
}

/** exceljs keeps validations by range in `dataValidations`, which its type declarations leave out. */
function validationsOf(sheet: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

async function protectDataSheet(sheet: ExcelJS.Worksheet): Promise<void> {
  // No password: protection guards against accidents (typing over a target), not against the unit itself; the
  // parser reads only the input cells anyway.
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: false,
    insertRows: false,
    deleteRows: false,
    insertColumns: false,
    deleteColumns: false,
    sort: false,
    autoFilter: false,
  });
}

function drawMetaSheet(workbook: ExcelJS.Workbook, layout: TemplateLayout): void {
  const meta = workbook.addWorksheet(layout.metaSheetName, { state: 'veryHidden' });
  layout.metaRows.forEach(([key, value], i) => {
    meta.getCell(i + 1, 1).value = key;
    meta.getCell(i + 1, 2).value = value;
  });
}
