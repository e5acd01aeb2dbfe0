/**
 * The drop folder: workbooks saved from mail or copied from a share are picked up, recorded like any upload, and
 * moved to processed/ or rejected/ with a reason file (<name>.txt, Chinese and English) beside them.
 *
 * Exactly once, even if the process is killed at any point: the submission and a journal row ("recorded") are
 * committed in one transaction before the file is moved; the reason file is written before the move, the journal
 * marked "moved" after it. A file found in the folder with a "recorded" journal row of the same name and content was
 * recorded but not moved: it is moved, not recorded again. A crash before the commit leaves nothing recorded, and the
 * file is simply read again.
 *
 * The folder is polled (network shares do not deliver file events), and a file is taken only once it has stopped
 * changing (a copy in progress is left for the next scan).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { issueLine, receiptDetails, receiptHeadline, type Receipt } from '../../core/receipt';
import type { IntakeStore } from '../store/store';
import type { TemplateParser } from './parse-pool';
import { sha256 } from './parse';
import { tooLargeReceipt } from './receipts';

export interface DropFolderOptions {
  folder: string;
  store: IntakeStore;
  parser: TemplateParser;
  maxBytes: number;
  /** A file younger than this (by modification time) is left for the next scan. */
  settleMs: number;
  pollMs: number;
  /** How many files are read at once. */
  concurrency?: number;
  onFile?: (result: DropResult) => void;
  onError?: (file: string, err: unknown) => void;
}

export interface DropResult {
  file: string;
  movedTo: string;
  outcome: 'processed' | 'rejected';
  receipt: Receipt;
  /** True when the file had been recorded before a restart and was only moved now. */
  recovered: boolean;
}

export const PROCESSED = 'processed';
export const REJECTED = 'rejected';

/** Files that are not (yet) someone's upload: hidden files, Office lock files, downloads and copies in progress. */
export function isIgnored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || /\.(tmp|part|crdownload|partial|download)$/i.test(name);
}

export class DropFolder {
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<DropResult[]> | null = null;
  private stopped = false;

  constructor(private readonly opts: DropFolderOptions) {}

  /** Scans at once (in the background) and then every pollMs until stopped. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delay = this.opts.pollMs): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.scan().catch((err: unknown) => this.opts.onError?.(this.opts.folder, err)).finally(() => this.schedule());
    }, delay);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.scanning?.catch(() => undefined);
  }

  /** One pass over the folder; a scan already running is joined rather than started twice. */
  scan(): Promise<DropResult[]> {
    if (!this.scanning) this.scanning = this.scanOnce().finally(() => { this.scanning = null; });
    return this.scanning;
  }

  private async scanOnce(): Promise<DropResult[]> {
    const { folder } = this.opts;
    await Promise.all([folder, join(folder, PROCESSED), join(folder, REJECTED)].map((d) => mkdir(d, { recursive: true })));
    const pending = await this.pendingJournal();
    const names = (await readdir(folder, { withFileTypes: true })).filter((d) => d.isFile() && !isIgnored(d.name)).map((d) => d.name).sort();
    const results: DropResult[] = [];
    const limit = this.opts.concurrency ?? Math.max(4, this.opts.parser.threads * 4);
    let next = 0;
    const worker = async () => {
      while (next < names.length && !this.stopped) {
        const name = names[next++]!;
        try {
          const result = await this.take(name, pending.get(name) ?? []);
          if (result) {
            results.push(result);
            this.opts.onFile?.(result);
          }
        } catch (err) {
          // One unreadable file (locked, permissions) must not stop the others; it is tried again next scan.
          this.opts.onError?.(join(folder, name), err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, names.length) }, worker));
    await this.settleJournal(pending, new Set(names));
    return results;
  }

