/**
 * Commands of the monthly run:
 *   report --month 2025-10 [--plan <id>] [--send]   write the month's report (and with --send, run it: outbox, mail)
 *   run-due                                          run every month that is due now (for a system cron)
 *   schedule                                         keep the monthly schedule without the intake server
 *   remind [--month] [--now] [--plan]                remind units that have not submitted, near the deadline
 *   outbox [--month] [--retry]                       what was sent, what waits, what failed
 *   demo                                             the whole job on sample data (pipeline/run/demo.ts)
 */
import type { Command } from 'commander';
import { MonthSchema, type Month } from '../../core/schema';
import { shippedCatalog, type CatalogLoader } from '../intake/runtime';
import { UsageError, withRuntime } from '../server/commands';
import { STATUS_LABEL } from '../report/wording';
import { composeReport, deliverPending, runDue, runMonth, type ComposedReport, type MonthRunResult } from './monthly-run';
import { listOutbox } from './outbox';
import { remindDue, type ReminderResult } from './reminders';
import { formatTimeZh } from '../report/wording';
import { runContextFor, startMonthlySchedule } from './service';
import { runDemo } from './demo';

const out = (line = '') => process.stdout.write(`${line}\n`);

export function registerRunCommands(program: Command, catalog: CatalogLoader = shippedCatalog): void {
  program
    .command('report')
    .description('生成月度报告；加 --send 则按月度运行发送（每月每人只发一次） / write a month\'s report; --send runs and mails it')
    .requiredOption('--month <YYYY-MM>', '报告月份，如 2025-10 / the month reported on')
    .option('--plan <id>', '只做一个规划 / one plan only')
    .option('--send', '发送邮件（记入台账，不会重复发送） / mail it (recorded in the ledger, never sent twice)')
    .option('--config <file>', '配置文件 / config file')
    .action(async (opts: { month: string; plan?: string; send?: boolean; config?: string }) => {
      const month = parseMonthOption(opts.month);
      await withRuntime({ file: opts.config, catalog }, async (rt) => {
        const ctx = runContextFor(rt, { log: (l) => out(`  ${l}`) });
        try {
          const planIds = opts.plan ? [opts.plan] : await plansFor(ctx, month);
          if (planIds.length === 0) {
            throw new UsageError(`${month} 没有任何已受理的报送，请用 --plan 指定规划`, `No accepted submission for ${month}; name a plan with --plan`);
          }
          let failed = 0;
          for (const planId of planIds) {
            if (!ctx.plans.some((p) => p.id === planId)) throw new UsageError(`未知规划：${planId}`, `Unknown plan ${planId}`);
            if (opts.send) {
              const result = await runMonth(ctx, planId, month, 'manual');
              failed += result.delivery?.failed.length ?? 0;
              printRun(result);
            } else {
              printReport(await composeReport(ctx, planId, month, new Date(), { draft: true }));
            }
          }
          process.exitCode = failed > 0 ? 1 : 0;
        } finally {
          ctx.transport.close();
        }
      });
    });

  program
    .command('run-due')
    .description('运行所有到期的月度报告（补发停机期间错过的月份） / run every monthly report that is due, catching up missed months')
    .option('--config <file>', '配置文件 / config file')
    .action(async (opts: { config?: string }) => {
      await withRuntime({ file: opts.config, catalog }, async (rt) => {
        const ctx = runContextFor(rt, { log: (l) => out(`  ${l}`) });
        try {
          const results = await runDue(ctx, 'manual');
          if (results.length === 0) out('没有到期的月度报告 / nothing is due');
          results.forEach(printRun);
          await deliverPending(ctx);
        } finally {
          ctx.transport.close();
        }
      });
    });

  program
    .command('schedule')
    .description('按计划运行月度报告（不启动接收服务时使用） / keep the monthly schedule (when serve does not)')
    .option('--config <file>', '配置文件 / config file')
    .action(async (opts: { config?: string }) => {
      await withRuntime({ file: opts.config, catalog }, async (rt) => {
        const scheduler = startMonthlySchedule(rt, (l) => out(l));
        const { schedule } = scheduler.context.config;
        out(`月度报告计划已启动：${schedule.cron}（${schedule.timezone}） / monthly schedule running (Ctrl+C 停止 / to stop)`);
        const { reminders } = scheduler.context.config;
        if (reminders.daysBefore > 0) out(`报送提醒：截止前 ${reminders.daysBefore} 天起每天 ${reminders.time} / reminders: daily at ${reminders.time} from ${reminders.daysBefore} day(s) before the deadline`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await scheduler.stop();
      });
    });

  program
    .command('remind')
    .description('提醒未报送的单位（截止前 reminders.daysBefore 天内；每个单位每月只提醒一次） / remind units that have not submitted (near the deadline; once per unit and month)')
    .option('--month <YYYY-MM>', '只提醒这个月的报送（默认：截止日临近的月份） / this month only (default: the month whose deadline is near)')
    .option('--now <time>', '按此时间判断，如 2025-10-30T09:00+08:00（测试、补发） / judge as of this time')
    .option('--plan <id>', '只做一个规划 / one plan only')
    .option('--config <file>', '配置文件 / config file')
    .action(async (opts: { month?: string; now?: string; plan?: string; config?: string }) => {
      const month = opts.month ? parseMonthOption(opts.month) : undefined;
      const at = opts.now ? parseTimeOption(opts.now) : undefined;
      await withRuntime({ file: opts.config, catalog }, async (rt) => {
        // No running log: the summary below names every unit reminded, reminded before, or without an address.
        const ctx = runContextFor(rt, at ? { now: () => at } : {});
        try {
          if (opts.plan && !ctx.plans.some((p) => p.id === opts.plan)) throw new UsageError(`未知规划：${opts.plan}`, `Unknown plan ${opts.plan}`);
          const result = await remindDue(ctx, { ...(month ? { month } : {}), ...(opts.plan ? { planIds: [opts.plan] } : {}) });
          printReminders(result, ctx.config.reminders.daysBefore);
          process.exitCode = (result.delivery?.failed.length ?? 0) > 0 ? 1 : 0;
        } finally {
          ctx.transport.close();
        }
      });
    });

  program
    .command('outbox')
    .description('查看发件箱：已发送、待重试、发送失败 / the outbox: sent, waiting, failed')
    .option('--month <YYYY-MM>', '只看一个月 / one month only')
    .option('--retry', '立即重试到期的邮件 / retry what is due now')
    .option('--json', 'JSON 输出 / print JSON')
    .option('--config <file>', '配置文件 / config file')
    .action(async (opts: { month?: string; retry?: boolean; json?: boolean; config?: string }) => {
      const month = opts.month ? parseMonthOption(opts.month) : undefined;
      await withRuntime({ file: opts.config, catalog }, async (rt) => {
        const ctx = runContextFor(rt);
        try {
          if (opts.retry) await deliverPending(ctx);
          const rows = await listOutbox(ctx.db, month ? { month } : {});
          if (opts.json) out(JSON.stringify(rows, null, 2));
          else if (rows.length === 0) out('发件箱为空 / the outbox is empty');
          const label = { pending: '待重试 waiting', sending: '发送中 sending', sent: '已发送 sent', failed: '失败 failed' } as const;
          for (const r of opts.json ? [] : rows) {
            out(`${r.planId} ${r.month}  ${r.kind === 'reminder' ? '提醒 reminder  ' : ''}${r.recipient.padEnd(28)} ${label[r.status].padEnd(16)} ${r.attempts} 次 attempts` +
              `${r.sentAt ? `  ${r.sentAt}` : ''}${r.lastError && r.status !== 'sent' ? `\n    ${r.lastError}` : ''}`);
          }
          process.exitCode = rows.some((r) => r.status === 'failed') ? 1 : 0;
        } finally {
          ctx.transport.close();
        }
      });
    });

  program
    .command('demo')
    .description('用示例数据演示完整流程：生成并导入报送、运行月报、发送到本地邮件服务器 / the whole job on sample data')
    .option('--dir <dir>', '演示数据目录（每次重建） / demo folder (recreated)', 'var/demo')
    .option('--no-smtp', '不启动本地邮件服务器，邮件存为 .eml 文件 / save mail as .eml files instead of SMTP')
    .action(async (opts: { dir: string; smtp: boolean }) => {
      await runDemo({ dir: opts.dir, smtp: opts.smtp, catalog: await catalog(), log: out });
    });
}

function parseTimeOption(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new UsageError(`时间无效，应如 2025-10-30T09:00+08:00：${value}`, `Not a time such as 2025-10-30T09:00+08:00: ${value}`);
  return at;
}

function parseMonthOption(value: string): Month {
  const parsed = MonthSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`月份应为 YYYY-MM，如 2025-10：${value}`, `The month must look like 2025-10: ${value}`);
  return parsed.data;
}

