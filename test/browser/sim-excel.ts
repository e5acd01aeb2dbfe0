/**
 * A simulated Excel host: a workbook kept as a grid of cells, and an Office.js-shaped proxy layer over it that
 * behaves like the real one where the add-in depends on it —
 *  - commands are queued and run only at `context.sync()`; every sync is counted;
 *  - a property read before it was loaded and synced throws (PropertyNotLoaded), as in Office.js;
 *  - *OrNullObject gives null objects, and everything reached from a null object is null too;
 *  - a protected sheet refuses writes to locked cells and format changes; protect() on a protected sheet throws;
 *  - typing goes through data validation (a Stop alert refuses it); pasting bypasses it, as in Excel;
 *  - text typed into a cell becomes a number, a percentage or a formula as Excel would read it.
 * Every queued command is recorded as a line in `log`, so tests can assert what the add-in asked of Excel.
 * The same file runs under Jest (the Office.js layer's tests) and in the browser (the pane's tests).
 */
import { evaluateFormula, type Scalar } from './sim-formula';

export type CellStyle = Partial<{
  bold: boolean; size: number; color: string; fill: string; name: string;
  horizontal: string; vertical: string; wrap: boolean;
}>;
export interface Border { style: string; color: string; weight: string }
export type Side = 'top' | 'bottom' | 'left' | 'right';

export interface SimCell {
  value: Scalar;
  formula: string | null;
  numberFormat: string;
  locked: boolean;
  style: CellStyle;
  borders: Partial<Record<Side, Border>>;
}

export interface SimValidation {
  range: string;
  rule?: Record<string, Record<string, unknown>>;
  prompt?: { showPrompt: boolean; title: string; message: string };
  errorAlert?: { showAlert: boolean; style: string; title: string; message: string };
  ignoreBlanks?: boolean;
}

export interface SimConditionalFormat {
  range: string;
  formula: string;
  fill?: string;
  fontColor?: string;
  priority: number;
  stopIfTrue: boolean;
}

export interface Box { r1: number; c1: number; r2: number; c2: number }

export class SimError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

/** "A1", "A1:N20", "C:C", "3:5" → a box. */
export function parseBox(address: string): Box {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [a, b = a] = local.replace(/\$/g, '').toUpperCase().split(':') as [string, string?];
  const end = b as string;
  const cell = /^([A-Z]+)(\d+)$/;
  const colOnly = /^([A-Z]+)$/;
  const rowOnly = /^(\d+)$/;
  if (cell.test(a) && cell.test(end)) {
    const [, ca, ra] = cell.exec(a)!;
    const [, cb, rb] = cell.exec(end)!;
    return norm({ r1: Number(ra), c1: colNumber(ca!), r2: Number(rb), c2: colNumber(cb!) });
  }
  if (colOnly.test(a) && colOnly.test(end)) return norm({ r1: 1, c1: colNumber(a), r2: MAX_ROW, c2: colNumber(end) });
  if (rowOnly.test(a) && rowOnly.test(end)) return norm({ r1: Number(a), c1: 1, r2: Number(end), c2: MAX_COL });
  throw new SimError('InvalidArgument', `bad address ${address}`);
}

function norm(b: Box): Box {
  return { r1: Math.min(b.r1, b.r2), c1: Math.min(b.c1, b.c2), r2: Math.max(b.r1, b.r2), c2: Math.max(b.c1, b.c2) };
}

export function boxAddress(b: Box): string {
  const tl = `${colLetters(b.c1)}${b.r1}`;
  const br = `${colLetters(b.c2)}${b.r2}`;
  return tl === br ? tl : `${tl}:${br}`;
}

const within = (b: Box, r: number, c: number) => r >= b.r1 && r <= b.r2 && c >= b.c1 && c <= b.c2;
const overlaps = (a: Box, b: Box) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;

function blankCell(): SimCell {
  return { value: '', formula: null, numberFormat: 'General', locked: true, style: {}, borders: {} };
}

