/**
 * Reads a filled indicator template back — the intake's hot path. The workbook's metadata sheet names the plan,
 * unit and month; the layout is rebuilt from the catalog (never from the sheet), and only the layout's input cells
 * are read. Targets, expectations and computed cells in the sheet are ignored: a target typed over in the sheet
 * changes nothing.
 *
 * Not exceljs: its reader is several times slower on this path, and its streaming reader corrupts Chinese text
 * (see LIBRARY-NOTES). A defensive unzip (zip.ts), saxes over the package parts and styles (parsed once per template),
 * and a scan of the cells and shared strings (sheet-scan.ts) instead.
 */
import { createHash } from 'node:crypto';
import { quoteZh } from '../../core/text';
import {
  DATA_SHEET, LAYOUT_REVISION, META_SHEET, TEMPLATE_ID, buildLayout, columnIndex, address as cellAddress, layoutShape,
  type TemplateLayout, type TemplateMeta,
} from '../../core/layout';
import { monthLabelEn, monthLabelZh } from '../../core/month';
import type { ReceiptIssue } from '../../core/receipt';
import { MonthSchema, type Evaluation, type Indicator, type Plan, type Submission, type Unit } from '../../core/schema';
import { indicatorsByCode, positionOf, validateInputs, type EntryIssue, type RawCell, type ValidatedLayout, type ValidationResult } from '../../core/validate';
import {
  officeDocumentPath, readCellFormats, readRelationships, readSharedStrings, readSheetCells, readSheets, relOfType,
  relsPathOf, type Relationship, type SheetCell, type SheetRef,
} from './ooxml';
import { ZipRefusal, corrupt, openZip, type ZipArchive, type ZipLimits } from './zip';

export type RefusalReason =
  | 'corrupt' | 'too_large' | 'not_template' | 'wrong_version' | 'unknown_plan'
  | 'unknown_unit' | 'wrong_unit' | 'wrong_month' | 'invalid';

export type TemplateReadResult =
  | { ok: true; meta: TemplateMeta; plan: Plan; unit: Unit; submission: Submission; evaluations: Evaluation[];
      /** Warnings only (an error refuses the workbook). */
      issues: EntryIssue[] }
  | { ok: false; reason: RefusalReason; issues: ReceiptIssue[] };

export interface ReadOptions {
  plans: Plan[];
  units: Unit[];
  /** What the uploader is entitled to send: a unit's token names its unit; the intake may expect a month. */
  expect?: { unitCode?: string; month?: string };
  limits?: ZipLimits;
}

/** Everything found in a workbook, errors included — for `check`, which shows the entries beside the errors. */
export type TemplateInspection =
  | { ok: true; meta: TemplateMeta; plan: Plan; unit: Unit; validation: ValidationResult; fileHash: string }
  | { ok: false; reason: RefusalReason; issues: ReceiptIssue[]; meta?: TemplateMeta };

/** The hex sha256 of an upload's bytes: its identity in the store (identical bytes are one submission). */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readTemplate(bytes: Buffer, opts: ReadOptions): Promise<TemplateReadResult> {
  const found = await inspectTemplate(bytes, opts);
  if (!found.ok) return { ok: false, reason: found.reason, issues: found.issues };
  const { meta, plan, unit, validation, fileHash } = found;
  const errors = validation.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return { ok: false, reason: 'invalid', issues: validation.issues.map(toReceiptIssue) };
  const submission: Submission = {
    planId: plan.id, unitCode: unit.code, month: meta.month, templateId: meta.templateId,
    templateVersion: meta.templateVersion, entries: validation.entries, fileHash,
  };
  return { ok: true, meta, plan, unit, submission, evaluations: validation.evaluations, issues: validation.issues };
}

export function toReceiptIssue(issue: EntryIssue): ReceiptIssue {
  return { severity: issue.severity, cell: issue.cell, code: issue.code, zh: issue.zh, en: issue.en };
}

class Refusal extends Error {
  constructor(readonly reason: RefusalReason, readonly zh: string, readonly en: string, readonly cell: string | null = null,
              readonly meta?: TemplateMeta) {
    super(en);
  }
}

export async function inspectTemplate(bytes: Buffer, opts: ReadOptions): Promise<TemplateInspection> {
  let zip: ZipArchive | null = null;
  try {
    zip = await openZip(bytes, opts.limits);
    return await inspectArchive(zip, bytes, opts);
  } catch (err) {
    if (err instanceof Refusal) {
      return { ok: false, reason: err.reason, issues: [refusalIssue(err.reason, err.zh, err.en, err.cell)], ...(err.meta ? { meta: err.meta } : {}) };
    }
    const refusal = err instanceof ZipRefusal ? err : corrupt(err instanceof Error ? err.message : String(err));
    return { ok: false, reason: refusal.reason, issues: [refusalIssue(refusal.reason, refusal.zh, refusal.en, null)] };
  } finally {
    zip?.close();
  }
}