async function plansFor(ctx: ReturnType<typeof runContextFor>, month: Month): Promise<string[]> {
  if (ctx.config.schedule.plans.length > 0) return ctx.config.schedule.plans;
  const withData: string[] = [];
  for (const id of await ctx.source.plansWithSubmissions()) {
    if ((await ctx.source.acceptedSubmissions(id, month)).length > 0) withData.push(id);
  }
  return withData;
}

function printSummary(report: Pick<ComposedReport, 'model'>): void {
  const { model } = report;
  const c = model.completeness;
  const s = model.statusCounts;
  out(`《${model.plan.title}》${model.monthLabel}`);
  out(`  报送 / submitted: ${c.submitted}/${c.owing}（逾期 late ${c.late}，未报 missing ${c.missing}）`);
  out(`  全市指标 / city indicators: ${(['met', 'on_track', 'at_risk', 'short', 'missing'] as const).map((k) => `${STATUS_LABEL[k].zh} ${s[k]}`).join('，')}`);
  out(`  预警 / flags: ${model.flags.length}（严重 critical ${model.flags.filter((f) => f.flag.severity === 'critical').length}）`);
}

function printReport(report: ComposedReport): void {
  printSummary(report);
  out(`  报告 / workbook: ${report.workbookPath}`);
  out(`  邮件预览 / mail previews: ${report.previewPaths.join('\n    ')}`);
  out(`  草稿，未发送（加 --send 发送） / a draft, not sent (add --send)`);
}

