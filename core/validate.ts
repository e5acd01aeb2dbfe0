/**
 * Validation of a filled template's input cells: the same function runs in the add-in (browser) and in the
 * pipeline's intake, so that a unit sees in Excel exactly what the intake will say. Pure: no Node, no Office.
 *
 * Only the layout's input cells are read. Values shown elsewhere in the sheet (targets, expectations, the
 * computed 本月实际 of a rolled-up rate) are never trusted: a rate entered as numerator and denominator is
 * recomputed here, and every expectation comes from the catalog through `evaluate`.
 */
import type { Entry, Evaluation, Indicator, Plan, Unit } from './schema';
import { scopeOf, type InputField, type LayoutInput, type LayoutValidation, type TemplateLayout } from './layout';

/** What validation reads of a layout: a reader may keep just this much of the many layouts it caches. */
export type ValidatedLayout = Pick<TemplateLayout, 'meta' | 'rows' | 'inputs' | 'validations'>;
import { checkRange, fromPercentFormatted, parseValue, type Message } from './values';
import { evaluate, needsExplanation } from './evaluate';

/** A cell as read from the sheet; formula results are ignored (a formula arrives as its text, "=…"). */
export interface RawCell {
  value: unknown;
  numFmt?: string;
}

export interface EntryIssue {
  severity: 'error' | 'warning';
  /** A1 address of the input cell on the data sheet. */
  cell: string;
  code: string;
  field: InputField;
  zh: string;
  en: string;
}

export interface ValidationResult {
  entries: Entry[];
  evaluations: Evaluation[];
  issues: EntryIssue[];
}

/** Issue codes, stable for the add-in and the intake (the wording may change, the codes do not). */
export type IssueKind =
  | 'unparseable'
  | 'out_of_range'
  | 'not_whole'
  | 'incomplete_ratio'
  | 'denominator_zero'
  | 'numerator_exceeds_denominator'
  | 'explanation_too_long'
  | 'explanation_required';

/** The template's own limit on 情况说明 (its data validation says 500 characters). */
export const MAX_EXPLANATION_LENGTH = 500;

const FIELD_LABEL: Record<InputField, Message> = {
  value: { zh: '本月实际', en: 'actual value' },
  numerator: { zh: '分子', en: 'numerator' },
  denominator: { zh: '分母', en: 'denominator' },
  explanation: { zh: '情况说明', en: 'explanation' },
};

export function validateInputs(
  layout: ValidatedLayout,
  plan: Plan,
  unit: Unit,
  cells: Record<string, RawCell>,
): ValidationResult {
  const indicators = indicatorsByCode(plan);
  const { inputsByCode, wholeNumberCells } = indexOf(layout);
  const result: ValidationResult = { entries: [], evaluations: [], issues: [] };

  for (const row of layout.rows) {
    const indicator = indicators.get(row.code);
    if (!indicator) {
      throw new Error(`模板中的指标 ${row.code} 不在《${plan.title}》中 / indicator ${row.code} is not in plan ${plan.id}`);
    }
    const inputs = inputsByCode.get(row.code) ?? new Map<InputField, LayoutInput>();
    const ctx: RowContext = { indicator, inputs, cells, wholeNumberCells, issues: [] };

    const explanation = readExplanation(ctx);
    const reading = row.entry === 'ratio' ? readRatio(ctx) : readDirect(ctx);
    const entry: Entry = { code: indicator.code, value: reading.value, explanation };
    if (row.entry === 'ratio') {
      entry.numerator = reading.numerator ?? null;
      entry.denominator = reading.denominator ?? null;
    }

    const base = evaluate({
      indicator, unitCode: unit.code, month: layout.meta.month, actual: reading.invalid ? null : reading.value,
      thresholds: plan.thresholds, scope: scopeOf(unit),
    });
    const evaluation: Evaluation = reading.invalid ? { ...base, status: 'invalid' } : base;

    if (needsExplanation(evaluation.status) && explanation === '') {
      const at = inputs.get('explanation');
      if (at) ctx.issues.push(explanationRequired(indicator, evaluation, at.address));
    }
    result.entries.push(entry);
    result.evaluations.push(evaluation);
    result.issues.push(...ctx.issues);
  }
  return result;
}

