/**
 * Flags: what a supervisor (责任单位) or leadership should look at after a month's run. Pure.
 *
 *  below_trajectory       the value is below the month's expectation (at_risk: warning, short: critical);
 *  final_target_at_risk   at the pace of the last months the plan's final target (a flow: this year's target)
 *                         will not be reached (for a district not already behind the trajectory: one flag per
 *                         problem; the city is told both);
 *  worse_than_last_month  the value moved the wrong way since last month;
 *  outlier                the value is far from the unit's own history (robust: median and MAD);
 *  consecutive_below      N consecutive rounds below a line (seed 003: 连续3次监测成绩低于城区平均分20分);
 *  unexplained_shortfall  a shortfall without 情况说明 (the intake accepts it; the run flags it);
 *  missing_submission     a unit sent nothing for the month (code null), or left an indicator blank;
 *  late_submission        the first accepted submission arrived after the deadline.
 * Each flag about an indicator is routed to the indicator's 责任单位; flags without an indicator go to leadership.
 */
import type { Entry, Evaluation, Flag, FlagKind, Indicator, Month, Plan, Unit } from './schema';
import { quoteZh } from './text';
import { addMonths, monthLabelZh, monthOrdinal, parseMonth, yearEndOrdinal } from './month';
import { expectationFor, finalTarget, flowShare, satisfies, targetForYear, type ResolvedTarget, type Scope } from './trajectory';
import { directionSign, scopeOf } from './layout';
import { cityAverage, valueAt, type CityFigure, type MonthTable } from './aggregate';

export interface MonthState {
  table: MonthTable;
  figures: Map<string, CityFigure>;
}

export interface FlagInput {
  plan: Plan;
  current: MonthState & {
    cityEvaluations: Map<string, Evaluation | null>;
    unitEvaluations: Map<string, Evaluation[]>;
  };
  /** Earlier months (up to a year back is used), in any order. */
  history: MonthState[];
  /** Unit code → ISO time of the unit's first accepted submission for the month. */
  arrivals: Map<string, string>;
  /** ISO time after which a first submission is late; null: lateness is not judged. */
  deadline: string | null;
}

/** How far back the outlier test and the pace look: half a year, recent enough to be the unit's current way. */
export const HISTORY_MONTHS = 6;
/** Past values needed before a value is called an outlier. */
export const OUTLIER_MIN_HISTORY = 4;
/** Robust z-score beyond which a value is an outlier (Iglewicz & Hoaglin's 3.5). */
export const OUTLIER_Z = 3.5;

/** Identity of a flag within a month; the same subject in another month has the same `flagSubject`. */
export function flagKey(flag: Pick<Flag, 'planId' | 'month' | 'unitCode' | 'code' | 'kind'>): string {
  return `${flag.month}|${flagSubject(flag)}`;
}

/** What a flag is about, whatever the month: reviews of earlier months are carried to it by this. */
export function flagSubject(flag: Pick<Flag, 'planId' | 'unitCode' | 'code' | 'kind'>): string {
  return `${flag.planId}|${flag.unitCode}|${flag.code ?? '-'}|${flag.kind}`;
}

/** Number formats by decimal places, made once: toLocaleString builds a new formatter on every call. */
const FORMATS = new Map<number, Intl.NumberFormat>();
function grouped(value: number, digits: number): string {
  let format = FORMATS.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    FORMATS.set(digits, format);
  }
  return format.format(value);
}

/** A value as the plans write it: "90.5%", "1:12", "是", "1,200所". */
export function formatValue(indicator: Pick<Indicator, 'kind' | 'unit' | 'decimals'>, value: number | null): string {
  if (value === null) return '—';
  if (indicator.kind === 'milestone') return value >= 1 ? '是' : '否';
  const text = grouped(value, Math.min(indicator.decimals, 2));
  if (indicator.kind === 'ratio') return `1:${text}`;
  if (indicator.unit === '%') return `${text}%`;
  return `${text}${indicator.unit}`;
}

