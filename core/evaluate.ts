/**
 * Evaluation of one entry against the month's expectation:
 *   met       — the value already satisfies the milestone governing this year (or the annual flow target);
 *   on_track  — not there yet, but at least where the trajectory expects it this month;
 *   at_risk   — below the trajectory, within the catalog's tolerance (default 5% of the expected value);
 *   short     — below the trajectory beyond that tolerance;
 *   missing   — no value; no_target — the indicator expects nothing this month.
 * "Below" follows the indicator's direction: for lower-is-better indicators a larger value is worse.
 */
import type { Evaluation, Indicator, Month, Status, Thresholds } from './schema';
import { parseMonth } from './month';
import { expectationFor, satisfies, targetForYear, aimOf, type ResolvedTarget, type Scope } from './trajectory';

export const DEFAULT_THRESHOLDS: Thresholds = { atRiskRelative: 0.05 };

/** How far a value is on the bad side of a reference, in the indicator's unit (0 when not on the bad side). */
export function shortfallAmount(indicator: Indicator, actual: number, reference: number, op?: string): number {
  const lowerIsBetter = indicator.direction === 'lower' || (indicator.direction === 'hold' && (op === '<=' || op === '<'));
  const deficit = lowerIsBetter ? actual - reference : reference - actual;
  return deficit > 1e-9 ? deficit : 0;
}

export interface EvaluateInput {
  indicator: Indicator;
  unitCode: string;
  month: Month;
  actual: number | null;
  /** Plan-wide thresholds; the indicator's own override them. */
  thresholds?: Thresholds;
  /** A district's value ("unit") or the city total ("city", the default). */
  scope?: Scope;
}

interface MonthReference {
  expected: number | null;
  yearTargetResolved: ResolvedTarget | null;
  yearTarget: number | null;
}

/**
 * What an indicator expects in a month, by month and scope: the same for every unit of that scope, and the intake
 * evaluates thousands of workbooks of a few months. Catalog indicators are never mutated, so entries never go stale.
 */
const references = new WeakMap<Indicator, Map<string, MonthReference>>();

function monthReference(indicator: Indicator, month: Month, scope: Scope): MonthReference {
  let byMonth = references.get(indicator);
  if (!byMonth) references.set(indicator, (byMonth = new Map()));
  const key = `${month}|${scope}`;
  let ref = byMonth.get(key);
  if (!ref) {
    const { year } = parseMonth(month);
    const unitCount = scope === 'unit' && indicator.rollup.method === 'sum';
    // A flow's target is for its own year only; other kinds aim at the next milestone. A district's count has
    // no target of its own (the plans state city totals).
    const yearTargetResolved = unitCount ? null
      : indicator.kind === 'flow' ? targetForYearExact(indicator, year) : targetForYear(indicator, year);
    ref = {
      expected: expectationFor(indicator, month, scope),
      yearTargetResolved,
      yearTarget: yearTargetResolved ? aimOf(indicator, yearTargetResolved) : null,
    };
    byMonth.set(key, ref);
  }
  return ref;
}

export function evaluate({ indicator, unitCode, month, actual, thresholds, scope = 'city' }: EvaluateInput): Evaluation {
  const { expected, yearTargetResolved, yearTarget } = monthReference(indicator, month, scope);
  // Built as one literal (not spread from a base): the intake makes tens of thousands of these per batch.
  const result = (status: Status, gap: number | null, gapRelative: number | null): Evaluation => ({
    code: indicator.code, unitCode, month, actual, expected, yearTarget, status, gap, gapRelative,
    shortfall: status === 'at_risk' || status === 'short',
  });

  if (actual === null) return result('missing', null, null);
  const gap = expected === null ? null : actual - expected;
  const gapRelative = gap === null || expected === null || expected === 0 ? null : gap / Math.abs(expected);

  let status: Status;
  if (yearTargetResolved && satisfies(actual, yearTargetResolved)) {
    status = 'met';
  } else if (expected === null) {
    status = indicator.kind === 'milestone' && yearTargetResolved ? 'on_track' : 'no_target';
  } else {
    const deficit = shortfallAmount(indicator, actual, expected, yearTargetResolved?.op);
    if (deficit === 0) status = 'on_track';
    else status = withinTolerance(indicator, deficit, expected, thresholds) ? 'at_risk' : 'short';
  }
  return result(status, gap, gapRelative);
}

function targetForYearExact(indicator: Indicator, year: number) {
  const target = targetForYear(indicator, year);
  return target && target.year === year ? target : null;
}

function withinTolerance(indicator: Indicator, deficit: number, expected: number, planThresholds?: Thresholds): boolean {
  if (indicator.kind === 'milestone') return false;
  // The indicator's own thresholds override the plan's, which override the default.
  const own = indicator.thresholds;
  const absolute = own?.atRiskAbsolute ?? planThresholds?.atRiskAbsolute ?? DEFAULT_THRESHOLDS.atRiskAbsolute;
  const relative = own?.atRiskRelative ?? planThresholds?.atRiskRelative ?? DEFAULT_THRESHOLDS.atRiskRelative;
  if (absolute !== undefined && deficit <= absolute + 1e-9) return true;
  return deficit <= Math.abs(expected) * relative + 1e-9;
}

/** Statuses that ask the unit for an explanation (情况说明). */
export function needsExplanation(status: Status): boolean {
  return status === 'at_risk' || status === 'short';
}
