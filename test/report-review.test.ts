/**
 * Supervisors' decisions carried into the next report, through real monthly runs (August, September, October of the
 * fixture city, each on the 1st of the month after) delivering to a real SMTP server on loopback: the October
 * workbook read back with exceljs shows each flag's review status, the action and due date asked for, and how
 * long it has been open; leadership's mail lists the escalated flags first, in a block of their own; a 责任单位's
 * mail shows its flags' status and age.
 */
import ExcelJS from 'exceljs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startCatcher, type Catcher } from '../pipeline/mail/catcher';
import { runMonth } from '../pipeline/run/monthly-run';
import { recordReview } from '../pipeline/run/flag-store';
import { SHEETS } from '../pipeline/report/workbook';
import { openRunDb, runContext, tempDir } from './fixtures/run-harness';

const PLAN = 'report-fixture';
const RUNS = [['2025-08', '2025-09-01T00:00:05Z'], ['2025-09', '2025-10-01T00:00:05Z'], ['2025-10', '2025-11-01T00:00:05Z']] as const;
/** From the August run (when these subjects were first flagged) to the October run. */
const DAYS_SINCE_AUGUST_RUN = 61;

let catcher: Catcher;
let store: Awaited<ReturnType<typeof openRunDb>>;
const october = new Map<string, ParsedMail>();
let flagsSheet: ExcelJS.Worksheet;

const september = (subject: string) => `2025-09|${PLAN}|${subject}`;
const decidedAt = '2025-10-10T02:00:00.000Z';

beforeAll(async () => {
  catcher = await startCatcher();
  store = await openRunDb(`${tempDir('pm-review-')}/plan-monitor.db`);
  for (const [month, at] of RUNS) {
    if (month === '2025-10') {
      // Decisions on September's flags, as supervisors record them in the review mode.
      await recordReview(store.db, september('230100|F-07|below_trajectory'), {
        status: 'escalated', reviewer: '人事处 李处长', comment: '教师编制缺口需市政府协调', at: decidedAt,
      });
      await recordReview(store.db, september('230100|F-01|below_trajectory'), {
        status: 'escalated', reviewer: '基础教育处 王处长', comment: '需发改委统筹新建园用地', at: decidedAt,
      });
      await recordReview(store.db, september('230103|F-02|below_trajectory'), {
        status: 'action_required', reviewer: '基础教育处 王处长', comment: '请制定整改计划', action: '两所新建幼儿园12月前开园招生',
        dueBy: '2025-12-31', at: decidedAt,
      });
      await recordReview(store.db, september('230103|F-01|consecutive_below'), {
        status: 'accepted', reviewer: '基础教育处 王处长', comment: '统计口径调整，已核实', at: decidedAt,
      });
      // 南岗's teacher ratio was not flagged in September: flagged again in October, it is a new problem.
      await store.db.deleteFrom('flags').where('flag_key', '=', september('230103|F-05|below_trajectory')).execute();
    }
    const ctx = runContext({ db: store.db, dir: tempDir(), port: catcher.port, now: () => new Date(at) });
    try {
      await runMonth(ctx, PLAN, month, 'schedule');
    } finally {
      ctx.transport.close();
    }
  }
  for (const m of catcher.messages) {
    const mail = await simpleParser(m.raw, { skipImageLinks: true });
    if (mail.subject?.includes('2025年10月')) october.set(m.to.join(','), mail);
  }
  const xlsx = october.get('juzhang@jyj.test.cn')!.attachments.find((a) => a.filename?.endsWith('.xlsx'))!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.content as unknown as ArrayBuffer);
  flagsSheet = wb.getWorksheet(SHEETS.flags)!;
}, 120_000);

afterAll(async () => {
  await catcher.close();
  await store.close();
});

/** The row of a flag: unit, indicator and kind as the sheet shows them. */
function flagRow(sheet: ExcelJS.Worksheet, unit: string, indicator: string, kind: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row, n) => {
    if (n > 4 && row.getCell(4).value === unit && row.getCell(5).value === indicator && row.getCell(3).value === kind) found = row;
  });
  if (!found) throw new Error(`no flag row ${unit} ${indicator} ${kind}`);
  return found;
}

test('the 预警与复核 sheet has the review columns: status, comment, action, due date, days open', () => {
  const header = flagsSheet.getRow(4);
  expect([9, 10, 11, 12, 13].map((c) => String(header.getCell(c).value).split('\n')[0])).toEqual(['复核状态', '复核意见', '整改要求', '整改期限', '已持续天数']);
});

