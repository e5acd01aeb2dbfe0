/**
 * Where the monthly run reads accepted submissions from. The store implements it over its tables; the run itself
 * only needs these three questions answered.
 */
import type { Month, Plan } from '../../core/schema';
import { addValue, emptyTable, type MonthTable, type Roster, type UnitValue } from '../../core/aggregate';
import type { SubmissionRecord } from '../report/model';

export interface SubmissionSource {
  /** Each unit's latest accepted submission for the month, with its first accepted time and version count. */
  acceptedSubmissions(planId: string, month: Month): Promise<SubmissionRecord[]>;
  /**
   * Each unit's values in its latest accepted submission of a month, as flat rows in batches: a year of a large
   * city is a million values, tabulated batch by batch rather than held as objects.
   */
  acceptedValues(planId: string, month: Month): AsyncIterable<UnitValue[]>;
  /** The units with an accepted submission for the month (who has submitted, without reading any value). */
  submittedUnits(planId: string, month: Month): Promise<string[]>;
  /** Plans with at least one accepted submission. */
  plansWithSubmissions(): Promise<string[]>;
}

/** A month's table of the units' current values (the roll-up's input), read from a source batch by batch. */
export async function monthTable(source: SubmissionSource, plan: Plan, roster: Roster, month: Month): Promise<MonthTable> {
  const table = emptyTable(plan, roster, month);
  for await (const batch of source.acceptedValues(plan.id, month)) for (const value of batch) addValue(table, value);
  return table;
}

/** A source over data already in memory (plain inputs: tests, benchmarks, imports). */
export function memorySource(data: { planId: string; month: Month; submissions: SubmissionRecord[] }[]): SubmissionSource {
  const find = (planId: string, month: Month) => data.find((d) => d.planId === planId && d.month === month)?.submissions ?? [];
  return {
    acceptedSubmissions: async (planId, month) => find(planId, month),
    async *acceptedValues(planId, month) {
      yield find(planId, month).flatMap((s) => s.entries.map((e) => ({ unitCode: s.unitCode, ...e })));
    },
    submittedUnits: async (planId, month) => find(planId, month).map((s) => s.unitCode),
    plansWithSubmissions: async () => [...new Set(data.filter((d) => d.submissions.length > 0).map((d) => d.planId))],
  };
}
