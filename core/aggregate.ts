/**
 * Roll-up of unit entries to the city, and the evaluation of a month for the city and for every unit. Pure.
 *
 * How a city figure is made follows the indicator's catalog entry:
 *  - reported by the city bureau only (reportedBy 'city'): the city bureau's own entry;
 *  - rollup 'sum': the districts' counts added;
 *  - rollup 'ratio': Σ numerators / Σ denominators × scale — a rate recomputed from the counts, never a mean of
 *    the districts' percentages (a small district would weigh as much as a large one);
 *  - rollup 'city' but entered by every district: there is no honest city figure (the catalog names no
 *    numerator or denominator), so none is made and each district is judged on its own.
 *
 * A month is held as columns (one Float64Array per indicator over the roster, NaN = no value): the monthly run
 * tabulates a year of history for thousands of units, and plain nested objects cost several times the memory.
 */
import type { Entry, Evaluation, Indicator, Month, Plan, Unit } from './schema';
import { evaluate } from './evaluate';
import { scopeOf } from './layout';

/** The units reporting on a plan: the city bureau first, then the districts and counties in catalog order. */
export interface Roster {
  city: Unit;
  units: Unit[];
  index: Map<string, number>;
  /** Indices of the units that report each indicator. */
  reporters: Map<string, number[]>;
}

export function rosterOf(plan: Plan, units: readonly Unit[]): Roster {
  const ofCity = units.filter((u) => u.city === plan.city);
  const city = ofCity.find((u) => u.parent === null);
  if (!city) {
    throw new Error(`单位名录中没有《${plan.title}》所属市（${plan.city}）的市本级单位 / no city bureau ${plan.city} for plan ${plan.id}`);
  }
  const ordered = [city, ...ofCity.filter((u) => u !== city)];
  const index = new Map(ordered.map((u, i) => [u.code, i]));
  const reporters = new Map<string, number[]>();
  for (const indicator of plan.indicators) {
    const byCity = indicator.reportedBy === 'city';
    reporters.set(indicator.code, ordered.flatMap((u, i) => ((u.parent === null) === byCity ? [i] : [])));
  }
  return { city, units: ordered, index, reporters };
}

/** The units that report at least one indicator of the plan: they owe a submission every month. */
export function reportingUnits(roster: Roster): Unit[] {
  const owing = new Set([...roster.reporters.values()].flat());
  return roster.units.filter((_, i) => owing.has(i));
}

/** A unit's accepted entries for the month (its latest submission). */
export interface UnitEntries {
  unitCode: string;
  entries: readonly Entry[];
}

export interface MonthTable {
  month: Month;
  roster: Roster;
  values: Map<string, Float64Array>;
  /** For indicators rolled up as a ratio. */
  numerators: Map<string, Float64Array>;
  denominators: Map<string, Float64Array>;
  /** 1 where the unit has an accepted submission for the month. */
  submitted: Uint8Array;
  /** The entries themselves (explanations), kept only when asked: the report needs them for its own month only. */
  entries: Map<string, Map<string, Entry>> | null;
}

