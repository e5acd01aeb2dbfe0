/**
 * Values a person might type into a template, varied deterministically by a seed: plain numbers, "98.5%" text,
 * "1,050" with a thousands separator, 是/否, numerators and denominators, and an explanation on every third row.
 * Shared by the benchmarks so that they read the same kind of workbook.
 */
import type { TemplateLayout } from '../core/layout';
import type { Plan } from '../core/schema';
import type { FieldValues } from '../pipeline/workbook/fill';

export function syntheticValues(layout: TemplateLayout, plan: Plan, seed: number): Record<string, FieldValues> {
  const values: Record<string, FieldValues> = {};
  layout.rows.forEach((row, i) => {
    const indicator = plan.indicators.find((x) => x.code === row.code)!;
    const r = (seed * 31 + i * 17) % 100;
    const explanation = r % 3 === 0 ? `第${i + 1}项：受生源变化影响，本月进度偏慢，已制定整改措施，下月补齐。` : null;
    if (row.entry === 'ratio') values[row.code] = { numerator: 850 + r, denominator: 1000, explanation };
    else if (indicator.kind === 'milestone') values[row.code] = { value: r % 2 ? '是' : '否', explanation };
    else if (indicator.unit === '%') values[row.code] = { value: r % 4 === 0 ? `${98 + (r % 20) / 10}%` : 98 + (r % 20) / 10, explanation };
    else values[row.code] = { value: r % 5 === 0 ? `1,${String(r).padStart(3, '0')}` : r * 3, explanation };
  });
  return values;
}
