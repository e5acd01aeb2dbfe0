/**
 * What the pane's three buttons do, apart from the DOM: insert the template, check the entries, submit the file.
 * Each step is one Excel.run with a fixed number of syncs (insert 2, check 2, submit 2 + the file read), so that a
 * plan with 80 indicators costs the same round trips as one with 8.
 */
import { addMonths } from '../../core/month';
import { buildLayout, type TemplateLayout, type TemplateMeta } from '../../core/layout';
import type { Month, Plan, Unit } from '../../core/schema';
import { validateInputs, type EntryIssue, type ValidationResult } from '../../core/validate';
import { drawTemplate } from './excel/draw-template';
import { markIssues } from './excel/mark-issues';
import { readWorkbook, type WorkbookSnapshot } from './excel/read-workbook';

export interface ExcelHost {
  /** Excel.run in the real host; the simulated host in tests. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** The document's bytes (getFileAsync, compressed, sliced). */
  fileBytes(): Promise<Uint8Array>;
  /** ExcelApi 1.9 is there (page setup); the template works without it. */
  supportsPageLayout: boolean;
}

export interface InsertRequest {
  plan: Plan;
  unit: Unit;
  month: Month;
  /** Last month's values from the intake (GET /api/previous), when it answered. */
  previousFromServer: Record<string, number | null> | null;
}

export interface InsertResult {
  layout: TemplateLayout;
  /** Where the 上月值 column came from. */
  previousSource: 'server' | 'sheet' | 'none';
  /** The sheet was there and was redrawn (not added). */
  refreshed: boolean;
  /** Entries of the same month kept through the redraw. */
  carried: number;
}

export async function insertTemplate(host: ExcelHost, request: InsertRequest): Promise<InsertResult> {
  const { plan, unit, month } = request;
  return host.run(async (context) => {
    const snapshot = await readWorkbook(context);
    const fromSheet = previousFromSheet(snapshot, plan, unit, month);
    const previous = { ...(fromSheet ?? {}), ...(request.previousFromServer ?? {}) };
    const layout = buildLayout({ plan, unit, month, previous });
    const carry = sameTemplate(snapshot.meta, plan, unit, month) ? carryInputs(layout, snapshot) : {};
    await drawTemplate(context, layout, snapshot, { carry, pageLayout: host.supportsPageLayout });
    const source = request.previousFromServer && Object.keys(request.previousFromServer).length > 0 ? 'server' : fromSheet ? 'sheet' : 'none';
    return { layout, previousSource: source, refreshed: snapshot.hasTemplate, carried: Object.keys(carry).length };
  });
}

function sameTemplate(meta: TemplateMeta | null, plan: Plan, unit: Unit, month: Month): boolean {
  return meta !== null && meta.planId === plan.id && meta.unitCode === unit.code && meta.month === month && meta.templateVersion === plan.version;
}

/**
 * Last month's entries read from the sheet itself when it holds last month's template of the same plan, unit and
 * catalog version — the pane can show them even when the intake cannot be reached.
 */
export function previousFromSheet(snapshot: WorkbookSnapshot, plan: Plan, unit: Unit, month: Month): Record<string, number | null> | null {
  const meta = snapshot.meta;
  if (!meta || !sameTemplate(meta, plan, unit, addMonths(month, -1))) return null;
  const oldLayout = buildLayout({ plan, unit, month: meta.month });
  const { entries } = validateInputs(oldLayout, plan, unit, snapshot.cells);
  const values = Object.fromEntries(entries.filter((e) => e.value !== null).map((e) => [e.code, e.value]));
  return Object.keys(values).length > 0 ? values : null;
}

function carryInputs(layout: TemplateLayout, snapshot: WorkbookSnapshot): Record<string, string | number | boolean> {
  const carry: Record<string, string | number | boolean> = {};
  for (const input of layout.inputs) {
    const value = snapshot.cells[input.address]?.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') carry[input.address] = value;
  }
  return carry;
}

export type CheckProblem =
  | { kind: 'no_template' }
  | { kind: 'unknown_plan'; meta: TemplateMeta }
  | { kind: 'unknown_unit'; meta: TemplateMeta }
  | { kind: 'outdated'; meta: TemplateMeta; current: number };

export interface CheckReport {
  meta: TemplateMeta;
  plan: Plan;
  unit: Unit;
  layout: TemplateLayout;
  result: ValidationResult;
  /** Errors, and shortfalls without an explanation: each one blocks submission. */
  blocking: EntryIssue[];
}

export type CheckOutcome = { ok: true; report: CheckReport } | { ok: false; problem: CheckProblem };

/** Reads the workbook (one sync), validates with the core, marks the cells (one sync). */
export async function checkWorkbook(host: ExcelHost, plans: Plan[], units: Unit[]): Promise<CheckOutcome> {
  return host.run(async (context) => {
    const snapshot = await readWorkbook(context);
    const found = recognise(snapshot, plans, units);
    if (!found.ok) return found;
    const { meta, plan, unit } = found;
    const layout = buildLayout({ plan, unit, month: meta.month });
    const result = validateInputs(layout, plan, unit, snapshot.cells);
    await markIssues(context, layout, result.issues, snapshot.protected);
    return { ok: true, report: { meta, plan, unit, layout, result, blocking: blockingIssues(result.issues) } };
  });
}

export function blockingIssues(issues: EntryIssue[]): EntryIssue[] {
  return issues.filter((i) => i.severity === 'error' || i.code === 'explanation_required');
}

function recognise(snapshot: WorkbookSnapshot, plans: Plan[], units: Unit[]):
  | { ok: true; meta: TemplateMeta; plan: Plan; unit: Unit }
  | { ok: false; problem: CheckProblem } {
  const meta = snapshot.meta;
  if (!snapshot.hasTemplate || !meta) return { ok: false, problem: { kind: 'no_template' } };
  const plan = plans.find((p) => p.id === meta.planId);
  if (!plan) return { ok: false, problem: { kind: 'unknown_plan', meta } };
  if (plan.version !== meta.templateVersion) return { ok: false, problem: { kind: 'outdated', meta, current: plan.version } };
  const unit = units.find((u) => u.code === meta.unitCode);
  if (!unit) return { ok: false, problem: { kind: 'unknown_unit', meta } };
  return { ok: true, meta, plan, unit };
}
