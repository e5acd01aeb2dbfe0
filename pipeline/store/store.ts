/**
 * The intake's store: every upload with its original bytes (by content hash), its receipt and, when accepted, its
 * entries. A later submission for the same plan, unit and month supersedes the earlier one and never erases it;
 * identical bytes already received for that plan, unit and month are one submission (a "duplicate" receipt).
 *
 * Writes go through one queue that commits whatever has arrived in one transaction (a group commit): with
 * synchronous=FULL each commit waits for the disk, so a hundred uploads at once cost a few commits, not a hundred —
 * and one writer means versions are numbered without races. A receipt is returned only after its commit.
 *
 * The monthly run reads through latestSubmissions, valueHistory and completeness.
 *
 * Submission ids are time-ordered UUIDs (version 7): each entry row is keyed by its submission's id, and random ids
 * scattered every commit's inserts over the whole entries index. Measured on the 3,000-file benchmark: a quarter
 * fewer bytes written to disk and about a fifth less time in SQLite. The ids still carry 74 random bits.
 *
 * Once a month's report is issued (monthly_runs.composed_at), that plan × month is locked: a unit's submission for it
 * is refused ("month_locked") on every channel, unless a supervisor unlocked that unit's month; the accepted
 * correction closes the unlock (one unlock, one correction). An accepted submission also closes the send-backs
 * (退回) of the unit's month.
 */
import type { Kysely, Transaction } from 'kysely';
import { v7 as timeOrderedId } from 'uuid';
import { indicatorsFor } from '../../core/layout';
import { monthLabelEn, monthLabelZh, previousMonth, parseMonth } from '../../core/month';
import type { Receipt, ReceiptIssue } from '../../core/receipt';
import type { Month, Plan, Status, Unit } from '../../core/schema';
import type { Config } from '../config';
import type { Catalog, ParseOutcome } from '../intake/parse';
import { counts } from '../intake/receipts';
import { openDatabase, takeWriteLock, type OpenedDatabase } from './database';
import type { MonthlyRunsTable } from '../run/tables';
import type { Channel, EntriesTable, IntakeTables, ReviewTables, SubmissionsTable } from './tables';
import { TokenStore } from './tokens';
import { insertRows } from './bulk-insert';

export interface UploadRecord {
  outcome: ParseOutcome;
  bytes: Buffer;
  channel: Channel;
  /** Token id, "cli:<user>", "drop". */
  submittedBy: string | null;
  /** The unit the uploader submits for (a unit token): a refusal is kept in that unit's history. */
  uploaderUnit?: string | null;
  fileName?: string | null;
  receivedAt?: string;
  /** A file from the drop folder: its journal row is written in the same transaction. */
  journal?: { fileName: string };
}

/** The store's tables with those of the review (send-backs, unlocks) and the run ledger that says what is locked. */
type StoreTables = IntakeTables & ReviewTables & { monthly_runs: MonthlyRunsTable };

export interface RecordResult {
  receipt: Receipt;
  /** The submission the receipt is about (the earlier one for a duplicate), null for a refusal. */
  submissionId: string | null;
  journalId: string | null;
}

export interface StoredEntry {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  explanation: string;
  /** As evaluated at intake. */
  status: Status;
  expected: number | null;
  yearTarget: number | null;
  gap: number | null;
  gapRelative: number | null;
  shortfall: boolean;
}

export interface StoredSubmission {
  id: string;
  planId: string;
  unitCode: string;
  month: Month;
  templateVersion: number;
  version: number;
  supersedes: string | null;
  fileHash: string;
  fileName: string | null;
  receivedAt: string;
  channel: Channel;
  submittedBy: string | null;
  entries: StoredEntry[];
}

export interface HistoryPoint {
  unitCode: string;
  code: string;
  month: Month;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  explanation: string;
  status: Status;
  expected: number | null;
  gap: number | null;
  submissionId: string;
}

/** One upload in a unit's history, with the receipt it was given. */
export interface SubmissionSummary {
  id: string;
  planId: string | null;
  unitCode: string | null;
  month: string | null;
  version: number | null;
  status: SubmissionsTable['status'];
  supersededBy: string | null;
  receivedAt: string;
  channel: Channel;
  fileName: string | null;
  fileHash: string;
  receipt: Receipt;
  /** 退回: a supervisor sent this submission back with a reason (the latest send-back of it), else null. */
  returned: { reason: string; by: string; at: string; closedBy: string | null } | null;
}

