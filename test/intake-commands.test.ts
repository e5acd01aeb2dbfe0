/** The administrator's commands as a real process: tokens issued, listed, revoked; `serve` answering with them. */
import { join } from 'node:path';
import { ReceiptSchema } from '../core/receipt';
import { buildIntakeChild, runChild } from './fixtures/intake-child-build';
import { districtValues, filledWorkbook, tempDir } from './fixtures/intake-harness';
import { fixtureDistrict } from './fixtures/plan-fixture';

jest.setTimeout(60_000);

let tmp: ReturnType<typeof tempDir>;
let childJs: string;
let env: Record<string, string>;

beforeAll(async () => {
  tmp = tempDir('intake-commands');
  childJs = await buildIntakeChild(join(tmp.dir, 'build'));
  env = { PLAN_MONITOR_DATA_DIR: join(tmp.dir, 'data'), PLAN_MONITOR_PORT: '0', PLAN_MONITOR_INTAKE__WATCH_DROP_FOLDER: 'false' };
});

afterAll(() => tmp.cleanup());

async function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = runChild(childJs, args, env);
  const code = await child.exited;
  return { code, out: child.stdout(), err: child.stderr() };
}

describe('token commands', () => {
  it('issues, lists and revokes tokens, and never lists a secret', async () => {
    const unit = await run('token', 'issue', '--unit', '230102');
    expect(unit.code).toBe(0);
    expect(unit.out).toContain('（填报单位 道里区教育局 230102）');
    const secret = /^(pm_\S+)$/m.exec(unit.out)![1]!;
    const supervisor = JSON.parse((await run('token', 'issue', '--supervisor', '基础教育处,督导室', '--city', '230100', '--json')).out);
    expect(supervisor).toMatchObject({ kind: 'supervisor', city: '230100', responsible: ['基础教育处', '督导室'], secret: expect.stringMatching(/^pm_/) });
    const admin = JSON.parse((await run('token', 'issue', '--admin', '--json')).out);
    expect(admin).toMatchObject({ kind: 'admin', city: null });

    const list = await run('token', 'list', '--json');
    const tokens = JSON.parse(list.out) as { id: string; kind: string }[];
    expect(tokens.map((t) => t.kind)).toEqual(['unit', 'supervisor', 'admin']);
    expect(list.out).not.toContain(secret);
    expect(list.out).not.toContain(supervisor.secret);

    expect((await run('token', 'revoke', tokens[0]!.id)).out).toContain(`已吊销令牌 ${tokens[0]!.id}`);
    expect((await run('token', 'list')).out).toMatch(new RegExp(`${tokens[0]!.id}\\s+unit\\s+.*已吊销 revoked`));
  });

  it('refuses an unknown unit, two kinds at once, and a supervisor without a city, with exit code 2', async () => {
    const unknown = await run('token', 'issue', '--unit', '999999');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知填报单位：999999');
    expect(unknown.err).toContain('Unknown unit 999999');
    expect((await run('token', 'issue', '--unit', '230102', '--admin')).err).toContain('Choose exactly one of');
    expect((await run('token', 'issue', '--supervisor', '基础教育处')).err).toContain('督导令牌须指定 --city');
    expect((await run('token', 'revoke', 'nosuch')).code).toBe(2);
  });
});

describe('serve', () => {
  it('listens, takes a workbook with a token issued on the command line, and stops on SIGTERM', async () => {
    const secret = /^(pm_\S+)$/m.exec((await run('token', 'issue', '--unit', '230102')).out)![1]!;
    const server = runChild(childJs, ['serve'], env);
    const until = Date.now() + 20_000;
    while (!/Intake server listening on (\S+)/.test(server.stdout()) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const url = /Intake server listening on (\S+)/.exec(server.stdout())![1]!;
    expect(server.stdout()).toContain(`上传页面 / upload page: ${url}/upload`);
    const res = await fetch(`${url}/api/submissions`, {
      method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(await filledWorkbook(fixtureDistrict, '2025-10', districtValues(1))),
    });
    expect(res.status).toBe(201);
    expect(ReceiptSchema.parse(await res.json())).toMatchObject({ status: 'accepted', unitCode: '230102' });
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('正在停止');
  });

  it('stops with a clear message on bad configuration', async () => {
    const child = runChild(childJs, ['serve'], { ...env, PLAN_MONITOR_PORT: '70000' });
    expect(await child.exited).toBe(2);
    expect(child.stderr()).toContain('server.port（环境变量 / environment variable PLAN_MONITOR_PORT）：端口应在 0–65535 之间 / the port must be between 0 and 65535');
  });
});
