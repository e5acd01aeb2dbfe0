/**
 * Supervisors' review (issue 6):
 *  - review_events: the audit trail — every decision on a flag, send-back (退回), lock (report issued) and unlock,
 *    with who and when. Decisions live here from now on (the latest per subject counts); the rows of flag_reviews
 *    are copied in, so that reports keep every earlier decision;
 *  - send_backs: a returned submission, open until the unit's next accepted submission for the month closes it;
 *  - month_unlocks: one unit's issued month opened for one correction, closed by the accepted submission.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './types';

/** Text ids (random UUIDs), text timestamps: the same DDL runs on SQLite and PostgreSQL. */
export const review020: StoreMigration = {
  name: '020-review',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('review_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('decision', 'send_back', 'lock', 'unlock')`))
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text')
      .addColumn('flag_key', 'text')
      .addColumn('subject', 'text')
      .addColumn('submission_id', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('actor_label', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('status', 'text')
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('action', 'text')
      .addColumn('due_by', 'text')
      .execute();
    await db.schema.createIndex('review_events_by_month').on('review_events').columns(['plan_id', 'month', 'unit_code']).execute();
    await db.schema.createIndex('review_events_by_subject').on('review_events').columns(['plan_id', 'subject']).execute();

    await db.schema
      .createTable('send_backs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('submission_id', 'text', (c) => c.notNull())
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('by_actor', 'text', (c) => c.notNull())
      .addColumn('by_label', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('closed_by_submission', 'text')
      .execute();
    await db.schema.createIndex('send_backs_by_unit_month').on('send_backs').columns(['plan_id', 'unit_code', 'month']).execute();
    await db.schema.createIndex('send_backs_by_submission').on('send_backs').columns(['submission_id']).execute();

    await db.schema
      .createTable('month_unlocks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('by_actor', 'text', (c) => c.notNull())
      .addColumn('by_label', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('send_back_id', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_by_submission', 'text')
      .execute();
    // At most one open unlock per unit and month: two supervisors unlocking at once cannot open two corrections.
    await db.schema.createIndex('month_unlocks_one_open').unique()
      .on('month_unlocks').columns(['plan_id', 'unit_code', 'month']).where(sql.ref('closed_at'), 'is', null).execute();

    // Decisions recorded before this migration (flag_reviews) join the audit trail, so that reports keep them.
    await sql`insert into review_events (id, kind, plan_id, month, unit_code, flag_key, subject, submission_id, actor,
        actor_label, at, status, comment, action, due_by)
      select r.id, 'decision', r.plan_id, r.month, f.unit_code, r.flag_key, r.subject, null, r.reviewer, r.reviewer, r.at,
        r.status, r.comment, null, r.due_by
      from flag_reviews r left join flags f on f.flag_key = r.flag_key`.execute(db);
  },
};
