/**
 * Each saved flag records since when its subject has been open (`open_since`), so that the next month's report
 * reads one month of flags to carry it on, not the whole unbroken run back (run/flag-age.ts). Existing flags are
 * filled in month by month, as the reports would have computed them.
 */
import type { Kysely, Transaction } from 'kysely';
import type { StoreMigration } from './types';
import { addMonths } from '../../../core/month';

interface FlagRow {
  flag_key: string;
  subject: string;
  plan_id: string;
  month: string;
  created_at: string;
}

interface Db {
  flags: FlagRow & { open_since: string | null };
}

export const flagOpenSince040: StoreMigration = {
  name: '040-flag-open-since',
  async up(unknownDb: Kysely<unknown>) {
    const db = unknownDb as unknown as Kysely<Db>;
    await db.schema.alterTable('flags').addColumn('open_since', 'text').execute();
    // SQLite runs migrations outside a transaction: one for the backfill, so that it costs one disk sync.
    const backfill = async (trx: Kysely<Db> | Transaction<Db>) => {
      const rows = await trx.selectFrom('flags').select(['flag_key', 'subject', 'plan_id', 'month', 'created_at'])
        .orderBy('plan_id').orderBy('month').execute();
      let plan = '';
      let month = '';
      let previous = new Map<string, string>();
      let current = new Map<string, string>();
      for (const r of rows) {
        if (r.plan_id !== plan || r.month !== month) {
          previous = r.plan_id === plan && r.month === addMonths(month, 1) ? current : new Map();
          current = new Map();
          plan = r.plan_id;
          month = r.month;
        }
        const since = previous.get(r.subject) ?? r.created_at;
        current.set(r.subject, since);
        await trx.updateTable('flags').set({ open_since: since }).where('flag_key', '=', r.flag_key).execute();
      }
    };
    if (db.isTransaction) await backfill(db);
    else await db.transaction().execute(backfill);
  },
};
