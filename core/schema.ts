/**
 * The domain model of Plan Monitor as zod schemas. Pure: no I/O, no Office, no Node APIs —
 * the add-in bundles this file as it is.
 *
 * Vocabulary (see ../shared/BRIEF.md):
 *  - a Plan holds Indicators; an Indicator has a baseline and milestone Targets by year;
 *  - a Unit reports values for a Month in a Submission;
 *  - an Evaluation compares one value with the month's expectation (the trajectory);
 *  - a Flag marks something a supervisor should look at.
 */
import { z } from 'zod';

/** A month as officials report it: "2025-10" (shown as 2025年10月). */
export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份应为 YYYY-MM 格式，例如 2025-10 / Month must look like 2025-10' });
export type Month = z.infer<typeof MonthSchema>;

/** Where a number comes from: the seed file, the section, the original wording. */
export const CitationSchema = z.object({
  /** Seed file name, e.g. "000_ae3b4986d9475e9d.txt". */
  file: z.string().min(1),
  /** Section heading or table name in the seed, e.g. "专栏1 主要发展指标". */
  section: z.string().min(1).optional(),
  /** The original wording, copied verbatim from the seed (traditional characters stay traditional). */
  text: z.string().min(1),
});
export type Citation = z.infer<typeof CitationSchema>;

/**
 * Comparators as the plans write them:
 *  ">=" 以上 / 不低于 / 不少于 / 达到;  ">" 超过 / ">99";  "<=" 以内 / 以下 / 不超过 / 控制在;  "<" 低于;
 *  "=" exactly (a yes/no milestone is "=" 1);  "between" a range "2-3所" (value..max);
 *  "change" relative to the baseline: value is the signed change, e.g. -1 for "下降一个百分点".
 */
export const OpSchema = z.enum(['>=', '>', '<=', '<', '=', 'between', 'change']);
export type Op = z.infer<typeof OpSchema>;

export const TargetSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    op: OpSchema,
    value: z.number().finite(),
    /** Upper bound for op "between". */
    max: z.number().finite().optional(),
    /** The wording of this target in the source, e.g. "99以上", "2-3所", "下降一个百分点". */
    wording: z.string().min(1).optional(),
    /**
     * false when the source states another value for the same year and this one does not govern
     * (e.g. Jiamusi's table says 97.5, its text 96). Only governing targets drive trajectories.
     */
    governs: z.boolean().default(true),
    /** Why this value governs or not, when the source contradicts itself. */
    note: z.string().optional(),
    /** Where this target is stated, when it differs from the indicator's citation. */
    citation: CitationSchema.optional(),
  })
  .refine((t) => t.op !== 'between' || (t.max !== undefined && t.max >= t.value), {
    message: 'a "between" target needs max >= value',
  });
export type Target = z.infer<typeof TargetSchema>;

/** rate: a percentage or per-capita rate; stock: a level at a point in time; flow: accumulates within the year;
 *  ratio: "1:12" stored as 12; milestone: yes/no stored as 1/0. */
export const KindSchema = z.enum(['rate', 'stock', 'flow', 'ratio', 'milestone']);
export type Kind = z.infer<typeof KindSchema>;

/** higher is better; lower is better (a funding gap 35%→15%); hold at a level (巩固率 99以上). */
export const DirectionSchema = z.enum(['higher', 'lower', 'hold']);
export type Direction = z.infer<typeof DirectionSchema>;

/**
 * How unit values roll up to the city.
 *  - sum: counts are added;
 *  - ratio: a rate recomputed from summed numerators and denominators — units enter both
 *    (never a plain mean of percentages); `scale` is 100 for a percentage;
 *  - city: only the city bureau reports it (a city-level indicator).
 */
export const RollupSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('sum') }),
  z.object({
    method: z.literal('ratio'),
    numerator: z.string().min(1),
    denominator: z.string().min(1),
    scale: z.number().positive().default(100),
  }),
  z.object({ method: z.literal('city') }),
]);
export type Rollup = z.infer<typeof RollupSchema>;

/** Share of an annual flow target expected by the end of each month, January..December (cumulative, ends at 1). */
export const SeasonalProfileSchema = z
  .array(z.number().min(0).max(1))
  .length(12)
  .refine((p) => p.every((v, i) => i === 0 || v >= (p[i - 1] ?? 0)) && p[11] === 1, {
    message: 'a seasonal profile is cumulative, non-decreasing and ends at 1',
  });

