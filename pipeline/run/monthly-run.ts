/**
 * The monthly run: take every unit's latest accepted submission for the month, aggregate, evaluate, flag, write the
 * report, compose the mails into the outbox, send them. The ledger (monthly_runs) makes it idempotent:
 *
 *   (none) ──compose──▶ composing ──flags + outbox + ledger in one transaction──▶ sending ──all sent/failed──▶ done
 *
 * A run that died while composing starts composing again (nothing was saved); one that died while sending only
 * sends what the outbox still holds; a month that is done is never sent again.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Month, Plan, Unit } from '../../core/schema';
import { addMonths } from '../../core/month';
import { rosterOf, type MonthTable } from '../../core/aggregate';
import { buildReport, historyLength, type FlagRow, type ReportModel } from '../report/model';
import { renderFlagsWorkbook, renderReportWorkbook, reportFileName } from '../report/workbook';
import { renderReportCharts, type ReportChart } from '../charts/report-charts';
import { composeMessages, type ComposedMessage } from '../mail/compose';
import { chartCid, leadershipMail, responsibleMail } from '../mail/html';
import type { MailTransport } from '../mail/transport';
import { senderOf, type MonthlyRunConfig } from './config';
import { saveFlags, reviewsUpTo } from './flag-store';
import { openSinceOf } from './flag-age';
import { recordLock } from '../review/audit';
import { collectGarbage } from '../memory';
import { deliverDue, enqueue, listOutbox, type DeliveryHooks, type DeliverySummary } from './outbox';
import { latestDueMonth, submissionDeadline } from './schedule';
import { monthTable, type SubmissionSource } from './source';
import type { RunDb } from './tables';

export interface RunHooks extends DeliveryHooks {
  /** The report files are written; nothing of the run is saved yet. */
  afterReportWritten?(planId: string, month: Month): void | Promise<void>;
  /** After the outbox and ledger are saved, before anything is sent. */
  afterComposed?(planId: string, month: Month): void | Promise<void>;
  /** After every message is sent or given up, before the ledger says done. */
  beforeDone?(planId: string, month: Month): void | Promise<void>;
}

export interface RunContext {
  db: RunDb;
  source: SubmissionSource;
  plans: readonly Plan[];
  units: readonly Unit[];
  config: MonthlyRunConfig;
  transport: MailTransport;
  now?: () => Date;
  hooks?: RunHooks;
  log?: (line: string) => void;
}

export interface ComposedReport {
  model: ReportModel;
  charts: ReportChart[];
  messages: ComposedMessage[];
  unrouted: string[];
  dir: string;
  workbookPath: string;
  previewPaths: string[];
}

export type Trigger = 'startup' | 'schedule' | 'manual';

export interface MonthRunResult {
  planId: string;
  month: Month;
  /** done: every message sent or given up; sending: some wait for a retry; skipped: done before. */
  status: 'done' | 'sending' | 'skipped';
  /** True when this call composed the report (false when it resumed sending or had nothing to do). */
  composed: boolean;
  reportDir: string | null;
  delivery: DeliverySummary | null;
  unrouted: string[];
}

function clock(ctx: RunContext): () => Date {
  return ctx.now ?? (() => new Date());
}

function planOf(ctx: RunContext, planId: string): Plan {
  const plan = ctx.plans.find((p) => p.id === planId);
  if (!plan) throw new Error(`未知规划 / unknown plan: ${planId}`);
  return plan;
}

/**
 * Builds the month's report and messages from the store, and writes the report files. Saves nothing else. A draft
 * (the `report` command without --send) goes to its own folder, so that it never overwrites what was sent.
 */
