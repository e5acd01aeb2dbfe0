/**
 * One round trip that tells the pane everything it needs about the open workbook: whether our template sheet is
 * there, whether it is protected, its metadata (custom XML part first, the very hidden sheet second), and every cell
 * of its used range (values, formulas and number formats). Insert, validate and submit all start from this read.
 */
import { DATA_SHEET, META_NAMESPACE, META_SHEET, address, type TemplateMeta } from '../../../core/layout';
import type { RawCell } from '../../../core/validate';
import { metaFromRows, metaFromXml } from '../meta-xml';
import { topLeftOf } from './ranges';

export interface WorkbookSnapshot {
  /** Our data sheet exists. */
  hasTemplate: boolean;
  /** The data sheet is protected (protect() on a protected sheet throws, so drawing must know). */
  protected: boolean;
  /** The meta sheet exists (it is reused on a redraw, not added twice). */
  hasMetaSheet: boolean;
  meta: TemplateMeta | null;
  metaSource: 'customXml' | 'sheet' | null;
  /** Every cell of the data sheet's used range by A1 address; a formula arrives as its text ("=…"). */
  cells: Record<string, RawCell>;
  /** Ids of our custom XML parts, deleted before a redraw writes a fresh one. */
  xmlPartIds: string[];
}

/** Rows of the meta sheet read back (the layout writes six; a few spare rows tolerate a hand-edited sheet). */
const META_RANGE = 'A1:B12';

export async function readWorkbook(context: Excel.RequestContext): Promise<WorkbookSnapshot> {
  const sheets = context.workbook.worksheets;
  // *OrNullObject proxies: a missing sheet gives null objects all the way down instead of an error, so that one
  // sync answers both "is it there" and "what is in it".
  const data = sheets.getItemOrNullObject(DATA_SHEET);
  data.protection.load('protected');
  const used = data.getUsedRangeOrNullObject();
  used.load('address,values,formulas,numberFormat');
  const metaSheet = sheets.getItemOrNullObject(META_SHEET);
  const metaRange = metaSheet.getRange(META_RANGE);
  metaRange.load('values');
  const parts = context.workbook.customXmlParts.getByNamespace(META_NAMESPACE);
  parts.load('items/id');
  const onlyPart = parts.getOnlyItemOrNullObject();
  const xml = onlyPart.getXml();

  await context.sync();

  const hasTemplate = !data.isNullObject;
  const hasMetaSheet = !metaSheet.isNullObject;
  const fromXml = !onlyPart.isNullObject && typeof xml.value === 'string' ? metaFromXml(xml.value) : null;
  const fromSheet = fromXml || !hasMetaSheet ? null : metaFromRows(metaRange.values as unknown[][]);
  return {
    hasTemplate,
    protected: hasTemplate && data.protection.protected,
    hasMetaSheet,
    meta: fromXml ?? fromSheet,
    metaSource: fromXml ? 'customXml' : fromSheet ? 'sheet' : null,
    cells: hasTemplate && !used.isNullObject ? cellsOf(used.address, used.values, used.formulas, used.numberFormat) : {},
    xmlPartIds: parts.items.map((p) => p.id),
  };
}

/** The grid of a range as RawCells by address. A formula's text replaces its result: results are never trusted. */
export function cellsOf(rangeAddress: string, values: unknown[][], formulas: unknown[][], formats: unknown[][]): Record<string, RawCell> {
  const { row: top, col: left } = topLeftOf(rangeAddress);
  const cells: Record<string, RawCell> = {};
  values.forEach((line, r) => {
    line.forEach((value, c) => {
      const formula = formulas[r]?.[c];
      const numFmt = formats[r]?.[c];
      const raw = typeof formula === 'string' && formula.startsWith('=') ? formula : value;
      if (raw === '' || raw === null || raw === undefined) return;
      cells[address(top + r, left + c)] = { value: raw, ...(typeof numFmt === 'string' ? { numFmt } : {}) };
    });
  });
  return cells;
}
