/**
 * `plan-monitor demo` end to end on the shipped catalog: sample workbooks through the real intake, the run, mail to
 * the in-process SMTP server; then the commands an administrator types next on the same data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { runDemo, type DemoResult } from '../pipeline/run/demo';
import { main } from '../pipeline/cli';
import { plans, units } from '../templates';
import { SHEETS } from '../pipeline/report/workbook';
import { tempDir } from './fixtures/run-harness';

jest.setTimeout(180_000);

let result: DemoResult;
const log: string[] = [];

beforeAll(async () => {
  result = await runDemo({ dir: path.join(tempDir('pm-demo-'), 'demo'), smtp: true, catalog: { plans, units }, log: (l) => log.push(l) });
});

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    process.exitCode = undefined;
    const code = await main(argv);
    return { code, out };
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
}

test('every Harbin unit sends samples: one invalid then corrected, one resubmitted, two missing', () => {
  expect(result.planId).toBe('harbin-integration-2035');
  expect(result.files.refused).toBe(1);
  expect(result.files.missing).toHaveLength(2);
  // 19 units × 5 months, less the two missing this month, plus the refused file and the resubmission.
  expect(result.files.accepted).toBe(19 * 5 - 2 + 1);
  expect(log.join('\n')).toMatch(/第一次提交有误，未受理（.+分子.+大于分母/);
});

test('leadership and each 责任单位 receive mail through SMTP; the workbook attached shows 17/19', async () => {
  const files = readdirSync(result.mailbox).filter((f) => f.endsWith('.eml'));
  expect(files.length).toBe(result.messages);
  const mails = await Promise.all(files.map((f) => simpleParser(readFileSync(path.join(result.mailbox, f)))));
  const lead = mails.find((m) => m.subject?.startsWith('【指标监测月报】'))!;
  expect(lead.subject).toContain('已报 17/19');
  expect(mails.filter((m) => m.subject?.startsWith('【指标监测月报】'))).toHaveLength(2);
  expect(mails.filter((m) => m.subject?.startsWith('【预警待复核】')).map((m) => m.subject)).toEqual(
    expect.arrayContaining([expect.stringContaining('市教育局'), expect.stringContaining('市级教研团队')]),
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(lead.attachments.find((a) => a.filename?.endsWith('.xlsx'))!.content as unknown as ArrayBuffer);
  const flags = workbook.getWorksheet(SHEETS.flags)!;
  const kinds = new Set<string>();
  flags.eachRow((row, n) => n > 4 && kinds.add(String(row.getCell(3).value)));
  expect([...kinds]).toEqual(expect.arrayContaining(['未报送', '低于进度', '未填情况说明', '连续低于警戒线', '数据异常']));
});

test('the next commands on the demo data: the month is not sent again; the outbox lists what went', async () => {
  const again = await run(['report', '--month', '2025-10', '--send', '--config', result.configFile]);
  expect(again.code).toBe(0);
  expect(again.out).toContain('此前已完成，未重复发送');
  const outbox = await run(['outbox', '--config', result.configFile]);
  expect(outbox.out.match(/已发送 sent/g)).toHaveLength(result.messages);
  const preview = await run(['report', '--month', '2025-09', '--config', result.configFile]);
  expect(preview.out).toContain('草稿，未发送（加 --send 发送）');
  expect(preview.out).toContain(path.join('2025-09-draft', '哈尔滨教育整合实施方案-指标监测月报-2025-09.xlsx'));
  expect(preview.out).toMatch(/报送 \/ submitted: 19\/19/);
});
