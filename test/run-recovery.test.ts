/**
 * Delivery that never loses and never repeats: SMTP down then up, SMTP 5xx, a process killed mid-run and between
 * sending and the ledger's update, a month missed while the server was down, the same month run twice.
 * Every test talks to a real SMTP server on loopback; the crash tests kill a real child process with SIGKILL.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { simpleParser } from 'mailparser';
import { startCatcher, type Catcher } from '../pipeline/mail/catcher';
import { deliverPending, dueMonths, runDue, runMonth } from '../pipeline/run/monthly-run';
import { listOutbox } from '../pipeline/run/outbox';
import { openRunDb, runContext, tempDir } from './fixtures/run-harness';

const PLAN = 'report-fixture';
const MONTH = '2025-10';
const EVERYONE = ['fujuzhang@jyj.test.cn', 'gaojiao@jyj.test.cn', 'jijiao@jyj.test.cn', 'juzhang@jyj.test.cn', 'renshi@jyj.test.cn'];

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

interface SetUp {
  /** Port of the SMTP server; a catcher listens there unless `serve` is false ("the server is down"). */
  port?: number;
  serve?: boolean;
  dbFile?: string;
  now?: () => Date;
  catcher?: Parameters<typeof startCatcher>[0];
  delivery?: Parameters<typeof runContext>[0]['delivery'];
}

