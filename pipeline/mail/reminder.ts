/**
 * The reminder a reporting unit gets a few days before the intake deadline when its data for the month has not
 * arrived (pipeline/run/reminders.ts decides who and when). Chinese first, English second: which plan and month,
 * the deadline, and what to do — the add-in, or the upload page for units without it.
 *
 * Composed as raw bytes for the outbox like the report mails, with a Message-ID of its own (one per plan, month
 * and address), so a retry or a resend after a crash is recognisably the same message.
 */
import type { Month, Unit } from '../../core/schema';
import { monthLabelEn, monthLabelZh } from '../../core/month';
import { formatTimeZh } from '../report/wording';
import { buildMessage, type ComposedMessage } from './compose';
import { esc, page, section } from './html';

export interface ReminderInput {
  plan: { id: string; title: string };
  month: Month;
  /** The units this address is reminded for (usually one; a person may report for several). */
  units: Pick<Unit, 'code' | 'name'>[];
  /** ISO time the month's data is due (intake.deadline). */
  deadline: string;
  /** Calendar days from today to the deadline's day (0: today). */
  daysLeft: number;
  /** The upload page as units reach it, when configured (reminders.uploadUrl). */
  uploadUrl?: string;
  from: string;
  to: string;
  /** When the reminder is composed (its Date header). */
  at: Date;
}

export interface ReminderText {
  subject: string;
  html: string;
  text: string;
}

export function reminderMail(input: ReminderInput): ReminderText {
  const { plan, month } = input;
  const who = input.units.map((u) => u.name).join('、');
  const deadline = formatTimeZh(input.deadline);
  const when = input.daysLeft <= 0 ? '今天' : `还有 ${input.daysLeft} 天`;
  const whenEn = input.daysLeft <= 0 ? 'today' : `in ${input.daysLeft} day${input.daysLeft === 1 ? '' : 's'}`;
  const subject = `【报送提醒】${plan.title} ${monthLabelZh(month)}：请于 ${deadline} 前报送`;

  const lead = `${who}：尚未收到贵单位《${plan.title}》${monthLabelZh(month)}的指标数据。报送截止时间为 ${deadline}（北京时间），${when}截止。`;
  const steps = [
    `在 Excel 中打开规划监测加载项（任务窗格），选择规划、本单位和月份（${monthLabelZh(month)}），插入指标模板，填写本月数值；未达进度的指标请填写情况说明；校验无误后提交，窗格中会显示回执。`,
    input.uploadUrl
      ? `未安装加载项的单位（使用 WPS、LibreOffice 或较早版本的 Excel）：在报送上传页面 ${input.uploadUrl} 输入本单位的填报令牌，上传填好的模板工作簿（.xlsx）。`
      : '未安装加载项的单位（使用 WPS、LibreOffice 或较早版本的 Excel）：请通过报送上传页面，用本单位的填报令牌上传填好的模板工作簿（.xlsx）；上传页面地址可向市教育局管理员索取。',
  ];
  const note = '截止后首次报送将记为逾期，并在月度报告中列出。如已报送，请确认回执为“已受理”；被拒收的报送不算已报送。';

  const leadEn = `We have not yet received ${input.units.length === 1 ? 'your unit\'s' : 'your units\''} data for ${monthLabelEn(month)} ` +
    `under "${plan.title}". The deadline is ${deadline} (Beijing time), ${whenEn}.`;
  const stepsEn = [
    `In Excel, open the Plan Monitor add-in (task pane), choose the plan, your unit and ${monthLabelEn(month)}, insert the indicator ` +
      'template, enter this month\'s values with an explanation for each shortfall, and submit; the pane shows the receipt.',
    input.uploadUrl
      ? `Without the add-in (WPS, LibreOffice, an older Excel): upload the filled template (.xlsx) with your unit's token at ${input.uploadUrl}.`
      : 'Without the add-in (WPS, LibreOffice, an older Excel): upload the filled template (.xlsx) with your unit\'s token on the upload page; ask the city bureau\'s administrator for its address.',
  ];
  const noteEn = 'A first submission after the deadline is recorded as late in the monthly report. A refused upload does not count as submitted.';

  const link = (line: string) => (input.uploadUrl
    ? esc(line).split(esc(input.uploadUrl)).join(`<a href="${esc(input.uploadUrl)}">${esc(input.uploadUrl)}</a>`)
    : esc(line));
  const list = (items: string[]) => items.map((s, i) => `<p class="lead" style="margin-bottom:6px">${i + 1}. ${link(s)}</p>`).join('');
  const body = [
    `<tr><td class="section" style="padding-top:18px"><p class="lead">${esc(lead)}</p></td></tr>`,
    section('如何报送', list(steps) + `<p class="note">${esc(note)}</p>`),
    section('Reminder (English)', `<p class="en">${esc(leadEn)}</p>${stepsEn.map((s, i) => `<p class="en">${i + 1}. ${link(s)}</p>`).join('')}<p class="en">${esc(noteEn)}</p>`),
  ].join('\n');
  const footer = `本邮件由 Plan Monitor 于 ${esc(formatTimeZh(input.at.toISOString()))}（北京时间）自动发送，每个单位每月只提醒一次，请勿直接回复。` +
    '<br>Sent automatically by Plan Monitor, once per unit and month; please do not reply.';
  const html = page(`${plan.title} · 报送提醒`, `${monthLabelZh(month)} · ${who}`, body, footer, lead);
  const text = [subject, '', lead, '', '如何报送：', ...steps.map((s, i) => `${i + 1}. ${s}`), '', note, '', '---', '',
    leadEn, '', ...stepsEn.map((s, i) => `${i + 1}. ${s}`), '', noteEn].join('\n');
  return { subject, html, text };
}

export function composeReminder(input: ReminderInput): Promise<ComposedMessage> {
  const codes = input.units.map((u) => u.code);
  return buildMessage({
    planId: input.plan.id, month: input.month, from: input.from, to: input.to, date: input.at, kind: 'reminder',
    audience: 'unit', responsible: codes, header: `reminder; ${codes.join(',')}`, mail: reminderMail(input),
  });
}
