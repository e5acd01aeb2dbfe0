/**
 * The review mode of the task pane as a supervisor uses it, in headless Chromium: the built pane beside the simulated
 * Excel window, talking to the REAL intake server on loopback (real database file). The flags come from a real
 * monthly run over submissions the units uploaded; the decisions travel into the next month's report workbook.
 *
 * connect (supervisor) → the list (only flags routed to 市教育局基础教育处) → filter → decide one flag in the pane (a
 * missing due date is said at once) → insert the review list as a sheet → decide two rows (one refused by its row,
 * fixed) → submit all at once → send back a unit's month → the unit sees the send-back and its flags' status → the
 * next month's report shows the decisions. Screenshots of each step go to test/artifacts/addin/.
 */
import ExcelJS from 'exceljs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import type { ReviewItem } from '../../core/review';
import type { Entry } from '../../core/schema';
import type { Runtime } from '../../pipeline/intake/runtime';
import { FLAG_LABEL } from '../../pipeline/report/wording';
import { runMonth } from '../../pipeline/run/monthly-run';
import { runContextFor } from '../../pipeline/run/service';
import { startServer, type RunningServer } from '../../pipeline/server/start';
import type { FieldValues } from '../../pipeline/workbook/fill';
import { filledWorkbook, tempDir, testRuntime } from '../fixtures/intake-harness';
import { reportPlan, reportUnits, submissionsFor } from '../fixtures/report-fixture';
import { ARTIFACTS, freePort, openPane, paneFrame, servePane, type ServedPane } from './pane-harness';
import type { SimWorkbook } from './sim-excel';

const PLAN = reportPlan.id;
const REVIEWER = '市教育局基础教育处';
const SHEET = '复核清单';

jest.setTimeout(240_000);

let tmp: ReturnType<typeof tempDir>;
let served: ServedPane;
let rt: Runtime;
let intake: RunningServer;
let supervisorToken: string;
const unitTokens = new Map<string, string>();
let browser: Browser;
let page: Page;
/** The list as the server gives it to the supervisor, read once the pane has shown it. */
let listed: ReviewItem[] = [];
/** Decided in the pane; and the two decided in the sheet (kinds that November's same values raise again). */
let paneFlag: ReviewItem;
let sheetFlags: [ReviewItem, ReviewItem];
const RECURRING = new Set(['below_trajectory', 'unexplained_shortfall', 'consecutive_below', 'final_target_at_risk']);

function typed(entries: readonly Entry[]): Record<string, FieldValues> {
  return Object.fromEntries(entries.map((e) => {
    const explanation = e.explanation ? { explanation: e.explanation } : {};
    if (e.numerator !== undefined && e.numerator !== null) return [e.code, { numerator: e.numerator, denominator: e.denominator ?? null, ...explanation }];
    if (e.code === 'F-06') return [e.code, { value: e.value === 1 ? '是' : '否', ...explanation }];
    return [e.code, { value: e.value, ...explanation }];
  }));
}