export class SimSheet {
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  protected = false;
  protectionOptions: Record<string, unknown> = {};
  readonly cells = new Map<string, SimCell>();
  merges: string[] = [];
  validations: SimValidation[] = [];
  conditionalFormats: SimConditionalFormat[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly rowHeights = new Map<number, number>();
  freeze: string | null = null;
  pageLayout: Record<string, unknown> = {};

  constructor(public name: string) {}

  key(r: number, c: number): string {
    return `${r},${c}`;
  }

  get(r: number, c: number): SimCell | undefined {
    return this.cells.get(this.key(r, c));
  }

  ensure(r: number, c: number): SimCell {
    const k = this.key(r, c);
    let cell = this.cells.get(k);
    if (!cell) {
      cell = blankCell();
      this.cells.set(k, cell);
    }
    return cell;
  }

  /** The cell's locked state (a cell never touched is locked, Excel's default). */
  isLocked(r: number, c: number): boolean {
    return this.get(r, c)?.locked ?? true;
  }

  /** Bounding box of cells with a value or a format, as Excel's used range. */
  usedBox(valuesOnly = false): Box | null {
    let box: Box | null = null;
    for (const [k, cell] of this.cells) {
      const hasFormat = cell.numberFormat !== 'General' || !cell.locked || Object.keys(cell.style).length > 0 || Object.keys(cell.borders).length > 0;
      if (cell.value === '' && cell.formula === null && (valuesOnly || !hasFormat)) continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      box = box ? { r1: Math.min(box.r1, r), c1: Math.min(box.c1, c), r2: Math.max(box.r2, r), c2: Math.max(box.c2, c) } : { r1: r, c1: c, r2: r, c2: c };
    }
    return box;
  }

  /** The displayed value of a cell: formulas evaluated against the grid. */
  display(r: number, c: number, depth = 0): Scalar {
    const cell = this.get(r, c);
    if (!cell) return '';
    if (cell.formula === null) return cell.value;
    if (depth > 20) return '#REF!';
    return evaluateFormula(cell.formula.slice(1), (rr, cc) => this.display(rr, cc, depth + 1));
  }

  /** The fill and font colour a conditional format gives a cell, if any (first matching rule by priority). */
  conditionalStyle(r: number, c: number): { fill?: string; fontColor?: string } | null {
    const rules = this.conditionalFormats.filter((f) => within(parseBox(f.range), r, c)).sort((a, b) => a.priority - b.priority);
    for (const rule of rules) {
      const box = parseBox(rule.range);
      const result = evaluateFormula(rule.formula.replace(/^=/, ''), (rr, cc) => this.display(rr, cc), { rows: r - box.r1, cols: c - box.c1 });
      if (result === true || (typeof result === 'number' && result !== 0)) {
        return { ...(rule.fill ? { fill: rule.fill } : {}), ...(rule.fontColor ? { fontColor: rule.fontColor } : {}) };
      }
    }
    return null;
  }
}

export interface CustomXmlPart { id: string; namespace: string; xml: string }

/** Reads typed text as Excel does in a cell with the given number format. */
export function interpretTyped(text: string, numberFormat: string): { value: Scalar; formula: string | null; numberFormat: string } {
  if (text.startsWith("'")) return { value: text.slice(1), formula: null, numberFormat };
  if (numberFormat === '@') return { value: text, formula: null, numberFormat };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text, numberFormat };
  const trimmed = text.trim();
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(trimmed)) return { value: Number(trimmed.replace(/,/g, '')), formula: null, numberFormat };
  const pct = /^([+-]?\d+(\.\d+)?)%$/.exec(trimmed);
  if (pct) {
    const fmt = numberFormat.includes('%') ? numberFormat : numberFormat === 'General' ? '0%' : `${numberFormat}%`;
    return { value: Number(pct[1]) / 100, formula: null, numberFormat: fmt };
  }
  if (/^(TRUE|FALSE)$/i.test(trimmed)) return { value: trimmed.toUpperCase() === 'TRUE', formula: null, numberFormat };
  // A typed date becomes Excel's serial day number, shown in a date format (the cell's own, else ISO).
  const serial = dateSerial(trimmed);
  if (serial !== null) return { value: serial, formula: null, numberFormat: /[yd]/i.test(numberFormat) ? numberFormat : 'yyyy-mm-dd' };
  return { value: text, formula: null, numberFormat };
}

/** "2026-01-15" or "2026/1/15" → Excel's serial day number (day 0 = 1899-12-30); anything else → null. */
export function dateSerial(text: string): number | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return null;
  return Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** A serial day number as YYYY-MM-DD. */
export function serialDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

export type EditOutcome = 'ok' | 'protected' | 'invalid';

export class SimWorkbook {
  sheets: SimSheet[] = [new SimSheet('Sheet1')];
  customXmlParts: CustomXmlPart[] = [];
  activeSheet = 'Sheet1';
  selection: { sheet: string; address: string } | null = null;
  /** Every command the add-in queued, in order, one line each. */
  readonly log: string[] = [];
  syncCount = 0;
  private partSeq = 0;
  /** Called after every sync and every edit (the browser host re-renders the grid). */
  onChange: (() => void) | null = null;

  sheet(name: string): SimSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  context(): SimContext {
    return new SimContext(this);
  }

  nextPartId(): string {
    this.partSeq += 1;
    return `{${String(this.partSeq).padStart(8, '0')}-0000-4000-8000-000000000000}`;
  }

  /** The official types into a cell: protection and data validation apply (Excel's Stop alert refuses). */
  type(sheetName: string, address: string, text: string): EditOutcome {
    return this.edit(sheetName, address, text, true);
  }

