/**
 * The store on a real SQLite file: versions and supersession, identical bytes, history, the monthly run's reads,
 * completeness against the deadline, migrations run once.
 */
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { join } from 'node:path';
import { parseUpload } from '../pipeline/intake/parse';
import type { Runtime } from '../pipeline/intake/runtime';
import { IntakeStore } from '../pipeline/store/store';
import { openDatabase } from '../pipeline/store/database';
import { migrations } from '../pipeline/store/migrations';
import { districtValues, districts, filledWorkbook, intakeCatalog, tempDir, testRuntime } from './fixtures/intake-harness';
import { fixtureCity, fixtureDistrict, fixtureOtherDistrict } from './fixtures/plan-fixture';

let tmp: ReturnType<typeof tempDir>;
let rt: Runtime;

beforeEach(async () => {
  tmp = tempDir('store');
  rt = await testRuntime(tmp.dir);
});

afterEach(async () => {
  await rt.close();
  tmp.cleanup();
});

async function record(bytes: Buffer, receivedAt?: string) {
  const outcome = await parseUpload(bytes, intakeCatalog);
  return rt.store.record({ outcome, bytes, channel: 'cli', submittedBy: 'test', receivedAt });
}

describe('submissions for one unit and month', () => {
  it('numbers versions, supersedes the earlier one and keeps it, with its bytes', async () => {
    const v1 = await filledWorkbook(fixtureDistrict, '2025-10', districtValues(1));
    const v2 = await filledWorkbook(fixtureDistrict, '2025-10', districtValues(2));
    const first = await record(v1);
    const second = await record(v2);
    expect(first.receipt).toMatchObject({ status: 'accepted', version: 1, supersedes: null, unitName: '道里区教育局', month: '2025-10' });
    expect(second.receipt).toMatchObject({ status: 'accepted', version: 2, supersedes: first.submissionId });

    const history = await rt.store.unitHistory('230102');
    expect(history.map((h) => [h.version, h.status, h.supersededBy])).toEqual([
      [2, 'accepted', null],
      [1, 'superseded', second.submissionId],
    ]);
    expect((await rt.store.fileBytes(history[1]!.fileHash))!.equals(v1)).toBe(true);

    const latest = await rt.store.latestSubmissions('fixture-plan', '2025-10');
    expect(latest).toHaveLength(1);
    expect(latest[0]!.id).toBe(second.submissionId);
    expect(latest[0]!.entries.find((e) => e.code === 'F-01')).toMatchObject({ value: 90.2, numerator: 902, denominator: 1000 });
  });

  it('stores identical bytes once and answers them as a duplicate of the version they repeat', async () => {
    const v1 = await filledWorkbook(fixtureDistrict, '2025-10', districtValues(1));
    const v2 = await filledWorkbook(fixtureDistrict, '2025-10', districtValues(2));
    const first = await record(v1);
    const again = await record(v1);
    expect(again.receipt).toMatchObject({ status: 'duplicate', submissionId: first.submissionId, version: 1 });
    expect(again.receipt.issues).toEqual(first.receipt.issues);
    await record(v2);
    const old = await record(v1);
    // Version 2 stays current: an old copy arriving late (a mail saved twice) never replaces a newer submission.
    expect(old.receipt).toMatchObject({ status: 'duplicate', version: 1 });
    expect(old.receipt.issues[0]).toMatchObject({ severity: 'warning', code: 'duplicate_of_earlier_version' });
    expect(old.receipt.issues[0]!.zh).toContain('当前有效的是第2版');
    expect((await rt.store.latestSubmissions('fixture-plan', '2025-10'))[0]!.version).toBe(2);
    const db = new BetterSqlite3(join(tmp.dir, 'plan-monitor.db'), { readonly: true });
    expect(db.prepare('select count(*) n from submissions').get()).toEqual({ n: 2 });
    expect(db.prepare('select count(*) n from files').get()).toEqual({ n: 2 });
    db.close();
  });

  it('orders versions of uploads arriving together as they were sent, in one transaction', async () => {
    const files = await Promise.all([1, 2, 3, 4].map((s) => filledWorkbook(fixtureDistrict, '2025-11', districtValues(s))));
    const outcomes = await Promise.all(files.map((f) => parseUpload(f, intakeCatalog)));
    const results = await Promise.all(outcomes.map((outcome, i) => rt.store.record({ outcome, bytes: files[i]!, channel: 'api', submittedBy: 't' })));
    expect(results.map((r) => r.receipt.version)).toEqual([1, 2, 3, 4]);
    expect(results.map((r) => r.receipt.supersedes)).toEqual([null, ...results.slice(0, 3).map((r) => r.submissionId)]);
    const history = await rt.store.unitHistory('230102', { month: '2025-11' });
    expect(history.filter((h) => h.status === 'accepted').map((h) => h.version)).toEqual([4]);
    expect(history.find((h) => h.version === 2)!.supersededBy).toBe(results[2]!.submissionId);
  });

  it('commits a batch in groups, in the order sent, and its last group as soon as the batch has handed it over', async () => {
    // Groups of two, and a minute to gather a group that is not full: only commitWaiting ends the wait.
    const store = new IntakeStore(await openDatabase({ ...rt.config.database, file: join(tmp.dir, 'groups.db') }),
      { catalog: intakeCatalog, deadline: rt.config.intake.deadline, maxBatch: 2, groupCommitMs: 60_000 });
    try {
      const files = await Promise.all([1, 2, 3, 4, 5].map((s) => filledWorkbook(fixtureDistrict, '2025-11', districtValues(s))));
      const outcomes = await Promise.all(files.map((f) => parseUpload(f, intakeCatalog)));
      const committed: number[] = [];
      const results = outcomes.map((outcome, i) => store.record({ outcome, bytes: files[i]!, channel: 'cli', submittedBy: 't' })
        .then((r) => { committed.push(i); return r; }));
      // Two full groups are written at once; the fifth upload waits for company.
      await Promise.all(results.slice(0, 4));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(committed).toEqual([0, 1, 2, 3]);
      store.commitWaiting();
      const receipts = (await Promise.all(results)).map((r) => r.receipt);
      expect(receipts.map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
      expect(receipts.map((r) => r.supersedes)).toEqual([null, ...receipts.slice(0, 4).map((r) => r.submissionId)]);
      expect((await store.latestSubmissions('fixture-plan', '2025-11'))[0]!.version).toBe(5);
    } finally {
      await store.close();
    }
  });

  it('keeps a refused upload in the history, without making it a version', async () => {
    const ok = await record(await filledWorkbook(fixtureDistrict, '2025-10', districtValues(1)));
    const bad = await filledWorkbook(fixtureDistrict, '2025-10', { ...districtValues(3), 'F-02': { value: 'about ninety' } });
    const refused = await record(bad);
    expect(refused.receipt.status).toBe('refused');
    expect(refused.submissionId).toBeNull();
    expect(refused.receipt.issues.some((i) => i.severity === 'error' && i.code === 'unparseable')).toBe(true);
    const history = await rt.store.unitHistory('230102');
    expect(history.map((h) => h.status).sort()).toEqual(['accepted', 'refused']);
    expect((await rt.store.latestSubmissions('fixture-plan', '2025-10'))[0]!.id).toBe(ok.submissionId);
  });
});

describe('what the monthly run reads', () => {
  it('gives the values of each unit × indicator over months, from current submissions only', async () => {
    await record(await filledWorkbook(fixtureDistrict, '2025-09', districtValues(10)));
    await record(await filledWorkbook(fixtureDistrict, '2025-10', districtValues(20)));
    await record(await filledWorkbook(fixtureDistrict, '2025-10', districtValues(30)));
    await record(await filledWorkbook(fixtureOtherDistrict, '2025-10', districtValues(40)));
    const points = await rt.store.valueHistory('fixture-plan', { code: 'F-01' });
    expect(points.map((p) => [p.unitCode, p.month, p.value])).toEqual([
      ['230102', '2025-09', 91], ['230102', '2025-10', 93], ['230103', '2025-10', 94],
    ]);
    const daoli = await rt.store.valueHistory('fixture-plan', { unitCode: '230102', from: '2025-10' });
    expect(new Set(daoli.map((p) => p.month))).toEqual(new Set(['2025-10']));
    expect(daoli).toHaveLength(7);
    const prev = await rt.store.previousValues('fixture-plan', '230102', '2025-10');
    expect(prev).toMatchObject({ month: '2025-09', values: { 'F-01': 91, 'F-03': 43, 'F-06': 1 } });
  });

  it('says who submitted on time, late, not at all, or not yet', async () => {
    // October 2025 is due on 1 November 2025, 08:00 Beijing time = 00:00 UTC.
    expect(rt.store.dueDate('2025-10').toISOString()).toBe('2025-11-01T00:00:00.000Z');
    await record(await filledWorkbook(fixtureDistrict, '2025-10', districtValues(1)), '2025-10-28T03:00:00.000Z');
    await record(await filledWorkbook(fixtureDistrict, '2025-10', districtValues(2)), '2025-11-03T03:00:00.000Z');
    await record(await filledWorkbook(fixtureOtherDistrict, '2025-10', districtValues(3)), '2025-11-01T00:30:00.000Z');
    const after = await rt.store.completeness('fixture-plan', '2025-10', new Date('2025-11-05T00:00:00Z'));
    const byUnit = Object.fromEntries(after.units.map((u) => [u.unitCode, u]));
    expect(byUnit['230102']).toMatchObject({ status: 'submitted', version: 2, firstReceivedAt: '2025-10-28T03:00:00.000Z' });
    expect(byUnit['230103']).toMatchObject({ status: 'late', version: 1 });
    expect(byUnit['230110']).toMatchObject({ status: 'missing', version: null });
    // The city bureau reports the city-level indicator, so it is expected too; other cities' units are not.
    expect(byUnit[fixtureCity.code]!.status).toBe('missing');
    expect(after.counts).toEqual({ expected: districts.length + 1, submitted: 1, late: 1, missing: districts.length - 1, pending: 0 });
    const before = await rt.store.completeness('fixture-plan', '2025-10', new Date('2025-10-30T00:00:00Z'));
    // As of 30 October only the first upload had arrived, and nobody was late yet.
    expect(before.counts).toEqual({ expected: districts.length + 1, submitted: 1, late: 0, missing: 0, pending: districts.length });
    expect(before.units.find((u) => u.unitCode === '230102')).toMatchObject({ version: 1, lastReceivedAt: '2025-10-28T03:00:00.000Z' });
  });
});

describe('schema', () => {
  it('runs each migration once, and the journal mode, durability and page size asked for', async () => {
    const file = join(tmp.dir, 'again.db');
    const first = await openDatabase({ driver: 'sqlite', file, poolSize: 1 });
    await first.close();
    const second = await openDatabase({ driver: 'sqlite', file, poolSize: 1 });
    await second.close();
    const db = new BetterSqlite3(file);
    // Every migration in the list ran exactly once, in order, over two openings.
    expect(db.prepare('select name from kysely_migration order by timestamp, name').all()).toEqual(migrations.map((m) => ({ name: m.name })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('page_size', { simple: true })).toBe(16384);
    db.close();
    const store = await IntakeStore.open({ database: { driver: 'sqlite', file, poolSize: 1 }, intake: rt.config.intake }, intakeCatalog);
    const opened = store.db;
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(opened);
    expect(rows[0]!.synchronous).toBe(2); // FULL
    await store.close();
  });
});
