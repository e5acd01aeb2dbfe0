/**
 * The sheet layout of an indicator template: a plain description of the sheet that both renderers draw —
 * the add-in through Office.js, the pipeline through exceljs — and that the parser reads back.
 *
 * Sheet "指标填报":
 *   row 1  title (plan · 指标月报), row 2 unit, month, version and how to fill in, row 3 column headers;
 *   then, per category (一级指标), a group row followed by one row per indicator.
 * Columns: 序号 | 指标名称 | 单位 | 基期 | 本年目标 | 本月应达 | 上月值 | 本月实际★ | 分子★ | 分母★ | 情况说明★ | 状态 | (hidden: 方向, 容差)
 * ★ = input cells: exactly these are unlocked. For a rate rolled up from numerator and denominator the unit
 * enters both and 本月实际 is a locked formula; the parser recomputes it and never trusts the formula result,
 * nor any target shown in the sheet — targets always come from the catalog.
 * Metadata (template id and version, plan, unit, month) is written to a very hidden sheet, which survives a
 * round trip through WPS and LibreOffice; the add-in also keeps it in a custom XML part.
 */
import type { Indicator, Month, Plan, Unit } from './schema';
import { monthLabelEn, monthLabelZh, parseMonth } from './month';
import { expectationFor, finalTarget, targetForYear, type ResolvedTarget, type Scope } from './trajectory';
import { DEFAULT_THRESHOLDS } from './evaluate';

/** Bumped whenever the arrangement of the sheet changes, so that old workbooks are recognised and refused. */
export const LAYOUT_REVISION = 1;
export const TEMPLATE_ID = 'plan-monitor/indicator-template';
export const DATA_SHEET = '指标填报';
export const META_SHEET = '_plan_monitor';
/** Namespace of the custom XML part the add-in stores the metadata in. */
export const META_NAMESPACE = 'urn:plan-monitor:template:1';

export interface TemplateMeta {
  templateId: string;
  /** The catalog version of the plan the template was drawn from. */
  templateVersion: number;
  layoutRevision: number;
  planId: string;
  unitCode: string;
  month: Month;
}

export type StyleName =
  | 'title' | 'subtitle' | 'header' | 'group' | 'text' | 'number' | 'reference'
  | 'input' | 'inputText' | 'computed' | 'notApplicable' | 'status';

export interface CellStyle {
  bold?: boolean;
  size?: number;
  /** RGB hex without '#', e.g. "1F4E79" */
  color?: string;
  fill?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  border?: boolean;
}

/** Font used by both renderers: present on Windows and macOS Office; WPS maps it. */
export const FONT = 'Microsoft YaHei';

export const STYLES: Record<StyleName, CellStyle> = {
  title: { bold: true, size: 16, color: '1F4E79', vertical: 'middle' },
  subtitle: { size: 10, color: '595959', vertical: 'middle', wrap: true },
  header: { bold: true, size: 10, color: 'FFFFFF', fill: '1F4E79', horizontal: 'center', vertical: 'middle', wrap: true, border: true },
  group: { bold: true, size: 11, color: '1F4E79', fill: 'DDEBF7', vertical: 'middle', border: true },
  text: { size: 10, vertical: 'middle', wrap: true, border: true },
  number: { size: 10, horizontal: 'right', vertical: 'middle', border: true },
  reference: { size: 10, color: '595959', horizontal: 'right', vertical: 'middle', fill: 'F2F2F2', border: true },
  input: { size: 11, bold: true, horizontal: 'right', vertical: 'middle', fill: 'FFF9E5', border: true },
  inputText: { size: 10, vertical: 'top', wrap: true, fill: 'FFF9E5', border: true },
  computed: { size: 11, bold: true, horizontal: 'right', vertical: 'middle', fill: 'F2F2F2', border: true },
  notApplicable: { size: 10, color: 'A6A6A6', horizontal: 'center', vertical: 'middle', fill: 'F2F2F2', border: true },
  status: { size: 10, horizontal: 'center', vertical: 'middle', border: true },
};

/** Colours of progress (RGB hex): the template colours entries as they are typed, the report uses the same. */
export const PROGRESS_COLORS: Record<LayoutConditionalFormat['meaning'], { fill: string; font: string }> = {
  short: { fill: 'F8CBAD', font: '9C0006' },
  at_risk: { fill: 'FFE699', font: '7F6000' },
  on_track: { fill: 'C6EFCE', font: '006100' },
};