  /** The official pastes text into a cell: protection applies, data validation does not (as in Excel). */
  paste(sheetName: string, address: string, text: string): EditOutcome {
    return this.edit(sheetName, address, text, false);
  }

  private edit(sheetName: string, address: string, text: string, validate: boolean): EditOutcome {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new SimError('ItemNotFound', sheetName);
    const { r1: r, c1: c } = parseBox(address);
    if (sheet.protected && sheet.isLocked(r, c)) return 'protected';
    const cell = sheet.ensure(r, c);
    const typed = interpretTyped(text, cell.numberFormat);
    if (validate && text !== '' && !passesValidation(sheet, r, c, typed.value)) return 'invalid';
    cell.value = typed.value;
    cell.formula = typed.formula;
    cell.numberFormat = typed.numberFormat;
    this.onChange?.();
    return 'ok';
  }

  /** A plain picture of the workbook for the simulated "save" (getFileAsync) on the Node side. */
  toJSON(): SavedWorkbook {
    return {
      sheets: this.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        protected: s.protected,
        cells: [...s.cells.entries()].map(([k, cell]) => {
          const [row, col] = k.split(',').map(Number) as [number, number];
          return { row, col, value: cell.value, formula: cell.formula, numberFormat: cell.numberFormat, locked: cell.locked };
        }),
        merges: s.merges,
        validations: s.validations,
        columnWidths: [...s.columnWidths.entries()],
        hiddenColumns: [...s.hiddenColumns],
      })),
      customXmlParts: this.customXmlParts,
    };
  }
}

export interface SavedWorkbook {
  sheets: {
    name: string; visibility: string; protected: boolean;
    cells: { row: number; col: number; value: Scalar; formula: string | null; numberFormat: string; locked: boolean }[];
    merges: string[]; validations: SimValidation[]; columnWidths: [number, number][]; hiddenColumns: number[];
  }[];
  customXmlParts: CustomXmlPart[];
}