function refusalIssue(reason: RefusalReason, zh: string, en: string, cell: string | null): ReceiptIssue {
  return { severity: 'error', cell, code: reason, zh, en };
}

const NOT_TEMPLATE_ZH = '不是 Plan Monitor 指标模板：请使用 Plan Monitor 生成（或加载项插入）的模板填报，不要另建工作簿或复制粘贴到新文件';
const NOT_TEMPLATE_EN = 'Not a Plan Monitor indicator template: fill in the template Plan Monitor generated (or the add-in inserted), not a new or copied workbook';

async function inspectArchive(zip: ZipArchive, bytes: Buffer, opts: ReadOptions): Promise<TemplateInspection> {
  // The package structure and the styles are the same in every workbook made from one template: parsed once, then
  // reused for every part whose stored bytes are identical (see PartCache).
  const workbookPath = await parts.documentPath.get(zip, [relsPathOf('')], () => officeDocumentPath(zip));
  if (!workbookPath || !zip.has(workbookPath)) throw corrupt('no workbook part');
  const rels = await parts.relationships.get(zip, [relsPathOf(workbookPath)], () => readRelationships(zip, workbookPath));
  const sheets = await parts.sheets.get(zip, [workbookPath, relsPathOf(workbookPath)], () => readSheets(zip, workbookPath, rels));
  if (sheets.length === 0) throw corrupt('no sheets');

  const metaSheet = sheets.find((s) => s.name === META_SHEET);
  if (!metaSheet?.path || !zip.has(metaSheet.path)) throw new Refusal('not_template', NOT_TEMPLATE_ZH, NOT_TEMPLATE_EN);
  // Not cached like the parts above: the shared strings hold the title line, which names the unit and month, so no
  // two units' workbooks share them (measured: 3,000 distinct of 3,000 in the benchmark).
  const sharedStrings = await readSharedStrings(zip, relOfType(rels, 'sharedStrings')?.path);
  const meta = parseMeta(await readSheetCells(zip, metaSheet.path, sharedStrings, (_row, col) => col <= 2, 50));

  const { plan, unit } = resolveCatalog(meta, opts);
  const { layout, wanted, anchors } = layoutFor(plan, unit, meta);

  const dataSheet = findDataSheet(sheets, layout);
  const stylesPath = relOfType(rels, 'styles')?.path;
  const [formats, cells] = await Promise.all([
    stylesPath ? parts.formats.get(zip, [stylesPath], () => readCellFormats(zip, stylesPath)) : [],
    readSheetCells(zip, dataSheet, sharedStrings, wanted, layout.lastRow),
  ]);
  checkRowsInPlace(anchors, cells, meta);

  const raw: Record<string, RawCell> = {};
  for (const input of layout.inputs) {
    const cell = cells.get(input.address);
    if (cell) raw[input.address] = { value: cell.value, numFmt: formats[cell.style] };
  }
  const validation = validateInputs(layout, plan, unit, raw);
  const fileHash = sha256(bytes);
  return { ok: true, meta, plan, unit, validation, fileHash };
}

function parseMeta(cells: Map<string, SheetCell>): TemplateMeta {
  const values = new Map<string, SheetCell['value']>();
  for (const [addr, cell] of cells) {
    if (!addr.startsWith('A') || typeof cell.value !== 'string') continue;
    values.set(cell.value.trim(), cells.get(`B${addr.slice(1)}`)?.value ?? null);
  }
  const text = (key: string) => {
    const v = values.get(key);
    return v === null || v === undefined ? '' : String(v).trim();
  };
  const int = (key: string) => {
    const n = Number(text(key));
    return Number.isInteger(n) && text(key) !== '' ? n : null;
  };
  if (text('templateId') !== TEMPLATE_ID) throw new Refusal('not_template', NOT_TEMPLATE_ZH, NOT_TEMPLATE_EN);
  const templateVersion = int('templateVersion');
  const layoutRevision = int('layoutRevision');
  const month = MonthSchema.safeParse(text('month'));
  if (templateVersion === null || layoutRevision === null || !month.success || !text('planId') || !text('unitCode')) {
    throw new Refusal('not_template',
      '模板信息不完整或已被修改（隐藏的模板信息工作表缺少规划、单位、月份或版本），请重新下载模板填写',
      'The template information is incomplete or was altered (plan, unit, month or version missing); download the template again');
  }
  return {
    templateId: TEMPLATE_ID, templateVersion, layoutRevision, planId: text('planId'), unitCode: text('unitCode'), month: month.data,
  };
}

