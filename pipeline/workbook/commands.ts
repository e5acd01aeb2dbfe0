/**
 * `template` writes a unit's indicator template for a month; `check` reads a filled one exactly as the intake
 * would and says what it found — for an official without the add-in, or an administrator checking a file by hand.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { buildLayout } from '../../core/layout';
import { monthLabelZh } from '../../core/month';
import { MonthSchema, type Plan, type Status, type Unit } from '../../core/schema';
import { renderTemplate } from './render-template';
import { inspectTemplate, toReceiptIssue } from './read-template';

export interface Catalog {
  plans: Plan[];
  units: Unit[];
}

/**
 * The shipped catalogs, loaded when a command runs rather than when the CLI starts: every catalog is validated as it
 * loads, which commands that do not need it should not pay for (and tests inject their own).
 */
async function shippedCatalog(): Promise<Catalog> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { plans, units } = require('../../templates') as typeof import('../../templates');
  return { plans, units };
}

export function registerWorkbookCommands(program: Command, catalog: () => Promise<Catalog> = shippedCatalog): void {
  program
    .command('template')
    .description('生成指标填报模板（.xlsx） / write an indicator template workbook')
    .requiredOption('--plan <id>', '规划 / plan id')
    .requiredOption('--unit <code>', '填报单位代码 / unit code')
    .requiredOption('--month <YYYY-MM>', '报告月份，如 2025-10 / month')
    .requiredOption('--out <file.xlsx>', '输出文件 / output file')
    .action(async (opts: { plan: string; unit: string; month: string; out: string }) => {
      const { plans, units } = await catalog();
      const plan = plans.find((p) => p.id === opts.plan);
      if (!plan) return fail(`未知规划 / unknown plan: ${opts.plan}（可用 / available: ${plans.map((p) => p.id).join(', ')}）`);
      const unit = units.find((u) => u.code === opts.unit);
      if (!unit || unit.city !== plan.city) return fail(`“${opts.unit}”不是该规划的填报单位 / ${opts.unit} does not report on ${plan.id}`);
      const month = MonthSchema.safeParse(opts.month);
      if (!month.success) return fail(`月份应为 YYYY-MM，例如 2025-10 / month must look like 2025-10: ${opts.month}`);
      const layout = buildLayout({ plan, unit, month: month.data });
      await mkdir(dirname(opts.out), { recursive: true });
      await writeFile(opts.out, await renderTemplate(layout));
      process.stdout.write(
        `已生成模板：${opts.out}（${unit.name} ${monthLabelZh(month.data)}，${layout.rows.length} 项指标，${layout.inputs.length} 个填报单元格）\n` +
          `Template written: ${opts.out}\n`,
      );
    });

  program
    .command('check <file>')
    .description('检查填好的模板，如同提交时一样 / check a filled template as the intake would')
    .option('--json', 'JSON 输出 / print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        return fail(`无法读取文件 / cannot read file: ${file}`);
      }
      const report = await checkWorkbook(bytes, await catalog());
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheckReport(report));
      process.exitCode = report.errors.length === 0 ? 0 : 1;
    });
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 2;
}

export interface CheckIssue {
  cell: string | null;
  code: string | null;
  message: string;
  messageEn: string;
}

export interface CheckReport {
  plan: string | null;
  planTitle: string | null;
  unit: string | null;
  unitName: string | null;
  month: string | null;
  /** null when the workbook was read; otherwise why it would be refused as a whole. */
  refused: string | null;
  entries: { code: string; name: string; value: number | null; explanation: string; status: Status;
             expected: number | null; gap: number | null }[];
  errors: CheckIssue[];
  warnings: CheckIssue[];
}

export async function checkWorkbook(bytes: Buffer, { plans, units }: Catalog): Promise<CheckReport> {
  const found = await inspectTemplate(bytes, { plans, units });
  if (!found.ok) {
    const plan = found.meta ? plans.find((p) => p.id === found.meta?.planId) : undefined;
    const unit = found.meta ? units.find((u) => u.code === found.meta?.unitCode) : undefined;
    return {
      plan: found.meta?.planId ?? null, planTitle: plan?.title ?? null, unit: found.meta?.unitCode ?? null,
      unitName: unit?.name ?? null, month: found.meta?.month ?? null, refused: found.reason,
      entries: [], errors: found.issues.map(asCheckIssue), warnings: [],
    };
  }
  const { plan, unit, meta, validation } = found;
  const issues = validation.issues.map(toReceiptIssue);
  return {
    plan: plan.id, planTitle: plan.title, unit: unit.code, unitName: unit.name, month: meta.month, refused: null,
    entries: validation.entries.map((entry, i) => {
      const evaluation = validation.evaluations[i]!;
      return {
        code: entry.code, name: plan.indicators.find((ind) => ind.code === entry.code)?.name ?? entry.code,
        value: entry.value, explanation: entry.explanation, status: evaluation.status,
        expected: evaluation.expected, gap: evaluation.gap,
      };
    }),
    errors: issues.filter((i) => i.severity === 'error').map(asCheckIssue),
    warnings: issues.filter((i) => i.severity === 'warning').map(asCheckIssue),
  };
}

function asCheckIssue(issue: { cell: string | null; code: string | null; zh: string; en: string }): CheckIssue {
  return { cell: issue.cell, code: issue.code, message: issue.zh, messageEn: issue.en };
}

export const STATUS_ZH: Record<Status, string> = {
  met: '达到目标', on_track: '符合进度', at_risk: '接近进度', short: '低于进度',
  missing: '未填', invalid: '有误', no_target: '无进度要求',
};

function round(value: number | null): string {
  return value === null ? '—' : String(Number(value.toFixed(2)));
}

export function formatCheckReport(report: CheckReport): string {
  const lines: string[] = [];
  if (report.plan) {
    lines.push(`《${report.planTitle ?? report.plan}》 · ${report.unitName ?? report.unit ?? ''} · ${report.month ? monthLabelZh(report.month) : ''}`);
  }
  if (report.entries.length > 0) {
    const count = (s: Status) => report.entries.filter((e) => e.status === s).length;
    lines.push(`共 ${report.entries.length} 项指标：达到目标 ${count('met')}，符合进度 ${count('on_track')}，接近进度 ${count('at_risk')}，` +
      `低于进度 ${count('short')}，未填 ${count('missing')}，有误 ${count('invalid')}`);
    for (const e of report.entries) {
      const gap = e.gap === null ? '' : `，差距 ${e.gap > 0 ? '+' : ''}${round(e.gap)}`;
      lines.push(`  ${e.code.padEnd(10)} ${e.name}：${round(e.value)}（应达 ${round(e.expected)}${gap}）${STATUS_ZH[e.status]}`);
    }
  }
  const issueLine = (i: CheckIssue) => `  ${i.cell ? `${i.cell}：` : ''}${i.message}`;
  if (report.errors.length > 0) lines.push(`错误 ${report.errors.length} 项：`, ...report.errors.map(issueLine));
  if (report.warnings.length > 0) lines.push(`提醒 ${report.warnings.length} 项：`, ...report.warnings.map(issueLine));
  lines.push(report.errors.length === 0
    ? (report.warnings.length === 0 ? '结论：可以提交。' : '结论：可以提交，但请先补写上述情况说明。')
    : '结论：存在错误，提交将被拒收，请修改后再提交。');
  return `${lines.join('\n')}\n`;
}
