/**
 * The monthly report as data: everything the workbook, the charts and the mails show, computed once from plain
 * inputs (no database, no files), so that every renderer tells the same numbers.
 */
import type { Entry, Evaluation, Flag, FlagKind, FlagReview, Indicator, Month, Plan, Status, Unit } from '../../core/schema';
import { addMonths, monthLabelZh, parseMonth } from '../../core/month';
import { expectationFor, finalTarget, targetForYear } from '../../core/trajectory';
import { describeTarget } from '../../core/layout';
import {
  cityFigures, evaluateCity, evaluateUnits, reportingUnits, rosterOf, tabulate,
  type CityFigure, type MonthTable, type Roster, type UnitEntries,
} from '../../core/aggregate';
import { computeFlags, flagKey, flagSubject, HISTORY_MONTHS, type MonthState } from '../../core/flags';
import { SEVERITY_RANK, ageInDays, awaitingDecision } from '../../core/review';
import { AGE_WARNING_DAYS } from './wording';

/** A unit's accepted submission for the report's month (the latest version counts). */
export interface SubmissionRecord extends UnitEntries {
  entries: Entry[];
  /** ISO time the unit's first accepted version arrived (lateness is judged on it). */
  firstAcceptedAt: string;
  /** ISO time the counted (latest) version arrived. */
  acceptedAt: string;
  /** How many accepted versions the unit sent for the month (2 = resubmitted once). */
  versions: number;
  submittedBy?: string;
}

/** A supervisor's decision on a flag of this or an earlier month. */
export interface ReviewRecord {
  planId: string;
  unitCode: string;
  code: string | null;
  kind: FlagKind;
  /** The month of the flag that was reviewed. */
  month: Month;
  /** With `action` (what the unit must do) and `dueBy` when the decision is "action required". */
  review: FlagReview;
}

/** The latest review of a flag's subject, with the month of the flag it was made on. */
export type CarriedReview = ReviewRecord['review'] & { month: Month };

export interface ReportInput {
  plan: Plan;
  /** The unit directory; the plan's city is taken from it. */
  units: readonly Unit[];
  month: Month;
  submissions: SubmissionRecord[];
  /**
   * Accepted entries of earlier months (up to a year back is used), or months already tabulated (the monthly
   * run tabulates each month as it reads it, so that a large city's year never sits in memory as objects).
   */
  history: ({ month: Month; submissions: Iterable<UnitEntries> } | { month: Month; table: MonthTable })[];
  reviews: ReviewRecord[];
  /**
   * Flag subject → ISO time the subject was first flagged in the unbroken run of months up to the report's month
   * (pipeline/run/flag-age.ts reads it from earlier runs' flags). A subject not in it is new: open since now.
   */
  openSince?: ReadonlyMap<string, string>;
  /** ISO time after which a first submission is late; null: not judged. */
  deadline: string | null;
  generatedAt: string;
}

export interface TrendPoint {
  month: Month;
  value: number | null;
  expected: number | null;
}

export interface IndicatorRow {
  indicator: Indicator;
  figure: CityFigure;
  /** null where no city figure is made (rolled up by city, entered by every district). */
  evaluation: Evaluation | null;
  finalTargetText: string;
  yearTargetText: string;
  trend: TrendPoint[];
}

export interface MatrixCell {
  value: number | null;
  status: Status;
  explanation: string;
}

export interface FlagRow {
  key: string;
  flag: Flag;
  unit: Unit;
  indicator: Indicator | null;
  /** The unit's 情况说明 for the indicator this month; null where the flag is not about an entry the unit made
   *  (a city total, a missing submission). */
  explanation: string | null;
  /** The latest review of this flag or of the same subject in an earlier month. */
  review: CarriedReview | null;
  /** ISO time the subject was first flagged in the current unbroken run of months; ageDays counts from it. */
  openSince: string;
  /** Whole days from openSince to the report's time. */
  ageDays: number;
}

export interface SubmissionStatus {
  unit: Unit;
  state: 'on_time' | 'late' | 'missing';
  record: SubmissionRecord | null;
}

export interface ReportModel {
  plan: Plan;
  month: Month;
  monthLabel: string;
  generatedAt: string;
  deadline: string | null;
  city: Unit;
  roster: Roster;
  indicators: IndicatorRow[];
  /** Status of the city figures (indicators without a city figure not counted). */
  statusCounts: Record<Status, number>;
  /** City figures below the month's expectation, worst first. */
  shortfalls: IndicatorRow[];
  submissions: SubmissionStatus[];
  completeness: { owing: number; submitted: number; late: number; missing: number; resubmitted: number };
  /** Districts × indicators they report. */
  matrix: { units: Unit[]; indicators: Indicator[]; cells: Map<string, Map<string, MatrixCell>> };
  flags: FlagRow[];
  /** 责任单位 → flags routed to it. */
  routed: Map<string, FlagRow[]>;
  trendMonths: Month[];
}

