/**
 * The add-in's Office.js layer against the simulated Excel host (test/browser/sim-excel.ts): what it asks of Excel,
 * how many round trips it costs, and what the workbook looks like afterwards.
 */
import { buildLayout, DATA_SHEET, META_NAMESPACE, META_SHEET, indicatorsFor } from '../core/layout';
import { plans, unitsOfPlan } from '../templates';
import { PlanSchema, type Plan } from '../core/schema';
import { documentBytes } from '../addin/src/excel/document-file';
import { metaFromXml } from '../addin/src/meta-xml';
import { checkWorkbook, insertTemplate, type ExcelHost } from '../addin/src/workflow';
import { SimWorkbook, parseBox } from './browser/sim-excel';
import { fixtureDistrict, fixturePlan, fixtureUnits } from './fixtures/plan-fixture';

function hostOf(book: SimWorkbook): ExcelHost {
  return {
    run: (batch) => batch(book.context() as unknown as Excel.RequestContext),
    fileBytes: () => Promise.reject(new Error('not used here')),
    supportsPageLayout: true,
  };
}

/** A plan of `n` direct-entry rate indicators in a few categories: the sync count must not grow with n. */
function widePlan(n: number): Plan {
  return PlanSchema.parse({
    ...fixturePlan,
    id: `wide-${n}`,
    indicators: Array.from({ length: n }, (_, i) => ({
      code: `W-${String(i + 1).padStart(3, '0')}`, category: `类别${(i % 4) + 1}`, name: `指标${i + 1}`, unit: '%', kind: 'rate',
      direction: 'higher', baseline: { year: 2020, value: 80 }, targets: [{ year: 2025, op: '>=', value: 90 }],
      rollup: { method: 'city' }, citation: { file: 'fixture', text: 'fixture' },
    })),
  });
}

const insert = (book: SimWorkbook, plan: Plan, month: string, previousFromServer: Record<string, number | null> | null = null) =>
  insertTemplate(hostOf(book), { plan, unit: fixtureDistrict, month, previousFromServer });

