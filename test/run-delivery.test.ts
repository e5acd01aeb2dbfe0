/**
 * A monthly run delivering to a real SMTP server on loopback (smtp-server), the messages read back with mailparser:
 * who gets what, subjects, inline charts, the attached workbook's numbers — and a second run sends nothing.
 */
import ExcelJS from 'exceljs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startCatcher, type Catcher } from '../pipeline/mail/catcher';
import { messageIdFor } from '../pipeline/mail/compose';
import { runDue, runMonth, type MonthRunResult, type RunContext } from '../pipeline/run/monthly-run';
import { listFlags } from '../pipeline/run/flag-store';
import { SHEETS } from '../pipeline/report/workbook';
import { FROM, openRunDb, RECIPIENTS, runContext, tempDir } from './fixtures/run-harness';

let catcher: Catcher;
let store: Awaited<ReturnType<typeof openRunDb>>;
let ctx: RunContext;
let first: MonthRunResult;
const mails = new Map<string, ParsedMail>();

beforeAll(async () => {
  catcher = await startCatcher();
  store = await openRunDb();
  ctx = runContext({ db: store.db, dir: tempDir(), port: catcher.port, now: () => new Date('2025-11-01T00:00:05Z') });
  first = await runMonth(ctx, 'report-fixture', '2025-10', 'schedule');
  for (const m of catcher.messages) mails.set(m.to.join(','), await simpleParser(m.raw, { skipImageLinks: true }));
});

afterAll(async () => {
  ctx.transport.close();
  await catcher.close();
  await store.close();
});

const addressesOf = (mail: ParsedMail) => [mail.to].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);

async function workbookOf(mail: ParsedMail): Promise<ExcelJS.Workbook> {
  const xlsx = mail.attachments.find((a) => a.filename?.endsWith('.xlsx'));
  if (!xlsx) throw new Error('no workbook attached');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.content as unknown as ArrayBuffer);
  return wb;
}

test('one message per recipient: leadership, and each 责任单位 with an address', () => {
  expect(first).toMatchObject({ status: 'done', composed: true, unrouted: ['市发展改革委'] });
  expect(first.delivery?.sent).toHaveLength(5);
  expect([...mails.keys()].sort()).toEqual(
    ['fujuzhang@jyj.test.cn', 'gaojiao@jyj.test.cn', 'jijiao@jyj.test.cn', 'juzhang@jyj.test.cn', 'renshi@jyj.test.cn'],
  );
  for (const [to, mail] of mails) {
    expect(addressesOf(mail)).toEqual([to]);
    expect(mail.from?.value[0]?.address).toBe('monitor@jyj.test.cn');
  }
});

test('leadership: subject with the key figures, charts inline by Content-ID, no SVG, the workbook attached', async () => {
  const mail = mails.get('juzhang@jyj.test.cn')!;
  expect(mail.subject).toBe('【指标监测月报】测试市“十四五”教育发展规划 2025年10月：低于进度 1 项，已报 4/5');
  const html = mail.html as string;
  expect(html).not.toMatch(/<svg/i);
  expect(html).not.toMatch(/<style/i);
  const cids = [...html.matchAll(/src="cid:([^"]+)"/g)].map((m) => m[1]);
  expect(cids.length).toBe(3);
  for (const cid of cids) {
    const image = mail.attachments.find((a) => a.cid === cid);
    expect(image?.contentType).toBe('image/png');
    expect(image?.contentDisposition).toBe('inline');
  }
  // The key figures are text too (images are often blocked).
  expect(mail.text).toContain('全市 4 项指标中，达到目标 0 项、符合进度 1 项、接近进度 2 项、低于进度 1 项');
  expect(html).toContain('4/5');
  expect(html).toContain('未报送：平房区教育局');

  const wb = await workbookOf(mail);
  const sheet = wb.getWorksheet(SHEETS.indicators)!;
  const values = new Map<string, unknown>();
  sheet.eachRow((row) => values.set(String(row.getCell(3).value), row.getCell(9).value));
  // 840 / 950 = 88.42…: from summed numerators and denominators (the mean of the rates would be 85.3).
  expect(values.get('学前三年毛入园率')).toBe(88.4);
  expect(values.get('新增公办幼儿园')).toBe(49);
  expect(values.get('专任教师缺口')).toBe(590);
  expect(values.get('高等教育毛入学率')).toBe(62);
});

test('a 责任单位 gets the flags routed to it, with the units\' explanations', async () => {
  const mail = mails.get('renshi@jyj.test.cn')!;
  expect(mail.subject).toMatch(/^【预警待复核】测试市“十四五”教育发展规划 2025年10月：(市教育局人事处、市委编办|市委编办、市教育局人事处) \d+ 条$/);
  const html = mail.html as string;
  expect(html).toContain('小学生师比');
  expect(html).toContain('退休教师较多，已申请补充编制。');
  expect(html).not.toContain('高等教育毛入学率');
  const wb = await workbookOf(mail);
  const flags = wb.getWorksheet(SHEETS.flags)!;
  const indicators = new Set<string>();
  flags.eachRow((row, n) => n > 4 && indicators.add(String(row.getCell(5).value)));
  expect([...indicators].sort()).toEqual(['专任教师缺口', '小学生师比']);

  const gaojiao = mails.get('gaojiao@jyj.test.cn')!;
  expect(gaojiao.subject).toBe('【预警待复核】测试市“十四五”教育发展规划 2025年10月：市教育局高教处 2 条');
});

test('Message-IDs are stable: plan, month and recipient', () => {
  for (const [to, mail] of mails) expect(mail.messageId).toBe(messageIdFor('report-fixture', '2025-10', to, FROM));
  expect(new Set([...mails.values()].map((m) => m.messageId)).size).toBe(5);
});

test('the run records its flags and closes the ledger', async () => {
  const ledger = await store.db.selectFrom('monthly_runs').selectAll().executeTakeFirstOrThrow();
  expect(ledger).toMatchObject({ plan_id: 'report-fixture', month: '2025-10', status: 'done', trigger: 'schedule', attempts: 1 });
  const routed = await listFlags(store.db, 'report-fixture', '2025-10', '市教育局高教处');
  expect(routed.map((f) => f.kind).sort()).toEqual(['below_trajectory', 'final_target_at_risk']);
});

test('running the same month again sends nothing new', async () => {
  const again = await runMonth(ctx, 'report-fixture', '2025-10', 'manual');
  expect(again.status).toBe('skipped');
  // "Run what is due" on the 1st (the month is due and done) does nothing either.
  expect(await runDue(ctx, 'startup')).toEqual([]);
  expect(catcher.messages).toHaveLength(5);
  expect(RECIPIENTS.leadership.every((a) => mails.has(a))).toBe(true);
});
