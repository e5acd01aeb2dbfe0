/**
 * The review service behind the review API (issue 6): the flags a caller may see, with what a supervisor needs to
 * judge them (actual against expected, the gap, the unit's explanation and recent months, how long the flag has been
 * open, the current decision); decisions, all or nothing; a subject's history; send-back (退回); unlock; the events.
 * Who may do what is in access.ts; everything written is an audit event (audit.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { cityFigures, evaluateCity, rosterOf, type CityFigure, type Roster } from '../../core/aggregate';
import { formatGap, formatValue } from '../../core/flags';
import { addMonths } from '../../core/month';
import {
  ageInDays, awaitingDecision, beijingToday, checkDecisions, ReviewBatchSchema, SEVERITY_RANK, SendBackSchema, UnlockSchema,
  type DecisionsResult, type ReviewEvent, type ReviewHistory, type ReviewItem, type ReviewList, type ReviewState,
  type SendBackResult,
} from '../../core/review';
import { ReviewStatusSchema, type Evaluation, type Month, type Plan } from '../../core/schema';
import { monthTable } from '../run/source';
import { latestDecisions, listFlags, storedFlag, type StoredFlag } from '../run/flag-store';
import { runDbOf, storeSource } from '../run/store-source';
import type { RunDb } from '../run/tables';
import { takeWriteLock } from '../store/database';
import { chunks, reportingUnits, type IntakeStore } from '../store/store';
import type { TokenInfo } from '../store/tokens';
import { HttpProblem, MESSAGES, monthParam, planFor, type Problem } from '../server/problems';
import { decidesFlag, holdsAny, requireReturnRight, REVIEW_MESSAGES, seesFlag } from './access';
import { addEvent, eventOf, type ReviewDb, type ReviewDbTables } from './audit';

/** Months of the unit's own values shown next to a flag. */
const RECENT_MONTHS = 6;

const SEVERITIES: readonly string[] = ['info', 'warning', 'critical'];

export interface ListQuery {
  plan?: string;
  month?: string;
  unit?: string;
  /** open: no decision yet, or action required; else a decision's status. */
  status?: string;
  severity?: string;
  code?: string;
}

export class ReviewService {
  private readonly db: ReviewDb;
  /** The same database, typed as the monthly run's functions take it. */
  private readonly runDb: RunDb;

  constructor(private readonly store: IntakeStore, private readonly now: () => Date = () => new Date()) {
    this.db = store.db as unknown as ReviewDb;
    this.runDb = runDbOf(store.db);
  }

  private get plans(): readonly Plan[] {
    return this.store.catalog.plans;
  }

  private cityOf(planId: string): string | null {
    return this.plans.find((p) => p.id === planId)?.city ?? null;
  }

  /** The flags the caller may see for a plan's month (default: the latest month with flags), filtered. */
  async list(token: TokenInfo, query: ListQuery): Promise<ReviewList> {
    const plan = planFor(this.plans, token, query.plan);
    if (query.month !== undefined) monthParam(query.month);
    const status = query.status === undefined || query.status === '' ? undefined : query.status;
    if (status !== undefined && !ReviewStatusSchema.safeParse(status).success) throw new HttpProblem(400, REVIEW_MESSAGES.badFilter);
    const severity = query.severity === undefined || query.severity === '' ? undefined : query.severity;
    if (severity !== undefined && !SEVERITIES.includes(severity)) throw new HttpProblem(400, REVIEW_MESSAGES.badFilter);

    const monthRows = await this.db.selectFrom('flags').select('month').distinct().where('plan_id', '=', plan.id).orderBy('month', 'desc').execute();
    const months = monthRows.map((r) => r.month);
    const month = query.month ?? months[0] ?? null;
    const canDecide = token.kind !== 'unit';
    if (month === null) return { planId: plan.id, month: null, months, locked: false, canDecide, items: [] };

    const flags = (await listFlags(this.runDb, plan.id, month)).filter((f) => seesFlag(token, f, plan.city)
      && (!query.unit || f.unitCode === query.unit) && (!query.code || f.code === query.code) && (!severity || f.severity === severity));
    let items = await this.itemsOf(plan, month, flags);
    if (status === 'open') items = items.filter((i) => awaitingDecision(i.review));
    else if (status !== undefined) items = items.filter((i) => i.review?.status === status);
    return { planId: plan.id, month, months, locked: await this.isLocked(plan.id, month), canDecide, items };
  }

