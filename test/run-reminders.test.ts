/**
 * Reminders to submit, delivered to a real SMTP server on loopback and read back with mailparser. The fixture city
 * owes November's data by 1 December 08:00 (Beijing time); three units have addresses, one of them has submitted:
 * exactly two reminders arrive, with the plan, month, deadline and what to do, in Chinese then English. Running the
 * job again that day or the next sends nothing more; outside the window nothing is sent; after an SMTP outage the
 * reminders are retried and each unit still gets exactly one.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { startCatcher, type Catcher } from '../pipeline/mail/catcher';
import { messageIdFor } from '../pipeline/mail/compose';
import { smtpTransport } from '../pipeline/mail/transport';
import { defaultRunConfig, DeliverySchema, RecipientsSchema, RemindersSchema, ScheduleSchema, SmtpSchema } from '../pipeline/run/config';
import { deliverPending, type RunContext } from '../pipeline/run/monthly-run';
import { listOutbox } from '../pipeline/run/outbox';
import { remindDue } from '../pipeline/run/reminders';
import { startScheduler } from '../pipeline/run/schedule';
import { memorySource } from '../pipeline/run/source';
import { openDatabase } from '../pipeline/store/database';
import { migrations } from '../pipeline/store/migrations';
import { runDbOf } from '../pipeline/run/store-source';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../pipeline/config';
import { FROM, openRunDb, runCli, tempDir } from './fixtures/run-harness';
import { reportPlan, reportUnits } from './fixtures/report-fixture';

const PLAN = reportPlan.id;
const MONTH = '2025-11';
const UPLOAD = 'https://jyj.test.cn/upload';
const UNIT_ADDRESSES = {
  '230102': ['daoli@jyj.test.cn'],
  '230103': ['nangang@jyj.test.cn'],
  '230104': ['daowai@jyj.test.cn'],
  // 测试市教育局 (230100) and 平房区 (230108) owe data too but have no address: listed, not reminded.
};

/**
 * What a database write came to: "stored", or the database's refusal. (better-sqlite3's errors come from another
 * realm in a jest worker, where `rejects.toThrow` does not recognise them.)
 */
const outcome = (write: Promise<unknown>) => write.then(() => 'stored', (err: unknown) => String(err));

/** Beijing wall-clock time as an instant. */
const beijing = (local: string) => new Date(`${local}+08:00`);

/** 道里区 has submitted November's data; the others have not. */
const source = memorySource([{
  planId: PLAN, month: MONTH,
  submissions: [{ unitCode: '230102', entries: [], firstAcceptedAt: '2025-11-25T02:00:00.000Z', acceptedAt: '2025-11-25T02:00:00.000Z', versions: 1 }],
}]);

function context(db: RunContext['db'], port: number, clock: { now: Date }): RunContext {
  const config = defaultRunConfig(tempDir('pm-remind-'), {
    smtp: SmtpSchema.parse({ host: '127.0.0.1', port, from: FROM }),
    recipients: RecipientsSchema.parse({ leadership: ['juzhang@jyj.test.cn'], units: UNIT_ADDRESSES }),
    schedule: ScheduleSchema.parse({ plans: [PLAN] }),
    reminders: RemindersSchema.parse({ daysBefore: 3, uploadUrl: UPLOAD }),
    delivery: DeliverySchema.parse({ retryBaseMs: 100, maxDelayMs: 400, maxAttempts: 4, leaseMs: 1_000, waitBudgetMs: 0 }),
  });
  return {
    db, source, plans: [reportPlan], units: reportUnits, config,
    transport: smtpTransport({ ...config.smtp, host: '127.0.0.1' }), now: () => clock.now,
  };
}