export const STATUS_ORDER: Status[] = ['met', 'on_track', 'at_risk', 'short', 'missing', 'invalid', 'no_target'];
export const FLAG_ORDER: FlagKind[] = [
  'missing_submission', 'consecutive_below', 'below_trajectory', 'final_target_at_risk', 'unexplained_shortfall',
  'outlier', 'worse_than_last_month', 'late_submission',
];

export function buildReport(input: ReportInput): ReportModel {
  const { plan, month } = input;
  const roster = rosterOf(plan, input.units);
  const current = tabulate(plan, roster, month, input.submissions, { keepEntries: true });
  const figures = cityFigures(plan, current);
  const cityEvaluations = evaluateCity(plan, month, roster.city.code, figures);
  const unitEvaluations = evaluateUnits(plan, current);

  const earliest = addMonths(month, -historyLength(month));
  const history: MonthState[] = input.history
    .filter((h) => h.month >= earliest && h.month < month)
    .map((h) => {
      const table = 'table' in h ? h.table : tabulate(plan, roster, h.month, h.submissions);
      return { table, figures: cityFigures(plan, table) };
    });

  const flags = computeFlags({
    plan, current: { table: current, figures, cityEvaluations, unitEvaluations }, history,
    arrivals: new Map(input.submissions.map((s) => [s.unitCode, s.firstAcceptedAt])), deadline: input.deadline,
  });

  const trendMonths = trendWindow(month);
  const byMonth = new Map<Month, MonthState>(history.map((h) => [h.table.month, h]));
  byMonth.set(month, { table: current, figures });

  const indicators = plan.indicators.map((indicator): IndicatorRow => {
    const { year } = parseMonth(month);
    const final = finalTarget(indicator);
    const yearTarget = indicator.kind === 'flow'
      ? (targetForYear(indicator, year)?.year === year ? targetForYear(indicator, year) : null)
      : targetForYear(indicator, year);
    return {
      indicator,
      figure: figures.get(indicator.code)!,
      evaluation: cityEvaluations.get(indicator.code) ?? null,
      finalTargetText: final ? describeTarget(indicator, final) : '—',
      yearTargetText: yearTarget ? describeTarget(indicator, yearTarget) : '—',
      trend: trendMonths.map((m) => ({
        month: m,
        value: byMonth.get(m)?.figures.get(indicator.code)?.value ?? null,
        expected: expectationFor(indicator, m, 'city'),
      })),
    };
  });

  const statusCounts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<Status, number>;
  for (const row of indicators) if (row.evaluation) statusCounts[row.evaluation.status]++;

  const submissions = submissionStatuses(roster, input.submissions, input.deadline);
  const flagRows = flagRowsOf(flags, roster, plan, current, input.reviews, input.openSince ?? new Map(), input.generatedAt);

  return {
    plan, month, monthLabel: monthLabelZh(month), generatedAt: input.generatedAt, deadline: input.deadline,
    city: roster.city, roster, indicators, statusCounts,
    shortfalls: worstFirst(indicators),
    submissions,
    completeness: {
      owing: submissions.length,
      submitted: submissions.filter((s) => s.state !== 'missing').length,
      late: submissions.filter((s) => s.state === 'late').length,
      missing: submissions.filter((s) => s.state === 'missing').length,
      resubmitted: submissions.filter((s) => (s.record?.versions ?? 0) > 1).length,
    },
    matrix: matrixOf(plan, roster, current, unitEvaluations),
    flags: flagRows,
    routed: routeFlags(flagRows),
    trendMonths,
  };
}

/** How many months before the report month it uses: the trend's and the flags', whichever reach further. */
export function historyLength(month: Month): number {
  return Math.max(HISTORY_MONTHS, trendWindow(month).length - 1);
}

/** The months of the year so far, but at least six (a January report still shows a trend). */
export function trendWindow(month: Month): Month[] {
  const length = Math.max(6, parseMonth(month).month);
  return Array.from({ length }, (_, i) => addMonths(month, i - length + 1));
}

function worstFirst(rows: IndicatorRow[]): IndicatorRow[] {
  const rank = (r: IndicatorRow) => (r.evaluation?.status === 'short' ? 0 : 1);
  return rows
    .filter((r) => r.evaluation?.shortfall)
    .sort((a, b) => rank(a) - rank(b) || Math.abs(b.evaluation!.gapRelative ?? 0) - Math.abs(a.evaluation!.gapRelative ?? 0));
}