interface RowContext {
  indicator: Indicator;
  inputs: Map<InputField, LayoutInput>;
  cells: Record<string, RawCell>;
  wholeNumberCells: Set<string>;
  issues: EntryIssue[];
}

interface Reading {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  /** An error stands on this row: the value is not evaluated. */
  invalid: boolean;
}

interface LayoutIndex {
  inputsByCode: Map<string, Map<InputField, LayoutInput>>;
  wholeNumberCells: Set<string>;
}

/** Per plan, computed once (catalog plans are never mutated). */
const planIndexes = new WeakMap<Plan, Map<string, Indicator>>();

export function indicatorsByCode(plan: Plan): Map<string, Indicator> {
  let index = planIndexes.get(plan);
  if (!index) planIndexes.set(plan, (index = new Map(plan.indicators.map((i) => [i.code, i]))));
  return index;
}

/** Per layout, computed once: the intake validates many workbooks of the same layout. Layouts are never mutated. */
const layoutIndexes = new WeakMap<ValidatedLayout, LayoutIndex>();

function indexOf(layout: ValidatedLayout): LayoutIndex {
  let index = layoutIndexes.get(layout);
  if (!index) {
    index = { inputsByCode: groupInputs(layout.inputs), wholeNumberCells: wholeNumberAddresses(layout) };
    layoutIndexes.set(layout, index);
  }
  return index;
}

function groupInputs(inputs: LayoutInput[]): Map<string, Map<InputField, LayoutInput>> {
  const byCode = new Map<string, Map<InputField, LayoutInput>>();
  for (const input of inputs) {
    const fields = byCode.get(input.code) ?? new Map<InputField, LayoutInput>();
    fields.set(input.field, input);
    byCode.set(input.code, fields);
  }
  return byCode;
}

/** The input cells whose data validation asks for a whole number (counts): the layout decides, not this file. */
function wholeNumberAddresses(layout: ValidatedLayout): Set<string> {
  // Decode each range once: this runs for every new layout on the ingest path.
  const bounds = layout.validations.filter((v) => v.type === 'whole').map(rangeBounds);
  return new Set(
    layout.inputs
      .filter((i) => bounds.some((b) => i.row >= b.top && i.row <= b.bottom && i.col >= b.left && i.col <= b.right))
      .map((i) => i.address),
  );
}

function rangeBounds(validation: LayoutValidation): { top: number; bottom: number; left: number; right: number } {
  const [start, end = start] = validation.range.split(':') as [string, string?];
  const a = decodeAddress(start);
  const b = decodeAddress(end);
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
}

/** Row and column of an A1 address, "$" marks allowed ("$B$5"); anything else throws. */
export function decodeAddress(addr: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(addr.toUpperCase());
  if (!m) throw new Error(`invalid cell address ${addr}`);
  return positionOf(`${m[1]}${m[2]}`);
}

/**
 * Row and column (1-based) of an A1 address such as "K12" (or "k12"), read character by character: the intake asks
 * this for every cell of a sheet, so it neither throws nor allocates beyond its answer. Anything else (a malformed or
 * absolute reference) gives 0s, which no reader wants.
 */
export function positionOf(address: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  for (; i < address.length; i++) {
    const c = address.charCodeAt(i) & ~0x20; // a–z as A–Z
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  let row = 0;
  const digits = i;
  for (; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c < 48 || c > 57) return { row: 0, col: 0 };
    row = row * 10 + (c - 48);
  }
  return i === digits || col === 0 ? { row: 0, col: 0 } : { row, col };
}

function issue(ctx: RowContext, field: InputField, kind: IssueKind, message: Message, severity: EntryIssue['severity'] = 'error'): void {
  const at = ctx.inputs.get(field);
  if (!at) return;
  const label = FIELD_LABEL[field];
  ctx.issues.push({
    severity, cell: at.address, code: kind, field,
    zh: `${ctx.indicator.name}（${label.zh}）：${message.zh}`,
    en: `${ctx.indicator.nameEn ?? ctx.indicator.code} (${label.en}): ${message.en}`,
  });
}