function passesValidation(sheet: SimSheet, r: number, c: number, value: Scalar): boolean {
  const v = sheet.validations.find((x) => within(parseBox(x.range), r, c));
  if (!v?.rule || v.errorAlert?.showAlert === false) return true;
  const [kind, rule] = Object.entries(v.rule)[0] as [string, Record<string, unknown>];
  if (kind === 'list') return String(rule.source ?? '').split(',').includes(String(value));
  const measure = kind === 'textLength' ? String(value).length : value;
  if (typeof measure !== 'number') return false;
  if (kind === 'wholeNumber' && !Number.isInteger(measure)) return false;
  // A date rule's bounds may be ISO dates (as Office.js accepts them): compare serial day numbers.
  const bound = (f: unknown) => (kind === 'date' && typeof f === 'string' ? dateSerial(f) ?? Number(f) : Number(f));
  const f1 = bound(rule.formula1);
  const f2 = bound(rule.formula2);
  switch (rule.operator) {
    case 'Between': return measure >= f1 && measure <= f2;
    case 'GreaterThanOrEqualTo': return measure >= f1;
    case 'LessThanOrEqualTo': return measure <= f1;
    default: return true;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The Office.js-shaped proxy layer.

type Queued = { line: string; run: () => void };

export class SimContext {
  readonly workbook: SimWorkbookProxy;
  private queue: Queued[] = [];
  private readonly afterSync: (() => void)[] = [];
  /** Proxies created since the last sync: isNullObject may be read only after a sync. */
  readonly pendingProxies = new Set<BaseProxy>();

  constructor(readonly book: SimWorkbook) {
    this.workbook = new SimWorkbookProxy(this);
  }

  enqueue(line: string, run: () => void): void {
    this.book.log.push(line);
    this.queue.push({ line, run });
  }

  onSynced(fn: () => void): void {
    this.afterSync.push(fn);
  }

  async sync(): Promise<void> {
    this.book.syncCount += 1;
    const queue = this.queue;
    this.queue = [];
    const pending = [...this.pendingProxies];
    this.pendingProxies.clear();
    try {
      for (const q of queue) q.run();
    } finally {
      for (const p of pending) p.markSynced();
      this.book.onChange?.();
    }
    // Office.js answers asynchronously: a microtask gap keeps callers honest about awaiting.
    await Promise.resolve();
  }
}

abstract class BaseProxy {
  private synced = false;
  protected readonly loaded = new Map<string, unknown>();

  constructor(readonly context: SimContext, readonly path: string) {
    context.pendingProxies.add(this);
  }

  markSynced(): void {
    this.synced = true;
  }

  /** True when the object this proxy stands for does not exist (after a sync). */
  get isNullObject(): boolean {
    if (!this.synced) throw new SimError('PropertyNotLoaded', `${this.path}.isNullObject read before context.sync()`);
    return this.resolveOrNull() === null;
  }

  abstract resolveOrNull(): unknown;

  protected readLoaded<T>(name: string): T {
    if (!this.loaded.has(name)) throw new SimError('PropertyNotLoaded', `${this.path}.${name} was not loaded`);
    return this.loaded.get(name) as T;
  }

  /** Queues a load of the listed properties; `read` fetches each at sync time. */
  protected queueLoad(spec: string | string[] | undefined, read: (name: string) => unknown): void {
    const names = (Array.isArray(spec) ? spec : (spec ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
    this.context.enqueue(`${this.path}.load(${names.join(',')})`, () => {
      for (const name of names) this.loaded.set(name, read(name));
    });
  }
}

class SimWorkbookProxy {
  readonly worksheets: SheetsProxy;
  readonly customXmlParts: PartsProxy;
  constructor(readonly context: SimContext) {
    this.worksheets = new SheetsProxy(context);
    this.customXmlParts = new PartsProxy(context);
  }
}

class SheetsProxy {
  constructor(private readonly context: SimContext) {}
  private get book() {
    return this.context.book;
  }

  getItem(name: string): SheetProxy {
    return new SheetProxy(this.context, `worksheets.getItem(${name})`, () => {
      const s = this.book.sheet(name);
      if (!s) throw new SimError('ItemNotFound', `worksheet ${name}`);
      return s;
    });
  }

  getItemOrNullObject(name: string): SheetProxy {
    return new SheetProxy(this.context, `worksheets.getItemOrNullObject(${name})`, () => this.book.sheet(name) ?? null);
  }

  add(name: string): SheetProxy {
    let created: SimSheet | null = null;
    this.context.enqueue(`worksheets.add(${name})`, () => {
      if (this.book.sheet(name)) throw new SimError('ItemAlreadyExists', `worksheet ${name}`);
      created = new SimSheet(name);
      this.book.sheets.push(created);
    });
    return new SheetProxy(this.context, `worksheets.add(${name})`, () => created);
  }
}

class SheetProxy extends BaseProxy {
  readonly protection: ProtectionProxy;
  readonly freezePanes: FreezeProxy;
  readonly pageLayout: PageLayoutProxy;

  constructor(context: SimContext, path: string, readonly resolve: () => SimSheet | null) {
    super(context, path);
    this.protection = new ProtectionProxy(context, `${path}.protection`, resolve);
    this.freezePanes = new FreezeProxy(context, `${path}.freezePanes`, resolve);
    this.pageLayout = new PageLayoutProxy(context, `${path}.pageLayout`, resolve);
  }

  resolveOrNull(): SimSheet | null {
    return this.resolve();
  }

  private mutate(line: string, fn: (s: SimSheet) => void): void {
    this.context.enqueue(`${this.path}.${line}`, () => {
      const s = this.resolve();
      if (s) fn(s);
    });
  }

  set position(value: number) {
    this.mutate(`position=${value}`, (s) => {
      const book = this.context.book;
      book.sheets = book.sheets.filter((x) => x !== s);
      book.sheets.splice(value, 0, s);
    });
  }

  set visibility(value: SimSheet['visibility']) {
    this.mutate(`visibility=${value}`, (s) => {
      if (value !== 'Visible' && this.context.book.activeSheet === s.name) {
        throw new SimError('InvalidOperation', 'cannot hide the active sheet');
      }
      s.visibility = value;
    });
  }

  get name(): string {
    return this.readLoaded('name');
  }

  load(spec?: string): this {
    this.queueLoad(spec, (n) => (this.resolve() as unknown as Record<string, unknown> | null)?.[n] ?? null);
    return this;
  }

  activate(): void {
    this.mutate('activate()', (s) => {
      if (s.visibility !== 'Visible') throw new SimError('InvalidOperation', 'cannot activate a hidden sheet');
      this.context.book.activeSheet = s.name;
    });
  }

  delete(): void {
    this.mutate('delete()', (s) => {
      this.context.book.sheets = this.context.book.sheets.filter((x) => x !== s);
    });
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getRange(${address ?? ''})`, () => {
      const s = this.resolve();
      return s ? { sheet: s, box: address ? parseBox(address) : { r1: 1, c1: 1, r2: MAX_ROW, c2: MAX_COL } } : null;
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getUsedRangeOrNullObject()`, () => {
      const s = this.resolve();
      const box = s?.usedBox(valuesOnly);
      return s && box ? { sheet: s, box } : null;
    });
  }
}

class ProtectionProxy extends BaseProxy {
  constructor(context: SimContext, path: string, private readonly sheet: () => SimSheet | null) {
    super(context, path);
  }
  resolveOrNull() {
    return this.sheet();
  }
  get protected(): boolean {
    return this.readLoaded('protected');
  }
  load(spec?: string): this {
    this.queueLoad(spec, (n) => (n === 'protected' ? this.sheet()?.protected ?? null : null));
    return this;
  }
  protect(options: Record<string, unknown> = {}, password?: string): void {
    this.context.enqueue(`${this.path}.protect(${JSON.stringify(options)}${password ? ',password' : ''})`, () => {
      const s = this.sheet();
      if (!s) return;
      if (s.protected) throw new SimError('InvalidOperation', `worksheet ${s.name} is already protected`);
      s.protected = true;
      s.protectionOptions = options;
    });
  }
  unprotect(): void {
    this.context.enqueue(`${this.path}.unprotect()`, () => {
      const s = this.sheet();
      if (s) s.protected = false;
    });
  }
}

class FreezeProxy {
  constructor(private readonly context: SimContext, private readonly path: string, private readonly sheet: () => SimSheet | null) {}
  freezeAt(range: string): void {
    this.context.enqueue(`${this.path}.freezeAt(${range})`, () => {
      const s = this.sheet();
      if (s) s.freeze = range;
    });
  }
  unfreeze(): void {
    this.context.enqueue(`${this.path}.unfreeze()`, () => {
      const s = this.sheet();
      if (s) s.freeze = null;
    });
  }
}

class PageLayoutProxy {
  constructor(context: SimContext, path: string, sheet: () => SimSheet | null) {
    const set = (key: string) => (value: unknown) => context.enqueue(`${path}.${key}=${JSON.stringify(value)}`, () => {
      const s = sheet();
      if (s) s.pageLayout[key] = value;
    });
    for (const key of ['orientation', 'paperSize', 'zoom', 'centerHorizontally']) {
      Object.defineProperty(this, key, { set: set(key), enumerable: true });
    }
    for (const method of ['setPrintArea', 'setPrintTitleRows']) {
      Object.defineProperty(this, method, { value: set(method) });
    }
  }
}

interface Target { sheet: SimSheet; box: Box }

class RangeProxy extends BaseProxy {
  readonly format: FormatProxy;
  readonly dataValidation: ValidationProxy;
  readonly conditionalFormats: ConditionalFormatsProxy;

  constructor(context: SimContext, path: string, readonly resolve: () => Target | null) {
    super(context, path);
    this.format = new FormatProxy(this);
    this.dataValidation = new ValidationProxy(this);
    this.conditionalFormats = new ConditionalFormatsProxy(this);
  }

  resolveOrNull(): Target | null {
    return this.resolve();
  }

  /** Runs `fn` on the target at sync time; on a protected sheet only unlocked cells' contents may change. */
  act(line: string, fn: (t: Target) => void, kind: 'contents' | 'format' | 'other' = 'other'): void {
    this.context.enqueue(`${this.path}.${line}`, () => {
      const t = this.resolve();
      if (!t) return;
      if (t.sheet.protected && kind !== 'other') {
        const allowed = kind === 'contents' && everyCell(t.box, (r, c) => !t.sheet.isLocked(r, c));
        if (!allowed) throw new SimError('AccessDenied', `${t.sheet.name}!${boxAddress(t.box)} is on a protected sheet`);
      }
      fn(t);
    });
  }

  private write2d(name: 'values' | 'formulas' | 'numberFormat', grid: unknown[][]): void {
    this.act(`${name}=${JSON.stringify(grid).slice(0, 120)}`, ({ sheet, box }) => {
      const rows = box.r2 - box.r1 + 1;
      const cols = box.c2 - box.c1 + 1;
      if (grid.length !== rows || grid.some((line) => line.length !== cols)) {
        throw new SimError('InvalidArgument', `${name}: ${grid.length}x${grid[0]?.length} given for ${rows}x${cols} cells`);
      }
      grid.forEach((line, i) => line.forEach((v, j) => {
        const cell = sheet.ensure(box.r1 + i, box.c1 + j);
        if (name === 'numberFormat') {
          cell.numberFormat = String(v);
          return;
        }
        if (typeof v === 'string') {
          const typed = interpretTyped(v, cell.numberFormat);
          cell.value = typed.value;
          cell.formula = typed.formula;
          cell.numberFormat = typed.numberFormat;
        } else {
          cell.value = v === null || v === undefined ? '' : (v as Scalar);
          cell.formula = null;
        }
      }));
    }, name === 'numberFormat' ? 'format' : 'contents');
  }

  set values(grid: unknown[][]) {
    this.write2d('values', grid);
  }
  get values(): unknown[][] {
    return this.readLoaded('values');
  }
  set formulas(grid: unknown[][]) {
    this.write2d('formulas', grid);
  }
  get formulas(): unknown[][] {
    return this.readLoaded('formulas');
  }
  set numberFormat(grid: unknown[][]) {
    this.write2d('numberFormat', grid);
  }
  get numberFormat(): unknown[][] {
    return this.readLoaded('numberFormat');
  }
  get address(): string {
    return this.readLoaded('address');
  }
  set columnHidden(hidden: boolean) {
    this.act(`columnHidden=${hidden}`, ({ sheet, box }) => {
      for (let c = box.c1; c <= Math.min(box.c2, 200); c++) {
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      }
    }, 'format');
  }

  load(spec?: string): this {
    this.queueLoad(spec, (name) => {
      const t = this.resolve();
      if (!t) return null;
      const { sheet, box } = t;
      const grid = (f: (cell: SimCell | undefined, r: number, c: number) => unknown) =>
        Array.from({ length: box.r2 - box.r1 + 1 }, (_, i) => Array.from({ length: box.c2 - box.c1 + 1 }, (_, j) => f(sheet.get(box.r1 + i, box.c1 + j), box.r1 + i, box.c1 + j)));
      switch (name) {
        case 'values': return grid((cell, r, c) => (cell ? sheet.display(r, c) : ''));
        case 'formulas': return grid((cell) => (cell ? cell.formula ?? cell.value : ''));
        case 'numberFormat': return grid((cell) => cell?.numberFormat ?? 'General');
        case 'address': return `${/[^A-Za-z0-9_]/.test(sheet.name) ? `'${sheet.name}'` : sheet.name}!${boxAddress(box)}`;
        case 'rowCount': return box.r2 - box.r1 + 1;
        case 'columnCount': return box.c2 - box.c1 + 1;
        default: throw new SimError('InvalidArgument', `range property ${name} is not simulated`);
      }
    });
    return this;
  }

  merge(across = false): void {
    this.act(`merge(${across})`, ({ sheet, box }) => {
      const address = boxAddress(box);
      if (sheet.merges.some((m) => overlaps(parseBox(m), box))) throw new SimError('InvalidOperation', `merge overlaps at ${address}`);
      sheet.merges.push(address);
    }, 'format');
  }

  unmerge(): void {
    this.act('unmerge()', ({ sheet, box }) => {
      sheet.merges = sheet.merges.filter((m) => !overlaps(parseBox(m), box));
    }, 'format');
  }

  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.act(`clear(${applyTo})`, ({ sheet, box }) => {
      for (const [k, cell] of [...sheet.cells]) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        if (!within(box, r, c)) continue;
        if (applyTo === 'All') sheet.cells.delete(k);
        else if (applyTo === 'Contents') {
          cell.value = '';
          cell.formula = null;
        } else {
          Object.assign(cell, { numberFormat: 'General', locked: true, style: {}, borders: {} });
        }
      }
    }, applyTo === 'Contents' ? 'contents' : 'format');
  }

  select(): void {
    this.act('select()', ({ sheet, box }) => {
      if (this.context.book.activeSheet !== sheet.name) throw new SimError('InvalidOperation', 'select() on a sheet that is not active');
      this.context.book.selection = { sheet: sheet.name, address: boxAddress(box) };
    });
  }
}

function everyCell(box: Box, test: (r: number, c: number) => boolean): boolean {
  for (let r = box.r1; r <= box.r2; r++) for (let c = box.c1; c <= box.c2; c++) if (!test(r, c)) return false;
  return true;
}

function eachCell(t: Target, fn: (cell: SimCell, r: number, c: number) => void): void {
  const { sheet, box } = t;
  // Whole columns or rows: formats are applied to the cells in use only (enough for a simulation).
  const unbounded = box.r2 === MAX_ROW || box.c2 === MAX_COL;
  const used = unbounded ? sheet.usedBox() : null;
  const r2 = box.r2 === MAX_ROW ? Math.max(box.r1, used?.r2 ?? box.r1) : box.r2;
  const c2 = box.c2 === MAX_COL ? Math.max(box.c1, used?.c2 ?? box.c1) : box.c2;
  for (let r = box.r1; r <= r2; r++) for (let c = box.c1; c <= c2; c++) fn(sheet.ensure(r, c), r, c);
}

class FormatProxy {
  readonly font: Record<string, unknown>;
  readonly fill: Record<string, unknown>;
  readonly protection: Record<string, unknown>;
  readonly borders: { getItem(edge: string): Record<string, unknown> };

  constructor(private readonly range: RangeProxy) {
    const styleSetter = (key: keyof CellStyle, prefix: string) => (value: unknown) =>
      range.act(`format.${prefix}=${JSON.stringify(value)}`, (t) => eachCell(t, (cell) => {
        (cell.style as Record<string, unknown>)[key] = typeof value === 'string' ? value.replace(/^#/, '').toUpperCase() : value;
      }), 'format');
    this.font = defineSetters({
      bold: styleSetter('bold', 'font.bold'), size: styleSetter('size', 'font.size'),
      color: styleSetter('color', 'font.color'), name: styleSetter('name', 'font.name'),
    });
    this.fill = defineSetters({ color: styleSetter('fill', 'fill.color') });
    this.protection = defineSetters({
      locked: (value: unknown) => range.act(`format.protection.locked=${value}`, (t) => eachCell(t, (cell) => { cell.locked = Boolean(value); }), 'format'),
    });
    this.borders = {
      getItem: (edge: string) => {
        const border: Partial<Border> = {};
        const apply = (prop: keyof Border) => (value: unknown) => {
          border[prop] = prop === 'color' ? String(value).replace(/^#/, '').toUpperCase() : String(value);
          range.act(`format.borders.${edge}.${prop}=${JSON.stringify(value)}`, (t) => eachCell(t, (cell, r, c) => {
            for (const side of sidesOf(edge, t.box, r, c)) cell.borders[side] = { style: 'Continuous', color: '000000', weight: 'Thin', ...cell.borders[side], [prop]: border[prop] };
          }), 'format');
        };
        return defineSetters({ style: apply('style'), color: apply('color'), weight: apply('weight') });
      },
    };
    Object.defineProperties(this, {
      horizontalAlignment: { set: styleSetter('horizontal', 'horizontalAlignment') },
      verticalAlignment: { set: styleSetter('vertical', 'verticalAlignment') },
      wrapText: { set: styleSetter('wrap', 'wrapText') },
      columnWidth: {
        set: (value: number) => range.act(`format.columnWidth=${value}`, ({ sheet, box }) => {
          for (let c = box.c1; c <= Math.min(box.c2, 200); c++) sheet.columnWidths.set(c, value);
        }, 'format'),
      },
      rowHeight: {
        set: (value: number) => range.act(`format.rowHeight=${value}`, ({ sheet, box }) => {
          for (let r = box.r1; r <= Math.min(box.r2, 2000); r++) sheet.rowHeights.set(r, value);
        }, 'format'),
      },
    });
  }

  autofitRows(): void {
    this.range.act('format.autofitRows()', () => undefined, 'format');
  }
}

function defineSetters(setters: Record<string, (value: never) => void>): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const [key, set] of Object.entries(setters)) Object.defineProperty(target, key, { set, enumerable: true });
  return target;
}

function sidesOf(edge: string, box: Box, r: number, c: number): Side[] {
  switch (edge) {
    case 'EdgeTop': return r === box.r1 ? ['top'] : [];
    case 'EdgeBottom': return r === Math.min(box.r2, r) && r === box.r2 ? ['bottom'] : [];
    case 'EdgeLeft': return c === box.c1 ? ['left'] : [];
    case 'EdgeRight': return c === box.c2 ? ['right'] : [];
    case 'InsideHorizontal': return [...(r > box.r1 ? ['top' as const] : []), ...(r < box.r2 ? ['bottom' as const] : [])];
    case 'InsideVertical': return [...(c > box.c1 ? ['left' as const] : []), ...(c < box.c2 ? ['right' as const] : [])];
    default: throw new SimError('InvalidArgument', `border ${edge}`);
  }
}

class ValidationProxy {
  constructor(private readonly range: RangeProxy) {
    const set = (key: keyof SimValidation) => (value: unknown) =>
      range.act(`dataValidation.${key}=${JSON.stringify(value)}`, ({ sheet, box }) => {
        const address = boxAddress(box);
        let v = sheet.validations.find((x) => x.range === address);
        if (!v) {
          if (sheet.validations.some((x) => overlaps(parseBox(x.range), box))) {
            throw new SimError('InvalidOperation', `data validation overlaps at ${address}`);
          }
          v = { range: address };
          sheet.validations.push(v);
        }
        (v as unknown as Record<string, unknown>)[key] = value;
      }, 'format');
    Object.defineProperties(this, {
      rule: { set: set('rule') }, prompt: { set: set('prompt') }, errorAlert: { set: set('errorAlert') }, ignoreBlanks: { set: set('ignoreBlanks') },
    });
  }

  clear(): void {
    this.range.act('dataValidation.clear()', ({ sheet, box }) => {
      sheet.validations = sheet.validations.filter((v) => !overlaps(parseBox(v.range), box));
    }, 'format');
  }
}

class ConditionalFormatsProxy {
  constructor(private readonly range: RangeProxy) {}

  add(type: string): { custom: { rule: Record<string, unknown>; format: { fill: Record<string, unknown>; font: Record<string, unknown> } }; priority: number; stopIfTrue: boolean } {
    if (type !== 'Custom') throw new SimError('InvalidArgument', `conditional format ${type} is not simulated`);
    let cf: SimConditionalFormat | null = null;
    this.range.act('conditionalFormats.add(Custom)', ({ sheet, box }) => {
      cf = { range: boxAddress(box), formula: '', priority: 0, stopIfTrue: false };
      // A new rule goes on top, as in Excel.
      for (const other of sheet.conditionalFormats) other.priority += 1;
      sheet.conditionalFormats.push(cf);
    }, 'format');
    const set = (line: string, fn: (f: SimConditionalFormat, v: unknown) => void) => (value: unknown) =>
      this.range.act(`conditionalFormat.${line}=${JSON.stringify(value)}`, () => { if (cf) fn(cf, value); }, 'format');
    const colour = (v: unknown) => String(v).replace(/^#/, '').toUpperCase();
    const proxy = {
      custom: {
        rule: defineSetters({ formula: set('custom.rule.formula', (f, v) => { f.formula = String(v); }) }),
        format: {
          fill: defineSetters({ color: set('custom.format.fill.color', (f, v) => { f.fill = colour(v); }) }),
          font: defineSetters({ color: set('custom.format.font.color', (f, v) => { f.fontColor = colour(v); }) }),
        },
      },
    };
    Object.defineProperties(proxy, {
      priority: {
        set: set('priority', (f, v) => {
          const sheet = this.range.resolve()?.sheet;
          if (!sheet) return;
          // Setting a priority moves the rule there and shifts the others, as Excel does.
          const others = sheet.conditionalFormats.filter((x) => x !== f).sort((a, b) => a.priority - b.priority);
          others.splice(Math.min(Number(v), others.length), 0, f);
          others.forEach((x, i) => { x.priority = i; });
        }),
      },
      stopIfTrue: { set: set('stopIfTrue', (f, v) => { f.stopIfTrue = Boolean(v); }) },
    });
    return proxy as never;
  }

  clearAll(): void {
    this.range.act('conditionalFormats.clearAll()', ({ sheet, box }) => {
      sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !overlaps(parseBox(f.range), box));
    }, 'format');
  }
}

class PartsProxy {
  constructor(private readonly context: SimContext) {}

  add(xml: string): PartProxy {
    let id: string | null = null;
    this.context.enqueue(`customXmlParts.add(${xml.length} chars)`, () => {
      const namespace = /<[^?!][^>]*?\sxmlns="([^"]+)"/.exec(xml)?.[1] ?? '';
      id = this.context.book.nextPartId();
      this.context.book.customXmlParts.push({ id, namespace, xml });
    });
    return new PartProxy(this.context, 'customXmlParts.add()', () => this.context.book.customXmlParts.find((p) => p.id === id) ?? null);
  }

  getItem(id: string): PartProxy {
    return new PartProxy(this.context, `customXmlParts.getItem(${id})`, () => {
      const part = this.context.book.customXmlParts.find((p) => p.id === id);
      if (!part) throw new SimError('ItemNotFound', `custom XML part ${id}`);
      return part;
    });
  }

  getByNamespace(namespace: string): PartsByNamespaceProxy {
    return new PartsByNamespaceProxy(this.context, `customXmlParts.getByNamespace(${namespace})`, () =>
      this.context.book.customXmlParts.filter((p) => p.namespace === namespace));
  }
}

