/**
 * The monthly run wired to what the commands open (configuration, catalog, store): a run context, and the schedule
 * that `serve` (or `plan-monitor schedule`) keeps — "run what is due" on start and on every cron tick, the daily
 * reminders to units that have not submitted, and the outbox's retry poll.
 */
import type { Runtime } from '../intake/runtime';
import { transportFor, type MailTransport } from '../mail/transport';
import { monthlyRunConfig } from './config';
import { deliverPending, runDue, type RunContext, type RunHooks } from './monthly-run';
import { remindDue } from './reminders';
import { dailyCron, startScheduler, zonedParts, type Scheduler } from './schedule';
import { runDbOf, storeSource } from './store-source';

export interface ContextOptions {
  transport?: MailTransport;
  now?: () => Date;
  hooks?: RunHooks;
  log?: (line: string) => void;
}

export function runContextFor(rt: Pick<Runtime, 'config' | 'catalog' | 'store'>, opts: ContextOptions = {}): RunContext {
  const config = monthlyRunConfig(rt.config);
  return {
    db: runDbOf(rt.store.db),
    source: storeSource(rt.store),
    plans: rt.catalog.plans,
    units: rt.catalog.units,
    config,
    transport: opts.transport ?? transportFor(config),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.hooks ? { hooks: opts.hooks } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  };
}

/** Starts the monthly schedule on an open runtime; stop() before closing the store. */
export function startMonthlySchedule(rt: Pick<Runtime, 'config' | 'catalog' | 'store'>, log: (line: string) => void): Scheduler & { context: RunContext } {
  const context = runContextFor(rt, { log });
  const { schedule, delivery, reminders } = context.config;
  const scheduler = startScheduler({
    cron: schedule.cron,
    timezone: schedule.timezone,
    pollMs: delivery.pollMs,
    runDue: async (trigger) => {
      for (const r of await runDue(context, trigger)) {
        log(`月度运行 / monthly run ${r.planId} ${r.month}: ${r.status}${r.reportDir ? ` → ${r.reportDir}` : ''}`);
      }
    },
    deliverDue: async () => {
      await deliverPending(context);
    },
    ...(reminders.daysBefore > 0 ? {
      reminders: {
        cron: dailyCron(reminders.time),
        run: async (trigger: 'startup' | 'schedule') => {
          // A start before today's reminder time leaves it to the cron; a start after it catches up a missed day.
          const now = zonedParts(new Date(), schedule.timezone);
          if (trigger === 'startup' && `${String(now.hour).padStart(2, '0')}:${String(now.minute).padStart(2, '0')}` < reminders.time) return;
          const result = await remindDue(context);
          const sent = result.plans.reduce((n, p) => n + p.reminded.length, 0);
          if (result.status === 'checked') log(`报送提醒 / reminders: ${sent} 个单位已提醒 / unit(s) reminded`);
        },
      },
    } : {}),
    onError: (err) => log(`月度运行出错 / monthly run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  });
  return {
    context,
    started: scheduler.started,
    async stop() {
      await scheduler.stop();
      context.transport.close();
    },
  };
}
