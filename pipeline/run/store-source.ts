/**
 * The monthly run's view of the intake's store: each unit's current (latest accepted) submission of a month, when
 * the unit first delivered it and how many versions it sent. Refusals count for neither.
 */
import type { Kysely } from 'kysely';
import type { Entry } from '../../core/schema';
import type { SubmissionRecord } from '../report/model';
import type { IntakeStore } from '../store/store';
import type { IntakeTables } from '../store/tables';
import type { RunDb } from './tables';
import type { SubmissionSource } from './source';
import type { UnitValue } from '../../core/aggregate';

/** The store's database seen with the monthly run's tables (migration 010 adds them to the same database). */
export function runDbOf(db: Kysely<IntakeTables>): RunDb {
  return db as unknown as RunDb;
}

export function storeSource(store: IntakeStore): SubmissionSource {
  return {
    async acceptedSubmissions(planId, month) {
      // Lean queries of the store's tables (the accepted submission is the current one, one per unit and month by
      // the store's index): a large city's month is tens of thousands of entries, read once, no column spare.
      const current = await store.db.selectFrom('submissions as s')
        .leftJoin('tokens as t', 't.id', 's.submitted_by')
        .select(['s.unit_code', 's.received_at', 's.submitted_by', 's.version', 't.label'])
        .where('s.plan_id', '=', planId).where('s.month', '=', month).where('s.status', '=', 'accepted')
        .execute();
      const first = await store.db.selectFrom('submissions')
        .select(['unit_code', (eb) => eb.fn.min<string>('received_at').as('first')])
        .where('plan_id', '=', planId).where('month', '=', month).where('status', 'in', ['accepted', 'superseded'])
        .groupBy('unit_code')
        .execute();
      const firstByUnit = new Map(first.map((f) => [f.unit_code, f.first]));
      const rows = await store.db.selectFrom('entries as e')
        .innerJoin('submissions as s', 's.id', 'e.submission_id')
        .select(['s.unit_code', 'e.code', 'e.value', 'e.numerator', 'e.denominator', 'e.explanation'])
        .where('s.plan_id', '=', planId).where('s.month', '=', month).where('s.status', '=', 'accepted')
        .execute();
      const entries = new Map<string, Entry[]>();
      for (const r of rows) {
        let list = entries.get(r.unit_code!);
        if (!list) entries.set(r.unit_code!, (list = []));
        list.push({ code: r.code, value: r.value, numerator: r.numerator, denominator: r.denominator, explanation: r.explanation });
      }
      return current.map((s): SubmissionRecord => {
        const who = s.label ?? s.submitted_by;
        return {
          unitCode: s.unit_code!,
          entries: entries.get(s.unit_code!) ?? [],
          firstAcceptedAt: firstByUnit.get(s.unit_code) ?? s.received_at,
          acceptedAt: s.received_at,
          // Versions are numbered among accepted submissions: the current one's number is how many were sent.
          versions: s.version ?? 1,
          ...(who ? { submittedBy: who } : {}),
        };
      });
    },

    async submittedUnits(planId, month) {
      const rows = await store.db.selectFrom('submissions').select('unit_code')
        .where('plan_id', '=', planId).where('month', '=', month).where('status', '=', 'accepted').execute();
      return rows.map((r) => r.unit_code!);
    },

    async *acceptedValues(planId, month) {
      // One join over the plan-and-month index, only the columns the roll-up needs.
      yield await store.db.selectFrom('entries as e')
        .innerJoin('submissions as s', 's.id', 'e.submission_id')
        .select(['s.unit_code as unitCode', 'e.code', 'e.value', 'e.numerator', 'e.denominator'])
        .where('s.plan_id', '=', planId).where('s.month', '=', month).where('s.status', '=', 'accepted')
        .execute() as UnitValue[];
    },

    async plansWithSubmissions() {
      const rows = await store.db.selectFrom('submissions').select('plan_id').distinct().where('status', '=', 'accepted').execute();
      return rows.map((r) => r.plan_id).filter((id): id is string => id !== null);
    },
  };
}

