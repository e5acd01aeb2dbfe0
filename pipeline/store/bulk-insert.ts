/**
 * Multi-row INSERTs of many plain rows, compiled without Kysely's query builder. Building a 500-row insert through
 * the builder (a node per value, then compiled) cost the intake more than SQLite's own work on the same rows; here
 * the statement text depends only on the table, the columns and the row count, so it is built once and the store's
 * statement cache (database.ts) prepares it once. Values are always bound parameters, never spliced into the text.
 */
import { CompiledQuery } from 'kysely';
import type { MigrationContext } from './migrations';

type Dialect = MigrationContext['dialect'];

const statements = new Map<string, string>();

/** The INSERT for `count` rows, with the dialect's placeholders (? for SQLite, $1… for PostgreSQL). */
export function insertStatement(dialect: Dialect, table: string, columns: readonly string[], count: number): string {
  const key = `${dialect}|${table}|${columns.join(',')}|${count}`;
  let text = statements.get(key);
  if (!text) {
    let n = 0;
    const placeholder = dialect === 'postgres' ? () => `$${++n}` : () => '?';
    const rows = Array.from({ length: count }, () => `(${columns.map(placeholder).join(', ')})`);
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${rows.join(', ')}`;
    statements.set(key, text);
  }
  return text;
}

/**
 * Inserts `rows` in statements of at most `perStatement` rows (SQLite binds at most 32,766 parameters, PostgreSQL
 * 65,535). Columns are named by the caller, not taken from the rows, so a row's extra keys are never written.
 * `between` is awaited after each statement (the store yields to the event loop there).
 */
export async function insertRows<Row extends object, Column extends keyof Row & string>(
  db: { executeQuery(query: CompiledQuery): Promise<unknown> },
  dialect: Dialect,
  table: string,
  columns: readonly Column[],
  rows: readonly Row[],
  perStatement: number,
  between?: () => Promise<void>,
): Promise<void> {
  let start = 0;
  while (start < rows.length) {
    const chunk = rows.slice(start, start + chunkSize(rows.length - start, perStatement));
    start += chunk.length;
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of columns) parameters.push(row[column] ?? null);
    await db.executeQuery(CompiledQuery.raw(insertStatement(dialect, table, columns, chunk.length), parameters));
    await between?.();
  }
}

/**
 * `perStatement` rows while that many remain, then the largest power of two that fits: a batch of any size is
 * written with statements of a few sizes only, so the statement cache holds a few large prepared inserts, not one
 * per remainder (a 500-row insert is a large prepared program).
 */
export function chunkSize(remaining: number, perStatement: number): number {
  if (remaining >= perStatement) return perStatement;
  return 2 ** Math.floor(Math.log2(remaining));
}
