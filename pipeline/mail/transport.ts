/**
 * How a composed message leaves: to an SMTP server through nodemailer, or — with no server configured — as an .eml
 * file in the outbox folder. Both take the raw bytes the outbox stored, so a retry sends exactly what was composed.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MonthlyRunConfig, SmtpSettings } from '../run/config';

export interface Envelope {
  from: string;
  to: string;
}

export interface MailTransport {
  /** What the mail shows as where it went ("smtp://host:port" or the folder). */
  readonly description: string;
  send(envelope: Envelope, raw: Buffer, file: { planId: string; month: string; kind?: 'report' | 'reminder' }): Promise<{ response: string }>;
  close(): void;
}

/** A send that failed: `permanent` for an SMTP 5xx reply (retrying cannot help), else worth retrying. */
export class DeliveryError extends Error {
  constructor(message: string, readonly permanent: boolean, readonly responseCode: number | null) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export function classifyError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { message?: string; responseCode?: number; code?: string; response?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = e.response ?? e.message ?? String(err);
  return new DeliveryError(`${e.code ? `${e.code}: ` : ''}${text}`, code !== null && code >= 500 && code < 600, code);
}

/** The bare address of a "Name <address>" sender, for the SMTP envelope. */
export function envelopeAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}

export function smtpTransport(config: SmtpSettings & { host: string }): MailTransport {
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.auth ? { auth: config.auth } : {}),
    tls: { rejectUnauthorized: config.rejectUnauthorized },
    // Bounded waits: a hung server must not hold a message's lease forever.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    description: `smtp://${config.host}:${config.port}`,
    async send(envelope, raw) {
      try {
        const info = await transporter.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw });
        return { response: info.response };
      } catch (err) {
        throw classifyError(err);
      }
    },
    close: () => transporter.close(),
  };
}

/**
 * Writes each message as <outbox>/<plan>/<month>/<recipient>.eml — a reminder as <recipient>.reminder.eml, beside
 * the report to the same person (written whole, then renamed into place).
 */
export function fileTransport(dir: string): MailTransport {
  return {
    description: path.resolve(dir),
    async send(envelope, raw, file) {
      const folder = path.join(dir, file.planId, file.month);
      await mkdir(folder, { recursive: true });
      const target = path.join(folder, `${envelope.to.replace(/[^A-Za-z0-9@._-]/g, '_')}${file.kind === 'reminder' ? '.reminder' : ''}.eml`);
      await writeFile(`${target}.tmp`, raw);
      await rename(`${target}.tmp`, target);
      return { response: `saved ${target}` };
    },
    close: () => undefined,
  };
}

/** SMTP when a host is configured, else .eml files in the outbox folder. */
export function transportFor(config: MonthlyRunConfig): MailTransport {
  const { smtp } = config;
  return smtp.host ? smtpTransport({ ...smtp, host: smtp.host }) : fileTransport(config.outboxDir);
}
