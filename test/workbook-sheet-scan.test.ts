/**
 * The scans (pipeline/workbook/sheet-scan.ts) against saxes: on every worksheet both read, the same cells with the
 * same values and styles; on every shared-strings part, the same strings. A scan may hand a part to saxes, and it may
 * accept a malformed part saxes refuses, but it must never read a part saxes accepts differently.
 */
import { buildLayout } from '../core/layout';
import { readSharedStrings, readSheetCells, type SheetCell, type SheetReading } from '../pipeline/workbook/ooxml';
import { fillCells } from '../pipeline/workbook/fill';
import { renderTemplate } from '../pipeline/workbook/render-template';
import { scanSharedStrings, scanSheetData } from '../pipeline/workbook/sheet-scan';
import { openZip, type ZipArchive } from '../pipeline/workbook/zip';
import { fixtureDistrict, fixturePlan } from './fixtures/plan-fixture';

const PART = 'xl/worksheets/sheet1.xml';
const SHARED = ['学前教育', '在园幼儿数', 'a&b', ' 前后有空格 ', '=SUM(A1)', '达到进度'];

/** An archive of one part, held as text: both readings take the part from it. */
function archiveOf(xml: string): ZipArchive {
  const bytes = Buffer.from(xml);
  return {
    names: () => [PART],
    has: (name) => name === PART,
    async readText(_name, sink) {
      sink(xml);
    },
    text: (_name, end) => bytes.toString('utf8', 0, end ? end(bytes) : bytes.length),
    fingerprint: () => '',
    close: () => undefined,
  };
}

type Wanted = (row: number, col: number) => boolean;
type Read = { ok: true; cells: [string, SheetCell][] } | { ok: false; error: string };

async function read(xml: string, reading: SheetReading, wanted: Wanted, lastRow?: number): Promise<Read> {
  try {
    const cells = await readSheetCells(archiveOf(xml), PART, SHARED, wanted, lastRow, reading);
    return { ok: true, cells: [...cells] };
  } catch (err) {
    return { ok: false, error: String(err) };
  }
}

/** Whether the scan reads the part itself (true), or hands it to saxes. */
function scans(xml: string): boolean {
  return scanSheetData(xml, { open: () => undefined });
}

/** A seeded generator (mulberry32), so that every run tests the same sheets. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `xs`, chosen by the seeded generator. */
function pickFrom<T>(next: () => number, xs: readonly T[]): T {
  return xs[Math.floor(next() * xs.length)]!;
}

