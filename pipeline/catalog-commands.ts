/** `catalog` and `units`: what the product ships, as JSON for tools or as a table for people. */
import type { Command } from 'commander';
import { plans, units } from '../templates';

export function registerCatalogCommands(program: Command): void {
  program
    .command('catalog')
    .description('列出规划指标目录 / list the plan catalogs')
    .option('--json', 'JSON 输出 / print JSON')
    .option('--plan <id>', '只列出一个规划 / only this plan')
    .action((opts: { json?: boolean; plan?: string }) => {
      const selected = opts.plan ? plans.filter((p) => p.id === opts.plan) : plans;
      if (opts.plan && selected.length === 0) throw new Error(`未知规划 / unknown plan: ${opts.plan}`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(selected, null, 2)}\n`);
        return;
      }
      for (const plan of selected) {
        process.stdout.write(`${plan.id}  ${plan.title}（${plan.span.from}–${plan.span.to}）  ${plan.indicators.length} 项指标\n`);
        for (const i of plan.indicators) {
          const targets = i.targets.filter((t) => t.governs !== false).map((t) => `${t.year}:${t.wording ?? `${t.op}${t.value}`}`);
          process.stdout.write(`  ${i.code.padEnd(12)} ${i.category} / ${i.name}（${i.unit}） ${targets.join('  ')}\n`);
        }
      }
    });

  program
    .command('units')
    .description('列出填报单位 / list the reporting units')
    .option('--json', 'JSON 输出 / print JSON')
    .option('--city <code>', '只列出一个市 / only this city')
    .action((opts: { json?: boolean; city?: string }) => {
      const selected = opts.city ? units.filter((u) => u.city === opts.city) : units;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(selected, null, 2)}\n`);
        return;
      }
      for (const u of selected) process.stdout.write(`${u.code}  ${u.name}${u.parent ? '' : '（市本级）'}\n`);
    });
}