/** Removes binary noise such as 0.9 × 100 = 90.00000000000001. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** Reads one numeric cell: parse, undo a percentage format, check whole numbers and the plausible range. */
function readNumber(
  ctx: RowContext,
  field: 'value' | 'numerator' | 'denominator',
  as: Pick<Indicator, 'kind' | 'unit' | 'range'>,
): { value: number | null; ok: boolean } {
  const at = ctx.inputs.get(field);
  const cell = at ? ctx.cells[at.address] : undefined;
  let raw = cell?.value;
  if (typeof raw === 'number' && cell?.numFmt !== undefined && isDateTimeFormat(cell.numFmt)) {
    const typed = asTypedRatio(raw, cell.numFmt);
    if (as.kind === 'ratio' && typed !== null) {
      // "1:12" typed into a cell is taken by Excel for a time (1:12 a.m. = 0.05 of a day): read back what was typed.
      raw = typed;
    } else {
      issue(ctx, field, 'unparseable', {
        zh: `Excel 把输入识别成了日期或时间（单元格格式“${cell.numFmt}”），请把单元格格式改为“常规”后重新输入数值`,
        en: `Excel took the entry for a date or time (cell format "${cell.numFmt}"); set the cell format to General and type the number again`,
      });
      return { value: null, ok: false };
    }
  } else if (typeof raw === 'number' && cell?.numFmt?.includes('%')) {
    // Excel stores "90%" typed into a cell as 0.9 with a percentage format. For a percentage indicator that means 90;
    // for anything else a % is a mistake, refused exactly as the typed text "90%" would be.
    raw = as.unit === '%' ? clean(fromPercentFormatted(raw, cell.numFmt)) : `${clean(raw * 100)}%`;
  }
  const parsed = parseValue(raw, as);
  if (!parsed.ok) {
    issue(ctx, field, 'unparseable', parsed.error);
    return { value: null, ok: false };
  }
  if (parsed.value === null) return { value: null, ok: true };
  if (at && ctx.wholeNumberCells.has(at.address) && !Number.isInteger(parsed.value)) {
    issue(ctx, field, 'not_whole', {
      zh: `应填写整数，“${parsed.value}”不是整数`,
      en: `expected a whole number, got ${parsed.value}`,
    });
    return { value: null, ok: false };
  }
  const outOfRange = checkRange(parsed.value, as);
  if (outOfRange) {
    issue(ctx, field, 'out_of_range', outOfRange);
    return { value: null, ok: false };
  }
  return { value: parsed.value, ok: true };
}

/** Whether a number format shows a date or time, by format code: asked for every numeric input cell. */
const dateTimeFormats = new Map<string, boolean>();

