/**
 * The review sheet's two buttons apart from the DOM: insert the list as a sheet, and submit the decisions made in it.
 * Submitting is one Excel.run: read the sheet (one sync), check the rows with the core's checkDecisions — today's date,
 * the rules the server applies —, send them all at once when they pass, then one batch of marks (one sync): red
 * frames on what was refused (by the check or by the server), or the new status on the stored rows.
 */
import { checkDecisions, type DecisionProblem, type ReviewDecision, type ReviewItem } from '../../../core/review';
import type { ExcelHost } from '../workflow';
import type { Failure, Outcome } from '../intake-client';
import type { DecideResult } from './review-api';
import {
  insertReviewSheet, markReviewSheet, problemCell, readReviewSheet,
  type InsertReviewResult, type ReviewSheetOptions, type SheetDecisionRow,
} from '../excel/review-sheet';

export function insertReviewList(host: ExcelHost, items: ReviewItem[], options: ReviewSheetOptions): Promise<InsertReviewResult> {
  return host.run((context) => insertReviewSheet(context, items, options));
}

/** A refused decision where the supervisor fixes it: the sheet row and the cell. */
export interface SheetProblem extends DecisionProblem {
  row: number;
  cell: string;
}

export type SheetSubmitOutcome =
  | { kind: 'no_sheet' }
  | { kind: 'nothing_decided'; rows: number }
  /** Refused before sending (the core's check) or by the server: nothing was stored. */
  | { kind: 'refused'; by: 'check' | 'server'; problems: SheetProblem[] }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'stored'; stored: number };

export type DecisionSender = (decisions: ReviewDecision[]) => Promise<Outcome<DecideResult>>;

export async function submitReviewSheet(host: ExcelHost, send: DecisionSender, today: string): Promise<SheetSubmitOutcome> {
  return host.run(async (context) => {
    const read = await readReviewSheet(context);
    if (!read.found) return { kind: 'no_sheet' };
    if (read.decided.length === 0) return { kind: 'nothing_decided', rows: read.rowCount };
    const rows = read.decided;
    const check = checkDecisions(rows.map((r) => r.item), { today });
    if (check.problems.length > 0) {
      const problems = onSheet(check.problems, rows);
      await markReviewSheet(context, read, { refused: problems.map((p) => p.cell), stored: [] });
      return { kind: 'refused', by: 'check', problems };
    }
    const sent = await send(check.decisions);
    if (!sent.ok) return { kind: 'failed', failure: sent.failure };
    if ('refused' in sent.value) {
      const problems = onSheet(sent.value.refused, rows);
      await markReviewSheet(context, read, { refused: problems.map((p) => p.cell), stored: [] });
      return { kind: 'refused', by: 'server', problems };
    }
    await markReviewSheet(context, read, {
      refused: [],
      stored: check.decisions.map((d, i) => ({ row: rows[i]!.row, status: d.status, ...(d.dueBy ? { dueBy: d.dueBy } : {}) })),
    });
    return { kind: 'stored', stored: sent.value.stored };
  });
}

/** Batch positions → sheet rows and cells. The batch is the decided rows in sheet order, so index i is rows[i]. */
function onSheet(problems: DecisionProblem[], rows: SheetDecisionRow[]): SheetProblem[] {
  return problems
    .filter((p) => rows[p.index] !== undefined)
    .map((p) => ({ ...p, row: rows[p.index]!.row, cell: problemCell(rows[p.index]!.row, p.field) }));
}
