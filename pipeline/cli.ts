/**
 * The `plan-monitor` command line. Each area registers its own commands; this file only assembles them.
 * Exit codes: 0 success, 1 the input has errors (e.g. `check` found problems), 2 the command failed.
 */
import { Command, CommanderError } from 'commander';
import { registerCatalogCommands } from './catalog-commands';
import { registerWorkbookCommands } from './workbook/commands';
import { registerServerCommands } from './server/commands';
import { registerIngestCommands } from './ingest/commands';
import { registerRunCommands } from './run/commands';

export function buildProgram(): Command {
  const program = new Command('plan-monitor')
    .description('Plan Monitor — 教育规划指标月度监测 / monthly monitoring of education-plan indicators')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerCatalogCommands(program);
  registerWorkbookCommands(program);
  registerServerCommands(program);
  registerIngestCommands(program);
  registerRunCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
}
