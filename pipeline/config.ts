/**
 * The pipeline's configuration: a JSON file (default ./plan-monitor.config.json when present) overlaid with
 * environment variables (PLAN_MONITOR_*), validated with zod. Every default runs on one machine with nothing set:
 * data under ./var, an SQLite file, HTTP on 127.0.0.1:8787, a drop folder under ./var/drop.
 *
 * The schema is one object of sections (`configSections`); a part of the pipeline that needs settings adds its own
 * section there (e.g. `smtp: SmtpSchema.prefault({})`) and gets file, environment and error messages for free:
 * PLAN_MONITOR_<SECTION>__<KEY> sets any key (PLAN_MONITOR_SERVER__PORT=9000).
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DeliverySchema, RecipientsSchema, RemindersSchema, ReportsSchema, ScheduleSchema, SmtpSchema } from './run/config';

/** "中文 / English": a config message is read by an administrator who may read either. */
const both = (zh: string, en: string) => `${zh} / ${en}`;

const PathSchema = z.string().min(1, { error: both('路径不能为空', 'a path cannot be empty') });

const OriginSchema = z.string().regex(/^https?:\/\/[^/\s]+$/, {
  error: both('应为网页来源，如 https://addin.example.cn:3000（不带路径）', 'must be an origin such as https://addin.example.cn:3000 (no path)'),
});

const DatabaseSchema = z
  .strictObject({
    /** sqlite: one file, zero set-up (the default); postgres: a server, with `url` (needs `npm install pg`). */
    driver: z.enum(['sqlite', 'postgres'], { error: both('只能是 sqlite 或 postgres', 'must be sqlite or postgres') }).default('sqlite'),
    /** SQLite file; default <dataDir>/plan-monitor.db. */
    file: PathSchema.optional(),
    /** PostgreSQL connection string, e.g. postgres://plan:secret@db.local/plan_monitor. */
    url: z.string().regex(/^postgres(ql)?:\/\//, { error: both('应以 postgres:// 开头', 'must start with postgres://') }).optional(),
    /** PostgreSQL pool size. */
    poolSize: z.number().int().min(1).max(100).default(10),
  })
  .refine((d) => d.driver !== 'postgres' || d.url !== undefined, {
    error: both('使用 postgres 时必须设置 database.url（PLAN_MONITOR_DATABASE_URL）', 'database.url (PLAN_MONITOR_DATABASE_URL) is required with driver postgres'),
    path: ['url'],
  });

const ServerSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    /** 0 picks a free port (tests). */
    port: z.number({ error: both('端口应为数字', 'the port must be a number') })
      .int().min(0).max(65535, { error: both('端口应在 0–65535 之间', 'the port must be between 0 and 65535') }).default(8787),
    /** HTTPS when both are set: PEM files. */
    tls: z.strictObject({ key: PathSchema, cert: PathSchema }).optional(),
    /** Origins of the Excel add-in's task pane, answered for CORS (the pane runs on another origin). */
    addinOrigins: z.array(OriginSchema).default([]),
    /** A template is tens of KB; anything above this is answered 413 before it is read. */
    maxUploadBytes: z.number().int().min(64 * 1024, { error: both('上传上限不应小于 64 KB', 'the upload limit should be at least 64 KB') })
      .max(100 * 1024 * 1024).default(10 * 1024 * 1024),
    /** Requests per token (or per address without one) and window. */
    rateLimit: z.strictObject({ max: z.number().int().min(1).default(120), windowSeconds: z.number().int().min(1).default(60) }).prefault({}),
    /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
    trustProxy: z.boolean().default(false),
  });

const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: both('时间应为 HH:MM，如 08:00', 'a time must look like 08:00') });

