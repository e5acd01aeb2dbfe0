/**
 * The review list as a sheet (addin/src/excel/review-sheet.ts) against the simulated Excel host: what the supervisor
 * sees and may type, what the pane reads back and submits, and how many round trips it costs.
 */
import type { ReviewDecision, ReviewItem } from '../core/review';
import { DECISION_CHOICES, REVIEW_SHEET, isoDateOf } from '../addin/src/excel/review-sheet';
import type { DecideResult } from '../addin/src/review/review-api';
import { insertReviewList, submitReviewSheet } from '../addin/src/review/review-workflow';
import type { Outcome } from '../addin/src/intake-client';
import type { ExcelHost } from '../addin/src/workflow';
import { SimWorkbook } from './browser/sim-excel';

const TODAY = '2025-11-20';

function hostOf(book: SimWorkbook): ExcelHost {
  return {
    run: (batch) => batch(book.context() as unknown as Excel.RequestContext),
    fileBytes: () => Promise.reject(new Error('not used here')),
    supportsPageLayout: true,
  };
}

function item(i: number, over: Partial<ReviewItem> = {}): ReviewItem {
  return {
    flagKey: `2025-10|report-fixture|2301${String(i).padStart(2, '0')}|F-02|unexplained_shortfall`,
    planId: 'report-fixture', month: '2025-10', unitCode: `2301${String(i).padStart(2, '0')}`, unitName: `测试第${i}区教育局`,
    code: 'F-02', indicatorName: '普惠性幼儿园覆盖率', kind: 'unexplained_shortfall', severity: 'warning',
    message: '低于进度且未说明原因', messageEn: 'Short without explanation', responsible: ['市教育局基础教育处'],
    actual: '85%', expected: '89.7%', gap: '-4.7个百分点', explanation: null,
    recent: [{ month: '2025-09', value: '84.8%' }], openSince: '2025-11-01T02:00:00.000Z', ageDays: 19, review: null,
    ...over,
  };
}

const options = { reviewer: '市教育局基础教育处', today: TODAY };
/** A server that stores what it gets (or refuses with given problems) and remembers every batch. */
function server(answer?: (d: ReviewDecision[]) => DecideResult) {
  const batches: ReviewDecision[][] = [];
  const send = async (decisions: ReviewDecision[]): Promise<Outcome<DecideResult>> => {
    batches.push(decisions);
    return { ok: true, value: answer ? answer(decisions) : { stored: decisions.length } };
  };
  return { batches, send };
}

