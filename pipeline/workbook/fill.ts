/**
 * Fills a rendered template the way a person does in Excel, for tests, demos and benchmarks: what is typed into a
 * cell is stored as Excel would store it — numbers as numbers, "90%" typed into a number cell as 0.9 with a
 * percentage format, other text as text, and text beginning with "=" as a formula unless the cell is formatted
 * as text (@), where Excel keeps it as typed.
 */
import ExcelJS from 'exceljs';
import { DATA_SHEET, looksLikeFormula, type InputField, type TemplateLayout } from '../../core/layout';

/**
 * What a person types into one cell. `{ percent }` is "90%" typed into a number cell (Excel stores 0.9);
 * `{ stored, numFmt }` is what Excel made of other typing, e.g. "1:12" taken for a time: { stored: 0.05, numFmt: 'h:mm' }.
 */
export type Typed = number | string | boolean | null | { percent: number } | { stored: number; numFmt: string } | { formula: string };

export type FieldValues = Partial<Record<InputField, Typed>>;

/** Typed values by A1 address on the data sheet. */
export async function fillCells(template: Buffer, typed: Record<string, Typed>, sheetName = DATA_SHEET): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`工作簿中没有工作表“${sheetName}” / no sheet named ${sheetName}`);
  for (const [address, value] of Object.entries(typed)) type(sheet.getCell(address), value);
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}

/** Typed values by indicator code and field, placed through the layout's inputs. */
export function fillTemplate(template: Buffer, layout: TemplateLayout, values: Record<string, FieldValues>): Promise<Buffer> {
  return fillCells(template, addressesOf(layout, values), layout.sheetName);
}

export function addressesOf(layout: TemplateLayout, values: Record<string, FieldValues>): Record<string, Typed> {
  const typed: Record<string, Typed> = {};
  for (const [code, fields] of Object.entries(values)) {
    for (const [field, value] of Object.entries(fields) as [InputField, Typed][]) {
      const input = layout.inputs.find((i) => i.code === code && i.field === field);
      if (!input) throw new Error(`模板中没有 ${code} 的输入单元格“${field}” / no ${field} input for ${code}`);
      typed[input.address] = value;
    }
  }
  return typed;
}

function type(cell: ExcelJS.Cell, value: Typed): void {
  if (value !== null && typeof value === 'object') {
    if ('percent' in value) {
      cell.value = value.percent;
      setNumFmt(cell, '0%');
    } else if ('stored' in value) {
      cell.value = value.stored;
      setNumFmt(cell, value.numFmt);
    } else {
      cell.value = { formula: value.formula.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
    }
    return;
  }
  if (typeof value === 'string' && looksLikeFormula(value) && value.startsWith('=') && cell.numFmt !== '@') {
    cell.value = { formula: value.slice(1) } as ExcelJS.CellFormulaValue;
    return;
  }
  cell.value = value;
}

/** exceljs shares one style object between the cells of a loaded style: assigning numFmt would change them all. */
function setNumFmt(cell: ExcelJS.Cell, numFmt: string): void {
  cell.style = { ...cell.style, numFmt };
}