/** A gap as a person reads it: "2.3个百分点", "15所". */
export function formatGap(indicator: Pick<Indicator, 'kind' | 'unit' | 'decimals'>, gap: number): { zh: string; en: string } {
  const text = grouped(Math.abs(gap), Math.max(1, Math.min(indicator.decimals, 2)));
  if (indicator.unit === '%') return { zh: `${text}个百分点`, en: `${text} percentage points` };
  if (indicator.kind === 'ratio') return { zh: text, en: text };
  return { zh: `${text}${indicator.unit}`, en: `${text} ${indicator.unit}` };
}

export function computeFlags(input: FlagInput): Flag[] {
  const { plan, current } = input;
  const { roster, month } = current.table;
  const calendar = calendarOf(month, current, input.history);
  const flags: Flag[] = [];
  const make = (kind: FlagKind, unit: Unit, indicator: Indicator | null, severity: Flag['severity'], message: { zh: string; en: string }) => {
    flags.push({
      kind, planId: plan.id, unitCode: unit.code, code: indicator?.code ?? null, month, severity,
      message: message.zh, messageEn: message.en, responsible: indicator ? [...indicator.responsible] : [],
    });
  };

  flagSubmissions(input, make);

  for (const indicator of plan.indicators) {
    const reporters = roster.reporters.get(indicator.code) ?? [];
    const facts = factsOf(indicator, calendar);
    const cityEval = current.cityEvaluations.get(indicator.code) ?? null;
    // The city total is judged once, as the city. A city-reported indicator is the city bureau's own entry: its
    // flags belong to the city bureau (and cover the city).
    if (cityEval && indicator.reportedBy !== 'city') {
      // A total summed over fewer units than owe it is understated: it is not compared across months.
      const complete = (f: CityFigure | undefined) => f !== undefined && (f.method !== 'sum' || f.contributors === f.reporters);
      const series = (back: number) => {
        const figure = calendar.states[back]?.figures.get(indicator.code);
        return complete(figure) ? figure!.value : null;
      };
      const figure = current.figures.get(indicator.code)!;
      flagValue({
        plan, indicator, facts, unit: roster.city, calendar, scope: 'city', evaluation: cityEval, series, make, isCityTotal: true,
        partial: complete(figure) ? undefined : { contributors: figure.contributors, reporters: figure.reporters },
      });
    }
    for (const i of reporters) {
      const unit = roster.units[i]!;
      if (!current.table.submitted[i]) continue;
      const evaluation = current.unitEvaluations.get(unit.code)?.find((e) => e.code === indicator.code);
      if (!evaluation) continue;
      const series = (back: number) => {
        const table = calendar.states[back]?.table;
        if (!table) return null;
        const at = table.roster.index.get(unit.code);
        return at === undefined || !table.submitted[at] ? null : valueAt(table, indicator.code, at);
      };
      const entry = current.table.entries?.get(unit.code)?.get(indicator.code);
      flagValue({ plan, indicator, facts, unit, calendar, scope: scopeOf(unit), evaluation, series, make, entry, isCityTotal: false });
      flagConsecutive(calendar, indicator, unit, make);
    }
  }
  return flags;
}

/**
 * The report month and the year before it, worked out once: flag tests ask "the value k months back" tens of
 * thousands of times in a large city, and month arithmetic on strings is not free.
 */
interface Calendar {
  month: Month;
  year: number;
  /** 1..12 */
  monthOfYear: number;
  ordinal: number;
  /** months[k] is the month k months back (k = 0 … HISTORY_MONTHS). */
  months: Month[];
  /** The month k months back, when known. */
  states: (MonthState | undefined)[];
}

function calendarOf(month: Month, current: MonthState, history: MonthState[]): Calendar {
  const { year, month: monthOfYear } = parseMonth(month);
  const byMonth = new Map(history.map((h) => [h.table.month, h]));
  const months = Array.from({ length: HISTORY_MONTHS + 1 }, (_, k) => addMonths(month, -k));
  return {
    month, year, monthOfYear, ordinal: monthOrdinal(month), months,
    states: months.map((m, k) => (k === 0 ? current : byMonth.get(m))),
  };
}

