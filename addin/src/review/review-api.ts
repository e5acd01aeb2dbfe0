/**
 * What the review API answers (core/review.ts REVIEW_API), parsed defensively: the pane shows what it understood and
 * says "unexpected answer" for the rest, never a half-parsed list.
 */
import { z } from 'zod';
import { FlagKindSchema } from '../../../core/schema';
import { ReviewStatusSchema, type DecisionProblem, type ReviewItem, type ReviewList } from '../../../core/review';

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

/** GET REVIEW_API.flags (core/review.ts ReviewList; the head fields the pane can do without are defaulted). */
const ReviewListSchema = z.object({
  planId: z.string(),
  month: z.string().nullish().transform((v) => v ?? null),
  months: z.array(z.string()).default([]),
  locked: z.boolean().default(false),
  canDecide: z.boolean().default(true),
  items: z.array(ReviewItemSchema),
}) satisfies z.ZodType<ReviewList, unknown>;

/** Throws on anything else: the client answers "unexpected answer" (bad_response), never a half-parsed list. */
export function parseReviewList(body: unknown): ReviewList {
  return ReviewListSchema.parse(body);
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

/**
 * POST decisions answers 201 with { stored, events } (core/review.ts DecisionsResult); the pane needs the count. A
 * 2xx means the batch was stored (all or nothing), so an answer without the count counts what was sent.
 */
export function storedCount(body: unknown, sent: number): number {
  const parsed = z.object({ stored: z.number() }).safeParse(body);
  return parsed.success ? parsed.data.stored : sent;
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