describe('insert template', () => {
  it('draws the layout in two syncs: one read, one batch of writes', async () => {
    const book = new SimWorkbook();
    const result = await insert(book, fixturePlan, '2025-10');
    expect(book.syncCount).toBe(2);
    expect(result.refreshed).toBe(false);

    const sheet = book.sheet(DATA_SHEET)!;
    expect(book.sheets[0]!.name).toBe(DATA_SHEET);
    expect(book.activeSheet).toBe(DATA_SHEET);
    expect(sheet.protected).toBe(true);
    // Exactly the layout's input cells are unlocked.
    const unlocked = [...sheet.cells.entries()].filter(([, c]) => !c.locked).map(([k]) => k).sort();
    const inputs = result.layout.inputs.map((i) => `${i.row},${i.col}`).sort();
    expect(unlocked).toEqual(inputs);
    // Values as the layout has them: the indicator name in B5, the ratio's formula in H5.
    expect(sheet.get(5, 2)?.value).toBe('学前三年毛入园率');
    expect(sheet.get(5, 8)?.formula).toMatch(/^=IF\(OR\(I5="",J5="",J5=0\)/);
    // One validation rule per layout rule, by range (not cell by cell), with its prompt.
    const norm = (range: string) => range.replace(/^([A-Z]+\d+):\1$/, '$1');
    expect(sheet.validations.map((v) => v.range).sort()).toEqual(result.layout.validations.map((v) => norm(v.range)).sort());
    const h6 = sheet.validations.find((v) => v.range === 'H6');
    expect(h6?.rule).toEqual({ decimal: { formula1: 0, formula2: 100, operator: 'Between' } });
    expect(h6?.prompt?.showPrompt).toBe(true);
    // Three shortfall colours over the input column, red first.
    expect([...sheet.conditionalFormats].sort((a, b) => a.priority - b.priority).map((f) => [f.fill, f.priority, f.stopIfTrue]))
      .toEqual([['F8CBAD', 0, true], ['FFE699', 1, true], ['C6EFCE', 2, true]]);
    expect(sheet.freeze).toBe('A1:B3');
    expect(sheet.merges).toContain('A1:L1');
    expect(sheet.hiddenColumns.has(13)).toBe(true);

    const meta = book.sheet(META_SHEET)!;
    expect(meta.visibility).toBe('VeryHidden');
    expect(meta.get(6, 2)?.value).toBe('2025-10');
    expect(book.customXmlParts).toHaveLength(1);
    expect(book.customXmlParts[0]!.namespace).toBe(META_NAMESPACE);
    expect(metaFromXml(book.customXmlParts[0]!.xml)).toEqual(result.layout.meta);
  });

  it('costs the same two syncs for 8 or 120 indicators (no sync in a loop)', async () => {
    for (const n of [8, 120]) {
      const book = new SimWorkbook();
      await insert(book, widePlan(n), '2025-10');
      expect([n, book.syncCount]).toEqual([n, 2]);
      expect(book.log.filter((l) => l.includes('.load(')).length).toBeLessThanOrEqual(5);
    }
  });

  it('queues the load of protection state before protecting, and protects once', async () => {
    const book = new SimWorkbook();
    await insert(book, fixturePlan, '2025-10');
    const loadAt = book.log.findIndex((l) => l.includes('protection.load(protected)'));
    const protectAt = book.log.findIndex((l) => l.includes('protection.protect('));
    expect(loadAt).toBeGreaterThanOrEqual(0);
    expect(protectAt).toBeGreaterThan(loadAt);
    expect(book.log.filter((l) => l.includes('protection.protect(')).length).toBe(1);
  });

  it('refreshes the same sheet for the next month and shows last month\'s entries as 上月值', async () => {
    const book = new SimWorkbook();
    await insert(book, fixturePlan, '2025-09');
    expect(book.type(DATA_SHEET, 'H6', '86.5')).toBe('ok');
    expect(book.type(DATA_SHEET, 'I5', '900')).toBe('ok');
    expect(book.type(DATA_SHEET, 'J5', '1000')).toBe('ok');
    expect(book.type(DATA_SHEET, 'K6', '按计划推进')).toBe('ok');
    book.syncCount = 0;

    // The intake cannot be reached: last month's values come from the sheet itself.
    const result = await insert(book, fixturePlan, '2025-10');
    expect(book.syncCount).toBe(2);
    expect(result.refreshed).toBe(true);
    expect(result.previousSource).toBe('sheet');
    expect(book.sheets.filter((s) => s.name === DATA_SHEET)).toHaveLength(1);
    expect(book.sheets.filter((s) => s.name === META_SHEET)).toHaveLength(1);
    expect(book.customXmlParts).toHaveLength(1);
    expect(metaFromXml(book.customXmlParts[0]!.xml)?.month).toBe('2025-10');

    const sheet = book.sheet(DATA_SHEET)!;
    expect(sheet.get(6, 7)?.value).toBe(86.5); // G6 上月值 of F-02
    expect(sheet.get(5, 7)?.value).toBe(90); // G5: 900 / 1000 × 100
    // This month's inputs start empty; the old explanation is gone.
    expect(sheet.get(6, 8)?.value ?? '').toBe('');
    expect(sheet.get(6, 11)?.value ?? '').toBe('');
    expect(sheet.protected).toBe(true);
  });

  it('prefers the intake\'s previous values over the sheet\'s', async () => {
    const book = new SimWorkbook();
    await insert(book, fixturePlan, '2025-09');
    book.type(DATA_SHEET, 'H6', '86.5');
    const result = await insert(book, fixturePlan, '2025-10', { 'F-02': 87.1 });
    expect(result.previousSource).toBe('server');
    expect(book.sheet(DATA_SHEET)!.get(6, 7)?.value).toBe(87.1);
  });

  it('keeps this month\'s entries when the same month is inserted again', async () => {
    const book = new SimWorkbook();
    await insert(book, fixturePlan, '2025-10');
    book.type(DATA_SHEET, 'H6', '88');
    book.type(DATA_SHEET, 'K6', '=SUM(1,2) 不是公式');
    const result = await insert(book, fixturePlan, '2025-10');
    expect(result.carried).toBe(2);
    expect(book.sheet(DATA_SHEET)!.get(6, 8)?.value).toBe(88);
    expect(book.sheet(DATA_SHEET)!.get(6, 11)?.value).toBe('=SUM(1,2) 不是公式');
  });

  it('the drawn sheet refuses typing into locked cells and invalid typed values, but not pasted ones', async () => {
    const book = new SimWorkbook();
    await insert(book, fixturePlan, '2025-10');
    expect(book.type(DATA_SHEET, 'F6', '99')).toBe('protected'); // 本月应达
    expect(book.type(DATA_SHEET, 'H6', 'abc')).toBe('invalid'); // Excel's Stop alert
    expect(book.type(DATA_SHEET, 'H6', '120')).toBe('invalid');
    expect(book.paste(DATA_SHEET, 'H6', 'abc')).toBe('ok'); // a paste skips validation
  });
});

describe('check', () => {
  async function filled(): Promise<SimWorkbook> {
    const book = new SimWorkbook();
    await insert(book, fixturePlan, '2025-10');
    book.paste(DATA_SHEET, 'H9', '九十九'); // F-04: pasted text, bypassing Excel's validation
    book.type(DATA_SHEET, 'H6', '70'); // F-02 far below the month's expectation, no explanation
    book.type(DATA_SHEET, 'I5', '950');
    book.type(DATA_SHEET, 'J5', '1000');
    book.syncCount = 0;
    return book;
  }

  it('reads in one sync, validates with the core, marks the cells in one more', async () => {
    const book = await filled();
    const outcome = await checkWorkbook(hostOf(book), [fixturePlan], fixtureUnits);
    expect(book.syncCount).toBe(2);
    if (!outcome.ok) throw new Error(outcome.problem.kind);
    const { blocking, result } = outcome.report;
    expect(blocking.map((i) => [i.cell, i.code, i.severity])).toEqual([
      ['K6', 'explanation_required', 'warning'],
      ['H9', 'unparseable', 'error'],
    ]);
    expect(blocking[1]!.zh).toContain('九十九');
    expect(result.evaluations.find((e) => e.code === 'F-01')?.actual).toBe(95);

    const sheet = book.sheet(DATA_SHEET)!;
    expect(sheet.get(9, 8)?.borders.top).toMatchObject({ color: 'C00000', weight: 'Thick' });
    expect(sheet.get(6, 11)?.borders.left).toMatchObject({ color: 'ED7D31', weight: 'Thick' });
    expect(sheet.get(7, 8)?.borders.top).toMatchObject({ color: 'BFBFBF', weight: 'Thin' });
    expect(sheet.protected).toBe(true);
  });

  it('clears the marks once the entries are fixed', async () => {
    const book = await filled();
    await checkWorkbook(hostOf(book), [fixturePlan], fixtureUnits);
    book.type(DATA_SHEET, 'H9', '99.3');
    book.type(DATA_SHEET, 'K6', '新建园推迟至11月开园');
    const outcome = await checkWorkbook(hostOf(book), [fixturePlan], fixtureUnits);
    if (!outcome.ok) throw new Error(outcome.problem.kind);
    expect(outcome.report.blocking).toEqual([]);
    const sheet = book.sheet(DATA_SHEET)!;
    expect(sheet.get(9, 8)?.borders.top).toMatchObject({ color: 'BFBFBF', weight: 'Thin' });
    expect(sheet.get(6, 11)?.borders.left).toMatchObject({ color: 'BFBFBF', weight: 'Thin' });
  });

  it('says so when the workbook holds no template, or one of an older catalog version', async () => {
    const empty = new SimWorkbook();
    expect(await checkWorkbook(hostOf(empty), [fixturePlan], fixtureUnits)).toEqual({ ok: false, problem: { kind: 'no_template' } });
    expect(empty.syncCount).toBe(1);

    const book = new SimWorkbook();
    await insert(book, fixturePlan, '2025-10');
    const newer = PlanSchema.parse({ ...fixturePlan, version: fixturePlan.version + 1 });
    const outcome = await checkWorkbook(hostOf(book), [newer], fixtureUnits);
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'outdated', current: fixturePlan.version + 1 } });
  });

  it('recognises a workbook drawn by the pipeline (meta sheet, no custom XML part)', async () => {
    const book = new SimWorkbook();
    await insert(book, fixturePlan, '2025-10');
    book.customXmlParts = [];
    book.type(DATA_SHEET, 'H6', '91');
    const outcome = await checkWorkbook(hostOf(book), [fixturePlan], fixtureUnits);
    expect(outcome.ok && outcome.report.meta).toEqual(buildLayout({ plan: fixturePlan, unit: fixtureDistrict, month: '2025-10' }).meta);
  });
});

