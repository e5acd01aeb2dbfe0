/**
 * Parse threads that cannot start (a broken install): the pool stops replacing them after a few deaths instead of
 * starting threads until memory runs out, says why, and a batch goes on parsing on its own thread.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseThreadsFailed, createParser, type TemplateParser } from '../pipeline/intake/parse-pool';
import { fixturePlan, fixtureUnits } from './fixtures/plan-fixture';

const brokenWorker = join(__dirname, 'fixtures', 'worker-cannot-start.js');
const catalog = { plans: [fixturePlan], units: fixtureUnits };
const notAWorkbook = { bytes: Buffer.from('这不是工作簿 / not a workbook'), maxBytes: 1024 };
/** Where the broken thread notes each start (its process is this one). */
const starts = join(tmpdir(), `pm-worker-starts-${process.pid}.txt`);
const startCount = () => readFileSync(starts, 'utf8').trim().split('\n').length;

beforeEach(() => rmSync(starts, { force: true }));
afterAll(() => rmSync(starts, { force: true }));

/** Waits until the pool's threads have given up (parse rejects with ParseThreadsFailed), or fails after 10 s. */
async function untilFailed(parser: TemplateParser): Promise<ParseThreadsFailed> {
  const until = Date.now() + 10_000;
  for (;;) {
    const result = await parser.parse(notAWorkbook).then(() => null, (err: unknown) => err);
    if (result instanceof ParseThreadsFailed) return result;
    if (Date.now() > until) throw new Error(`parse threads still restarting: ${String(result)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('parse threads that cannot start', () => {
  it('are started a few times, then the pool refuses files with the reason, in Chinese and English', async () => {
    const parser = createParser(catalog, 2, { workerFile: brokenWorker });
    const failed = await untilFailed(parser);
    expect(failed.message).toMatch(/^解析线程无法启动，已停止重启：.*找不到模块.* \/ parse threads cannot start/);
    await new Promise((r) => setTimeout(r, 300));
    // Two threads at first, one replacement per death until the third: never a thread per event, never a loop.
    const started = startCount();
    expect(started).toBeGreaterThanOrEqual(3);
    expect(started).toBeLessThanOrEqual(4);
    await expect(parser.parse(notAWorkbook)).rejects.toBeInstanceOf(ParseThreadsFailed);
    await parser.close();
  });

  it('leave a batch to its own thread, which parses every file', async () => {
    const parser = createParser(catalog, 2, { workerFile: brokenWorker, callerParses: true });
    // Files sent while the thread still dies fail with the thread's error; once it has given up, none do.
    const early = await Promise.allSettled(Array.from({ length: 20 }, () => parser.parse(notAWorkbook)));
    for (const r of early) {
      if (r.status === 'rejected') expect(String(r.reason)).toMatch(/找不到模块|解析线程/);
    }
    await new Promise((r) => setTimeout(r, 500));
    const later = await Promise.all(Array.from({ length: 20 }, () => parser.parse(notAWorkbook)));
    for (const { outcome } of later) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.reason).toBe('corrupt');
    }
    expect(startCount()).toBeLessThanOrEqual(3);
    await parser.close();
  });
});