const IntakeSchema = z.strictObject({
  /** Workbooks saved from mail or copied from a share are picked up here; default <dataDir>/drop. */
  dropFolder: PathSchema.optional(),
  /** Watch the drop folder while `serve` runs. */
  watchDropFolder: z.boolean().default(true),
  /** How often the drop folder is scanned; polling works on network shares, where file events do not. */
  dropPollSeconds: z.number().min(0.1).max(3600).default(5),
  /** A file is taken only when it has not changed for this long (a copy still in progress is left alone). */
  dropSettleSeconds: z.number().min(0).max(3600).default(2),
  /**
   * When a month's submission is due: day `day` of the following month at `time`, Beijing time (the monthly run
   * on the 1st at 08:00 reports the month before). After it, a first submission is late.
   */
  deadline: z.strictObject({ day: z.number().int().min(1).max(28).default(1), time: TimeSchema.default('08:00') }).prefault({}),
});

/** The sections of the configuration. Add a section here (with `.prefault({})` so that it may be left out). */
export const configSections = {
  /** Where the database, uploads and drop folder live by default. */
  dataDir: PathSchema.default('./var'),
  database: DatabaseSchema.prefault({}),
  server: ServerSchema.prefault({}),
  intake: IntakeSchema.prefault({}),
  // The monthly run (pipeline/run/config.ts): mail server, recipients, schedule, delivery retries, report files,
  // and the reminders to units that have not submitted before the deadline.
  smtp: SmtpSchema.prefault({}),
  recipients: RecipientsSchema.prefault({}),
  schedule: ScheduleSchema.prefault({}),
  delivery: DeliverySchema.prefault({}),
  reports: ReportsSchema.prefault({}),
  reminders: RemindersSchema.prefault({}),
};

export const ConfigSchema = z.strictObject(configSections);
export type ConfigInput = z.input<typeof ConfigSchema>;

/** The parsed configuration with every path made absolute and every derived default filled in. */
export type Config = z.output<typeof ConfigSchema> & {
  dataDir: string;
  database: z.output<typeof DatabaseSchema> & { file: string };
  intake: z.output<typeof IntakeSchema> & { dropFolder: string };
  /** The file the configuration was read from, if any. */
  source: string | null;
};

export const DEFAULT_CONFIG_FILE = 'plan-monitor.config.json';

/** Friendly names for the settings changed most; any key can also be set as PLAN_MONITOR_<SECTION>__<KEY>. */
const ENV_ALIASES: Record<string, string[]> = {
  PLAN_MONITOR_DATA_DIR: ['dataDir'],
  PLAN_MONITOR_DB: ['database', 'file'],
  PLAN_MONITOR_DATABASE_URL: ['database', 'url'],
  PLAN_MONITOR_HOST: ['server', 'host'],
  PLAN_MONITOR_PORT: ['server', 'port'],
  PLAN_MONITOR_TLS_KEY: ['server', 'tls', 'key'],
  PLAN_MONITOR_TLS_CERT: ['server', 'tls', 'cert'],
  PLAN_MONITOR_ADDIN_ORIGINS: ['server', 'addinOrigins'],
  PLAN_MONITOR_MAX_UPLOAD_BYTES: ['server', 'maxUploadBytes'],
  PLAN_MONITOR_DROP_FOLDER: ['intake', 'dropFolder'],
};

/** Bad configuration, said in both languages; the CLI prints `message` and exits. */
export class ConfigError extends Error {
  constructor(readonly messageZh: string, readonly messageEn: string, readonly problems: string[] = []) {
    super(`${messageZh}\n${messageEn}${problems.length ? `\n${problems.map((p) => `  - ${p}`).join('\n')}` : ''}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** A config file named on the command line; it must exist. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Settings that win over file and environment (tests, command-line flags). */
  overrides?: Record<string, unknown>;
}

export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const source = configFile(opts.file ?? env.PLAN_MONITOR_CONFIG, cwd);
  const fromFile = source ? readConfigFile(source) : {};
  const origins = new Map<string, string>();
  const merged = deepMerge(deepMerge(fromFile, envSettings(env, origins)), opts.overrides ?? {});
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const where = source ? `（配置文件 ${source}）` : '';
    throw new ConfigError(`配置有误${where}：`, `The configuration is invalid${source ? ` (file ${source})` : ''}:`,
      parsed.error.issues.map((issue) => describeIssue(issue, origins)));
  }
  return resolveConfig(parsed.data, cwd, source);
}

function configFile(named: string | undefined, cwd: string): string | null {
  if (named) {
    const path = resolve(cwd, named);
    if (!existsSync(path)) throw new ConfigError(`找不到配置文件：${path}`, `Config file not found: ${path}`);
    return path;
  }
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? fallback : null;
}

function readConfigFile(path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ConfigError(`配置文件不是有效的 JSON：${path}（${detail}）`, `The config file is not valid JSON: ${path} (${detail})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`配置文件应为一个 JSON 对象：${path}`, `The config file must hold a JSON object: ${path}`);
  }
  return value as Record<string, unknown>;
}

