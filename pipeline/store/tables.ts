/**
 * The tables of the store as Kysely sees them (snake_case, as in SQL). Plans and units are not here: they are data
 * in templates/ and identified by id and code. Timestamps are ISO 8601 text, JSON is text, booleans are 0/1 —
 * the same in SQLite and PostgreSQL.
 *
 * A part of the pipeline with tables of its own declares an interface like this one and works on
 * `Kysely<IntakeTables & ItsTables>` (see store.ts `db`), adding its migration to migrations/index.ts.
 */

export type TokenKind = 'unit' | 'supervisor' | 'admin';

export interface TokensTable {
  /** Public id, shown in `token list` and used to revoke; never the secret. */
  id: string;
  /** sha256 of the secret (hex); the secret itself is shown once, when issued. */
  hash: string;
  kind: TokenKind;
  /** The unit a unit token submits for. */
  unit_code: string | null;
  /** The city the token sees; null only for an installation-wide administrator. */
  city: string | null;
  /** 责任单位 a supervisor token reviews for, JSON array of names. */
  responsible: string;
  /** Who holds it, e.g. "道里区教育局 张老师". */
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface FilesTable {
  /** sha256 of the bytes (hex). */
  hash: string;
  size: number;
  bytes: Buffer;
  first_seen_at: string;
}

export type SubmissionStatus = 'accepted' | 'superseded' | 'refused';
export type Channel = 'api' | 'upload-page' | 'drop' | 'cli';

export interface SubmissionsTable {
  id: string;
  /** Null on a refusal when the workbook did not say (not a template, corrupt). */
  plan_id: string | null;
  unit_code: string | null;
  month: string | null;
  template_version: number | null;
  file_hash: string;
  file_name: string | null;
  received_at: string;
  channel: Channel;
  /** Token id, "cli:<user>" or "drop". */
  submitted_by: string | null;
  /** 1, 2, … per plan × unit × month among accepted submissions; null for a refusal. */
  version: number | null;
  supersedes: string | null;
  superseded_by: string | null;
  status: SubmissionStatus;
  /** Why it was refused (read-template's reason), null otherwise. */
  reason: string | null;
  /** The Receipt returned to the uploader, JSON. */
  receipt: string;
}

export interface EntriesTable {
  submission_id: string;
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  explanation: string;
  /** The evaluation at intake time (the monthly run re-evaluates against the catalog of its day). */
  status: string;
  expected: number | null;
  year_target: number | null;
  gap: number | null;
  gap_relative: number | null;
  shortfall: number;
}

/**
 * The drop folder's journal: written in the same transaction as the submission, so that a file found again in the
 * folder after a crash (recorded, not yet moved) is moved without being recorded twice.
 */
export interface DropJournalTable {
  id: string;
  hash: string;
  file_name: string;
  /** recorded: in the database, file not yet moved; moved: done. */
  state: 'recorded' | 'moved';
  outcome: 'processed' | 'rejected';
  submission_id: string | null;
  receipt: string;
  recorded_at: string;
  moved_to: string | null;
}

/**
 * Supervisors' review (migration 020-review): the audit trail of decisions, send-backs (退回), locks and unlocks, and
 * the state of send-backs and unlocks still waiting for the unit's corrected submission.
 */
export type ReviewEventKind = 'decision' | 'send_back' | 'lock' | 'unlock';

export interface ReviewEventsTable {
  id: string;
  kind: ReviewEventKind;
  plan_id: string;
  month: string;
  /** The unit concerned; null for a lock (the whole plan × month). */
  unit_code: string | null;
  /** decision: the flag decided, and its subject (plan|unit|code|kind), by which a decision is carried forward. */
  flag_key: string | null;
  subject: string | null;
  /** send_back: the submission returned. */
  submission_id: string | null;
  /** Token id, or "system" for the lock a report issue sets. */
  actor: string;
  actor_label: string | null;
  at: string;
  /** decision: the status decided. */
  status: string | null;
  /** decision: the comment; send_back, unlock: the reason. */
  comment: string;
  action: string | null;
  due_by: string | null;
}

/** A supervisor's request on one unit's month, with its reason, open until the unit's next accepted submission. */
interface UnitMonthRequestColumns {
  id: string;
  plan_id: string;
  unit_code: string;
  month: string;
  reason: string;
  by_actor: string;
  by_label: string | null;
  at: string;
  closed_at: string | null;
  closed_by_submission: string | null;
}

/** A send-back waits until the unit's next accepted submission for the month closes it. */
export interface SendBacksTable extends UnitMonthRequestColumns {
  submission_id: string;
}

/** An unlock of one unit's issued month lets exactly one accepted submission through, which closes it. */
export interface MonthUnlocksTable extends UnitMonthRequestColumns {
  /** The send-back that opened it, when it came with one. */
  send_back_id: string | null;
}

export interface ReviewTables {
  review_events: ReviewEventsTable;
  send_backs: SendBacksTable;
  month_unlocks: MonthUnlocksTable;
}

export interface IntakeTables {
  tokens: TokensTable;
  files: FilesTable;
  submissions: SubmissionsTable;
  entries: EntriesTable;
  drop_journal: DropJournalTable;
}
