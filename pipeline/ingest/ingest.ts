/**
 * Batch ingest of workbooks from files and folders (the `ingest` command, the benchmark): files are read and parsed
 * ahead (on the worker threads, and on this one between records), then recorded in the order given (so that two
 * versions of one unit's month are numbered as listed) through the store's group commit. One bad file never stops a
 * batch: it gets its refusal, or an error line when it cannot even be read.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Receipt, ReceiptIssue } from '../../core/receipt';
import { FileTooLarge, type TemplateParser } from '../intake/parse-pool';
import { tooLargeReceipt } from '../intake/receipts';
import type { IntakeStore } from '../store/store';

export interface IngestLine {
  file: string;
  status: Receipt['status'] | 'error';
  submissionId: string | null;
  planId: string | null;
  unitCode: string | null;
  month: string | null;
  version: number | null;
  supersedes: string | null;
  issues: ReceiptIssue[];
  /** Why the file could not be read at all (status "error"). */
  error?: string;
}

export interface IngestSummary {
  files: number;
  accepted: number;
  duplicate: number;
  refused: number;
  error: number;
  seconds: number;
}

/**
 * How long a batch lets parsed files gather before a commit (see StoreOptions.groupCommitMs). Each commit waits for
 * the disk (synchronous=FULL), and SQLite's wait blocks the thread that records: measured on 3,000 files, 25 ms gave
 * ~300 commits and a quarter of the run spent in them; 200 ms gives a few dozen. A batch has no one waiting on
 * a single file's receipt, so latency is not the cost it is for an upload.
 */
export const INGEST_GROUP_COMMIT_MS = 200;

/**
 * Files recorded but not yet committed, at most. Well above a group (the store commits at most 200 at once) and what
 * is parsed while one is written: at 256 the batch stopped to wait for commits, stopped handing files to the parse
 * threads, and the worker thread sat idle for 50–100 ms around each commit.
 */
const MAX_UNCOMMITTED = 512;

export interface IngestOptions {
  store: IntakeStore;
  parser: TemplateParser;
  maxBytes: number;
  submittedBy: string;
  /** Each file's line, in the order the files were given (`done` of `total` have their line). */
  onLine?: (line: IngestLine, done: number, total: number) => void;
  /** Files parsed ahead of the one being recorded. */
  readAhead?: number;
}

/** Files named, and every .xlsx under the folders named (recursively), in name order, each once. */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
      const full = join(path, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && /\.xlsx$/i.test(e.name)) files.push(full);
    }
  };
  for (const input of inputs) {
    const path = resolve(input);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) await walk(path);
    else files.push(path);
  }
  return [...new Set(files)];
}

export async function ingestFiles(files: string[], opts: IngestOptions): Promise<IngestSummary> {
  const started = process.hrtime.bigint();
  const summary: IngestSummary = { files: files.length, accepted: 0, duplicate: 0, refused: 0, error: 0, seconds: 0 };
  // Deep enough that a file a worker is slow with does not leave the other threads without files: measured on 3,000
  // files, 64 per thread ran a tenth faster than 32, with a few MB more of parsed files waiting.
  const ahead = opts.readAhead ?? Math.max(8, opts.parser.threads * 64);
  const parsing: Promise<Awaited<ReturnType<typeof readOne>>>[] = [];
  const start = (i: number) => {
    if (i < files.length && !parsing[i]) parsing[i] = readOne(files[i]!, opts);
  };
  const recording = new Set<Promise<void>>();
  // Lines are reported in the order the files were given, as soon as every earlier file has its line: an unreadable
  // file is known at once and an accepted one only at its commit, so they finish out of order.
  const finished = new Map<number, IngestLine>();
  let done = 0;
  const report = (index: number, line: IngestLine) => {
    finished.set(index, line);
    for (let next = finished.get(done); next; next = finished.get(done)) {
      finished.delete(done);
      done++;
      summary[next.status]++;
      opts.onLine?.(next, done, files.length);
    }
  };

  for (let i = 0; i < files.length; i++) {
    for (let j = i; j < i + ahead; j++) start(j);
    const read = await parsing[i]!;
    delete parsing[i];
    if ('line' in read) {
      report(i, read.line);
      continue;
    }
    // Recorded in the order given; not awaited here, so that the store commits many files at once.
    const p = opts.store.record({ outcome: read.outcome, bytes: read.bytes, channel: 'cli', submittedBy: opts.submittedBy, fileName: files[i]! })
      .then((r) => report(i, lineOf(files[i]!, r.receipt)), (err: unknown) => report(i, errorLine(files[i]!, err)))
      .finally(() => recording.delete(p));
    recording.add(p);
    if (recording.size >= MAX_UNCOMMITTED) await Promise.race(recording);
  }
  // Every file is handed over: the last group has nothing more to wait for.
  opts.store.commitWaiting();
  await Promise.all(recording);
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summary;
}

type ReadResult = Awaited<ReturnType<TemplateParser['parse']>> | { line: IngestLine };

async function readOne(file: string, opts: IngestOptions): Promise<ReadResult> {
  try {
    // The parse thread checks the size (and that it is a file) before reading a byte of it.
    return await opts.parser.parse({ path: file, maxBytes: opts.maxBytes });
  } catch (err) {
    if (err instanceof FileTooLarge) return { line: lineOf(file, tooLargeReceipt(opts.maxBytes, err.size)) };
    return { line: errorLine(file, err) };
  }
}

export function lineOf(file: string, r: Receipt): IngestLine {
  return {
    file, status: r.status, submissionId: r.submissionId, planId: r.planId, unitCode: r.unitCode, month: r.month,
    version: r.version, supersedes: r.supersedes, issues: r.issues,
  };
}

function errorLine(file: string, err: unknown): IngestLine {
  const code = (err as NodeJS.ErrnoException)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const zh = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : '无法读取或保存';
  return {
    file, status: 'error', submissionId: null, planId: null, unitCode: null, month: null, version: null, supersedes: null,
    issues: [], error: `${zh} / ${message}`,
  };
}