export type CellValue = string | number | null | { formula: string };

export interface LayoutCell {
  /** A1 address on the data sheet. */
  address: string;
  row: number;
  col: number;
  value: CellValue;
  style: StyleName;
  numFmt?: string;
  /** false for input cells only. */
  locked: boolean;
}

export interface LayoutColumn {
  key: ColumnKey;
  header: string;
  headerEn: string;
  width: number;
  hidden?: boolean;
}

export interface LayoutValidation {
  /** A1 range on the data sheet. */
  range: string;
  type: 'decimal' | 'whole' | 'list' | 'textLength';
  operator: 'between' | 'greaterThanOrEqual' | 'lessThanOrEqual';
  /** Bounds (numbers) or the list source ("是,否"). */
  formulae: (number | string)[];
  allowBlank: boolean;
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

export interface LayoutConditionalFormat {
  /** A1 range the rule applies to. */
  range: string;
  /** Formula relative to the range's top-left cell, without '='. */
  formula: string;
  fill: string;
  fontColor: string;
  /** Lower number applies first; a cell matching a higher-priority rule stops there. */
  priority: number;
  meaning: 'short' | 'at_risk' | 'on_track';
}

export type InputField = 'value' | 'numerator' | 'denominator' | 'explanation';

export interface LayoutInput {
  code: string;
  field: InputField;
  address: string;
  row: number;
  col: number;
}

export interface LayoutRow {
  code: string;
  row: number;
  /** Whether the value is entered directly or computed from numerator and denominator. */
  entry: 'direct' | 'ratio';
}

export interface TemplateLayout {
  meta: TemplateMeta;
  sheetName: string;
  metaSheetName: string;
  /** Key/value rows of the hidden metadata sheet, column A and B from row 1. */
  metaRows: [string, string | number][];
  columns: LayoutColumn[];
  cells: LayoutCell[];
  merges: string[];
  rowHeights: { row: number; height: number }[];
  validations: LayoutValidation[];
  conditionalFormats: LayoutConditionalFormat[];
  inputs: LayoutInput[];
  rows: LayoutRow[];
  /** Rows and columns frozen at the top left (the header and the indicator names stay in view). */
  freeze: { rows: number; columns: number };
  print: { paper: 'A4'; orientation: 'landscape'; fitToWidth: true; printTitleRows: string; area: string };
  /** Last used row and column, for clearing a sheet before a redraw. */
  lastRow: number;
  lastCol: number;
}

export type ColumnKey =
  | 'no' | 'name' | 'unit' | 'baseline' | 'yearTarget' | 'expected' | 'previous'
  | 'actual' | 'numerator' | 'denominator' | 'explanation' | 'status' | 'sign' | 'tolerance';

export const COLUMNS: LayoutColumn[] = [
  { key: 'no', header: '序号', headerEn: 'No.', width: 6 },
  { key: 'name', header: '指标名称', headerEn: 'Indicator', width: 34 },
  { key: 'unit', header: '单位', headerEn: 'Unit', width: 8 },
  { key: 'baseline', header: '基期', headerEn: 'Baseline', width: 14 },
  { key: 'yearTarget', header: '本年目标', headerEn: 'Target this year', width: 16 },
  { key: 'expected', header: '本月应达', headerEn: 'Expected now', width: 11 },
  { key: 'previous', header: '上月值', headerEn: 'Last month', width: 10 },
  { key: 'actual', header: '本月实际', headerEn: 'Actual', width: 12 },
  { key: 'numerator', header: '分子', headerEn: 'Numerator', width: 12 },
  { key: 'denominator', header: '分母', headerEn: 'Denominator', width: 12 },
  { key: 'explanation', header: '情况说明（未达进度时必填）', headerEn: 'Explanation (required if short)', width: 40 },
  { key: 'status', header: '状态', headerEn: 'Status', width: 11 },
  { key: 'sign', header: '方向', headerEn: 'Direction', width: 6, hidden: true },
  { key: 'tolerance', header: '容差', headerEn: 'Tolerance', width: 8, hidden: true },
];

export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

export function columnIndex(key: ColumnKey): number {
  return COLUMNS.findIndex((c) => c.key === key) + 1;
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function address(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** Text typed by people that begins like a formula (=, +, -, @): renderers write it as a string, never a formula. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Which indicators a unit reports: the city bureau reports city-level indicators, the others the rest. */
export function indicatorsFor(plan: Plan, unit: Unit): Indicator[] {
  const isCity = unit.parent === null;
  return plan.indicators.filter((i) => (i.reportedBy === 'city') === isCity);
}

/**
 * The only thing about a unit that shapes its layout beyond texts: the city bureau (no parent) reports the city-level
 * indicators and is judged as the city; a district or county reports the others, enters rolled-up rates as numerator
 * and denominator, and is judged as a unit. Two units of one shape get layouts that differ only in the texts naming
 * them (title line, metadata) — the intake's reader shares one layout among them (indicatorsFor, the rows' entry
 * kind and scopeOf below all follow this).
 */
export function layoutShape(unit: Pick<Unit, 'parent'>): 'city' | 'district' {
  return unit.parent === null ? 'city' : 'district';
}

/** A district or county is judged as a unit; the city bureau (no parent) as the city. */
export function scopeOf(unit: Unit): Scope {
  return unit.parent === null ? 'city' : 'unit';
}

const OP_SYMBOL: Record<ResolvedTarget['op'], string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '', between: '' };

// One formatter per precision: building an Intl.NumberFormat per call dominated layout time.
const formatters = new Map<number, Intl.NumberFormat>();

export function formatNumber(value: number, decimals: number): string {
  let formatter = formatters.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: decimals, useGrouping: false });
    formatters.set(decimals, formatter);
  }
  return formatter.format(value);
}

