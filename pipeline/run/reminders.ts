/**
 * Reminders to submit: a few days before a month's intake deadline (`reminders.daysBefore` calendar days in the
 * schedule's time zone, and only while the deadline has not passed), every reporting unit of each monitored plan
 * that has no accepted submission for the month gets one reminder mail at its addresses (`recipients.units`).
 *
 * The job runs daily (the schedule `serve` keeps, at `reminders.time`) and by hand (`plan-monitor remind`). It is
 * safe to run any number of times: reminders are composed into the same outbox as the reports, as kind 'reminder',
 * where plan × month × recipient × kind is unique (migration 030-reminders) — a second reminder to an address for
 * the same plan and month cannot be stored, so it cannot be sent; and a unit reminded once (its codes are kept on
 * the message) is not reminded again that month, even at a new address. Delivery, retries and leases are the
 * outbox's, as for the reports.
 */
import type { Month, Unit } from '../../core/schema';
import { addMonths } from '../../core/month';
import { reportingUnits, rosterOf } from '../../core/aggregate';
import { normaliseAddress, type ComposedMessage } from '../mail/compose';
import { composeReminder } from '../mail/reminder';
import { senderOf } from './config';
import { monitoredPlans, type RunContext } from './monthly-run';
import { deliverDue, enqueue, type DeliverySummary } from './outbox';
import { monthAt, submissionDeadline, zonedParts } from './schedule';

export interface ReminderWindow {
  /** The month whose data is due. */
  month: Month;
  /** ISO time of its intake deadline. */
  deadline: string;
  /** Calendar days from today to the deadline's day, in the schedule's time zone (0: the deadline is today). */
  daysLeft: number;
}

export interface PlanReminders {
  planId: string;
  month: Month;
  deadline: string;
  /** Units that owe the month's data, and how many of them have an accepted submission. */
  owing: number;
  submitted: number;
  /** Reminded by this call, with the addresses written to. */
  reminded: { unitCode: string; unitName: string; recipients: string[] }[];
  /** Reminded earlier this month (or their address already was): nothing is sent again. */
  alreadyReminded: { unitCode: string; unitName: string }[];
  /** Not submitted, but no address in recipients.units: they get no reminder. */
  noAddress: { unitCode: string; unitName: string }[];
}

export interface ReminderResult {
  /** disabled: daysBefore is 0; outside_window: no deadline is near (or it has passed); checked: units were looked at. */
  status: 'disabled' | 'outside_window' | 'checked';
  windows: ReminderWindow[];
  plans: PlanReminders[];
  /** What the outbox sent of the reminders (also earlier ones waiting for a retry); null when nothing was looked at. */
  delivery: DeliverySummary | null;
}

const DAY = 86_400_000;

/** The deadline of `month` seen from `now`: how many calendar days away it is in the time zone. */
function windowOf(month: Month, now: Date, ctx: Pick<RunContext, 'config'>): ReminderWindow {
  const { deadline: rule, schedule } = ctx.config;
  const deadline = submissionDeadline(month, rule, schedule.timezone);
  const day = (at: Date) => {
    const p = zonedParts(at, schedule.timezone);
    return Date.UTC(p.year, p.month - 1, p.day);
  };
  return { month, deadline: deadline.toISOString(), daysLeft: Math.round((day(deadline) - day(now)) / DAY) };
}

/** Whether units are reminded of this deadline now: within daysBefore days of it, and it has not passed. */
function inWindow(window: ReminderWindow, now: Date, daysBefore: number): boolean {
  return daysBefore > 0 && now.getTime() < Date.parse(window.deadline) && window.daysLeft <= daysBefore;
}

/**
 * The months whose deadline is near at `now`. A month's deadline falls in the following month, so only the
 * months of the last two deadlines around today can be near: the month before this one, and this one.
 */
function reminderWindows(now: Date, ctx: Pick<RunContext, 'config'>): ReminderWindow[] {
  const current = monthAt(now, ctx.config.schedule.timezone);
  return [addMonths(current, -1), current]
    .map((m) => windowOf(m, now, ctx))
    .filter((w) => inWindow(w, now, ctx.config.reminders.daysBefore));
}

/**
 * Reminds every unit that owes data for a month whose deadline is near (or for `month` only, when given and near),
 * then delivers the reminders the outbox holds. Never reminds a unit twice for the same plan and month.
 */
