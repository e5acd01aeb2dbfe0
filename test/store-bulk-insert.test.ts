import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../pipeline/store/database';
import { chunkSize, insertRows, insertStatement } from '../pipeline/store/bulk-insert';

describe('bulk insert', () => {
  it('numbers PostgreSQL placeholders across rows and uses ? for SQLite', () => {
    expect(insertStatement('postgres', 't', ['a', 'b'], 2)).toBe('insert into "t" ("a", "b") values ($1, $2), ($3, $4)');
    expect(insertStatement('sqlite', 't', ['a', 'b'], 2)).toBe('insert into "t" ("a", "b") values (?, ?), (?, ?)');
  });

  it('splits any batch into a few statement sizes: the full size, then powers of two', () => {
    const sizes = (n: number) => {
      const out: number[] = [];
      for (let left = n; left > 0; left -= out[out.length - 1]!) out.push(chunkSize(left, 500));
      return out;
    };
    expect(sizes(1203)).toEqual([500, 500, 128, 64, 8, 2, 1]);
    expect(sizes(40)).toEqual([32, 8]);
    const distinct = new Set(Array.from({ length: 2000 }, (_, i) => sizes(i + 1)).flat());
    expect(distinct.size).toBeLessThanOrEqual(10);
  });

  it('writes every row, in chunks, into a real database file — values bound, never spliced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-bulk-'));
    const opened = await openDatabase({ driver: 'sqlite', file: join(dir, 'store.db'), poolSize: 1 }, []);
    try {
      await opened.db.schema.createTable('t').addColumn('a', 'text').addColumn('b', 'integer').execute();
      const rows = Array.from({ length: 1203 }, (_, i) => ({ a: i === 7 ? `=1+1"); drop table t; --` : `行${i}`, b: i, extra: 'not a column' }));
      await insertRows(opened.db, opened.dialect, 't', ['a', 'b'], rows, 500);
      const db = opened.db as unknown as Kysely<{ t: { a: string; b: number } }>;
      const stored = await db.selectFrom('t').selectAll().orderBy('b').execute();
      expect(stored).toHaveLength(1203);
      expect(stored[7]!.a).toBe(`=1+1"); drop table t; --`);
      expect(stored[1202]).toEqual({ a: '行1202', b: 1202 });
    } finally {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
