/**
 * Supervisors' review of flagged shortfalls: the decisions, send-backs (退回) and unlocks a supervisor makes, their
 * validation, and the shapes the review API answers with. Pure: the add-in validates a review sheet with the same
 * rules the server applies to the batch it receives.
 *
 * Decisions on a flag: accepted (the unit's explanation suffices), action required (what, and by when), escalated
 * to leadership, resolved. A decision can change later; every decision is kept (the latest one counts).
 */
import { z } from 'zod';
import { MonthSchema, ReviewStatusSchema, type FlagKind, type ReviewStatus } from './schema';

export interface Label {
  zh: string;
  en: string;
}

/** What a supervisor may decide (open is the state before any decision). */
export const REVIEW_DECISIONS = ['accepted', 'action_required', 'escalated', 'resolved'] as const;
export const ReviewDecisionStatusSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecisionStatus = z.infer<typeof ReviewDecisionStatusSchema>;

export const REVIEW_STATUS_LABEL: Record<ReviewStatus, Label> = {
  open: { zh: '待复核', en: 'Open' },
  accepted: { zh: '已接受说明', en: 'Accepted' },
  action_required: { zh: '需整改', en: 'Action required' },
  escalated: { zh: '已上报', en: 'Escalated' },
  resolved: { zh: '已解决', en: 'Resolved' },
};

/** A review status from what a person typed in a review sheet: the Chinese label, the English label or the key. */
export function reviewStatusFromText(text: string): ReviewDecisionStatus | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  for (const status of REVIEW_DECISIONS) {
    const label = REVIEW_STATUS_LABEL[status];
    if (t === status || t === label.zh.toLowerCase() || t === label.en.toLowerCase()) return status;
  }
  return null;
}

export const COMMENT_MAX = 2000;
export const ACTION_MAX = 500;
export const REASON_MAX = 1000;
/** Decisions one request (or one review sheet) may carry. */
export const DECISIONS_MAX = 1000;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One decision as the add-in (pane or review sheet) sends it. */
export const ReviewDecisionSchema = z.object({
  flagKey: z.string().min(1).max(300),
  status: ReviewDecisionStatusSchema,
  /** Free text, stored and shown as text (never as a formula). */
  comment: z.string().max(COMMENT_MAX).default(''),
  /** action_required: what the unit must do. */
  action: z.string().max(ACTION_MAX).optional(),
  /** action_required: by when (YYYY-MM-DD). */
  dueBy: IsoDate.optional(),
});
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

export const ReviewBatchSchema = z.object({ decisions: z.array(z.unknown()).min(1).max(DECISIONS_MAX) });

export interface DecisionProblem {
  /** Position in the batch (0-based); the review sheet maps it to its row. */
  index: number;
  flagKey: string | null;
  field: 'flagKey' | 'status' | 'comment' | 'action' | 'dueBy';
  zh: string;
  en: string;
}

export interface DecisionCheck {
  decisions: ReviewDecision[];
  problems: DecisionProblem[];
}

/**
 * Checks a batch of decisions: each must name a flag, a decision, and what that decision needs (action required:
 * the action and a due date not before `today`; escalated and resolved: a comment). A flag decided twice in one
 * batch is refused. `known`, when given, are the flag keys the reviewer may decide; others are refused.
 * All or nothing: the caller stores the batch only when `problems` is empty.
 */
