/**
 * The words and colours of the monthly report, shared by the workbook, the charts and the mails so that a status
 * reads and looks the same everywhere (and as in the unit's own template and receipt).
 */
import type { FlagKind, ReviewStatus, Status } from '../../core/schema';
import { PROGRESS_COLORS } from '../../core/layout';
import { formatShanghaiTime } from '../../core/receipt';
import { REVIEW_STATUS_LABEL, type Label } from '../../core/review';

export type { Label } from '../../core/review';

export const STATUS_LABEL: Record<Status, Label> = {
  met: { zh: '达到目标', en: 'Target met' },
  on_track: { zh: '符合进度', en: 'On track' },
  at_risk: { zh: '接近进度', en: 'At risk' },
  short: { zh: '低于进度', en: 'Behind' },
  missing: { zh: '未报', en: 'Missing' },
  invalid: { zh: '有误', en: 'Invalid' },
  no_target: { zh: '无进度要求', en: 'No target yet' },
};

/** Fill and font colour per status (RGB hex); the progress colours are the template's own. */
export const STATUS_COLOR: Record<Status, { fill: string; font: string }> = {
  met: { fill: 'A9D08E', font: '274E13' },
  on_track: PROGRESS_COLORS.on_track,
  at_risk: PROGRESS_COLORS.at_risk,
  short: PROGRESS_COLORS.short,
  missing: { fill: 'D9D9D9', font: '404040' },
  invalid: { fill: 'D9D9D9', font: '9C0006' },
  no_target: { fill: 'F2F2F2', font: '595959' },
};

export const FLAG_LABEL: Record<FlagKind, Label> = {
  below_trajectory: { zh: '低于进度', en: 'Below trajectory' },
  final_target_at_risk: { zh: '规划目标难以实现', en: 'Final target out of reach' },
  worse_than_last_month: { zh: '较上月变差', en: 'Worse than last month' },
  outlier: { zh: '数据异常', en: 'Outlier' },
  consecutive_below: { zh: '连续低于警戒线', en: 'Consecutive rounds below the line' },
  unexplained_shortfall: { zh: '未填情况说明', en: 'Shortfall not explained' },
  missing_submission: { zh: '未报送', en: 'Not submitted' },
  late_submission: { zh: '逾期报送', en: 'Late submission' },
};

export const SEVERITY_LABEL: Record<'critical' | 'warning' | 'info', Label> = {
  critical: { zh: '严重', en: 'Critical' },
  warning: { zh: '警示', en: 'Warning' },
  info: { zh: '提示', en: 'Info' },
};

export const SEVERITY_COLOR: Record<'critical' | 'warning' | 'info', { fill: string; font: string }> = {
  critical: PROGRESS_COLORS.short,
  warning: PROGRESS_COLORS.at_risk,
  info: { fill: 'DDEBF7', font: '1F4E79' },
};

/** One source of the review labels: the add-in's review mode and the API say the same words (core/review.ts). */
export const REVIEW_LABEL: Record<ReviewStatus, Label> = REVIEW_STATUS_LABEL;

/** A flag still open (no decision, action required or escalated) for this many days is pointed out in the report. */
export const AGE_WARNING_DAYS = 30;

export const SUBMISSION_LABEL: Record<'on_time' | 'late' | 'missing', Label> = {
  on_time: { zh: '按时报送', en: 'On time' },
  late: { zh: '逾期报送', en: 'Late' },
  missing: { zh: '未报送', en: 'Not submitted' },
};

/** Report colours outside the status palette. */
export const BRAND = { dark: '1F4E79', light: 'DDEBF7', grey: '595959', rule: 'BFBFBF' } as const;

/** "2025-11-01 08:00" in China time, whatever the server's zone. */
export function formatTimeZh(iso: string): string {
  return formatShanghaiTime(new Date(iso));
}