describe('three units with addresses, one has submitted', () => {
  let catcher: Catcher;
  let store: Awaited<ReturnType<typeof openRunDb>>;
  let ctx: RunContext;
  const clock = { now: beijing('2025-11-27T09:00') };

  beforeAll(async () => {
    catcher = await startCatcher();
    store = await openRunDb(`${tempDir('pm-remind-db-')}/plan-monitor.db`);
    ctx = context(store.db, catcher.port, clock);
  });

  afterAll(async () => {
    ctx.transport.close();
    await catcher.close();
    await store.close();
  });

  test('four days before the deadline nothing is sent', async () => {
    const result = await remindDue(ctx);
    expect(result.status).toBe('outside_window');
    expect(catcher.messages).toHaveLength(0);
  });

  test('three days before: exactly two reminders, to the units that have not submitted', async () => {
    clock.now = beijing('2025-11-28T09:00');
    const result = await remindDue(ctx);
    expect(result.status).toBe('checked');
    expect(result.windows).toEqual([{ month: MONTH, deadline: '2025-12-01T00:00:00.000Z', daysLeft: 3 }]);
    const [plan] = result.plans;
    expect(plan).toMatchObject({ planId: PLAN, month: MONTH, owing: 5, submitted: 1 });
    expect(plan!.reminded.map((r) => [r.unitCode, r.recipients])).toEqual([['230103', ['nangang@jyj.test.cn']], ['230104', ['daowai@jyj.test.cn']]]);
    expect(plan!.noAddress.map((u) => u.unitName)).toEqual(['测试市教育局', '平房区教育局']);
    expect(result.delivery?.sent).toHaveLength(2);
    expect(catcher.messages.map((m) => m.to.join(',')).sort()).toEqual(['daowai@jyj.test.cn', 'nangang@jyj.test.cn']);
  });

  test('the reminder says which plan and month, the deadline and what to do — Chinese first, then English', async () => {
    const mail: ParsedMail = await simpleParser(catcher.messages.find((m) => m.to[0] === 'nangang@jyj.test.cn')!.raw);
    expect(mail.subject).toBe('【报送提醒】测试市“十四五”教育发展规划 2025年11月：请于 2025-12-01 08:00 前报送');
    expect(mail.messageId).toBe(messageIdFor(PLAN, MONTH, 'nangang@jyj.test.cn', FROM, 'reminder'));
    expect(mail.messageId).not.toBe(messageIdFor(PLAN, MONTH, 'nangang@jyj.test.cn', FROM));
    const html = mail.html as string;
    expect(html).toContain('南岗区教育局：尚未收到贵单位《测试市“十四五”教育发展规划》2025年11月的指标数据。报送截止时间为 2025-12-01 08:00（北京时间），还有 3 天截止。');
    expect(html).toContain('在 Excel 中打开规划监测加载项');
    expect(html).toContain(`<a href="${UPLOAD}"`);
    expect(html).not.toMatch(/<style/i);
    const text = mail.text!;
    expect(text.indexOf('如何报送')).toBeLessThan(text.indexOf('We have not yet received your unit\'s data for November 2025'));
    expect(text).toContain('The deadline is 2025-12-01 08:00 (Beijing time), in 3 days.');
    expect(text).toContain(`upload the filled template (.xlsx) with your unit's token at ${UPLOAD}`);
  });

  test('again the same day, and the next day: nothing more is sent', async () => {
    clock.now = beijing('2025-11-28T15:00');
    const again = await remindDue(ctx);
    expect(again.plans[0]!.reminded).toEqual([]);
    expect(again.plans[0]!.alreadyReminded.map((u) => u.unitCode)).toEqual(['230103', '230104']);
    clock.now = beijing('2025-11-29T09:00');
    const nextDay = await remindDue(ctx);
    expect(nextDay.status).toBe('checked');
    expect(nextDay.plans[0]!.reminded).toEqual([]);
    expect(catcher.messages).toHaveLength(2);
    expect((await listOutbox(store.db, { kind: 'reminder' })).map((r) => `${r.recipient} ${r.status}`).sort())
      .toEqual(['daowai@jyj.test.cn sent', 'nangang@jyj.test.cn sent']);
  });

  test('a second reminder to the same address for the same plan and month cannot even be stored', async () => {
    const row = await store.db.selectFrom('outbox').selectAll().where('kind', '=', 'reminder').executeTakeFirstOrThrow();
    expect(await outcome(store.db.insertInto('outbox').values({ ...row, id: 'another', status: 'pending' }).execute())).toMatch(/UNIQUE constraint failed/);
  });

  test('after the deadline, and with reminders off, nothing is sent', async () => {
    clock.now = beijing('2025-12-01T08:30');
    expect((await remindDue(ctx)).status).toBe('outside_window');
    clock.now = beijing('2025-11-30T09:00');
    const off = { ...ctx, config: { ...ctx.config, reminders: { ...ctx.config.reminders, daysBefore: 0 } } };
    expect((await remindDue(off)).status).toBe('disabled');
    expect(catcher.messages).toHaveLength(2);
  });
});