export async function remindDue(ctx: RunContext, opts: { month?: Month; planIds?: string[] } = {}): Promise<ReminderResult> {
  const now = (ctx.now ?? (() => new Date()))();
  const log = ctx.log ?? (() => undefined);
  const { reminders } = ctx.config;
  if (reminders.daysBefore === 0) return { status: 'disabled', windows: [], plans: [], delivery: null };
  const windows = opts.month
    ? [windowOf(opts.month, now, ctx)].filter((w) => inWindow(w, now, reminders.daysBefore))
    : reminderWindows(now, ctx);
  if (windows.length === 0) return { status: 'outside_window', windows, plans: [], delivery: null };

  const planIds = opts.planIds ?? await monitoredPlans(ctx);
  const plans: PlanReminders[] = [];
  for (const window of windows) {
    for (const planId of planIds) {
      const plan = ctx.plans.find((p) => p.id === planId);
      if (!plan) continue;
      const result = await remindPlan(ctx, plan, window, now);
      plans.push(result);
      for (const r of result.reminded) log(`已提醒 / reminded: ${plan.id} ${window.month} ${r.unitName}（${r.unitCode}）→ ${r.recipients.join(', ')}`);
      if (result.noAddress.length > 0) {
        log(`以下单位未报送，但未配置邮箱，未能提醒 / not submitted, no address to remind (recipients.units): ` +
          `${result.noAddress.map((u) => `${u.unitName}（${u.unitCode}）`).join('、')}`);
      }
    }
  }
  const delivery = await deliverDue(ctx.db, ctx.transport, senderOf(ctx.config), ctx.config.delivery, {
    kind: 'reminder', now: ctx.now, hooks: ctx.hooks,
  });
  for (const f of delivery.failed) log(`提醒邮件未能送达，已保留在发件箱 / reminder not delivered, kept in the outbox: ${f.recipient} — ${f.lastError}`);
  return { status: 'checked', windows, plans, delivery };
}

async function remindPlan(ctx: RunContext, plan: RunContext['plans'][number], window: ReminderWindow, now: Date): Promise<PlanReminders> {
  const { month } = window;
  const owing = reportingUnits(rosterOf(plan, ctx.units));
  const submitted = new Set(await ctx.source.submittedUnits(plan.id, month));
  const earlier = await ctx.db.selectFrom('outbox').select(['recipient', 'responsible'])
    .where('plan_id', '=', plan.id).where('month', '=', month).where('kind', '=', 'reminder').execute();
  const remindedUnits = new Set(earlier.flatMap((r) => JSON.parse(r.responsible) as string[]));
  const remindedAddresses = new Set(earlier.map((r) => r.recipient));

  const result: PlanReminders = {
    planId: plan.id, month, deadline: window.deadline, owing: owing.length,
    submitted: owing.filter((u) => submitted.has(u.code)).length, reminded: [], alreadyReminded: [], noAddress: [],
  };
  // One message per address: a person who reports for two units gets one reminder naming both.
  const byAddress = new Map<string, Unit[]>();
  for (const unit of owing) {
    if (submitted.has(unit.code)) continue;
    const named = { unitCode: unit.code, unitName: unit.name };
    if (remindedUnits.has(unit.code)) {
      result.alreadyReminded.push(named);
      continue;
    }
    const addresses = [...new Set((ctx.config.recipients.units[unit.code] ?? []).map(normaliseAddress))];
    if (addresses.length === 0) {
      result.noAddress.push(named);
      continue;
    }
    const fresh = addresses.filter((a) => !remindedAddresses.has(a));
    if (fresh.length === 0) result.alreadyReminded.push(named);
    for (const address of fresh) byAddress.set(address, [...(byAddress.get(address) ?? []), unit]);
  }
  if (byAddress.size === 0) return result;

  const messages: ComposedMessage[] = [];
  for (const [to, units] of byAddress) {
    messages.push(await composeReminder({
      plan, month, units, deadline: window.deadline, daysLeft: window.daysLeft, uploadUrl: ctx.config.reminders.uploadUrl,
      from: senderOf(ctx.config), to, at: now,
    }));
  }
  // All of the plan's reminders of this call, or none; the outbox's unique index keeps each address to one, also
  // against another process reminding at the same moment.
  await ctx.db.transaction().execute((trx) => enqueue(trx, plan.id, month, messages, now, 'reminder'));
  for (const unit of owing) {
    const recipients = [...byAddress].filter(([, units]) => units.includes(unit)).map(([address]) => address);
    if (recipients.length > 0) result.reminded.push({ unitCode: unit.code, unitName: unit.name, recipients });
  }
  return result;
}
