/** Months as "YYYY-MM" strings, and how they read in Chinese and English. */
import { MonthSchema, type Month } from './schema';

export interface YearMonth {
  year: number;
  /** 1..12 */
  month: number;
}

export function parseMonth(month: Month): YearMonth {
  const valid = MonthSchema.parse(month);
  return { year: Number(valid.slice(0, 4)), month: Number(valid.slice(5, 7)) };
}

export function formatMonth({ year, month }: YearMonth): Month {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Months since year 0, so that months can be subtracted and interpolated. */
export function monthOrdinal(month: Month): number {
  const { year, month: m } = parseMonth(month);
  return year * 12 + (m - 1);
}

export function fromOrdinal(ordinal: number): Month {
  return formatMonth({ year: Math.floor(ordinal / 12), month: (ordinal % 12) + 1 });
}

export function addMonths(month: Month, delta: number): Month {
  return fromOrdinal(monthOrdinal(month) + delta);
}

/** The ordinal of December of a year: a target "for 2025" is due by the end of 2025. */
export function yearEndOrdinal(year: number): number {
  return year * 12 + 11;
}

/** "2025年10月" */
export function monthLabelZh(month: Month): string {
  const { year, month: m } = parseMonth(month);
  return `${year}年${m}月`;
}

/** "October 2025" */
export function monthLabelEn(month: Month): string {
  const { year, month: m } = parseMonth(month);
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${names[m - 1]} ${year}`;
}

/** The month before the given one's: the month a report issued in `month` covers. */
export function previousMonth(month: Month): Month {
  return addMonths(month, -1);
}
