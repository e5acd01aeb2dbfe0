/**
 * What the review API answers (core/review.ts REVIEW_API), parsed defensively: the pane shows what it understood and
 * says "unexpected answer" for the rest, never a half-parsed list.
 */
import { z } from 'zod';
import { FlagKindSchema } from '../../../core/schema';
import { ReviewStatusSchema, type DecisionProblem, type ReviewItem } from '../../../core/review';

const ReviewStateSchema = z.object({
  status: ReviewStatusSchema,
  comment: z.string().default(''),
  action: z.string().nullish().transform((v) => v ?? null),
  dueBy: z.string().nullish().transform((v) => v ?? null),
  reviewer: z.string().default(''),
  at: z.string(),
  month: z.string(),
});

const text = z.string().nullish().transform((v) => v ?? null);

export const ReviewItemSchema = z.object({
  flagKey: z.string().min(1),
  planId: z.string(),
  month: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  code: text,
  indicatorName: text,
  kind: FlagKindSchema,
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string(),
  messageEn: z.string().default(''),
  responsible: z.array(z.string()).default([]),
  actual: text,
  expected: text,
  gap: text,
  explanation: text,
  recent: z.array(z.object({ month: z.string(), value: z.string() })).default([]),
  openSince: z.string(),
  ageDays: z.number().int().nonnegative(),
  review: ReviewStateSchema.nullish().transform((v) => v ?? null),
}) satisfies z.ZodType<ReviewItem, unknown>;

/** GET REVIEW_API.flags as the pane uses it (core/review.ts ReviewList; the fields it can do without are defaulted). */
export interface ReviewList {
  /** The plan and month the server listed (its default is the latest month with flags). */
  planId: string | null;
  month: string | null;
  /** Months with flags, newest first. */
  months: string[];
  /** The month's report is issued: a correction needs an unlock. */
  locked: boolean;
  /** A unit's token reads only. */
  canDecide: boolean;
  items: ReviewItem[];
}

const ListHeadSchema = z.object({
  planId: z.string().nullish().transform((v) => v ?? null),
  month: z.string().nullish().transform((v) => v ?? null),
  months: z.array(z.string()).default([]),
  locked: z.boolean().default(false),
  canDecide: z.boolean().default(true),
});

export function parseReviewList(body: unknown): ReviewList {
  const list = Array.isArray(body) ? body : ((body as Record<string, unknown> | null)?.items ?? (body as Record<string, unknown> | null)?.flags);
  if (!Array.isArray(list)) throw new Error('expected a list of flags');
  const head = ListHeadSchema.parse(Array.isArray(body) ? {} : body);
  return { ...head, items: list.map((item) => ReviewItemSchema.parse(item)) };
}

const DecisionProblemSchema = z.object({
  index: z.number().int().nonnegative(),
  flagKey: z.string().nullish().transform((v) => v ?? null),
  field: z.enum(['flagKey', 'status', 'comment', 'action', 'dueBy']),
  zh: z.string(),
  en: z.string(),
}) satisfies z.ZodType<DecisionProblem, unknown>;

/** POST decisions: stored (all), or refused (none) with every problem. */
export type DecideResult = { stored: number } | { refused: DecisionProblem[]; zh: string; en: string };

export function parseRefusal(body: unknown): DecideResult | null {
  const parsed = z.object({
    error: z.object({ zh: z.string(), en: z.string() }).optional(),
    problems: z.array(DecisionProblemSchema).min(1),
  }).safeParse(body);
  if (!parsed.success) return null;
  const said = parsed.data.error ?? { zh: '复核结论有误，未保存任何结论。', en: 'Some decisions are invalid; none was stored.' };
  return { refused: parsed.data.problems, zh: said.zh, en: said.en };
}

export function storedCount(body: unknown, sent: number): number {
  const b = body as Record<string, unknown> | null;
  if (typeof b?.stored === 'number') return b.stored;
  if (Array.isArray(b?.stored)) return b.stored.length;
  if (Array.isArray(b?.decisions)) return b.decisions.length;
  return sent;
}

/** 退回 of a unit's submission, as GET /api/submissions carries it on that submission. */
const ReturnedSchema = z.object({ reason: z.string(), by: z.string().nullish(), at: z.string() });

export const SubmissionSummarySchema = z.object({
  id: z.string(),
  planId: z.string().nullish(),
  month: z.string().nullish(),
  version: z.number().nullish(),
  status: z.string(),
  receivedAt: z.string(),
  returned: ReturnedSchema.nullish().transform((v) => v ?? null),
});
export type SubmissionSummaryItem = z.infer<typeof SubmissionSummarySchema>;
