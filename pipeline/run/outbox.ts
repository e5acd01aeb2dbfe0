/**
 * The outbox: composed messages wait here until sent. A message is claimed with a lease before it is handed to
 * the transport, so two processes never send it at once; a lease left behind by a process that died expires and
 * the message is sent again — with the same bytes and Message-ID — so a crash can at worst repeat a message the
 * server had already accepted in the instant before the crash, never lose one.
 *
 * An SMTP 5xx reply is permanent: the message is kept as 'failed' with the server's words and reported, not
 * retried. Anything else (connection refused, timeouts, 4xx) is retried with exponential backoff up to
 * `maxAttempts`, then kept as 'failed' too.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ComposedMessage } from '../mail/compose';
import { type MailTransport, envelopeAddress, classifyError } from '../mail/transport';
import type { DeliveryConfig } from './config';
import type { OutboxKind, OutboxStatus, RunDb } from './tables';

export interface OutboxRow {
  id: string;
  planId: string;
  month: string;
  recipient: string;
  kind: OutboxKind;
  audience: string;
  subject: string;
  messageId: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastResponseCode: number | null;
  sentAt: string | null;
}

export interface DeliveryHooks {
  /** After the server accepted a message, before the outbox records it (crash tests stop the process here). */
  afterAccepted?(row: OutboxRow): void | Promise<void>;
}

/**
 * Saves a month's messages of one kind; a recipient who already has this month's message of that kind keeps the one
 * they have (the unique plan × month × recipient × kind index decides, also between two processes).
 */
