/**
 * The target trajectory: what value an indicator is expected to show in a given month.
 *
 * - Stocks, rates and ratios move linearly from the baseline (December of the baseline year) to each governing
 *   milestone (December of its year), and hold the last milestone afterwards.
 * - "hold" indicators (巩固率 99以上) are expected at their level every month; no climb is interpolated.
 * - Annual flows (新增…所 in a year) accumulate within the year: by month m the expected cumulative value is
 *   the year's target × the share of the year elapsed (linear, or the catalog's seasonal profile).
 * - Milestones (yes/no) are expected from December of their year; before that there is no expectation.
 */
import type { Indicator, Op, Target, Month } from './schema';
import { monthOrdinal, parseMonth, yearEndOrdinal } from './month';

/** A target with "change" made absolute against the baseline. */
export interface ResolvedTarget {
  year: number;
  op: Exclude<Op, 'change'>;
  value: number;
  max?: number;
  wording?: string;
}

export function governingTargets(indicator: Indicator): Target[] {
  return indicator.targets.filter((t) => t.governs !== false).sort((a, b) => a.year - b.year);
}

/** Resolves "change" targets against the baseline; returns null when a relative target has no baseline. */
export function resolveTarget(indicator: Indicator, target: Target): ResolvedTarget | null {
  const wording = target.wording;
  if (target.op === 'change') {
    if (!indicator.baseline) return null;
    const value = indicator.baseline.value + target.value;
    const op = indicator.direction === 'lower' || target.value < 0 ? '<=' : '>=';
    return { year: target.year, op, value, ...(wording ? { wording } : {}) };
  }
  return {
    year: target.year,
    op: target.op,
    value: target.value,
    ...(target.max !== undefined ? { max: target.max } : {}),
    ...(wording ? { wording } : {}),
  };
}

/** The single number a trajectory aims at for a target: the bound that matters in the indicator's direction. */
export function aimOf(indicator: Indicator, target: ResolvedTarget): number {
  if (target.op === 'between' && target.max !== undefined) {
    return indicator.direction === 'lower' ? target.max : target.value;
  }
  return target.value;
}

/** Does a value satisfy a target's comparator? */
export function satisfies(value: number, target: ResolvedTarget): boolean {
  const eps = 1e-9;
  switch (target.op) {
    case '>=':
      return value >= target.value - eps;
    case '>':
      return value > target.value;
    case '<=':
      return value <= target.value + eps;
    case '<':
      return value < target.value;
    case '=':
      return Math.abs(value - target.value) <= eps;
    case 'between':
      return value >= target.value - eps && value <= (target.max ?? target.value) + eps;
  }
}

// Catalog indicators are not changed after loading; every evaluation asks for their targets several times.
const resolvedCache = new WeakMap<Indicator, ResolvedTarget[]>();

function resolvedTargets(indicator: Indicator): ResolvedTarget[] {
  let resolved = resolvedCache.get(indicator);
  if (!resolved) {
    resolved = governingTargets(indicator)
      .map((t) => resolveTarget(indicator, t))
      .filter((t): t is ResolvedTarget => t !== null);
    resolvedCache.set(indicator, resolved);
  }
  return resolved;
}

/** The milestone that governs a year: the first governing target due in that year or later, else the last one. */
export function targetForYear(indicator: Indicator, year: number): ResolvedTarget | null {
  const targets = resolvedTargets(indicator);
  return targets.find((t) => t.year >= year) ?? targets[targets.length - 1] ?? null;
}

/** The plan's final governing target. */
export function finalTarget(indicator: Indicator): ResolvedTarget | null {
  const targets = resolvedTargets(indicator);
  return targets[targets.length - 1] ?? null;
}

/** Cumulative share of an annual flow expected by the end of month m (1..12). */
export function flowShare(indicator: Indicator, month: number): number {
  const profile = indicator.seasonalProfile;
  return profile ? (profile[month - 1] ?? 1) : month / 12;
}

interface Anchor {
  ordinal: number;
  value: number;
}

function interpolate(anchors: Anchor[], ordinal: number): number | null {
  const first = anchors[0];
  const last = anchors[anchors.length - 1];
  if (!first || !last) return null;
  if (ordinal <= first.ordinal) return first.value;
  if (ordinal >= last.ordinal) return last.value;
  for (let i = 1; i < anchors.length; i++) {
    const before = anchors[i - 1]!;
    const after = anchors[i]!;
    if (ordinal <= after.ordinal) {
      const share = (ordinal - before.ordinal) / (after.ordinal - before.ordinal);
      return before.value + (after.value - before.value) * share;
    }
  }
  return last.value;
}

/**
 * The value expected in a month, or null where the indicator has no expectation then
 * (a flow without a target for that year, a milestone not yet due, no targets at all).
 */
export function expectedValue(indicator: Indicator, month: Month): number | null {
  const { year, month: m } = parseMonth(month);
  const targets = resolvedTargets(indicator);
  if (targets.length === 0) return null;

  switch (indicator.kind) {
    case 'flow': {
      const annual = targets.find((t) => t.year === year);
      return annual ? aimOf(indicator, annual) * flowShare(indicator, m) : null;
    }
    case 'milestone': {
      const due = targets.find((t) => yearEndOrdinal(t.year) <= monthOrdinal(month));
      return due ? aimOf(indicator, due) : null;
    }
    default: {
      if (indicator.direction === 'hold') {
        const target = targetForYear(indicator, year);
        return target ? aimOf(indicator, target) : null;
      }
      const anchors: Anchor[] = [];
      const baseline = indicator.baseline;
      if (baseline && !targets.some((t) => t.year <= baseline.year)) {
        anchors.push({ ordinal: yearEndOrdinal(baseline.year), value: baseline.value });
      }
      for (const t of targets) anchors.push({ ordinal: yearEndOrdinal(t.year), value: aimOf(indicator, t) });
      return interpolate(anchors, monthOrdinal(month));
    }
  }
}

/** The value expected by December of the month's year (the year's target as the sheet shows it). */
export function yearEndExpected(indicator: Indicator, month: Month): number | null {
  const { year } = parseMonth(month);
  return expectedValue(indicator, `${year}-12`);
}

/** Whose value is judged: a single district/county ("unit") or the city total ("city"). */
export type Scope = 'unit' | 'city';

/**
 * The expectation a value is held to in a scope. Counts summed to the city carry a city total: the plans state
 * no district's share of it, so a district's count has no expectation of its own and is judged in the city
 * total; rates, ratios, levels and milestones apply to every unit as they are.
 */
export function expectationFor(indicator: Indicator, month: Month, scope: Scope): number | null {
  if (scope === 'unit' && indicator.rollup.method === 'sum') return null;
  return expectedValue(indicator, month);
}
