/**
 * One upload read into what the store records: the workbook's outcome (the template's entries and evaluations, or
 * every reason it is refused), with the sha256 of its bytes. Plain data, so that a worker thread can send it back.
 *
 * inspectTemplate rather than readTemplate: a refusal then still says which plan, unit and month the workbook
 * claims, which the receipt, the history and a drop folder's reason file show.
 */
import type { TemplateMeta } from '../../core/layout';
import type { ReceiptIssue } from '../../core/receipt';
import type { Evaluation, Plan, Submission, Unit } from '../../core/schema';
import { inspectTemplate, sha256, toReceiptIssue, type RefusalReason } from '../workbook/read-template';
import { ZIP_LIMITS } from '../workbook/zip';

export interface Catalog {
  plans: Plan[];
  units: Unit[];
}

export interface Expectation {
  /** The unit a unit token may submit for. */
  unitCode?: string;
  month?: string;
}

export type ParseOutcome =
  | { ok: true; hash: string; meta: TemplateMeta; submission: Submission; evaluations: Evaluation[]; warnings: ReceiptIssue[] }
  | { ok: false; hash: string; reason: RefusalReason; issues: ReceiptIssue[]; meta: TemplateMeta | null };

export { sha256 };

export async function parseUpload(bytes: Buffer, catalog: Catalog, expect: Expectation = {}, maxBytes = ZIP_LIMITS.maxFileBytes): Promise<ParseOutcome> {
  const found = await inspectTemplate(bytes, { plans: catalog.plans, units: catalog.units, expect, limits: { ...ZIP_LIMITS, maxFileBytes: maxBytes } });
  if (!found.ok) return { ok: false, hash: sha256(bytes), reason: found.reason, issues: found.issues, meta: found.meta ?? null };
  const { meta, plan, unit, validation, fileHash: hash } = found;
  const issues = validation.issues.map(toReceiptIssue);
  if (issues.some((i) => i.severity === 'error')) return { ok: false, hash, reason: 'invalid', issues, meta };
  const submission: Submission = {
    planId: plan.id, unitCode: unit.code, month: meta.month, templateId: meta.templateId,
    templateVersion: meta.templateVersion, entries: validation.entries, fileHash: hash,
  };
  return { ok: true, hash, meta, submission, evaluations: validation.evaluations, warnings: issues };
}