export function checkDecisions(items: unknown[], context: { today: string; known?: ReadonlySet<string> }): DecisionCheck {
  const decisions: ReviewDecision[] = [];
  const problems: DecisionProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const parsed = ReviewDecisionSchema.safeParse(item);
    const rawKey = typeof (item as { flagKey?: unknown } | null)?.flagKey === 'string' ? (item as { flagKey: string }).flagKey : null;
    const problem = (field: DecisionProblem['field'], zh: string, en: string) => problems.push({ index, flagKey: rawKey, field, zh, en });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = (issue.path[0] as DecisionProblem['field'] | undefined) ?? 'status';
        const [zh, en] = FIELD_PROBLEM[field] ?? FIELD_PROBLEM.status;
        problem(field, zh, en);
      }
      return;
    }
    const d = parsed.data;
    const decision: ReviewDecision = { ...d, comment: d.comment.trim(), ...(d.action !== undefined ? { action: d.action.trim() } : {}) };
    const before = problems.length;
    if (context.known && !context.known.has(d.flagKey)) problem('flagKey', '无权复核该预警，或该预警不存在', 'No such flag among those you may review');
    if (seen.has(d.flagKey)) problem('flagKey', '同一预警在本次提交中出现了两次', 'The same flag appears twice in this submission');
    seen.add(d.flagKey);
    if (d.status === 'action_required') {
      if (!decision.action) problem('action', '“需整改”须写明整改要求', '"Action required" needs the action the unit must take');
      if (!d.dueBy) problem('dueBy', '“需整改”须填写整改期限（YYYY-MM-DD）', '"Action required" needs a due date (YYYY-MM-DD)');
      else if (!validDate(d.dueBy)) problem('dueBy', '整改期限不是有效日期', 'The due date is not a valid date');
      else if (d.dueBy < context.today) problem('dueBy', `整改期限不能早于今天（${context.today}）`, `The due date cannot be before today (${context.today})`);
    } else {
      if (decision.action) problem('action', '只有“需整改”需要填写整改要求', 'Only "action required" takes an action');
      if (d.dueBy) problem('dueBy', '只有“需整改”需要填写整改期限', 'Only "action required" takes a due date');
    }
    if ((d.status === 'escalated' || d.status === 'resolved') && !decision.comment) {
      problem('comment', `“${REVIEW_STATUS_LABEL[d.status].zh}”须填写复核意见`, `"${REVIEW_STATUS_LABEL[d.status].en}" needs a comment`);
    }
    if (problems.length === before) decisions.push(decision);
  });
  return { decisions, problems };
}

const FIELD_PROBLEM: Record<DecisionProblem['field'], [string, string]> = {
  flagKey: ['缺少预警编号', 'The flag key is missing'],
  status: ['复核结论应为：已接受说明、需整改、已上报、已解决 之一', 'The decision must be one of: accepted, action required, escalated, resolved'],
  comment: [`复核意见不能超过 ${COMMENT_MAX} 字`, `The comment is longer than ${COMMENT_MAX} characters`],
  action: [`整改要求不能超过 ${ACTION_MAX} 字`, `The action is longer than ${ACTION_MAX} characters`],
  dueBy: ['整改期限应为 YYYY-MM-DD 格式的日期', 'The due date must be a date like 2025-12-31'],
};

function validDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** A request on one unit's month with a reason (a send-back or an unlock); `missingReason` says which it is. */
function unitMonthRequest(missingReason: string) {
  return z.object({
    planId: z.string().min(1),
    unitCode: z.string().min(1),
    month: MonthSchema,
    reason: z.string().trim().min(2, { error: missingReason }).max(REASON_MAX),
  });
}

/** 退回: a supervisor returns a unit's submission for a month with a reason; the unit corrects and resubmits. */
export const SendBackSchema = unitMonthRequest('请写明退回原因 / give the reason for sending it back');
export type SendBack = z.infer<typeof SendBackSchema>;

/** A correction after the month's report was issued needs a supervisor's unlock of that unit's month. */
export const UnlockSchema = unitMonthRequest('请写明解锁原因 / give the reason for unlocking');
export type Unlock = z.infer<typeof UnlockSchema>;

/** Audit trail: every decision, send-back, lock and unlock, with who and when. */
export const ReviewEventKindSchema = z.enum(['decision', 'send_back', 'lock', 'unlock']);
export type ReviewEventKind = z.infer<typeof ReviewEventKindSchema>;

export interface ReviewEvent {
  id: string;
  kind: ReviewEventKind;
  planId: string;
  month: string;
  unitCode: string | null;
  flagKey: string | null;
  submissionId: string | null;
  /** Token id of who did it ("system" for the lock a report issue sets), and its label. */
  actor: string;
  actorLabel: string | null;
  at: string;
  status: ReviewStatus | null;
  comment: string;
  action: string | null;
  dueBy: string | null;
}

