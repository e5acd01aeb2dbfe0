/**
 * The receipt the intake returns for every upload, and its wording. The add-in's task pane and the intake's plain
 * upload page show the same receipt with the same words (WPS users see what Excel users see).
 */
import { z } from 'zod';
import { MonthSchema } from './schema';
import { monthLabelZh, monthLabelEn } from './month';

export const ReceiptIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** A1 address on the template sheet, or null for a workbook-level problem. */
  cell: z.string().nullable(),
  code: z.string().nullable(),
  zh: z.string(),
  en: z.string(),
});
export type ReceiptIssue = z.infer<typeof ReceiptIssueSchema>;

export const ReceiptSchema = z.object({
  /** accepted: stored as the unit's current submission for the month; duplicate: identical bytes already stored;
   *  refused: nothing stored as accepted (the reasons are in issues). */
  status: z.enum(['accepted', 'duplicate', 'refused']),
  submissionId: z.string().nullable(),
  planId: z.string().nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  month: MonthSchema.nullable(),
  /** 1 for the first submission of the unit for the month, 2 for the first resubmission … */
  version: z.number().int().nullable(),
  /** The submission this one supersedes (kept in history, never erased). */
  supersedes: z.string().nullable(),
  receivedAt: z.string(),
  fileHash: z.string().nullable(),
  counts: z
    .object({ entries: z.number(), met: z.number(), onTrack: z.number(), atRisk: z.number(), short: z.number(), missing: z.number() })
    .nullable(),
  issues: z.array(ReceiptIssueSchema),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export type Lang = 'zh' | 'en';

/** The headline of a receipt, e.g. "已受理：道里区 2025年10月 第2版". */
export function receiptHeadline(receipt: Receipt, lang: Lang): string {
  const month = receipt.month ? (lang === 'zh' ? monthLabelZh(receipt.month) : monthLabelEn(receipt.month)) : '';
  const who = receipt.unitName ?? receipt.unitCode ?? '';
  if (lang === 'zh') {
    switch (receipt.status) {
      case 'accepted':
        return `已受理：${who} ${month} 第${receipt.version ?? 1}版`;
      case 'duplicate':
        return `已收到过相同文件：${who} ${month} 第${receipt.version ?? 1}版，未重复保存`;
      case 'refused':
        return `未受理：发现 ${receipt.issues.filter((i) => i.severity === 'error').length} 个问题，请修改后重新提交`;
    }
  }
  switch (receipt.status) {
    case 'accepted':
      return `Accepted: ${who} ${month}, version ${receipt.version ?? 1}`;
    case 'duplicate':
      return `Already received: identical file for ${who} ${month} (version ${receipt.version ?? 1}); not stored twice`;
    case 'refused':
      return `Not accepted: ${receipt.issues.filter((i) => i.severity === 'error').length} problem(s) found; please correct and resubmit`;
  }
}

/** The lines under the headline: what was counted, what it replaces, when it was received. */
export function receiptDetails(receipt: Receipt, lang: Lang): string[] {
  const lines: string[] = [];
  const c = receipt.counts;
  if (c) {
    lines.push(
      lang === 'zh'
        ? `共 ${c.entries} 项指标：达到目标 ${c.met}，符合进度 ${c.onTrack}，接近进度 ${c.atRisk}，低于进度 ${c.short}，未填 ${c.missing}`
        : `${c.entries} indicators: met ${c.met}, on track ${c.onTrack}, at risk ${c.atRisk}, short ${c.short}, blank ${c.missing}`,
    );
  }
  if (receipt.supersedes) {
    lines.push(lang === 'zh' ? '本次提交替代上一版本，历史版本仍保留。' : 'This replaces the previous version, which is kept in the history.');
  }
  const at = new Date(receipt.receivedAt);
  if (!Number.isNaN(at.getTime())) {
    lines.push(lang === 'zh' ? `接收时间：${formatShanghaiTime(at)}` : `Received: ${formatShanghaiTime(at)} (Beijing time)`);
  }
  if (receipt.fileHash) lines.push(`${lang === 'zh' ? '文件指纹' : 'File fingerprint'}：${receipt.fileHash.slice(0, 12)}`);
  return lines;
}

/** "2025-11-01 08:00" in Beijing time, whatever the machine's zone. */
export function formatShanghaiTime(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 16).replace('T', ' ');
}

/** One issue as a line: "H12：…" */
export function issueLine(issue: ReceiptIssue, lang: Lang): string {
  const text = lang === 'zh' ? issue.zh : issue.en;
  return issue.cell ? `${issue.cell}${lang === 'zh' ? '：' : ': '}${text}` : text;
}