export type CompletenessStatus = 'submitted' | 'late' | 'missing' | 'pending';

export interface UnitCompleteness {
  unitCode: string;
  unitName: string;
  /** submitted: first accepted before the deadline; late: after it; missing: none and the deadline passed; pending: none yet. */
  status: CompletenessStatus;
  firstReceivedAt: string | null;
  lastReceivedAt: string | null;
  version: number | null;
  submissionId: string | null;
}

export interface Completeness {
  planId: string;
  month: Month;
  /** When the month's submissions were due (ISO). */
  due: string;
  asOf: string;
  units: UnitCompleteness[];
  counts: Record<CompletenessStatus, number> & { expected: number };
}

export interface StoreOptions {
  catalog: Catalog;
  deadline: Config['intake']['deadline'];
  /** Most uploads committed in one transaction. */
  maxBatch?: number;
  /**
   * How long the first upload of a group waits for others before the commit. 0 (the server): commit at the next turn
   * of the event loop, whatever has arrived. A batch (`ingest`) waits a little, so that a commit — one disk sync —
   * takes dozens of files rather than one.
   */
  groupCommitMs?: number;
}

interface Pending {
  item: UploadRecord;
  resolve: (r: RecordResult) => void;
  reject: (err: unknown) => void;
}

export class IntakeStore {
  readonly db: Kysely<IntakeTables>;
  readonly tokens: TokenStore;
  private queue: Pending[] = [];
  /** The group being gathered or written; null when nothing is waiting. */
  private flushing: Promise<void> | null = null;
  /** The group's timer while it gathers (StoreOptions.groupCommitMs), to commit it early. */
  private gathering: { timer: NodeJS.Timeout; go: () => void } | null = null;
  /** Set by commitWaiting until the queue is empty: no group waits to gather. */
  private hurry = false;
  private readonly maxBatch: number;

  constructor(private readonly opened: OpenedDatabase, private readonly opts: StoreOptions) {
    this.db = opened.db;
    this.tokens = new TokenStore(opened.db);
    this.maxBatch = opts.maxBatch ?? 200;
  }

  static async open(config: Pick<Config, 'database' | 'intake'>, catalog: Catalog, opts: Pick<StoreOptions, 'groupCommitMs'> = {}): Promise<IntakeStore> {
    return new IntakeStore(await openDatabase(config.database), { catalog, deadline: config.intake.deadline, ...opts });
  }

  get dialect(): OpenedDatabase['dialect'] {
    return this.opened.dialect;
  }

  get catalog(): Catalog {
    return this.opts.catalog;
  }

  async close(): Promise<void> {
    while (this.flushing) {
      this.commitWaiting();
      await this.flushing;
    }
    await this.opened.close();
  }