export async function composeReport(ctx: RunContext, planId: string, month: Month, generatedAt: Date, opts: { draft?: boolean } = {}): Promise<ComposedReport> {
  const plan = planOf(ctx, planId);
  const { config } = ctx;
  const back = historyLength(month);
  const historyMonths = Array.from({ length: back }, (_, i) => addMonths(month, i - back));
  const roster = rosterOf(plan, ctx.units);
  const history: { month: Month; table: MonthTable }[] = [];
  for (const m of historyMonths) {
    history.push({ month: m, table: await monthTable(ctx.source, plan, roster, m) });
    if (history.length % 3 === 0) collectGarbage();
  }
  collectGarbage();
  const submissions = await ctx.source.acceptedSubmissions(plan.id, month);
  const reviews = await reviewsUpTo(ctx.db, plan.id, month);
  const openSince = await openSinceOf(ctx.db, plan.id, month);
  const model = buildReport({
    plan, units: ctx.units, month, submissions, reviews, history, openSince,
    deadline: submissionDeadline(month, config.deadline, config.schedule.timezone).toISOString(),
    generatedAt: generatedAt.toISOString(),
  });
  collectGarbage();
  const charts = renderReportCharts(model, config.chartFont);
  collectGarbage();
  const workbook = { name: reportFileName(model), bytes: await renderReportWorkbook(model, charts) };
  collectGarbage();
  const flagsWorkbook = async (rows: FlagRow[], names: string[]) => ({
    name: `${model.plan.title}-预警待复核-${names.join('、')}-${month}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'),
    bytes: await renderFlagsWorkbook(model, rows, names.join('、')),
  });
  const { messages, unrouted } = await composeMessages({
    model, charts, workbook, flagsWorkbook, recipients: config.recipients, from: senderOf(config),
  });
  const dir = path.join(config.reportsDir, plan.id, opts.draft ? `${month}-draft` : month);
  const files = await writeReportFiles(dir, model, charts, workbook);
  return { model, charts, messages, unrouted, dir, ...files };
}

/**
 * The report's files for people: the workbook, the charts, and the mails as HTML pages (charts linked as files),
 * so an administrator can open what leadership gets without a mail client.
 */
async function writeReportFiles(dir: string, model: ReportModel, charts: ReportChart[], workbook: { name: string; bytes: Buffer }) {
  await mkdir(path.join(dir, 'charts'), { recursive: true });
  const workbookPath = path.join(dir, workbook.name);
  await writeAtomically(workbookPath, workbook.bytes);
  for (const chart of charts) await writeAtomically(path.join(dir, 'charts', `${chart.id}.png`), chart.png);
  const asFiles = (html: string) => charts.reduce((h, c) => h.split(`cid:${chartCid(c)}`).join(`charts/${c.id}.png`), html);
  const previewPaths = [path.join(dir, 'mail-leadership.html')];
  await writeAtomically(previewPaths[0]!, asFiles(leadershipMail(model, charts, workbook.name).html));
  for (const [name, rows] of model.routed) {
    const file = path.join(dir, `mail-${name.replace(/[\\/:*?"<>|\s]/g, '_')}.html`);
    await writeAtomically(file, responsibleMail(model, [name], rows, '').html);
    previewPaths.push(file);
  }
  return { workbookPath, previewPaths };
}

async function writeAtomically(file: string, bytes: Buffer | string): Promise<void> {
  await writeFile(`${file}.tmp`, bytes);
  await rename(`${file}.tmp`, file);
}

/** Runs one plan's month: compose (unless already composed), send what the outbox holds, close the ledger. */
export async function runMonth(ctx: RunContext, planId: string, month: Month, trigger: Trigger): Promise<MonthRunResult> {
  const now = clock(ctx);
  const log = ctx.log ?? (() => undefined);
  planOf(ctx, planId);
  let ledger = await ctx.db.selectFrom('monthly_runs').selectAll().where('plan_id', '=', planId).where('month', '=', month).executeTakeFirst();
  if (ledger?.status === 'done') {
    return { planId, month, status: 'skipped', composed: false, reportDir: ledger.report_path, delivery: null, unrouted: [] };
  }
  let composed = false;
  let unrouted: string[] = [];
  let reportDir: string | null = ledger?.report_path ?? null;
  if (!ledger) {
    await ctx.db.insertInto('monthly_runs').values({ plan_id: planId, month, status: 'composing', trigger, started_at: now().toISOString() })
      .onConflict((oc) => oc.columns(['plan_id', 'month']).doNothing()).execute();
  } else if (ledger.status === 'composing') {
    log(`继续未完成的月度运行 / resuming the run of ${planId} ${month} (attempt ${ledger.attempts + 1})`);
    await ctx.db.updateTable('monthly_runs').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('plan_id', '=', planId).where('month', '=', month).execute();
  }
  ledger = await ctx.db.selectFrom('monthly_runs').selectAll().where('plan_id', '=', planId).where('month', '=', month).executeTakeFirstOrThrow();

  if (ledger.status === 'composing') {
    // The report says when the run began, so a resumed run writes the same report and the same mails.
    const report = await composeReport(ctx, planId, month, new Date(ledger.started_at));
    unrouted = report.unrouted;
    await ctx.hooks?.afterReportWritten?.(planId, month);
    await ctx.db.transaction().execute(async (trx) => {
      await saveFlags(trx, report.model, now());
      await enqueue(trx, planId, month, report.messages, now());
      await trx.updateTable('monthly_runs').set({
        status: 'sending', composed_at: now().toISOString(), report_path: report.dir, error: null,
        summary: JSON.stringify(summaryOf(report)),
      }).where('plan_id', '=', planId).where('month', '=', month).where('status', '=', 'composing').execute();
      // The report is issued: the month's submissions are locked from now on (the store refuses them unless unlocked).
      await recordLock(trx, planId, month, now());
    });
    composed = true;
    reportDir = report.dir;
    log(`已生成报告 / report written: ${report.workbookPath}; ${report.messages.length} 封邮件待发送 / messages queued`);
    if (report.messages.length === 0) log('未配置收件人，报告未发送 / no recipients configured: nothing to send');
    if (unrouted.length > 0) log(`以下责任单位未配置邮箱，其预警仅随全文报告发送 / no address for: ${unrouted.join('、')}`);
    await ctx.hooks?.afterComposed?.(planId, month);
  }

  const delivery = await deliverDue(ctx.db, ctx.transport, senderOf(ctx.config), ctx.config.delivery, {
    planId, month, kind: 'report', now, hooks: ctx.hooks,
  });
  for (const f of delivery.failed) log(`发送失败，已保留在发件箱 / not delivered, kept in the outbox: ${f.recipient} — ${f.lastError}`);
  const status = await closeIfDelivered(ctx, planId, month);
  return { planId, month, status, composed, reportDir: reportDir ?? ledger.report_path, delivery, unrouted };
}

function summaryOf(report: ComposedReport) {
  const { model } = report;
  return {
    statusCounts: model.statusCounts, completeness: model.completeness, flags: model.flags.length,
    messages: report.messages.length, unrouted: report.unrouted,
  };
}

/** Marks a month done once none of its messages waits; returns the ledger status. */
export async function closeIfDelivered(ctx: RunContext, planId: string, month: Month): Promise<'done' | 'sending'> {
  // Reminders of the month travel in the same outbox; the run waits for its own report messages only.
  const waiting = await listOutbox(ctx.db, { planId, month, kind: 'report', statuses: ['pending', 'sending'] });
  if (waiting.length > 0) return 'sending';
  await ctx.hooks?.beforeDone?.(planId, month);
  const all = await listOutbox(ctx.db, { planId, month, kind: 'report' });
  await ctx.db.updateTable('monthly_runs').set({
    status: 'done', finished_at: clock(ctx)().toISOString(),
    error: all.some((m) => m.status === 'failed') ? `${all.filter((m) => m.status === 'failed').length} 封邮件未能送达 / message(s) not delivered` : null,
  }).where('plan_id', '=', planId).where('month', '=', month).where('status', '=', 'sending').execute();
  return 'done';
}

/** The months of a plan that are due and not done: unfinished runs, then every month since the last run. */
export async function dueMonths(ctx: RunContext, planId: string): Promise<Month[]> {
  const { schedule } = ctx.config;
  const latest = latestDueMonth(clock(ctx)(), schedule.cron, schedule.timezone);
  const rows = await ctx.db.selectFrom('monthly_runs').select(['month', 'status']).where('plan_id', '=', planId).execute();
  const unfinished = rows.filter((r) => r.status !== 'done').map((r) => r.month);
  const last = rows.map((r) => r.month).sort().at(-1);
  const earliest = addMonths(latest, 1 - schedule.catchUpMonths);
  let from = last ? addMonths(last, 1) : latest;
  if (from < earliest) from = earliest;
  const months = new Set(unfinished.filter((m) => m <= latest));
  for (let m = from; m <= latest; m = addMonths(m, 1)) months.add(m);
  return [...months].sort();
}

/** The plans the schedule monitors: those configured, else every catalog plan anyone has submitted for. */
export async function monitoredPlans(ctx: RunContext): Promise<string[]> {
  return ctx.config.schedule.plans.length > 0
    ? ctx.config.schedule.plans
    : (await ctx.source.plansWithSubmissions()).filter((id) => ctx.plans.some((p) => p.id === id));
}

/** "Run what is due" for every monitored plan; called on start-up, by the cron tick and by hand. */
export async function runDue(ctx: RunContext, trigger: Trigger): Promise<MonthRunResult[]> {
  const results: MonthRunResult[] = [];
  for (const planId of await monitoredPlans(ctx)) {
    for (const month of await dueMonths(ctx, planId)) results.push(await runMonth(ctx, planId, month, trigger));
  }
  return results;
}

/** Sends whatever the outbox holds that is due (the server's retry poll) and closes months that are delivered. */
export async function deliverPending(ctx: RunContext): Promise<DeliverySummary> {
  const summary = await deliverDue(ctx.db, ctx.transport, senderOf(ctx.config), ctx.config.delivery, { now: ctx.now, hooks: ctx.hooks, waitBudgetMs: 0 });
  const open = await ctx.db.selectFrom('monthly_runs').select(['plan_id', 'month']).where('status', '=', 'sending').execute();
  for (const run of open) await closeIfDelivered(ctx, run.plan_id, run.month);
  return summary;
}
