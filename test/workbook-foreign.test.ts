/**
 * Workbooks as other programs save them. Excel, WPS and LibreOffice write the same SpreadsheetML differently:
 * namespace prefixes, inline and rich-text strings, phonetic runs, booleans, built-in percentage formats, shared
 * formulas, rows and cells without addresses, sheet parts under other names. The parts of a filled template are
 * rewritten in each of these forms and must read back to the same values.
 */
import { buildLayout, type InputField } from '../core/layout';
import { renderTemplate } from '../pipeline/workbook/render-template';
import { fillTemplate } from '../pipeline/workbook/fill';
import { readTemplate } from '../pipeline/workbook/read-template';
import { shiftFormula } from '../pipeline/workbook/ooxml';
import { fixtureDistrict, fixturePlan, fixtureUnits } from './fixtures/plan-fixture';
import { repackXlsx, unpackXlsx } from './fixtures/zip-writer';

const catalog = { plans: [fixturePlan], units: fixtureUnits };
const layout = buildLayout({ plan: fixturePlan, unit: fixtureDistrict, month: '2025-10' });
const at = (code: string, field: InputField) => layout.inputs.find((i) => i.code === code && i.field === field)!.address;
const SHEET = 'xl/worksheets/sheet1.xml';
let parts: Map<string, string>;

beforeAll(async () => {
  const filled = await fillTemplate(await renderTemplate(layout), layout, {
    'F-01': { numerator: 1200, denominator: 1300 },
    'F-02': { value: 90 },
    'F-03': { value: 12 },
    'F-07': { value: 800, explanation: '教师招聘进行中' },
  });
  parts = await unpackXlsx(filled);
});