/** The month of the year (1..12) k months back. */
function monthOfYearBack(calendar: Calendar, back: number): number {
  return ((((calendar.monthOfYear - 1 - back) % 12) + 12) % 12) + 1;
}

type Make = (kind: FlagKind, unit: Unit, indicator: Indicator | null, severity: Flag['severity'], message: { zh: string; en: string }) => void;

/** What flag tests ask of an indicator again and again, worked out once per indicator. */
interface Facts {
  /** +1 higher is better, −1 lower is better (this year). */
  sign: 1 | -1;
  final: ResolvedTarget | null;
  /** This year's own target (flows). */
  yearTarget: ResolvedTarget | null;
  expected: Record<Scope, number | null>;
}

function factsOf(indicator: Indicator, calendar: Calendar): Facts {
  const yearTarget = targetForYear(indicator, calendar.year);
  return {
    sign: directionSign(indicator, calendar.year),
    final: finalTarget(indicator),
    yearTarget: yearTarget && yearTarget.year === calendar.year ? yearTarget : null,
    expected: { unit: expectationFor(indicator, calendar.month, 'unit'), city: expectationFor(indicator, calendar.month, 'city') },
  };
}

interface ValueContext {
  plan: Plan;
  indicator: Indicator;
  facts: Facts;
  unit: Unit;
  calendar: Calendar;
  scope: Scope;
  evaluation: Evaluation;
  /** The value of the same unit (or the city total) k months back, null when unknown. */
  series: (back: number) => number | null;
  make: Make;
  entry?: Entry;
  isCityTotal: boolean;
  /** A city total summed from only some of the units. */
  partial?: { contributors: number; reporters: number };
}

function flagValue(ctx: ValueContext): void {
  const { indicator, unit, evaluation, make } = ctx;
  const who = ctx.isCityTotal ? '全市' : unit.name;
  const whoEn = ctx.isCityTotal ? 'City total' : (unit.nameEn ?? unit.code);
  if (evaluation.status === 'missing') {
    if (!ctx.isCityTotal) {
      make('missing_submission', unit, indicator, 'warning', {
        zh: `${who}未填报${quoteZh(indicator.name)}`,
        en: `${whoEn} left "${indicator.nameEn ?? indicator.code}" blank`,
      });
    }
    return;
  }
  if (evaluation.actual === null) return;
  const actual = evaluation.actual;

  if (evaluation.shortfall) {
    const message = shortfallMessage(indicator, evaluation, who, whoEn);
    if (ctx.partial) {
      message.zh += `（仅 ${ctx.partial.contributors}/${ctx.partial.reporters} 个单位报送）`;
      message.en += ` (only ${ctx.partial.contributors} of ${ctx.partial.reporters} units reported)`;
    }
    make('below_trajectory', unit, indicator, evaluation.status === 'short' ? 'critical' : 'warning', message);
    if (!ctx.isCityTotal && ctx.entry && ctx.entry.explanation.trim() === '') {
      make('unexplained_shortfall', unit, indicator, 'warning', {
        zh: `${who}${quoteZh(indicator.name)}未达进度，但未填写情况说明`,
        en: `${whoEn}: ${indicator.nameEn ?? indicator.code} falls short and no explanation was given`,
      });
    }
  }
  if (ctx.partial) return;
  // A district already behind the trajectory has its flag; the pace adds to it only for the city as a whole.
  if (ctx.isCityTotal || ctx.scope === 'city' || !evaluation.shortfall) flagPace(ctx, actual);
  flagWorse(ctx, actual, who, whoEn);
  if (!ctx.isCityTotal) flagOutlier(ctx, actual, who, whoEn);
}

