import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLayout } from '../core/layout';
import { registerWorkbookCommands, type CheckReport } from '../pipeline/workbook/commands';
import { fillTemplate } from '../pipeline/workbook/fill';
import { fixtureDistrict, fixturePlan, fixtureUnits } from './fixtures/plan-fixture';

const catalog = async () => ({ plans: [fixturePlan], units: fixtureUnits });
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-wb-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  jest.restoreAllMocks();
});

async function run(...argv: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command('plan-monitor').exitOverride();
  registerWorkbookCommands(program, catalog);
  let out = '';
  let err = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  jest.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } finally {
    jest.restoreAllMocks();
  }
  return { out, err, code: typeof process.exitCode === 'number' ? process.exitCode : 0 };
}

describe('plan-monitor template and check', () => {
  it('writes a template and checks it once filled: JSON with entries, errors, warnings, exit 1 on errors', async () => {
    const file = join(dir, 'out', '道里区-2025-10.xlsx');
    const made = await run('template', '--plan', 'fixture-plan', '--unit', '230102', '--month', '2025-10', '--out', file);
    expect(made.code).toBe(0);
    expect(made.out).toContain('已生成模板：');
    expect(made.out).toContain('道里区教育局 2025年10月，7 项指标');

    const layout = buildLayout({ plan: fixturePlan, unit: fixtureDistrict, month: '2025-10' });
    const filledPath = join(dir, 'filled.xlsx');
    writeFileSync(filledPath, await fillTemplate(readFileSync(file), layout, {
      'F-02': { value: '九十' }, 'F-04': { value: 98.8 }, 'F-03': { value: 12 },
    }));
    const checked = await run('check', filledPath, '--json');
    expect(checked.code).toBe(1);
    const report = JSON.parse(checked.out) as CheckReport;
    expect(report).toMatchObject({ plan: 'fixture-plan', unit: '230102', month: '2025-10', refused: null });
    expect(report.entries.find((e) => e.code === 'F-04')).toMatchObject({ value: 98.8, status: 'at_risk', expected: 99, gap: expect.closeTo(-0.2, 6) });
    expect(report.entries.find((e) => e.code === 'F-02')).toMatchObject({ value: null, status: 'invalid' });
    const f02 = layout.inputs.find((i) => i.code === 'F-02' && i.field === 'value')!.address;
    const k04 = layout.inputs.find((i) => i.code === 'F-04' && i.field === 'explanation')!.address;
    expect(report.errors).toEqual([{
      cell: f02, code: 'unparseable', message: '普惠性幼儿园覆盖率（本月实际）：“九十”不是有效的值，应填写百分数，如 90 或 90%',
      messageEn: 'Inclusive kindergarten coverage (actual value): "九十" is not a valid value; expected a percentage such as 90 or 90%',
    }]);
    expect(report.warnings.map((w) => [w.cell, w.code])).toEqual([[k04, 'explanation_required']]);

    const readable = await run('check', filledPath);
    expect(readable.code).toBe(1);
    expect(readable.out).toContain('《测试市“十四五”教育发展规划》 · 道里区教育局 · 2025年10月');
    expect(readable.out).toContain('共 7 项指标：达到目标 0，符合进度 0，接近进度 1，低于进度 0，未填 4，有误 1');
    expect(readable.out).toContain(`错误 1 项：\n  ${f02}：普惠性幼儿园覆盖率（本月实际）：“九十”不是有效的值`);
    expect(readable.out).toContain('结论：存在错误，提交将被拒收，请修改后再提交。');
  });

  it('exits 0 for a clean workbook and 1 for a file that is not a template', async () => {
    const layout = buildLayout({ plan: fixturePlan, unit: fixtureDistrict, month: '2025-10' });
    const file = join(dir, 'clean.xlsx');
    await run('template', '--plan', 'fixture-plan', '--unit', '230102', '--month', '2025-10', '--out', file);
    writeFileSync(file, await fillTemplate(readFileSync(file), layout, { 'F-02': { value: 95 } }));
    const clean = await run('check', file);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('结论：可以提交。');

    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, 'not a workbook');
    const refused = await run('check', junk, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({ refused: 'corrupt', plan: null, entries: [], errors: [{ cell: null, code: 'corrupt' }] });
  });

  it('refuses an unknown plan, a unit outside the plan and a bad month with exit 2', async () => {
    const out = join(dir, 'x.xlsx');
    const plan = await run('template', '--plan', 'nope', '--unit', '230102', '--month', '2025-10', '--out', out);
    expect([plan.code, plan.err]).toEqual([2, expect.stringContaining('未知规划 / unknown plan: nope')]);
    const unit = await run('template', '--plan', 'fixture-plan', '--unit', '230800', '--month', '2025-10', '--out', out);
    expect([unit.code, unit.err]).toEqual([2, expect.stringContaining('“230800”不是该规划的填报单位')]);
    const month = await run('template', '--plan', 'fixture-plan', '--unit', '230102', '--month', '2025-13', '--out', out);
    expect([month.code, month.err]).toEqual([2, expect.stringContaining('月份应为 YYYY-MM')]);
  });
});