/** "≥90（2025年）", "2-3（2025年）", "是（2025年）" */
export function describeTarget(indicator: Indicator, target: ResolvedTarget): string {
  const value = indicator.kind === 'milestone'
    ? (target.value === 1 ? '是' : '否')
    : target.op === 'between'
      ? `${formatNumber(target.value, indicator.decimals)}-${formatNumber(target.max ?? target.value, indicator.decimals)}`
      : `${OP_SYMBOL[target.op]}${indicator.kind === 'ratio' ? '1:' : ''}${formatNumber(target.value, indicator.decimals)}`;
  return `${value}（${target.year}年）`;
}

function numberFormat(indicator: Indicator): string {
  return indicator.decimals > 0 ? `0.${'0'.repeat(indicator.decimals)}` : '#,##0';
}

/** +1 when higher is better, -1 when lower is better (hold indicators by their comparator). */
export function directionSign(indicator: Indicator, year: number): 1 | -1 {
  if (indicator.direction === 'lower') return -1;
  if (indicator.direction === 'higher') return 1;
  const op = targetForYear(indicator, year)?.op;
  return op === '<=' || op === '<' ? -1 : 1;
}

/** The tolerance in the indicator's unit below which a shortfall is "at risk" rather than "short". */
export function toleranceFor(indicator: Indicator, plan: Plan, expected: number): number {
  const t = { ...DEFAULT_THRESHOLDS, ...plan.thresholds, ...indicator.thresholds };
  return Math.max(t.atRiskAbsolute ?? 0, Math.abs(expected) * t.atRiskRelative);
}

export interface LayoutOptions {
  plan: Plan;
  unit: Unit;
  month: Month;
  /** Last month's values by indicator code, shown for reference. */
  previous?: Record<string, number | null>;
}

export function templateMeta(plan: Plan, unit: Unit, month: Month): TemplateMeta {
  return {
    templateId: TEMPLATE_ID,
    templateVersion: plan.version,
    layoutRevision: LAYOUT_REVISION,
    planId: plan.id,
    unitCode: unit.code,
    month,
  };
}