/** At the pace of the past months, will the final target (a flow: this year's target) be reached? */
function flagPace(ctx: ValueContext, actual: number): void {
  const { indicator, scope, unit, facts } = ctx;
  const { year, monthOfYear: m } = ctx.calendar;
  if (indicator.kind === 'milestone' || facts.expected[scope] === null) return;
  // The plan's targets are the city's: a district off pace is a warning, the city off pace is critical.
  const severity = scope === 'city' ? 'critical' : 'warning';
  const make = (message: { zh: string; en: string }) => ctx.make('final_target_at_risk', unit, indicator, severity, message);
  const who = ctx.isCityTotal ? '全市' : unit.name;
  const whoEn = ctx.isCityTotal ? 'City total' : (unit.nameEn ?? unit.code);

  if (indicator.kind === 'flow') {
    const target = facts.yearTarget;
    const share = flowShare(indicator, m);
    if (!target || share >= 1 || share <= 0) return;
    const projected = actual / share;
    if (satisfies(projected, target) || satisfies(actual, target)) return;
    make({
      zh: `${who}${quoteZh(indicator.name)}按目前进度全年预计 ${formatValue(indicator, projected)}，达不到${year}年目标 ${targetText(indicator, target)}`,
      en: `${whoEn}: at this pace ${indicator.nameEn ?? indicator.code} reaches about ${formatValue(indicator, projected)} this year, short of the ${year} target ${targetText(indicator, target)}`,
    });
    return;
  }

  const final = facts.final;
  if (!final || satisfies(actual, final)) return;
  const now = ctx.calendar.ordinal;
  const remaining = yearEndOrdinal(final.year) - now;
  if (remaining <= 0) {
    make({
      zh: `${who}${quoteZh(indicator.name)}${formatValue(indicator, actual)}，${final.year}年规划目标 ${targetText(indicator, final)} 到期未实现`,
      en: `${whoEn}: ${indicator.nameEn ?? indicator.code} is ${formatValue(indicator, actual)}; the ${final.year} plan target ${targetText(indicator, final)} was not met`,
    });
    return;
  }
  const start = paceStart(ctx);
  if (!start) return;
  const perMonth = (actual - start.value) / (now - start.ordinal);
  const projected = actual + perMonth * remaining;
  if (satisfies(projected, final)) return;
  const months = now - start.ordinal;
  const still = Math.abs(perMonth) < 10 ** -Math.max(2, indicator.decimals) / 2;
  const pace = `${perMonth >= 0 ? '+' : ''}${grouped(perMonth, Math.max(2, indicator.decimals))}`;
  make({
    zh: `${who}${quoteZh(indicator.name)}${still ? `近${months}个月没有变化` : `按近${months}个月的进度（月均 ${pace}）`}，到${final.year}年底预计 ${formatValue(indicator, projected)}，达不到规划目标 ${targetText(indicator, final)}`,
    en: `${whoEn}: ${still ? `unchanged for ${months} months, ` : `at the pace of the last ${months} months (${pace} a month) `}${indicator.nameEn ?? indicator.code} reaches about ${formatValue(indicator, projected)} by the end of ${final.year}, short of the plan target ${targetText(indicator, final)}`,
  });
}

/** The earliest value of the past year; for the city total with no history, the plan's baseline. */
function paceStart(ctx: ValueContext): { ordinal: number; value: number } | null {
  const now = ctx.calendar.ordinal;
  for (let back = HISTORY_MONTHS; back >= 2; back--) {
    const value = ctx.series(back);
    if (value !== null) return { ordinal: now - back, value };
  }
  const baseline = ctx.indicator.baseline;
  if (ctx.isCityTotal && baseline && yearEndOrdinal(baseline.year) < now) {
    return { ordinal: yearEndOrdinal(baseline.year), value: baseline.value };
  }
  return null;
}