test('an escalated flag: its status from September\'s decision, open since the August run', () => {
  const row = flagRow(flagsSheet, '测试市教育局', '专任教师缺口', '低于进度');
  expect(row.getCell(9).value).toBe('已上报（2025年9月）');
  expect(row.getCell(10).value).toBe('教师编制缺口需市政府协调（人事处 李处长，2025-10-10 10:00）');
  expect(row.getCell(11).value).toBe('');
  expect(row.getCell(13).value).toBe(DAYS_SINCE_AUGUST_RUN);
  // Open for more than a month: pointed out.
  expect((row.getCell(13).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFE699');
});

test('action required: what the unit must do and by when', () => {
  const row = flagRow(flagsSheet, '南岗区教育局', '普惠性幼儿园覆盖率', '低于进度');
  expect(row.getCell(9).value).toBe('需整改（2025年9月）');
  expect(row.getCell(11).value).toBe('两所新建幼儿园12月前开园招生');
  expect(row.getCell(12).value).toBe('2025-12-31');
  expect(row.getCell(13).value).toBe(DAYS_SINCE_AUGUST_RUN);
});

test('an accepted flag shows its status, not an age', () => {
  const row = flagRow(flagsSheet, '南岗区教育局', '学前三年毛入园率', '连续低于警戒线');
  expect(row.getCell(9).value).toBe('已接受说明（2025年9月）');
  expect(row.getCell(13).value).toBe('已接受说明');
});

test('days open count the unbroken run of months only; a flag without a decision is 待复核', () => {
  // Flagged in August and October, not September: open since the October run.
  const broken = flagRow(flagsSheet, '南岗区教育局', '小学生师比', '低于进度');
  expect(broken.getCell(9).value).toBe('待复核');
  expect(broken.getCell(13).value).toBe(0);
  expect((broken.getCell(13).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFE699');
  expect(flagRow(flagsSheet, '南岗区教育局', '建成智慧教育示范区', '低于进度').getCell(13).value).toBe(DAYS_SINCE_AUGUST_RUN);
});

test('leadership\'s mail: the escalated flags first, in their own block, critical before warning', () => {
  const mail = october.get('juzhang@jyj.test.cn')!;
  const html = mail.html as string;
  const block = html.indexOf('已上报市局的预警 / Escalated to leadership（2 条）');
  expect(block).toBeGreaterThan(0);
  expect(block).toBeLessThan(html.indexOf('未达进度的指标'));
  const teachers = html.indexOf('教师编制缺口需市政府协调', block);
  const kindergartens = html.indexOf('需发改委统筹新建园用地', block);
  expect(teachers).toBeGreaterThan(block);
  expect(kindergartens).toBeGreaterThan(teachers);
  // The other critical flags follow, without the escalated ones.
  const rest = html.indexOf('其他严重预警');
  expect(rest).toBeGreaterThan(kindergartens);
  expect(html.indexOf('教师编制缺口需市政府协调', rest)).toBe(-1);
  expect(html).toContain(`${DAYS_SINCE_AUGUST_RUN} 天`);
  // The plain-text part and the English summary say it too.
  expect(mail.text).toMatch(/已上报市局的预警 \/ Escalated to leadership（2 条）：\n- \[严重\] 全市“专任教师缺口”/);
  expect(html).toContain('2 of them were escalated to leadership by the responsible units and are listed first');
});

test('a 责任单位\'s mail shows its flags\' review status, action and age', async () => {
  const jijiao = october.get('jijiao@jyj.test.cn')!;
  const html = jijiao.html as string;
  expect(html).toContain('需整改（2025年9月复核）：请制定整改计划；整改要求：两所新建幼儿园12月前开园招生，期限 2025-12-31');
  expect(html).toContain('已接受说明（2025年9月复核）：统计口径调整，已核实');
  expect(jijiao.text).toContain(`已持续：${DAYS_SINCE_AUGUST_RUN} 天`);
  // The workbook of just its flags has the same columns.
  const xlsx = jijiao.attachments.find((x) => x.filename?.endsWith('.xlsx'))!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.content as unknown as ArrayBuffer);
  const row = flagRow(wb.getWorksheet(SHEETS.flags)!, '南岗区教育局', '普惠性幼儿园覆盖率', '低于进度');
  expect([9, 11, 12, 13].map((c) => row.getCell(c).value)).toEqual(['需整改（2025年9月）', '两所新建幼儿园12月前开园招生', '2025-12-31', DAYS_SINCE_AUGUST_RUN]);
  const renshi = october.get('renshi@jyj.test.cn')!;
  expect(renshi.text).toMatch(/全市“专任教师缺口”[^\n]*复核：已上报（2025年9月复核）：教师编制缺口需市政府协调；已持续：61 天/);
  expect(renshi.text).toMatch(/南岗区教育局“小学生师比”[^\n]*复核：待复核；已持续：0 天/);
});
