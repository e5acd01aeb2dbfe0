/**
 * The HTML bodies of the monthly mails. Outlook desktop renders mail with Word: tables for layout, CSS inlined
 * (juice), no SVG, no flex or grid, images as PNG by Content-ID with their key figures also written as text —
 * many clients block images until the reader allows them.
 */
import juice from 'juice';
import { quoteZh } from '../../core/text';
import type { Status } from '../../core/schema';
import { formatGap, formatValue } from '../../core/flags';
import { monthLabelEn, monthLabelZh } from '../../core/month';
import type { ReportChart } from '../charts/report-charts';
import { awaitingDecision, leadershipOrder } from '../../core/review';
import { ageWarning, explanationText, stillOpen, type FlagRow, type ReportModel } from '../report/model';
import { completenessLines, reportingText } from '../report/workbook';
import {
  AGE_WARNING_DAYS, BRAND, FLAG_LABEL, REVIEW_LABEL, SEVERITY_COLOR, SEVERITY_LABEL, STATUS_COLOR, STATUS_LABEL, formatTimeZh,
} from '../report/wording';

/** Content-ID of a chart in the mail. */
export function chartCid(chart: Pick<ReportChart, 'id'>): string {
  return `${chart.id}.chart@plan-monitor`;
}

/** How many rows a mail table shows before pointing to the workbook. */
export const MAIL_ROWS = 10;

const CSS = `
body { margin: 0; padding: 0; background: #f3f5f8; }
.wrap { background: #f3f5f8; }
.page { background: #ffffff; border: 1px solid #d9dee5; }
td, th, p, h1, h2 { font-family: "Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "WenQuanYi Micro Hei", Arial, sans-serif; }
.band { background: #${BRAND.dark}; color: #ffffff; padding: 18px 24px; }
.band h1 { margin: 0; font-size: 20px; line-height: 28px; color: #ffffff; font-weight: bold; }
.band p { margin: 4px 0 0 0; font-size: 13px; line-height: 20px; color: #dce6f2; }
.section { padding: 16px 24px 4px 24px; }
.section h2 { margin: 0 0 8px 0; font-size: 16px; line-height: 22px; color: #${BRAND.dark}; font-weight: bold; border-bottom: 2px solid #${BRAND.light}; padding-bottom: 4px; }
.lead { margin: 0 0 10px 0; font-size: 14px; line-height: 22px; color: #262626; }
.note { margin: 4px 0 8px 0; font-size: 12px; line-height: 18px; color: #595959; }
.kpi { border: 1px solid #d9dee5; padding: 10px 6px; text-align: center; }
.kpi .num { font-size: 24px; line-height: 30px; font-weight: bold; color: #${BRAND.dark}; }
.kpi .lbl { font-size: 12px; line-height: 16px; color: #595959; }
table.grid { border-collapse: collapse; width: 100%; }
table.grid th { background: #${BRAND.dark}; color: #ffffff; font-size: 12px; line-height: 16px; font-weight: bold; padding: 6px 6px; border: 1px solid #${BRAND.dark}; text-align: center; }
table.grid td { font-size: 13px; line-height: 18px; color: #262626; padding: 6px 6px; border: 1px solid #d9dee5; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
td.center { text-align: center; white-space: nowrap; }
.chip { font-weight: bold; white-space: nowrap; }
.footer { padding: 14px 24px 20px 24px; font-size: 12px; line-height: 18px; color: #7f7f7f; }
.en { font-size: 12px; line-height: 18px; color: #595959; }
`;

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function page(title: string, subtitle: string, body: string, footer: string, preheader: string): string {
  const html = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${esc(preheader)}</div>
<table role="presentation" class="wrap" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" class="page" width="680" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:680px">
<tr><td class="band"><h1>${esc(title)}</h1><p>${esc(subtitle)}</p></td></tr>
${body}
<tr><td class="footer">${footer}</td></tr>
</table></td></tr></table>
</body></html>`;
  return juice(html, { removeStyleTags: true, preserveMediaQueries: false, applyWidthAttributes: false, applyHeightAttributes: false });
}

export function section(title: string, inner: string): string {
  return `<tr><td class="section"><h2>${esc(title)}</h2>${inner}</td></tr>`;
}

/** A centred cell in a status or severity colour, its label a chip in the colour's font. */
function chipTd(look: { fill: string; font: string }, label: string): string {
  return `<td class="center" bgcolor="#${look.fill}" style="background:#${look.fill}"><span class="chip" style="color:#${look.font}">${esc(label)}</span></td>`;
}

function statusTd(status: Status): string {
  return chipTd(STATUS_COLOR[status], STATUS_LABEL[status].zh);
}

/** A chart by Content-ID; its figures go in the alt text, and also on the page where no table shows them. */
function chartBlock(chart: ReportChart | undefined, figuresAsText = false): string {
  if (!chart) return '';
  return `${figuresAsText ? `<p class="note" style="margin-top:10px">${esc(chart.alt)}</p>` : '<div style="height:10px;line-height:10px">&nbsp;</div>'}
<img src="cid:${chartCid(chart)}" width="${chart.width}" alt="${esc(`${chart.title}：${chart.alt}`)}" style="display:block;width:100%;max-width:${chart.width}px;height:auto;border:0">`;
}

function kpiTable(model: ReportModel): string {
  const c = model.completeness;
  const s = model.statusCounts;
  const criticalFlags = model.flags.filter((f) => f.flag.severity === 'critical').length;
  const cells: [string, string, string][] = [
    [`${c.submitted}/${c.owing}`, '单位已报送', c.missing > 0 ? '9C0006' : BRAND.dark],
    [String(s.met + s.on_track), '达到目标或符合进度', '006100'],
    [String(s.at_risk), '接近进度', '7F6000'],
    [String(s.short), '低于进度', '9C0006'],
    [String(criticalFlags), '严重预警', criticalFlags > 0 ? '9C0006' : BRAND.dark],
  ];
  const tds = cells.map(([num, label, color]) =>
    `<td class="kpi" width="20%"><div class="num" style="color:#${color}">${esc(num)}</div><div class="lbl">${esc(label)}</div></td>`).join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="4" border="0"><tr>${tds}</tr></table>`;
}