function resolveCatalog(meta: TemplateMeta, opts: ReadOptions): { plan: Plan; unit: Unit } {
  const refuse = (reason: RefusalReason, zh: string, en: string): never => {
    throw new Refusal(reason, zh, en, null, meta);
  };
  if (meta.layoutRevision !== LAYOUT_REVISION) {
    refuse('wrong_version',
      `模板格式版本不符（文件为第 ${meta.layoutRevision} 版格式，当前为第 ${LAYOUT_REVISION} 版），请下载最新模板重新填写`,
      `The template layout revision is ${meta.layoutRevision}, the current one is ${LAYOUT_REVISION}; download the current template`);
  }
  const plan = opts.plans.find((p) => p.id === meta.planId);
  if (!plan) {
    return refuse('unknown_plan',
      `模板所属规划“${meta.planId}”不在本系统的规划目录中，请确认使用的是本市下发的模板`,
      `The template's plan "${meta.planId}" is not in this system's catalog; use the template your city issued`);
  }
  if (plan.version !== meta.templateVersion) {
    refuse('wrong_version',
      `模板版本已过期：文件为《${plan.title}》v${meta.templateVersion}，当前为 v${plan.version}，指标或目标已调整，请下载最新模板重新填写`,
      `The template is out of date: the file is version ${meta.templateVersion} of plan ${plan.id}, the current one is ${plan.version}; download the current template`);
  }
  const unit = opts.units.find((u) => u.code === meta.unitCode);
  if (!unit || unit.city !== plan.city) {
    refuse('unknown_unit',
      `模板中的填报单位代码“${meta.unitCode}”不是《${plan.title}》的填报单位`,
      `The template's unit code "${meta.unitCode}" is not a reporting unit of plan ${plan.id}`);
  }
  const expect = opts.expect ?? {};
  if (expect.unitCode !== undefined && expect.unitCode !== meta.unitCode) {
    const expected = opts.units.find((u) => u.code === expect.unitCode);
    refuse('wrong_unit',
      `这是${unit!.name}（${unit!.code}）的模板，不是${expected?.name ?? ''}（${expect.unitCode}）的，请使用本单位的模板`,
      `This template belongs to ${unit!.nameEn ?? unit!.name} (${unit!.code}), not to ${expected?.nameEn ?? expected?.name ?? ''} (${expect.unitCode}); use your own unit's template`);
  }
  const expectedMonth = expect.month;
  if (expectedMonth !== undefined && expectedMonth !== meta.month) {
    const label = (m: string, zh: boolean) => (MonthSchema.safeParse(m).success ? (zh ? monthLabelZh(m) : monthLabelEn(m)) : m);
    refuse('wrong_month',
      `这是${label(meta.month, true)}的模板，不是${label(expectedMonth, true)}的，请使用对应月份的模板`,
      `This template is for ${label(meta.month, false)}, not ${label(expectedMonth, false)}; use the template of that month`);
  }
  return { plan, unit: unit! };
}

/** Whether a cell (1-based row and column) is one of `addresses`: one byte per cell of the rectangle they span. */
function cellGrid(addresses: string[]): (row: number, col: number) => boolean {
  const cells = addresses.map(positionOf);
  const rows = Math.max(0, ...cells.map((c) => c.row)) + 1;
  const cols = Math.max(0, ...cells.map((c) => c.col)) + 1;
  const grid = new Uint8Array(rows * cols);
  for (const c of cells) grid[c.row * cols + c.col] = 1;
  return (row, col) => row < rows && col < cols && grid[row * cols + col] === 1;
}

/** What the reader keeps of a layout: a third of the whole (its cell texts and formats are for drawing the sheet). */
type ReadLayout = ValidatedLayout & Pick<TemplateLayout, 'sheetName' | 'lastRow'>;

interface CachedLayout {
  plan: Plan;
  layout: ReadLayout;
  /** The cells read from the data sheet: the inputs, and the indicator names that anchor their rows. */
  wanted: (row: number, col: number) => boolean;
  /** Each indicator row's name cell and the indicator it must name. */
  anchors: RowAnchor[];
}

interface RowAnchor {
  row: number;
  at: string;
  indicator: Indicator;
}