  private async pendingJournal(): Promise<Map<string, JournalRow[]>> {
    const rows = await this.opts.store.db.selectFrom('drop_journal').select(['id', 'hash', 'file_name', 'outcome', 'receipt'])
      .where('state', '=', 'recorded').execute();
    const byName = new Map<string, JournalRow[]>();
    for (const r of rows) byName.set(r.file_name, [...(byName.get(r.file_name) ?? []), r]);
    return byName;
  }

  /** Journal rows left "recorded" whose file is no longer in the folder were moved just before a crash. */
  private async settleJournal(pending: Map<string, JournalRow[]>, present: Set<string>): Promise<void> {
    const gone = [...pending].filter(([name]) => !present.has(name)).flatMap(([, rows]) => rows.map((r) => r.id));
    if (gone.length > 0) await this.opts.store.db.updateTable('drop_journal').set({ state: 'moved' }).where('id', 'in', gone).execute();
  }

  private async take(name: string, recorded: JournalRow[]): Promise<DropResult | null> {
    const path = join(this.opts.folder, name);
    const info = await stat(path);
    if (Date.now() - info.mtimeMs < this.opts.settleMs) return null;
    if (info.size > this.opts.maxBytes) {
      // Not read at all: refused by its size, like an upload; nothing is recorded, so moving it is the only step.
      const receipt = tooLargeReceipt(this.opts.maxBytes, info.size);
      return { file: path, ...(await this.move(name, 'rejected', receipt)), receipt, recovered: false };
    }
    if (recorded.length > 0) {
      const hash = sha256(await readFile(path));
      const row = recorded.find((r) => r.hash === hash);
      if (row) return this.finish(name, row.id, row.outcome, JSON.parse(row.receipt) as Receipt, true);
    }
    const { outcome, bytes } = await this.opts.parser.parse({ path, maxBytes: this.opts.maxBytes });
    if (Date.now() - (await stat(path)).mtimeMs < this.opts.settleMs) return null;
    const result = await this.opts.store.record({ outcome, bytes, channel: 'drop', submittedBy: 'drop', fileName: name, journal: { fileName: name } });
    return this.finish(name, result.journalId!, result.receipt.status === 'refused' ? 'rejected' : 'processed', result.receipt, false);
  }

  private async finish(name: string, journalId: string, outcome: DropResult['outcome'], receipt: Receipt, recovered: boolean): Promise<DropResult> {
    const moved = await this.move(name, outcome, receipt);
    await this.opts.store.db.updateTable('drop_journal').set({ state: 'moved', moved_to: moved.movedTo }).where('id', '=', journalId).execute();
    return { file: join(this.opts.folder, name), ...moved, receipt, recovered };
  }

  /** Reason file first, then the workbook: a rename is atomic, so the workbook is either still here or moved. */
  private async move(name: string, outcome: DropResult['outcome'], receipt: Receipt): Promise<{ movedTo: string; outcome: DropResult['outcome'] }> {
    const dir = join(this.opts.folder, outcome === 'processed' ? PROCESSED : REJECTED);
    const target = freeName(dir, name);
    await writeFile(`${target}.txt`, reasonText(name, receipt), 'utf8');
    await rename(join(this.opts.folder, name), target);
    return { movedTo: target, outcome };
  }
}

interface JournalRow {
  id: string;
  hash: string;
  file_name: string;
  outcome: DropResult['outcome'];
  receipt: string;
}

/** name.xlsx, else name (2).xlsx, name (3).xlsx …: an earlier file of the same name is never overwritten. */
function freeName(dir: string, name: string): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** The receipt in both languages, as the add-in and the upload page word it. */
export function reasonText(fileName: string, receipt: Receipt): string {
  const block = (lang: 'zh' | 'en') => [
    receiptHeadline(receipt, lang),
    ...receiptDetails(receipt, lang),
    ...receipt.issues.map((i) => `${i.severity === 'error' ? (lang === 'zh' ? '错误' : 'Error') : (lang === 'zh' ? '提醒' : 'Note')}  ${issueLine(i, lang)}`),
  ].join('\n');
  return `${fileName}\n\n${block('zh')}\n\n${block('en')}\n`;
}