/** One sentence per fact, the way a bureau head would want to hear it first. */
export function headlineZh(model: ReportModel): string {
  const s = model.statusCounts;
  const judged = s.met + s.on_track + s.at_risk + s.short + s.missing + s.no_target;
  const parts = [`${model.monthLabel}，全市 ${judged} 项指标中，达到目标 ${s.met} 项、符合进度 ${s.on_track} 项、接近进度 ${s.at_risk} 项、低于进度 ${s.short} 项`];
  if (s.missing > 0) parts.push(`${s.missing} 项无数据`);
  const worst = model.shortfalls[0];
  let text = `${parts.join('，')}。`;
  if (worst?.evaluation) {
    const e = worst.evaluation;
    text += `差距最大的是${quoteZh(worst.indicator.name)}：${formatValue(worst.indicator, e.actual)}，本月应达 ${formatValue(worst.indicator, e.expected)}。`;
  }
  const c = model.completeness;
  text += ` 应报 ${c.owing} 个单位，已报 ${c.submitted} 个${c.missing > 0 ? `，${c.missing} 个未报` : ''}${c.late > 0 ? `，${c.late} 个逾期` : ''}。`;
  return text;
}

function headlineEn(model: ReportModel): string {
  const s = model.statusCounts;
  const c = model.completeness;
  return `${monthLabelEn(model.month)}: of the city's indicators, ${s.met} met their target, ${s.on_track} are on track, ` +
    `${s.at_risk} at risk and ${s.short} behind. ${c.submitted} of ${c.owing} units submitted (${c.missing} missing, ${c.late} late). ` +
    `${model.flags.length} flags were raised${escalatedEn(model)}. The attached workbook holds every indicator, the unit × indicator matrix and all flags with their review status.`;
}

function escalatedEn(model: ReportModel): string {
  const n = model.flags.filter((f) => f.review?.status === 'escalated').length;
  return n === 0 ? '' : `; ${n} of them ${n === 1 ? 'was' : 'were'} escalated to leadership by the responsible units and ${n === 1 ? 'is' : 'are'} listed first`;
}

function shortfallTable(model: ReportModel): string {
  if (model.shortfalls.length === 0) return '<p class="lead">本月没有低于进度的全市指标。</p>';
  const rows = model.shortfalls.slice(0, MAIL_ROWS).map((r) => {
    const e = r.evaluation!;
    return `<tr><td>${esc(r.indicator.name)}</td><td class="num">${esc(formatValue(r.indicator, e.actual))}</td>` +
      `<td class="num">${esc(formatValue(r.indicator, e.expected))}</td>` +
      `<td class="num">${e.gap === null ? '—' : esc(formatGap(r.indicator, e.gap).zh)}</td>${statusTd(e.status)}` +
      `<td class="center">${esc(reportingText(r))}</td></tr>`;
  }).join('');
  const more = model.shortfalls.length > MAIL_ROWS ? `<p class="note">另有 ${model.shortfalls.length - MAIL_ROWS} 项，见附件“指标”工作表。</p>` : '';
  return `<table class="grid" role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><th>指标</th><th>本月实际</th><th>本月应达</th><th>差距</th><th>状态</th><th>报送单位</th></tr>${rows}</table>${more}`;
}

