/**
 * `serve` runs the intake server (and the drop folder watcher); `token issue|revoke|list` manages who may submit
 * and see what. All of them read the same configuration (--config, PLAN_MONITOR_*, ./plan-monitor.config.json).
 */
import type { Command } from 'commander';
import { ConfigError } from '../config';
import { defaultThreads } from '../intake/parse-pool';
import { openRuntime, shippedCatalog, type CatalogLoader, type Runtime } from '../intake/runtime';
import type { IssueRequest, TokenInfo } from '../store/tokens';
import { startServer } from './start';
import { startMonthlySchedule } from '../run/service';

export function registerServerCommands(program: Command, catalog: CatalogLoader = shippedCatalog): void {
  program
    .command('serve')
    .description('启动接收服务（HTTP/HTTPS 接口、上传页面、投递文件夹） / run the intake server')
    .option('--config <file>', '配置文件 / config file (default ./plan-monitor.config.json)')
    .option('--host <host>', '监听地址 / address to listen on')
    .option('--port <port>', '端口 / port', (v) => Number(v))
    .option('--no-drop', '不监视投递文件夹 / do not watch the drop folder')
    .action(async (opts: { config?: string; host?: string; port?: number; drop: boolean }) => {
      const overrides = { server: { ...(opts.host ? { host: opts.host } : {}), ...(opts.port !== undefined ? { port: opts.port } : {}) } };
      // Parse threads: uploads and the drop folder are read off the event loop, which stays free to answer.
      await withRuntime({ file: opts.config, overrides, catalog, threads: defaultThreads() }, async (rt) => {
        const running = await startServer(rt, {
          logger: { level: 'warn' },
          watchDrop: opts.drop ? undefined : false,
          onDrop: (r) => process.stdout.write(`${r.outcome === 'processed' ? '已处理' : '已退回'} / ${r.outcome}: ${r.file} → ${r.movedTo}` +
            `${r.recovered ? '（重启前已入库，本次仅移动 / recorded before a restart, moved now）' : ''}\n`),
          onDropError: (file, err) => process.stderr.write(`投递文件处理失败 / drop folder error: ${file}: ${err instanceof Error ? err.message : String(err)}\n`),
        });
        // The same process runs the monthly schedule: on start it runs what is due (a month missed while down).
        const monthly = rt.config.schedule.enabled ? startMonthlySchedule(rt, (line) => process.stdout.write(`${line}\n`)) : null;
        process.stdout.write(
          `Plan Monitor 接收服务已启动：${running.url}\n  上传页面 / upload page: ${running.url}/upload\n` +
          `  数据库 / database: ${rt.config.database.driver === 'sqlite' ? rt.config.database.file : 'PostgreSQL'}\n` +
          (running.drop ? `  投递文件夹 / drop folder: ${rt.config.intake.dropFolder}\n` : '') +
          (monthly ? `  月报计划 / monthly report schedule: ${rt.config.schedule.cron} (${rt.config.schedule.timezone})\n` : '') +
          `Intake server listening on ${running.url} (Ctrl+C 停止 / to stop)\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        process.stdout.write('正在停止… / stopping…\n');
        await monthly?.stop();
        await running.close();
      });
    });

  const token = program.command('token').description('管理访问令牌 / manage access tokens');

  token
    .command('issue')
    .description('签发令牌：--unit <代码> | --supervisor <责任单位…> --city <代码> | --admin [--city <代码>] / issue a token')
    .option('--unit <code>', '填报单位代码 / a reporting unit\'s code')
    .option('--supervisor <responsible...>', '督导的责任单位（可多个） / the 责任单位 a supervisor reviews for')
    .option('--admin', '管理员令牌 / an administrator\'s token')
    .option('--city <code>', '所属城市代码（督导必填；管理员不填则可见全部） / city code')
    .option('--label <text>', '持有人说明，如“道里区 张老师” / who holds it')
    .option('--json', 'JSON 输出 / print JSON')
    .option('--config <file>', '配置文件 / config file')
    .action(async (opts: { unit?: string; supervisor?: string[]; admin?: boolean; city?: string; label?: string; json?: boolean; config?: string }) => {
      await withRuntime({ file: opts.config, catalog }, async (rt) => {
        const request = issueRequest(rt, opts);
        const { secret, token: info } = await rt.store.tokens.issue(request);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ ...info, secret })}\n`);
          return;
        }
        process.stdout.write(`已签发令牌 ${info.id}（${describe(rt, info)}）\nToken ${info.id} issued.\n` +
          '请把下面的令牌安全地交给持有人；系统只保存其指纹，此令牌不会再次显示。\n' +
          'Hand the token below to its holder securely; only its fingerprint is stored and it will not be shown again.\n\n' +
          `${secret}\n`);
      });
    });

  token
    .command('revoke <id>')
    .description('吊销令牌 / revoke a token')
    .option('--config <file>', '配置文件 / config file')
    .action(async (id: string, opts: { config?: string }) => {
      await withRuntime({ file: opts.config, catalog }, async (rt) => {
        if (!(await rt.store.tokens.revoke(id))) throw new UsageError(`没有编号为 ${id} 的令牌`, `No token with id ${id}`);
        process.stdout.write(`已吊销令牌 ${id} / Token ${id} revoked\n`);
      });
    });

  token
    .command('list')
    .description('列出令牌（不显示令牌本身） / list tokens (never the secrets)')
    .option('--json', 'JSON 输出 / print JSON')
    .option('--config <file>', '配置文件 / config file')
    .action(async (opts: { json?: boolean; config?: string }) => {
      await withRuntime({ file: opts.config, catalog }, async (rt) => {
        const tokens = await rt.store.tokens.list();
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
          return;
        }
        if (tokens.length === 0) process.stdout.write('尚未签发令牌 / no tokens issued\n');
        for (const t of tokens) {
          const state = t.revokedAt ? `已吊销 revoked ${t.revokedAt.slice(0, 10)}` : '有效 active';
          process.stdout.write(`${t.id}  ${t.kind.padEnd(10)} ${describe(rt, t)}  ${state}  ${t.createdAt.slice(0, 10)}${t.label ? `  ${t.label}` : ''}\n`);
        }
      });
    });
}