class PartsByNamespaceProxy extends BaseProxy {
  constructor(context: SimContext, path: string, private readonly parts: () => CustomXmlPart[]) {
    super(context, path);
  }
  resolveOrNull() {
    return this.parts();
  }
  get items(): { id: string }[] {
    return this.readLoaded('items');
  }
  load(spec?: string): this {
    this.context.enqueue(`${this.path}.load(${spec ?? ''})`, () => {
      if (spec !== 'items/id' && spec !== 'items') throw new SimError('InvalidArgument', `load ${spec} is not simulated`);
      this.loaded.set('items', this.parts().map((p) => ({ id: p.id })));
    });
    return this;
  }
  getOnlyItemOrNullObject(): PartProxy {
    return new PartProxy(this.context, `${this.path}.getOnlyItemOrNullObject()`, () => {
      const parts = this.parts();
      return parts.length === 1 ? parts[0]! : null;
    });
  }
}

class PartProxy extends BaseProxy {
  constructor(context: SimContext, path: string, private readonly part: () => CustomXmlPart | null) {
    super(context, path);
  }
  resolveOrNull() {
    return this.part();
  }
  getXml(): { value: string | null } {
    const result: { value: string | null; ready: boolean } = { value: null, ready: false };
    this.context.enqueue(`${this.path}.getXml()`, () => {
      result.value = this.part()?.xml ?? null;
      result.ready = true;
    });
    return {
      get value(): string | null {
        if (!result.ready) throw new SimError('PropertyNotLoaded', 'ClientResult.value read before context.sync()');
        return result.value;
      },
    };
  }
  delete(): void {
    this.context.enqueue(`${this.path}.delete()`, () => {
      const part = this.part();
      if (part) this.context.book.customXmlParts = this.context.book.customXmlParts.filter((p) => p !== part);
    });
  }
}
