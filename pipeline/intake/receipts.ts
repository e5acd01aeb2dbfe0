/** Receipts as the intake issues them (core/receipt.ts holds their schema and wording). */
import type { Receipt, ReceiptIssue } from '../../core/receipt';
import type { Evaluation } from '../../core/schema';

export function counts(evaluations: Evaluation[]): NonNullable<Receipt['counts']> {
  const n = (status: Evaluation['status']) => evaluations.filter((e) => e.status === status).length;
  return { entries: evaluations.length, met: n('met'), onTrack: n('on_track'), atRisk: n('at_risk'), short: n('short'), missing: n('missing') };
}

/** A refusal decided before the workbook is read (too large): nothing stored, one workbook-level issue. */
export function tooLargeReceipt(limit: number, size?: number, receivedAt = new Date().toISOString()): Receipt {
  return {
    status: 'refused', submissionId: null, planId: null, unitCode: null, unitName: null, month: null, version: null,
    supersedes: null, receivedAt, fileHash: null, counts: null, issues: [tooLargeIssue(limit, size)],
  };
}

export function sizeLabel(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function tooLargeIssue(limit: number, size?: number): ReceiptIssue {
  const sizeZh = size === undefined ? '' : `（${sizeLabel(size)}）`;
  const sizeEn = size === undefined ? '' : ` (${sizeLabel(size)})`;
  return {
    severity: 'error', cell: null, code: 'too_large',
    zh: `文件过大${sizeZh}，上传上限为 ${sizeLabel(limit)}；指标模板通常只有几十 KB，请确认选择的是填好的模板`,
    en: `The file is too large${sizeEn}; the upload limit is ${sizeLabel(limit)}. A template is usually a few dozen KB: check that you chose the filled template`,
  };
}

/** The HTTP status a receipt is answered with: 201 stored, 200 already stored, 422 refused. */
export function receiptStatusCode(receipt: Receipt): 201 | 200 | 422 {
  return receipt.status === 'accepted' ? 201 : receipt.status === 'duplicate' ? 200 : 422;
}
