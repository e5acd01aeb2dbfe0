/**
 * The charts of the monthly report. Each chart also carries its key figures as text (`alt`), because mail
 * clients block images by default and leadership must be able to read the report without them.
 */
import type { Indicator, Month, Status } from '../../core/schema';
import { directionSign } from '../../core/layout';
import { formatValue } from '../../core/flags';
import { monthLabelZh, parseMonth } from '../../core/month';
import type { IndicatorRow, ReportModel } from '../report/model';
import { STATUS_COLOR, STATUS_LABEL } from '../report/wording';
import { renderChart } from './render';

export interface ReportChart {
  /** Stable id, also the mail's Content-ID local part. */
  id: string;
  title: string;
  alt: string;
  png: Buffer;
  /** CSS pixels (the PNG is drawn at twice this size). */
  width: number;
  height: number;
}

export const CHART_WIDTH = 640;
const SHOWN_STATUSES: Status[] = ['met', 'on_track', 'at_risk', 'short', 'missing', 'no_target'];
const AXIS_LABEL = { color: '#404040', fontSize: 12 };
const TITLE = { left: 8, top: 6, textStyle: { fontSize: 15, fontWeight: 'bold', color: '#1F4E79' } };

export function renderReportCharts(model: ReportModel, fontFile?: string): ReportChart[] {
  const charts = [statusChart(model, fontFile), attainmentChart(model, fontFile), trendChart(model, fontFile), unitsChart(model, fontFile)];
  return charts.filter((c): c is ReportChart => c !== null);
}

function statusChart(model: ReportModel, fontFile?: string): ReportChart {
  const statuses = SHOWN_STATUSES.filter((s) => s !== 'no_target' || model.statusCounts.no_target > 0);
  const total = statuses.reduce((n, s) => n + model.statusCounts[s], 0);
  const title = `全市指标进度（${model.monthLabel}，共 ${total} 项）`;
  const height = 90 + statuses.length * 34;
  const png = renderChart({
    title: { ...TITLE, text: title },
    grid: { left: 100, right: 48, top: 48, bottom: 16 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: '#E7E6E6' } } },
    yAxis: {
      type: 'category', inverse: true, data: statuses.map((s) => STATUS_LABEL[s].zh),
      axisLabel: { ...AXIS_LABEL, fontSize: 13 }, axisTick: { show: false },
    },
    series: [{
      type: 'bar', barWidth: 20,
      data: statuses.map((s) => ({ value: model.statusCounts[s], itemStyle: { color: `#${barColor(s)}` } })),
      label: { show: true, position: 'right', fontSize: 13, color: '#262626', formatter: '{c} 项' },
    }],
  }, { width: CHART_WIDTH, height, fontFile });
  const alt = statuses.map((s) => `${STATUS_LABEL[s].zh} ${model.statusCounts[s]} 项`).join('，');
  return { id: 'status', title, alt, png, width: CHART_WIDTH, height };
}

/**
 * Attainment of the month's expectation, actual ÷ expected (expected ÷ actual where lower is better): 100% is
 * exactly on the trajectory. It puts indicators of different units on one axis.
 */
export function attainment(indicator: Indicator, month: Month, actual: number, expected: number): number | null {
  if (expected <= 0 || actual <= 0) return null;
  const ratio = directionSign(indicator, parseMonth(month).year) < 0 ? expected / actual : actual / expected;
  return Math.round(ratio * 1000) / 10;
}

function attainmentChart(model: ReportModel, fontFile?: string): ReportChart | null {
  const rows = model.shortfalls
    .map((r) => ({ row: r, value: attainment(r.indicator, model.month, r.evaluation!.actual!, r.evaluation!.expected!) }))
    .filter((r): r is { row: IndicatorRow; value: number } => r.value !== null)
    .slice(0, 10);
  if (rows.length === 0) return null;
  const title = '未达进度的指标：实际 ÷ 本月应达（100% 即符合进度）';
  const height = 100 + rows.length * 36;
  const min = Math.max(0, Math.floor(Math.min(...rows.map((r) => r.value)) / 10) * 10 - 10);
  const png = renderChart({
    title: { ...TITLE, text: title },
    grid: { left: 210, right: 32, top: 48, bottom: 28 },
    xAxis: { type: 'value', min, max: 100, axisLabel: { ...AXIS_LABEL, formatter: '{value}%' }, splitLine: { lineStyle: { color: '#E7E6E6' } } },
    yAxis: {
      type: 'category', inverse: true, data: rows.map((r) => shorten(r.row.indicator.name, 14)),
      axisLabel: { ...AXIS_LABEL, fontSize: 12 }, axisTick: { show: false },
    },
    series: [{
      type: 'bar', barWidth: 18,
      data: rows.map((r) => ({
        value: r.value, itemStyle: { color: `#${barColor(r.row.evaluation!.status)}` },
        label: { color: r.row.evaluation!.status === 'short' ? '#ffffff' : '#262626' },
      })),
      // Inside the bar: the bars end near 100%, where a label outside would cross the 100% line.
      label: { show: true, position: 'insideRight', fontSize: 12, fontWeight: 'bold', formatter: '{c}%' },
      markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#595959', type: 'dashed' }, data: [{ xAxis: 100 }] },
    }],
  }, { width: CHART_WIDTH, height, fontFile });
  const alt = rows.map((r) => `${r.row.indicator.name} ${r.value}%`).join('；');
  return { id: 'attainment', title, alt, png, width: CHART_WIDTH, height };
}