export function buildLayout({ plan, unit, month, previous = {} }: LayoutOptions): TemplateLayout {
  const indicators = indicatorsFor(plan, unit);
  if (indicators.length === 0) {
    throw new Error(`${unit.name}在《${plan.title}》中没有需要填报的指标 / ${unit.code} reports no indicator of plan ${plan.id}`);
  }
  const { year } = parseMonth(month);
  const meta = templateMeta(plan, unit, month);
  const lastCol = COLUMNS.length;
  const visibleLastCol = COLUMNS.filter((c) => !c.hidden).length;
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  const rowHeights: { row: number; height: number }[] = [];
  const validations: LayoutValidation[] = [];
  const inputs: LayoutInput[] = [];
  const rows: LayoutRow[] = [];
  const col = columnIndex;
  const put = (row: number, c: number, value: CellValue, style: StyleName, extra: Partial<LayoutCell> = {}) => {
    cells.push({ address: address(row, c), row, col: c, value, style, locked: true, ...extra });
  };

  put(1, 1, `${plan.title} · 指标月报`, 'title');
  merges.push(`A1:${columnLetter(visibleLastCol)}1`);
  rowHeights.push({ row: 1, height: 30 });
  put(
    2, 1,
    `填报单位：${unit.name}　报告月份：${monthLabelZh(month)}　模板版本：v${plan.version}.${LAYOUT_REVISION}　` +
      `请在黄色单元格填写本月数值；低于本月应达进度的指标须填写情况说明。` +
      `  Unit: ${unit.nameEn ?? unit.code} · Month: ${monthLabelEn(month)} · Fill in the yellow cells; explain every shortfall.`,
    'subtitle',
  );
  merges.push(`A2:${columnLetter(visibleLastCol)}2`);
  rowHeights.push({ row: 2, height: 32 });
  COLUMNS.forEach((c, i) => put(HEADER_ROW, i + 1, `${c.header}\n${c.headerEn}`, 'header'));
  rowHeights.push({ row: HEADER_ROW, height: 36 });

  let row = FIRST_DATA_ROW;
  let seq = 0;
  const categories = [...new Set(indicators.map((i) => i.category))];
  for (const category of categories) {
    put(row, 1, category, 'group');
    merges.push(`A${row}:${columnLetter(visibleLastCol)}${row}`);
    row++;
    for (const indicator of indicators.filter((i) => i.category === category)) {
      seq++;
      const entry: LayoutRow['entry'] = indicator.rollup.method === 'ratio' && unit.parent !== null ? 'ratio' : 'direct';
      rows.push({ code: indicator.code, row, entry });
      const expected = expectationFor(indicator, month, scopeOf(unit));
      const yearTarget = targetForYear(indicator, year) ?? finalTarget(indicator);
      const fmt = numberFormat(indicator);
      const isMilestone = indicator.kind === 'milestone';
      const unitScopedTarget = indicator.rollup.method === 'sum' && unit.parent !== null;

      put(row, col('no'), seq, 'status');
      put(row, col('name'), indicator.name, 'text');
      put(row, col('unit'), indicator.unit, 'status');
      put(row, col('baseline'), indicator.baseline
        ? `${isMilestone ? (indicator.baseline.value ? '是' : '否') : formatNumber(indicator.baseline.value, indicator.decimals)}（${indicator.baseline.year}年）`
        : '—', 'reference');
      put(row, col('yearTarget'), yearTarget ? `${unitScopedTarget ? '全市' : ''}${describeTarget(indicator, yearTarget)}` : '—', 'reference');
      // A milestone's expectation stays the number 1 (the colour rules compare it) but reads 是/否.
      const expectedFmt = isMilestone ? '"是";"是";"否"' : fmt;
      put(row, col('expected'), expected === null ? '—' : roundTo(expected, indicator.decimals), 'reference', { numFmt: expectedFmt });
      const prev = previous[indicator.code];
      put(row, col('previous'), prev === undefined || prev === null ? '—' : prev, 'reference', { numFmt: expectedFmt });

      const actualAddr = address(row, col('actual'));
      if (entry === 'ratio' && indicator.rollup.method === 'ratio') {
        const n = address(row, col('numerator'));
        const d = address(row, col('denominator'));
        put(row, col('actual'), { formula: `IF(OR(${n}="",${d}="",${d}=0),"",ROUND(${n}/${d}*${indicator.rollup.scale},${indicator.decimals}))` }, 'computed', { numFmt: fmt });
        put(row, col('numerator'), null, 'input', { locked: false, numFmt: '#,##0' });
        put(row, col('denominator'), null, 'input', { locked: false, numFmt: '#,##0' });
        inputs.push({ code: indicator.code, field: 'numerator', address: n, row, col: col('numerator') });
        inputs.push({ code: indicator.code, field: 'denominator', address: d, row, col: col('denominator') });
        const prompt = `${indicator.rollup.numerator} / ${indicator.rollup.denominator}`;
        validations.push(countValidation(`${n}:${n}`, `分子：${indicator.rollup.numerator}`, prompt));
        validations.push(countValidation(`${d}:${d}`, `分母：${indicator.rollup.denominator}`, prompt));
      } else {
        put(row, col('actual'), null, 'input', { locked: false, numFmt: isMilestone ? '@' : fmt });
        put(row, col('numerator'), '—', 'notApplicable');
        put(row, col('denominator'), '—', 'notApplicable');
        inputs.push({ code: indicator.code, field: 'value', address: actualAddr, row, col: col('actual') });
        validations.push(valueValidation(actualAddr, indicator));
      }
      const explanationAddr = address(row, col('explanation'));
      put(row, col('explanation'), null, 'inputText', { locked: false, numFmt: '@' });
      inputs.push({ code: indicator.code, field: 'explanation', address: explanationAddr, row, col: col('explanation') });
      validations.push({
        range: explanationAddr, type: 'textLength', operator: 'lessThanOrEqual', formulae: [500], allowBlank: true,
        promptTitle: '情况说明', prompt: '低于本月应达进度时必填：原因和整改措施（500字以内）',
        errorTitle: '情况说明过长', error: '情况说明不能超过500字 / at most 500 characters',
      });

      const sign = directionSign(indicator, year);
      put(row, col('sign'), sign, 'number');
      put(row, col('tolerance'), expected === null ? 0 : roundTo(toleranceFor(indicator, plan, expected), 6), 'number');
      put(row, col('status'), { formula: statusFormula(row, isMilestone) }, 'status');
      row++;
    }
  }
  const lastRow = row - 1;
  const first = FIRST_DATA_ROW;
  const actualCol = columnLetter(col('actual'));
  const actualRange = `${actualCol}${first}:${actualCol}${lastRow}`;
  const conditionalFormats = shortfallFormats(actualRange, first);
  // Merge validations of identical rules in one column into ranges: exceljs and Excel both store ranges, and
  // per-cell rules bloat the file and overlap (see LIBRARY-NOTES).
  return {
    meta,
    sheetName: DATA_SHEET,
    metaSheetName: META_SHEET,
    metaRows: [
      ['templateId', meta.templateId],
      ['templateVersion', meta.templateVersion],
      ['layoutRevision', meta.layoutRevision],
      ['planId', meta.planId],
      ['unitCode', meta.unitCode],
      ['month', meta.month],
    ],
    columns: COLUMNS,
    cells,
    merges,
    rowHeights,
    validations: mergeValidations(validations),
    conditionalFormats,
    inputs,
    rows,
    freeze: { rows: HEADER_ROW, columns: col('name') },
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: true, printTitleRows: `1:${HEADER_ROW}`, area: `A1:${columnLetter(visibleLastCol)}${lastRow}` },
    lastRow,
    lastCol,
  };
}