function submissionStatuses(roster: Roster, records: SubmissionRecord[], deadline: string | null): SubmissionStatus[] {
  const byUnit = new Map(records.map((r) => [r.unitCode, r]));
  return reportingUnits(roster).map((unit) => {
    const record = byUnit.get(unit.code) ?? null;
    const late = record !== null && deadline !== null && Date.parse(record.firstAcceptedAt) > Date.parse(deadline);
    return { unit, record, state: record === null ? 'missing' : late ? 'late' : 'on_time' };
  });
}

function matrixOf(plan: Plan, roster: Roster, table: MonthTable, evaluations: Map<string, Evaluation[]>): ReportModel['matrix'] {
  const indicators = plan.indicators.filter((i) => i.reportedBy !== 'city');
  const units = roster.units.filter((u) => u.parent !== null);
  const cells = new Map<string, Map<string, MatrixCell>>();
  for (const unit of units) {
    const row = new Map<string, MatrixCell>();
    const entries = table.entries?.get(unit.code);
    for (const evaluation of evaluations.get(unit.code) ?? []) {
      row.set(evaluation.code, {
        value: evaluation.actual, status: evaluation.status, explanation: entries?.get(evaluation.code)?.explanation ?? '',
      });
    }
    cells.set(unit.code, row);
  }
  return { units, indicators, cells };
}

function flagRowsOf(
  flags: Flag[], roster: Roster, plan: Plan, table: MonthTable, reviews: ReviewRecord[], openSince: ReadonlyMap<string, string>, asOf: string,
): FlagRow[] {
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const latest = new Map<string, ReviewRecord>();
  for (const r of reviews) {
    const subject = flagSubject({ planId: r.planId, unitCode: r.unitCode, code: r.code, kind: r.kind });
    const seen = latest.get(subject);
    if (r.month <= table.month && (!seen || `${r.month}|${r.review.at}` > `${seen.month}|${seen.review.at}`)) latest.set(subject, r);
  }
  return flags
    .map((flag): FlagRow => {
      const subject = flagSubject(flag);
      const review = latest.get(subject);
      // Never later than the report itself: a draft written before an earlier run's flags were saved.
      const since = openSince.get(subject);
      const opened = since !== undefined && Date.parse(since) < Date.parse(asOf) ? since : asOf;
      return {
        key: flagKey(flag), flag,
        unit: roster.units[roster.index.get(flag.unitCode)!]!,
        indicator: flag.code ? indicators.get(flag.code) ?? null : null,
        explanation: flag.code ? table.entries?.get(flag.unitCode)?.get(flag.code)?.explanation ?? null : null,
        review: review ? { ...review.review, month: review.month } : null,
        openSince: opened,
        ageDays: ageInDays(opened, asOf),
      };
    })
    .sort((a, b) =>
      SEVERITY_RANK[a.flag.severity] - SEVERITY_RANK[b.flag.severity] ||
      FLAG_ORDER.indexOf(a.flag.kind) - FLAG_ORDER.indexOf(b.flag.kind) ||
      (roster.index.get(a.flag.unitCode)! - roster.index.get(b.flag.unitCode)!) ||
      (a.flag.code ?? '').localeCompare(b.flag.code ?? ''));
}

/** Still to be dealt with: no decision yet, action required, or escalated (accepted and resolved are settled). */
export function stillOpen(row: Pick<FlagRow, 'review'>): boolean {
  return awaitingDecision(row.review) || row.review?.status === 'escalated';
}

/** A flag open long enough to point out; a settled one shows its status instead. */
export function ageWarning(row: Pick<FlagRow, 'review' | 'ageDays'>): boolean {
  return stillOpen(row) && row.ageDays >= AGE_WARNING_DAYS;
}

/** Flags on a shortfall, for which the template asked the unit to explain itself: a blank 情况说明 is worth pointing out. */
const EXPLAINED_KINDS: ReadonlySet<FlagKind> = new Set(['below_trajectory', 'unexplained_shortfall']);

/** The explanation column as people read it: the text, "（未填写）" where one was owed, "—" where none applies. */
export function explanationText(row: FlagRow): string {
  if (row.explanation === null) return '—';
  if (row.explanation !== '') return row.explanation;
  return EXPLAINED_KINDS.has(row.flag.kind) ? '（未填写）' : '';
}

function routeFlags(rows: FlagRow[]): Map<string, FlagRow[]> {
  const routed = new Map<string, FlagRow[]>();
  for (const row of rows) {
    for (const name of row.flag.responsible) {
      const list = routed.get(name) ?? [];
      list.push(row);
      routed.set(name, list);
    }
  }
  return routed;
}