/** The worst indicators' city values month by month against the trajectory, one small panel each. */
function trendChart(model: ReportModel, fontFile?: string): ReportChart | null {
  const rows = model.shortfalls.filter((r) => r.trend.filter((p) => p.value !== null).length >= 2).slice(0, 4);
  if (rows.length === 0) return null;
  const columns = rows.length === 1 ? 1 : 2;
  const panelRows = Math.ceil(rows.length / columns);
  const panelHeight = 200;
  const height = 40 + panelRows * panelHeight;
  const width = CHART_WIDTH;
  const panelWidth = width / columns;
  const months = model.trendMonths.map((m) => `${parseMonth(m).month}月`);
  const title = `未达进度指标的走势（实线：全市实际；虚线：应达进度）`;
  const grids = rows.map((_, i) => ({
    left: (i % columns) * panelWidth + 52, width: panelWidth - 76,
    top: 40 + Math.floor(i / columns) * panelHeight + 34, height: panelHeight - 72,
  }));
  const png = renderChart({
    title: [
      { ...TITLE, text: title, textStyle: { ...TITLE.textStyle, fontSize: 14 } },
      ...rows.map((r, i) => ({
        text: `${shorten(r.indicator.name, 13)}（${r.indicator.unit}）${partial(r)}`, left: (i % columns) * panelWidth + 16,
        top: 40 + Math.floor(i / columns) * panelHeight + 6, textStyle: { fontSize: 12, fontWeight: 'bold', color: '#262626' },
      })),
    ],
    grid: grids,
    xAxis: grids.map((_, i) => ({ type: 'category', gridIndex: i, data: months, boundaryGap: false, axisLabel: { ...AXIS_LABEL, fontSize: 10 } })),
    yAxis: grids.map((_, i) => ({ type: 'value', gridIndex: i, scale: true, axisLabel: { ...AXIS_LABEL, fontSize: 10 }, splitLine: { lineStyle: { color: '#EDEDED' } } })),
    series: rows.flatMap((r, i) => [
      {
        type: 'line', xAxisIndex: i, yAxisIndex: i, name: '实际', data: r.trend.map((p) => p.value),
        connectNulls: false, symbolSize: 5, lineStyle: { width: 2, color: '#C00000' }, itemStyle: { color: '#C00000' },
      },
      {
        type: 'line', xAxisIndex: i, yAxisIndex: i, name: '应达', data: r.trend.map((p) => p.expected),
        symbol: 'none', lineStyle: { width: 1.5, type: 'dashed', color: '#595959' },
      },
    ]),
  }, { width, height, fontFile });
  const alt = rows.map((r) => {
    const last = r.trend[r.trend.length - 1]!;
    return `${r.indicator.name}：${monthLabelZh(last.month)} ${formatValue(r.indicator, last.value)}，应达 ${formatValue(r.indicator, last.expected)}`;
  }).join('；');
  return { id: 'trend', title, alt, png, width, height };
}

/** A summed count from fewer units than owe it is understated: say so where the line drops. */
function partial(row: IndicatorRow): string {
  const f = row.figure;
  return f.method === 'sum' && f.contributors < f.reporters ? `  本月 ${f.contributors}/${f.reporters} 单位` : '';
}

/** Districts with the most indicators behind or at risk this month (at most 15). */
function unitsChart(model: ReportModel, fontFile?: string): ReportChart | null {
  const counts = model.matrix.units.map((unit) => {
    const cells = [...(model.matrix.cells.get(unit.code)?.values() ?? [])];
    return { unit, short: cells.filter((c) => c.status === 'short').length, atRisk: cells.filter((c) => c.status === 'at_risk').length };
  }).filter((c) => c.short + c.atRisk > 0)
    .sort((a, b) => b.short - a.short || b.atRisk - a.atRisk)
    .slice(0, 15);
  if (counts.length === 0) return null;
  const title = '各单位未达进度的指标数';
  const height = 96 + counts.length * 30;
  const png = renderChart({
    title: { ...TITLE, text: title },
    legend: { top: 8, right: 12, textStyle: { fontSize: 12 }, data: [STATUS_LABEL.short.zh, STATUS_LABEL.at_risk.zh] },
    grid: { left: 130, right: 40, top: 48, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: '#E7E6E6' } } },
    yAxis: { type: 'category', inverse: true, data: counts.map((c) => shorten(c.unit.name, 9)), axisLabel: AXIS_LABEL, axisTick: { show: false } },
    series: [
      { type: 'bar', stack: 'n', name: STATUS_LABEL.short.zh, barWidth: 16, itemStyle: { color: `#${barColor('short')}` }, data: counts.map((c) => c.short),
        label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), color: '#fff', fontSize: 11 } },
      { type: 'bar', stack: 'n', name: STATUS_LABEL.at_risk.zh, barWidth: 16, itemStyle: { color: `#${barColor('at_risk')}` }, data: counts.map((c) => c.atRisk),
        label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), color: '#262626', fontSize: 11 } },
    ],
  }, { width: CHART_WIDTH, height, fontFile });
  const alt = counts.map((c) => `${c.unit.name} 低于进度 ${c.short} 项、接近进度 ${c.atRisk} 项`).join('；');
  return { id: 'units', title, alt, png, width: CHART_WIDTH, height };
}

/** Bar colours: the status palette, darkened where the pale cell fills would vanish on white. */
function barColor(status: Status): string {
  const strong: Partial<Record<Status, string>> = { met: '548235', on_track: '70AD47', at_risk: 'FFC000', short: 'C00000', missing: '808080' };
  return strong[status] ?? STATUS_COLOR[status].fill;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
