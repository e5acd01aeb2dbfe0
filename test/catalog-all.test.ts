/**
 * Checks that hold for every catalog: it validates against the schema, every citation is the seed's own wording,
 * codes are stable and unique, and contradictions are recorded with exactly one governing value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanSchema } from '../core/schema';
import { plans, units, unitsOfPlan } from '../templates';

const seedDir = join(__dirname, '..', 'templates', 'seeds');
const seedText = (file: string) => readFileSync(join(seedDir, file), 'utf8');

describe.each(plans.map((p) => [p.id, p] as const))('catalog %s', (_id, plan) => {
  it('validates against the schema', () => {
    expect(() => PlanSchema.parse(plan)).not.toThrow();
  });

  it('cites its seed verbatim for every indicator and target', () => {
    const source = seedText(plan.source);
    for (const indicator of plan.indicators) {
      const seed = indicator.citation.file === plan.source ? source : seedText(indicator.citation.file);
      expect({ code: indicator.code, found: seed.includes(indicator.citation.text) }).toEqual({ code: indicator.code, found: true });
      for (const target of indicator.targets) {
        if (!target.citation) continue;
        const targetSeed = seedText(target.citation.file);
        expect({ code: indicator.code, year: target.year, found: targetSeed.includes(target.citation.text) })
          .toEqual({ code: indicator.code, year: target.year, found: true });
      }
    }
  });

  it('has unique codes and something to monitor against for every indicator', () => {
    const codes = plan.indicators.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    // A target, or a monitoring line such as seed 003's "three rounds 20 points below the urban average", which
    // sets a warning line for scores without stating a goal.
    for (const indicator of plan.indicators) {
      const monitored = indicator.targets.length > 0 || indicator.consecutiveRule !== undefined;
      expect({ code: indicator.code, monitored }).toEqual({ code: indicator.code, monitored: true });
    }
  });

  it('keeps exactly one governing target per year where the source states two', () => {
    for (const indicator of plan.indicators) {
      const years = new Set(indicator.targets.map((t) => t.year));
      for (const year of years) {
        const governing = indicator.targets.filter((t) => t.year === year && t.governs !== false);
        expect({ code: indicator.code, year, governing: governing.length }).toEqual({ code: indicator.code, year, governing: 1 });
      }
    }
  });

  it('has reporting units for its city', () => {
    expect(unitsOfPlan(plan).length).toBeGreaterThan(1);
  });
});

it('ships the five seeds as five plans', () => {
  expect(plans.map((p) => p.source).sort()).toEqual([
    '000_ae3b4986d9475e9d.txt',
    '001_d46118f7129ddb40.txt',
    '002_d70858b1bb74f32d.txt',
    '003_55db37f863060bcc.txt',
    '004_0d76b15f74354ee4.txt',
  ]);
  expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
});
