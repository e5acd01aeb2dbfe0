/**
 * Reminder mails go through the same outbox as the reports. The outbox gains `kind` ('report' | 'reminder'), and
 * "once" becomes once per plan × month × recipient × kind: the report on October and the reminder to submit
 * October's data are two messages to the same person, and each of them can exist only once — a second reminder
 * for the same plan, month and address cannot be stored, so it cannot be sent.
 *
 * SQLite cannot drop a table's unique constraint, so the table is rebuilt (create, copy, drop, rename, indexes
 * again) — plain DDL that PostgreSQL runs the same way. Existing rows are reports.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './types';

export const reminders030: StoreMigration = {
  name: '030-reminders',
  async up(db: Kysely<unknown>, { binary }) {
    // SQLite runs migrations outside a transaction: a rebuild interrupted before its rename left this behind.
    await db.schema.dropTable('outbox_030').ifExists().execute();
    await db.schema
      .createTable('outbox_030')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      // report: the monthly report (leadership, 责任单位); reminder: a unit's reminder to submit the month's data.
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('report').check(sql`kind in ('report', 'reminder')`))
      .addColumn('seq', 'integer', (c) => c.notNull())
      // leadership | responsible (report) | unit (reminder)
      .addColumn('audience', 'text', (c) => c.notNull())
      // The 责任单位 a report message carries, or the unit codes a reminder is for (JSON).
      .addColumn('responsible', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('raw', binary, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('last_response_code', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addUniqueConstraint('outbox_once_per_recipient_kind', ['plan_id', 'month', 'recipient', 'kind'])
      .execute();
    const columns = [
      'id', 'plan_id', 'month', 'recipient', 'seq', 'audience', 'responsible', 'subject', 'message_id', 'raw', 'status',
      'attempts', 'next_attempt_at', 'lease_until', 'last_error', 'last_response_code', 'created_at', 'sent_at',
    ];
    const list = sql.join(columns.map((c) => sql.ref(c)));
    await sql`insert into ${sql.table('outbox_030')} (${list}, ${sql.ref('kind')}) select ${list}, 'report' from ${sql.table('outbox')}`.execute(db);
    // Dropping the table drops its indexes; they are made again on the new one under the same names.
    await db.schema.dropTable('outbox').execute();
    await db.schema.alterTable('outbox_030').renameTo('outbox').execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbox_by_month').on('outbox').columns(['plan_id', 'month', 'kind', 'seq']).execute();
  },
};
