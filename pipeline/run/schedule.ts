/**
 * When a month's report is due, and the timers that ask for it.
 *
 * The report on month M is due at the schedule's first firing in month M+1 (default 08:00 on the 1st, China time).
 * node-cron only fires while the process runs and keeps no state, so the cron tick and the server's start both
 * call the same "run what is due", which asks the ledger: that is how a month missed while the server was down
 * is caught up, and how two triggers for the same month end in one run.
 */
import { createTask, schedule, type ScheduledTask } from 'node-cron';
import type { Month } from '../../core/schema';
import { addMonths, formatMonth } from '../../core/month';

const MINUTE = 60_000;

/** The wall-clock fields of an instant in a time zone. */
export function zonedParts(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** The instant a wall-clock time occurs in a time zone (two passes settle any offset change at that moment). */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    guess += wanted - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  }
  return new Date(guess);
}

/** The calendar month an instant falls in, in a time zone. */
export function monthAt(at: Date, timeZone: string): Month {
  const p = zonedParts(at, timeZone);
  return formatMonth({ year: p.year, month: p.month });
}

export function monthStart(month: Month, timeZone: string): Date {
  return zonedTime(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1, 0, 0, timeZone);
}

/** When the report on `month` is due: the cron's first firing in the following month. */
export function dueAt(month: Month, cron: string, timeZone: string): Date {
  const from = monthStart(addMonths(month, 1), timeZone).getTime();
  const to = monthStart(addMonths(month, 2), timeZone).getTime();
  const matcher = createTask(cron, () => undefined, { timezone: timeZone });
  try {
    for (let t = from; t < to; t += MINUTE) if (matcher.match(new Date(t))) return new Date(t);
    // A schedule that never fires in that month (e.g. only in February): the month is due once it has ended.
    return new Date(from);
  } finally {
    void matcher.destroy();
  }
}

/** The latest month whose report is due at `now`. */
export function latestDueMonth(now: Date, cron: string, timeZone: string): Month {
  const previous = addMonths(monthAt(now, timeZone), -1);
  return dueAt(previous, cron, timeZone).getTime() <= now.getTime() ? previous : addMonths(previous, -1);
}

/** The daily cron expression of a time of day ("09:30" → "30 9 * * *"). */
export function dailyCron(time: string): string {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return `${minute} ${hour} * * *`;
}

/** When a unit's data for a month is due: day `day` of the following month at `time` (the intake's deadline). */
export function submissionDeadline(month: Month, deadline: { day: number; time: string }, timeZone: string): Date {
  const next = addMonths(month, 1);
  const [hour = 0, minute = 0] = deadline.time.split(':').map(Number);
  return zonedTime(Number(next.slice(0, 4)), Number(next.slice(5, 7)), deadline.day, hour, minute, timeZone);
}

export interface Scheduler {
  /** Settles when the start-up's "run what is due" has finished. */
  readonly started: Promise<void>;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  cron: string;
  timezone: string;
  pollMs: number;
  /** Runs every month that is due (the ledger decides); must be safe to call at any time. */
  runDue(trigger: 'startup' | 'schedule'): Promise<void>;
  /** Sends outbox messages whose retry has come. */
  deliverDue(): Promise<void>;
  /**
   * The daily reminder job (pipeline/run/reminders.ts): on its own cron (in the same time zone), and once after the
   * start-up's run, in the same queue as the monthly run so the two never overlap.
   */
  reminders?: { cron: string; run(trigger: 'startup' | 'schedule'): Promise<void> };
  onError(err: unknown): void;
}

/**
 * Starts the timers: "run what is due" now and on every cron tick, and the outbox's retry poll. Calls never
 * overlap: a tick that comes while a run is going waits for it.
 */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  let chain: Promise<void> = Promise.resolve();
  const serial = (job: () => Promise<void>) => {
    chain = chain.then(job).catch(opts.onError);
    return chain;
  };
  const reminders = opts.reminders;
  const started = serial(() => opts.runDue('startup')).then(() => (reminders ? serial(() => reminders.run('startup')) : undefined));
  const cron: ScheduledTask = schedule(opts.cron, () => serial(() => opts.runDue('schedule')), { timezone: opts.timezone, noOverlap: true, name: 'plan-monitor-monthly-run' });
  const daily: ScheduledTask | null = reminders
    ? schedule(reminders.cron, () => serial(() => reminders.run('schedule')), { timezone: opts.timezone, noOverlap: true, name: 'plan-monitor-reminders' })
    : null;
  const poll = setInterval(() => void serial(() => opts.deliverDue()), opts.pollMs);
  poll.unref();
  return {
    started,
    async stop() {
      clearInterval(poll);
      await cron.destroy();
      await daily?.destroy();
      await chain;
    },
  };
}