describe('document bytes', () => {
  function fakeDocument(content: Uint8Array, sliceSize: number, failAt = -1) {
    const calls = { opened: 0, closed: 0, slices: [] as number[] };
    const ok = <T>(value: T) => ({ status: 'succeeded', value }) as unknown as Office.AsyncResult<T>;
    const document = {
      getFileAsync(type: string, options: { sliceSize: number }, done: (r: Office.AsyncResult<Office.File>) => void) {
        expect(type).toBe('compressed');
        calls.opened++;
        const count = Math.ceil(content.length / options.sliceSize);
        const file = {
          size: content.length,
          sliceCount: count,
          getSliceAsync(i: number, cb: (r: Office.AsyncResult<Office.Slice>) => void) {
            calls.slices.push(i);
            if (i === failAt) {
              cb({ status: 'failed', error: { message: 'slice lost' } } as unknown as Office.AsyncResult<Office.Slice>);
              return;
            }
            cb(ok({ index: i, size: 0, data: Array.from(content.subarray(i * options.sliceSize, (i + 1) * options.sliceSize)) } as unknown as Office.Slice));
          },
          closeAsync(cb: () => void) {
            calls.closed++;
            cb();
          },
        };
        setTimeout(() => done(ok(file as unknown as Office.File)), 0);
      },
    };
    void sliceSize;
    return { document: document as unknown as Pick<Office.Document, 'getFileAsync'>, calls };
  }

  it('reads every slice in order and closes the file', async () => {
    const content = Uint8Array.from({ length: 2500 }, (_, i) => i % 251);
    const { document, calls } = fakeDocument(content, 1000);
    const bytes = await documentBytes(document, 1000);
    expect(Buffer.from(bytes).equals(Buffer.from(content))).toBe(true);
    expect(calls.slices).toEqual([0, 1, 2]);
    expect(calls.closed).toBe(1);
  });

  it('closes the file when a slice fails', async () => {
    const { document, calls } = fakeDocument(new Uint8Array(3000), 1000, 1);
    await expect(documentBytes(document, 1000)).rejects.toThrow('slice lost');
    expect(calls.closed).toBe(1);
  });
});