/** A mistake in how a command was called: said in both languages, exit code 2. */
export class UsageError extends Error {
  constructor(readonly messageZh: string, readonly messageEn: string) {
    super(`${messageZh} / ${messageEn}`);
  }
}

/** Opens the runtime, runs, closes; bad configuration and usage mistakes become a message and exit code 2. */
export async function withRuntime(opts: Parameters<typeof openRuntime>[0], run: (rt: Runtime) => Promise<void>): Promise<void> {
  let rt: Runtime;
  try {
    rt = await openRuntime({ threads: 0, ...opts });
  } catch (err) {
    return failWith(err);
  }
  try {
    await run(rt);
  } catch (err) {
    failWith(err);
  } finally {
    await rt.close();
  }
}

function failWith(err: unknown): void {
  if (err instanceof ConfigError || err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  throw err;
}

function issueRequest(rt: Runtime, opts: { unit?: string; supervisor?: string[]; admin?: boolean; city?: string; label?: string }): IssueRequest {
  const kinds = [opts.unit !== undefined, opts.supervisor !== undefined, opts.admin === true].filter(Boolean).length;
  if (kinds !== 1) {
    throw new UsageError('请只选择一种：--unit <代码>、--supervisor <责任单位> --city <代码> 或 --admin',
      'Choose exactly one of --unit <code>, --supervisor <责任单位> --city <code>, --admin');
  }
  const cityKnown = (city: string) => rt.catalog.units.some((u) => u.city === city);
  if (opts.city !== undefined && !cityKnown(opts.city)) {
    throw new UsageError(`城市代码 ${opts.city} 不在单位目录中`, `City code ${opts.city} is not in the unit catalog`);
  }
  if (opts.unit !== undefined) {
    const unit = rt.catalog.units.find((u) => u.code === opts.unit);
    if (!unit) throw new UsageError(`未知填报单位：${opts.unit}（可用 plan-monitor units 查看）`, `Unknown unit ${opts.unit} (see plan-monitor units)`);
    return { kind: 'unit', unitCode: unit.code, city: unit.city, label: opts.label ?? unit.name };
  }
  if (opts.supervisor !== undefined) {
    if (!opts.city) throw new UsageError('督导令牌须指定 --city <城市代码>', 'A supervisor token needs --city <code>');
    const names = opts.supervisor.flatMap((s) => s.split(/[,，、]/)).map((s) => s.trim()).filter(Boolean);
    const known = new Set(rt.catalog.plans.filter((p) => p.city === opts.city).flatMap((p) => p.indicators.flatMap((i) => i.responsible)));
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      process.stderr.write(`提醒：该市规划中没有责任单位“${unknown.join('、')}”，此令牌暂时不会收到任何问题 / ` +
        `note: no indicator of this city names ${unknown.join(', ')} as responsible\n`);
    }
    return { kind: 'supervisor', city: opts.city, responsible: names, label: opts.label ?? null };
  }
  return { kind: 'admin', city: opts.city ?? null, label: opts.label ?? null };
}

function describe(rt: Runtime, t: TokenInfo): string {
  const cityName = (code: string | null) => (code ? rt.catalog.units.find((u) => u.code === code && u.parent === null)?.name ?? code : '全部城市 all cities');
  if (t.kind === 'unit') return `填报单位 ${rt.catalog.units.find((u) => u.code === t.unitCode)?.name ?? ''} ${t.unitCode}`;
  if (t.kind === 'supervisor') return `督导 ${t.responsible.join('、')} · ${cityName(t.city)}`;
  return `管理员 · ${cityName(t.city)}`;
}