/** "…88.4%，接近但未达到本月应达 89.9%（差 1.5个百分点）"; direction-neutral, so it reads right for 缺口 and 生师比. */
function shortfallMessage(indicator: Indicator, evaluation: Evaluation, who: string, whoEn: string): { zh: string; en: string } {
  const short = evaluation.status === 'short';
  const name = indicator.nameEn ?? indicator.code;
  if (indicator.kind === 'milestone') {
    return {
      zh: `${who}${quoteZh(indicator.name)}尚未完成，按计划应已完成`,
      en: `${whoEn}: ${name} is not achieved although it is due`,
    };
  }
  const gap = evaluation.gap === null ? null : formatGap(indicator, evaluation.gap);
  return {
    zh: `${who}${quoteZh(indicator.name)}${formatValue(indicator, evaluation.actual)}，${short ? '未达到' : '接近但未达到'}本月应达 ${formatValue(indicator, evaluation.expected)}${gap ? `（差 ${gap.zh}）` : ''}`,
    en: `${whoEn}: ${name} is ${formatValue(indicator, evaluation.actual)}, ${short ? 'behind' : 'just behind'} the ${formatValue(indicator, evaluation.expected)} expected this month${gap ? ` (by ${gap.en})` : ''}`,
  };
}

function flagWorse(ctx: ValueContext, actual: number, who: string, whoEn: string): void {
  const { indicator, calendar } = ctx;
  // A flow starts again from zero in January: December's cumulative total is not comparable.
  if (indicator.kind === 'flow' && calendar.monthOfYear === 1) return;
  const previous = ctx.series(1);
  if (previous === null) return;
  const { sign } = ctx.facts;
  const change = (actual - previous) * sign;
  // Changes below the precision the indicator is reported in are noise.
  if (change > -(10 ** -indicator.decimals) / 2) return;
  const delta = formatGap(indicator, actual - previous);
  ctx.make('worse_than_last_month', ctx.unit, indicator, 'info', {
    zh: `${who}${quoteZh(indicator.name)}由上月 ${formatValue(indicator, previous)} 变为 ${formatValue(indicator, actual)}（${actual > previous ? '上升' : '下降'} ${delta.zh}），较上月变差`,
    en: `${whoEn}: ${indicator.nameEn ?? indicator.code} went from ${formatValue(indicator, previous)} to ${formatValue(indicator, actual)} (${actual > previous ? 'up' : 'down'} ${delta.en}), worse than last month`,
  });
}

/**
 * Far from the unit's own history: |x − median| > 3.5 × scale, where scale is 1.4826 × MAD but never below 5% of
 * the median or the reporting precision (a perfectly steady history would otherwise make any change an outlier).
 * Flows are compared month by month (the increment), not as the cumulative total, which grows by design.
 */
function flagOutlier(ctx: ValueContext, actual: number, who: string, whoEn: string): void {
  const { indicator, calendar } = ctx;
  const isFlow = indicator.kind === 'flow';
  const pointAt = (back: number, value: number | null): number | null => {
    if (!isFlow || value === null) return value;
    if (monthOfYearBack(calendar, back) === 1) return value;
    const before = back + 1 <= HISTORY_MONTHS ? ctx.series(back + 1) : null;
    return before === null ? null : value - before;
  };
  if (indicator.kind === 'milestone') return;
  const current = pointAt(0, actual);
  if (current === null) return;
  const past: number[] = [];
  for (let back = 1; back <= HISTORY_MONTHS; back++) {
    const p = pointAt(back, ctx.series(back));
    if (p !== null) past.push(p);
  }
  if (past.length < OUTLIER_MIN_HISTORY) return;
  const med = median(past);
  const mad = median(past.map((v) => Math.abs(v - med)));
  const scale = Math.max(1.4826 * mad, Math.abs(med) * 0.05, 10 ** -indicator.decimals);
  const z = (current - med) / scale;
  if (Math.abs(z) <= OUTLIER_Z) return;
  const what = isFlow ? '本月新增' : '本月数值';
  const whatEn = isFlow ? 'this month\'s increase' : 'this month\'s value';
  ctx.make('outlier', ctx.unit, indicator, 'warning', {
    zh: `${who}${quoteZh(indicator.name)}${what} ${formatValue(indicator, current)} 明显偏离本单位近${past.length}个月的水平（中位数 ${formatValue(indicator, med)}），请核实数据`,
    en: `${whoEn}: ${indicator.nameEn ?? indicator.code} ${whatEn} ${formatValue(indicator, current)} is far from the unit's last ${past.length} months (median ${formatValue(indicator, med)}); please check the figure`,
  });
}