describe('insert the review list as a sheet', () => {
  it('draws one row per flag: key hidden, facts read-only, four input columns with list and date validation', async () => {
    const book = new SimWorkbook();
    const result = await insertReviewList(hostOf(book), [item(2), item(3, { explanation: '新园推迟开园', ageDays: 45 })], options);
    expect(result).toEqual({ rows: 2, refreshed: false });
    expect(book.syncCount).toBe(2);
    const sheet = book.sheet(REVIEW_SHEET)!;
    expect(book.activeSheet).toBe(REVIEW_SHEET);
    expect(sheet.protected).toBe(true);
    const headers = Array.from({ length: 15 }, (_, i) => String(sheet.get(2, i + 1)?.value).split('\n')[0]);
    expect(headers).toEqual(['预警编号', '单位', '指标', '月份', '预警内容', '本月实际', '本月应达', '差距', '单位说明', '已持续（天）', '当前状态',
      '复核结论', '复核意见', '整改要求', '整改期限']);
    expect(sheet.hiddenColumns.has(1)).toBe(true);
    expect(sheet.get(3, 1)?.value).toBe(item(2).flagKey);
    expect(sheet.get(4, 2)?.value).toBe('测试第3区教育局');
    expect(sheet.get(4, 9)?.value).toBe('新园推迟开园');
    expect(sheet.get(4, 10)?.value).toBe(45);
    expect(sheet.get(3, 11)?.value).toBe('待复核');
    // Exactly the input cells of the flag rows are unlocked.
    const unlocked = [...sheet.cells.entries()].filter(([, c]) => !c.locked).map(([k]) => k).sort();
    expect(unlocked).toEqual(['3,12', '3,13', '3,14', '3,15', '4,12', '4,13', '4,14', '4,15']);
    const rule = (address: string) => sheet.validations.find((v) => v.range === address)?.rule;
    expect(rule('L3:L4')).toEqual({ list: { inCellDropDown: true, source: '已接受说明,需整改,已上报,已解决' } });
    expect(rule('O3:O4')).toEqual({ date: { formula1: TODAY, operator: 'GreaterThanOrEqualTo' } });
    expect(sheet.get(3, 15)?.numberFormat).toBe('yyyy-mm-dd');
  });

  it('refuses typing into a read-only cell, a decision not in the list, and a due date before today', async () => {
    const book = new SimWorkbook();
    await insertReviewList(hostOf(book), [item(2)], options);
    expect(book.type(REVIEW_SHEET, 'K3', '已解决')).toBe('protected');
    expect(book.type(REVIEW_SHEET, 'L3', '算了')).toBe('invalid');
    expect(book.type(REVIEW_SHEET, 'L3', '需整改')).toBe('ok');
    expect(book.type(REVIEW_SHEET, 'O3', '2025-11-01')).toBe('invalid');
    expect(book.type(REVIEW_SHEET, 'O3', '2025-12-31')).toBe('ok');
    expect(book.sheet(REVIEW_SHEET)!.get(3, 15)?.value).toBe(46022); // a date, as Excel keeps it
  });

  it('keeps text from the server as text: a value starting with = + - @ never becomes a formula', async () => {
    const book = new SimWorkbook();
    const nasty = item(2, { explanation: '=HYPERLINK("http://evil","点我")', unitName: '+道里区', gap: '-4.7', message: '@预警' });
    await insertReviewList(hostOf(book), [nasty], options);
    const sheet = book.sheet(REVIEW_SHEET)!;
    for (const [col, text] of [[9, '=HYPERLINK("http://evil","点我")'], [2, '+道里区'], [8, '-4.7'], [5, '@预警']] as const) {
      expect([col, sheet.get(3, col)?.formula, sheet.get(3, col)?.value]).toEqual([col, null, text]);
      expect(sheet.get(3, col)?.numberFormat).toBe('@');
    }
    // And a supervisor's own comment that looks like a formula stays text too.
    expect(book.type(REVIEW_SHEET, 'M3', '=1+1')).toBe('ok');
    expect(sheet.get(3, 13)?.formula).toBeNull();
  });

  it('redraws the same sheet in place on a second insert', async () => {
    const book = new SimWorkbook();
    await insertReviewList(hostOf(book), [item(2), item(3), item(4)], options);
    book.syncCount = 0;
    const again = await insertReviewList(hostOf(book), [item(5)], options);
    expect(again).toEqual({ rows: 1, refreshed: true });
    expect(book.syncCount).toBe(2);
    expect(book.sheets.filter((s) => s.name === REVIEW_SHEET)).toHaveLength(1);
    const sheet = book.sheet(REVIEW_SHEET)!;
    expect(sheet.get(3, 2)?.value).toBe('测试第5区教育局');
    expect(sheet.get(4, 2)?.value ?? '').toBe('');
    expect(sheet.protected).toBe(true);
  });
});

