/**
 * The review list as a sheet (复核清单): one row per flag routed to the supervisor, the flag's facts read-only, and four
 * input columns — 复核结论 (a list of the decision labels), 复核意见, 整改要求, 整改期限 (a date). The supervisor decides
 * in the sheet, then the pane reads the rows with a decision, checks them with the core's checkDecisions (the same
 * rules the server applies) and submits them all at once.
 *
 * Round trips are fixed, whatever the number of flags: insert = one read + one batch of writes; submit = one read +
 * one batch of marks (frames on refused cells, or the new status on the submitted rows).
 *
 * Everything that came from the server or a person is written as text (number format "@" before the value lands), so
 * a unit's explanation "=先补录数据" or a gap "-4.7" never becomes a formula.
 */
import { FONT, STYLES, columnLetter } from '../../../core/layout';
import type { ReviewStatus } from '../../../core/schema';
import {
  ACTION_MAX, COMMENT_MAX, REVIEW_DECISIONS, REVIEW_STATUS_LABEL, reviewStatusFromText,
  type DecisionProblem, type ReviewDecisionStatus, type ReviewItem,
} from '../../../core/review';
import { PROTECTION, applyStyle, clearSheet, widthInPoints } from './draw-template';
import { MARK_COLOR, frameCells } from './mark-issues';
import { blockAddress, topLeftOf } from './ranges';

export const REVIEW_SHEET = '复核清单';
/** The header row; flags start on the row below it. */
export const HEADER_ROW = 2;
export const FIRST_ROW = HEADER_ROW + 1;

type ColumnKey = 'flagKey' | 'unit' | 'indicator' | 'month' | 'message' | 'actual' | 'expected' | 'gap' | 'explanation'
  | 'age' | 'current' | 'decision' | 'comment' | 'action' | 'dueBy';

interface ReviewColumn {
  key: ColumnKey;
  zh: string;
  en: string;
  /** Width in characters. */
  width: number;
  input?: boolean;
}

export const REVIEW_COLUMNS: readonly ReviewColumn[] = [
  { key: 'flagKey', zh: '预警编号', en: 'Flag key', width: 10 },
  { key: 'unit', zh: '单位', en: 'Unit', width: 14 },
  { key: 'indicator', zh: '指标', en: 'Indicator', width: 16 },
  { key: 'month', zh: '月份', en: 'Month', width: 9.5 },
  { key: 'message', zh: '预警内容', en: 'Flag', width: 25 },
  { key: 'actual', zh: '本月实际', en: 'Actual', width: 11 },
  { key: 'expected', zh: '本月应达', en: 'Expected', width: 11 },
  { key: 'gap', zh: '差距', en: 'Gap', width: 12 },
  { key: 'explanation', zh: '单位说明', en: 'Explanation', width: 20 },
  { key: 'age', zh: '已持续（天）', en: 'Days open', width: 10 },
  { key: 'current', zh: '当前状态', en: 'Status', width: 17 },
  { key: 'decision', zh: '复核结论', en: 'Decision', width: 13, input: true },
  { key: 'comment', zh: '复核意见', en: 'Comment', width: 20, input: true },
  { key: 'action', zh: '整改要求', en: 'Action required', width: 20, input: true },
  { key: 'dueBy', zh: '整改期限', en: 'Due by', width: 13, input: true },
];

const LAST_COL = REVIEW_COLUMNS.length;
const colOf = (key: ColumnKey): number => REVIEW_COLUMNS.findIndex((c) => c.key === key) + 1;
const letterOf = (key: ColumnKey): string => columnLetter(colOf(key));
const FIRST_INPUT = REVIEW_COLUMNS.findIndex((c) => c.input) + 1;

/** The decision labels offered in the sheet's list, in the order of the core's decisions. */
export const DECISION_CHOICES = REVIEW_DECISIONS.map((s) => REVIEW_STATUS_LABEL[s].zh);

