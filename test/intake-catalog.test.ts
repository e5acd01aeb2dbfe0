/**
 * The intake with the catalogs the product ships: a Harbin district submits on the Harbin 14th Five-Year plan over
 * HTTP, Jiamusi's token sees only Jiamusi, and the completeness lists exactly the units that report on the plan.
 */
import type { FieldValues } from '../pipeline/workbook/fill';
import { fillTemplate } from '../pipeline/workbook/fill';
import { renderTemplate } from '../pipeline/workbook/render-template';
import { ReceiptSchema } from '../core/receipt';
import { buildLayout, indicatorsFor } from '../core/layout';
import type { Plan, Unit } from '../core/schema';
import { startServer, type RunningServer } from '../pipeline/server/start';
import type { Runtime } from '../pipeline/intake/runtime';
import { findPlan, plans, units } from '../templates';
import { tempDir, testRuntime } from './fixtures/intake-harness';

let tmp: ReturnType<typeof tempDir>;
let rt: Runtime;
let server: RunningServer;

beforeAll(async () => {
  tmp = tempDir('intake-catalog');
  rt = await testRuntime(tmp.dir, {}, { plans, units });
  server = await startServer(rt);
});

afterAll(async () => {
  await server.close();
  await rt.close();
  tmp.cleanup();
});

/** Plausible entries for every input of a unit's template: rates from 90 of 100, yes for milestones, 50 otherwise. */
async function filled(plan: Plan, unit: Unit, month: string): Promise<Buffer> {
  const layout = buildLayout({ plan, unit, month });
  const values: Record<string, FieldValues> = {};
  for (const row of layout.rows) {
    const indicator = plan.indicators.find((i) => i.code === row.code)!;
    values[row.code] = row.entry === 'ratio' ? { numerator: 90, denominator: 100, explanation: '按计划推进' }
      : indicator.kind === 'milestone' ? { value: '是' } : { value: Math.min(indicator.range?.max ?? 50, 50), explanation: '按计划推进' };
  }
  return fillTemplate(await renderTemplate(layout), layout, values);
}

async function api(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  return { status: res.status, json: await res.json() };
}

describe('the shipped catalogs', () => {
  it('take a Harbin district\'s workbook on the Harbin 14th Five-Year plan, and show it to the city only', async () => {
    const plan = findPlan('harbin-14th-fyp')!;
    const daoli = units.find((u) => u.code === '230102')!;
    const token = (await rt.store.tokens.issue({ kind: 'unit', unitCode: daoli.code, city: daoli.city })).secret;
    const sent = await api('/api/submissions', token, {
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(await filled(plan, daoli, '2025-10')),
    });
    expect(sent.status).toBe(201);
    const receipt = ReceiptSchema.parse(sent.json);
    expect(receipt).toMatchObject({ status: 'accepted', planId: 'harbin-14th-fyp', unitCode: '230102', version: 1 });
    expect(receipt.counts!.entries).toBe(indicatorsFor(plan, daoli).length);

    const jiamusi = units.find((u) => u.city === '230800' && u.parent !== null)!;
    const other = (await rt.store.tokens.issue({ kind: 'unit', unitCode: jiamusi.code, city: jiamusi.city })).secret;
    const visible = (await api('/api/catalog', other)).json as Plan[];
    expect(visible.map((p) => p.id)).toEqual(plans.filter((p) => p.city === '230800').map((p) => p.id));
    expect((await api('/api/submissions?unit=230102', other)).status).toBe(403);

    const admin = (await rt.store.tokens.issue({ kind: 'admin', city: '230100' })).secret;
    const completeness = (await api('/api/completeness?plan=harbin-14th-fyp&month=2025-10', admin)).json as { units: { unitCode: string; version: number | null }[] };
    const reporting = units.filter((u) => u.city === plan.city && indicatorsFor(plan, u).length > 0).map((u) => u.code);
    expect(completeness.units.map((u) => u.unitCode)).toEqual(reporting);
    expect(completeness.units.find((u) => u.unitCode === '230102')!.version).toBe(1);
  });
});