  /** The review items of one month's flags: values from the unit's stored entries, age, latest decision. */
  private async itemsOf(plan: Plan, month: Month, flags: StoredFlag[]): Promise<ReviewItem[]> {
    if (flags.length === 0) return [];
    const units = [...new Set(flags.map((f) => f.unitCode))];
    const codes = [...new Set(flags.flatMap((f) => (f.code ? [f.code] : [])))];
    const subjects = [...new Set(flags.map((f) => f.subject))];
    const from = addMonths(month, -RECENT_MONTHS);

    // The unit's current entries of this month and the months before (accepted submissions only).
    const entries = new Map<string, { value: number | null; expected: number | null; gap: number | null }>();
    const recent = new Map<string, { month: string; value: number | null }[]>();
    for (const unitChunk of chunks(units, 200)) {
      if (codes.length === 0) break;
      const rows = await this.db.selectFrom('entries as e').innerJoin('submissions as s', 's.id', 'e.submission_id')
        .select(['s.unit_code', 's.month', 'e.code', 'e.value', 'e.expected', 'e.gap'])
        .where('s.plan_id', '=', plan.id).where('s.status', '=', 'accepted').where('s.unit_code', 'in', unitChunk)
        .where('s.month', '>=', from).where('s.month', '<=', month).where('e.code', 'in', codes)
        .orderBy('s.month').execute();
      for (const r of rows) {
        const key = `${r.unit_code}|${r.code}`;
        if (r.month === month) entries.set(key, { value: r.value, expected: r.expected, gap: r.gap });
        else recent.set(key, [...(recent.get(key) ?? []), { month: r.month!, value: r.value }]);
      }
    }

    // The latest decision on each, as the report carries them (each flag's age is stored with it: run/flag-age.ts).
    const decisions = new Map<string, ReviewState>();
    for (const [subject, e] of await latestDecisions(this.runDb, plan.id, month, subjects)) decisions.set(subject, stateOf(eventOf(e)));

    // Flags on a city total: the figures rolled up from the units' entries, as the report computed them.
    const roster = rosterOf(plan, this.store.catalog.units);
    const cityCode = roster.city.code;
    if (flags.some((f) => f.unitCode === cityCode && f.code && !entries.has(`${cityCode}|${f.code}`))) {
      const { evaluations } = await this.cityFigures(plan, roster, month);
      const rolled = new Set<string>();
      for (const [code, ev] of evaluations) {
        if (ev && !entries.has(`${cityCode}|${code}`)) {
          entries.set(`${cityCode}|${code}`, { value: ev.actual, expected: ev.expected, gap: ev.gap });
          rolled.add(code);
        }
      }
      for (let m = from; m < month; m = addMonths(m, 1)) {
        const { figures } = await this.cityFigures(plan, roster, m);
        for (const code of rolled) {
          const value = figures.get(code)?.value ?? null;
          if (value !== null) recent.set(`${cityCode}|${code}`, [...(recent.get(`${cityCode}|${code}`) ?? []), { month: m, value }]);
        }
      }
    }

    const asOf = this.now().toISOString();
    const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
    return flags.map((f): ReviewItem => {
      const indicator = f.code ? indicators.get(f.code) ?? null : null;
      const entry = f.code ? entries.get(`${f.unitCode}|${f.code}`) : undefined;
      return {
        flagKey: f.key, planId: f.planId, month: f.month, unitCode: f.unitCode, unitName: this.store.unitName(f.unitCode) ?? f.unitCode,
        code: f.code, indicatorName: indicator?.name ?? null, kind: f.kind, severity: f.severity, message: f.message,
        messageEn: f.messageEn, responsible: f.responsible,
        actual: indicator && entry ? formatValue(indicator, entry.value) : null,
        expected: indicator && entry && entry.expected !== null ? formatValue(indicator, entry.expected) : null,
        gap: indicator && entry && entry.gap !== null ? formatGap(indicator, entry.gap).zh : null,
        explanation: f.explanation,
        recent: indicator ? (recent.get(`${f.unitCode}|${f.code}`) ?? []).map((r) => ({ month: r.month, value: formatValue(indicator, r.value) })) : [],
        openSince: f.openSince, ageDays: ageInDays(f.openSince, asOf), review: decisions.get(f.subject) ?? null,
      };
    }).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.ageDays - a.ageDays
      || a.unitCode.localeCompare(b.unitCode) || (a.code ?? '').localeCompare(b.code ?? '') || a.kind.localeCompare(b.kind));
  }

  /** The city's figures of a month, rolled up from the units' current entries, and their evaluation. */
  private async cityFigures(
    plan: Plan, roster: Roster, month: Month,
  ): Promise<{ figures: Map<string, CityFigure>; evaluations: Map<string, Evaluation | null> }> {
    const figures = cityFigures(plan, await monthTable(storeSource(this.store), plan, roster, month));
    return { figures, evaluations: evaluateCity(plan, month, roster.city.code, figures) };
  }

  /** Stores a batch of decisions, all or none; each is an audit event. Problems name the batch index and field. */
  async decide(token: TokenInfo, body: unknown): Promise<DecisionsResult> {
    if (token.kind === 'unit') throw new HttpProblem(403, REVIEW_MESSAGES.unitsCannotDecide);
    const batch = ReviewBatchSchema.safeParse(body);
    if (!batch.success) throw new HttpProblem(400, zodProblem(batch.error, BAD_BATCH));
    const items = batch.data.decisions;
    const keys = [...new Set(items.flatMap((i) => (typeof (i as { flagKey?: unknown } | null)?.flagKey === 'string' ? [(i as { flagKey: string }).flagKey] : [])))];
    const flags = new Map<string, StoredFlag>();
    for (const chunk of chunks(keys, 300)) {
      for (const r of await this.db.selectFrom('flags').selectAll().where('flag_key', 'in', chunk).execute()) flags.set(r.flag_key, storedFlag(r));
    }
    const known = new Set([...flags.values()].filter((f) => {
      const city = this.cityOf(f.planId);
      return city !== null && decidesFlag(token, f, city);
    }).map((f) => f.key));
    const check = checkDecisions(items, { today: beijingToday(this.now()), known });
    if (check.problems.length > 0) throw new HttpProblem(422, REVIEW_MESSAGES.decisionsRefused, { problems: check.problems });
    const at = this.now().toISOString();
    const events = await this.db.transaction().execute(async (trx) => {
      await takeWriteLock(trx, this.store.dialect);
      const out: ReviewEvent[] = [];
      for (const d of check.decisions) {
        const f = flags.get(d.flagKey)!;
        out.push(await addEvent(trx, {
          kind: 'decision', plan_id: f.planId, month: f.month, unit_code: f.unitCode, flag_key: f.key, subject: f.subject,
          actor: token.id, actor_label: token.label, at, status: d.status, comment: d.comment, action: d.action || null,
          due_by: d.dueBy ?? null,
        }));
      }
      return out;
    });
    return { stored: events.length, events };
  }

  /** Every decision on the flag's subject, in every month, oldest first. */
  async history(token: TokenInfo, flagKey: string | undefined): Promise<ReviewHistory> {
    const row = flagKey ? await this.db.selectFrom('flags').selectAll().where('flag_key', '=', flagKey).executeTakeFirst() : undefined;
    const flag = row ? storedFlag(row) : null;
    const city = flag ? this.cityOf(flag.planId) : null;
    if (!flag || city === null || !seesFlag(token, flag, city)) throw new HttpProblem(404, REVIEW_MESSAGES.unknownFlag);
    const rows = await this.db.selectFrom('review_events').selectAll()
      .where('kind', '=', 'decision').where('plan_id', '=', flag.planId).where('subject', '=', flag.subject)
      .orderBy('at').orderBy('id').execute();
    return { flagKey: flag.key, subject: flag.subject, events: rows.map(eventOf) };
  }

  /** 退回: returns the unit's current submission for the month; if the month is locked, also unlocks it. */
  async sendBack(token: TokenInfo, body: unknown): Promise<SendBackResult> {
    const parsed = SendBackSchema.safeParse(body);
    if (!parsed.success) throw new HttpProblem(400, zodProblem(parsed.error, BAD_SEND_BACK));
    const req = parsed.data;
    const plan = this.returnable(token, req.planId, req.unitCode);
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      await takeWriteLock(trx, this.store.dialect);
      const current = await trx.selectFrom('submissions').select('id')
        .where('plan_id', '=', plan.id).where('unit_code', '=', req.unitCode).where('month', '=', req.month).where('status', '=', 'accepted')
        .executeTakeFirst();
      if (!current) throw new HttpProblem(404, REVIEW_MESSAGES.nothingToReturn);
      const open = await trx.selectFrom('send_backs').select('id').where('submission_id', '=', current.id).where('closed_at', 'is', null).executeTakeFirst();
      if (open) throw new HttpProblem(409, REVIEW_MESSAGES.alreadyReturned);
      const sendBackId = randomUUID();
      await trx.insertInto('send_backs').values({
        id: sendBackId, submission_id: current.id, plan_id: plan.id, unit_code: req.unitCode, month: req.month, reason: req.reason,
        by_actor: token.id, by_label: token.label, at, closed_at: null, closed_by_submission: null,
      }).execute();
      const event = await addEvent(trx, {
        kind: 'send_back', plan_id: plan.id, month: req.month, unit_code: req.unitCode, submission_id: current.id,
        actor: token.id, actor_label: token.label, at, comment: req.reason,
      });
      // A returned submission of an issued month can only be corrected once the unit's month is unlocked.
      let unlock: ReviewEvent | null = null;
      if (await this.isLocked(plan.id, req.month, trx) && !(await openUnlock(trx, plan.id, req.unitCode, req.month))) {
        unlock = await this.addUnlock(trx, token, plan.id, req.unitCode, req.month, req.reason, at, sendBackId);
      }
      return { event, unlock };
    });
  }

  /** Opens an issued month of one unit for one correction. */
  async unlock(token: TokenInfo, body: unknown): Promise<ReviewEvent> {
    const parsed = UnlockSchema.safeParse(body);
    if (!parsed.success) throw new HttpProblem(400, zodProblem(parsed.error, BAD_UNLOCK));
    const req = parsed.data;
    const plan = this.returnable(token, req.planId, req.unitCode);
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      await takeWriteLock(trx, this.store.dialect);
      if (!(await this.isLocked(plan.id, req.month, trx))) throw new HttpProblem(409, REVIEW_MESSAGES.notLocked);
      if (await openUnlock(trx, plan.id, req.unitCode, req.month)) throw new HttpProblem(409, REVIEW_MESSAGES.alreadyUnlocked);
      return this.addUnlock(trx, token, plan.id, req.unitCode, req.month, req.reason, at, null);
    });
  }

  /** The audit events of a plan the caller may see (a unit: its own and the locks), oldest first. */
  async events(token: TokenInfo, query: { plan?: string; month?: string; unit?: string }): Promise<ReviewEvent[]> {
    const plan = planFor(this.plans, token, query.plan);
    if (query.month !== undefined) monthParam(query.month);
    if (token.kind === 'unit' && query.unit !== undefined && query.unit !== token.unitCode) throw new HttpProblem(403, MESSAGES.otherUnit);
    let q = this.db.selectFrom('review_events as e').leftJoin('flags as f', 'f.flag_key', 'e.flag_key')
      .selectAll('e').select('f.responsible as flag_responsible').where('e.plan_id', '=', plan.id);
    if (query.month) q = q.where('e.month', '=', query.month);
    const unit = token.kind === 'unit' ? token.unitCode : query.unit;
    if (unit) q = q.where((eb) => eb.or([eb('e.unit_code', '=', unit), eb('e.unit_code', 'is', null)]));
    const rows = await q.orderBy('e.at').orderBy('e.id').execute();
    return rows.filter((r) => {
      // A supervisor sees the decisions on flags of its 责任单位 only (flags of a month rerun may be gone: then all).
      if (token.kind !== 'supervisor' || r.kind !== 'decision' || r.flag_responsible === null) return true;
      return holdsAny(token, JSON.parse(r.flag_responsible) as string[]);
    }).map((r) => eventOf(r));
  }

  /** Whether the plan's month is locked: its report has been issued. */
  async isLocked(planId: string, month: string, db: ReviewDb | Transaction<ReviewDbTables> = this.db): Promise<boolean> {
    const run = await db.selectFrom('monthly_runs').select('composed_at').where('plan_id', '=', planId).where('month', '=', month).executeTakeFirst();
    return Boolean(run?.composed_at);
  }

  private returnable(token: TokenInfo, planId: string, unitCode: string): Plan {
    const plan = planFor(this.plans, token, planId);
    requireReturnRight(token, plan);
    if (!reportingUnits(plan, this.store.catalog.units).some((u) => u.code === unitCode)) throw new HttpProblem(404, REVIEW_MESSAGES.unknownUnit);
    return plan;
  }

  private async addUnlock(trx: Transaction<ReviewDbTables>, token: TokenInfo, planId: string, unitCode: string, month: string, reason: string, at: string, sendBackId: string | null): Promise<ReviewEvent> {
    await trx.insertInto('month_unlocks').values({
      id: randomUUID(), plan_id: planId, unit_code: unitCode, month, reason, by_actor: token.id, by_label: token.label, at,
      send_back_id: sendBackId, closed_at: null, closed_by_submission: null,
    }).execute();
    return addEvent(trx, { kind: 'unlock', plan_id: planId, month, unit_code: unitCode, actor: token.id, actor_label: token.label, at, comment: reason });
  }

}

