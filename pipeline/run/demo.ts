/**
 * `plan-monitor demo`: the whole job on one machine, on sample data, with nothing installed by hand.
 *
 *  1. For every unit of the city, sample submissions for the report month and the four months before — filled
 *     into the real indicator template (the workbook a unit gets), saved under <dir>/submissions/, and taken in
 *     through the intake (parse, validate, record) exactly as an upload is. This month: most units on track, some
 *     short with a 情况说明, some short without, one sent an invalid workbook and then a corrected one, one was sent
 *     back (退回) by its supervisor and resubmitted, one typed a denominator with a zero too many, two sent nothing;
 *     one county has trailed the city average on the monitored test for three rounds.
 *  2. The month before is reported as the schedule reports it (08:00 on the 1st), and a supervisor of the plan's
 *     main 责任单位 reviews a few of its flags through the review service, as the add-in does: one explanation
 *     accepted, one action required by a date, one escalated to leadership.
 *  3. The month's run as the schedule runs it: aggregate, evaluate, flag (with the review statuses carried forward
 *     and how long each flag has been open), write the report, compose the mails into the outbox, deliver them to a
 *     local SMTP server started in-process (or, with --no-smtp, as .eml files).
 *  4. The reminder job a few days before the next month's deadline: every unit (none has submitted yet) is reminded
 *     once, at the example address the demo gives it.
 *  5. Prints what was decided and where the report, the mail and the database are, and how to look at review mode.
 *
 * Each step happens at the moment it would in a real month (the demo's clock, not the machine's). The sample values
 * are drawn from each indicator's own trajectory with a fixed seed: the demo gives the same report every time.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { quoteZh } from '../../core/text';
import path from 'node:path';
import type { FlagKind, Indicator, Month, Plan, Unit } from '../../core/schema';
import { addMonths, monthLabelZh } from '../../core/month';
import { buildLayout, indicatorsFor, scopeOf, toleranceFor, type TemplateLayout } from '../../core/layout';
import { expectationFor, finalTarget } from '../../core/trajectory';
import { reportingUnits, rosterOf } from '../../core/aggregate';
import { REVIEW_API, REVIEW_STATUS_LABEL, type ReviewDecision, type ReviewDecisionStatus, type ReviewItem } from '../../core/review';
import { loadConfig, type Config } from '../config';
import type { Catalog } from '../intake/parse';
import { parseUpload } from '../intake/parse';
import { IntakeStore } from '../store/store';
import type { TokenInfo } from '../store/tokens';
import { ReviewService } from '../review/service';
import { renderTemplate } from '../workbook/render-template';
import { addressesOf, type FieldValues } from '../workbook/fill';
import { startCatcher } from '../mail/catcher';
import { formatTimeZh } from '../report/wording';
import { runContextFor } from './service';
import { runDue, type RunContext } from './monthly-run';
import { listOutbox } from './outbox';
import { remindDue } from './reminders';
import { dueAt, submissionDeadline, zonedParts, zonedTime } from './schedule';
import { runDbOf } from './store-source';
import type { RunDb } from './tables';

export interface DemoOptions {
  dir: string;
  smtp: boolean;
  catalog: Catalog;
  log: (line: string) => void;
  /** Default: the Harbin education-integration plan (it names 责任单位 and the three-rounds rule). */
  planId?: string;
  month?: Month;
}

/** A decision the demo's supervisor recorded on a flag of the month before. */
export interface DemoDecision {
  flagKey: string;
  unitCode: string;
  unitName: string;
  code: string | null;
  indicatorName: string | null;
  kind: FlagKind;
  status: ReviewDecisionStatus;
}

export interface DemoResult {
  planId: string;
  month: Month;
  /** The month's report. */
  reportDir: string | null;
  /** The month before's report, run first so that its flags could be reviewed. */
  previousReportDir: string | null;
  database: string;
  mailbox: string;
  files: { accepted: number; refused: number; missing: string[] };
  /** Every message delivered: both reports' and the reminders. */
  messages: number;
  /** The same messages by month and kind, in the outbox's order. */
  mail: { month: Month; kind: 'report' | 'reminder'; count: number }[];
  review: {
    /** The supervisor's token (its secret: shown once, as `token issue` shows it). */
    token: string;
    label: string;
    responsible: string;
    decisions: DemoDecision[];
    /** 退回: the unit whose first version of the month was sent back before its correction came in. */
    sendBack: { unitCode: string; unitName: string; month: Month; reason: string } | null;
  };
  reminders: { month: Month; at: string; deadline: string; reminded: number; noAddress: number };
  configFile: string;
  /** Where `serve --config <configFile>` listens: for review mode and the curl line printed. */
  server: { host: string; port: number };
}

