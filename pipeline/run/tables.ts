/** Row types of the monthly run's tables (migration 010-monthly-run), and the review tables it reads (020-review). */
import type { Generated, Kysely } from 'kysely';
import type { ReviewTables } from '../store/tables';

export type RunStatus = 'composing' | 'sending' | 'done';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';
/** What an outbox message is (migration 030-reminders): the monthly report, or a unit's reminder to submit. */
export type OutboxKind = 'report' | 'reminder';

export interface MonthlyRunsTable {
  plan_id: string;
  month: string;
  status: RunStatus;
  trigger: string;
  attempts: Generated<number>;
  started_at: string;
  composed_at: string | null;
  finished_at: string | null;
  report_path: string | null;
  summary: string | null;
  error: string | null;
}

export interface OutboxTable {
  id: string;
  plan_id: string;
  month: string;
  recipient: string;
  kind: Generated<OutboxKind>;
  seq: number;
  audience: 'leadership' | 'responsible' | 'unit';
  responsible: Generated<string>;
  subject: string;
  message_id: string;
  raw: Buffer;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  last_response_code: number | null;
  created_at: string;
  sent_at: string | null;
}

export interface FlagsTable {
  flag_key: string;
  subject: string;
  plan_id: string;
  month: string;
  unit_code: string;
  code: string | null;
  kind: string;
  severity: string;
  message: string;
  message_en: string;
  responsible: Generated<string>;
  explanation: string | null;
  created_at: string;
  /** Since when the subject has been flagged in an unbroken run of months (migration 040). */
  open_since: string | null;
}

/** Decisions on flags are review_events (see flag-store.ts); 020-review copied the earlier flag_reviews into them. */
export interface MonthlyRunTables extends ReviewTables {
  monthly_runs: MonthlyRunsTable;
  outbox: OutboxTable;
  flags: FlagsTable;
}

/** Any Kysely whose database includes the monthly run's tables (the store's full database type does). */
export type RunDb = Kysely<MonthlyRunTables>;
