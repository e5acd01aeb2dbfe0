/**
 * Values as officials type them into a cell: "90", "90%", "90.0", full-width "９０", "1,200", "1:12", "是",
 * or a number Excel already stored. Everything else is refused with a message that says what was expected,
 * in Chinese first and English second.
 */
import type { Indicator } from './schema';
import { quoteZh } from './text';

export interface Message {
  zh: string;
  en: string;
}

export type ParsedValue =
  | { ok: true; value: number | null }
  | { ok: false; error: Message };

/** Full-width digits and punctuation (from Chinese input methods) to their ASCII forms. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[。．]/g, '.')
    .replace(/[，、]/g, ',')
    .replace(/[：]/g, ':');
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const YES = new Set(['是', '已完成', '完成', '已实现', '实现', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', '未完成', '未实现', 'n', 'no', 'false', '0', '×', '✗']);

function expectedWording(indicator: Pick<Indicator, 'kind' | 'unit'>): Message {
  switch (indicator.kind) {
    case 'rate':
      return indicator.unit === '%'
        ? { zh: '百分数，如 90 或 90%', en: 'a percentage such as 90 or 90%' }
        : { zh: `数值（单位：${indicator.unit}）`, en: `a number (unit: ${indicator.unit})` };
    case 'ratio':
      return { zh: '比值，如 1:12 或 12', en: 'a ratio such as 1:12 or 12' };
    case 'milestone':
      return { zh: '“是”或“否”', en: '"是" (yes) or "否" (no)' };
    default:
      return { zh: `数值（单位：${indicator.unit}），如 1,200`, en: `a number (unit: ${indicator.unit}) such as 1,200` };
  }
}

function refuse(raw: string, indicator: Pick<Indicator, 'kind' | 'unit'>): ParsedValue {
  const expected = expectedWording(indicator);
  return {
    ok: false,
    error: {
      zh: `${quoteZh(raw)}不是有效的值，应填写${expected.zh}`,
      en: `"${raw}" is not a valid value; expected ${expected.en}`,
    },
  };
}

function parseNumber(text: string): number | null {
  if (!NUMBER.test(text)) return null;
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

/**
 * Parses one cell as typed. A blank cell is `{ ok: true, value: null }` — whether a blank is allowed is the
 * caller's decision (required cells are checked where the template is known).
 */
export function parseValue(
  raw: unknown,
  indicator: Pick<Indicator, 'kind' | 'unit'>,
): ParsedValue {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { ok: true, value: raw } : refuse(String(raw), indicator);
  }
  if (typeof raw === 'boolean') {
    return indicator.kind === 'milestone' ? { ok: true, value: raw ? 1 : 0 } : refuse(String(raw), indicator);
  }
  if (typeof raw !== 'string') return refuse(String(raw), indicator);

  const text = toHalfWidth(raw).trim().replace(/\s+/g, '');
  if (text === '') return { ok: true, value: null };

  if (indicator.kind === 'milestone') {
    const lower = text.toLowerCase();
    if (YES.has(lower)) return { ok: true, value: 1 };
    if (NO.has(lower)) return { ok: true, value: 0 };
    return refuse(raw.trim(), indicator);
  }

  if (indicator.kind === 'ratio') {
    const ratio = /^1:(.+)$/.exec(text);
    const value = parseNumber(ratio ? (ratio[1] ?? '') : text);
    return value === null ? refuse(raw.trim(), indicator) : { ok: true, value };
  }

  let body = text;
  if (body.endsWith('%')) {
    // "90%" typed into a percentage indicator means 90, not 0.9; elsewhere a % sign is a mistake.
    if (indicator.unit !== '%') return refuse(raw.trim(), indicator);
    body = body.slice(0, -1);
  } else if (indicator.unit !== '%' && body.endsWith(indicator.unit)) {
    // "50所" in a 所 indicator: the unit restated is harmless.
    body = body.slice(0, -indicator.unit.length);
  }
  const value = parseNumber(body);
  return value === null ? refuse(raw.trim(), indicator) : { ok: true, value };
}

/**
 * Excel stores a cell typed as "90%" in a cell formatted as a percentage as 0.9. Our template formats
 * percentage inputs as plain numbers, but a pasted or reformatted cell can still carry the fraction:
 * the cell's number format tells.
 */
export function fromPercentFormatted(value: number, numFmt: string | undefined): number {
  return numFmt !== undefined && numFmt.includes('%') ? value * 100 : value;
}

/** Checks a parsed value against the indicator's plausible range. */
export function checkRange(
  value: number,
  indicator: Pick<Indicator, 'kind' | 'unit' | 'range'>,
): Message | null {
  const min = indicator.range?.min ?? (indicator.kind === 'milestone' ? 0 : indicator.unit === '%' ? 0 : undefined);
  const max = indicator.range?.max ?? (indicator.kind === 'milestone' ? 1 : indicator.unit === '%' ? 100 : undefined);
  if (min !== undefined && value < min) {
    return { zh: `数值 ${value} 小于允许的最小值 ${min}`, en: `${value} is below the lowest allowed value ${min}` };
  }
  if (max !== undefined && value > max) {
    return { zh: `数值 ${value} 大于允许的最大值 ${max}`, en: `${value} is above the highest allowed value ${max}` };
  }
  return null;
}
