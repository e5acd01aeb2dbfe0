/**
 * The review's audit trail (review_events): every decision, send-back (退回), lock and unlock, with who and when.
 * Rows are only ever added; a changed decision is a new row, so the history stays.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ReviewEvent } from '../../core/review';
import type { ReviewStatus } from '../../core/schema';
import type { MonthlyRunTables, RunDb } from '../run/tables';
import type { IntakeTables, ReviewEventsTable } from '../store/tables';

/** The whole store as the review reads and writes it: the intake's tables, the run's (flags, ledger) and the review's. */
export type ReviewDbTables = IntakeTables & MonthlyRunTables;
export type ReviewDb = Kysely<ReviewDbTables>;

/** The actor of the lock a report issue sets. */
const SYSTEM_ACTOR = 'system';

export type NewEvent = Omit<ReviewEventsTable, 'id' | 'comment' | 'unit_code' | 'flag_key' | 'subject' | 'submission_id' | 'actor_label' | 'status' | 'action' | 'due_by'>
  & Partial<Omit<ReviewEventsTable, 'id'>>;

export async function addEvent(db: ReviewDb, event: NewEvent): Promise<ReviewEvent> {
  const row: ReviewEventsTable = {
    id: eventId(), unit_code: null, flag_key: null, subject: null, submission_id: null, actor_label: null, status: null,
    comment: '', action: null, due_by: null, ...event,
  };
  await db.insertInto('review_events').values(row).execute();
  return eventOf(row);
}

/**
 * The lock of a plan's month, recorded in the transaction in which the monthly run issues the report (the lock itself
 * is the ledger's composed_at, which the store checks; this is its entry in the audit trail).
 */
export async function recordLock(db: RunDb, planId: string, month: string, at: Date): Promise<void> {
  await addEvent(db as unknown as ReviewDb, {
    kind: 'lock', plan_id: planId, month, actor: SYSTEM_ACTOR, actor_label: '月度报告已发布 / report issued', at: at.toISOString(),
  });
}

let lastMs = 0;
let counter = 0;

/**
 * A time-ordered UUID (version 7: milliseconds, then a counter within the millisecond, then random bits): events
 * written in one transaction share their time, and their ids keep the order they were written in.
 */
export function eventId(nowMs = Date.now()): string {
  if (nowMs <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
  } else {
    lastMs = nowMs;
    counter = 0;
  }
  const b = randomBytes(16);
  b.writeUIntBE(lastMs, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function eventOf(r: Selectable<ReviewEventsTable>): ReviewEvent {
  return {
    id: r.id, kind: r.kind, planId: r.plan_id, month: r.month, unitCode: r.unit_code, flagKey: r.flag_key,
    submissionId: r.submission_id, actor: r.actor, actorLabel: r.actor_label, at: r.at, status: r.status as ReviewStatus | null,
    comment: r.comment, action: r.action, dueBy: r.due_by,
  };
}
