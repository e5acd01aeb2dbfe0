/** Configuration: defaults that run on one machine, file and environment, and messages an administrator can act on. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../pipeline/config';
import { tempDir } from './fixtures/intake-harness';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => { tmp = tempDir('config'); });
afterEach(() => tmp.cleanup());

function problemOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs on one machine with nothing set', () => {
    const c = loadConfig({ env: {}, cwd: tmp.dir });
    expect(c).toMatchObject({
      dataDir: join(tmp.dir, 'var'),
      database: { driver: 'sqlite', file: join(tmp.dir, 'var', 'plan-monitor.db') },
      server: { host: '127.0.0.1', port: 8787, maxUploadBytes: 10 * 1024 * 1024, addinOrigins: [], trustProxy: false },
      intake: { dropFolder: join(tmp.dir, 'var', 'drop'), watchDropFolder: true, deadline: { day: 1, time: '08:00' } },
      source: null,
    });
    expect(c.server.tls).toBeUndefined();
  });

  it('reads ./plan-monitor.config.json, and the environment wins over it', () => {
    writeFileSync(join(tmp.dir, 'plan-monitor.config.json'), JSON.stringify({
      dataDir: '/srv/plan-monitor', server: { port: 9000, addinOrigins: ['https://a.example.cn'] }, intake: { deadline: { day: 5 } },
    }));
    const c = loadConfig({
      cwd: tmp.dir,
      env: {
        PLAN_MONITOR_PORT: '9443', PLAN_MONITOR_ADDIN_ORIGINS: 'https://addin.bureau.cn, https://localhost:3000',
        PLAN_MONITOR_TLS_KEY: 'tls/key.pem', PLAN_MONITOR_TLS_CERT: 'tls/cert.pem',
        PLAN_MONITOR_SERVER__MAX_UPLOAD_BYTES: '2097152', PLAN_MONITOR_INTAKE__DEADLINE__TIME: '17:30',
      },
    });
    expect(c.source).toBe(join(tmp.dir, 'plan-monitor.config.json'));
    expect(c.dataDir).toBe('/srv/plan-monitor');
    expect(c.database.file).toBe('/srv/plan-monitor/plan-monitor.db');
    expect(c.server).toMatchObject({
      port: 9443, maxUploadBytes: 2097152, addinOrigins: ['https://addin.bureau.cn', 'https://localhost:3000'],
      tls: { key: join(tmp.dir, 'tls/key.pem'), cert: join(tmp.dir, 'tls/cert.pem') },
    });
    expect(c.intake.deadline).toEqual({ day: 5, time: '17:30' });
  });

  it('says what is wrong, where it was set, in Chinese and English', () => {
    writeFileSync(join(tmp.dir, 'pm.json'), JSON.stringify({ server: { prot: 80, addinOrigins: ['addin.example.cn/pane'] }, database: { driver: 'postgres' } }));
    const err = problemOf(() => loadConfig({ cwd: tmp.dir, file: 'pm.json', env: { PLAN_MONITOR_PORT: 'eighty' } }));
    expect(err.messageZh).toBe(`配置有误（配置文件 ${join(tmp.dir, 'pm.json')}）：`);
    expect(err.problems).toEqual(expect.arrayContaining([
      'server.port（环境变量 / environment variable PLAN_MONITOR_PORT）：端口应为数字 / the port must be a number',
      'server：未知的配置项：prot（是否拼写有误？） / unknown setting(s): prot (a typo?)',
      'server.addinOrigins.0：应为网页来源，如 https://addin.example.cn:3000（不带路径） / must be an origin such as https://addin.example.cn:3000 (no path)',
      'database.url：使用 postgres 时必须设置 database.url（PLAN_MONITOR_DATABASE_URL） / database.url (PLAN_MONITOR_DATABASE_URL) is required with driver postgres',
    ]));
    expect(err.message).toContain('The configuration is invalid');
  });

  it('refuses a missing named file and a file that is not JSON', () => {
    expect(problemOf(() => loadConfig({ cwd: tmp.dir, env: {}, file: 'nope.json' })).messageZh).toBe(`找不到配置文件：${join(tmp.dir, 'nope.json')}`);
    writeFileSync(join(tmp.dir, 'plan-monitor.config.json'), '{ "server": { "port": 80, } }');
    const err = problemOf(() => loadConfig({ cwd: tmp.dir, env: {} }));
    expect(err.messageZh).toContain('配置文件不是有效的 JSON');
    expect(err.messageEn).toContain('The config file is not valid JSON');
  });
});
