/**
 * Flags a run raised and the reviews supervisors record on them. A review belongs to one month's flag; later
 * reports show the latest review of the same subject (unit, indicator, kind), so a decision is carried forward.
 */
import { randomUUID } from 'node:crypto';
import type { FlagKind, FlagReview, Month, ReviewStatus } from '../../core/schema';
import { FlagReviewSchema } from '../../core/schema';
import type { ReportModel, ReviewRecord } from '../report/model';
import type { RunDb } from './tables';

/** Replaces a month's flags with the model's (a rerun of a month gives the same keys). */
export async function saveFlags(db: RunDb, model: ReportModel, now: Date): Promise<void> {
  await db.deleteFrom('flags').where('plan_id', '=', model.plan.id).where('month', '=', model.month).execute();
  const rows = model.flags.map((f) => ({
    flag_key: f.key, subject: f.key.slice(f.key.indexOf('|') + 1), plan_id: f.flag.planId, month: f.flag.month,
    unit_code: f.flag.unitCode, code: f.flag.code, kind: f.flag.kind, severity: f.flag.severity, message: f.flag.message,
    message_en: f.flag.messageEn, responsible: JSON.stringify(f.flag.responsible), explanation: f.explanation,
    created_at: now.toISOString(),
  }));
  // SQLite limits bound parameters per statement; insert in slices.
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('flags').values(rows.slice(i, i + 500)).execute();
}

export interface StoredFlag {
  key: string;
  planId: string;
  month: Month;
  unitCode: string;
  code: string | null;
  kind: FlagKind;
  severity: string;
  message: string;
  messageEn: string;
  responsible: string[];
  explanation: string | null;
}

/** A month's flags, optionally only those routed to one 责任单位 (the review mode's list). */
export async function listFlags(db: RunDb, planId: string, month: Month, responsible?: string): Promise<StoredFlag[]> {
  const rows = await db.selectFrom('flags').selectAll().where('plan_id', '=', planId).where('month', '=', month).orderBy('flag_key').execute();
  return rows
    .map((r): StoredFlag => ({
      key: r.flag_key, planId: r.plan_id, month: r.month, unitCode: r.unit_code, code: r.code, kind: r.kind as FlagKind,
      severity: r.severity, message: r.message, messageEn: r.message_en, responsible: JSON.parse(r.responsible) as string[],
      explanation: r.explanation,
    }))
    .filter((f) => responsible === undefined || f.responsible.includes(responsible));
}

export async function recordReview(db: RunDb, flagKey: string, review: FlagReview): Promise<void> {
  const valid = FlagReviewSchema.parse(review);
  const flag = await db.selectFrom('flags').select(['subject', 'plan_id', 'month']).where('flag_key', '=', flagKey).executeTakeFirst();
  if (!flag) throw new Error(`没有编号为 ${flagKey} 的预警 / no flag ${flagKey}`);
  await db.insertInto('flag_reviews').values({
    id: randomUUID(), flag_key: flagKey, subject: flag.subject, plan_id: flag.plan_id, month: flag.month, status: valid.status,
    reviewer: valid.reviewer, comment: valid.comment, at: valid.at, due_by: valid.dueBy ?? null,
  }).execute();
}

/** Every review of the plan's flags up to a month, for the report to pick the latest per subject. */
export async function reviewsUpTo(db: RunDb, planId: string, month: Month): Promise<ReviewRecord[]> {
  const rows = await db.selectFrom('flag_reviews').selectAll().where('plan_id', '=', planId).where('month', '<=', month).execute();
  return rows.map((r) => {
    // subject = plan|unit|code|kind (see core/flags.ts flagSubject)
    const [, unitCode = '', code = '-', kind = ''] = r.subject.split('|');
    return {
      planId: r.plan_id, unitCode, code: code === '-' ? null : code, kind: kind as FlagKind, month: r.month,
      review: {
        status: r.status as ReviewStatus, reviewer: r.reviewer, comment: r.comment, at: r.at,
        ...(r.due_by ? { dueBy: r.due_by } : {}),
      },
    };
  });
}