function columnName(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * A worksheet as the writers we know could write it, varied where XML allows: quotes, whitespace in tags, the order
 * and number of attributes, rows and cells without addresses, lower-case addresses, every cell type, shared and plain
 * formulas, references in text. With `odd`, now and then something the scan leaves to saxes.
 */
function randomSheet(next: () => number, odd: boolean): string {
  const pick = <T>(xs: readonly T[]): T => pickFrom(next, xs);
  const chance = (p: number) => next() < p;
  const ws = () => pick(['', '', '', ' ', '\n', '\t', '  ']);
  const q = () => (chance(0.2) ? "'" : '"');
  const attr = (name: string, value: string) => {
    const quote = q();
    return ` ${ws()}${name}${ws()}=${ws()}${quote}${value}${quote}`;
  };
  const tag = (name: string, attrs: string[], body: string | null) => {
    const shuffled = [...attrs].sort(() => next() - 0.5);
    const open = `<${name}${shuffled.join('')}${ws()}`;
    return body === null ? `${open}/>` : `${open}>${body}</${name}${ws()}>`;
  };
  const text = () => pick(['12', ' 85.5 ', '-0.25', '1e3', '', '3', 'abc', '&lt;5&gt;', '&amp;', '&#65;&#x4E2D;', 'a&quot;b&apos;c', '\n7\n', '达到']);
  const rows: string[] = [];
  let row = 0;
  for (let r = 0; r < 1 + Math.floor(next() * 25); r++) {
    row += chance(0.2) ? 2 + Math.floor(next() * 3) : 1;
    const rowAttrs = [
      ...(chance(0.9) ? [attr('r', String(row))] : []),
      ...(chance(0.5) ? [attr('spans', '1:14')] : []),
      ...(chance(0.4) ? [attr('ht', '18'), attr('customHeight', '1')] : []),
      ...(chance(0.3) ? [attr('x14ac:dyDescent', '0.25')] : []),
    ];
    const cells: string[] = [];
    let col = 0;
    for (let c = 0; c < Math.floor(next() * 14); c++) {
      col += chance(0.2) ? 2 : 1;
      const address = `${columnName(col)}${row}`;
      const cellAttrs = [
        ...(chance(0.9) || c === 0 ? [attr('r', chance(0.05) ? address.toLowerCase() : address)] : []),
        ...(chance(0.7) ? [attr('s', String(Math.floor(next() * 20)))] : []),
        ...(chance(0.1) ? [attr('cm', '1')] : []),
      ];
      const kind = pick(['n', 'n', 's', 'str', 'b', 'e', 'd', 'empty', 'formula', 'shared-master', 'shared']);
      let body: string | null = null;
      switch (kind) {
        case 'n': body = tag('v', [], text()); break;
        case 's': cellAttrs.push(attr('t', 's')); body = tag('v', [], String(Math.floor(next() * 8))); break;
        case 'str': cellAttrs.push(attr('t', 'str')); body = tag('f', [], 'A1&amp;&quot;x&quot;') + tag('v', [], text()); break;
        case 'b': cellAttrs.push(attr('t', 'b')); body = tag('v', [], pick(['1', '0', 'true'])); break;
        case 'e': cellAttrs.push(attr('t', 'e')); body = tag('v', [], '#DIV/0!'); break;
        case 'd': cellAttrs.push(attr('t', 'd')); body = tag('v', [], '2025-10-01'); break;
        case 'formula': body = tag('f', [], 'IF(H5=&quot;&quot;,&quot;&quot;,ROUND(I5/J5*100,1))') + (chance(0.5) ? tag('v', [], '85') : ''); break;
        case 'shared-master': body = tag('f', [attr('t', 'shared'), attr('ref', `${address}:${columnName(col)}${row + 5}`), attr('si', '0')], 'B5+C$4'); break;
        case 'shared': body = tag('f', [attr('t', 'shared'), attr('si', '0')], null) + tag('v', [], '3'); break;
        default: break;
      }
      cells.push(tag('c', cellAttrs, body) + ws());
    }
    rows.push(tag('row', rowAttrs, cells.length === 0 && chance(0.5) ? null : cells.join('')) + ws());
  }
  let sheetData = rows.join('');
  if (odd) {
    const oddities = [
      () => sheetData.replace('<v>', '<v><![CDATA[9]]>'),
      () => sheetData.replace('</row>', '</row><!-- note -->'),
      () => sheetData.replace('</row>', '<c t="inlineStr"><is><t>行内</t></is></c></row>'),
      () => sheetData.replace('</row>', '</row><?pi x?>'),
      () => sheetData.replace('<v>', '<v>1\r\n'),
      () => sheetData.replace(' r="', ' r="\t'),
      () => sheetData.replace('<v>', '<v>&nbsp;'),
      () => sheetData.replace('</c>', '<extLst/></c>'),
    ];
    sheetData = pick(oddities)();
  }
  const decl = chance(0.8) ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : '';
  const head = `${decl}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r">` +
    '<dimension ref="A1:N49"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  return `${head}<sheetData>${sheetData}</sheetData><mergeCells count="1"><mergeCell ref="A1:L1"/></mergeCells></worksheet>`;
}

function randomWanted(next: () => number): { wanted: Wanted; lastRow: number | undefined } {
  const modulus = 1 + Math.floor(next() * 4);
  return {
    wanted: (row, col) => (row * 7 + col) % modulus === 0,
    lastRow: next() < 0.3 ? Math.floor(next() * 30) : undefined,
  };
}

describe('the sheet scan reads what saxes reads', () => {
  it('on the data and metadata sheets and the shared strings of a filled template', async () => {
    const layout = buildLayout({ plan: fixturePlan, unit: fixtureDistrict, month: '2025-10' });
    const typed = Object.fromEntries(layout.inputs.map((input, i) => [input.address, i % 3 === 0 ? `说明 ${i} =1+1 & <b>` : i * 1.5]));
    const bytes = await fillCells(await renderTemplate(layout), typed, layout.sheetName);
    const zip = await openZip(bytes);
    for (const path of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      let xml = '';
      await zip.readText(path, (t) => void (xml += t));
      expect(scans(xml)).toBe(true);
      const all = await readSheetCells(zip, path, SHARED, () => true, undefined, 'scan');
      expect([...all]).toEqual([...await readSheetCells(zip, path, SHARED, () => true, undefined, 'saxes')]);
      expect(all.size).toBeGreaterThan(path.endsWith('sheet1.xml') ? 100 : 5);
    }
    let sst = '';
    await zip.readText('xl/sharedStrings.xml', (t) => void (sst += t));
    expect(scanSharedStrings(sst)).not.toBeNull();
    const strings = await readSharedStrings(zip, 'xl/sharedStrings.xml', 'scan');
    expect(strings).toEqual(await readSharedStrings(zip, 'xl/sharedStrings.xml', 'saxes'));
    expect(strings).toContain('说明 0 =1+1 & <b>');
    zip.close();
  });

  it('on a thousand sheets varied as XML allows', async () => {
    const next = random(20261202);
    let scanned = 0;
    for (let n = 0; n < 1000; n++) {
      const xml = randomSheet(next, false);
      const { wanted, lastRow } = randomWanted(next);
      const bySaxes = await read(xml, 'saxes', wanted, lastRow);
      expect(bySaxes.ok).toBe(true);
      expect(await read(xml, 'scan', wanted, lastRow)).toEqual(bySaxes);
      if (scans(xml)) scanned++;
    }
    expect(scanned).toBe(1000);
  });

  it('hands to saxes what it does not read itself, and the cells come out the same', async () => {
    const next = random(7);
    let handedOver = 0;
    for (let n = 0; n < 300; n++) {
      const xml = randomSheet(next, true);
      const { wanted, lastRow } = randomWanted(next);
      const bySaxes = await read(xml, 'saxes', wanted, lastRow);
      if (!scans(xml)) handedOver++;
      if (bySaxes.ok) expect(await read(xml, 'scan', wanted, lastRow)).toEqual(bySaxes);
    }
    expect(handedOver).toBeGreaterThan(250);
  });

  it('never reads differently a damaged sheet that saxes still reads', async () => {
    const next = random(42);
    const pieces = ['<', '>', '/', '"', "'", '=', '&', ' ', '\r', '\t', '\u0001', '\uFFFE', '&amp;', '&#0;', '&#x110000;',
      '&#13;', '&bogus;', '<v>', '</v>', '</c>', '<c r="B2">', '<row>', ']]>', 'r="A1"', ' s="7"', 'x:', '<!--', '-->'];
    let accepted = 0;
    let scanned = 0;
    for (let n = 0; n < 3000; n++) {
      let xml = randomSheet(next, false);
      const start = xml.indexOf('<sheetData>') + 11;
      const end = xml.indexOf('</sheetData>');
      for (let m = 0; m < 1 + Math.floor(next() * 3); m++) {
        const at = start + Math.floor(next() * (end - start));
        const cut = next() < 0.4 ? 1 + Math.floor(next() * 5) : 0;
        const insert = next() < 0.8 ? pickFrom(next, pieces) : '';
        xml = xml.slice(0, at) + insert + xml.slice(at + cut);
      }
      const { wanted, lastRow } = randomWanted(next);
      const bySaxes = await read(xml, 'saxes', wanted, lastRow);
      if (!bySaxes.ok) continue;
      accepted++;
      if (scans(xml)) scanned++;
      expect(await read(xml, 'scan', wanted, lastRow)).toEqual(bySaxes);
    }
    // Enough damaged sheets that saxes reads, and that the scan reads too, for the comparison to mean something.
    expect(accepted).toBeGreaterThan(400);
    expect(scanned).toBeGreaterThan(250);
  });
});

describe('what the scan leaves to saxes', () => {
  const sheet = (cells: string, head = '<worksheet>') => `${head}<sheetData><row r="5">${cells}</row></sheetData></worksheet>`;
  const plain = '<c r="E5" s="2"><v>85</v></c>';

  it.each([
    ['an inline string', sheet('<c r="E5" t="inlineStr"><is><t>行内</t></is></c>')],
    ['a namespace prefix', '<x:worksheet xmlns:x="m"><x:sheetData><x:row r="5"><x:c r="E5"><x:v>85</x:v></x:c></x:row></x:sheetData></x:worksheet>'],
    ['a comment among the cells', sheet(`<!-- c -->${plain}`)],
    ['a comment before them', sheet(plain, '<worksheet><!-- <sheetData> -->')],
    ['a processing instruction', sheet(plain, '<worksheet><?x <sheetData>?>')],
    ['CDATA', sheet('<c r="E5"><v><![CDATA[85]]></v></c>')],
    ['an entity saxes does not know', sheet('<c r="E5"><v>&nbsp;</v></c>')],
    ['a reference in an attribute', sheet('<c r="E&#53;"><v>85</v></c>')],
    ['a carriage return in text', sheet('<c r="E5" t="str"><v>a\r\nb</v></c>')],
    ['an extension list', sheet(`${plain}<extLst/>`)],
    ['text between cells', sheet(`x${plain}`)],
    ['a duplicated attribute', sheet('<c r="E5" r="F5"><v>85</v></c>')],
    ['an unclosed cell', '<worksheet><sheetData><row r="5"><c r="E5"><v>85</v></row></sheetData></worksheet>'],
    ['a self-closing sheetData', '<worksheet><sheetData/></worksheet>'],
  ])('%s', async (_what, xml) => {
    expect(scans(xml)).toBe(false);
    const all = () => true;
    expect(await read(xml, 'scan', all)).toEqual(await read(xml, 'saxes', all));
  });

  it('reads the plain form itself: values, styles, formulas, references and self-closing cells', async () => {
    const xml = sheet('<c r="E5" s="2"><v>85</v></c><c r=\'F5\' t="s"><v>2</v></c><c r="G5"/>' +
      '<c r="H5" t="str"><f>A1&amp;&quot;达到&quot;</f><v>x</v></c><c r="I5" t="str"><v>&#x4E2D;&lt;&#10;</v></c>');
    expect(scans(xml)).toBe(true);
    const cells = await read(xml, 'scan', () => true);
    expect(cells).toEqual({ ok: true, cells: [
      ['E5', { value: 85, style: 2 }],
      ['F5', { value: 'a&b', style: 0 }],
      ['G5', { value: null, style: 0 }],
      ['H5', { value: '=A1&"达到"', style: 0 }],
      ['I5', { value: '中<\n', style: 0 }],
    ] });
  });
});

describe('the shared-strings scan reads what saxes reads', () => {
  const STRINGS = 'shared';
  const archive = (xml: string): ZipArchive => ({ ...archiveOf(xml), has: (name) => name === STRINGS });
  const readStrings = async (xml: string, reading: SheetReading) => {
    try {
      return { ok: true, strings: await readSharedStrings(archive(xml), STRINGS, reading) };
    } catch (err) {
      return { ok: false, error: String(err) };
    }
  };

  /** A shared-strings part: mostly plain <si><t>, with `odd` now and then a rich-text run, a phonetic guide, a prefix. */
  function randomStrings(next: () => number, odd: boolean): string {
    const pick = <T>(xs: readonly T[]): T => pickFrom(next, xs);
    const texts = ['学前教育', ' 前后有空格 ', 'a&amp;b &lt;c&gt; &quot;q&quot; &apos;', '&#x4E2D;&#22269;', 'line\nbreak', '_x000D_x', '', 'Unit: 230102'];
    const items = Array.from({ length: 1 + Math.floor(next() * 30) }, () => {
      const t = pick(texts);
      if (odd && next() < 0.1) return pick([`<si><r><rPr><b/></rPr><t>${t}</t></r><r><t>2</t></r></si>`, `<si><t>${t}</t><rPh sb="0" eb="1"><t>ふ</t></rPh></si>`, '<si><t/></si>']);
      return `<si>${next() < 0.5 ? '<t>' : '<t xml:space="preserve">'}${t}</t></si>${pick(['', '', '\n'])}`;
    });
    const decl = next() < 0.8 ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : '';
    const body = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}">${items.join('')}</sst>`;
    return decl + (odd && next() < 0.2 ? body.replace(/<(\/?)(sst|si|t)\b/g, '<$1x:$2') : body);
  }

  it('on plain parts, which it reads itself, and on parts it hands over', async () => {
    const next = random(11);
    let scanned = 0;
    for (let n = 0; n < 1000; n++) {
      const xml = randomStrings(next, n % 2 === 1);
      const bySaxes = await readStrings(xml, 'saxes');
      expect(bySaxes.ok).toBe(true);
      expect(await readStrings(xml, 'scan')).toEqual(bySaxes);
      if (scanSharedStrings(xml)) scanned++;
    }
    expect(scanned).toBeGreaterThan(600);
  });

  it('never reads differently a damaged part that saxes still reads', async () => {
    const next = random(99);
    const pieces = ['<', '>', '/', '"', '&', ' ', '\r', '\u0001', '&amp;', '&#0;', '&bogus;', '<si>', '</t>', '<t>', '</si>', '<!--', 'x:'];
    let accepted = 0;
    for (let n = 0; n < 3000; n++) {
      let xml = randomStrings(next, false);
      for (let m = 0; m < 1 + Math.floor(next() * 2); m++) {
        const at = Math.floor(next() * xml.length);
        const cut = next() < 0.4 ? 1 + Math.floor(next() * 4) : 0;
        xml = xml.slice(0, at) + (next() < 0.8 ? pickFrom(next, pieces) : '') + xml.slice(at + cut);
      }
      const bySaxes = await readStrings(xml, 'saxes');
      if (!bySaxes.ok) continue;
      accepted++;
      expect(await readStrings(xml, 'scan')).toEqual(bySaxes);
    }
    expect(accepted).toBeGreaterThan(300);
  });
});

