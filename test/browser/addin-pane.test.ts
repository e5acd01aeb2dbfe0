/**
 * The task pane as an official uses it, in headless Chromium: the built pane (addin/dist as `npm run build:addin`
 * makes it) beside a simulated Excel window, submitting to the REAL intake server (pipeline/server) on loopback with
 * a real database file. office.js is replaced by the simulated host; everything else is what ships.
 *
 * insert → type (one short without explanation) and paste (one invalid) → check → both listed → fix → submit →
 * receipt; then the server goes down → clear message, nothing lost → server back → retry → receipt.
 * Screenshots of each step go to test/artifacts/addin/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { DATA_SHEET } from '../../core/layout';
import type { Runtime } from '../../pipeline/intake/runtime';
import { startServer, type RunningServer } from '../../pipeline/server/start';
import { tempDir, testRuntime } from '../fixtures/intake-harness';
import { ARTIFACTS, freePort, openPane, paneFrame, servePane, type ServedPane } from './pane-harness';
import type { SimWorkbook } from './sim-excel';

const MONTH = '2025-10';

jest.setTimeout(180_000);

let tmp: ReturnType<typeof tempDir>;
let served: ServedPane;
let paneOrigin: string;
let rt: Runtime;
let intake: RunningServer | null = null;
let intakePort: number;
let token: string;
let browser: Browser;
let page: Page;
let bundle: { bundleBytes: number; bundleGzipBytes: number };

async function startIntake(): Promise<void> {
  intake = await startServer(rt);
}

async function stopIntake(): Promise<void> {
  await intake?.close();
  intake = null;
}

function pane(): Frame {
  return paneFrame(page);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Clicks a cell of the simulated grid and types into it, as an official would. */
