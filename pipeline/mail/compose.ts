/**
 * Composes the month's messages as raw RFC 5322 bytes, ready for the outbox: one message per recipient, so that
 * each is sent, retried and recorded on its own ("once per recipient per month"), with a Message-ID that depends
 * only on plan, month and recipient — a resent copy is recognisably the same message.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { ReportChart } from '../charts/report-charts';
import type { FlagRow, ReportModel } from '../report/model';
import { chartCid, leadershipMail, responsibleMail } from './html';

export interface Recipients {
  leadership: string[];
  /** 责任单位 (as the catalog names it) → addresses. */
  responsible: Record<string, string[]>;
}

export interface ComposedMessage {
  recipient: string;
  /** leadership and responsible: the monthly report; unit: a reminder to submit (pipeline/run/reminders.ts). */
  audience: 'leadership' | 'responsible' | 'unit';
  /** The 责任单位 whose flags the message carries (responsible mail), or the unit codes a reminder is for. */
  responsible: string[];
  subject: string;
  messageId: string;
  raw: Buffer;
}

export interface ComposeInput {
  model: ReportModel;
  charts: ReportChart[];
  workbook: { name: string; bytes: Buffer };
  /** Builds the workbook of flags routed to a 责任单位 (only asked for when one has flags). */
  flagsWorkbook: (rows: FlagRow[], names: string[]) => Promise<{ name: string; bytes: Buffer }>;
  recipients: Recipients;
  from: string;
}

export interface ComposeResult {
  messages: ComposedMessage[];
  /** 责任单位 with flags this month but no address configured: their flags reach leadership only. */
  unrouted: string[];
}

export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** A reminder has its own Message-ID: mail clients show one message per Message-ID, and it is not the report. */
export function messageIdFor(planId: string, month: string, recipient: string, from: string, kind: 'report' | 'reminder' = 'report'): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'plan-monitor.local';
  const who = createHash('sha256').update(normaliseAddress(recipient)).digest('hex').slice(0, 16);
  return `<plan-monitor.${kind === 'reminder' ? 'reminder.' : ''}${planId}.${month}.${who}@${domain}>`;
}

export async function composeMessages(input: ComposeInput): Promise<ComposeResult> {
  const { model, recipients } = input;
  const leadership = [...new Set(recipients.leadership.map(normaliseAddress))];
  const messages: ComposedMessage[] = [];

  const lead = leadershipMail(model, input.charts, input.workbook.name);
  for (const to of leadership) {
    messages.push(await build(input, to, 'leadership', [], lead, [
      { filename: input.workbook.name, content: input.workbook.bytes, contentType: XLSX },
      ...input.charts.map((c) => ({ filename: `${c.id}.png`, content: c.png, cid: chartCid(c), contentType: 'image/png', contentDisposition: 'inline' as const })),
    ]));
  }

  // A person in several 责任单位 gets one message with all their flags; leadership already has everything.
  const byAddress = new Map<string, string[]>();
  const unrouted: string[] = [];
  for (const name of model.routed.keys()) {
    const addresses = (recipients.responsible[name] ?? []).map(normaliseAddress);
    if (addresses.length === 0) unrouted.push(name);
    for (const address of addresses) {
      if (leadership.includes(address)) continue;
      byAddress.set(address, [...(byAddress.get(address) ?? []), name]);
    }
  }
  for (const [to, names] of byAddress) {
    const rows = uniqueRows(names.flatMap((n) => model.routed.get(n) ?? []));
    const attachment = await input.flagsWorkbook(rows, names);
    const mail = responsibleMail(model, names, rows, attachment.name);
    messages.push(await build(input, to, 'responsible', names, mail, [
      { filename: attachment.name, content: attachment.bytes, contentType: XLSX },
    ]));
  }
  return { messages, unrouted };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function uniqueRows(rows: FlagRow[]): FlagRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
}

/** What buildMessage needs: the message's place in the outbox (plan, month, recipient, kind) and its content. */
export interface MessageParts {
  planId: string;
  month: string;
  from: string;
  to: string;
  date: Date;
  kind: 'report' | 'reminder';
  audience: ComposedMessage['audience'];
  responsible: string[];
  /** What the X-Plan-Monitor header says after the plan and month. */
  header: string;
  mail: { subject: string; html: string; text: string };
  attachments?: Mail.Attachment[];
}

/** A message compiled once, as the outbox keeps it: its Message-ID derives from plan, month, recipient and kind. */
export async function buildMessage(m: MessageParts): Promise<ComposedMessage> {
  const messageId = messageIdFor(m.planId, m.month, m.to, m.from, m.kind);
  const raw = await new MailComposer({
    from: m.from, to: m.to, subject: m.mail.subject, html: m.mail.html, text: m.mail.text, attachments: m.attachments ?? [],
    messageId, date: m.date, headers: { 'X-Plan-Monitor': `${m.planId}; ${m.month}; ${m.header}` },
  }).compile().build();
  return { recipient: m.to, audience: m.audience, responsible: m.responsible, subject: m.mail.subject, messageId, raw };
}

function build(
  input: ComposeInput, to: string, audience: ComposedMessage['audience'], responsible: string[],
  mail: { subject: string; html: string; text: string }, attachments: Mail.Attachment[],
): Promise<ComposedMessage> {
  return buildMessage({
    planId: input.model.plan.id, month: input.model.month, from: input.from, to, date: new Date(input.model.generatedAt),
    kind: 'report', audience, responsible, header: audience, mail, attachments,
  });
}