const PREFERRED_PLANS = ['harbin-integration-2035', 'harbin-14th-fyp'];
const HISTORY = 4;

export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const { log, catalog } = opts;
  const dir = path.resolve(opts.dir);
  const plan = pickPlan(catalog, opts.planId);
  const month = opts.month ?? '2025-10';
  const previous = addMonths(month, -1);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const mailbox = path.join(dir, opts.smtp ? 'mailbox' : 'outbox');

  const catcher = opts.smtp ? await startCatcher({ dir: mailbox }) : null;
  const roster = rosterOf(plan, catalog.units);
  const recipients = demoRecipients(plan, reportingUnits(roster));
  // Embedded defaults only: no config file or PLAN_MONITOR_* variable of this machine changes the demo.
  const defaults = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir } });
  // The reminders link to the upload page of `serve --config <the demo's config>`.
  const uploadUrl = `http://${defaults.server.host}:${defaults.server.port}/upload`;
  const config = loadConfig({
    env: {}, cwd: dir,
    overrides: {
      dataDir: dir,
      smtp: catcher ? { host: catcher.host, port: catcher.port, from: '哈尔滨市教育局规划监测 <monitor@harbin-jyj.example.com>' } : {},
      recipients,
      reminders: { uploadUrl },
      schedule: { plans: [plan.id] },
      reports: { outboxDir: mailbox },
    },
  });
  log(`演示 / demo: 《${plan.title}》${monthLabelZh(month)}，数据目录 / data: ${dir}`);
  const store = await IntakeStore.open(config, catalog);
  try {
    // The demo's clock: each step runs at the moment it would in a real month, not at the machine's time.
    const asOf = async <T>(when: Date, job: (ctx: RunContext) => Promise<T>, options: { quiet?: boolean } = {}): Promise<T> => {
      const ctx = runContextFor({ config, catalog, store }, { now: () => when, ...(options.quiet ? {} : { log: (l: string) => log(`  ${l}`) }) });
      try {
        return await job(ctx);
      } finally {
        ctx.transport.close();
      }
    };
    const cast = castUnits(plan, reportingUnits(roster));
    const responsible = mainResponsible(plan);
    const label = `${responsible} 督导（演示）`;
    const { secret, token } = await store.tokens.issue({ kind: 'supervisor', city: plan.city, responsible: [responsible], label });
    const review: DemoResult['review'] = { token: secret, label, responsible, decisions: [], sendBack: null };
    let previousReportDir: string | null = null;

    const files = await submitSamples(store, catalog, plan, cast, month, path.join(dir, 'submissions'), log, {
      afterMonth: async (m) => {
        if (m !== previous) return;
        // The month before as the schedule reported it, so that its flags are there to review. Its mails go to the
        // same local mail server as the month's.
        const runAt = scheduledRun(m, config);
        log(`  按计划运行 ${monthLabelZh(m)} 的月报（${formatTimeZh(runAt.toISOString())}，邮件同样发往本地邮件服务器） / ${m} reported as the schedule would, its mail to the same local server`);
        previousReportDir = (await asOf(runAt, (ctx) => runDue(ctx, 'schedule')))[0]?.reportDir ?? null;
        // A week later the supervisor goes through the list in the add-in's review mode and decides a few.
        const run = zonedParts(runAt, config.schedule.timezone);
        const decidedAt = zonedTime(run.year, run.month, run.day + 8, 10, 30, config.schedule.timezone);
        review.decisions = await reviewSamples(new ReviewService(store, () => decidedAt), token, plan, m, cast, log);
      },
      beforeCorrection: async (who, m, when) => {
        if (m !== month) return;
        review.sendBack = await sendBackSample(new ReviewService(store, () => when), token, plan, who, m, log);
      },
    });

    // The month's run as the schedule makes it: 08:00 on the 1st of the next month, China time.
    const [result] = await asOf(scheduledRun(month, config), (ctx) => runDue(ctx, 'schedule'));
    const reportDir = result?.reportDir ?? null;

    // The reminder job on its first day for the next month: daysBefore days before the deadline, at reminders.time.
    const next = addMonths(month, 1);
    const deadline = submissionDeadline(next, config.intake.deadline, config.schedule.timezone);
    const remindAt = reminderDay(deadline, config);
    // Quiet: the job's own log names every unit; the summary below counts them.
    const reminded = await asOf(remindAt, (ctx) => remindDue(ctx), { quiet: true });
    const plans = reminded.plans.filter((p) => p.month === next);
    const reminders: DemoResult['reminders'] = {
      month: next, at: remindAt.toISOString(), deadline: deadline.toISOString(),
      reminded: plans.reduce((n, p) => n + p.reminded.length, 0), noAddress: plans.reduce((n, p) => n + p.noAddress.length, 0),
    };
    log(`  报送提醒 / reminders（${formatTimeZh(reminders.at)}，${monthLabelZh(next)}数据截止 ${formatTimeZh(reminders.deadline)}）：` +
      `${reminders.reminded} 个未报送单位各提醒 1 封 / unit(s) that have not submitted reminded once each`);

    const messages = catcher ? catcher.messages.length : (await listEml(mailbox)).length;
    const mail = await mailByMonth(runDbOf(store.db));
    // A config file for going on with the demo data by hand (the local SMTP server is gone: mail goes to .eml files).
    // `serve` with it does not keep the schedule: the demo's months are in the past, and a start would catch up every
    // month since on no data.
    const configFile = path.join(dir, 'plan-monitor.config.json');
    await writeFile(configFile, `${JSON.stringify({
      dataDir: dir, recipients, reminders: { uploadUrl }, schedule: { plans: [plan.id], enabled: false },
      reports: { outboxDir: path.join(dir, 'outbox') },
    }, null, 2)}\n`);
    const demo: DemoResult = {
      planId: plan.id, month, reportDir, previousReportDir, database: config.database.file, mailbox, files, messages, mail,
      review, reminders, configFile, server: { host: config.server.host, port: config.server.port },
    };
    await printWhere(demo, log);
    return demo;
  } finally {
    await store.close();
    await catcher?.close();
  }
}

