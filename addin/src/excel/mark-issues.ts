/**
 * Marks the input cells the check found wrong — a red frame for an error, an amber frame for a shortfall that
 * needs its explanation — and clears the frames of cells that are fine now. One batch, one sync.
 * Frames, not fills: the shortfall conditional formats own the fill of 本月实际, and a fill would hide them.
 */
import { DATA_SHEET, type TemplateLayout } from '../../../core/layout';
import type { EntryIssue } from '../../../core/validate';
import { BORDER_COLOR, EDGES, PROTECTION } from './draw-template';
import { rangesByKey } from './ranges';

export const MARK_COLOR = { error: '#C00000', warning: '#ED7D31' } as const;
const OUTER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

export async function markIssues(
  context: Excel.RequestContext,
  layout: TemplateLayout,
  issues: EntryIssue[],
  isProtected: boolean,
): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(DATA_SHEET);
  if (isProtected) sheet.protection.unprotect();
  // An error outranks a warning on the same cell.
  const worst = new Map<string, EntryIssue['severity']>();
  for (const issue of issues) if (worst.get(issue.cell) !== 'error') worst.set(issue.cell, issue.severity);
  frameCells(
    sheet,
    rangesByKey(layout.inputs, () => 'input').get('input') ?? [],
    [...worst].map(([cell, severity]) => [cell, MARK_COLOR[severity]]),
  );
  sheet.protection.protect(PROTECTION);
  await context.sync();
}

/**
 * Puts the thin grey frame back on the input ranges (clearing older marks), then a thick frame in its colour on each
 * marked cell. Queues only; the caller unprotects before and protects and syncs after.
 */
export function frameCells(sheet: Excel.Worksheet, inputs: Iterable<string>, marked: Iterable<readonly [cell: string, color: string]>): void {
  for (const range of inputs) {
    const borders = sheet.getRange(range).format.borders;
    for (const edge of EDGES) {
      const border = borders.getItem(edge);
      border.style = 'Continuous';
      border.weight = 'Thin';
      border.color = BORDER_COLOR;
    }
  }
  for (const [cell, color] of marked) {
    const borders = sheet.getRange(cell).format.borders;
    for (const edge of OUTER_EDGES) {
      const border = borders.getItem(edge);
      border.style = 'Continuous';
      border.weight = 'Thick';
      border.color = color;
    }
  }
}

/** Brings the official (or the supervisor, on the review sheet) to a cell named in the pane's list. */
export async function selectCell(context: Excel.RequestContext, address: string, sheetName: string = DATA_SHEET): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  sheet.activate();
  sheet.getRange(address).select();
  await context.sync();
}