/** A decision problem's field → the column the supervisor fixes it in (a missing key is fixed by re-inserting). */
const FIELD_COLUMN: Record<DecisionProblem['field'], ColumnKey> = {
  flagKey: 'decision', status: 'decision', comment: 'comment', action: 'action', dueBy: 'dueBy',
};

export interface ReviewSheetOptions {
  /** Shown in the title: who reviews, e.g. "市教育局基础教育处". */
  reviewer: string;
  /** YYYY-MM-DD: the due-date column refuses days before it. */
  today: string;
}

export interface InsertReviewResult {
  rows: number;
  /** The sheet was there and was redrawn in place. */
  refreshed: boolean;
}

/** 当前状态 as the sheet shows it: the status, with its due date when action is required. */
function statusText(review: { status: ReviewStatus; dueBy?: string | null } | null): string {
  if (!review) return REVIEW_STATUS_LABEL.open.zh;
  const label = REVIEW_STATUS_LABEL[review.status].zh;
  return review.status === 'action_required' && review.dueBy ? `${label}（${review.dueBy}前）` : label;
}

/** One row of text per flag, in the columns' order; the age is a number, the rest text. */
export function reviewRow(item: ReviewItem): (string | number)[] {
  const cells: Record<ColumnKey, string | number> = {
    flagKey: item.flagKey,
    unit: item.unitName,
    indicator: item.indicatorName ?? item.code ?? '',
    month: item.month,
    message: item.message,
    actual: item.actual ?? '',
    expected: item.expected ?? '',
    gap: item.gap ?? '',
    explanation: item.explanation ?? '',
    age: item.ageDays,
    current: statusText(item.review),
    decision: '', comment: '', action: '', dueBy: '',
  };
  return REVIEW_COLUMNS.map((c) => cells[c.key]);
}

/** Draws (or redraws in place) the review sheet: one read, one batch of writes. */
export async function insertReviewSheet(context: Excel.RequestContext, items: ReviewItem[], options: ReviewSheetOptions): Promise<InsertReviewResult> {
  const sheets = context.workbook.worksheets;
  const existing = sheets.getItemOrNullObject(REVIEW_SHEET);
  existing.protection.load('protected');
  await context.sync();

  const refreshed = !existing.isNullObject;
  const sheet = refreshed ? existing : sheets.add(REVIEW_SHEET);
  if (refreshed) clearSheet(sheet, existing.protection.protected);

  const lastRow = Math.max(HEADER_ROW, FIRST_ROW + items.length - 1);
  REVIEW_COLUMNS.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const column = sheet.getRange(`${letter}:${letter}`);
    column.format.columnWidth = widthInPoints(c.width);
    if (c.key === 'flagKey') column.columnHidden = true;
  });

  // Formats first, values second: the "@" must be in place before text that looks like a formula lands.
  const block = sheet.getRange(blockAddress(lastRow, LAST_COL));
  const formats: string[][] = [];
  const values: (string | number)[][] = [];
  const title = `复核清单 Review list · ${options.reviewer} · 共 ${items.length} 条`;
  formats.push(REVIEW_COLUMNS.map(() => '@'));
  values.push(REVIEW_COLUMNS.map((c) => (c.key === 'unit' ? title : '')));
  formats.push(REVIEW_COLUMNS.map(() => '@'));
  values.push(REVIEW_COLUMNS.map((c) => `${c.zh}\n${c.en}`));
  for (const item of items) {
    formats.push(REVIEW_COLUMNS.map((c) => (c.key === 'age' ? '0' : c.key === 'dueBy' ? 'yyyy-mm-dd' : '@')));
    values.push(reviewRow(item));
  }
  block.numberFormat = formats;
  block.values = values;
  block.format.font.name = FONT;

  sheet.getRange(`B1:${columnLetter(LAST_COL)}1`).merge(false);
  applyStyle(sheet.getRange('B1').format, STYLES.title);
  sheet.getRange('1:1').format.rowHeight = 28;
  applyStyle(sheet.getRange(`A${HEADER_ROW}:${columnLetter(LAST_COL)}${HEADER_ROW}`).format, STYLES.header);
  sheet.getRange(`${HEADER_ROW}:${HEADER_ROW}`).format.rowHeight = 32;
  if (items.length > 0) drawRows(sheet, items.length, options.today);

  sheet.freezePanes.freezeAt(`A1:C${HEADER_ROW}`);
  sheet.activate();
  sheet.getRange(`${letterOf('decision')}${FIRST_ROW}`).select();
  // Supervisors may widen columns and rows, nothing else: the hidden key column must stay beside its row.
  sheet.protection.protect(PROTECTION);
  await context.sync();
  return { rows: items.length, refreshed };
}

