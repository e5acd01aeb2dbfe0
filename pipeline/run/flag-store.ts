/**
 * Flags a run raised and the decisions supervisors record on them. A decision belongs to one month's flag; later
 * reports show the latest decision on the same subject (unit, indicator, kind), so a decision is carried forward.
 * Decisions are review_events of kind 'decision' (migration 020-review), the audit trail every review action joins.
 */
import { addEvent, type ReviewDb } from '../review/audit';
import { chunks } from '../store/store';
import type { ReviewEventsTable } from '../store/tables';
import type { FlagKind, FlagReview, Month, ReviewStatus } from '../../core/schema';
import { FlagReviewSchema } from '../../core/schema';
import type { ReportModel, ReviewRecord } from '../report/model';
import type { Selectable } from 'kysely';
import type { FlagsTable, RunDb } from './tables';

/** Replaces a month's flags with the model's (a rerun of a month gives the same keys). */
export async function saveFlags(db: RunDb, model: ReportModel, now: Date): Promise<void> {
  await db.deleteFrom('flags').where('plan_id', '=', model.plan.id).where('month', '=', model.month).execute();
  const rows = model.flags.map((f) => ({
    flag_key: f.key, subject: f.key.slice(f.key.indexOf('|') + 1), plan_id: f.flag.planId, month: f.flag.month,
    unit_code: f.flag.unitCode, code: f.flag.code, kind: f.flag.kind, severity: f.flag.severity, message: f.flag.message,
    message_en: f.flag.messageEn, responsible: JSON.stringify(f.flag.responsible), explanation: f.explanation,
    created_at: now.toISOString(), open_since: f.openSince,
  }));
  // SQLite limits bound parameters per statement; insert in slices.
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('flags').values(rows.slice(i, i + 500)).execute();
}

export interface StoredFlag {
  key: string;
  /** plan|unit|code|kind: the same in every month the flag is raised again. */
  subject: string;
  planId: string;
  month: Month;
  unitCode: string;
  code: string | null;
  kind: FlagKind;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  messageEn: string;
  responsible: string[];
  explanation: string | null;
  /** Since when the subject has been flagged without a break (run/flag-age.ts): what its age counts from. */
  openSince: string;
}

export function storedFlag(r: Selectable<FlagsTable>): StoredFlag {
  return {
    key: r.flag_key, subject: r.subject, planId: r.plan_id, month: r.month, unitCode: r.unit_code, code: r.code,
    kind: r.kind as FlagKind, severity: r.severity as StoredFlag['severity'], message: r.message, messageEn: r.message_en,
    responsible: JSON.parse(r.responsible) as string[], explanation: r.explanation,
    // Flags saved before migration 040 have no open_since; the run that raised them is the best known start.
    openSince: r.open_since ?? r.created_at,
  };
}

/** A month's flags, optionally only those routed to one 责任单位 (the review mode's list). */
export async function listFlags(db: RunDb, planId: string, month: Month, responsible?: string): Promise<StoredFlag[]> {
  const rows = await db.selectFrom('flags').selectAll().where('plan_id', '=', planId).where('month', '=', month).orderBy('flag_key').execute();
  return rows.map(storedFlag).filter((f) => responsible === undefined || f.responsible.includes(responsible));
}

/** Records a decision on a flag as an audit event, by the reviewer it names (commands and tests; the API goes through the review service). */
export async function recordReview(db: RunDb, flagKey: string, review: FlagReview & { action?: string }): Promise<void> {
  const valid = FlagReviewSchema.parse(review);
  const flag = await db.selectFrom('flags').select(['subject', 'plan_id', 'month', 'unit_code']).where('flag_key', '=', flagKey).executeTakeFirst();
  if (!flag) throw new Error(`没有编号为 ${flagKey} 的预警 / no flag ${flagKey}`);
  await addEvent(db as unknown as ReviewDb, {
    kind: 'decision', plan_id: flag.plan_id, month: flag.month, unit_code: flag.unit_code, flag_key: flagKey, subject: flag.subject,
    actor: valid.reviewer, actor_label: valid.reviewer, at: valid.at, status: valid.status, comment: valid.comment,
    action: valid.action ?? null, due_by: valid.dueBy ?? null,
  });
}

/**
 * The latest decision on each subject of the plan's flags up to a month, by subject (by the flag's month, then the
 * time of the decision: a decision on this month's flag outranks one carried from an earlier month); only the
 * `subjects` named, when they are.
 */
export async function latestDecisions(
  db: RunDb, planId: string, month: Month, subjects?: string[],
): Promise<Map<string, Selectable<ReviewEventsTable>>> {
  const latest = new Map<string, Selectable<ReviewEventsTable>>();
  const read = async (only?: string[]) => {
    let query = db.selectFrom('review_events').selectAll().where('kind', '=', 'decision').where('plan_id', '=', planId).where('month', '<=', month);
    if (only) query = query.where('subject', 'in', only);
    for (const r of await query.orderBy('month').orderBy('at').orderBy('id').execute()) latest.set(r.subject ?? r.flag_key ?? r.id, r);
  };
  if (subjects === undefined) await read();
  else for (const chunk of chunks(subjects, 300)) await read(chunk);
  return latest;
}

/** The latest decisions (see latestDecisions) as the report carries them, with their action and due date. */
export async function reviewsUpTo(db: RunDb, planId: string, month: Month): Promise<ReviewRecord[]> {
  return [...(await latestDecisions(db, planId, month)).values()].map((r) => {
    // subject = plan|unit|code|kind (see core/flags.ts flagSubject)
    const [, unitCode = '', code = '-', kind = ''] = (r.subject ?? '').split('|');
    return {
      planId: r.plan_id, unitCode, code: code === '-' ? null : code, kind: kind as FlagKind, month: r.month,
      review: {
        status: r.status as ReviewStatus, reviewer: r.actor_label ?? r.actor, comment: r.comment, at: r.at,
        ...(r.due_by ? { dueBy: r.due_by } : {}),
        ...(r.action ? { action: r.action } : {}),
      },
    };
  });
}