  /** Records one upload; resolves once it is committed. Concurrent calls share a transaction. */
  record(item: UploadRecord): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.scheduleCommit();
    });
  }

  /**
   * Commits what is waiting without gathering more: for a batch that has handed over its last file, whose uploads
   * would otherwise sit idle until the group's timer. Groups already waiting are written one after another.
   */
  commitWaiting(): void {
    this.hurry = true;
    this.scheduleCommit();
  }

  /**
   * Starts the next group unless one is being written, or commits the gathering one at once when it is full or
   * commitWaiting asked. Uploads that arrive while a group is written gather for the next one (the group's write yields
   * to the event loop between statements, so they do arrive).
   */
  private scheduleCommit(): void {
    if (this.queue.length === 0) this.hurry = false;
    const now = this.hurry || this.queue.length >= this.maxBatch;
    if (this.gathering) {
      if (!now) return;
      clearTimeout(this.gathering.timer);
      setImmediate(this.gathering.go);
      this.gathering = null;
      return;
    }
    if (this.flushing || this.queue.length === 0) return;
    const wait = now ? 0 : this.opts.groupCommitMs ?? 0;
    this.flushing = new Promise<void>((done) => {
      const go = () => {
        this.gathering = null;
        void this.flush().finally(() => {
          this.flushing = null;
          this.scheduleCommit();
          done();
        });
      };
      if (wait > 0) this.gathering = { timer: setTimeout(go, wait), go };
      else setImmediate(go);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      const results = await this.db.transaction().execute((trx) => this.writeBatch(trx, batch.map((p) => p.item)));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch {
      // One bad row must not fail the others: commit them one by one, each failing alone.
      for (const p of batch) {
        try {
          const [result] = await this.db.transaction().execute((trx) => this.writeBatch(trx, [p.item]));
          p.resolve(result!);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }

  private async writeBatch(trx: Transaction<IntakeTables>, items: UploadRecord[]): Promise<RecordResult[]> {
    await takeWriteLock(trx, this.opened.dialect);
    const plan = new BatchPlan(this.unitName.bind(this));
    await plan.load(trx, items);
    const results = items.map((item) => plan.add(item));
    await plan.write(trx, this.opened.dialect);
    return results;
  }

  unitName(code: string | null | undefined): string | null {
    if (!code) return null;
    return this.opts.catalog.units.find((u) => u.code === code)?.name ?? null;
  }

  /** The current (latest accepted) submission of every unit for a plan and month, with its entries. */
  async latestSubmissions(planId: string, month: Month): Promise<StoredSubmission[]> {
    const rows = await this.db.selectFrom('submissions').selectAll()
      .where('plan_id', '=', planId).where('month', '=', month).where('status', '=', 'accepted')
      .orderBy('unit_code').execute();
    const entries = await this.entriesOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id, planId: r.plan_id!, unitCode: r.unit_code!, month: r.month!, templateVersion: r.template_version!,
      version: r.version!, supersedes: r.supersedes, fileHash: r.file_hash, fileName: r.file_name, receivedAt: r.received_at,
      channel: r.channel, submittedBy: r.submitted_by, entries: entries.get(r.id) ?? [],
    }));
  }

  private async entriesOf(ids: string[]): Promise<Map<string, StoredEntry[]>> {
    const byId = new Map<string, StoredEntry[]>();
    for (const chunk of chunks(ids, 500)) {
      const rows = await this.db.selectFrom('entries').selectAll().where('submission_id', 'in', chunk).execute();
      for (const e of rows) {
        const list = byId.get(e.submission_id) ?? [];
        list.push(storedEntry(e));
        byId.set(e.submission_id, list);
      }
    }
    return byId;
  }

  /** Values of the current submissions, per unit × indicator over months (oldest first). */
  async valueHistory(planId: string, filter: { unitCode?: string; code?: string; from?: Month; to?: Month } = {}): Promise<HistoryPoint[]> {
    let q = this.db.selectFrom('entries').innerJoin('submissions', 'submissions.id', 'entries.submission_id')
      .select(['submissions.unit_code', 'submissions.month', 'entries.code', 'entries.value', 'entries.numerator',
        'entries.denominator', 'entries.explanation', 'entries.status', 'entries.expected', 'entries.gap', 'submissions.id'])
      .where('submissions.plan_id', '=', planId).where('submissions.status', '=', 'accepted');
    if (filter.unitCode) q = q.where('submissions.unit_code', '=', filter.unitCode);
    if (filter.code) q = q.where('entries.code', '=', filter.code);
    if (filter.from) q = q.where('submissions.month', '>=', filter.from);
    if (filter.to) q = q.where('submissions.month', '<=', filter.to);
    const rows = await q.orderBy('submissions.unit_code').orderBy('entries.code').orderBy('submissions.month').execute();
    return rows.map((r) => ({
      unitCode: r.unit_code!, code: r.code, month: r.month!, value: r.value, numerator: r.numerator, denominator: r.denominator,
      explanation: r.explanation, status: r.status as Status, expected: r.expected, gap: r.gap, submissionId: r.id,
    }));
  }

  /** Every upload of a unit (accepted, superseded and refused), newest first, with its receipt. */
  async unitHistory(unitCode: string, filter: { month?: string; planId?: string } = {}): Promise<SubmissionSummary[]> {
    let q = this.db.selectFrom('submissions').selectAll().where('unit_code', '=', unitCode);
    if (filter.month) q = q.where('month', '=', filter.month);
    if (filter.planId) q = q.where('plan_id', '=', filter.planId);
    const rows = await q.orderBy('received_at', 'desc').orderBy('version', 'desc').execute();
    const returns = await this.returnsOf(rows.map((r) => r.id));
    return rows.map((r) => summary(r, returns.get(r.id) ?? null));
  }

  async submission(id: string): Promise<SubmissionSummary | null> {
    const row = await this.db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? summary(row, (await this.returnsOf([row.id])).get(row.id) ?? null) : null;
  }

  /** The latest send-back of each of these submissions. */
  private async returnsOf(ids: string[]): Promise<Map<string, SubmissionSummary['returned']>> {
    const db = this.db as unknown as Kysely<StoreTables>;
    const out = new Map<string, SubmissionSummary['returned']>();
    for (const chunk of chunks(ids, 500)) {
      const rows = await db.selectFrom('send_backs').selectAll().where('submission_id', 'in', chunk).orderBy('at').execute();
      for (const r of rows) out.set(r.submission_id, { reason: r.reason, by: r.by_label ?? r.by_actor, at: r.at, closedBy: r.closed_by_submission });
    }
    return out;
  }

  /** The unit's send-backs still waiting for a corrected submission, newest first. */
  async openSendBacks(unitCode: string): Promise<{ id: string; submissionId: string; planId: string; month: Month; reason: string; by: string; at: string }[]> {
    const db = this.db as unknown as Kysely<StoreTables>;
    const rows = await db.selectFrom('send_backs').selectAll().where('unit_code', '=', unitCode).where('closed_at', 'is', null)
      .orderBy('at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, submissionId: r.submission_id, planId: r.plan_id, month: r.month, reason: r.reason, by: r.by_label ?? r.by_actor, at: r.at }));
  }

  async fileBytes(hash: string): Promise<Buffer | null> {
    const row = await this.db.selectFrom('files').select('bytes').where('hash', '=', hash).executeTakeFirst();
    return row ? Buffer.from(row.bytes) : null;
  }

  /** Last month's current values of a unit, to pre-fill this month's template. */
  async previousValues(planId: string, unitCode: string, month: Month): Promise<{ month: Month; submissionId: string | null; values: Record<string, number | null> }> {
    const prev = previousMonth(month);
    const row = await this.db.selectFrom('submissions').select('id')
      .where('plan_id', '=', planId).where('unit_code', '=', unitCode).where('month', '=', prev).where('status', '=', 'accepted')
      .executeTakeFirst();
    const values: Record<string, number | null> = {};
    if (row) {
      const entries = await this.db.selectFrom('entries').select(['code', 'value']).where('submission_id', '=', row.id).execute();
      for (const e of entries) values[e.code] = e.value;
    }
    return { month: prev, submissionId: row?.id ?? null, values };
  }

  /** When a month's submissions are due: day `day` of the next month at `time`, Beijing time. */
  dueDate(month: Month): Date {
    const { year, month: m } = parseMonth(month);
    const [hh, mm] = this.opts.deadline.time.split(':').map(Number) as [number, number];
    return new Date(Date.UTC(year, m, this.opts.deadline.day, hh - 8, mm));
  }

  /** Who has submitted for a plan and month, who was late, who has not (yet) — as of a moment (default now). */
  async completeness(planId: string, month: Month, asOf: Date = new Date()): Promise<Completeness> {
    const plan = this.opts.catalog.plans.find((p) => p.id === planId);
    if (!plan) throw new Error(`未知规划 / unknown plan: ${planId}`);
    const due = this.dueDate(month);
    const rows = await this.db.selectFrom('submissions')
      .select(['unit_code', 'id', 'version', 'status', 'received_at'])
      .where('plan_id', '=', planId).where('month', '=', month).where('status', '!=', 'refused')
      .where('received_at', '<=', asOf.toISOString()).orderBy('received_at').execute();
    const units = reportingUnits(plan, this.opts.catalog.units).map((unit): UnitCompleteness => {
      const mine = rows.filter((r) => r.unit_code === unit.code);
      const first = mine.reduce<string | null>((min, r) => (min === null || r.received_at < min ? r.received_at : min), null);
      // As of `asOf`: the last one received by then is the current one (a later upload may have superseded it since).
      const current = mine[mine.length - 1];
      const status: CompletenessStatus = first === null
        ? (asOf.getTime() > due.getTime() ? 'missing' : 'pending')
        : (new Date(first).getTime() > due.getTime() ? 'late' : 'submitted');
      return {
        unitCode: unit.code, unitName: unit.name, status, firstReceivedAt: first, lastReceivedAt: current?.received_at ?? null,
        version: current?.version ?? null, submissionId: current?.id ?? null,
      };
    });
    const n = (s: CompletenessStatus) => units.filter((u) => u.status === s).length;
    return {
      planId, month, due: due.toISOString(), asOf: asOf.toISOString(), units,
      counts: { expected: units.length, submitted: n('submitted'), late: n('late'), missing: n('missing'), pending: n('pending') },
    };
  }
}

/** The units that report on a plan: those of its city with at least one indicator to enter. */
export function reportingUnits(plan: Plan, units: Unit[]): Unit[] {
  return units.filter((u) => u.city === plan.city && indicatorsFor(plan, u).length > 0);
}

function storedEntry(e: EntriesTable): StoredEntry {
  return {
    code: e.code, value: e.value, numerator: e.numerator, denominator: e.denominator, explanation: e.explanation,
    status: e.status as Status, expected: e.expected, yearTarget: e.year_target, gap: e.gap, gapRelative: e.gap_relative,
    shortfall: e.shortfall === 1,
  };
}

function summary(r: SubmissionsTable, returned: SubmissionSummary['returned']): SubmissionSummary {
  return {
    id: r.id, planId: r.plan_id, unitCode: r.unit_code, month: r.month, version: r.version, status: r.status,
    supersededBy: r.superseded_by, receivedAt: r.received_at, channel: r.channel, fileName: r.file_name, fileHash: r.file_hash,
    receipt: JSON.parse(r.receipt) as Receipt, returned,
  };
}

export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

interface KeyState {
  maxVersion: number;
  /** The current (accepted) submission, and whether it is already in the database. */
  current: { id: string; version: number; stored: boolean } | null;
  /** Accepted or superseded submissions by file hash, with the receipt each was given. */
  byHash: Map<string, { id: string; version: number; receipt: Receipt }>;
}

/**
 * What one transaction writes, decided in memory from what the database holds for the batch's plan × unit × month
 * keys: versions, which submission each supersedes, which uploads are duplicates.
 */
class BatchPlan {
  private keys = new Map<string, KeyState>();
  private files = new Map<string, { size: number; bytes: Buffer }>();
  private submissions: SubmissionsTable[] = [];
  private pendingRows = new Map<string, SubmissionsTable>();
  private supersededStored: { id: string; by: string }[] = [];
  private entries: EntriesTable[] = [];
  private journal: IntakeTables['drop_journal'][] = [];
  /** plan|month keys whose report is issued. */
  private locked = new Set<string>();
  /** Open unlock per plan|unit|month key (each lets one accepted submission through). */
  private unlocks = new Map<string, string>();
  private closedUnlocks: { id: string; by: string }[] = [];
  /** Keys with open send-backs, and the submissions that close them. */
  private sendBackKeys = new Set<string>();
  private closedSendBacks: { key: string; by: string }[] = [];

  constructor(private readonly unitName: (code: string | null | undefined) => string | null) {}

  async load(trx: Transaction<IntakeTables>, items: UploadRecord[]): Promise<void> {
    const accepted = items.flatMap((i) => (i.outcome.ok ? [i.outcome] : []));
    if (accepted.length === 0) return;
    const units = [...new Set(accepted.map((o) => o.submission.unitCode))];
    const months = [...new Set(accepted.map((o) => o.submission.month))];
    const hashes = new Set(accepted.map((o) => o.hash));
    const rows = await trx.selectFrom('submissions').select(['id', 'plan_id', 'unit_code', 'month', 'version', 'file_hash', 'status'])
      .where('status', '!=', 'refused').where('unit_code', 'in', units).where('month', 'in', months).execute();
    for (const { submission: s } of accepted) this.keys.set(keyOf(s.planId, s.unitCode, s.month), { maxVersion: 0, current: null, byHash: new Map() });
    const relevant = rows.filter((r) => this.keys.has(keyOf(r.plan_id!, r.unit_code!, r.month!)));
    // Receipts only of the earlier submissions this batch repeats byte for byte (returned as duplicates).
    const repeated = relevant.filter((r) => hashes.has(r.file_hash)).map((r) => r.id);
    const receipts = new Map<string, Receipt>();
    for (const chunk of chunks(repeated, 500)) {
      const found = await trx.selectFrom('submissions').select(['id', 'receipt']).where('id', 'in', chunk).execute();
      for (const f of found) receipts.set(f.id, JSON.parse(f.receipt) as Receipt);
    }
    await this.loadLocks(trx as unknown as Transaction<StoreTables>, units, months);
    for (const r of relevant) {
      const state = this.keys.get(keyOf(r.plan_id!, r.unit_code!, r.month!))!;
      state.maxVersion = Math.max(state.maxVersion, r.version ?? 0);
      if (r.status === 'accepted') state.current = { id: r.id, version: r.version!, stored: true };
      const receipt = receipts.get(r.id);
      if (receipt && !state.byHash.has(r.file_hash)) state.byHash.set(r.file_hash, { id: r.id, version: r.version!, receipt });
    }
  }

  /** Which of the batch's months are issued (locked), which units' months are unlocked, which have open send-backs. */
  private async loadLocks(trx: Transaction<StoreTables>, units: string[], months: string[]): Promise<void> {
    const plans = [...new Set([...this.keys.keys()].map((k) => k.split('|')[0]!))];
    const issued = await trx.selectFrom('monthly_runs').select(['plan_id', 'month'])
      .where('plan_id', 'in', plans).where('month', 'in', months).where('composed_at', 'is not', null).execute();
    for (const r of issued) this.locked.add(`${r.plan_id}|${r.month}`);
    // Unlocks matter only in issued months (the review service opens them nowhere else): most batches have none.
    if (issued.length > 0) {
      const unlocks = await trx.selectFrom('month_unlocks').select(['id', 'plan_id', 'unit_code', 'month'])
        .where('unit_code', 'in', units).where('month', 'in', [...new Set(issued.map((r) => r.month))]).where('closed_at', 'is', null).execute();
      for (const u of unlocks) this.unlocks.set(keyOf(u.plan_id, u.unit_code, u.month), u.id);
    }
    const sendBacks = await trx.selectFrom('send_backs').select(['plan_id', 'unit_code', 'month'])
      .where('unit_code', 'in', units).where('month', 'in', months).where('closed_at', 'is', null).execute();
    for (const b of sendBacks) this.sendBackKeys.add(keyOf(b.plan_id, b.unit_code, b.month));
  }

  add(item: UploadRecord): RecordResult {
    const receivedAt = item.receivedAt ?? new Date().toISOString();
    const { outcome } = item;
    if (!outcome.ok) return this.addRefusal(item, outcome, receivedAt);
    const { submission } = outcome;
    const key = keyOf(submission.planId, submission.unitCode, submission.month);
    const state = this.keys.get(key)!;
    const same = state.byHash.get(outcome.hash);
    if (same) return this.addDuplicate(item, state, same, receivedAt, this.sendBackKeys.has(key));

    const locked = this.locked.has(`${submission.planId}|${submission.month}`);
    const unlock = locked ? this.unlocks.get(key) : undefined;
    if (locked && unlock === undefined) return this.addLockedRefusal(item, outcome, receivedAt);
    const id = timeOrderedId();
    if (unlock !== undefined) {
      // One unlock, one correction: a second file needs a new unlock.
      this.unlocks.delete(key);
      this.closedUnlocks.push({ id: unlock, by: id });
    }
    if (this.sendBackKeys.delete(key)) this.closedSendBacks.push({ key, by: id });
    const version = state.maxVersion + 1;
    const supersedes = state.current?.id ?? null;
    const receipt: Receipt = {
      status: 'accepted', submissionId: id, planId: submission.planId, unitCode: submission.unitCode,
      unitName: this.unitName(submission.unitCode), month: submission.month, version, supersedes, receivedAt,
      fileHash: outcome.hash, counts: counts(outcome.evaluations), issues: outcome.warnings,
    };
    if (state.current?.stored) this.supersededStored.push({ id: state.current.id, by: id });
    else if (state.current) Object.assign(this.pendingRows.get(state.current.id)!, { status: 'superseded', superseded_by: id });
    state.maxVersion = version;
    state.current = { id, version, stored: false };
    state.byHash.set(outcome.hash, { id, version, receipt });

    this.keepFile(outcome.hash, item.bytes);
    this.addRow({
      id, plan_id: submission.planId, unit_code: submission.unitCode, month: submission.month,
      template_version: submission.templateVersion, file_hash: outcome.hash, file_name: item.fileName ?? null, received_at: receivedAt,
      channel: item.channel, submitted_by: item.submittedBy, version, supersedes, superseded_by: null, status: 'accepted',
      reason: null, receipt: JSON.stringify(receipt),
    });
    submission.entries.forEach((entry, i) => {
      const ev = outcome.evaluations[i]!;
      this.entries.push({
        submission_id: id, code: entry.code, value: entry.value, numerator: entry.numerator ?? null,
        denominator: entry.denominator ?? null, explanation: entry.explanation, status: ev.status, expected: ev.expected,
        year_target: ev.yearTarget, gap: ev.gap, gap_relative: ev.gapRelative, shortfall: ev.shortfall ? 1 : 0,
      });
    });
    return { receipt, submissionId: id, journalId: this.addJournal(item, receipt, id, receivedAt) };
  }

  /** Nothing new is stored: the receipt is the earlier one's, marked duplicate. */
  private addDuplicate(
    item: UploadRecord, state: KeyState, same: { id: string; version: number; receipt: Receipt }, at: string, returned: boolean,
  ): RecordResult {
    const issues: ReceiptIssue[] = [...same.receipt.issues];
    if (state.current && state.current.id !== same.id) issues.unshift(notCurrentIssue(same.receipt, same.version, state.current.version));
    // The same bytes again do not answer a send-back: say so, or the unit would think its correction arrived.
    if (returned) issues.unshift(stillReturnedIssue(same.receipt.month));
    const receipt: Receipt = { ...same.receipt, status: 'duplicate', issues };
    return { receipt, submissionId: same.id, journalId: this.addJournal(item, receipt, same.id, at) };
  }

  private addRefusal(item: UploadRecord, outcome: Extract<ParseOutcome, { ok: false }>, receivedAt: string): RecordResult {
    const meta = outcome.meta;
    return this.refuse(item, {
      planId: meta?.planId ?? null, unitCode: item.uploaderUnit ?? meta?.unitCode ?? null, month: meta?.month ?? null,
      templateVersion: meta?.templateVersion ?? null,
    }, outcome.hash, outcome.reason, outcome.issues, receivedAt);
  }

  /** The month's report is issued and the unit's month is not unlocked: kept as a refusal, nothing accepted. */
  private addLockedRefusal(item: UploadRecord, outcome: Extract<ParseOutcome, { ok: true }>, receivedAt: string): RecordResult {
    const s = outcome.submission;
    return this.refuse(item, { planId: s.planId, unitCode: s.unitCode, month: s.month, templateVersion: s.templateVersion },
      outcome.hash, 'month_locked', [monthLockedIssue(s.month)], receivedAt);
  }

  /** A refused upload: its receipt, its bytes and a refused row (with what the workbook claims to be), nothing accepted. */
  private refuse(
    item: UploadRecord, claim: { planId: string | null; unitCode: string | null; month: string | null; templateVersion: number | null },
    hash: string, reason: string, issues: ReceiptIssue[], receivedAt: string,
  ): RecordResult {
    const receipt: Receipt = {
      status: 'refused', submissionId: null, planId: claim.planId, unitCode: claim.unitCode, unitName: this.unitName(claim.unitCode),
      month: claim.month, version: null, supersedes: null, receivedAt, fileHash: hash, counts: null, issues,
    };
    this.keepFile(hash, item.bytes);
    this.addRow({
      id: timeOrderedId(), plan_id: claim.planId, unit_code: claim.unitCode, month: claim.month, template_version: claim.templateVersion,
      file_hash: hash, file_name: item.fileName ?? null, received_at: receivedAt, channel: item.channel,
      submitted_by: item.submittedBy, version: null, supersedes: null, superseded_by: null, status: 'refused', reason,
      receipt: JSON.stringify(receipt),
    });
    return { receipt, submissionId: null, journalId: this.addJournal(item, receipt, null, receivedAt) };
  }

  private addRow(row: SubmissionsTable): void {
    this.submissions.push(row);
    this.pendingRows.set(row.id, row);
  }

  private keepFile(hash: string, bytes: Buffer): void {
    if (!this.files.has(hash)) this.files.set(hash, { size: bytes.length, bytes });
  }

  private addJournal(item: UploadRecord, receipt: Receipt, submissionId: string | null, at: string): string | null {
    if (!item.journal) return null;
    const id = timeOrderedId();
    this.journal.push({
      id, hash: item.outcome.hash, file_name: item.journal.fileName, state: 'recorded',
      outcome: receipt.status === 'refused' ? 'rejected' : 'processed', submission_id: submissionId,
      receipt: JSON.stringify(receipt), recorded_at: at, moved_to: null,
    });
    return id;
  }

  async write(trx: Transaction<IntakeTables>, dialect: OpenedDatabase['dialect']): Promise<void> {
    const now = new Date().toISOString();
    const breathe = breather(BREATHE_EVERY_MS);
    const files = [...this.files].map(([hash, f]) => ({ hash, size: f.size, bytes: f.bytes, first_seen_at: now }));
    for (const chunk of chunks(files, 50)) {
      await trx.insertInto('files').values(chunk).onConflict((oc) => oc.column('hash').doNothing()).execute();
      await breathe();
    }
    // Superseded first: the index allows one accepted submission per plan × unit × month at any moment.
    for (const s of this.supersededStored) {
      await trx.updateTable('submissions').set({ status: 'superseded', superseded_by: s.by }).where('id', '=', s.id).execute();
      await breathe();
    }
    for (const chunk of chunks(this.submissions, 100)) {
      await trx.insertInto('submissions').values(chunk).execute();
      await breathe();
    }
    // Tens of rows per submission, thousands per batch: inserted without the query builder (see bulk-insert.ts).
    await insertRows(trx, dialect, 'entries', ENTRY_COLUMNS, this.entries, 500, breathe);
    for (const chunk of chunks(this.journal, 100)) await trx.insertInto('drop_journal').values(chunk).execute();
    const review = trx as unknown as Transaction<StoreTables>;
    for (const u of this.closedUnlocks) {
      await review.updateTable('month_unlocks').set({ closed_at: now, closed_by_submission: u.by }).where('id', '=', u.id).execute();
    }
    for (const b of this.closedSendBacks) {
      const [planId, unitCode, month] = b.key.split('|') as [string, string, string];
      await review.updateTable('send_backs').set({ closed_at: now, closed_by_submission: b.by })
        .where('plan_id', '=', planId).where('unit_code', '=', unitCode).where('month', '=', month).where('closed_at', 'is', null).execute();
    }
  }
}

/**
 * How long a group's write runs before it lets the event loop turn. better-sqlite3 is synchronous, and a batch's
 * group (a hundred files, thousands of entry rows) took 30–60 ms to write: meanwhile no parsed file came back from the
 * parse threads and none was sent to them, so they ran dry and sat idle (0.5–0.85 s of a 3,000-file ingest, measured
 * with eventLoopUtilization). The transaction stays open across the turns; this connection is the only writer.
 */
const BREATHE_EVERY_MS = 4;

/** A function to await between statements: it yields to the event loop once `everyMs` have passed since it last did. */
function breather(everyMs: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < everyMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

const ENTRY_COLUMNS = [
  'submission_id', 'code', 'value', 'numerator', 'denominator', 'explanation', 'status', 'expected', 'year_target', 'gap',
  'gap_relative', 'shortfall',
] as const satisfies readonly (keyof EntriesTable)[];
/** Fails to compile when a column of `entries` is missing from the list above. */
const everyEntryColumn: Exclude<keyof EntriesTable, (typeof ENTRY_COLUMNS)[number]> extends never ? true : never = true;
void everyEntryColumn;

function keyOf(planId: string, unitCode: string, month: string): string {
  return `${planId}|${unitCode}|${month}`;
}

/** A submission for a month whose report is issued, without a supervisor's unlock. */
function monthLockedIssue(month: string): ReceiptIssue {
  return {
    severity: 'error', cell: null, code: 'month_locked',
    zh: `${monthLabelZh(month)}报告已发布，填报已锁定；如需更正，请联系督导单位解锁`,
    en: `The report for ${monthLabelEn(month)} has been issued and its submissions are locked; to correct yours, ask your supervisor to unlock it`,
  };
}

/** The month was sent back (退回) and this file repeats one already received: the send-back stays open. */
function stillReturnedIssue(month: string | null): ReceiptIssue {
  return {
    severity: 'warning', cell: null, code: 'still_returned',
    zh: `${month ? monthLabelZh(month) : '本月'}的报送已被退回，此文件与已收到的版本完全相同，退回仍未关闭：请按退回原因修改模板后重新提交`,
    en: `${month ? monthLabelEn(month) : 'This month'}'s submission was sent back and this file is identical to one already received, so the send-back stays open: correct the template as the reason says and submit again`,
  };
}

/** A file identical to an earlier version while a later one is current: the later one still counts. */
function notCurrentIssue(original: Receipt, version: number, currentVersion: number): ReceiptIssue {
  const m = original.month;
  return {
    severity: 'warning', cell: null, code: 'duplicate_of_earlier_version',
    zh: `此文件与已收到的第${version}版相同；${m ? monthLabelZh(m) : ''}当前有效的是第${currentVersion}版，本次未作变更。如需恢复第${version}版的数值，请在模板中修改后重新保存再提交`,
    en: `This file is identical to version ${version}, already received; version ${currentVersion} is current for ${m ? monthLabelEn(m) : 'the month'} and nothing was changed. To restore version ${version}'s values, edit and save the template, then submit again`,
  };
}