describe('an SMTP outage on the first try', () => {
  let catcher: Catcher;
  let store: Awaited<ReturnType<typeof openRunDb>>;
  let ctx: RunContext;
  const clock = { now: beijing('2025-11-30T09:00') };
  const refused = new Map<string, number>();

  beforeAll(async () => {
    // The server is there but answers "try again later" to each address the first time.
    catcher = await startCatcher({
      rcptReply: (address) => {
        const seen = refused.get(address) ?? 0;
        refused.set(address, seen + 1);
        return seen === 0 ? { code: 451, message: '4.3.0 Mail server temporarily unavailable' } : null;
      },
    });
    store = await openRunDb(`${tempDir('pm-remind-db-')}/plan-monitor.db`);
    ctx = context(store.db, catcher.port, clock);
  });

  afterAll(async () => {
    ctx.transport.close();
    await catcher.close();
    await store.close();
  });

  test('the reminders wait in the outbox, are retried, and each unit gets exactly one', async () => {
    const first = await remindDue(ctx);
    expect(first.plans[0]!.reminded).toHaveLength(2);
    expect(first.delivery?.sent).toHaveLength(0);
    expect(first.delivery?.waiting.map((r) => `${r.recipient} ${r.attempts} ${r.lastResponseCode}`).sort())
      .toEqual(['daowai@jyj.test.cn 1 451', 'nangang@jyj.test.cn 1 451']);
    expect(catcher.messages).toHaveLength(0);

    // The retry comes due: the server's poll sends what waits (the job itself would too).
    clock.now = new Date(clock.now.getTime() + 1_000);
    const retried = await deliverPending(ctx);
    expect(retried.sent.map((r) => r.recipient).sort()).toEqual(['daowai@jyj.test.cn', 'nangang@jyj.test.cn']);

    // The daily job later that day composes nothing new.
    clock.now = beijing('2025-11-30T15:00');
    expect((await remindDue(ctx)).plans[0]!.reminded).toEqual([]);
    expect(catcher.messages.map((m) => m.to.join(',')).sort()).toEqual(['daowai@jyj.test.cn', 'nangang@jyj.test.cn']);
    expect((await listOutbox(store.db, { kind: 'reminder' })).map((r) => `${r.recipient} ${r.status} ${r.attempts}`).sort())
      .toEqual(['daowai@jyj.test.cn sent 2', 'nangang@jyj.test.cn sent 2']);
  });
});

test('the schedule runs the reminder job after the start-up\'s monthly run, in the same queue', async () => {
  const calls: string[] = [];
  const scheduler = startScheduler({
    cron: '0 8 1 * *', timezone: 'Asia/Shanghai', pollMs: 60_000,
    runDue: async (trigger) => { calls.push(`run ${trigger}`); },
    deliverDue: async () => undefined,
    reminders: { cron: '0 9 * * *', run: async (trigger) => { calls.push(`remind ${trigger}`); } },
    onError: (err) => { throw err; },
  });
  await scheduler.started;
  await scheduler.stop();
  expect(calls).toEqual(['run startup', 'remind startup']);
});