async function openUnlock(trx: Transaction<ReviewDbTables>, planId: string, unitCode: string, month: string): Promise<boolean> {
  const row = await trx.selectFrom('month_unlocks').select('id')
    .where('plan_id', '=', planId).where('unit_code', '=', unitCode).where('month', '=', month).where('closed_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

function stateOf(e: ReviewEvent): ReviewState {
  return {
    status: e.status ?? 'open', comment: e.comment, action: e.action, dueBy: e.dueBy, reviewer: e.actorLabel ?? e.actor, at: e.at,
    month: e.month,
  };
}

const BAD_BATCH: Problem = { zh: '请求应为 { decisions: [...] }，含 1 至 1000 条复核结论', en: 'Send { decisions: [...] } with 1 to 1000 decisions' };
const BAD_SEND_BACK: Problem = { zh: '退回请求应包含 planId、unitCode、month（YYYY-MM）和退回原因 reason', en: 'A send-back needs planId, unitCode, month (YYYY-MM) and a reason' };
const BAD_UNLOCK: Problem = { zh: '解锁请求应包含 planId、unitCode、month（YYYY-MM）和解锁原因 reason', en: 'An unlock needs planId, unitCode, month (YYYY-MM) and a reason' };

/** A zod refusal in both languages: the schema's own "中文 / English" message where it has one, else `fallback`. */
function zodProblem(error: z.ZodError, fallback: Problem): Problem {
  for (const issue of error.issues) {
    const [zh, en] = issue.message.split(' / ');
    if (zh && en) return { zh, en };
  }
  return fallback;
}