async function typeInto(address: string, text: string): Promise<void> {
  await page.click(`td[data-addr="${address}"]`);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** A paste from another workbook: Excel's data validation does not see it. */
async function pasteInto(address: string, text: string): Promise<string> {
  return page.evaluate(([a, t, s]) => (window as unknown as { __excelHost: SimWorkbook }).__excelHost.paste(s!, a!, t!), [address, text, DATA_SHEET]);
}

async function cellValue(address: string): Promise<unknown> {
  return page.evaluate(([a, s]) => {
    const book = (window as unknown as { __excelHost: SimWorkbook }).__excelHost;
    const m = /^([A-Z]+)(\d+)$/.exec(a!)!;
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    return book.sheet(s!)?.display(Number(m[2]), col) ?? null;
  }, [address, DATA_SHEET]);
}

const hostState = () => page.evaluate(() => {
  const w = window as unknown as { __excelHost: SimWorkbook; __fileStats: { opened: number; closed: number } };
  return { syncs: w.__excelHost.syncCount, selection: w.__excelHost.selection, files: { ...w.__fileStats }, sheets: w.__excelHost.sheets.map((s) => [s.name, s.visibility]) };
});

async function history(): Promise<{ version: number; status: string }[]> {
  const res = await fetch(`${intake!.url}/api/submissions?unit=230102&month=${MONTH}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { submissions: { version: number; status: string }[] };
  return body.submissions;
}

beforeAll(async () => {
  tmp = tempDir('addin-pane');
  served = await servePane(path.join(tmp.dir, 'pane'));
  paneOrigin = served.origin;
  bundle = served.bundle;

  const dataDir = path.join(tmp.dir, 'intake');
  await mkdir(dataDir);
  intakePort = await freePort();
  rt = await testRuntime(dataDir, { server: { port: intakePort, addinOrigins: [paneOrigin], rateLimit: { max: 1000, windowSeconds: 60 } } });
  await startIntake();
  token = (await rt.store.tokens.issue({ kind: 'unit', unitCode: '230102', city: '230100' })).secret;

  ({ browser, page } = await openPane(served, { width: 1500, height: 960 }));
});

afterAll(async () => {
  await browser?.close();
  await stopIntake();
  await rt?.close();
  await served?.close();
  tmp?.cleanup();
});

describe('the task pane in headless Chromium', () => {
  it('ships a small bundle', () => {
    // Recorded in the report; a regression to a component library or all of zod's locales would show here.
    expect(bundle.bundleGzipBytes).toBeLessThan(110 * 1024);
  });

  it('connects with the unit token and lists the unit\'s plans', async () => {
    await shot('01-start');
    const p = pane();
    await p.fill('#server-url', intake!.url);
    await p.fill('#token', token);
    await p.click('#connect');
    await p.waitForSelector('#connected:not([hidden])');
    expect(await p.textContent('#connected')).toContain('道里区教育局');
    expect(await p.$$eval('#plan option', (o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['fixture-plan']);
    expect(await p.$eval('#unit', (s) => [(s as HTMLSelectElement).value, (s as HTMLSelectElement).disabled])).toEqual(['230102', true]);
    // The token is not in the workbook, nor shown again.
    expect(await p.inputValue('#token')).toBe('');
    await shot('02-connected');
  });

  it('inserts the template in two Excel round trips', async () => {
    const p = pane();
    await p.fill('#month', MONTH);
    const before = (await hostState()).syncs;
    await p.click('#insert');
    await p.waitForSelector('#template-notice.pm-alert--success');
    const state = await hostState();
    expect(state.syncs - before).toBe(2);
    expect(state.sheets).toEqual([[DATA_SHEET, 'Visible'], ['Sheet1', 'Visible'], ['_plan_monitor', 'VeryHidden']]);
    expect(await cellValue('B6')).toBe('普惠性幼儿园覆盖率');
    expect(await p.textContent('#template-notice')).toContain('模板已插入');
    await shot('03-inserted');
  });

  it('refuses typing into a locked cell, as Excel does', async () => {
    await typeInto('F6', '99');
    expect(await cellValue('F6')).not.toBe(99);
  });

  it('lists an invalid pasted value and a shortfall without explanation, and goes to the cell on click', async () => {
    await typeInto('I5', '950');
    await typeInto('J5', '1000');
    await typeInto('H6', '70'); // far below this month's expected coverage, and no explanation
    await typeInto('H7', '30');
    expect(await pasteInto('H9', '九十九')).toBe('ok'); // pasted: Excel's validation never saw it
    await typeInto('H10', '13');
    await typeInto('H11', '是');
    await typeInto('H13', '600');
    expect(await cellValue('H5')).toBe(95); // the sheet's own formula from numerator and denominator
    await shot('04-typed');

    const p = pane();
    await p.click('#check');
    await p.waitForSelector('#issues li');
    const items = await p.$$eval('#issues li', (li) => li.map((x) => [(x as HTMLElement).dataset.cell, (x as HTMLElement).dataset.code, x.textContent]));
    expect(items.map(([cell, code]) => [cell, code])).toEqual([['K6', 'explanation_required'], ['H9', 'unparseable']]);
    expect(items[0]![2]).toContain('普惠性幼儿园覆盖率');
    expect(items[1]![2]).toContain('九十九');
    expect(await p.textContent('#summary')).toContain('发现 1 个错误，1 项低于进度需填写情况说明');
    await p.click('#issues li[data-cell="H9"]');
    await page.waitForFunction(() => (window as unknown as { __excelHost: SimWorkbook }).__excelHost.selection?.address === 'H9');
    await shot('05-issues');
  });

  it('blocks the submission while they stand, and uploads nothing', async () => {
    const p = pane();
    await p.click('#submit');
    await p.waitForSelector('#submit-notice.pm-alert--error');
    expect(await p.textContent('#submit-notice')).toContain('请先修正以下问题再提交');
    expect(await history()).toEqual([]);
    expect((await hostState()).files.opened).toBe(0);
  });

  it('checks clean once fixed, then submits and shows the receipt', async () => {
    await typeInto('H9', '99.3');
    await typeInto('K6', '两所新建普惠园推迟至11月开园，已督促施工进度');
    const p = pane();
    await p.click('#check');
    await p.waitForSelector('#submit-notice.pm-alert--success');
    expect(await p.$$('#issues li')).toHaveLength(0);
    expect(await p.textContent('#summary')).toMatch(/共 7 项/);
    await shot('06-fixed');

    await p.click('#submit');
    await p.waitForSelector('#receipt.pm-receipt--accepted');
    expect(await p.textContent('#receipt .pm-receipt-headline')).toBe('已受理：道里区教育局 2025年10月 第1版');
    expect(await p.textContent('#receipt')).toContain('接收时间');
    expect(await history()).toMatchObject([{ version: 1, status: 'accepted' }]);
    const { files } = await hostState();
    expect(files).toEqual({ opened: 1, closed: 1 });
    await shot('07-receipt');
  });

  it('says plainly when the server cannot be reached, loses nothing, and the retry lands', async () => {
    await stopIntake();
    await typeInto('H7', '32');
    const p = pane();
    await p.click('#submit');
    await p.waitForSelector('#submit-notice .pm-retry');
    const notice = await p.textContent('#submit-notice');
    expect(notice).toContain('无法连接到报送服务器');
    expect(notice).toContain('工作簿未改动');
    expect(await cellValue('H7')).toBe(32);
    expect((await hostState()).files).toEqual({ opened: 2, closed: 2 });
    await shot('08-server-down');

    await startIntake();
    await p.click('#submit-notice .pm-retry');
    await p.waitForSelector('#receipt.pm-receipt--accepted');
    expect(await p.textContent('#receipt .pm-receipt-headline')).toBe('已受理：道里区教育局 2025年10月 第2版');
    expect(await p.textContent('#receipt')).toContain('替代上一版本');
    expect((await history()).map((h) => h.version).sort()).toEqual([1, 2]);
    await shot('09-retried');
  });

  it('switches to English, receipt included', async () => {
    const p = pane();
    await p.click('#lang');
    expect(await p.textContent('#receipt .pm-receipt-headline')).toBe('Accepted: 道里区教育局 October 2025, version 2');
    expect(await p.textContent('#insert')).toBe('Insert template');
    await shot('10-english');
    await p.click('#lang');
  });

  it('refreshes the same sheet for the next month with last month\'s values from the intake', async () => {
    const p = pane();
    await p.fill('#month', '2025-11');
    await p.click('#insert');
    await p.waitForSelector('#template-notice.pm-alert--success');
    expect(await p.textContent('#template-notice')).toContain('来自服务器');
    const state = await hostState();
    expect(state.sheets.filter(([name]) => name === DATA_SHEET)).toHaveLength(1);
    expect(await cellValue('G6')).toBe(70); // 上月值 of F-02: what was submitted for October
    expect(await cellValue('G7')).toBe(32);
    expect(await cellValue('H6')).toBe('');
    await shot('11-next-month');
  });
});