/** When a value below the month's expectation is "at risk" rather than "short". */
export const ThresholdsSchema = z.object({
  /** Within this share of the expected value below it (0.05 = 5%), the entry is at risk, not short. */
  atRiskRelative: z.number().min(0).max(1).default(0.05),
  /** For rates in %, also at risk within this many percentage points. */
  atRiskAbsolute: z.number().min(0).optional(),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const IndicatorSchema = z.object({
  /** Stable code, unique within the plan, e.g. "HRB14-03". Never reused for another meaning. */
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/),
  /** 一级指标, e.g. "学前教育". */
  category: z.string().min(1),
  /** 二级指标, e.g. "学前三年毛入园率". */
  name: z.string().min(1),
  /** English name for the English interface. */
  nameEn: z.string().min(1).optional(),
  /** %, 人, 万人, 万人次, 所, 个, 节, 小时, 元, 分, 年, 1:x (a ratio), 是/否 … */
  unit: z.string().min(1),
  kind: KindSchema,
  direction: DirectionSchema,
  baseline: z
    .object({ year: z.number().int(), value: z.number().finite(), wording: z.string().optional() })
    .nullable(),
  targets: z.array(TargetSchema),
  rollup: RollupSchema,
  /** Who reports it: every reporting unit of the city, or the city bureau only. */
  reportedBy: z.enum(['units', 'city']).default('units'),
  /** 责任单位 as the seed names them. */
  responsible: z.array(z.string().min(1)).default([]),
  citation: CitationSchema,
  /** Lowest and highest plausible values, for the entry check (a rate in % is 0..100 by default). */
  range: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
  /** Decimal places shown and accepted. */
  decimals: z.number().int().min(0).max(4).default(1),
  seasonalProfile: SeasonalProfileSchema.optional(),
  thresholds: ThresholdsSchema.optional(),
  /** Line for the "N consecutive rounds below" rule, e.g. 20 points below the urban average (seed 003). */
  consecutiveRule: z
    .object({ rounds: z.number().int().min(2), below: z.number(), relativeTo: z.enum(['target', 'cityAverage']) })
    .optional(),
  note: z.string().optional(),
}).refine((i) => i.rollup.method !== 'sum' || i.kind === 'stock' || i.kind === 'flow', {
  // Adding up percentages, ratios or yes/no answers across districts gives a meaningless city figure.
  message: 'only counts (stock, flow) roll up by sum; a rate needs method "ratio" (numerator/denominator) or "city"',
  path: ['rollup'],
});
export type Indicator = z.infer<typeof IndicatorSchema>;
export type IndicatorInput = z.input<typeof IndicatorSchema>;

export const PlanSchema = z.object({
  /** Stable id, e.g. "harbin-14th-fyp". */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  titleEn: z.string().optional(),
  issuer: z.string().min(1),
  /** City code (GB/T 2260) whose units report on this plan, e.g. "230100" for Harbin. */
  city: z.string().regex(/^\d{6}$/),
  span: z.object({ from: z.number().int(), to: z.number().int() }),
  /** Seed file the catalog is built from. */
  source: z.string().min(1),
  /** Catalog version: bumped when an indicator, target or layout-relevant field changes. */
  version: z.number().int().positive(),
  thresholds: ThresholdsSchema.default({ atRiskRelative: 0.05 }),
  indicators: z.array(IndicatorSchema).min(1),
});
export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;

/** A reporting unit: the city bureau (parent null) or a district/county bureau under it. */
export const UnitSchema = z.object({
  /** GB/T 2260 administrative division code, e.g. "230102" 道里区. */
  code: z.string().regex(/^\d{6}$/),
  name: z.string().min(1),
  nameEn: z.string().optional(),
  /** City code the unit belongs to (its own code for the city bureau). */
  city: z.string().regex(/^\d{6}$/),
  parent: z.string().regex(/^\d{6}$/).nullable(),
  kind: z.enum(['city', 'district', 'county', 'county-city', 'banner']),
});
export type Unit = z.infer<typeof UnitSchema>;

/** One indicator's entry in a submission, as parsed from the input cells. */
export const EntrySchema = z.object({
  code: z.string(),
  /** The value in the indicator's unit; for ratio roll-ups computed from numerator/denominator. */
  value: z.number().finite().nullable(),
  numerator: z.number().finite().nullable().optional(),
  denominator: z.number().finite().nullable().optional(),
  explanation: z.string().max(2000).default(''),
});
export type Entry = z.infer<typeof EntrySchema>;

export const SubmissionSchema = z.object({
  planId: z.string(),
  unitCode: z.string(),
  month: MonthSchema,
  templateId: z.string(),
  templateVersion: z.number().int(),
  entries: z.array(EntrySchema),
  submittedBy: z.string().optional(),
  submittedAt: z.string().optional(),
  /** sha256 of the original file's bytes. */
  fileHash: z.string().optional(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

export const StatusSchema = z.enum(['met', 'on_track', 'at_risk', 'short', 'missing', 'invalid', 'no_target']);
export type Status = z.infer<typeof StatusSchema>;

export const EvaluationSchema = z.object({
  code: z.string(),
  unitCode: z.string(),
  month: MonthSchema,
  status: StatusSchema,
  actual: z.number().nullable(),
  /** Expected value this month on the trajectory (null when the indicator has no target yet). */
  expected: z.number().nullable(),
  /** Target governing the current year (resolved: "change" made absolute). */
  yearTarget: z.number().nullable(),
  /** actual − expected in the indicator's unit (negative is below for higher-is-better). */
  gap: z.number().nullable(),
  /** gap / |expected|. */
  gapRelative: z.number().nullable(),
  /** True when the entry falls short of expectation in the indicator's direction. */
  shortfall: z.boolean(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

export const FlagKindSchema = z.enum([
  'below_trajectory',
  'final_target_at_risk',
  'worse_than_last_month',
  'outlier',
  'consecutive_below',
  'unexplained_shortfall',
  'missing_submission',
  'late_submission',
]);
export type FlagKind = z.infer<typeof FlagKindSchema>;

export const FlagSchema = z.object({
  kind: FlagKindSchema,
  planId: z.string(),
  unitCode: z.string(),
  code: z.string().nullable(),
  month: MonthSchema,
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string(),
  messageEn: z.string(),
  /** 责任单位 the flag is routed to. */
  responsible: z.array(z.string()),
});
export type Flag = z.infer<typeof FlagSchema>;

export const ReviewStatusSchema = z.enum(['open', 'accepted', 'action_required', 'escalated', 'resolved']);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

export const FlagReviewSchema = z.object({
  status: ReviewStatusSchema,
  reviewer: z.string(),
  comment: z.string().max(2000),
  at: z.string(),
  dueBy: z.string().optional(),
  /** action_required: what the unit must do (core/review.ts). */
  action: z.string().optional(),
});
export type FlagReview = z.infer<typeof FlagReviewSchema>;