/** One unit's value of one indicator, as the tables hold it (a flat row: what a store reads fastest). */
export interface UnitValue {
  unitCode: string;
  code: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** An empty month: every indicator's column, every unit without a submission yet. */
export function emptyTable(plan: Plan, roster: Roster, month: Month, opts: { keepEntries?: boolean } = {}): MonthTable {
  const n = roster.units.length;
  const column = () => new Float64Array(n).fill(NaN);
  const table: MonthTable = {
    month, roster, values: new Map(), numerators: new Map(), denominators: new Map(),
    submitted: new Uint8Array(n), entries: opts.keepEntries ? new Map() : null,
  };
  for (const indicator of plan.indicators) {
    table.values.set(indicator.code, column());
    if (indicator.rollup.method === 'ratio') {
      table.numerators.set(indicator.code, column());
      table.denominators.set(indicator.code, column());
    }
  }
  return table;
}

/** Records a unit's value (and marks the unit as having submitted); false for a unit of another city. */
export function addValue(table: MonthTable, row: UnitValue): boolean {
  const at = table.roster.index.get(row.unitCode);
  // A unit of another city cannot contribute to this city's figures.
  if (at === undefined) return false;
  table.submitted[at] = 1;
  const values = table.values.get(row.code);
  if (!values) return true;
  values[at] = row.value ?? NaN;
  const num = table.numerators.get(row.code);
  const den = table.denominators.get(row.code);
  if (num && den) {
    num[at] = row.numerator ?? NaN;
    den[at] = row.denominator ?? NaN;
  }
  return true;
}

export function tabulate(
  plan: Plan,
  roster: Roster,
  month: Month,
  submissions: Iterable<UnitEntries>,
  opts: { keepEntries?: boolean } = {},
): MonthTable {
  const table = emptyTable(plan, roster, month, opts);
  for (const submission of submissions) {
    const at = roster.index.get(submission.unitCode);
    if (at === undefined) continue;
    table.submitted[at] = 1;
    const kept = table.entries ? new Map<string, Entry>() : null;
    for (const entry of submission.entries) {
      addValue(table, { unitCode: submission.unitCode, ...entry });
      kept?.set(entry.code, entry);
    }
    if (kept) table.entries!.set(submission.unitCode, kept);
  }
  return table;
}

/** A unit's value in a month, or null. */
export function valueAt(table: MonthTable, code: string, unitIndex: number): number | null {
  const v = table.values.get(code)?.[unitIndex];
  return v === undefined || Number.isNaN(v) ? null : v;
}

export interface CityFigure {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Units whose value went into the figure. */
  contributors: number;
  /** Units expected to report the indicator. */
  reporters: number;
  /** own: the city bureau's entry; none: not rolled up (see the file comment). */
  method: 'sum' | 'ratio' | 'own' | 'none';
}

export function cityFigure(indicator: Indicator, table: MonthTable): CityFigure {
  const reporters = table.roster.reporters.get(indicator.code) ?? [];
  const base = { code: indicator.code, numerator: null, denominator: null, reporters: reporters.length };
  const values = table.values.get(indicator.code)!;

  if (indicator.reportedBy === 'city') {
    const at = reporters[0];
    const value = at === undefined ? null : valueAt(table, indicator.code, at);
    return { ...base, value, contributors: value === null ? 0 : 1, method: 'own' };
  }
  const rollup = indicator.rollup;
  if (rollup.method === 'sum') {
    let sum = 0;
    let contributors = 0;
    for (const i of reporters) {
      const v = values[i]!;
      if (!Number.isNaN(v)) {
        sum += v;
        contributors++;
      }
    }
    return { ...base, value: contributors === 0 ? null : sum, contributors, method: 'sum' };
  }
  if (rollup.method === 'ratio') {
    const num = table.numerators.get(indicator.code)!;
    const den = table.denominators.get(indicator.code)!;
    let sumNum = 0;
    let sumDen = 0;
    let contributors = 0;
    for (const i of reporters) {
      const a = num[i]!;
      const b = den[i]!;
      if (!Number.isNaN(a) && !Number.isNaN(b) && b > 0) {
        sumNum += a;
        sumDen += b;
        contributors++;
      }
    }
    const value = contributors === 0 ? null : roundTo((sumNum / sumDen) * rollup.scale, indicator.decimals);
    return {
      ...base, value, contributors, method: 'ratio',
      numerator: contributors === 0 ? null : sumNum, denominator: contributors === 0 ? null : sumDen,
    };
  }
  return { ...base, value: null, contributors: 0, method: 'none' };
}

export function cityFigures(plan: Plan, table: MonthTable): Map<string, CityFigure> {
  return new Map(plan.indicators.map((i) => [i.code, cityFigure(i, table)]));
}

/**
 * The "city average" a district is compared with (seed 003: 低於城區平均分20分): the pooled rate for a ratio,
 * the city bureau's own figure, the mean count per reporting unit for a sum, and the plain mean of the districts'
 * values where no city figure exists.
 */
export function cityAverage(indicator: Indicator, table: MonthTable, figure: CityFigure): number | null {
  if (figure.method === 'ratio' || figure.method === 'own') return figure.value;
  if (figure.method === 'sum') return figure.value === null ? null : figure.value / figure.contributors;
  const reporters = table.roster.reporters.get(indicator.code) ?? [];
  const present = reporters.map((i) => valueAt(table, indicator.code, i)).filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/** The city's evaluation per indicator; null where no city figure is made. */
export function evaluateCity(plan: Plan, month: Month, cityCode: string, figures: Map<string, CityFigure>): Map<string, Evaluation | null> {
  const result = new Map<string, Evaluation | null>();
  for (const indicator of plan.indicators) {
    const figure = figures.get(indicator.code)!;
    result.set(indicator.code, figure.method === 'none' ? null : evaluate({
      indicator, unitCode: cityCode, month, actual: figure.value, thresholds: plan.thresholds, scope: 'city',
    }));
  }
  return result;
}

/**
 * Every unit's evaluation of the indicators it reports, judged in its own scope (a district against the
 * district expectation, the city bureau against the city's). Units without a submission come out 'missing'.
 */
export function evaluateUnits(plan: Plan, table: MonthTable): Map<string, Evaluation[]> {
  const { roster } = table;
  const result = new Map<string, Evaluation[]>(roster.units.map((u) => [u.code, []]));
  for (const indicator of plan.indicators) {
    // evaluate is pure: units with the same value in the same scope get the same evaluation (rates are reported to
    // one decimal, so a large city repeats values a lot, and each evaluation walks the trajectory anew).
    const seen = new Map<string, Evaluation>();
    for (const i of roster.reporters.get(indicator.code) ?? []) {
      const unit = roster.units[i]!;
      const scope = scopeOf(unit);
      const actual = valueAt(table, indicator.code, i);
      const key = `${scope}|${actual}`;
      let evaluation = seen.get(key);
      if (!evaluation) {
        evaluation = evaluate({ indicator, unitCode: unit.code, month: table.month, actual, thresholds: plan.thresholds, scope });
        seen.set(key, evaluation);
      }
      result.get(unit.code)!.push(evaluation.unitCode === unit.code ? evaluation : { ...evaluation, unitCode: unit.code });
    }
  }
  return result;
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