/** The latest decision on a flag (or on its subject in an earlier month, carried forward). */
export interface ReviewState {
  status: ReviewStatus;
  comment: string;
  action: string | null;
  dueBy: string | null;
  reviewer: string;
  at: string;
  /** The month of the flag the decision was made on. */
  month: string;
}

/** One flag in the review list (GET /api/review/flags). */
export interface ReviewItem {
  flagKey: string;
  planId: string;
  month: string;
  unitCode: string;
  unitName: string;
  code: string | null;
  indicatorName: string | null;
  kind: FlagKind;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  messageEn: string;
  responsible: string[];
  /** Formatted as the plans write values ("90.5%"), null when not applicable. */
  actual: string | null;
  expected: string | null;
  gap: string | null;
  explanation: string | null;
  /** The unit's values of this indicator for the months before, oldest first (formatted). */
  recent: { month: string; value: string }[];
  /** ISO time the subject was first flagged in the current unbroken run of months; ageDays counts from it. */
  openSince: string;
  ageDays: number;
  review: ReviewState | null;
}

/** Whole days a flag has been open at `asOf` (both ISO times); never negative. */
export function ageInDays(openSince: string, asOf: string): number {
  const ms = Date.parse(asOf) - Date.parse(openSince);
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 86_400_000) : 0;
}

/** Flags by severity, most severe first: the order of every flag list (pane, sheet, report, mail). */
export const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Today's date in Beijing (the plans' time zone): a due date "not before today" means this day there. */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Waiting on its 责任单位: no decision yet, or action required (the review list's "open", the mail's 尚待处理). */
export function awaitingDecision(review: { status: ReviewStatus } | null | undefined): boolean {
  return !review || review.status === 'open' || review.status === 'action_required';
}

/** Order of flags for leadership: escalated first, then by severity, then the longest open. */
export function leadershipOrder(
  a: { review: { status: ReviewStatus } | null; severity: string; ageDays?: number },
  b: { review: { status: ReviewStatus } | null; severity: string; ageDays?: number },
): number {
  const esc = (x: typeof a) => (x.review?.status === 'escalated' ? 0 : 1);
  const sev = (x: typeof a) => SEVERITY_RANK[x.severity as keyof typeof SEVERITY_RANK] ?? SEVERITY_RANK.info;
  return esc(a) - esc(b) || sev(a) - sev(b) || (b.ageDays ?? 0) - (a.ageDays ?? 0);
}

/** The review API's paths, shared by the server and the add-in. */
export const REVIEW_API = {
  /** GET ?plan=&month=&unit=&status=: the flags routed to the caller (supervisor: their 责任单位; unit: its own). */
  flags: '/api/review/flags',
  /** POST { decisions: ReviewDecision[] }: all stored, or none with every problem (422). */
  decisions: '/api/review/decisions',
  /** GET ?flag=: every decision on a flag's subject, oldest first. */
  history: '/api/review/history',
  /** POST SendBack. */
  sendBack: '/api/review/send-back',
  /** POST Unlock. */
  unlock: '/api/review/unlock',
  /** GET ?plan=&month=&unit=: the audit events (send-backs, locks, unlocks, decisions). */
  events: '/api/review/events',
} as const;

export { ReviewStatusSchema };

/** GET REVIEW_API.flags: the month shown (the latest with flags unless asked), the months there are, and the list. */
export interface ReviewList {
  planId: string;
  /** null when the plan has no flags yet. */
  month: string | null;
  /** Months with flags for this plan, newest first. */
  months: string[];
  /** The month's report is issued: submissions need a supervisor's unlock. */
  locked: boolean;
  /** Whether the caller may decide (a unit's token reads only). */
  canDecide: boolean;
  items: ReviewItem[];
}

/** POST REVIEW_API.decisions answers 201 with the stored events, or 422 with `problems` and nothing stored. */
export interface DecisionsResult {
  stored: number;
  events: ReviewEvent[];
}

/** GET REVIEW_API.history: every decision on the flag's subject (all months), oldest first. */
export interface ReviewHistory {
  flagKey: string;
  subject: string;
  events: ReviewEvent[];
}

/** POST REVIEW_API.sendBack answers the send-back event, and the unlock it opened when the month was locked. */
export interface SendBackResult {
  event: ReviewEvent;
  unlock: ReviewEvent | null;
}
