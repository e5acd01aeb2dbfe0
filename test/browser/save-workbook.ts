/**
 * The simulated host's "save": writes the simulated workbook as a real .xlsx (exceljs), standing in for the bytes
 * Office hands out through getFileAsync. Everything the intake reads is written — sheets and their visibility,
 * values, formulas, number formats, merges, protection. (exceljs cannot write custom XML parts; the intake reads
 * the very hidden meta sheet, which is written.)
 */
import ExcelJS from 'exceljs';
import type { SavedWorkbook } from './sim-excel';

const STATE = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' } as const;

export async function saveWorkbook(saved: SavedWorkbook): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Simulated Excel host';
  for (const s of saved.sheets) {
    const sheet = workbook.addWorksheet(s.name, { state: STATE[s.visibility as keyof typeof STATE] ?? 'visible' });
    for (const c of s.cells) {
      if (c.value === '' && c.formula === null && c.numberFormat === 'General' && c.locked) continue;
      const cell = sheet.getCell(c.row, c.col);
      cell.value = c.formula !== null ? { formula: c.formula.replace(/^=/, '') } : c.value === '' ? null : c.value;
      if (c.numberFormat !== 'General') cell.numFmt = c.numberFormat;
      if (!c.locked) cell.protection = { locked: false };
    }
    for (const [col, points] of s.columnWidths) sheet.getColumn(col).width = Math.max(1, (points / 0.75 - 5) / 7);
    for (const col of s.hiddenColumns) sheet.getColumn(col).hidden = true;
    for (const range of s.merges) if (range.includes(':')) sheet.mergeCells(range);
    if (s.protected) await sheet.protect('', { formatColumns: true, formatRows: true });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
