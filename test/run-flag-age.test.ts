/**
 * How long a flag has been open, carried month to month: each saved flag keeps its subject's `open_since`, and
 * migration 040 fills it in for flags saved before it, as the reports would have computed it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../pipeline/store/database';
import { migrations } from '../pipeline/store/migrations';
import { openSinceOf } from '../pipeline/run/flag-age';
import type { MonthlyRunTables, RunDb } from '../pipeline/run/tables';

const PLAN = 'plan-a';
const flag = (month: string, subject: string, createdAt: string) => ({
  flag_key: `${month}|${subject}`, subject, plan_id: PLAN, month, unit_code: '230102', code: 'X-01', kind: 'below_trajectory',
  severity: 'warning', message: '低于进度', message_en: 'Below', explanation: null, created_at: createdAt,
});

describe('open since', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'pm-flag-age-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migration 040 carries the start of an unbroken run of months; a month without the flag starts it again', async () => {
    const file = path.join(dir, 'plan-monitor.db');
    const before = await openDatabase({ driver: 'sqlite', file, poolSize: 1 }, migrations.filter((m) => m.name < '040'));
    const old = before.db as unknown as Kysely<Omit<MonthlyRunTables, 'flags'> & { flags: Omit<MonthlyRunTables['flags'], 'open_since'> }>;
    await old.insertInto('flags').values([
      flag('2025-08', 'A', '2025-09-01T00:00:00.000Z'), flag('2025-09', 'A', '2025-10-01T00:00:00.000Z'), flag('2025-10', 'A', '2025-11-01T00:00:00.000Z'),
      flag('2025-08', 'B', '2025-09-01T00:00:00.000Z'), flag('2025-10', 'B', '2025-11-01T00:00:00.000Z'),
    ]).execute();
    await before.close();

    const after = await openDatabase({ driver: 'sqlite', file, poolSize: 1 });
    try {
      const db = after.db as unknown as RunDb;
      const rows = await db.selectFrom('flags').select(['flag_key', 'open_since']).orderBy('flag_key').execute();
      expect(Object.fromEntries(rows.map((r) => [r.flag_key, r.open_since]))).toEqual({
        '2025-08|A': '2025-09-01T00:00:00.000Z', '2025-08|B': '2025-09-01T00:00:00.000Z',
        '2025-09|A': '2025-09-01T00:00:00.000Z',
        '2025-10|A': '2025-09-01T00:00:00.000Z', '2025-10|B': '2025-11-01T00:00:00.000Z',
      });
      // November's report: A has been open since August's run; B since October's; anything else is new.
      const since = await openSinceOf(db, PLAN, '2025-11');
      expect(since.get('A')).toBe('2025-09-01T00:00:00.000Z');
      expect(since.get('B')).toBe('2025-11-01T00:00:00.000Z');
      expect(since.has('C')).toBe(false);
    } finally {
      await after.close();
    }
  });
});