/** PLAN_MONITOR_* variables as a settings object; `origins` records which variable set which key (for messages). */
function envSettings(env: NodeJS.ProcessEnv, origins: Map<string, string>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('PLAN_MONITOR_') || raw === undefined || name === 'PLAN_MONITOR_CONFIG') continue;
    const path = ENV_ALIASES[name] ?? genericPath(name);
    if (!path) continue;
    const value = path[path.length - 1] === 'addinOrigins' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : envValue(raw);
    setPath(settings, path, value);
    origins.set(path.join('.'), name);
  }
  return settings;
}

/** PLAN_MONITOR_SERVER__MAX_UPLOAD_BYTES → ['server', 'maxUploadBytes']. */
function genericPath(name: string): string[] | null {
  const rest = name.slice('PLAN_MONITOR_'.length);
  if (!rest.includes('__')) return null;
  return rest.split('__').map((part) => part.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
}

/** Environment values are text: numbers, true/false and JSON arrays are read as such, anything else stays text. */
function envValue(raw: string): unknown {
  const text = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(text) || text === 'true' || text === 'false' || text.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      return raw;
    }
  }
  return raw;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (next && typeof next === 'object' && !Array.isArray(next) ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    const bothObjects = [prev, value].every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    out[key] = bothObjects ? deepMerge(prev as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

/** One problem as a line an administrator can act on: the key, where it was set, what is wrong in both languages. */
function describeIssue(issue: z.core.$ZodIssue, origins: Map<string, string>): string {
  const key = issue.path.join('.') || '(根 / root)';
  const from = origins.get(key);
  const where = from ? `（环境变量 / environment variable ${from}）` : '';
  const text = issue.message.includes(' / ') ? issue.message : defaultMessage(issue);
  return `${key}${where}：${text}`;
}

function defaultMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return both(`类型不对，应为 ${typeZh(issue.expected)}`, `wrong type, expected ${issue.expected}`);
    case 'too_small':
      return both(`不能小于 ${String(issue.minimum)}`, `must be at least ${String(issue.minimum)}`);
    case 'too_big':
      return both(`不能大于 ${String(issue.maximum)}`, `must be at most ${String(issue.maximum)}`);
    case 'unrecognized_keys':
      return both(`未知的配置项：${issue.keys.join('、')}（是否拼写有误？）`, `unknown setting(s): ${issue.keys.join(', ')} (a typo?)`);
    case 'invalid_value':
      return both(`只能是 ${issue.values.map(String).join('、')}`, `must be one of ${issue.values.map(String).join(', ')}`);
    default:
      return both(`取值无效（${issue.message}）`, `invalid value (${issue.message})`);
  }
}

function typeZh(expected: string): string {
  return ({ number: '数字', string: '文本', boolean: 'true 或 false', array: '数组', object: '对象' } as Record<string, string>)[expected] ?? expected;
}

function resolveConfig(parsed: z.output<typeof ConfigSchema>, cwd: string, source: string | null): Config {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const dataDir = abs(parsed.dataDir);
  const tls = parsed.server.tls ? { key: abs(parsed.server.tls.key), cert: abs(parsed.server.tls.cert) } : undefined;
  return {
    ...parsed,
    dataDir,
    database: { ...parsed.database, file: abs(parsed.database.file ?? resolve(dataDir, 'plan-monitor.db')) },
    server: { ...parsed.server, ...(tls ? { tls } : {}) },
    intake: { ...parsed.intake, dropFolder: abs(parsed.intake.dropFolder ?? resolve(dataDir, 'drop')) },
    source,
  };
}
