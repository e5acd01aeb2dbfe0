/**
 * The monthly run's sections of the configuration (pipeline/config.ts carries them): where mail goes, who gets it,
 * when the run happens, how delivery retries, where reports are written, when units are reminded to submit. Every key can be set in the config file
 * or as PLAN_MONITOR_<SECTION>__<KEY> (e.g. PLAN_MONITOR_SMTP__HOST=mail.jyj.example.gov.cn).
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { validate as validCron } from 'node-cron';

const both = (zh: string, en: string) => `${zh} / ${en}`;
const Address = z.email({ error: both('邮箱地址无效', 'invalid e-mail address') });

export const SmtpSchema = z.strictObject({
  /** No host: nothing is sent over SMTP; each message is saved as an .eml file in `reports.outboxDir`. */
  host: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).default(25),
  /** true: TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  auth: z.strictObject({ user: z.string().min(1), pass: z.string() }).optional(),
  /** false only for a test server with a self-signed certificate. */
  rejectUnauthorized: z.boolean().default(true),
  /** Sender, e.g. "教育局规划监测 <monitor@jyj.example.gov.cn>"; its domain is also the Message-ID's. */
  from: z.string().min(3).default('Plan Monitor <plan-monitor@localhost>'),
});

export const RecipientsSchema = z.strictObject({
  /** City bureau heads: the whole report with the workbook. */
  leadership: z.array(Address).default([]),
  /** 责任单位 exactly as the catalogs name them → addresses: the flags routed to that 责任单位. */
  responsible: z.record(z.string().min(1), z.array(Address)).default({}),
  /** Reporting units by code (templates/units.ts) → addresses: reminders to submit (the `reminders` section). */
  units: z.record(z.string(), z.array(Address)).default({}).superRefine((units, ctx) => {
    for (const code of Object.keys(units)) {
      if (!/^\d{6,12}$/.test(code)) {
        ctx.addIssue({ code: 'custom', path: [code], message: both(`单位代码应为数字，如 230102：${code}`, `a unit code is digits, e.g. 230102: ${code}`) });
      }
    }
  }),
});

export const RemindersSchema = z.strictObject({
  /**
   * Days before a month's intake deadline (intake.deadline) that units which have not submitted get a reminder,
   * once per unit and month; 0: no reminders.
   */
  daysBefore: z.number().int().min(0).max(27).default(3),
  /** When the daily reminder job runs, in the schedule's time zone. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: both('时间应为 HH:MM，如 09:00', 'a time must look like 09:00') }).default('09:00'),
  /** The upload page as units reach it (e.g. https://jyj.example.gov.cn/upload): the reminder links to it. */
  uploadUrl: z.url({ protocol: /^https?$/, error: both('应为 http(s) 网址', 'must be an http(s) URL') }).optional(),
});

export const ScheduleSchema = z.strictObject({
  /** When "run what is due" fires (node-cron syntax; default 08:00 on the 1st). */
  cron: z.string().default('0 8 1 * *').refine((c) => validCron(c), { error: both('无效的 cron 表达式', 'invalid cron expression') }),
  timezone: z.string().default('Asia/Shanghai'),
  /** Months a start-up catches up at most. */
  catchUpMonths: z.number().int().min(1).max(36).default(12),
  /** Plans that get a monthly run; empty: every plan with at least one accepted submission. */
  plans: z.array(z.string()).default([]),
  /** Run the schedule inside `serve` (false when another process runs it). */
  enabled: z.boolean().default(true),
});

export const DeliverySchema = z.strictObject({
  /** First retry after this long, doubled each attempt up to maxDelayMs. */
  retryBaseMs: z.number().int().min(1).default(30_000),
  maxDelayMs: z.number().int().min(1).default(3_600_000),
  /** Attempts before a message that keeps failing temporarily is given up (kept and reported). */
  maxAttempts: z.number().int().min(1).default(10),
  /**
   * A message being sent is leased for this long: a lease left by a process that died is taken over after it
   * expires, a live process's is not — two processes never send the same message at once.
   */
  leaseMs: z.number().int().min(1).default(120_000),
  /** How long one run waits for retries before leaving them to the retry poll. */
  waitBudgetMs: z.number().int().min(0).default(120_000),
  /** How often `serve` looks for messages whose retry has come. */
  pollMs: z.number().int().min(100).default(60_000),
});

export const ReportsSchema = z.strictObject({
  /** Report workbooks, charts and mail previews, one folder per plan and month; default <dataDir>/reports. */
  dir: z.string().min(1).optional(),
  /** Where .eml files go when there is no SMTP host; default <dataDir>/outbox. */
  outboxDir: z.string().min(1).optional(),
  /** CJK font file the charts are drawn with (Debian package fonts-wqy-microhei). */
  chartFont: z.string().min(1).default('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
});

export type SmtpSettings = z.output<typeof SmtpSchema>;
export type DeliveryConfig = z.output<typeof DeliverySchema>;
export type RemindersConfig = z.output<typeof RemindersSchema>;
export type Recipients = z.output<typeof RecipientsSchema>;

/** What the monthly run reads from the configuration, with paths resolved. */
export interface MonthlyRunConfig {
  smtp: SmtpSettings;
  recipients: Recipients;
  schedule: z.output<typeof ScheduleSchema>;
  delivery: DeliveryConfig;
  /** The intake's deadline: day `day` of the following month at `time`, in the schedule's time zone. */
  deadline: { day: number; time: string };
  reminders: RemindersConfig;
  reportsDir: string;
  outboxDir: string;
  chartFont: string;
}

/** The pieces of the whole configuration the run needs (structural, so tests can pass a literal). */
export interface RunConfigSource {
  dataDir: string;
  smtp: SmtpSettings;
  recipients: Recipients;
  schedule: z.output<typeof ScheduleSchema>;
  delivery: DeliveryConfig;
  reports: z.output<typeof ReportsSchema>;
  reminders: RemindersConfig;
  intake: { deadline: { day: number; time: string } };
}

export function monthlyRunConfig(config: RunConfigSource): MonthlyRunConfig {
  return {
    smtp: config.smtp,
    recipients: config.recipients,
    schedule: config.schedule,
    delivery: config.delivery,
    deadline: config.intake.deadline,
    reminders: config.reminders,
    reportsDir: resolve(config.dataDir, config.reports.dir ?? 'reports'),
    outboxDir: resolve(config.dataDir, config.reports.outboxDir ?? 'outbox'),
    chartFont: config.reports.chartFont,
  };
}

/** Defaults of every section, for code that builds a run configuration without a config file (tests, bench). */
export function defaultRunConfig(dataDir: string, overrides: Partial<Omit<RunConfigSource, 'dataDir'>> = {}): MonthlyRunConfig {
  return monthlyRunConfig({
    dataDir,
    smtp: SmtpSchema.parse({}),
    recipients: RecipientsSchema.parse({}),
    schedule: ScheduleSchema.parse({}),
    delivery: DeliverySchema.parse({}),
    reports: ReportsSchema.parse({}),
    reminders: RemindersSchema.parse({}),
    intake: { deadline: { day: 1, time: '08:00' } },
    ...overrides,
  });
}

export function senderOf(config: MonthlyRunConfig): string {
  return config.smtp.from;
}