/**
 * The catalog's "N consecutive rounds below a line" rule. The line is the city average (or the month's
 * expectation) minus `below`, on the bad side of the indicator's direction. Every one of the N months must have
 * a value below it; a month without a value breaks the run.
 */
function flagConsecutive(calendar: Calendar, indicator: Indicator, unit: Unit, make: Make): void {
  const rule = indicator.consecutiveRule;
  if (!rule) return;
  if (rule.relativeTo === 'cityAverage' && unit.parent === null) return;
  const sign = directionSign(indicator, calendar.year);
  const rounds: Month[] = [];
  for (let back = 0; back < rule.rounds; back++) {
    const state = calendar.states[back];
    if (!state) return;
    const at = state.table.roster.index.get(unit.code);
    const value = at === undefined || !state.table.submitted[at] ? null : valueAt(state.table, indicator.code, at);
    const reference = rule.relativeTo === 'cityAverage'
      ? cityAverage(indicator, state.table, state.figures.get(indicator.code)!)
      : expectationFor(indicator, calendar.months[back]!, scopeOf(unit));
    if (value === null || reference === null) return;
    const line = reference - sign * rule.below;
    if ((value - line) * sign >= 0) return;
    rounds.push(calendar.months[back]!);
  }
  const reference = rule.relativeTo === 'cityAverage' ? '全市平均' : '本月应达进度';
  const referenceEn = rule.relativeTo === 'cityAverage' ? 'the city average' : 'the expected value';
  const months = rounds.map(monthLabelZh).reverse().join('、');
  const gap = formatGap(indicator, rule.below);
  make('consecutive_below', unit, indicator, 'critical', {
    zh: `${unit.name}${quoteZh(indicator.name)}连续${rule.rounds}次（${months}）${sign > 0 ? '低于' : '高于'}${reference}${rule.below ? `${gap.zh}以上` : ''}，按规定应启动干预`,
    en: `${unit.nameEn ?? unit.code}: ${indicator.nameEn ?? indicator.code} has been ${rule.below ? `more than ${gap.en} ` : ''}${sign > 0 ? 'below' : 'above'} ${referenceEn} for ${rule.rounds} consecutive rounds; the plan calls for intervention`,
  });
}

function flagSubmissions(input: FlagInput, make: Make): void {
  const { table } = input.current;
  const { roster } = table;
  const owing = [...new Set([...roster.reporters.values()].flat())].sort((a, b) => a - b);
  for (const i of owing) {
    const unit = roster.units[i]!;
    if (!table.submitted[i]) {
      make('missing_submission', unit, null, 'critical', {
        zh: `${unit.name}未报送${monthLabelZh(table.month)}数据`,
        en: `${unit.nameEn ?? unit.code} sent no data for ${table.month}`,
      });
      continue;
    }
    const arrived = input.arrivals.get(unit.code);
    if (input.deadline && arrived && Date.parse(arrived) > Date.parse(input.deadline)) {
      const days = Math.ceil((Date.parse(arrived) - Date.parse(input.deadline)) / 86_400_000);
      make('late_submission', unit, null, 'info', {
        zh: `${unit.name}${monthLabelZh(table.month)}数据逾期 ${days} 天报送`,
        en: `${unit.nameEn ?? unit.code} sent its ${table.month} data ${days} day(s) after the deadline`,
      });
    }
  }
}

function targetText(indicator: Indicator, target: ResolvedTarget): string {
  if (target.wording) return target.wording;
  if (target.op === 'between') return `${formatValue(indicator, target.value)}–${formatValue(indicator, target.max ?? target.value)}`;
  const op = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '' }[target.op];
  return `${op}${formatValue(indicator, target.value)}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
