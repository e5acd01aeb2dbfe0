/**
 * Streaming readers for the few SpreadsheetML parts a template needs, with saxes. They accept what Excel, WPS and
 * LibreOffice write: namespace prefixes (<x:row>), shared and inline strings with rich-text runs (phonetic runs
 * skipped), rows and cells without an `r` attribute, shared formulas, booleans, errors, and part paths found
 * through the relationships rather than assumed (a sheet is not always sheet1.xml). A worksheet's cells and the shared
 * strings are first tried with the scan of their plain form (sheet-scan.ts), which hands anything else to saxes here.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { columnLetter } from '../../core/layout';
import { decodeAddress, positionOf } from '../../core/validate';
import { scanSharedStrings, scanSheetData } from './sheet-scan';
import type { ReadTextOptions, ZipArchive } from './zip';

/** "x:row" → "row": an attribute name without its namespace prefix ("r:id" → "id"). */
function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Attributes by local name ("r:id" → "id"). */
function attrs(tag: SaxesTagPlain): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tag.attributes)) out[local(k)] = v;
  return out;
}

/** What readXml (and the sheet scan) tell a part's reader, by element name without the part's own prefix. */
export interface XmlHandlers {
  open(name: string, tag: SaxesTagPlain): void;
  text?(text: string): void;
  close?(name: string): void;
  /** Whether the current element's text will be used: the sheet scan decodes none that is not (saxes decodes all). */
  textWanted?(): boolean;
  /** Checked after every element: true stops reading the part. */
  done?(): boolean;
}

/** Thrown from a handler to abandon a part as soon as a reader has what it needs; one instance, as a stack trace
 *  per part would cost more than the parsing it saves. */
class StopReading extends Error {}
const STOP = new StopReading('stop reading');

function ignore(): void {}

/** Streams one part of the archive through saxes; a missing optional part reads as empty. */
export async function readXml(zip: ZipArchive, path: string, h: XmlHandlers, optional = false, opts?: ReadTextOptions): Promise<void> {
  if (!zip.has(path)) {
    if (optional) return;
    throw new Error(`missing part ${path}`);
  }
  await parseXml(h, (write) => zip.readText(path, write, opts));
}

/** Runs saxes over the text `feed` writes, for the handlers; stops as soon as they are done. */
async function parseXml(h: XmlHandlers, feed: (write: (chunk: string) => void) => Promise<void>): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  const done = h.done ?? (() => false);
  // Element names are matched without the prefix the part binds to its own (root) namespace: Excel writes
  // <row>, some tools <x:row>. Elements of other namespaces (extensions such as <x14:…>) keep their prefix and so
  // never match. Cheaper than saxes' namespace mode. The root element tells the prefix, and the handlers for the rest
  // of the part are chosen then, so that the common unprefixed part strips nothing element by element.
  let prefix = '';
  const local = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  // Checked after every element: the rest of the part (often most of it) is then not parsed at all.
  const onOpen = (tag: SaxesTagPlain) => {
    h.open(tag.name, tag);
    if (done()) throw STOP;
  };
  const onOpenPrefixed = (tag: SaxesTagPlain) => {
    h.open(local(tag.name), tag);
    if (done()) throw STOP;
  };
  const onClose = (tag: SaxesTagPlain) => {
    h.close?.(tag.name);
    if (done()) throw STOP;
  };
  const onClosePrefixed = (tag: SaxesTagPlain) => {
    h.close?.(local(tag.name));
    if (done()) throw STOP;
  };
  // saxes keeps each handler in a property it adds when the handler is first set. Parsers given different sets of
  // handlers, or the same set in another order, get different hidden classes, and V8 then runs every method of the
  // parser (its character loop included) polymorphic over them. So every part gets the same four, in this order.
  // Measured: once parsers of four shapes had run in a process, saxes alone took about three times as long there.
  const text = h.text ?? ignore;
  parser.on('opentag', (root) => {
    const colon = root.name.indexOf(':');
    if (colon >= 0) prefix = root.name.slice(0, colon + 1);
    parser.on('opentag', prefix === '' ? onOpen : onOpenPrefixed);
    parser.on('closetag', prefix === '' ? onClose : onClosePrefixed);
    (prefix === '' ? onOpen : onOpenPrefixed)(root);
  });
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('closetag', ignore);
  try {
    await feed((chunk) => {
      parser.write(chunk);
    });
    parser.close();
  } catch (err) {
    if (err !== STOP) throw err;
  }
}