async function setUp(opts: SetUp = {}) {
  const store = await openRunDb(opts.dbFile);
  open.push(store);
  const catcher = opts.serve === false ? null : await startCatcher({ ...opts.catcher, ...(opts.port ? { port: opts.port } : {}) });
  if (catcher) open.push(catcher);
  const ctx = runContext({ db: store.db, dir: tempDir(), port: catcher?.port ?? opts.port ?? 0, now: opts.now, delivery: opts.delivery });
  open.push({ close: () => ctx.transport.close() });
  return { store, catcher, ctx };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port nothing listens on (a catcher is started there later: "the server comes back"). */
async function freePort(): Promise<number> {
  const probe = await startCatcher();
  const { port } = probe;
  await probe.close();
  return port;
}

function recipients(catcher: Catcher): string[] {
  return catcher.messages.map((m) => m.to.join(',')).sort();
}

test('SMTP down, then up: every message is sent once, after recovery', async () => {
  const port = await freePort();
  const { store, ctx } = await setUp({ port, serve: false });
  const down = await runMonth(ctx, PLAN, MONTH, 'schedule');
  expect(down.status).toBe('sending');
  const waiting = await listOutbox(store.db, { planId: PLAN, month: MONTH });
  expect(waiting).toHaveLength(5);
  expect(waiting.every((m) => m.status === 'pending' && m.attempts === 1 && /ECONNREFUSED/.test(m.lastError ?? ''))).toBe(true);

  const catcher = await startCatcher({ port });
  open.push(catcher);
  await sleep(150); // the first retry is due 100 ms after the failure
  const delivered = await deliverPending(ctx);
  expect(delivered.sent).toHaveLength(5);
  expect(recipients(catcher)).toEqual(EVERYONE);
  expect((await listOutbox(store.db)).map((m) => `${m.status}/${m.attempts}`)).toEqual(Array(5).fill('sent/2'));
  expect((await store.db.selectFrom('monthly_runs').select('status').executeTakeFirstOrThrow()).status).toBe('done');

  // Nothing more to send, whoever asks.
  await deliverPending(ctx);
  expect(await runMonth(ctx, PLAN, MONTH, 'startup')).toMatchObject({ status: 'skipped' });
  expect(catcher.messages).toHaveLength(5);
});

test('a run waits for retries within its budget: the server back after a moment, the run still ends done', async () => {
  const port = await freePort();
  const { ctx } = await setUp({ port, serve: false, delivery: { waitBudgetMs: 10_000 } });
  const running = runMonth(ctx, PLAN, MONTH, 'manual');
  await sleep(300);
  const catcher = await startCatcher({ port });
  open.push(catcher);
  expect(await running).toMatchObject({ status: 'done' });
  expect(recipients(catcher)).toEqual(EVERYONE);
});

test('SMTP 5xx: the message is kept as failed with the server\'s reply, reported, and not retried', async () => {
  const { store, ctx, catcher } = await setUp({
    catcher: { rcptReply: (a) => (a === 'gaojiao@jyj.test.cn' ? { code: 550, message: '5.1.1 mailbox unavailable' } : null) },
  });
  const result = await runMonth(ctx, PLAN, MONTH, 'schedule');
  expect(result.status).toBe('done');
  expect(result.delivery?.failed.map((f) => f.recipient)).toEqual(['gaojiao@jyj.test.cn']);
  const [failed] = await listOutbox(store.db, { statuses: ['failed'] });
  expect(failed).toMatchObject({ recipient: 'gaojiao@jyj.test.cn', attempts: 1, lastResponseCode: 550 });
  expect(failed!.lastError).toContain('mailbox unavailable');
  const ledger = await store.db.selectFrom('monthly_runs').selectAll().executeTakeFirstOrThrow();
  expect(ledger.error).toBe('1 封邮件未能送达 / message(s) not delivered');
  expect(recipients(catcher!)).toEqual(EVERYONE.filter((a) => a !== 'gaojiao@jyj.test.cn'));

  await new Promise((r) => setTimeout(r, 150));
  await deliverPending(ctx);
  expect((await listOutbox(store.db, { statuses: ['failed'] }))[0]!.attempts).toBe(1);
  expect(catcher!.messages).toHaveLength(4);
});

test('SMTP 4xx is temporary: retried with backoff until accepted, delivered once', async () => {
  let refusals = 2;
  const { store, ctx, catcher } = await setUp({
    catcher: { rcptReply: (a) => (a === 'jijiao@jyj.test.cn' && refusals-- > 0 ? { code: 451, message: '4.3.0 try again later' } : null) },
    delivery: { waitBudgetMs: 5_000 },
  });
  const result = await runMonth(ctx, PLAN, MONTH, 'schedule');
  expect(result.status).toBe('done');
  expect(recipients(catcher!)).toEqual(EVERYONE);
  expect((await listOutbox(store.db)).find((m) => m.recipient === 'jijiao@jyj.test.cn')).toMatchObject({ status: 'sent', attempts: 3 });
});

test('a temporary failure that never ends is given up after maxAttempts and kept', async () => {
  const { store, ctx } = await setUp({
    catcher: { rcptReply: (a) => (a === 'jijiao@jyj.test.cn' ? { code: 421, message: 'busy' } : null) },
    delivery: { waitBudgetMs: 5_000 },
  });
  const result = await runMonth(ctx, PLAN, MONTH, 'schedule');
  expect(result.status).toBe('done');
  expect((await listOutbox(store.db, { statuses: ['failed'] })).map((m) => `${m.recipient} ${m.attempts} ${m.lastResponseCode}`))
    .toEqual(['jijiao@jyj.test.cn 4 421']);
});

describe('a month missed while the server was down', () => {
  test('is caught up on start, oldest first; a second start does nothing', async () => {
    let now = new Date('2025-10-01T01:00:00Z'); // 09:00 Beijing, 1 October: September is due
    const { store, ctx, catcher } = await setUp({ now: () => now });
    expect(await dueMonths(ctx, PLAN)).toEqual(['2025-09']);
    await runDue(ctx, 'startup');

    now = new Date('2025-12-02T02:00:00Z'); // down through 1 November and 1 December
    expect(await dueMonths(ctx, PLAN)).toEqual(['2025-10', '2025-11']);
    const results = await runDue(ctx, 'startup');
    expect(results.map((r) => `${r.month} ${r.status}`)).toEqual(['2025-10 done', '2025-11 done']);
    const byMonth = async (m: string) => (await listOutbox(store.db, { month: m })).length;
    expect(await byMonth('2025-10')).toBe(5);
    // November: nobody has submitted; leadership hear so (no indicator flags to route).
    expect(await byMonth('2025-11')).toBe(2);

    const sent = catcher!.messages.length;
    expect(await runDue(ctx, 'schedule')).toEqual([]);
    expect(catcher!.messages).toHaveLength(sent);
    const subjects = await Promise.all(catcher!.messages.filter((m) => m.to[0] === 'juzhang@jyj.test.cn').map(async (m) => (await simpleParser(m.raw)).subject));
    expect(subjects).toEqual([
      expect.stringContaining('2025年9月'), expect.stringContaining('2025年10月'), expect.stringContaining('2025年11月'),
    ]);
  });

  test('a start before the schedule\'s hour on the 1st does not run the month yet', async () => {
    const { ctx } = await setUp({ now: () => new Date('2025-11-30T23:30:00Z') }); // 07:30 Beijing, 1 December
    expect(await dueMonths(ctx, PLAN)).toEqual(['2025-10']);
  });
});

describe('the process killed', () => {
  let childJs: string;
  beforeAll(async () => {
    childJs = path.join(tempDir('pm-child-'), 'run-child.js');
    await build({
      entryPoints: [path.join(__dirname, 'fixtures/run-child.ts')], outfile: childJs, bundle: true, platform: 'node',
      format: 'cjs', target: 'node20', packages: 'external', logLevel: 'silent',
    });
  });

  function runChild(dbFile: string, port: number, crashAt: string): Promise<{ code: number | null; signal: string | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [childJs, dbFile, tempDir(), String(port)], {
        env: { ...process.env, CRASH_AT: crashAt, NODE_PATH: path.join(__dirname, '..', 'node_modules') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
    });
  }

  async function restart(dbFile: string, port: number) {
    const store = await openRunDb(dbFile);
    open.push(store);
    const ctx = runContext({ db: store.db, dir: tempDir(), port });
    open.push({ close: () => ctx.transport.close() });
    // Past the dead process's lease (1 s in the tests).
    await sleep(1_100);
    return { store, result: await runMonth(ctx, PLAN, MONTH, 'startup') };
  }

  test('mid-run, before anything was saved: the restart composes again and sends everything once', async () => {
    const catcher = await startCatcher();
    open.push(catcher);
    const dbFile = path.join(tempDir(), 'pm.db');
    const killed = await runChild(dbFile, catcher.port, 'report-written');
    expect(killed.signal).toBe('SIGKILL');
    expect(catcher.messages).toHaveLength(0);

    const { store, result } = await restart(dbFile, catcher.port);
    expect(result).toMatchObject({ status: 'done', composed: true });
    expect(recipients(catcher)).toEqual(EVERYONE);
    expect(await store.db.selectFrom('monthly_runs').select(['status', 'attempts']).executeTakeFirstOrThrow()).toEqual({ status: 'done', attempts: 2 });
  }, 60_000);

  test('mid-delivery: what was recorded as sent is not sent again; the unrecorded one goes with the same Message-ID', async () => {
    const catcher = await startCatcher();
    open.push(catcher);
    const dbFile = path.join(tempDir(), 'pm.db');
    const killed = await runChild(dbFile, catcher.port, 'accepted:2');
    expect(killed.signal).toBe('SIGKILL');
    expect(catcher.messages).toHaveLength(2);

    const { result } = await restart(dbFile, catcher.port);
    expect(result).toMatchObject({ status: 'done', composed: false });
    // The first message was recorded before the crash: once. The second was accepted by the server in the instant
    // before the crash and not yet recorded: sent again, the very same message, which mail clients show once.
    const counts = new Map<string, string[]>();
    for (const m of catcher.messages) {
      const id = (await simpleParser(m.raw)).messageId!;
      counts.set(m.to[0]!, [...(counts.get(m.to[0]!) ?? []), id]);
    }
    expect([...counts.keys()].sort()).toEqual(EVERYONE);
    const repeated = [...counts.entries()].filter(([, ids]) => ids.length > 1);
    expect(repeated).toHaveLength(1);
    expect(new Set(repeated[0]![1]).size).toBe(1);
    expect(catcher.messages).toHaveLength(6);
  }, 60_000);

  test('between the last send and the ledger\'s update: the restart sends nothing and closes the month', async () => {
    const catcher = await startCatcher();
    open.push(catcher);
    const dbFile = path.join(tempDir(), 'pm.db');
    const killed = await runChild(dbFile, catcher.port, 'before-done');
    expect(killed.signal).toBe('SIGKILL');
    expect(recipients(catcher)).toEqual(EVERYONE);

    const { store, result } = await restart(dbFile, catcher.port);
    expect(result).toMatchObject({ status: 'done', composed: false });
    expect(catcher.messages).toHaveLength(5);
    expect((await store.db.selectFrom('monthly_runs').select('status').executeTakeFirstOrThrow()).status).toBe('done');
  }, 60_000);
});