function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function valueValidation(range: string, indicator: Indicator): LayoutValidation {
  if (indicator.kind === 'milestone') {
    return {
      range, type: 'list', operator: 'between', formulae: ['是,否'], allowBlank: true,
      promptTitle: indicator.name, prompt: '请选择“是”或“否” / choose 是 (yes) or 否 (no)',
      errorTitle: '无效的值', error: '请选择“是”或“否” / choose 是 or 否',
    };
  }
  const min = indicator.range?.min ?? 0;
  const max = indicator.range?.max ?? (indicator.unit === '%' ? 100 : undefined);
  const type = indicator.decimals === 0 && indicator.kind !== 'rate' ? 'whole' : 'decimal';
  const bounds = max === undefined ? `不小于${min}` : `${min}～${max}之间`;
  return {
    range,
    type,
    operator: max === undefined ? 'greaterThanOrEqual' : 'between',
    formulae: max === undefined ? [min] : [min, max],
    allowBlank: true,
    promptTitle: indicator.name.slice(0, 32),
    // Excel turns a typed "1:12" into a time of day; asking for the x of 1:x keeps the cell a plain number.
    prompt: (indicator.kind === 'ratio'
      ? `请填写比值 1:x 中的 x，例如生师比 1:12 填 12。`
      : `单位：${indicator.unit}；请填写${bounds}的${type === 'whole' ? '整数' : '数值'}。`).slice(0, 255),
    errorTitle: '数值无效',
    error: `应填写${bounds}的${type === 'whole' ? '整数' : '数值'}（单位：${indicator.unit}） / expected a number ${max === undefined ? `>= ${min}` : `${min}-${max}`}`,
  };
}

