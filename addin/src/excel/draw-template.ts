/**
 * Draws a TemplateLayout (core/layout.ts) into the workbook through Office.js in ONE batch: the caller has already
 * read the workbook (read-workbook.ts, one sync), so the whole drawing costs one more `context.sync()`, however
 * many indicators the plan has. Nothing here syncs in a loop; loops only queue commands.
 *
 * A second insert (the next month, or the same month after a catalog update) redraws the same sheet in place —
 * cleared, not deleted, so references from the official's own sheets survive — instead of adding a duplicate.
 */
import {
  FONT, STYLES, columnLetter, looksLikeFormula, type CellStyle, type LayoutValidation, type StyleName, type TemplateLayout,
} from '../../../core/layout';
import { metaToXml } from '../meta-xml';
import type { WorkbookSnapshot } from './read-workbook';
import { blockAddress, rangesByKey } from './ranges';

export interface DrawOptions {
  /** Values to put back into input cells (by address), e.g. this month's entries when the same month is redrawn. */
  carry?: Record<string, string | number | boolean>;
  /** Page setup needs ExcelApi 1.9; the caller checks the host and passes the answer (draw stays Office-global free). */
  pageLayout?: boolean;
}

/** Officials may widen columns and rows, nothing else: rows stay where the intake expects each indicator. */
export const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true, allowFormatRows: true, allowInsertRows: false, allowDeleteRows: false,
  allowInsertColumns: false, allowDeleteColumns: false, allowSort: false, allowAutoFilter: false,
};

export const BORDER_COLOR = '#BFBFBF';
export const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const;
const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

/** Excel column width in characters → points, as Excel converts it for the default font (7 px per digit + 5 px). */
export function widthInPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

export async function drawTemplate(
  context: Excel.RequestContext,
  layout: TemplateLayout,
  snapshot: WorkbookSnapshot,
  options: DrawOptions = {},
): Promise<void> {
  const sheets = context.workbook.worksheets;
  const sheet = snapshot.hasTemplate ? sheets.getItem(layout.sheetName) : sheets.add(layout.sheetName);
  if (snapshot.hasTemplate) clearSheet(sheet, snapshot.protected);
  else sheet.position = 0;

  drawColumns(sheet, layout);
  drawCells(sheet, layout, options.carry ?? {});
  drawStyles(sheet, layout);
  for (const range of layout.merges) sheet.getRange(range).merge(false);
  drawRowHeights(sheet, layout);
  for (const v of layout.validations) addValidation(sheet.getRange(v.range), v);
  drawConditionalFormats(sheet, layout);
  const { rows, columns } = layout.freeze;
  sheet.freezePanes.freezeAt(`A1:${columnLetter(columns)}${rows}`);
  if (options.pageLayout) drawPageLayout(sheet, layout);

  // Activate before hiding the meta sheet: Excel refuses to hide the active sheet.
  sheet.activate();
  writeMeta(context, layout, snapshot);
  const firstInput = layout.inputs[0];
  if (firstInput) sheet.getRange(firstInput.address).select();
  // Protected last: every write above would be refused on a protected sheet. No password: protection here guides
  // the official to the yellow cells; it is not a security boundary (the intake never trusts the sheet).
  sheet.protection.protect(PROTECTION);
  await context.sync();
}

/** Empties a sheet for a redraw in place: merges, conditional formats, validations, contents and formats, hidden columns, panes. */
export function clearSheet(sheet: Excel.Worksheet, isProtected: boolean): void {
  if (isProtected) sheet.protection.unprotect();
  const whole = sheet.getRange();
  whole.unmerge();
  whole.conditionalFormats.clearAll();
  whole.dataValidation.clear();
  whole.clear('All');
  whole.columnHidden = false;
  sheet.freezePanes.unfreeze();
}

function drawColumns(sheet: Excel.Worksheet, layout: TemplateLayout): void {
  layout.columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const column = sheet.getRange(`${letter}:${letter}`);
    column.format.columnWidth = widthInPoints(c.width);
    if (c.hidden) column.columnHidden = true;
  });
}

/** All values and number formats of the layout as two 2-D writes over the whole block. */
function drawCells(sheet: Excel.Worksheet, layout: TemplateLayout, carry: Record<string, string | number | boolean>): void {
  const { lastRow, lastCol } = layout;
  const formulas: (string | number | boolean)[][] = Array.from({ length: lastRow }, () => Array<string | number | boolean>(lastCol).fill(''));
  const formats: string[][] = Array.from({ length: lastRow }, () => Array<string>(lastCol).fill('General'));
  for (const cell of layout.cells) {
    const line = formulas[cell.row - 1]!;
    const v = cell.value;
    // A leading apostrophe keeps text that looks like a formula as text, exactly as when typed in Excel.
    line[cell.col - 1] = v === null ? '' : typeof v === 'object' ? `=${v.formula}` : typeof v === 'string' && looksLikeFormula(v) ? `'${v}` : v;
    if (cell.numFmt) formats[cell.row - 1]![cell.col - 1] = cell.numFmt;
  }
  for (const input of layout.inputs) {
    const value = carry[input.address];
    if (value === undefined) continue;
    formulas[input.row - 1]![input.col - 1] = typeof value === 'string' && looksLikeFormula(value) && !value.startsWith('=') ? `'${value}` : value;
  }
  const block = sheet.getRange(blockAddress(lastRow, lastCol));
  // Formats first: an "@" (text) format must be in place before a value lands in the cell.
  block.numberFormat = formats;
  block.formulas = formulas;
  block.format.font.name = FONT;
}