test('migration 030 keeps the messages already in the outbox, as reports', async () => {
  const file = `${tempDir('pm-remind-migrate-')}/plan-monitor.db`;
  const before = await openDatabase({ driver: 'sqlite', file, poolSize: 1 }, migrations.filter((m) => m.name < '030'));
  await runDbOf(before.db).insertInto('outbox').values({
    id: 'm1', plan_id: PLAN, month: '2025-10', recipient: 'juzhang@jyj.test.cn', seq: 0, audience: 'leadership', subject: '月报',
    message_id: '<m1@jyj.test.cn>', raw: Buffer.from('raw bytes'), next_attempt_at: '2025-11-01T00:00:00.000Z', created_at: '2025-11-01T00:00:00.000Z',
  }).execute();
  await before.close();

  const after = await openDatabase({ driver: 'sqlite', file, poolSize: 1 });
  try {
    const db = runDbOf(after.db);
    const [row] = await listOutbox(db);
    expect(row).toMatchObject({ id: 'm1', kind: 'report', recipient: 'juzhang@jyj.test.cn', status: 'pending', subject: '月报' });
    expect((await db.selectFrom('outbox').select('raw').executeTakeFirstOrThrow()).raw.toString()).toBe('raw bytes');
    // The same person's reminder for the same plan and month is another message; a second report is not.
    const copy = { ...(await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow()), id: 'm2' };
    await db.insertInto('outbox').values({ ...copy, kind: 'reminder' }).execute();
    expect(await outcome(db.insertInto('outbox').values({ ...copy, id: 'm3' }).execute())).toMatch(/UNIQUE constraint failed/);
  } finally {
    await after.close();
  }
});

test('plan-monitor remind: the administrator\'s command, on the shipped catalog and a real store', async () => {
  const catcher = await startCatcher();
  const dir = tempDir('pm-remind-cli-');
  const configFile = path.join(dir, 'plan-monitor.config.json');
  writeFileSync(configFile, JSON.stringify({
    dataDir: dir,
    smtp: { host: '127.0.0.1', port: catcher.port, from: FROM },
    recipients: { units: { 230102: ['daoli@jyj.test.cn'] } },
    schedule: { plans: ['harbin-14th-fyp'] },
    reminders: { daysBefore: 3, uploadUrl: UPLOAD },
  }));
  const remind = (...argv: string[]) => runCli(['remind', '--config', configFile, ...argv]);
  try {
    const early = await remind('--now', '2025-11-20T09:00+08:00');
    expect(early.out).toContain('现在不在截止前 3 天内（或已过截止时间），未发送提醒');
    const first = await remind('--now', '2025-11-28T09:00+08:00');
    expect(first.code).toBe(0);
    expect(first.out).toContain('harbin-14th-fyp 2025-11（截止 / due 2025-12-01 08:00）：已报送 / submitted 0/');
    expect(first.out).toMatch(/本次提醒 \/ reminded now: 1（道里区[^）]*）/);
    expect(first.out).toMatch(/未配置邮箱 \/ no address \(recipients.units\): .*南岗区/);
    expect(first.out).toContain('提醒邮件：已发送 sent 1，失败 failed 0');
    const again = await remind('--now', '2025-11-29T09:00+08:00', '--month', '2025-11');
    expect(again.out).toContain('本次提醒 / reminded now: 0');
    expect(again.out).toMatch(/此前已提醒，不再发送 \/ reminded before, not again: 道里区/);
    expect(catcher.messages.map((m) => m.to.join(','))).toEqual(['daoli@jyj.test.cn']);
  } finally {
    await catcher.close();
  }
}, 60_000);

test('the reminders section: defaults, environment variables, and a bad value named with where it was set', () => {
  expect(loadConfig({ env: {}, cwd: tempDir() }).reminders).toEqual({ daysBefore: 3, time: '09:00' });
  const env = { PLAN_MONITOR_REMINDERS__DAYS_BEFORE: '5', PLAN_MONITOR_REMINDERS__TIME: '08:30', PLAN_MONITOR_REMINDERS__UPLOAD_URL: UPLOAD };
  expect(loadConfig({ env, cwd: tempDir() }).reminders).toEqual({ daysBefore: 5, time: '08:30', uploadUrl: UPLOAD });
  expect(() => loadConfig({ env: { PLAN_MONITOR_REMINDERS__TIME: '9点' }, cwd: tempDir() }))
    .toThrow(/reminders\.time（环境变量 \/ environment variable PLAN_MONITOR_REMINDERS__TIME）：时间应为 HH:MM/);
  expect(() => loadConfig({ env: {}, cwd: tempDir(), overrides: { recipients: { units: { 道里区: ['daoli@jyj.test.cn'] } } } }))
    .toThrow(/recipients\.units\.道里区：单位代码应为数字，如 230102/);
});