/** Decodes OOXML's escape of characters XML cannot carry ("_x000D_" for a carriage return). */
export function decodeXString(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

export interface Relationship {
  id: string;
  type: string;
  /** Path inside the archive, resolved against the part the relationships belong to. */
  path: string;
}

export function relsPathOf(partPath: string): string {
  const i = partPath.lastIndexOf('/');
  return `${partPath.slice(0, i + 1)}_rels/${partPath.slice(i + 1)}.rels`;
}

/** Resolves a relationship target ("worksheets/sheet2.xml", "/xl/worksheets/sheet2.xml", "../x.xml"). */
export function resolveTarget(partPath: string, target: string): string {
  const base = target.startsWith('/') ? [] : partPath.split('/').slice(0, -1);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** The relationships of a part (its "_rels/<name>.rels"); external targets are skipped. */
export async function readRelationships(zip: ZipArchive, partPath: string): Promise<Relationship[]> {
  const rels: Relationship[] = [];
  await readXml(zip, relsPathOf(partPath), {
    open(name, tag) {
      if (name !== 'Relationship') return;
      const a = attrs(tag);
      if (a.TargetMode === 'External' || !a.Id || !a.Target) return;
      rels.push({ id: a.Id, type: a.Type ?? '', path: resolveTarget(partPath, decodeURIComponent(a.Target)) });
    },
  }, true);
  return rels;
}

/** Relationship types end the same way in transitional and strict OOXML. */
export function relOfType(rels: Relationship[], kind: string): Relationship | undefined {
  return rels.find((r) => r.type.endsWith(`/${kind}`));
}

export interface SheetRef {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  path: string | null;
}

/** The workbook part's path, from the package relationships (xl/workbook.xml in every writer we know). */
export async function officeDocumentPath(zip: ZipArchive): Promise<string | null> {
  const rels = await readRelationships(zip, '');
  const doc = relOfType(rels, 'officeDocument');
  if (doc) return doc.path;
  return zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : null;
}

export async function readSheets(zip: ZipArchive, workbookPath: string, rels: Relationship[]): Promise<SheetRef[]> {
  const sheets: SheetRef[] = [];
  await readXml(zip, workbookPath, {
    open(name, tag) {
      if (name !== 'sheet') return;
      const a = attrs(tag);
      const rel = rels.find((r) => r.id === a.id);
      const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
      sheets.push({ name: a.name ?? '', state, path: rel ? rel.path : null });
    },
  });
  return sheets;
}

/**
 * Shared strings: the text of each <si>, rich-text runs joined, phonetic guides (<rPh>) left out. Scanned where the
 * part is plain text only (see sheet-scan.ts), read with saxes otherwise or when `reading` says so.
 */
export async function readSharedStrings(zip: ZipArchive, path: string | undefined, reading: SheetReading = 'scan'): Promise<string[]> {
  const strings: string[] = [];
  if (!path || !zip.has(path)) return strings;
  // Decoded once, for the scan and, where it cannot, for saxes.
  const xml = zip.text(path);
  if (reading === 'scan') {
    const scanned = scanSharedStrings(xml);
    if (scanned) return scanned.map(decodeXString);
  }
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await parseXml({
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text(t) {
      if (inText && current) current.push(t);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current) {
        strings.push(decodeXString(current.join('')));
        current = null;
      }
    },
  }, async (write) => write(xml));
  return strings;
}

/**
 * Built-in number formats that matter when reading values: the percentages (9, 10) and the dates and times
 * (14-22, 45-47, and the ones East Asian versions of Excel add, 27-36 and 50-58), which change what a number means.
 */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'yyyy/m/d', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mm:ss.0', 49: '@',
  ...Object.fromEntries([27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map((id) => [id, 'yyyy"年"m"月"d"日"'])),
  ...Object.fromEntries([32, 33, 55, 56].map((id) => [id, 'h"时"mm"分"'])),
};

/** Number format code of each cell style index (cellXfs order). */
export async function readCellFormats(zip: ZipArchive, path: string | undefined): Promise<string[]> {
  const custom = new Map<number, string>();
  const formats: string[] = [];
  if (!path) return formats;
  let inCellXfs = false;
  await readXml(zip, path, {
    open(name, tag) {
      // SpreadsheetML attributes are unqualified: read directly, no prefix handling needed.
      if (name === 'numFmt') {
        const a = tag.attributes;
        custom.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        formats.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General');
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    done: () => formats.length > 0 && !inCellXfs,
  }, true);
  return formats;
}

/** One cell as stored: its value (a formula as "=…", never its cached result) and its style index. */
export interface SheetCell {
  value: string | number | boolean | null;
  style: number;
}

interface SharedFormula {
  formula: string;
  row: number;
  col: number;
}

/** How a worksheet's cells are read: the scan, or saxes where the scan cannot (see sheet-scan.ts); or saxes only. */
export type SheetReading = 'scan' | 'saxes';

/**
 * Reads the cells `wanted` names (by 1-based row and column) from a worksheet part, stopping after row `lastRow` (the
 * rest of the sheet is not even decoded). Returns them by A1 address.
 *
 * Every cell of the sheet is asked about, kept or not: by numbers, since a lookup by its address string hashed a
 * fresh string for every cell (valgrind: 1.3% of the reader's instructions over 600 benchmark files).
 */
export async function readSheetCells(
  zip: ZipArchive,
  path: string,
  sharedStrings: string[],
  wanted: (row: number, col: number) => boolean,
  lastRow = Number.MAX_SAFE_INTEGER,
  reading: SheetReading = 'scan',
): Promise<Map<string, SheetCell>> {
  if (reading === 'scan' && zip.has(path)) {
    const scanned = sheetCellReader(sharedStrings, wanted, lastRow);
    if (scanSheetData(zip.text(path, sheetDataEnd), scanned.handlers)) return scanned.cells;
  }
  // Inflated again rather than parsed from the scan's text, which ends at </sheetData>: saxes may have to read on
  // (where that closing tag was not the reader's, as in a comment). Only parts the scan cannot read come here.
  const parsed = sheetCellReader(sharedStrings, wanted, lastRow);
  await readXml(zip, path, parsed.handlers, false, { likelyEnough: sheetDataEnd });
  return parsed.cells;
}

/** The handlers that collect a worksheet's wanted cells, from saxes or the scan, and the cells they collect. */
function sheetCellReader(
  sharedStrings: string[],
  wanted: (row: number, col: number) => boolean,
  lastRow: number,
): { handlers: XmlHandlers; cells: Map<string, SheetCell> } {
  const cells = new Map<string, SheetCell>();
  const shared = new Map<string, SharedFormula>();
  let row = 0;
  let col = 0;
  let stop = false;
  // The cell being read.
  let address = '';
  let keep = false;
  let type = 'n';
  /** The style attribute as written: turned into a number only for the cells kept. */
  let style: string | undefined;
  let value = '';
  let formula: string | null = null;
  let formulaShared: { si: string; master: boolean } | null = null;
  let collecting: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;

  const finishCell = () => {
    if (formulaShared?.master && formula) {
      shared.set(formulaShared.si, { formula, ...decodeAddress(address) });
    }
    if (!keep) return;
    let text: string | null = null;
    if (formula) {
      text = `=${formula}`;
    } else if (formulaShared && !formulaShared.master) {
      const master = shared.get(formulaShared.si);
      const here = decodeAddress(address);
      text = `=${master ? shiftFormula(master.formula, here.row - master.row, here.col - master.col) : ''}`;
    }
    cells.set(address, { value: text ?? cellValue(type, value, sharedStrings), style: style ? Number(style) : 0 });
  };

  const handlers: XmlHandlers = {
    open(name, tag) {
      switch (name) {
        case 'row': {
          const r = tag.attributes.r;
          row = r ? Number(r) : row + 1;
          address = '';
          col = 0;
          if (row > lastRow) stop = true;
          break;
        }
        case 'c': {
          const a = tag.attributes;
          let cellRow = row;
          if (a.r) {
            address = a.r;
            const at = positionOf(address);
            col = at.col;
            cellRow = at.row;
          } else {
            col += 1;
            address = `${columnLetter(col)}${row}`;
          }
          keep = cellRow > 0 && col > 0 && wanted(cellRow, col);
          if (keep && address.charCodeAt(0) > 90) address = address.toUpperCase(); // "e6" is kept as E6
          type = a.t ?? 'n';
          style = a.s;
          value = '';
          formula = null;
          formulaShared = null;
          phonetic = 0;
          break;
        }
        case 'v':
          collecting = 'v';
          break;
        case 'f': {
          const a = tag.attributes;
          formula = '';
          if (a.t === 'shared' && a.si !== undefined) formulaShared = { si: a.si, master: a.ref !== undefined };
          collecting = 'f';
          break;
        }
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (phonetic === 0) collecting = 't';
          break;
        default:
          break;
      }
    },
    text(t) {
      if (collecting === 'f') formula += t;
      else if (collecting !== null && keep) value += t;
    },
    close(name) {
      switch (name) {
        case 'v':
        case 'f':
        case 't':
          collecting = null;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          finishCell();
          break;
        case 'sheetData':
          stop = true;
          break;
        default:
          break;
      }
    },
    // A formula is used in the end only by a kept cell, or as the master the cells sharing it are read from.
    textWanted: () => keep || formulaShared?.master === true,
    done: () => stop,
  };
  return { handlers, cells };
}

const SHEET_DATA_CLOSE = Buffer.from('</sheetData>');
const PREFIXED_SHEET_DATA_CLOSE = Buffer.from(':sheetData>');

/**
 * Just after the worksheet's </sheetData> (or </x:sheetData>): the cells end there, and what follows — data
 * validations, conditional formats, page setup, often a third of the part — is never read.
 */
function sheetDataEnd(xml: Buffer): number {
  const plain = xml.indexOf(SHEET_DATA_CLOSE);
  if (plain >= 0) return plain + SHEET_DATA_CLOSE.length;
  const prefixed = xml.lastIndexOf(PREFIXED_SHEET_DATA_CLOSE);
  return prefixed >= 0 ? prefixed + PREFIXED_SHEET_DATA_CLOSE.length : xml.length;
}

function cellValue(type: string, raw: string, sharedStrings: string[]): SheetCell['value'] {
  switch (type) {
    case 's': {
      const s = sharedStrings[Number(raw)];
      return s === undefined ? null : s;
    }
    case 'inlineStr':
      return decodeXString(raw);
    case 'str':
    case 'e':
      return raw === '' ? null : decodeXString(raw);
    case 'b':
      return raw === '1' || raw === 'true';
    case 'd':
      return raw === '' ? null : raw;
    default: {
      if (raw.trim() === '') return null;
      const n = Number(raw);
      return Number.isFinite(n) ? n : raw;
    }
  }
}

/**
 * The formula of a cell that shares its master's formula: relative references moved by the cell's offset from
 * the master (absolute "$" parts stay), string literals untouched. Only used to name the formula in a message.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  return formula.replace(
    /("(?:[^"]|"")*")|(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/g,
    (match, literal: string | undefined, colAbs: string, colLetters: string, rowAbs: string, rowDigits: string) => {
      if (literal) return literal;
      const { col } = decodeAddress(`${colLetters}1`);
      const newCol = colAbs ? col : col + dCol;
      const newRow = rowAbs ? Number(rowDigits) : Number(rowDigits) + dRow;
      if (newCol < 1 || newRow < 1) return match;
      return `${colAbs}${columnLetter(newCol)}${rowAbs}${newRow}`;
    },
  );
}