function drawRows(sheet: Excel.Worksheet, count: number, today: string): void {
  const last = FIRST_ROW + count - 1;
  const rows = (from: ColumnKey, to: ColumnKey = from) => sheet.getRange(`${letterOf(from)}${FIRST_ROW}:${letterOf(to)}${last}`);
  applyStyle(rows('flagKey', 'current').format, STYLES.text);
  applyStyle(rows('actual', 'gap').format, { ...STYLES.text, horizontal: 'right', wrap: false });
  applyStyle(rows('age').format, STYLES.number);
  applyStyle(rows('current').format, { ...STYLES.status, bold: true, wrap: true });
  applyStyle(rows('decision', 'dueBy').format, STYLES.inputText);
  rows('decision', 'dueBy').format.protection.locked = false;
  sheet.getRange(`${FIRST_ROW}:${last}`).format.autofitRows();

  const decision = rows('decision').dataValidation;
  decision.rule = { list: { inCellDropDown: true, source: DECISION_CHOICES.join(',') } };
  decision.ignoreBlanks = true;
  decision.prompt = {
    showPrompt: true, title: '复核结论 Decision',
    message: '已接受说明：说明可以接受；需整改：须填写整改要求和期限；已上报：上报市局领导，须填写意见；已解决：须填写意见。',
  };
  decision.errorAlert = { showAlert: true, style: 'Stop', title: '复核结论无效', message: `请从列表中选择：${DECISION_CHOICES.join('、')}。` };

  const limit = (key: 'comment' | 'action', max: number, what: string) => {
    const dv = rows(key).dataValidation;
    dv.rule = { textLength: { formula1: max, operator: 'LessThanOrEqualTo' } };
    dv.ignoreBlanks = true;
    dv.errorAlert = { showAlert: true, style: 'Stop', title: `${what}过长`, message: `${what}不能超过 ${max} 字。` };
  };
  limit('comment', COMMENT_MAX, '复核意见');
  limit('action', ACTION_MAX, '整改要求');

  const due = rows('dueBy').dataValidation;
  due.rule = { date: { formula1: today, operator: 'GreaterThanOrEqualTo' } };
  due.ignoreBlanks = true;
  due.prompt = { showPrompt: true, title: '整改期限 Due by', message: `“需整改”时填写，日期如 ${today}，不早于今天。` };
  due.errorAlert = { showAlert: true, style: 'Stop', title: '整改期限无效', message: `请填写不早于 ${today} 的日期，如 ${today}。` };
}

/** One row of the sheet that carries something in its input columns. */
export interface SheetDecisionRow {
  row: number;
  flagKey: string;
  /** What the batch sends for this row: checked by checkDecisions like any batch. */
  item: { flagKey: string; status: unknown; comment: string; action?: string; dueBy?: string };
}

export interface ReviewSheetRead {
  /** The sheet is there and is ours (its header names the key column). */
  found: boolean;
  protected: boolean;
  /** Data rows in the sheet. */
  rowCount: number;
  /** Rows with a decision or any other input, in sheet order: the batch to submit. */
  decided: SheetDecisionRow[];
}