function pickPlan(catalog: Catalog, planId?: string): Plan {
  const wanted = planId ? [planId] : PREFERRED_PLANS;
  for (const id of wanted) {
    const plan = catalog.plans.find((p) => p.id === id);
    if (plan) return plan;
  }
  const fallback = catalog.plans[0];
  if (!fallback || planId) throw new Error(`目录中没有规划 ${planId ?? wanted.join('/')} / no plan ${planId ?? wanted.join('/')} in the catalog`);
  return fallback;
}

/** Leadership, one address per 责任单位 the plan names, and one per reporting unit (for the reminders). */
function demoRecipients(plan: Plan, units: Unit[]): { leadership: string[]; responsible: Record<string, string[]>; units: Record<string, string[]> } {
  const names = [...new Set(plan.indicators.flatMap((i) => i.responsible))];
  return {
    leadership: ['juzhang@harbin-jyj.example.com', 'fujuzhang@harbin-jyj.example.com'],
    responsible: Object.fromEntries(names.map((name, i) => [name, [`zeren${i + 1}@harbin-jyj.example.com`]])),
    units: Object.fromEntries(units.map((u) => [u.code, [`tianbao.${u.code}@harbin-jyj.example.com`]])),
  };
}

/** 08:00 on the 1st of the month after `month` (the default schedule), in the schedule's time zone. */
function scheduledRun(month: Month, config: Config): Date {
  return dueAt(month, config.schedule.cron, config.schedule.timezone);
}

/** The first day the reminder job reminds of `deadline`: reminders.daysBefore calendar days before it, at reminders.time. */
function reminderDay(deadline: Date, config: Config): Date {
  const tz = config.schedule.timezone;
  const d = zonedParts(deadline, tz);
  const day = new Date(Date.UTC(d.year, d.month - 1, d.day - config.reminders.daysBefore));
  const [hour = 9, minute = 0] = config.reminders.time.split(':').map(Number);
  return zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, tz);
}