/** "需整改（2025年9月复核）：请提交整改方案；整改要求：补充编制，期限 2025-11-30" */
function reviewText(row: FlagRow, month: string): string {
  if (!row.review) return REVIEW_LABEL.open.zh;
  const r = row.review;
  const when = r.month !== month ? `（${monthLabelZh(r.month)}复核）` : '';
  const action = r.status === 'action_required' && (r.action || r.dueBy)
    ? `${r.comment ? '；' : '：'}${r.action ? `整改要求：${r.action}` : ''}${r.action && r.dueBy ? '，' : ''}${r.dueBy ? `期限 ${r.dueBy}` : ''}`
    : '';
  return `${REVIEW_LABEL[r.status].zh}${when}${r.comment ? `：${r.comment}` : ''}${action}`;
}

/** How long a flag has been open ("35 天"), or — accepted or resolved — its status: it no longer counts. */
function ageText(row: FlagRow): string {
  return stillOpen(row) ? `${row.ageDays} 天` : REVIEW_LABEL[row.review!.status].zh;
}

function ageTd(row: FlagRow): string {
  if (!ageWarning(row)) return `<td class="center"${stillOpen(row) ? '' : ` style="color:#${BRAND.grey}"`}>${esc(ageText(row))}</td>`;
  return chipTd(SEVERITY_COLOR.warning, ageText(row));
}

function flagTable(rows: FlagRow[], month: string, withResponsible: boolean): string {
  const body = rows.map((f) => {
    return `<tr>${chipTd(SEVERITY_COLOR[f.flag.severity], SEVERITY_LABEL[f.flag.severity].zh)}` +
      `<td>${esc(FLAG_LABEL[f.flag.kind].zh)}</td><td>${esc(f.flag.message)}</td>` +
      `<td>${f.explanation === '' && explanationText(f) !== '' ? `<span style="color:#9C0006">${esc(explanationText(f))}</span>` : esc(explanationText(f))}</td>` +
      (withResponsible ? `<td>${esc(f.flag.responsible.join('、') || '—')}</td>` : '') +
      `<td>${esc(reviewText(f, month))}</td>${ageTd(f)}</tr>`;
  }).join('');
  return `<table class="grid" role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><th width="44">级别</th><th width="76">类型</th><th>预警内容</th><th>单位情况说明</th>${withResponsible ? '<th width="80">责任单位</th>' : ''}<th width="80">复核</th><th width="48">已持续</th></tr>${body}</table>`;
}

/** Flags in leadership's order (core/review.ts): escalated first, then by severity, then the longest open. */
function inLeadershipOrder(rows: FlagRow[]): FlagRow[] {
  const view = (r: FlagRow) => ({ review: r.review, severity: r.flag.severity, ageDays: r.ageDays });
  return [...rows].sort((a, b) => leadershipOrder(view(a), view(b)));
}

/** One line of a flag in the plain-text part. */
function flagLine(r: FlagRow, month: string): string {
  return `- [${SEVERITY_LABEL[r.flag.severity].zh}] ${r.flag.message}${r.explanation ? `（情况说明：${r.explanation}）` : ''}` +
    ` — 复核：${reviewText(r, month)}；已持续：${ageText(r)}`;
}

export interface LeadershipMailText {
  subject: string;
  html: string;
  text: string;
}

