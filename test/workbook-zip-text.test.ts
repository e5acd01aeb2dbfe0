import JSZip from 'jszip';
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
