/**
 * Opens the store's database through Kysely: SQLite by default (better-sqlite3, one file, WAL with
 * synchronous=FULL so that a commit survives a power cut), PostgreSQL by configuration — the same queries run on
 * both. Runs pending migrations before anything else touches the tables.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect, type Migration, type SqliteDatabase, type SqliteStatement, type Transaction } from 'kysely';
import type { Config } from '../config';
import { ConfigError } from '../config';
import { migrations, type MigrationContext, type StoreMigration } from './migrations';
import type { IntakeTables } from './tables';

export interface OpenedDatabase<T = IntakeTables> {
  db: Kysely<T>;
  dialect: MigrationContext['dialect'];
  close(): Promise<void>;
}

export async function openDatabase(config: Config['database'], list: StoreMigration[] = migrations): Promise<OpenedDatabase> {
  const { dialect, name } = config.driver === 'postgres' ? postgresDialect(config) : sqliteDialect(config.file);
  const db = new Kysely<IntakeTables>({ dialect });
  try {
    await migrate(db, name, list);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, dialect: name, close: () => db.destroy() };
}

/**
 * Called first in a transaction that reads what it then writes. SQLite: such a transaction cannot wait for another
 * process's commit (it fails with SQLITE_BUSY), while an UPDATE waits under busy_timeout — so one that matches no row
 * takes the write lock up front. PostgreSQL's row locks and constraints need nothing here.
 */
export async function takeWriteLock<T>(trx: Transaction<T>, dialect: OpenedDatabase['dialect']): Promise<void> {
  if (dialect === 'sqlite') await sql`update tokens set id = id where 1 = 0`.execute(trx);
}

function sqliteDialect(file: string): { dialect: Dialect; name: 'sqlite' } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // 16 KB pages rather than 4 KB, for a database of whole workbooks (15 KB each) and tens of entry rows per upload:
  // measured on 3,000 files, a fifth less CPU time in the store (commits a third shorter), and an upload committed
  // alone no slower within this machine's noise. Only a new database takes it: the page size is fixed once tables
  // exist or the journal is WAL, so the pragma comes first and leaves an existing file as it is.
  sqlite.pragma('page_size = 16384');
  // WAL: readers do not block the writer; FULL: each commit is on disk before the receipt goes out.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  return { dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), name: 'sqlite' };
}

/** Prepared statements kept, by SQL text: the store's queries are few, its batch inserts come in a few fixed sizes. */
const STATEMENT_CACHE_SIZE = 128;

/**
 * Kysely's SQLite driver prepares every query it runs; compiling the statement cost as much as running the intake's
 * multi-row inserts. better-sqlite3 statements are reusable, and Kysely runs one query at a time on its single
 * connection (a mutex), so a statement is never used twice at once: each SQL text is prepared once.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string): SqliteStatement {
      const hit = statements.get(sqlText);
      if (hit) {
        statements.delete(sqlText);
        statements.set(sqlText, hit);
        return hit;
      }
      const statement = sqlite.prepare(sqlText);
      statements.set(sqlText, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

function postgresDialect(config: Config['database']): { dialect: Dialect; name: 'postgres' } {
  let pg: { Pool: new (opts: object) => unknown };
  try {
    // Loaded only when configured: a one-machine installation needs no PostgreSQL client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pg = require('pg');
  } catch {
    throw new ConfigError('已配置 PostgreSQL，但未安装其客户端：请运行 npm install pg',
      'PostgreSQL is configured but its client is not installed: run npm install pg');
  }
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize });
  return { dialect: new PostgresDialect({ pool: pool as never }), name: 'postgres' };
}

export async function migrate(db: Kysely<unknown> | Kysely<IntakeTables>, dialect: MigrationContext['dialect'], list: StoreMigration[]): Promise<string[]> {
  checkOrder(list);
  const ctx: MigrationContext = { dialect, binary: dialect === 'postgres' ? 'bytea' : 'blob' };
  const provider = {
    getMigrations: async () => Object.fromEntries(list.map((m): [string, Migration] => [m.name, {
      up: (d) => m.up(d, ctx),
      ...(m.down ? { down: (d: Kysely<unknown>) => m.down!(d, ctx) } : {}),
    }])),
  };
  const { error, results } = await new Migrator({ db: db as Kysely<unknown>, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移 ${failed} 失败：${detail} / database migration ${failed} failed: ${detail}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The list is run in name order: a migration appended with a name that sorts earlier would run out of turn. */
function checkOrder(list: StoreMigration[]): void {
  list.forEach((m, i) => {
    const prev = list[i - 1];
    if (prev && prev.name >= m.name) {
      throw new Error(`迁移顺序有误：${m.name} 排在 ${prev.name} 之后 / migrations out of order: ${m.name} after ${prev.name}`);
    }
  });
}