export function leadershipMail(model: ReportModel, charts: ReportChart[], attachmentName: string): LeadershipMailText {
  const chart = (id: string) => charts.find((c) => c.id === id);
  const title = `${model.plan.title} · 指标监测月报`;
  const subject = `【指标监测月报】${model.plan.title} ${model.monthLabel}：低于进度 ${model.statusCounts.short} 项，已报 ${model.completeness.submitted}/${model.completeness.owing}`;
  const headline = headlineZh(model);
  // Escalated by a 责任单位: leadership's to decide, so listed first in a block of their own; the rest by severity.
  const escalated = inLeadershipOrder(model.flags.filter((f) => f.review?.status === 'escalated'));
  const critical = inLeadershipOrder(model.flags.filter((f) => f.flag.severity === 'critical' && f.review?.status !== 'escalated'));
  const missingLines = completenessLines(model);

  const body = [
    `<tr><td class="section" style="padding-top:18px"><p class="lead">${esc(headline)}</p>${kpiTable(model)}</td></tr>`,
    escalated.length === 0 ? '' : section(`已上报市局的预警 / Escalated to leadership（${escalated.length} 条）`,
      `<p class="lead">以下预警经责任单位复核后上报市局，请领导研究处理。<br><span class="en">These flags were escalated to leadership by the responsible units.</span></p>` +
      flagTable(escalated.slice(0, MAIL_ROWS), model.month, true) +
      (escalated.length > MAIL_ROWS ? `<p class="note">另有 ${escalated.length - MAIL_ROWS} 条已上报的预警，见附件“预警与复核”工作表。</p>` : '')),
    section('未达进度的指标（差距从大到小）', shortfallTable(model) + chartBlock(chart('attainment'))),
    chart('trend') ? section('走势', chartBlock(chart('trend'))) : '',
    section('报送情况', missingLines.map((l) => `<p class="lead" style="margin-bottom:4px">${esc(l)}</p>`).join('') + chartBlock(chart('units'), true)),
    section(`${escalated.length > 0 ? '其他' : ''}严重预警（${critical.length} 条，全部 ${model.flags.length} 条见附件）`,
      critical.length === 0 ? '<p class="lead">本月没有严重预警。</p>'
        : flagTable(critical.slice(0, MAIL_ROWS), model.month, true) +
          (critical.length > MAIL_ROWS ? `<p class="note">另有 ${critical.length - MAIL_ROWS} 条严重预警，见附件“预警与复核”工作表。</p>` : '')),
    `<tr><td class="section"><p class="en">${esc(headlineEn(model))}</p></td></tr>`,
  ].join('\n');
  const footer = `附件《${esc(attachmentName)}》含全部指标、单位×指标矩阵、全部预警及复核情况、报送情况和图表。` +
    `<br>本邮件由 Plan Monitor 于 ${esc(formatTimeZh(model.generatedAt))}（北京时间）自动发送，请勿直接回复。`;
  const html = page(title, `${model.monthLabel} · ${model.city.name}`, body, footer, headline);
  const escalatedLines = escalated.length === 0 ? []
    : [`已上报市局的预警 / Escalated to leadership（${escalated.length} 条）：`, ...escalated.slice(0, MAIL_ROWS).map((r) => flagLine(r, model.month)), ''];
  const text = [title, model.monthLabel, '', headline, '', ...escalatedLines, ...missingLines, '',
    ...model.shortfalls.slice(0, MAIL_ROWS).map((r) => `- ${r.indicator.name}：${formatValue(r.indicator, r.evaluation!.actual)}（应达 ${formatValue(r.indicator, r.evaluation!.expected)}，${STATUS_LABEL[r.evaluation!.status].zh}）`),
    '', `附件：${attachmentName}`, '', headlineEn(model)].join('\n');
  return { subject, html, text };
}

export function responsibleMail(model: ReportModel, names: string[], rows: FlagRow[], attachmentName: string): LeadershipMailText {
  const who = names.join('、');
  const subject = `【预警待复核】${model.plan.title} ${model.monthLabel}：${who} ${rows.length} 条`;
  const open = rows.filter((r) => awaitingDecision(r.review)).length;
  const old = rows.filter(ageWarning).length;
  const intro = `${who}：按《${model.plan.title}》的责任分工，${model.monthLabel}监测中有 ${rows.length} 条预警由贵单位负责，其中 ${open} 条尚待处理` +
    `${old > 0 ? `，${old} 条已持续 ${AGE_WARNING_DAYS} 天以上` : ''}。` +
    `请阅读各单位的情况说明，在 Excel 加载项的“复核”模式中逐条给出意见（接受说明 / 需整改 / 上报），复核结果将载入下月报告。`;
  const body = [
    `<tr><td class="section" style="padding-top:18px"><p class="lead">${esc(intro)}</p></td></tr>`,
    section(`预警（${rows.length} 条）`, flagTable(rows, model.month, false)),
    `<tr><td class="section"><p class="en">${esc(`${names.join(', ')}: ${rows.length} flag(s) of ${monthLabelEn(model.month)} are routed to you under the plan's division of responsibilities; ${open} still need your decision${old > 0 ? `, ${old} open for ${AGE_WARNING_DAYS} days or more` : ''}. Please review them in the add-in's review mode; the table shows each flag's review status and how long it has been open. The attached workbook lists them with the units' explanations.`)}</p></td></tr>`,
  ].join('\n');
  const footer = `附件《${esc(attachmentName)}》列出上述预警及单位情况说明。<br>本邮件由 Plan Monitor 于 ${esc(formatTimeZh(model.generatedAt))}（北京时间）自动发送，请勿直接回复。`;
  const html = page(`${model.plan.title} · 预警待复核`, `${model.monthLabel} · ${who}`, body, footer, intro);
  const text = [subject, '', intro, '', ...rows.map((r) => flagLine(r, model.month))].join('\n');
  return { subject, html, text };
}