function drawStyles(sheet: Excel.Worksheet, layout: TemplateLayout): void {
  const byStyle = rangesByKey(layout.cells, (c) => c.style);
  for (const [name, ranges] of byStyle) {
    const style = STYLES[name as StyleName];
    for (const range of ranges) applyStyle(sheet.getRange(range).format, style);
  }
  const unlocked = rangesByKey(layout.cells.filter((c) => !c.locked), () => 'input');
  for (const range of unlocked.get('input') ?? []) sheet.getRange(range).format.protection.locked = false;
}

export function applyStyle(format: Excel.RangeFormat, style: CellStyle): void {
  format.font.size = style.size ?? 10;
  format.font.bold = style.bold ?? false;
  format.font.color = `#${style.color ?? '000000'}`;
  if (style.fill) format.fill.color = `#${style.fill}`;
  if (style.horizontal) format.horizontalAlignment = H_ALIGN[style.horizontal];
  if (style.vertical) format.verticalAlignment = V_ALIGN[style.vertical];
  format.wrapText = style.wrap ?? false;
  if (style.border) {
    for (const edge of EDGES) {
      const border = format.borders.getItem(edge);
      border.style = 'Continuous';
      border.color = BORDER_COLOR;
    }
  }
}

function drawRowHeights(sheet: Excel.Worksheet, layout: TemplateLayout): void {
  // Wrapped indicator names need taller rows; Excel grows rows only for typed text, so fit them once here.
  sheet.getRange(`${layout.rowHeights.length + 1}:${layout.lastRow}`).format.autofitRows();
  for (const { row, height } of layout.rowHeights) sheet.getRange(`${row}:${row}`).format.rowHeight = height;
}

const OPERATOR = {
  between: 'Between',
  greaterThanOrEqual: 'GreaterThanOrEqualTo',
  lessThanOrEqual: 'LessThanOrEqualTo',
} as const;

export function validationRule(v: LayoutValidation): Excel.DataValidationRule {
  if (v.type === 'list') return { list: { inCellDropDown: true, source: String(v.formulae[0] ?? '') } };
  const [formula1, formula2] = v.formulae;
  const basic: Excel.BasicDataValidation = {
    formula1: formula1 ?? 0,
    operator: OPERATOR[v.operator],
    ...(v.operator === 'between' && formula2 !== undefined ? { formula2 } : {}),
  };
  if (v.type === 'whole') return { wholeNumber: basic };
  if (v.type === 'textLength') return { textLength: basic };
  return { decimal: basic };
}

function addValidation(range: Excel.Range, v: LayoutValidation): void {
  const dv = range.dataValidation;
  dv.rule = validationRule(v);
  dv.ignoreBlanks = v.allowBlank;
  // Excel's limits: 32 characters for titles, 255 for the prompt, 225 for the error message.
  dv.prompt = { showPrompt: true, title: v.promptTitle.slice(0, 32), message: v.prompt.slice(0, 255) };
  dv.errorAlert = { showAlert: true, style: 'Stop', title: v.errorTitle.slice(0, 32), message: v.error.slice(0, 225) };
}

function drawConditionalFormats(sheet: Excel.Worksheet, layout: TemplateLayout): void {
  for (const cf of [...layout.conditionalFormats].sort((a, b) => a.priority - b.priority)) {
    const format = sheet.getRange(cf.range).conditionalFormats.add('Custom');
    format.custom.rule.formula = `=${cf.formula}`;
    format.custom.format.fill.color = `#${cf.fill}`;
    format.custom.format.font.color = `#${cf.fontColor}`;
    // Office.js priorities are 0-based; a cell that matches "short" must not also turn amber or green.
    format.priority = cf.priority - 1;
    format.stopIfTrue = true;
  }
}

function drawPageLayout(sheet: Excel.Worksheet, layout: TemplateLayout): void {
  const page = sheet.pageLayout;
  page.orientation = layout.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  page.paperSize = 'A4';
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.centerHorizontally = true;
  page.setPrintArea(layout.print.area);
  page.setPrintTitleRows(`$${layout.print.printTitleRows.replace(':', ':$')}`);
}

function writeMeta(context: Excel.RequestContext, layout: TemplateLayout, snapshot: WorkbookSnapshot): void {
  const sheets = context.workbook.worksheets;
  const metaSheet = snapshot.hasMetaSheet ? sheets.getItem(layout.metaSheetName) : sheets.add(layout.metaSheetName);
  if (snapshot.hasMetaSheet) metaSheet.getRange().clear('Contents');
  const rows = metaSheet.getRange(`A1:B${layout.metaRows.length}`);
  // As text: Excel would otherwise turn the month "2025-10" into a date, as it does when such text is typed.
  rows.numberFormat = layout.metaRows.map(() => ['@', '@']);
  rows.values = layout.metaRows.map(([k, v]) => [k, String(v)]);
  metaSheet.visibility = 'VeryHidden';
  for (const id of snapshot.xmlPartIds) context.workbook.customXmlParts.getItem(id).delete();
  context.workbook.customXmlParts.add(metaToXml(layout.meta));
}