function printReminders(result: ReminderResult, daysBefore: number): void {
  if (result.status === 'disabled') {
    out('未启用报送提醒（reminders.daysBefore 为 0） / reminders are off (reminders.daysBefore is 0)');
    return;
  }
  if (result.status === 'outside_window') {
    out(`现在不在截止前 ${daysBefore} 天内（或已过截止时间），未发送提醒 / no deadline within ${daysBefore} day(s): nothing sent`);
    return;
  }
  for (const p of result.plans) {
    out(`${p.planId} ${p.month}（截止 / due ${formatTimeZh(p.deadline)}）：已报送 / submitted ${p.submitted}/${p.owing}`);
    out(`  本次提醒 / reminded now: ${p.reminded.length}${p.reminded.length ? `（${p.reminded.map((r) => r.unitName).join('、')}）` : ''}`);
    if (p.alreadyReminded.length > 0) out(`  此前已提醒，不再发送 / reminded before, not again: ${p.alreadyReminded.map((u) => u.unitName).join('、')}`);
    if (p.noAddress.length > 0) {
      out(`  未配置邮箱 / no address (recipients.units): ${p.noAddress.map((u) => `${u.unitName}（${u.unitCode}）`).join('、')}`);
    }
  }
  const d = result.delivery;
  if (d) {
    out(`  提醒邮件：已发送 sent ${d.sent.length}，失败 failed ${d.failed.length}，待重试 waiting ${d.waiting.length}`);
    for (const f of d.failed) out(`  未送达 / not delivered: ${f.recipient} — ${f.lastError}`);
  }
}

function printRun(result: MonthRunResult): void {
  const d = result.delivery;
  const state = { done: '已完成 done', sending: '部分邮件待重试 waiting for retries', skipped: '此前已完成，未重复发送 done before, nothing sent again' }[result.status];
  out(`${result.planId} ${result.month}: ${state}`);
  if (result.reportDir) out(`  报告目录 / report folder: ${result.reportDir}`);
  if (d) {
    out(`  已发送 sent ${d.sent.length}，失败 failed ${d.failed.length}，待重试 waiting ${d.waiting.length}`);
    for (const f of d.failed) out(`  未送达 / not delivered: ${f.recipient} — ${f.lastError}`);
  }
  if (result.unrouted.length > 0) out(`  未配置邮箱的责任单位 / 责任单位 without an address: ${result.unrouted.join('、')}`);
}