async function mailByMonth(db: RunDb): Promise<DemoResult['mail']> {
  const rows = await listOutbox(db);
  const out: DemoResult['mail'] = [];
  for (const r of rows) {
    const last = out.at(-1);
    if (last && last.month === r.month && last.kind === r.kind) last.count++;
    else out.push({ month: r.month, kind: r.kind, count: 1 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// the supervisor's review

/** The 责任单位 named on most of the plan's indicators: the demo's supervisor reviews for it. */
function mainResponsible(plan: Plan): string {
  const counts = new Map<string, number>();
  for (const name of plan.indicators.flatMap((i) => i.responsible)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const [name] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  if (name === undefined) throw new Error(`《${plan.title}》未列责任单位 / the plan names no 责任单位: ${plan.id}`);
  return name;
}

/**
 * The supervisor's decisions on the month's flags, as the add-in's review mode sends them (one batch, checked and
 * stored all or none): subjects that are flagged again next month, so that the next report shows them.
 *  - accepted: a unit short with a 情况说明 that lags for a while — the explanation suffices;
 *  - action required: a unit short without one — what to do, by the 15th of the month after next;
 *  - escalated: the county below the city average round after round (else a critical flag of the city's own) —
 *    beyond what a county can turn around alone.
 */
async function reviewSamples(service: ReviewService, token: TokenInfo, plan: Plan, month: Month, cast: UnitPlan[], log: (l: string) => void): Promise<DemoDecision[]> {
  const { items } = await service.list(token, { plan: plan.id, month });
  const lagging = (scenario: Scenario) => new Set(cast.filter((c) => c.scenario === scenario && c.unit.parent !== null).map((c) => c.unit.code));
  const shortIn = (scenario: Scenario) => {
    const units = lagging(scenario);
    return items.find((i) => i.kind === 'below_trajectory' && i.code !== null && units.has(i.unitCode));
  };
  const cityCode = cast.find((c) => c.unit.parent === null)?.unit.code;
  const escalate = items.find((i) => i.kind === 'consecutive_below')
    ?? items.find((i) => i.kind === 'final_target_at_risk' && i.severity === 'critical' && i.unitCode === cityCode);
  const dueBy = `${addMonths(month, 2)}-15`;
  const wanted: [ReviewItem | undefined, (i: ReviewItem) => ReviewDecision][] = [
    [shortIn('short_explained'), (i) => ({
      flagKey: i.flagKey, status: 'accepted',
      comment: `已与${i.unitName}核实：未达进度的原因属实，已有追赶安排，接受说明；下月继续跟踪。`,
    })],
    [shortIn('short_unexplained'), (i) => ({
      flagKey: i.flagKey, status: 'action_required', comment: '未达进度且未说明原因。',
      action: `${i.unitName}报送整改方案：说明${quoteZh(i.indicatorName ?? i.code ?? '')}未达进度的原因、追赶措施和完成时限，并在下次报送时补填情况说明。`,
      dueBy,
    })],
    [escalate, (i) => ({
      flagKey: i.flagKey, status: 'escalated',
      comment: `${i.unitName}${quoteZh(i.indicatorName ?? i.code ?? '')}问题持续，超出区县自身解决能力，提请市局统筹研究、协调资源帮扶。`,
    })],
  ];
  const chosen = wanted.flatMap(([item, decide]) => (item ? [{ item, decision: decide(item) }] : []));
  if (chosen.length === 0) return [];
  const { stored } = await service.decide(token, { decisions: chosen.map((c) => c.decision) });
  log(`  复核 / review（${token.label ?? token.id}）：${monthLabelZh(month)}的 ${stored} 条预警已作出复核结论 / decision(s) recorded`);
  for (const { item, decision } of chosen) {
    const label = REVIEW_STATUS_LABEL[decision.status];
    log(`    ${item.unitName} · ${item.indicatorName ?? item.code ?? '—'}：${label.zh} / ${label.en}${decision.dueBy ? `（整改期限 ${decision.dueBy}）` : ''}`);
  }
  return chosen.map(({ item, decision }) => ({
    flagKey: item.flagKey, unitCode: item.unitCode, unitName: item.unitName, code: item.code, indicatorName: item.indicatorName,
    kind: item.kind, status: decision.status,
  }));
}

/** 退回: the supervisor returns the unit's first version of the month with a reason; its correction comes next. */
async function sendBackSample(service: ReviewService, token: TokenInfo, plan: Plan, unit: Unit, month: Month, log: (l: string) => void): Promise<DemoResult['review']['sendBack']> {
  const reason = '部分比率指标与上月报送及学籍系统数据出入较大，请逐项核实分子、分母后重新报送。';
  await service.sendBack(token, { planId: plan.id, unitCode: unit.code, month, reason });
  log(`  ${unit.name}：${monthLabelZh(month)}第1版被退回（${reason}）/ sent back by ${token.label ?? token.id}`);
  return { unitCode: unit.code, unitName: unit.name, month, reason };
}

// ---------------------------------------------------------------------------------------------------------------
// sample submissions

type Scenario = 'on_track' | 'short_explained' | 'short_unexplained' | 'invalid_then_corrected' | 'resubmitted' | 'typo' | 'missing';

interface UnitPlan {
  unit: Unit;
  /** 0 = the largest unit: sizes scale counts and denominators. */
  size: number;
  scenario: Scenario;
  /** Trails the city average on indicators with a "N rounds below" rule. */
  trailing: boolean;
}

/** The month's cast: who is short, who is missing, who resubmits. Deterministic from the unit list. */
function castUnits(plan: Plan, units: Unit[]): UnitPlan[] {
  const districts = units.filter((u) => u.parent !== null);
  const counties = districts.filter((u) => u.kind !== 'district');
  const trailing = (counties[counties.length - 1] ?? districts[districts.length - 1])?.code;
  // The two missing are two districts other than the trailing county (its three rounds must be on record).
  const missing = districts.filter((d) => d.code !== trailing).slice(-2);
  const roles: Record<number, Scenario> = {
    1: 'short_explained', 2: 'invalid_then_corrected', 3: 'short_unexplained', 4: 'resubmitted',
    6: 'short_explained', 7: 'typo', 8: 'short_unexplained', 11: 'short_explained',
  };
  return units.map((unit) => {
    const i = districts.indexOf(unit);
    const scenario: Scenario = unit.parent === null ? 'short_explained'
      : missing.includes(unit) ? 'missing' : (roles[i] ?? 'on_track');
    return { unit, size: Math.max(0, i), scenario, trailing: unit.code === trailing && plan.indicators.some((x) => x.consecutiveRule) };
  });
}

/** A small deterministic generator (mulberry32), seeded per unit, month and indicator. */
function random(seed: string): () => number {
  let h = 1779033703;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 情况说明 as units write them, by what the indicator is about. */
const EXPLANATIONS: [RegExp, string][] = [
  [/经费|投入|基金|资金|财政/, '专项资金10月下旬才拨付到位，部分项目顺延；已倒排工期，确保年底前完成全年任务。'],
  [/教师|师资|名师|教研|培训/, '乡村学校教师退休较多、补充滞后，已申请年内专项招聘，并安排城区骨干教师轮岗支教。'],
  [/覆盖|设备|网络|带宽|接入|智慧|信息|电脑|班班通/, '设备采购已完成招标，正在分批安装调试；预计12月底前全部到位。'],
  [/课程|课时|实验|STEM/, '部分学校秋季学期课程调整，开课统计口径变化；已逐校核查，下月按新口径补报。'],
  [/学生|体质|入学|升学|一本|成绩/, '受秋季学期学生转学、学籍调整影响，本月数据暂时回落；已逐校核查原因。'],
];
const FALLBACK_EXPLANATION = '受季节性因素影响，本月进度略有滞后；已制定整改措施，预计下月追平进度要求。';

function explanationFor(indicator: Indicator): string {
  const text = `${indicator.category}${indicator.name}`;
  return EXPLANATIONS.find(([pattern]) => pattern.test(text))?.[1] ?? FALLBACK_EXPLANATION;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function clamp(indicator: Indicator, value: number): number {
  const min = indicator.range?.min ?? 0;
  const max = indicator.range?.max ?? (indicator.unit === '%' ? 100 : Number.POSITIVE_INFINITY);
  return Math.min(max, Math.max(min, value));
}

/**
 * Where a unit's value sits: a fixed place per unit and indicator (on or a little ahead of the trajectory, or behind
 * it for the indicators the unit lags on), moving with the trajectory month by month — so trends climb smoothly.
 */
function sampleValue(plan: Plan, indicator: Indicator, who: UnitPlan, month: Month, short: boolean, cityAverage: number | null, monthsBack: number): number {
  const place = random(`${who.unit.code}|${indicator.code}`)();
  const scope = scopeOf(who.unit);
  const sign = indicator.direction === 'lower' ? -1 : 1;
  let expected = expectationFor(indicator, month, scope);
  if (expected === null && indicator.rollup.method === 'sum') {
    const cityExpected = expectationFor(indicator, month, 'city') ?? finalTarget(indicator)?.value ?? 20;
    expected = (cityExpected / 12) * (1.4 - who.size * 0.05);
  }
  // No trajectory (a monitored score without a target): a plausible level within the indicator's range.
  const max = indicator.range?.max;
  if (expected === null) expected = indicator.baseline?.value ?? (max !== undefined ? max * (0.64 + place * 0.01) : indicator.unit === '%' ? 70 : 10);
  if (indicator.kind === 'milestone') return short ? 0 : 1;
  const tolerance = Math.max(toleranceFor(indicator, plan, expected), 10 ** -indicator.decimals);
  if (who.trailing && indicator.consecutiveRule?.relativeTo === 'cityAverage' && cityAverage !== null) {
    return round(clamp(indicator, cityAverage - sign * (indicator.consecutiveRule.below + 4 + place * 3)), indicator.decimals);
  }
  const level = short ? -tolerance * (2.5 + place * 2) : tolerance * place * 0.8;
  // Earlier months a little further from the target: the trend climbs toward this month.
  const value = expected + sign * (level - monthsBack * tolerance * 0.15);
  return round(clamp(indicator, value), indicator.decimals);
}

/** A denominator sized to the unit (a big district counts more children, schools, classes). */
function denominatorFor(indicator: Indicator, who: UnitPlan): number {
  const base = indicator.rollup.method === 'ratio' && indicator.rollup.scale !== 100 ? 40 : 1200;
  return Math.round(base * (1.6 - Math.min(who.size, 12) * 0.08));
}

interface Sample {
  values: Record<string, FieldValues>;
  entries: Record<string, number | null>;
}

function sampleFor(plan: Plan, who: UnitPlan, month: Month, monthsBack: number, cityAverages: Map<string, number>, variant = 0): Sample {
  const indicators = indicatorsFor(plan, who.unit);
  const rnd = random(`${who.unit.code}|cast`);
  // The indicators a unit lags on: two or three, the same every month (a lagging unit lags for a while).
  const shortCodes = new Set<string>();
  if (who.scenario === 'short_explained' || who.scenario === 'short_unexplained') {
    const candidates = indicators.filter((i) => expectationFor(i, month, scopeOf(who.unit)) !== null);
    for (let k = 0; k < Math.min(3, candidates.length); k++) shortCodes.add(candidates[Math.floor(rnd() * candidates.length)]!.code);
  }
  const typo = who.scenario === 'typo' && monthsBack === 0
    ? indicators.find((i) => i.rollup.method === 'ratio' && i.unit === '%' && i.direction === 'higher')?.code : undefined;
  const values: Record<string, FieldValues> = {};
  const entries: Record<string, number | null> = {};
  for (const indicator of indicators) {
    const short = shortCodes.has(indicator.code);
    let value = sampleValue(plan, indicator, who, month, short, cityAverages.get(indicator.code) ?? null, monthsBack);
    if (variant > 0 && indicator.unit === '%') value = round(clamp(indicator, value + 1.2), indicator.decimals);
    const explain = short && monthsBack === 0 && who.scenario === 'short_explained' ? explanationFor(indicator) : null;
    const fields: FieldValues = {};
    if (indicator.rollup.method === 'ratio' && who.unit.parent !== null) {
      const d = denominatorFor(indicator, who);
      fields.numerator = Math.round((d * value) / indicator.rollup.scale);
      // A slip of the keyboard this month: one zero too many in a denominator. Valid, so accepted — and flagged.
      fields.denominator = typo === indicator.code ? d * 10 : d;
      value = round((fields.numerator / fields.denominator) * indicator.rollup.scale, indicator.decimals);
    } else if (indicator.kind === 'milestone') {
      fields.value = value >= 1 ? '是' : '否';
    } else {
      fields.value = value;
    }
    if (explain) fields.explanation = explain;
    values[indicator.code] = fields;
    entries[indicator.code] = value;
  }
  return { values, entries };
}

/** The city average of each indicator with a "rounds below" rule, for the trailing county to trail. */
function averages(plan: Plan, samples: Map<string, Sample>): Map<string, number> {
  const result = new Map<string, number>();
  for (const indicator of plan.indicators.filter((i) => i.consecutiveRule)) {
    const values = [...samples.values()].map((s) => s.entries[indicator.code]).filter((v): v is number => typeof v === 'number');
    if (values.length > 0) result.set(indicator.code, values.reduce((a, b) => a + b, 0) / values.length);
  }
  return result;
}

/** What happens between the submissions, in their order in time. */
interface SampleHooks {
  /** After a month's submissions are all in (before the next month's begin). */
  afterMonth(month: Month): Promise<void>;
  /** Between the resubmitting unit's first version and its correction (the next morning, `at`). */
  beforeCorrection(unit: Unit, month: Month, at: Date): Promise<void>;
}

async function submitSamples(store: IntakeStore, catalog: Catalog, plan: Plan, cast: UnitPlan[], month: Month, folder: string, log: (l: string) => void, hooks: SampleHooks) {
  const counts = { accepted: 0, refused: 0, missing: cast.filter((c) => c.scenario === 'missing').map((c) => c.unit.name) };
  let previous = new Map<string, Record<string, number | null>>();

  for (let back = HISTORY; back >= 0; back--) {
    const m = addMonths(month, -back);
    await mkdir(path.join(folder, m), { recursive: true });
    const regular = cast.filter((c) => !c.trailing);
    const samples = new Map(regular.map((c) => [c.unit.code, sampleFor(plan, c, m, back, new Map())]));
    const cityAverages = averages(plan, samples);
    for (const c of cast.filter((x) => x.trailing)) samples.set(c.unit.code, sampleFor(plan, c, m, back, cityAverages));

    for (const [i, who] of cast.entries()) {
      if (back === 0 && who.scenario === 'missing') continue;
      const sample = samples.get(who.unit.code)!;
      const layout = buildLayout({ plan, unit: who.unit, month: m, previous: previous.get(who.unit.code) ?? {} });
      // Arrivals spread over the last week of the month, Beijing office hours.
      const day = 22 + (i % 7);
      const at = (d: number, h: number) => zonedTime(Number(m.slice(0, 4)), Number(m.slice(5, 7)), d, h, (i * 7) % 60, 'Asia/Shanghai').toISOString();
      const send = async (values: Record<string, FieldValues>, receivedAt: string, name: string) => {
        const bytes = await filledWorkbook(layout, values);
        const fileName = path.join(folder, m, `${who.unit.code}-${who.unit.name}-${name}.xlsx`);
        await writeFile(fileName, bytes);
        const outcome = await parseUpload(bytes, catalog, { unitCode: who.unit.code, month: m });
        const { receipt } = await store.record({
          outcome, bytes, channel: 'cli', submittedBy: `demo:${who.unit.name}`, fileName: path.basename(fileName), receivedAt,
        });
        if (receipt.status === 'refused') counts.refused++;
        else counts.accepted++;
        return receipt;
      };

      if (back === 0 && who.scenario === 'invalid_then_corrected') {
        const broken = invalidate(plan, who.unit, sample.values);
        const refused = await send(broken, at(day, 9), 'v1-有误');
        log(`  ${who.unit.name}：第一次提交有误，未受理（${refused.issues.find((x) => x.severity === 'error')?.zh ?? ''}）；已改正后重新提交`);
        await send(sample.values, at(day, 15), 'v2-已改正');
      } else if (back === 0 && who.scenario === 'resubmitted') {
        await send(sampleFor(plan, who, m, back, cityAverages, 1).values, at(day - 3, 10), 'v1');
        await hooks.beforeCorrection(who.unit, m, new Date(at(day - 2, 9)));
        await send(sample.values, at(day, 16), 'v2-更正');
        log(`  ${who.unit.name}：更正后重新报送（第2版生效）`);
      } else {
        await send(sample.values, at(day, 10), 'v1');
      }
    }
    previous = new Map([...samples].map(([code, s]) => [code, s.entries]));
    log(`  已导入 ${m} 的报送 / submissions for ${m} taken in`);
    await hooks.afterMonth(m);
  }
  if (counts.missing.length > 0) log(`  未报送 / no submission: ${counts.missing.join('、')}`);
  return counts;
}

/**
 * The unit's workbook with its values typed in: the template drawn from the layout with the input cells holding
 * what was typed (numbers as numbers, 是/否 and 情况说明 as text) — what the workbook engineer's fillTemplate makes
 * by opening and saving the drawn template, in one pass instead of two.
 */
function filledWorkbook(layout: TemplateLayout, values: Record<string, FieldValues>): Promise<Buffer> {
  const typed = addressesOf(layout, values);
  return renderTemplate({
    ...layout,
    cells: layout.cells.map((c) => {
      const v = typed[c.address];
      return v === undefined || (v !== null && typeof v === 'object') || typeof v === 'boolean' ? c : { ...c, value: v };
    }),
  });
}

/** The same values with one mistake the intake refuses: a numerator above its denominator, or text in a number. */
function invalidate(plan: Plan, unit: Unit, values: Record<string, FieldValues>): Record<string, FieldValues> {
  const copy: Record<string, FieldValues> = JSON.parse(JSON.stringify(values));
  const ratio = indicatorsFor(plan, unit).find((i) => i.rollup.method === 'ratio' && i.unit === '%' && copy[i.code]?.denominator !== undefined);
  if (ratio) {
    const fields = copy[ratio.code]!;
    fields.numerator = Number(fields.denominator) + 37;
    return copy;
  }
  const numeric = indicatorsFor(plan, unit).find((i) => i.kind !== 'milestone' && copy[i.code]?.value !== undefined);
  if (numeric) copy[numeric.code]!.value = '约九成';
  return copy;
}

async function listEml(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (p: string): Promise<void> => {
    for (const e of await readdir(p, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(p, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.name.endsWith('.eml')) found.push(full);
    }
  };
  await walk(folder);
  return found.sort();
}

async function printWhere(result: DemoResult, log: (l: string) => void): Promise<void> {
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  const reportFiles = result.reportDir ? (await readdir(result.reportDir)).filter((f) => f.endsWith('.xlsx') || f.endsWith('.html')) : [];
  const { review, reminders } = result;
  log('');
  log('演示完成 / Demo finished');
  log(`  报送文件 / sample submissions: ${rel(path.join(path.dirname(result.database), 'submissions'))}（受理 accepted ${result.files.accepted}，未受理 refused ${result.files.refused}，未报 missing ${result.files.missing.length}）`);
  if (result.reportDir) {
    log(`  报告 / report: ${rel(result.reportDir)}`);
    for (const f of reportFiles) log(`    ${f}`);
    log(`  领导收到的邮件（浏览器打开） / what leadership gets (open in a browser): ${rel(path.join(result.reportDir, 'mail-leadership.html'))}`);
  }
  if (result.previousReportDir) log(`  上月报告（供复核） / the month before, reviewed: ${rel(result.previousReportDir)}`);
  const counts = (['accepted', 'action_required', 'escalated', 'resolved'] as const)
    .map((s) => [s, review.decisions.filter((d) => d.status === s).length] as const).filter(([, n]) => n > 0);
  log(`  复核 / review: ${review.label} ${review.decisions.length} 条复核结论 decisions（${counts.map(([s, n]) => `${REVIEW_STATUS_LABEL[s].zh} ${n}`).join('，')}），` +
    `${monthLabelZh(result.month)}报告的“预警与复核”和领导邮件中可见 / shown in the month's report and leadership's mail`);
  if (review.sendBack) {
    log(`  退回 / sent back: ${review.sendBack.unitName} ${monthLabelZh(review.sendBack.month)}第1版 → 更正后第2版已受理 / v1 returned, v2 accepted`);
  }
  log(`  报送提醒 / reminders: ${reminders.reminded} 封 messages（${monthLabelZh(reminders.month)}数据，截止 ${formatTimeZh(reminders.deadline)}；于 ${formatTimeZh(reminders.at)} 提醒尚未报送的单位 / to units that have not submitted）`);
  const parts = result.mail.map((m) => `${monthLabelZh(m.month)}${m.kind === 'reminder' ? '报送提醒' : '月报'} ${m.count}`);
  log(`  邮件 / mail: ${result.messages} 封 messages → ${rel(result.mailbox)}（${parts.join('，')}；.eml，可用邮件客户端打开 / open with a mail client）`);
  log(`  数据库 / database: ${rel(result.database)}`);
  log(`  继续使用演示数据 / go on with the demo data (config ${rel(result.configFile)}):`);
  log(`    npx plan-monitor report --month ${result.month} --send --config ${rel(result.configFile)}   # 已发送过，不会重复 / sent before: nothing is sent twice`);
  log(`    npx plan-monitor outbox --config ${rel(result.configFile)}`);
  log(`  复核模式 / review mode — 督导令牌 / supervisor token（${review.label}）: ${review.token}`);
  log(`    npx plan-monitor serve --config ${rel(result.configFile)}   # 再在 Excel 加载项的“复核”页用此令牌登录 / then sign in to the add-in's 复核 tab with the token`);
  const query = new URLSearchParams({ plan: result.planId, month: result.month }).toString();
  log(`    curl -H "Authorization: Bearer ${review.token}" "http://${result.server.host}:${result.server.port}${REVIEW_API.flags}?${query}"`);
}