export async function enqueue(
  db: RunDb, planId: string, month: string, messages: ComposedMessage[], now: Date, kind: OutboxKind = 'report',
): Promise<number> {
  let added = 0;
  for (const [seq, m] of messages.entries()) {
    const result = await db.insertInto('outbox').values({
      id: randomUUID(), plan_id: planId, month, recipient: m.recipient, kind, seq, audience: m.audience,
      responsible: JSON.stringify(m.responsible), subject: m.subject, message_id: m.messageId, raw: m.raw,
      next_attempt_at: now.toISOString(), created_at: now.toISOString(),
    }).onConflict((oc) => oc.columns(['plan_id', 'month', 'recipient', 'kind']).doNothing()).executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

export function backoffMs(config: DeliveryConfig, attempts: number): number {
  return Math.min(config.maxDelayMs, config.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

export interface Scope {
  planId?: string;
  month?: string;
  /** Only reports, or only reminders; both when not given. */
  kind?: OutboxKind;
}

/** Messages that may be attempted now: pending and due, or left 'sending' by a lease that has expired. */
async function dueIds(db: RunDb, now: string, scope: Scope): Promise<string[]> {
  let q = db.selectFrom('outbox').select('id').where((eb) => eb.or([
    eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
    eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
  ]));
  if (scope.planId) q = q.where('plan_id', '=', scope.planId);
  if (scope.month) q = q.where('month', '=', scope.month);
  if (scope.kind) q = q.where('kind', '=', scope.kind);
  return (await q.orderBy('plan_id').orderBy('month').orderBy('seq').execute()).map((r) => r.id);
}

/** Takes a message for sending; false when another process has it or it is no longer due. */
async function claim(db: RunDb, id: string, now: Date, leaseMs: number): Promise<boolean> {
  const at = now.toISOString();
  const result = await db.updateTable('outbox')
    .set({ status: 'sending', attempts: sql`attempts + 1`, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', at)]),
    ]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface AttemptResult {
  row: OutboxRow;
  outcome: 'sent' | 'retry' | 'failed' | 'skipped';
}

/** One attempt at one message: claim, send, record. */
export async function attemptDelivery(
  db: RunDb, id: string, transport: MailTransport, from: string, config: DeliveryConfig, now: () => Date, hooks: DeliveryHooks = {},
): Promise<AttemptResult> {
  if (!(await claim(db, id, now(), config.leaseMs))) return { row: await readRow(db, id), outcome: 'skipped' };
  const claimed = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  try {
    const { response } = await transport.send(
      { from: envelopeAddress(from), to: claimed.recipient }, claimed.raw, { planId: claimed.plan_id, month: claimed.month, kind: claimed.kind },
    );
    await hooks.afterAccepted?.(toRow(claimed));
    await db.updateTable('outbox').set({
      status: 'sent', sent_at: now().toISOString(), lease_until: null, last_error: null, last_response_code: responseCode(response),
    }).where('id', '=', id).execute();
    return { row: await readRow(db, id), outcome: 'sent' };
  } catch (err) {
    const failure = classifyError(err);
    const giveUp = failure.permanent || claimed.attempts >= config.maxAttempts;
    await db.updateTable('outbox').set({
      status: giveUp ? 'failed' : 'pending',
      lease_until: null,
      last_error: failure.message.slice(0, 2000),
      last_response_code: failure.responseCode,
      next_attempt_at: new Date(now().getTime() + backoffMs(config, claimed.attempts)).toISOString(),
    }).where('id', '=', id).execute();
    return { row: await readRow(db, id), outcome: giveUp ? 'failed' : 'retry' };
  }
}

export interface DeliverySummary {
  sent: OutboxRow[];
  failed: OutboxRow[];
  /** Still waiting for a retry when the pass ended. */
  waiting: OutboxRow[];
}

/**
 * Sends every due message in scope, waiting for retries as long as `waitBudgetMs` allows; what is still waiting
 * afterwards stays in the outbox for the next pass (the server's poll, the next start, or another command).
 */
export async function deliverDue(
  db: RunDb, transport: MailTransport, from: string, config: DeliveryConfig,
  opts: Scope & { now?: () => Date; waitBudgetMs?: number; hooks?: DeliveryHooks } = {},
): Promise<DeliverySummary> {
  const now = opts.now ?? (() => new Date());
  const until = Date.now() + (opts.waitBudgetMs ?? config.waitBudgetMs);
  const sent: OutboxRow[] = [];
  const failed: OutboxRow[] = [];
  for (;;) {
    for (const id of await dueIds(db, now().toISOString(), opts)) {
      const result = await attemptDelivery(db, id, transport, from, config, now, opts.hooks);
      if (result.outcome === 'sent') sent.push(result.row);
      if (result.outcome === 'failed') failed.push(result.row);
    }
    const wake = await nextWakeUp(db, opts);
    if (wake === null) break;
    const wait = Math.max(0, Date.parse(wake) - now().getTime());
    if (Date.now() + wait > until) break;
    await new Promise((resolve) => setTimeout(resolve, wait + 5));
  }
  return { sent, failed, waiting: await listOutbox(db, { ...opts, statuses: ['pending', 'sending'] }) };
}

/** When the next message in scope becomes due (a retry time or an expiring lease), or null if none waits. */
export async function nextWakeUp(db: RunDb, scope: Scope = {}): Promise<string | null> {
  let q = db.selectFrom('outbox')
    .select(sql<string>`min(case when status = 'pending' then next_attempt_at else lease_until end)`.as('wake'))
    .where('status', 'in', ['pending', 'sending']);
  if (scope.planId) q = q.where('plan_id', '=', scope.planId);
  if (scope.month) q = q.where('month', '=', scope.month);
  if (scope.kind) q = q.where('kind', '=', scope.kind);
  return (await q.executeTakeFirst())?.wake ?? null;
}

export async function listOutbox(db: RunDb, scope: Scope & { statuses?: OutboxStatus[] } = {}): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox').select(COLUMNS);
  if (scope.planId) q = q.where('plan_id', '=', scope.planId);
  if (scope.month) q = q.where('month', '=', scope.month);
  if (scope.kind) q = q.where('kind', '=', scope.kind);
  if (scope.statuses) q = q.where('status', 'in', scope.statuses);
  return (await q.orderBy('plan_id').orderBy('month').orderBy('kind', 'desc').orderBy('seq').execute()).map(toRow);
}

export async function rawMessage(db: RunDb, id: string): Promise<Buffer> {
  return (await db.selectFrom('outbox').select('raw').where('id', '=', id).executeTakeFirstOrThrow()).raw;
}

const COLUMNS = [
  'id', 'plan_id', 'month', 'recipient', 'kind', 'audience', 'subject', 'message_id', 'status', 'attempts', 'next_attempt_at',
  'last_error', 'last_response_code', 'sent_at',
] as const;

type Selected = {
  id: string; plan_id: string; month: string; recipient: string; kind: OutboxKind; audience: string; subject: string; message_id: string;
  status: OutboxStatus; attempts: number; next_attempt_at: string; last_error: string | null; last_response_code: number | null;
  sent_at: string | null;
};

function toRow(r: Selected): OutboxRow {
  return {
    id: r.id, planId: r.plan_id, month: r.month, recipient: r.recipient, kind: r.kind, audience: r.audience, subject: r.subject,
    messageId: r.message_id, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error, lastResponseCode: r.last_response_code, sentAt: r.sent_at,
  };
}

async function readRow(db: RunDb, id: string): Promise<OutboxRow> {
  return toRow(await db.selectFrom('outbox').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow());
}

function responseCode(response: string): number | null {
  const code = /^(\d{3})/.exec(response)?.[1];
  return code ? Number(code) : null;
}