async function read(edited: Map<string, string>) {
  const result = await readTemplate(repackXlsx(edited), catalog);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

function edit(fn: (p: Map<string, string>) => void): Map<string, string> {
  const copy = new Map(parts);
  fn(copy);
  return copy;
}

/** Replaces one <c> element of a sheet, keeping its style. */
function setCell(xml: string, addr: string, make: (style: string) => string): string {
  const re = new RegExp(`<c r="${addr}"( s="(\\d+)")?[^>]*?(/>|>.*?</c>)`);
  const m = re.exec(xml);
  if (!m) throw new Error(`no cell ${addr}`);
  return xml.replace(re, make(m[2] ?? '0'));
}

const expectedEntries = [
  { code: 'F-01', value: 92.3, numerator: 1200, denominator: 1300, explanation: '' },
  { code: 'F-02', value: 90, explanation: '' },
  { code: 'F-03', value: 12, explanation: '' },
  { code: 'F-04', value: null, explanation: '' },
  { code: 'F-05', value: null, explanation: '' },
  { code: 'F-06', value: null, explanation: '' },
  { code: 'F-07', value: 800, explanation: '教师招聘进行中' },
];

describe('reading workbooks as other programs write them', () => {
  it('reads our own parts as written by exceljs', async () => {
    expect((await read(parts)).submission.entries).toEqual(expectedEntries);
  });

  it('reads namespace-prefixed elements (<x:row>, <x:c>) in every part', async () => {
    const prefixed = edit((p) => {
      for (const name of ['xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', SHEET, 'xl/worksheets/sheet2.xml']) {
        p.set(name, p.get(name)!
          .replace(/<(\/?)([A-Za-z][\w]*)(?=[\s>/])/g, '<$1x:$2')
          .replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'));
      }
    });
    expect(prefixed.get(SHEET)).toContain('<x:row r="5"');
    expect((await read(prefixed)).submission.entries).toEqual(expectedEntries);
  });

  it('reads inline and rich-text strings, phonetic runs, escaped characters, booleans and a BOM', async () => {
    const richIndex = (parts.get('xl/sharedStrings.xml')!.match(/<si>/g) ?? []).length;
    const edited = edit((p) => {
      p.set('xl/sharedStrings.xml', p.get('xl/sharedStrings.xml')!.replace('</sst>',
        '<si><r><t>原因：</t></r><r><rPr><b/></rPr><t xml:space="preserve">生源减少_x000D_\n措施：控辍保学</t></r>' +
        '<rPh sb="0" eb="2"><t>ゲンイン</t></rPh><phoneticPr fontId="1"/></si></sst>'));
      let sheet = p.get(SHEET)!;
      sheet = setCell(sheet, at('F-02', 'value'), (s) => `<c r="${at('F-02', 'value')}" s="${s}" t="inlineStr"><is><r><t>9</t></r><r><rPr><b/></rPr><t>0%</t></r></is></c>`);
      sheet = setCell(sheet, at('F-06', 'value'), (s) => `<c r="${at('F-06', 'value')}" s="${s}" t="b"><v>1</v></c>`);
      sheet = setCell(sheet, at('F-04', 'value'), (s) => `<c r="${at('F-04', 'value')}" s="${s}" t="n"><v>99.5</v></c>`);
      sheet = setCell(sheet, at('F-04', 'explanation'), (s) => `<c r="${at('F-04', 'explanation')}" s="${s}" t="s"><v>${richIndex}</v></c>`);
      p.set(SHEET, `\uFEFF${sheet}`);
    });
    const { submission } = await read(edited);
    expect(submission.entries.find((e) => e.code === 'F-02')!.value).toBe(90);
    expect(submission.entries.find((e) => e.code === 'F-06')!.value).toBe(1);
    expect(submission.entries.find((e) => e.code === 'F-04')).toEqual({ code: 'F-04', value: 99.5, explanation: '原因：生源减少\r\n措施：控辍保学' });
  });

  it('undoes built-in percentage (numFmtId 9) and time (20, "1:12" taken for a time) formats', async () => {
    const edited = edit((p) => {
      const styles = p.get('xl/styles.xml')!;
      const count = Number(/<cellXfs count="(\d+)"/.exec(styles)![1]);
      p.set('xl/styles.xml', styles.replace('</cellXfs>', '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'));
      p.set('xl/styles.xml', p.get('xl/styles.xml')!.replace('</cellXfs>', '<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'));
      let sheet = setCell(p.get(SHEET)!, at('F-04', 'value'), () => `<c r="${at('F-04', 'value')}" s="${count}"><v>0.985</v></c>`);
      sheet = setCell(sheet, at('F-05', 'value'), () => `<c r="${at('F-05', 'value')}" s="${count + 1}"><v>5.0000000000000003E-2</v></c>`);
      p.set(SHEET, sheet);
    });
    const result = await read(edited);
    expect(result.submission.entries.find((e) => e.code === 'F-04')!.value).toBe(98.5);
    expect(result.submission.entries.find((e) => e.code === 'F-05')!.value).toBe(12);
    expect(result.evaluations.find((e) => e.code === 'F-04')!.status).toBe('at_risk');
  });

  it('names a shared formula that reached an input cell, moved to that cell, and ignores its cached result', async () => {
    const value = at('F-05', 'value'); // H10; its left neighbour G10 holds the master formula
    const row = value.slice(1);
    const edited = edit((p) => {
      let sheet = p.get(SHEET)!;
      sheet = setCell(sheet, `G${row}`, (s) => `<c r="G${row}" s="${s}"><f t="shared" ref="G${row}:H${row}" si="0">F${row}+$F$5</f><v>13</v></c>`);
      sheet = setCell(sheet, value, (s) => `<c r="${value}" s="${s}"><f t="shared" si="0"/><v>12</v></c>`);
      p.set(SHEET, sheet);
    });
    const result = await readTemplate(repackXlsx(edited), catalog);
    if (result.ok) throw new Error('a formula in an input cell must be refused');
    expect(result.issues.map((i) => [i.cell, i.code])).toEqual([[value, 'unparseable']]);
    expect(result.issues[0]!.zh).toContain(`“=G${row}+$F$5”不是有效的值`);
  });

  it('reads rows and cells without addresses, sheets under other part names and in another order', async () => {
    const edited = edit((p) => {
      const sheet = p.get(SHEET)!.replace(/<(row|c) r="[A-Z]*\d+"/g, '<$1');
      p.delete(SHEET);
      p.set('xl/worksheets/data.xml', sheet);
      p.set('xl/_rels/workbook.xml.rels', p.get('xl/_rels/workbook.xml.rels')!.replace('Target="worksheets/sheet1.xml"', 'Target="/xl/worksheets/data.xml"'));
      const wb = p.get('xl/workbook.xml')!;
      const [data, meta] = [...wb.matchAll(/<sheet [^>]*\/>/g)].map((m) => m[0]);
      p.set('xl/workbook.xml', wb.replace(`${data}${meta}`, `${meta}${data}`));
    });
    expect(edited.get('xl/worksheets/data.xml')).toContain('<row spans=');
    expect((await read(edited)).submission.entries).toEqual(expectedEntries);
  });
});

describe('shiftFormula', () => {
  it('moves relative references, keeps absolute parts, function names and string literals', () => {
    expect(shiftFormula('F10+$F$5+F$5+$F5', 2, 1)).toBe('G12+$F$5+G$5+$F7');
    expect(shiftFormula('LOG10(A1)&"B2"', 1, 0)).toBe('LOG10(A2)&"B2"');
  });
});
