import JSZip from 'jszip';
import { positionOf } from '../core/validate';
import { readSheetCells } from '../pipeline/workbook/ooxml';
import { openZip } from '../pipeline/workbook/zip';

async function archiveWith(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('xl/part.xml', text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('readText with a likely end', () => {
  const text = `<root><sheetData><c>学前教育普惠覆盖率</c></sheetData><tail>${'尾'.repeat(1000)}</tail></root>`;

  it('hands over the text up to the likely end first, then the rest when the reader goes on — never a broken character', async () => {
    const zip = await openZip(await archiveWith(text));
    // An offset inside the first Chinese character (3 bytes in UTF-8): moved back to the boundary.
    const inside = Buffer.from('<root><sheetData><c>').length + 1;
    const chunks: string[] = [];
    await zip.readText('xl/part.xml', (t) => { chunks.push(t); }, { likelyEnough: () => inside });
    expect(chunks.join('')).toBe(text);
    expect(chunks[0]).toBe('<root><sheetData><c>');
    zip.close();
  });

  it('does not decode the rest once the reader stops', async () => {
    const zip = await openZip(await archiveWith(text));
    const end = Buffer.from(text).indexOf('</sheetData>') + '</sheetData>'.length;
    const chunks: string[] = [];
    await zip.readText('xl/part.xml', (t) => { chunks.push(t); return false; }, { likelyEnough: () => end });
    expect(chunks).toEqual([text.slice(0, text.indexOf('<tail>'))]);
    zip.close();
  });
});

describe('readSheetCells', () => {
  // Excel writes every cell's address; some tools leave it out after the first cell of a row, or write it in lower case.
  const sheet = '<worksheet><sheetData>' +
    '<row r="5"><c r="B5" t="inlineStr"><is><t>学前教育</t></is></c><c><v>85</v></c><c s="3"><v>0.9</v></c></row>' +
    '<row r="6"><c r="e6"><v>12</v></c><c r="F6"><v>13</v></c><c r="G6"><v>14</v></c></row>' +
    '<row r="7"><c r="E7"><v>99</v></c></row>' +
    '</sheetData></worksheet>';

  it('reads the wanted cells by position, with or without their addresses, up to the last row asked for', async () => {
    const zip = await openZip(await archiveWith(sheet));
    const wanted = new Set(['5:2', '5:3', '5:4', '6:5', '6:7', '7:5']);
    const cells = await readSheetCells(zip, 'xl/part.xml', [], (row, col) => wanted.has(`${row}:${col}`), 6);
    expect([...cells.keys()]).toEqual(['B5', 'C5', 'D5', 'E6', 'G6']);
    expect(cells.get('B5')!.value).toBe('学前教育');
    expect(cells.get('C5')!.value).toBe(85);
    expect(cells.get('D5')).toEqual({ value: 0.9, style: 3 });
    expect(cells.get('G6')!.value).toBe(14);
  });

  it('finds row and column in an address, and nothing in what is not one', () => {
    expect(positionOf('K12')).toEqual({ row: 12, col: 11 });
    expect(positionOf('aa3')).toEqual({ row: 3, col: 27 });
    for (const bad of ['$A$1', 'A', '12', 'A1B', '']) expect(positionOf(bad)).toEqual({ row: 0, col: 0 });
  });
});