/** A date or time number format: d, m, y, h or s outside quoted text, escapes and [colour] blocks ([h] counts). */
export function isDateTimeFormat(numFmt: string): boolean {
  let known = dateTimeFormats.get(numFmt);
  if (known === undefined) {
    const bare = numFmt.replace(/"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]/gi, '');
    known = /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
    // A workbook has a few dozen formats, and the intake reads thousands of workbooks made from the same templates.
    if (dateTimeFormats.size >= 1000) dateTimeFormats.clear();
    dateTimeFormats.set(numFmt, known);
  }
  return known;
}

/** What was typed as "h:mm" or "m:ss" when Excel stored it as a fraction of a day, as a ratio "1:12", or null. */
function asTypedRatio(value: number, numFmt: string): string | null {
  if (value < 0 || value >= 1) return null;
  const hasHours = /h/i.test(numFmt.replace(/"[^"]*"/g, ''));
  const total = hasHours ? value * 1440 : value * 86400;
  const whole = Math.floor(Math.round(total * 1000) / 1000 / 60);
  const rest = Number((total - whole * 60).toFixed(3));
  return `${whole}:${rest}`;
}

function readDirect(ctx: RowContext): Reading {
  const { value, ok } = readNumber(ctx, 'value', ctx.indicator);
  return { value, invalid: !ok };
}

/** A count entered for a rolled-up rate: a whole number, never negative. */
function countOf(name: string): Pick<Indicator, 'kind' | 'unit' | 'range'> {
  return { kind: 'stock', unit: name, range: { min: 0 } };
}

function readRatio(ctx: RowContext): Reading {
  const { indicator } = ctx;
  if (indicator.rollup.method !== 'ratio') throw new Error(`${indicator.code} is not rolled up as a ratio`);
  const { numerator: nName, denominator: dName, scale } = indicator.rollup;
  const n = readNumber(ctx, 'numerator', countOf(nName));
  const d = readNumber(ctx, 'denominator', countOf(dName));
  const reading = { numerator: n.value, denominator: d.value };
  if (!n.ok || !d.ok) return { ...reading, value: null, invalid: true };
  if (n.value === null && d.value === null) return { ...reading, value: null, invalid: false };
  if (n.value === null || d.value === null) {
    const missing = n.value === null ? 'numerator' : 'denominator';
    issue(ctx, missing, 'incomplete_ratio', {
      zh: `分子和分母须同时填写，请填写${missing === 'numerator' ? `分子（${nName}）` : `分母（${dName}）`}`,
      en: `numerator and denominator go together; fill in the ${missing} (${missing === 'numerator' ? nName : dName})`,
    });
    return { ...reading, value: null, invalid: true };
  }
  if (d.value === 0) {
    issue(ctx, 'denominator', 'denominator_zero', { zh: `分母（${dName}）不能为 0`, en: `the denominator (${dName}) cannot be 0` });
    return { ...reading, value: null, invalid: true };
  }
  // Rounded as the sheet's own formula rounds it, so that the status shown in Excel and the receipt agree.
  const factor = 10 ** indicator.decimals;
  const value = Math.round((n.value / d.value) * scale * factor) / factor;
  const outOfRange = checkRange(value, indicator);
  if (outOfRange) {
    const exceeds = indicator.unit === '%' && n.value > d.value;
    issue(ctx, 'numerator', exceeds ? 'numerator_exceeds_denominator' : 'out_of_range', exceeds
      ? {
          zh: `分子（${nName}）${n.value} 大于分母（${dName}）${d.value}，比率超过 100%`,
          en: `the numerator (${nName}) ${n.value} exceeds the denominator (${dName}) ${d.value}: the rate is above 100%`,
        }
      : { zh: `由分子分母算得 ${value}，${outOfRange.zh}`, en: `numerator/denominator give ${value}: ${outOfRange.en}` });
    return { ...reading, value: null, invalid: true };
  }
  return { ...reading, value, invalid: false };
}

function readExplanation(ctx: RowContext): string {
  const at = ctx.inputs.get('explanation');
  const raw = at ? ctx.cells[at.address]?.value : undefined;
  const text = raw === null || raw === undefined ? '' : typeof raw === 'boolean' ? (raw ? '是' : '否') : String(raw);
  const trimmed = text.trim();
  if (trimmed.length > MAX_EXPLANATION_LENGTH) {
    issue(ctx, 'explanation', 'explanation_too_long', {
      zh: `情况说明有 ${trimmed.length} 字，不能超过 ${MAX_EXPLANATION_LENGTH} 字`,
      en: `the explanation has ${trimmed.length} characters; at most ${MAX_EXPLANATION_LENGTH} are allowed`,
    });
    return trimmed.slice(0, MAX_EXPLANATION_LENGTH);
  }
  return trimmed;
}

function formatGap(indicator: Indicator, evaluation: Evaluation): Message {
  const round = (v: number) => Number(v.toFixed(Math.max(indicator.decimals, 1)));
  const unit = indicator.unit === '%' ? '个百分点' : indicator.unit;
  const unitEn = indicator.unit === '%' ? ' percentage points' : ` ${indicator.unit}`;
  if (indicator.kind === 'milestone') {
    return { zh: '尚未完成，按计划本月应已完成', en: 'not achieved, although due by this month' };
  }
  if (evaluation.expected === null || evaluation.actual === null || evaluation.gap === null) {
    return { zh: '未达到本年目标', en: 'below this year\'s target' };
  }
  return {
    zh: `本月实际 ${round(evaluation.actual)} 未达到本月应达 ${round(evaluation.expected)}（相差 ${round(Math.abs(evaluation.gap))}${unit}）`,
    en: `actual ${round(evaluation.actual)} falls short of the ${round(evaluation.expected)} expected this month (by ${round(Math.abs(evaluation.gap))}${unitEn})`,
  };
}

function explanationRequired(indicator: Indicator, evaluation: Evaluation, cell: string): EntryIssue {
  const gap = formatGap(indicator, evaluation);
  return {
    severity: 'warning', cell, code: 'explanation_required', field: 'explanation',
    zh: `${indicator.name}：${gap.zh}，请填写情况说明（原因和整改措施）`,
    en: `${indicator.nameEn ?? indicator.code}: ${gap.en}; please explain the shortfall (causes and measures)`,
  };
}
