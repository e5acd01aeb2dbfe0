/**
 * The intake's tables: tokens, files (original bytes by content hash), submissions (every upload, accepted,
 * superseded or refused) and their entries, and the drop folder's journal.
 *
 * Indexes carry the rules the code relies on, so that two writers (two processes on PostgreSQL) cannot break them:
 * one version number per plan × unit × month, and at most one accepted (current) submission per plan × unit × month.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './types';

export const intake001: StoreMigration = {
  name: '001-intake',
  async up(db: Kysely<unknown>, { binary }) {
    await db.schema.createTable('tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('unit', 'supervisor', 'admin')`))
      .addColumn('unit_code', 'text')
      .addColumn('city', 'text')
      .addColumn('responsible', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema.createTable('files')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('bytes', binary, (c) => c.notNull())
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createTable('submissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text')
      .addColumn('unit_code', 'text')
      .addColumn('month', 'text')
      .addColumn('template_version', 'integer')
      .addColumn('file_hash', 'text', (c) => c.notNull().references('files.hash'))
      .addColumn('file_name', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text')
      .addColumn('version', 'integer')
      .addColumn('supersedes', 'text')
      .addColumn('superseded_by', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('accepted', 'superseded', 'refused')`))
      .addColumn('reason', 'text')
      .addColumn('receipt', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('submissions_version').unique()
      .on('submissions').columns(['plan_id', 'unit_code', 'month', 'version']).execute();
    await db.schema.createIndex('submissions_one_current').unique()
      .on('submissions').columns(['plan_id', 'unit_code', 'month']).where(sql.ref('status'), '=', 'accepted').execute();
    await db.schema.createIndex('submissions_unit_month').on('submissions').columns(['unit_code', 'month']).execute();
    await db.schema.createIndex('submissions_plan_month').on('submissions').columns(['plan_id', 'month', 'status']).execute();
    await db.schema.createIndex('submissions_file').on('submissions').columns(['file_hash']).execute();

    await db.schema.createTable('entries')
      .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision')
      .addColumn('numerator', 'double precision')
      .addColumn('denominator', 'double precision')
      .addColumn('explanation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('expected', 'double precision')
      .addColumn('year_target', 'double precision')
      .addColumn('gap', 'double precision')
      .addColumn('gap_relative', 'double precision')
      .addColumn('shortfall', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('entries_pk', ['submission_id', 'code'])
      .execute();

    await db.schema.createTable('drop_journal')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('submission_id', 'text')
      .addColumn('receipt', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('moved_to', 'text')
      .execute();
    await db.schema.createIndex('drop_journal_pending').on('drop_journal').columns(['state', 'file_name']).execute();
  },
};
