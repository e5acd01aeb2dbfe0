/**
 * `plan-monitor demo` end to end on the shipped catalog: sample workbooks through the real intake, September's run,
 * a supervisor's decisions and a send-back, October's run, the reminders for November, mail to the in-process SMTP
 * server; then what an administrator and a supervisor do next on the same data (the commands, the review API).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { runDemo, type DemoResult } from '../pipeline/run/demo';
import { plans, units } from '../templates';
import { SHEETS } from '../pipeline/report/workbook';
import { FLAG_LABEL } from '../pipeline/report/wording';
import { REVIEW_API, REVIEW_STATUS_LABEL, type ReviewList } from '../core/review';
import { reportingUnits, rosterOf } from '../core/aggregate';
import { openRuntime } from '../pipeline/intake/runtime';
import { startServer } from '../pipeline/server/start';
import type { SubmissionSummary } from '../pipeline/store/store';
import { runCli, tempDir } from './fixtures/run-harness';

jest.setTimeout(180_000);

let result: DemoResult;
let mails: ParsedMail[];
const log: string[] = [];

beforeAll(async () => {
  result = await runDemo({ dir: path.join(tempDir('pm-demo-'), 'demo'), smtp: true, catalog: { plans, units }, log: (l) => log.push(l) });
  const files = readdirSync(result.mailbox).filter((f) => f.endsWith('.eml')).sort();
  mails = await Promise.all(files.map((f) => simpleParser(readFileSync(path.join(result.mailbox, f)))));
});

const octoberLeadership = () => mails.filter((m) => m.subject?.startsWith('【指标监测月报】') && m.subject.includes('2025年10月'));

async function octoberWorkbook(): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(octoberLeadership()[0]!.attachments.find((a) => a.filename?.endsWith('.xlsx'))!.content as unknown as ArrayBuffer);
  return workbook.getWorksheet(SHEETS.flags)!;
}

test('every Harbin unit sends samples: one invalid then corrected, one sent back and resubmitted, two missing', () => {
  expect(result.planId).toBe('harbin-integration-2035');
  expect(result.files.refused).toBe(1);
  expect(result.files.missing).toHaveLength(2);
  // 19 units × 5 months, less the two missing this month, plus the refused file and the resubmission.
  expect(result.files.accepted).toBe(19 * 5 - 2 + 1);
  expect(log.join('\n')).toMatch(/第一次提交有误，未受理（.+分子.+大于分母/);
});

test('leadership and each 责任单位 receive September\'s and October\'s mail through SMTP; October\'s workbook shows 17/19', async () => {
  expect(mails.length).toBe(result.messages);
  const lead = octoberLeadership();
  expect(lead).toHaveLength(2);
  expect(lead[0]!.subject).toContain('已报 17/19');
  // September was reported first (its mail goes to the same server): the month whose flags were reviewed.
  expect(mails.filter((m) => m.subject?.startsWith('【指标监测月报】') && m.subject.includes('2025年9月'))).toHaveLength(2);
  expect(mails.filter((m) => m.subject?.startsWith('【预警待复核】') && m.subject.includes('2025年10月')).map((m) => m.subject)).toEqual(
    expect.arrayContaining([expect.stringContaining('市教育局'), expect.stringContaining('市级教研团队')]),
  );
  const flags = await octoberWorkbook();
  const kinds = new Set<string>();
  flags.eachRow((row, n) => n > 4 && kinds.add(String(row.getCell(3).value)));
  expect([...kinds]).toEqual(expect.arrayContaining(['未报送', '低于进度', '未填情况说明', '连续低于警戒线', '数据异常']));
});

test('the supervisor\'s decisions on September\'s flags are shown on the same subjects in October\'s workbook', async () => {
  const decisions = result.review.decisions;
  expect(decisions.map((d) => d.status)).toEqual(['accepted', 'action_required', 'escalated']);
  expect(decisions.every((d) => d.flagKey.startsWith('2025-09|'))).toBe(true);
  expect(new Set(decisions.map((d) => d.unitCode)).size).toBe(3);

  const sheet = await octoberWorkbook();
  const rows: { unit: string; indicator: string; kind: string; review: string; comment: string; action: string; due: string; days: unknown }[] = [];
  sheet.eachRow((row, n) => {
    if (n <= 4) return;
    const cell = (c: number) => String(row.getCell(c).value ?? '');
    rows.push({
      unit: cell(4), indicator: cell(5), kind: cell(3), review: cell(9), comment: cell(10), action: cell(11), due: cell(12), days: row.getCell(13).value,
    });
  });
  for (const d of decisions) {
    const same = rows.filter((r) => r.unit === d.unitName && r.indicator === d.indicatorName && r.kind === FLAG_LABEL[d.kind].zh);
    expect(same).toHaveLength(1);
    const row = same[0]!;
    // The decision was made on September's flag: carried to October's, marked with its month, by whom.
    expect(row.review).toBe(`${REVIEW_STATUS_LABEL[d.status].zh}（2025年9月）`);
    expect(row.comment).toContain(result.review.label);
    if (d.status === 'action_required') {
      expect(row.action).toContain('整改方案');
      expect(row.due).toBe('2025-11-15');
    }
    // Open since September's run (2025-10-01 08:00) and still open: a month; an accepted one shows its status instead.
    expect(row.days).toBe(d.status === 'accepted' ? '已接受说明' : 31);
  }
  // Nothing else carries a decision.
  expect(rows.filter((r) => r.review !== '待复核')).toHaveLength(3);
});

test('leadership\'s October mail lists the escalated flag first, in a block of its own', () => {
  const escalated = result.review.decisions.find((d) => d.status === 'escalated')!;
  const subject = `${escalated.unitName}“${escalated.indicatorName}”`;
  for (const mail of octoberLeadership()) {
    const html = String(mail.html);
    const block = html.indexOf('已上报市局的预警 / Escalated to leadership（1 条）');
    const others = html.indexOf('其他严重预警');
    expect(block).toBeGreaterThan(-1);
    expect(others).toBeGreaterThan(block);
    expect(html.indexOf(subject)).toBeGreaterThan(block);
    expect(html.lastIndexOf(subject)).toBeLessThan(others);
    // The plain-text part too: right after the headline, before completeness and the shortfalls; and in English.
    const text = mail.text!;
    expect(text.indexOf('已上报市局的预警')).toBeGreaterThan(-1);
    expect(text.indexOf('已上报市局的预警')).toBeLessThan(text.indexOf('未报送：'));
    const line = text.split('已上报市局的预警')[1]!.split('\n')[1]!;
    expect(line).toContain(subject);
    expect(line).toContain('复核：已上报（2025年9月复核）');
    expect(line).toContain('已持续：31 天');
    expect(text).toContain('1 of them was escalated to leadership by the responsible units and is listed first');
  }
});

test('reminders for November: one per unit, at its address, none of them had submitted', () => {
  const config = JSON.parse(readFileSync(result.configFile, 'utf8')) as { recipients: { units: Record<string, string[]> } };
  const owing = reportingUnits(rosterOf(plans.find((p) => p.id === result.planId)!, units));
  expect(Object.keys(config.recipients.units).sort()).toEqual(owing.map((u) => u.code).sort());

  const reminders = mails.filter((m) => m.subject?.startsWith('【报送提醒】'));
  expect(result.reminders).toMatchObject({ month: '2025-11', reminded: owing.length, noAddress: 0 });
  expect(reminders).toHaveLength(owing.length);
  for (const unit of owing) {
    const address = config.recipients.units[unit.code]![0]!;
    const received = reminders.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((a) => a.address === address));
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toContain('2025年11月');
    expect(received[0]!.text).toContain(`${unit.name}：尚未收到贵单位`);
  }
  expect(log.join('\n')).toContain(`报送提醒 / reminders（2025-11-28 09:00，2025年11月数据截止 2025-12-01 08:00）：${owing.length} 个`);
});

test('the review mode on the demo data: the printed token sees October\'s flags with their status; the sent-back unit\'s history', async () => {
  const printed = log.find((l) => l.includes('督导令牌 / supervisor token'))!;
  expect(printed).toContain(result.review.token);
  expect(log.some((l) => l.includes(`Authorization: Bearer ${result.review.token}`) && l.includes(`${REVIEW_API.flags}?plan=${result.planId}`))).toBe(true);

  const rt = await openRuntime({ file: result.configFile, env: {}, catalog: async () => ({ plans, units }), threads: 0, overrides: { server: { port: 0 } } });
  const server = await startServer(rt, { watchDrop: false });
  try {
    const get = async <T>(url: string, token: string): Promise<T> => {
      const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as T;
    };
    const list = await get<ReviewList>(`${REVIEW_API.flags}?plan=${result.planId}&month=2025-10`, result.review.token);
    expect(list.locked).toBe(true);
    const escalated = list.items.filter((i) => i.review?.status === 'escalated');
    expect(escalated.map((i) => i.unitCode)).toEqual([result.review.decisions.find((d) => d.status === 'escalated')!.unitCode]);
    expect(list.items.filter((i) => i.review !== null)).toHaveLength(3);

    // The unit that was sent back: v1 returned with the reason, closed by v2, which is the one accepted.
    const back = result.review.sendBack!;
    const unit = (await rt.store.tokens.issue({ kind: 'unit', unitCode: back.unitCode, city: '230100' })).secret;
    const history = await get<{ submissions: SubmissionSummary[] }>(`/api/submissions?unit=${back.unitCode}&month=${back.month}&plan=${result.planId}`, unit);
    const versions = history.submissions.filter((s) => s.version !== null).sort((a, b) => a.version! - b.version!);
    expect(versions.map((s) => [s.version, s.status])).toEqual([[1, 'superseded'], [2, 'accepted']]);
    expect(versions[0]!.returned).toMatchObject({ reason: back.reason, by: result.review.label, closedBy: versions[1]!.id });
    expect(versions[1]!.returned).toBeNull();
  } finally {
    await server.close();
    await rt.close();
  }
});

test('the next commands on the demo data: the month is not sent again; the outbox lists what went; no unit is reminded twice', async () => {
  const again = await runCli(['report', '--month', '2025-10', '--send', '--config', result.configFile]);
  expect(again.code).toBe(0);
  expect(again.out).toContain('此前已完成，未重复发送');
  const outbox = await runCli(['outbox', '--config', result.configFile]);
  expect(outbox.out.match(/已发送 sent/g)).toHaveLength(result.messages);
  expect(outbox.out.match(/提醒 reminder/g)).toHaveLength(result.reminders.reminded);
  const remind = await runCli(['remind', '--now', '2025-11-29T09:00+08:00', '--config', result.configFile]);
  expect(remind.out).toContain('本次提醒 / reminded now: 0');
  expect(remind.out).toContain('此前已提醒，不再发送');
  const preview = await runCli(['report', '--month', '2025-08', '--config', result.configFile]);
  expect(preview.out).toContain('草稿，未发送（加 --send 发送）');
  expect(preview.out).toContain(path.join('2025-08-draft', '哈尔滨教育整合实施方案-指标监测月报-2025-08.xlsx'));
  expect(preview.out).toMatch(/报送 \/ submitted: 19\/19/);
});

test('a second run of the demo gives the same report, decisions, send-back and mail', async () => {
  const second = await runDemo({ dir: path.join(tempDir('pm-demo-'), 'demo'), smtp: true, catalog: { plans, units }, log: () => undefined });
  const counts = (r: DemoResult) => ({
    files: r.files, messages: r.messages, mail: r.mail, decisions: r.review.decisions, sendBack: r.review.sendBack, reminders: r.reminders,
  });
  expect(counts(second)).toEqual(counts(result));
  expect(second.mail).toEqual([
    { month: '2025-09', kind: 'report', count: 4 }, { month: '2025-10', kind: 'report', count: 4 }, { month: '2025-11', kind: 'reminder', count: 19 },
  ]);
});