function countValidation(range: string, title: string, prompt: string): LayoutValidation {
  return {
    range, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true,
    promptTitle: title.slice(0, 32), prompt: `请填写人数/数量（整数）：${prompt}`.slice(0, 255),
    errorTitle: '数值无效', error: '应填写不小于0的整数 / expected a whole number >= 0',
  };
}

/** Joins single-cell validations with the same rule in the same column over consecutive rows. */
function mergeValidations(list: LayoutValidation[]): LayoutValidation[] {
  const merged: LayoutValidation[] = [];
  // rule + column → the merged validation whose range currently ends in that column, and its last row
  const open = new Map<string, { validation: LayoutValidation; lastRow: number }>();
  for (const v of list) {
    const [start, end = start] = v.range.split(':') as [string, string?];
    const column = start.replace(/\d+/g, '');
    const startRow = Number(start.replace(/\D+/g, ''));
    const endRow = Number(end.replace(/\D+/g, ''));
    const key = `${column}|${v.type}|${v.operator}|${v.formulae.join(',')}|${v.allowBlank}|${v.promptTitle}|${v.prompt}|${v.errorTitle}|${v.error}`;
    const current = open.get(key);
    if (current && current.lastRow + 1 === startRow) {
      current.validation.range = `${current.validation.range.split(':')[0]}:${end}`;
      current.lastRow = endRow;
    } else {
      const validation = { ...v, range: `${start}:${end}` };
      merged.push(validation);
      open.set(key, { validation, lastRow: endRow });
    }
  }
  return merged;
}

function statusFormula(row: number, milestone: boolean): string {
  const a = `${columnLetter(columnIndex('actual'))}${row}`;
  const e = `${columnLetter(columnIndex('expected'))}${row}`;
  const s = `${columnLetter(columnIndex('sign'))}${row}`;
  const t = `${columnLetter(columnIndex('tolerance'))}${row}`;
  if (milestone) return `IF(${a}="","",IF(${a}="是","达到",IF(ISNUMBER(${e}),"未达进度","")))`;
  return `IF(OR(${a}="",NOT(ISNUMBER(${e}))),"",IF((${a}-${e})*${s}>=0,"达到进度",IF((${a}-${e})*${s}>=-${t},"接近进度","低于进度")))`;
}

/**
 * Shortfalls are coloured as they are typed: red below the month's expectation beyond tolerance, amber within it,
 * green on or above it. One rule per colour over the whole input column; the hidden 方向/容差 columns carry the
 * per-row direction and tolerance so that the rules stay three.
 */
function shortfallFormats(range: string, firstRow: number): LayoutConditionalFormat[] {
  const a = `$${columnLetter(columnIndex('actual'))}${firstRow}`;
  const e = `$${columnLetter(columnIndex('expected'))}${firstRow}`;
  const s = `$${columnLetter(columnIndex('sign'))}${firstRow}`;
  const t = `$${columnLetter(columnIndex('tolerance'))}${firstRow}`;
  const numeric = `ISNUMBER(${a}),ISNUMBER(${e})`;
  return [
    { range, priority: 1, meaning: 'short', fill: PROGRESS_COLORS.short.fill, fontColor: PROGRESS_COLORS.short.font,
      formula: `OR(AND(${numeric},(${a}-${e})*${s}<-${t}),AND(${a}="否",${e}=1))` },
    { range, priority: 2, meaning: 'at_risk', fill: PROGRESS_COLORS.at_risk.fill, fontColor: PROGRESS_COLORS.at_risk.font,
      formula: `AND(${numeric},(${a}-${e})*${s}<0)` },
    { range, priority: 3, meaning: 'on_track', fill: PROGRESS_COLORS.on_track.fill, fontColor: PROGRESS_COLORS.on_track.font,
      formula: `OR(AND(${numeric},(${a}-${e})*${s}>=0),${a}="是")` },
  ];
}
