/**
 * The catalogs Plan Monitor ships: one plan per seed, and the reporting units of each city.
 * Every plan is validated by the zod schema when this module loads, so a bad catalog stops start-up with the
 * schema's message instead of surfacing later as a wrong number.
 */
import { PlanSchema, UnitSchema, type Plan, type Unit } from '../core/schema';
import { plan as harbin14th } from './plans/harbin-14th-fyp';
import { plan as harbin2023 } from './plans/harbin-2023-work';
import { plan as jiamusi14th } from './plans/jiamusi-14th-fyp';
import { plan as harbinIntegration } from './plans/harbin-integration-2035';
import { plan as hulunbuir2025 } from './plans/hulunbuir-2025-measures';
import { units as unitList } from './units';

export const plans: Plan[] = [harbin14th, harbin2023, jiamusi14th, harbinIntegration, hulunbuir2025].map((p) => PlanSchema.parse(p));
export const units: Unit[] = unitList.map((u) => UnitSchema.parse(u));

export function findPlan(id: string): Plan | undefined {
  return plans.find((p) => p.id === id);
}

export function findUnit(code: string): Unit | undefined {
  return units.find((u) => u.code === code);
}

/** The units that report on a plan: the city bureau and every unit under it. */
export function unitsOfPlan(plan: Plan): Unit[] {
  return units.filter((u) => u.city === plan.city);
}
