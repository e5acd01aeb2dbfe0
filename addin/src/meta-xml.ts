/**
 * The template's metadata as the custom XML part the add-in stores in the workbook (namespace META_NAMESPACE).
 * The pane writes this part on insert and reads it back to recognise the sheet later; the very hidden meta sheet
 * holds the same facts for readers that do not see custom XML parts (exceljs, WPS, the intake's fast reader).
 * Only our own fixed format is read here, so a small reader suffices (no DOMParser: it runs under Node in tests).
 */
import { META_NAMESPACE, type TemplateMeta } from '../../core/layout';
import { MonthSchema } from '../../core/schema';

const FIELDS = ['templateId', 'templateVersion', 'layoutRevision', 'planId', 'unitCode', 'month'] as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

export function metaToXml(meta: TemplateMeta): string {
  const body = FIELDS.map((f) => `<${f}>${escapeXml(String(meta[f]))}</${f}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><templateMeta xmlns="${META_NAMESPACE}">${body}</templateMeta>`;
}

/** The metadata in a custom XML part, or null when the part is not ours or incomplete. */
export function metaFromXml(xml: string): TemplateMeta | null {
  if (!xml.includes(`xmlns="${META_NAMESPACE}"`)) return null;
  const read = (field: string): string | null => {
    const m = new RegExp(`<(?:\\w+:)?${field}>([^<]*)</(?:\\w+:)?${field}>`).exec(xml);
    return m ? unescapeXml(m[1] ?? '') : null;
  };
  return metaFromPairs(read);
}

/** The metadata from the very hidden sheet's key/value rows (column A keys, column B values). */
export function metaFromRows(rows: unknown[][]): TemplateMeta | null {
  const pairs = new Map(rows.map((r) => [String(r[0] ?? ''), r[1] === undefined || r[1] === null ? null : String(r[1])]));
  return metaFromPairs((f) => pairs.get(f) ?? null);
}

function metaFromPairs(read: (field: string) => string | null): TemplateMeta | null {
  const values = FIELDS.map(read);
  if (values.some((v) => v === null || v === '')) return null;
  const [templateId, templateVersion, layoutRevision, planId, unitCode, month] = values as string[];
  const version = Number(templateVersion);
  const revision = Number(layoutRevision);
  if (!Number.isInteger(version) || !Number.isInteger(revision) || !MonthSchema.safeParse(month).success) return null;
  return { templateId: templateId!, templateVersion: version, layoutRevision: revision, planId: planId!, unitCode: unitCode!, month: month! };
}