describe('submit the decisions made in the sheet', () => {
  it('reads the rows with a decision, sends them all at once, and writes the new status', async () => {
    const book = new SimWorkbook();
    const items = [item(2), item(3), item(4)];
    await insertReviewList(hostOf(book), items, options);
    book.type(REVIEW_SHEET, 'L3', '需整改');
    book.type(REVIEW_SHEET, 'M3', '请在月底前补报');
    book.type(REVIEW_SHEET, 'N3', '补报新建园数据');
    book.type(REVIEW_SHEET, 'O3', '2025-12-31');
    book.type(REVIEW_SHEET, 'L5', '已接受说明');
    book.syncCount = 0;
    const { batches, send } = server();
    const outcome = await submitReviewSheet(hostOf(book), send, TODAY);
    expect(outcome.kind).toBe('stored');
    expect(book.syncCount).toBe(2);
    expect(batches).toEqual([[
      { flagKey: items[0]!.flagKey, status: 'action_required', comment: '请在月底前补报', action: '补报新建园数据', dueBy: '2025-12-31' },
      { flagKey: items[2]!.flagKey, status: 'accepted', comment: '' },
    ]]);
    const sheet = book.sheet(REVIEW_SHEET)!;
    expect(sheet.get(3, 11)?.value).toBe('需整改（2025-12-31前）');
    expect(sheet.get(4, 11)?.value).toBe('待复核');
    expect(sheet.get(5, 11)?.value).toBe('已接受说明');
    // Decided rows are cleared: submitting again sends nothing twice.
    expect(sheet.get(3, 12)?.value).toBe('');
    expect(sheet.protected).toBe(true);
    expect(await submitReviewSheet(hostOf(book), send, TODAY)).toEqual({ kind: 'nothing_decided', rows: 3 });
    expect(batches).toHaveLength(1);
  });

  it('refuses a bad row (action required without a due date) by its row, and sends nothing', async () => {
    const book = new SimWorkbook();
    await insertReviewList(hostOf(book), [item(2), item(3), item(4)], options);
    book.type(REVIEW_SHEET, 'L3', '已接受说明');
    book.type(REVIEW_SHEET, 'L4', '需整改');
    book.type(REVIEW_SHEET, 'N4', '补报数据');
    book.type(REVIEW_SHEET, 'M5', '只写了意见'); // no decision chosen
    book.syncCount = 0;
    const { batches, send } = server();
    const outcome = await submitReviewSheet(hostOf(book), send, TODAY);
    expect(book.syncCount).toBe(2);
    expect(batches).toEqual([]);
    if (outcome.kind !== 'refused') throw new Error(outcome.kind);
    expect(outcome.by).toBe('check');
    expect(outcome.problems.map((p) => [p.row, p.cell, p.field])).toEqual([[4, 'O4', 'dueBy'], [5, 'L5', 'status']]);
    expect(outcome.problems[0]!.zh).toContain('整改期限');
    const sheet = book.sheet(REVIEW_SHEET)!;
    expect(sheet.get(4, 15)?.borders.top).toMatchObject({ color: 'C00000', weight: 'Thick' });
    expect(sheet.get(5, 12)?.borders.left).toMatchObject({ color: 'C00000', weight: 'Thick' });
    expect(sheet.get(3, 12)?.borders.top).toMatchObject({ weight: 'Thin' });
    // Nothing was cleared or changed: the supervisor fixes the row and submits again.
    expect(sheet.get(3, 12)?.value).toBe('已接受说明');
    expect(sheet.get(3, 11)?.value).toBe('待复核');

    book.type(REVIEW_SHEET, 'O4', '2026-01-15');
    book.type(REVIEW_SHEET, 'L5', '已上报');
    const fixed = await submitReviewSheet(hostOf(book), send, TODAY);
    expect(fixed.kind).toBe('stored');
    expect(batches[0]!.map((d) => d.status)).toEqual(['accepted', 'action_required', 'escalated']);
    expect(sheet.get(4, 15)?.borders.top).toMatchObject({ weight: 'Thin' });
  });

  it('marks the rows the server refuses, by the position it names', async () => {
    const book = new SimWorkbook();
    const items = [item(2), item(3)];
    await insertReviewList(hostOf(book), items, options);
    book.type(REVIEW_SHEET, 'L3', '已接受说明');
    book.type(REVIEW_SHEET, 'L4', '已接受说明');
    const { send } = server(() => ({
      refused: [{ index: 1, flagKey: items[1]!.flagKey, field: 'flagKey', zh: '无权复核该预警，或该预警不存在', en: 'No such flag' }],
      zh: '未保存', en: 'not stored',
    }));
    const outcome = await submitReviewSheet(hostOf(book), send, TODAY);
    if (outcome.kind !== 'refused') throw new Error(outcome.kind);
    expect([outcome.by, outcome.problems.map((p) => p.cell)]).toEqual(['server', ['L4']]);
    expect(book.sheet(REVIEW_SHEET)!.get(3, 11)?.value).toBe('待复核');
  });

  it('costs the same round trips for 10 and 200 flags', async () => {
    for (const n of [10, 200]) {
      const book = new SimWorkbook();
      const items = Array.from({ length: n }, (_, i) => item(i + 10));
      await insertReviewList(hostOf(book), items, options);
      expect([n, 'insert', book.syncCount]).toEqual([n, 'insert', 2]);
      for (let r = 3; r < 3 + n; r += 2) book.type(REVIEW_SHEET, `L${r}`, DECISION_CHOICES[0]!);
      book.syncCount = 0;
      const { batches, send } = server();
      const outcome = await submitReviewSheet(hostOf(book), send, TODAY);
      expect([n, outcome.kind, book.syncCount, batches[0]!.length]).toEqual([n, 'stored', 2, n / 2]);
      expect(book.log.filter((l) => l.includes('.load(')).length).toBeLessThanOrEqual(6);
    }
  });

  it('says so when there is no review sheet', async () => {
    const book = new SimWorkbook();
    const { send } = server();
    expect(await submitReviewSheet(hostOf(book), send, TODAY)).toEqual({ kind: 'no_sheet' });
    expect(book.syncCount).toBe(1);
  });
});

describe('due dates as Excel holds them', () => {
  it('reads serial day numbers and typed text alike', () => {
    expect(isoDateOf(46022)).toBe('2025-12-31');
    expect(isoDateOf('2026/1/5')).toBe('2026-01-05');
    expect(isoDateOf('2026年1月5日')).toBe('2026-01-05');
    expect(isoDateOf('下月底')).toBe('下月底');
    expect(isoDateOf('')).toBe('');
  });
});