/** Each unit uploads its month through the intake's API, as the pane or the upload page would. */
async function uploadMonth(month: string, source = month): Promise<void> {
  for (const s of submissionsFor(source)) {
    const unit = reportUnits.find((u) => u.code === s.unitCode)!;
    const bytes = await filledWorkbook(unit, month, typed(s.entries), reportPlan);
    const res = await fetch(`${intake.url}/api/submissions`, {
      method: 'POST', body: new Uint8Array(bytes),
      headers: { Authorization: `Bearer ${unitTokens.get(s.unitCode)}`, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect([month, s.unitCode, res.status]).toEqual([month, s.unitCode, 201]);
  }
}

/** The monthly run as the schedule makes it (08:00 Beijing on the 1st of the next month). */
async function runReport(month: string, at: string): Promise<string> {
  const ctx = runContextFor(rt, { now: () => new Date(at) });
  try {
    const result = await runMonth(ctx, PLAN, month, 'manual');
    return result.reportDir!;
  } finally {
    ctx.transport.close();
  }
}

function pane(): Frame {
  return paneFrame(page);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

async function paneShot(name: string): Promise<void> {
  await page.locator('#pane').screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

async function typeInto(address: string, text: string): Promise<void> {
  await page.click(`td[data-addr="${address}"]`);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

const hostState = () => page.evaluate(() => {
  const w = window as unknown as { __excelHost: SimWorkbook };
  return { syncs: w.__excelHost.syncCount, active: w.__excelHost.activeSheet, selection: w.__excelHost.selection, sheets: w.__excelHost.sheets.map((s) => s.name) };
});

/** The review sheet's row of a flag (its key is in the hidden column A). */
async function sheetRowOf(flagKey: string): Promise<number> {
  return page.evaluate(([key, name]) => {
    const sheet = (window as unknown as { __excelHost: SimWorkbook }).__excelHost.sheet(name!)!;
    for (let r = 3; r < 1000; r++) if (sheet.get(r, 1)?.value === key) return r;
    return -1;
  }, [flagKey, SHEET]);
}

async function sheetCell(row: number, col: number): Promise<unknown> {
  return page.evaluate(([r, c, name]) => (window as unknown as { __excelHost: SimWorkbook }).__excelHost.sheet(name as string)?.display(r as number, c as number) ?? null, [row, col, SHEET]);
}

async function apiList(token: string, query = ''): Promise<{ month: string | null; items: ReviewItem[] }> {
  const res = await fetch(`${intake.url}/api/review/flags?plan=${PLAN}${query}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { month: string | null; items: ReviewItem[] };
}

const flagLi = (key: string) => `li.pm-flag[data-flag-key="${key}"]`;

beforeAll(async () => {
  tmp = tempDir('addin-review');
  served = await servePane(path.join(tmp.dir, 'pane'));
  const paneOrigin = served.origin;

  const dataDir = path.join(tmp.dir, 'intake');
  await mkdir(dataDir);
  rt = await testRuntime(dataDir, {
    server: { port: await freePort(), addinOrigins: [paneOrigin], rateLimit: { max: 1000, windowSeconds: 60 } },
  }, { plans: [reportPlan], units: reportUnits });
  intake = await startServer(rt);
  for (const u of reportUnits.filter((x) => x.city === '230100')) {
    unitTokens.set(u.code, (await rt.store.tokens.issue({ kind: 'unit', unitCode: u.code, city: '230100' })).secret);
  }
  supervisorToken = (await rt.store.tokens.issue({ kind: 'supervisor', city: '230100', responsible: [REVIEWER], label: REVIEWER })).secret;

  // Three months of the units' submissions, then October's report: its flags are what the supervisor reviews.
  for (const month of ['2025-08', '2025-09', '2025-10']) await uploadMonth(month);
  await runReport('2025-10', '2025-11-01T00:00:00.000Z');

  // Wide enough for the review sheet's fifteen columns beside the pane, as on an office monitor.
  ({ browser, page } = await openPane(served, { width: 1920, height: 1000 }));
});

afterAll(async () => {
  await browser?.close();
  await intake?.close();
  await rt?.close();
  await served?.close();
  tmp?.cleanup();
});

describe('review mode in headless Chromium against the real intake', () => {
  it('a supervisor connects and sees only the flags routed to them', async () => {
    const p = pane();
    await p.fill('#server-url', intake.url);
    await p.fill('#token', supervisorToken);
    await p.click('#connect');
    await p.waitForSelector('#connected:not([hidden])');
    await p.waitForSelector('#tab-review[aria-selected="true"]');
    await p.waitForSelector('#review-list li.pm-flag');
    expect(await p.isHidden('#report-view')).toBe(true);

    const all = await apiList(supervisorToken);
    listed = all.items;
    expect(all.month).toBe('2025-10');
    expect(listed.length).toBeGreaterThan(1);
    expect(listed.every((i) => i.responsible.includes(REVIEWER))).toBe(true);
    // Flags of other 责任单位 exist in the same month, and are not shown.
    const stored = await rt.store.db.selectFrom('flags' as never).select(['flag_key' as never, 'responsible' as never]).execute() as { flag_key: string; responsible: string }[];
    const others = stored.filter((f) => !(JSON.parse(f.responsible) as string[]).includes(REVIEWER));
    expect(others.length).toBeGreaterThan(0);

    const shown = await p.$$eval('#review-list li.pm-flag', (li) => li.map((x) => (x as HTMLElement).dataset.flagKey));
    expect(shown.sort()).toEqual(listed.map((i) => i.flagKey).sort());
    for (const other of others) expect(shown).not.toContain(other.flag_key);
    expect(await p.textContent('#review-summary')).toContain(`共 ${listed.length} 条预警`);
    paneFlag = listed.find((i) => i.unitCode === '230103' && i.code === 'F-02' && i.kind === 'below_trajectory')!;
    const rest = listed.filter((i) => i !== paneFlag && RECURRING.has(i.kind) && i.unitCode !== '230100');
    sheetFlags = [rest[0]!, rest[1]!];
    expect(sheetFlags[1]).toBeDefined();
    const nangangF02 = paneFlag;
    const card = await p.textContent(flagLi(nangangF02.flagKey));
    expect(card).toContain('南岗区教育局');
    expect(card).toContain(nangangF02.actual!);
    expect(card).toContain(nangangF02.expected!);
    expect(card).toContain('近几月');
    expect(card).toContain('待复核');
    await shot('review-01-list');
    await paneShot('review-01-list-pane');
  });

  it('filters by unit and severity, and sorts', async () => {
    const p = pane();
    await p.selectOption('#filter-unit', '230103');
    const nangang = listed.filter((i) => i.unitCode === '230103');
    expect(await p.$$eval('#review-list li.pm-flag', (li) => li.map((x) => (x as HTMLElement).dataset.unit))).toEqual(nangang.map(() => '230103'));
    expect(await p.textContent('#review-summary')).toContain(`显示 ${nangang.length} 条`);
    await paneShot('review-02-filtered');
    await p.selectOption('#filter-unit', '');
    const severities = [...new Set(listed.map((i) => i.severity))];
    await p.selectOption('#filter-severity', severities[0]!);
    expect(await p.$$('#review-list li.pm-flag')).toHaveLength(listed.filter((i) => i.severity === severities[0]).length);
    await p.selectOption('#filter-severity', '');
    await p.selectOption('#filter-age', '30');
    // October's flags were raised on 1 November 2025: they have been open for more than 30 days by now.
    expect(await p.$$('#review-list li.pm-flag')).toHaveLength(listed.filter((i) => i.ageDays > 30).length);
    await p.selectOption('#filter-age', '');
    await p.selectOption('#review-sort', 'unit');
    const units = await p.$$eval('#review-list li.pm-flag', (li) => li.map((x) => (x as HTMLElement).dataset.unit!));
    expect(units).toEqual([...units].sort());
    await p.selectOption('#review-sort', 'severity');
  });

  it('switches the review mode to English and back', async () => {
    const p = pane();
    await p.click('#lang');
    expect(await p.textContent('#tab-review')).toBe('Review');
    expect(await p.textContent('#review-summary')).toContain(`October 2025: ${listed.length} flag(s)`);
    expect(await p.textContent(flagLi(paneFlag.flagKey))).toContain('Open');
    await paneShot('review-02-english');
    await p.click('#lang');
    expect(await p.textContent('#tab-review')).toBe('复核');
  });

  it('decides one flag in the pane: the missing due date is said at once, then the decision is stored', async () => {
    const p = pane();
    const flag = paneFlag;
    const li = flagLi(flag.flagKey);
    await p.click(`${li} button[data-action="decide"]`);
    await p.selectOption(`${li} .pm-decision-status`, 'action_required');
    await p.fill(`${li} .pm-decision-comment`, '未填写情况说明，请补充');
    await p.fill(`${li} .pm-decision-action`, '补充情况说明并提交整改方案');
    await p.click(`${li} button[data-submit="decide"]`);
    await p.waitForSelector(`${li} .pm-flag-problems li[data-field="dueBy"]`);
    expect(await p.textContent(`${li} .pm-flag-problems`)).toContain('整改期限');
    await paneShot('review-03-decide-refused');

    const due = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await p.fill(`${li} .pm-decision-due`, due);
    await p.click(`${li} button[data-submit="decide"]`);
    await p.waitForSelector(`${li} .pm-status[data-status="action_required"]`);
    expect(await p.textContent(`${li} .pm-flag-notice`)).toContain('已保存复核结论：需整改');
    expect(await p.textContent(li)).toContain('补充情况说明并提交整改方案');
    const after = (await apiList(supervisorToken)).items.find((i) => i.flagKey === flag.flagKey)!;
    expect(after.review).toMatchObject({ status: 'action_required', action: '补充情况说明并提交整改方案', dueBy: due });
    await paneShot('review-04-decided');
  });

  it('inserts the review list as a sheet in two Excel round trips', async () => {
    const p = pane();
    const before = (await hostState()).syncs;
    await p.click('#insert-review-sheet');
    await p.waitForSelector('#review-sheet-notice.pm-alert--success');
    const state = await hostState();
    expect(state.syncs - before).toBe(2);
    expect(state.active).toBe(SHEET);
    expect(await p.textContent('#review-sheet-notice')).toContain(`已插入复核清单（${listed.length} 条预警）`);
    const decided = paneFlag;
    expect(await sheetCell(await sheetRowOf(decided.flagKey), 11)).toMatch(/^需整改/);
    await shot('review-05-sheet');
  });

  it('decides two rows in the sheet, names the refused row, then submits both at once', async () => {
    const p = pane();
    const [first, second] = sheetFlags;
    const r1 = await sheetRowOf(first.flagKey);
    const r2 = await sheetRowOf(second.flagKey);
    await typeInto(`L${r1}`, '已接受说明');
    await typeInto(`M${r1}`, '=说明合理，继续跟踪');
    await typeInto(`L${r2}`, '已上报'); // escalated needs a comment: refused by its row
    const before = (await hostState()).syncs;
    await p.click('#submit-review-sheet');
    await p.waitForSelector('#review-sheet-problems li');
    expect((await hostState()).syncs - before).toBe(2);
    expect(await p.$$eval('#review-sheet-problems li', (li) => li.map((x) => (x as HTMLElement).dataset.cell))).toEqual([`M${r2}`]);
    expect(await p.textContent('#review-sheet-problems')).toContain(`第 ${r2} 行`);
    expect(await p.textContent('#review-sheet-notice')).toContain('未提交任何结论');
    await p.click(`#review-sheet-problems li[data-cell="M${r2}"]`);
    await page.waitForFunction((cell) => (window as unknown as { __excelHost: SimWorkbook }).__excelHost.selection?.address === cell, `M${r2}`);
    expect((await apiList(supervisorToken)).items.find((i) => i.flagKey === first.flagKey)!.review).toBeNull();
    await shot('review-06-sheet-refused');

    await typeInto(`M${r2}`, '连续三个月低于全市水平，报请局领导协调');
    const again = (await hostState()).syncs;
    await p.click('#submit-review-sheet');
    await p.waitForSelector('#review-sheet-notice.pm-alert--success');
    expect((await hostState()).syncs - again).toBe(2);
    expect(await p.textContent('#review-sheet-notice')).toContain('已一次提交 2 条复核结论');
    expect(await sheetCell(r1, 11)).toBe('已接受说明');
    expect(await sheetCell(r2, 11)).toBe('已上报');
    expect(await sheetCell(r1, 12)).toBe('');
    const now = (await apiList(supervisorToken)).items;
    expect(now.find((i) => i.flagKey === first.flagKey)!.review).toMatchObject({ status: 'accepted', comment: '=说明合理，继续跟踪' });
    expect(now.find((i) => i.flagKey === second.flagKey)!.review).toMatchObject({ status: 'escalated' });
    // The pane's list is refreshed from the server.
    await p.waitForSelector(`${flagLi(first.flagKey)} .pm-status[data-status="accepted"]`);
    await p.waitForSelector(`${flagLi(second.flagKey)} .pm-status[data-status="escalated"]`);
    await shot('review-07-sheet-submitted');
  });

  it('sends a unit\'s month back with a reason; the unit sees it and its flags\' status in its pane', async () => {
    const p = pane();
    const flag = paneFlag;
    const li = flagLi(flag.flagKey);
    await p.click(`${li} button[data-action="sendBack"]`);
    await p.fill(`${li} .pm-reason`, '普惠性幼儿园覆盖率与上月口径不一致，请核实后重报');
    await p.click(`${li} button[data-submit="sendBack"]`);
    await p.waitForSelector(`${li} .pm-flag-notice .pm-alert--success`);
    expect(await p.textContent(`${li} .pm-flag-notice`)).toContain('已退回 南岗区教育局 2025年10月 的报送');
    await paneShot('review-08-sent-back');

    // The unit's official connects with the unit's token on another computer: the submit view shows both.
    await p.click('#change-token');
    await p.fill('#token', unitTokens.get('230103')!);
    await p.click('#connect');
    await p.waitForSelector('#connected:not([hidden])');
    expect(await p.isHidden('.pm-tabs')).toBe(true);
    await p.fill('#month', '2025-10');
    await p.dispatchEvent('#month', 'change');
    await p.waitForSelector('#returned-notice.pm-alert--warning');
    expect(await p.textContent('#returned-notice')).toContain('普惠性幼儿园覆盖率与上月口径不一致，请核实后重报');
    await p.waitForSelector(`#unit-flags li[data-flag-key="${flag.flagKey}"] .pm-status[data-status="action_required"]`);
    const mine = await p.$$eval('#unit-flags li', (li) => li.map((x) => (x as HTMLElement).dataset.flagKey));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((k) => k!.includes('230103'))).toBe(true);
    await p.$eval('#submission', (e) => e.scrollIntoView());
    await paneShot('review-09-unit-sent-back');
    await p.$eval('#unit-review', (e) => e.scrollIntoView());
    await paneShot('review-10-unit-flags');
  });

  it('the next month\'s report shows the decisions\' status in its flags sheet', async () => {
    await uploadMonth('2025-11', '2025-10');
    const dir = await runReport('2025-11', '2025-12-01T00:00:00.000Z');
    const file = (await readdir(dir)).find((f) => f.endsWith('.xlsx'))!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, file));
    const sheet = book.getWorksheet('预警与复核')!;
    const header = Array.from({ length: sheet.columnCount }, (_, i) => sheet.getRow(4).getCell(i + 1).text);
    const col = (name: string) => header.findIndex((h) => h.startsWith(name)) + 1;
    const rows: { unit: string; indicator: string; kind: string; status: string; action: string }[] = [];
    sheet.eachRow((row, n) => {
      if (n <= 4) return;
      const cell = (name: string) => String(row.getCell(col(name)).text ?? '');
      rows.push({ unit: cell('单位'), indicator: cell('指标'), kind: cell('预警类型'), status: cell('复核状态'), action: cell('整改要求') });
    });
    const statusOf = (item: ReviewItem) => rows.find((r) => r.unit === item.unitName && r.kind === FLAG_LABEL[item.kind].zh
      && (item.indicatorName === null || r.indicator === item.indicatorName))?.status;
    expect(statusOf(paneFlag)).toBe('需整改（2025年10月）');
    // Flags raised again in November carry October's decisions, labelled with their month.
    expect(sheetFlags.map(statusOf)).toEqual(['已接受说明（2025年10月）', '已上报（2025年10月）']);
    expect(rows.find((r) => r.status.startsWith('需整改'))?.action).toBe('补充情况说明并提交整改方案');
  });
});
