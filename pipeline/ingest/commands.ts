/**
 * `ingest <files or folders…> [--json]`: records workbooks already at hand (a share, an archive of mails) exactly as
 * if uploaded. A progress bar on a terminal; with --json one JSON line per file, for scripts.
 * Exit code 0 when every file was accepted (or already stored), 1 when any was refused or unreadable, 2 on failure.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { issueLine } from '../../core/receipt';
import { defaultThreads } from '../intake/parse-pool';
import { shippedCatalog, type CatalogLoader } from '../intake/runtime';
import { withRuntime } from '../server/commands';
import { INGEST_GROUP_COMMIT_MS, expandInputs, ingestFiles, type IngestLine } from './ingest';

export function registerIngestCommands(program: Command, catalog: CatalogLoader = shippedCatalog): void {
  program
    .command('ingest <paths...>')
    .description('导入已填好的模板（文件或文件夹） / record filled templates from files or folders')
    .option('--json', '每个文件输出一行 JSON / one JSON line per file')
    .option('--config <file>', '配置文件 / config file')
    .option('--threads <n>', '解析线程数，含主线程（默认每核一个） / parse threads, the main one included (default: one per core)', (v) => Number(v))
    .action(async (paths: string[], opts: { json?: boolean; config?: string; threads?: number }) => {
      await withRuntime({ file: opts.config, catalog, threads: opts.threads ?? defaultThreads(), batch: true, groupCommitMs: INGEST_GROUP_COMMIT_MS }, async (rt) => {
        const files = await expandInputs(paths);
        const bar = !opts.json && process.stderr.isTTY ? new SingleBar({
          format: '导入 ingest [{bar}] {value}/{total} 个文件 files · {eta_formatted}', hideCursor: true, stream: process.stderr,
        }) : null;
        bar?.start(files.length, 0);
        const problems: IngestLine[] = [];
        const summary = await ingestFiles(files, {
          store: rt.store, parser: rt.parser, maxBytes: rt.config.server.maxUploadBytes, submittedBy: `cli:${currentUser()}`,
          onLine: (line, done) => {
            if (opts.json) process.stdout.write(`${JSON.stringify(line)}\n`);
            if (line.status === 'refused' || line.status === 'error') problems.push(line);
            bar?.update(done);
          },
        });
        bar?.stop();
        if (!opts.json) {
          for (const p of problems) {
            process.stdout.write(`${p.status === 'error' ? '无法读取 / unreadable' : '未受理 / refused'}: ${p.file}\n`);
            if (p.error) process.stdout.write(`  ${p.error}\n`);
            for (const i of p.issues.filter((x) => x.severity === 'error')) process.stdout.write(`  ${issueLine(i, 'zh')}\n  ${issueLine(i, 'en')}\n`);
          }
          process.stdout.write(`共 ${summary.files} 个文件：受理 ${summary.accepted}，重复 ${summary.duplicate}，未受理 ${summary.refused}，无法读取 ${summary.error}` +
            `（${summary.seconds.toFixed(1)} 秒）\n${summary.files} files: ${summary.accepted} accepted, ${summary.duplicate} duplicate, ` +
            `${summary.refused} refused, ${summary.error} unreadable (${summary.seconds.toFixed(1)} s)\n`);
        }
        process.exitCode = summary.refused + summary.error > 0 ? 1 : 0;
      });
    });
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
