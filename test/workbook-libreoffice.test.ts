/**
 * A filled template opened and saved again by LibreOffice (what a unit without Excel does) must read back to the
 * same values. Needs Debian's libreoffice-calc-nogui; skipped with a message when soffice is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLayout, type InputField } from '../core/layout';
import { renderTemplate } from '../pipeline/workbook/render-template';
import { fillTemplate } from '../pipeline/workbook/fill';
import { readSharedStrings, readSheetCells } from '../pipeline/workbook/ooxml';
import { readTemplate } from '../pipeline/workbook/read-template';
import { scanSharedStrings, scanSheetData } from '../pipeline/workbook/sheet-scan';
import { openZip } from '../pipeline/workbook/zip';
import { fixtureDistrict, fixturePlan, fixtureUnits } from './fixtures/plan-fixture';
import { unpackXlsx } from './fixtures/zip-writer';

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const maybe = soffice ? it : it.skip;
if (!soffice) {
  console.warn('soffice 不存在，跳过 LibreOffice 往返测试 / soffice not found: LibreOffice round trip skipped (apt-get install -y libreoffice-calc-nogui)');
}

const layout = buildLayout({ plan: fixturePlan, unit: fixtureDistrict, month: '2025-10' });
const at = (code: string, field: InputField) => layout.inputs.find((i) => i.code === code && i.field === field)!.address;

/** Opens and saves the workbook with LibreOffice Calc as .xlsx, with a private profile. */
function resaveWithLibreOffice(bytes: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'pm-lo-'));
  try {
    const input = join(dir, 'in', 'filled.xlsx');
    execFileSync('mkdir', ['-p', join(dir, 'in'), join(dir, 'out')]);
    writeFileSync(input, bytes);
    execFileSync(soffice, [
      `-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless',
      '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), input,
    ], { stdio: 'pipe', timeout: 60_000 });
    return readFileSync(join(dir, 'out', 'filled.xlsx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a template saved again by LibreOffice', () => {
  maybe('reads back the same values, explanations, warnings and errors', async () => {
    const filled = await fillTemplate(await renderTemplate(layout), layout, {
      'F-01': { numerator: 1200, denominator: 1300 },
      'F-02': { value: '90%' },
      'F-03': { value: 12 },
      'F-04': { value: { percent: 0.985 } },
      'F-05': { value: '1:12' },
      'F-06': { value: '否', explanation: '=SUM(A1) 示范区建设延期，原因：资金未到位' },
      'F-07': { value: '９０' },
    });
    const resaved = resaveWithLibreOffice(filled);
    expect(resaved.equals(filled)).toBe(false);
    expect((await unpackXlsx(resaved)).get('docProps/app.xml')).toContain('LibreOffice');

    const ours = await readTemplate(filled, { plans: [fixturePlan], units: fixtureUnits });
    const theirs = await readTemplate(resaved, { plans: [fixturePlan], units: fixtureUnits, expect: { unitCode: '230102', month: '2025-10' } });
    if (!ours.ok || !theirs.ok) throw new Error(JSON.stringify([ours, theirs].map((r) => r.issues)));
    expect(theirs.submission.entries).toEqual(ours.submission.entries);
    expect(theirs.submission.entries.find((e) => e.code === 'F-06')!.explanation).toBe('=SUM(A1) 示范区建设延期，原因：资金未到位');
    expect(theirs.submission.entries.find((e) => e.code === 'F-04')!.value).toBe(98.5);
    expect(theirs.evaluations).toEqual(ours.evaluations);
    expect(theirs.issues.map((i) => [i.cell, i.code])).toEqual([[at('F-04', 'explanation'), 'explanation_required']]);

    // LibreOffice writes the plain form of the cells that the intake's scan reads itself, and it reads them as saxes.
    const sheetPath = 'xl/worksheets/sheet1.xml';
    const parts = await unpackXlsx(resaved);
    expect(scanSheetData(parts.get(sheetPath)!, { open: () => undefined })).toBe(true);
    // Its shared strings are rich-text runs (a font for each script), which are left to saxes.
    expect(scanSharedStrings(parts.get('xl/sharedStrings.xml')!)).toBeNull();
    const zip = await openZip(resaved);
    const all = () => true;
    expect([...await readSheetCells(zip, sheetPath, [], all, undefined, 'scan')])
      .toEqual([...await readSheetCells(zip, sheetPath, [], all, undefined, 'saxes')]);
    expect(await readSharedStrings(zip, 'xl/sharedStrings.xml', 'scan')).toEqual(await readSharedStrings(zip, 'xl/sharedStrings.xml', 'saxes'));
    zip.close();

    const broken = resaveWithLibreOffice(await fillTemplate(filled, layout, { 'F-02': { value: '九十' } }));
    const refused = await readTemplate(broken, { plans: [fixturePlan], units: fixtureUnits });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.issues.map((i) => [i.severity, i.cell, i.code])).toEqual([
        ['error', at('F-02', 'value'), 'unparseable'],
        ['warning', at('F-04', 'explanation'), 'explanation_required'],
      ]);
    }
  }, 60_000);
});