/** Reads the review sheet in one sync. */
export async function readReviewSheet(context: Excel.RequestContext): Promise<ReviewSheetRead> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(REVIEW_SHEET);
  sheet.protection.load('protected');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('address,values');
  await context.sync();
  if (sheet.isNullObject || used.isNullObject) return { found: false, protected: false, rowCount: 0, decided: [] };
  return { protected: sheet.protection.protected, ...rowsOf(used.address, used.values as unknown[][]) };
}

/** The grid of the used range → the rows with input. Works from whatever corner the used range starts at. */
export function rowsOf(rangeAddress: string, values: unknown[][]): Omit<ReviewSheetRead, 'protected'> {
  let top: number, left: number;
  try {
    ({ row: top, col: left } = topLeftOf(rangeAddress));
  } catch {
    return { found: false, rowCount: 0, decided: [] };
  }
  const cell = (row: number, key: ColumnKey): unknown => values[row - top]?.[colOf(key) - left];
  const text = (row: number, key: ColumnKey): string => {
    const v = cell(row, key);
    return v === null || v === undefined ? '' : String(v).trim();
  };
  if (left !== 1 || !text(HEADER_ROW, 'flagKey').startsWith(REVIEW_COLUMNS[0]!.zh)) return { found: false, rowCount: 0, decided: [] };
  const decided: SheetDecisionRow[] = [];
  let rowCount = 0;
  for (let row = FIRST_ROW; row < top + values.length; row++) {
    const flagKey = text(row, 'flagKey');
    if (!flagKey) continue;
    rowCount += 1;
    const decision = text(row, 'decision');
    const comment = text(row, 'comment');
    const action = text(row, 'action');
    const dueBy = isoDateOf(cell(row, 'dueBy'));
    if (!decision && !comment && !action && !dueBy) continue;
    decided.push({
      row, flagKey,
      item: {
        flagKey,
        // An unknown label goes through as typed: checkDecisions refuses it with the list of decisions.
        status: reviewStatusFromText(decision) ?? (decision || undefined),
        comment,
        ...(action ? { action } : {}),
        ...(dueBy ? { dueBy } : {}),
      },
    });
  }
  return { found: true, rowCount, decided };
}

/**
 * A due date as Excel holds it — a serial day number (a typed or picked date), or text a person typed — as
 * YYYY-MM-DD. Text that is no date is passed on unchanged, for checkDecisions to refuse with its own words.
 */
export function isoDateOf(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is folded into that epoch for every date after March 1900).
    return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  }
  if (value === null || value === undefined) return '';
  const text = String(value).trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

/** Where a refused decision is fixed: the cell (A1 on the review sheet) of the field's column in its row. */
export function problemCell(row: number, field: DecisionProblem['field']): string {
  return `${letterOf(FIELD_COLUMN[field])}${row}`;
}

export interface SheetMarks {
  /** Cells to frame in red (the rows were refused; nothing was stored). */
  refused: string[];
  /** Rows stored: their new status goes into 当前状态 and their inputs are cleared (they are decided now). */
  stored: { row: number; status: ReviewDecisionStatus; dueBy?: string }[];
}

/** Frames the refused cells, clears older frames, writes the stored rows' new status: one batch, one sync. */
export async function markReviewSheet(context: Excel.RequestContext, read: ReviewSheetRead, marks: SheetMarks): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(REVIEW_SHEET);
  if (read.protected) sheet.protection.unprotect();
  const inputs = read.rowCount > 0 ? [`${columnLetter(FIRST_INPUT)}${FIRST_ROW}:${columnLetter(LAST_COL)}${FIRST_ROW + read.rowCount - 1}`] : [];
  frameCells(sheet, inputs, [...new Set(marks.refused)].map((address) => [address, MARK_COLOR.error] as const));
  for (const s of marks.stored) {
    sheet.getRange(`${letterOf('current')}${s.row}`).values = [[statusText(s)]];
    sheet.getRange(`${letterOf('decision')}${s.row}:${letterOf('dueBy')}${s.row}`).values = [['', '', '', '']];
  }
  sheet.protection.protect(PROTECTION);
  await context.sync();
}