/**
 * Layouts by plan, version, month and layout shape (city bureau or district, see core/layout `layoutShape`). All the
 * units of a city send the same plan and month, and building a layout costs about as much as reading a file; the
 * reader uses only what the shape determines (row positions, input cells, validations, expectations), so one layout
 * serves every district — its texts name the first district it was built for and are never read here. Keyed on
 * the plan object too, so a reloaded catalog is never served stale.
 */
const layoutCache = new Map<string, CachedLayout>();
const LAYOUT_CACHE_SIZE = 64;

function layoutFor(plan: Plan, unit: Unit, meta: TemplateMeta): CachedLayout {
  const key = `${plan.id}@${plan.version}|${meta.month}|${layoutShape(unit)}`;
  const hit = layoutCache.get(key);
  if (hit && hit.plan === plan) {
    layoutCache.delete(key);
    layoutCache.set(key, hit);
    return hit;
  }
  const { meta: layoutMeta, rows, inputs, validations, sheetName, lastRow } = buildLayoutOrRefuse(plan, unit, meta);
  const layout: ReadLayout = { meta: layoutMeta, rows, inputs, validations, sheetName, lastRow };
  const anchors = layout.rows.map((r) => ({
    row: r.row, at: cellAddress(r.row, columnIndex('name')), indicator: indicatorsByCode(plan).get(r.code)!,
  }));
  const entry = { plan, layout, anchors, wanted: cellGrid([...layout.inputs.map((i) => i.address), ...anchors.map((a) => a.at)]) };
  layoutCache.set(key, entry);
  if (layoutCache.size > LAYOUT_CACHE_SIZE) layoutCache.delete(layoutCache.keys().next().value!);
  return entry;
}

/**
 * What was parsed from small parts, keyed by the parts' paths and fingerprints (a digest of their stored bytes):
 * a workbook whose part is byte-for-byte another's gets the other's result without parsing. Results are shared, so
 * callers never modify them. A handful of entries: one per template generation and writer (Excel, WPS, LibreOffice).
 */
class PartCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly size: number) {}

  async get(zip: ZipArchive, paths: string[], parse: () => Promise<T>): Promise<T> {
    // A missing part is left to the parser (it knows whether the part is optional); nothing is cached then.
    if (!paths.every((p) => zip.has(p))) return parse();
    const key = paths.map((p) => `${p}=${zip.fingerprint(p)}`).join('|');
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = await parse();
    this.entries.set(key, value);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

const parts = {
  documentPath: new PartCache<string | null>(16),
  relationships: new PartCache<Relationship[]>(16),
  sheets: new PartCache<SheetRef[]>(16),
  formats: new PartCache<string[]>(16),
};

function buildLayoutOrRefuse(plan: Plan, unit: Unit, meta: TemplateMeta): TemplateLayout {
  try {
    return buildLayout({ plan, unit, month: meta.month });
  } catch (err) {
    // buildLayout refuses a unit that reports nothing in the plan, with a "中文 / English" message.
    const message = err instanceof Error ? err.message : String(err);
    const [zh = message, en = zh] = message.split(' / ');
    throw new Refusal('unknown_unit', zh, en, null, meta);
  }
}

/** The data sheet by its name; a unit may have renamed it, so the only other sheet will do. */
function findDataSheet(sheets: SheetRef[], layout: ReadLayout): string {
  const byName = sheets.find((s) => s.name === layout.sheetName);
  const others = sheets.filter((s) => s.name !== META_SHEET);
  const sheet = byName ?? (others.length === 1 ? others[0] : undefined);
  if (!sheet?.path) {
    throw new Refusal('invalid',
      `找不到填报工作表“${DATA_SHEET}”，请不要重命名或删除该工作表`,
      `The data sheet "${DATA_SHEET}" is missing; do not rename or delete it`);
  }
  return sheet.path;
}

/**
 * Input cells are found by position, so a row inserted, deleted or moved would silently shift every value onto
 * another indicator. The indicator name beside each input row must be where the layout puts it.
 */
function checkRowsInPlace(anchors: RowAnchor[], cells: Map<string, SheetCell>, meta: TemplateMeta): void {
  for (const { row, at, indicator } of anchors) {
    const found = cells.get(at)?.value;
    if (typeof found !== 'string' || found.trim() !== indicator.name) {
      throw new Refusal('invalid',
        `第 ${row} 行应为指标${quoteZh(indicator.name)}，实为${quoteZh(String(found ?? ''))}：表格的行可能被插入、删除或移动过，请重新下载模板填写`,
        `Row ${row} should hold "${indicator.nameEn ?? indicator.name}" but holds "${found ?? ''}": rows were inserted, deleted or moved; download the template again`,
        at, meta);
    }
  }
}
