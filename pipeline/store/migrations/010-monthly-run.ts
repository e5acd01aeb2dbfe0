/**
 * The monthly run's tables:
 *  - monthly_runs: the ledger, one row per plan and month — what makes a run idempotent and resumable;
 *  - outbox: every composed message, with its raw bytes, until it is sent or given up (one per recipient, month);
 *  - flags: the flags a run raised, by stable key (the add-in's review mode lists them);
 *  - flag_reviews: supervisors' decisions, carried into later reports by the flag's subject.
 */
import type { Kysely } from 'kysely';
import type { StoreMigration } from './types';

/** Ids are text (random UUIDs) rather than auto-increment integers: the same DDL runs on SQLite and PostgreSQL. */
export const monthlyRun010: StoreMigration = {
  name: '010-monthly-run',
  async up(db: Kysely<unknown>, { binary }) {
    await db.schema
      .createTable('monthly_runs')
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      // composing → sending → done
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('composed_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('report_path', 'text')
      .addColumn('summary', 'text')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('monthly_runs_pk', ['plan_id', 'month'])
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      // Position in the month's composition: leadership first, then the 责任单位, as they were composed.
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('responsible', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('raw', binary, (c) => c.notNull())
      // pending → sending → sent | failed
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('last_response_code', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addUniqueConstraint('outbox_once_per_recipient', ['plan_id', 'month', 'recipient'])
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbox_by_month').on('outbox').columns(['plan_id', 'month', 'seq']).execute();

    await db.schema
      .createTable('flags')
      .addColumn('flag_key', 'text', (c) => c.primaryKey())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('message_en', 'text', (c) => c.notNull())
      .addColumn('responsible', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('explanation', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('flags_by_month').on('flags').columns(['plan_id', 'month']).execute();

    await db.schema
      .createTable('flag_reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('flag_key', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('due_by', 'text')
      .execute();
    await db.schema.createIndex('flag_reviews_by_subject').on('flag_reviews').columns(['plan_id', 'subject']).execute();
  },
};