describe('simulated host fidelity', () => {
  it('throws on reading a property that was not loaded, and on protect() of a protected sheet', async () => {
    const book = new SimWorkbook();
    await insert(book, fixturePlan, '2025-10');
    const context = book.context();
    const range = context.workbook.worksheets.getItem(DATA_SHEET).getRange('A1');
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    context.workbook.worksheets.getItem(DATA_SHEET).protection.protect();
    await expect(context.sync()).rejects.toThrow(/already protected/);
    expect(parseBox('C:C')).toMatchObject({ c1: 3, c2: 3, r1: 1 });
  });
});

describe('the shipped catalogs', () => {
  // The catalogs are validated by their own tests; here each only has to draw and read back through Office.js.

  it.each(plans.map((p) => [p.id, p] as const))('draws %s for its first reporting unit in two syncs and reads it back clean', async (_id, plan) => {
    const unit = unitsOfPlan(plan).find((u) => indicatorsFor(plan, u).length > 0)!;
    const book = new SimWorkbook();
    const result = await insertTemplate(hostOf(book), { plan, unit, month: '2025-10', previousFromServer: null });
    expect(book.syncCount).toBe(2);
    const sheet = book.sheet(DATA_SHEET)!;
    expect([...sheet.cells.values()].filter((c) => !c.locked)).toHaveLength(result.layout.inputs.length);
    book.syncCount = 0;
    const outcome = await checkWorkbook(hostOf(book), plans, unitsOfPlan(plan));
    expect(book.syncCount).toBe(2);
    expect(outcome.ok && outcome.report.result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(outcome.ok && outcome.report.result.evaluations.length).toBe(result.layout.rows.length);
  });
});
