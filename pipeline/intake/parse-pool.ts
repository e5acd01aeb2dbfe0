/**
 * Reading workbooks on every core: a batch (the `ingest` command, a full drop folder) hands files to worker
 * threads that read and parse them, while the main thread is the single writer to the database.
 *
 * The workers run the compiled parse-worker.js; where it does not exist (the TypeScript sources run directly, as
 * in the unit tests) parsing happens on the main thread, with the same function.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseUpload, type Catalog, type Expectation, type ParseOutcome } from './parse';

export interface ParseJob {
  /** The bytes, or a file to read (read by the worker, off the main thread). */
  bytes?: Buffer;
  path?: string;
  expect?: Expectation;
  maxBytes: number;
}

export interface Parsed {
  outcome: ParseOutcome;
  bytes: Buffer;
}

export interface TemplateParser {
  readonly threads: number;
  parse(job: ParseJob): Promise<Parsed>;
  close(): Promise<void>;
}

export interface WorkerRequest {
  id: number;
  path?: string;
  bytes?: ArrayBuffer;
  expect?: Expectation;
  maxBytes: number;
}

export type WorkerReply =
  | { id: number; ok: true; outcome: ParseOutcome; bytes: ArrayBuffer }
  | { id: number; ok: false; error: string; code?: string; size?: number };

/** A file larger than the job's limit: refused by its size, never read. */
export class FileTooLarge extends Error {
  readonly code = 'E_TOO_LARGE';
  constructor(readonly size: number) {
    super(`file of ${size} bytes exceeds the limit`);
  }
}

/**
 * Reads a job's file in the thread that parses it, refusing by size before reading (synchronous: a parse thread does
 * nothing else meanwhile, and fs/promises' readFile costs an open, fstat, read and close each through the libuv pool
 * — a tenth of the parse time on template-sized files).
 */
export function readJobFile(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (info.size > maxBytes) throw new FileTooLarge(info.size);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const WORKER_FILE = join(__dirname, 'parse-worker.js');

/** Threads to use: one per core (at most 4, a template takes a millisecond or two), none where workers cannot run. */
export function defaultThreads(): number {
  return existsSync(WORKER_FILE) ? Math.min(availableParallelism(), 4) : 0;
}

export interface ParserOptions {
  /**
   * The calling thread parses too, whenever it is idle: for a batch (`ingest`), whose thread has nothing else to
   * answer. `threads` then counts it, so 2 means one worker thread and the caller. Not for the server, whose event
   * loop must stay free to answer requests.
   */
  callerParses?: boolean;
  /** The script each worker thread runs: parse-worker.js, or in tests one that misbehaves. */
  workerFile?: string;
}

export function createParser(catalog: Catalog, threads = defaultThreads(), opts: ParserOptions = {}): TemplateParser {
  const workerFile = opts.workerFile ?? WORKER_FILE;
  if (threads <= 0 || !existsSync(workerFile)) return new InlineParser(catalog);
  if (!opts.callerParses) return new WorkerPool(catalog, threads, workerFile);
  return threads === 1 ? new InlineParser(catalog) : new BatchParser(catalog, threads, workerFile);
}

/**
 * Worker threads that died one after another without answering a single file: they cannot start (a broken install,
 * too little memory). The pool then stops replacing them, rather than start threads in a loop until memory runs out.
 */
const DEATHS_WITHOUT_ANSWER = 3;

/** Why the pool has no threads left; every file sent to it since is refused with this error. */
export class ParseThreadsFailed extends Error {
  constructor(cause: Error) {
    super(`解析线程无法启动，已停止重启：${cause.message} / parse threads cannot start and are no longer restarted: ${cause.message}`, { cause });
  }
}

class InlineParser implements TemplateParser {
  readonly threads = 0;
  constructor(private readonly catalog: Catalog) {}

  async parse(job: ParseJob): Promise<Parsed> {
    const bytes = job.bytes ?? readJobFile(job.path!, job.maxBytes);
    return { outcome: await parseUpload(bytes, this.catalog, job.expect, job.maxBytes), bytes };
  }

  async close(): Promise<void> {}
}

/** The ArrayBuffer holding exactly these bytes, copied when the Buffer is a slice of a larger (pooled) one. */
export function ownBuffer(bytes: Buffer): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return new Uint8Array(bytes).buffer as ArrayBuffer;
}

const STICKY = 6;

interface Slot {
  worker: Worker;
  inFlight: Map<number, { resolve: (p: Parsed) => void; reject: (e: Error) => void }>;
}

class WorkerPool implements TemplateParser {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  private current = 0;
  /** Threads that died since one last answered a file. */
  private deathsWithoutAnswer = 0;
  /** Set once threads keep dying unanswered: the pool is out of service. */
  failed: ParseThreadsFailed | null = null;

  constructor(private readonly catalog: Catalog, readonly threads: number, private readonly workerFile = WORKER_FILE) {
    for (let i = 0; i < threads; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // A young generation smaller than V8's default (16 MB semi-spaces), with which each thread's heap grew by tens of
    // MB before collecting; not much smaller, since every collection also scans the isolate's roots: measured over
    // 3,000 files with --trace-gc, 4 MB cost the worker about 920 scavenges and 16 MB about 240, in half the time
    // or less, with the same peak RSS.
    const worker = new Worker(this.workerFile, { workerData: { catalog: this.catalog }, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      this.deathsWithoutAnswer = 0;
      const waiting = slot.inFlight.get(reply.id);
      if (!waiting) return;
      slot.inFlight.delete(reply.id);
      if (reply.ok) waiting.resolve({ outcome: reply.outcome, bytes: Buffer.from(reply.bytes) });
      else if (reply.code === 'E_TOO_LARGE' && reply.size !== undefined) waiting.reject(new FileTooLarge(reply.size));
      else waiting.reject(Object.assign(new Error(reply.error), { code: reply.code }));
    });
    // A worker that dies takes its jobs with it: fail them, and start another so the batch goes on. Once per thread:
    // a thread that throws reports both an error and an exit, and replacing it twice doubled the threads at each death.
    let dead = false;
    const fail = (err: Error) => {
      if (dead) return;
      dead = true;
      for (const w of slot.inFlight.values()) w.reject(err);
      slot.inFlight.clear();
      if (this.closed || this.failed) return;
      if (++this.deathsWithoutAnswer >= DEATHS_WITHOUT_ANSWER) {
        this.failed = new ParseThreadsFailed(err);
        for (const other of this.slots) if (other !== slot) void other.worker.terminate();
        return;
      }
      this.slots[this.slots.indexOf(slot)] = this.spawn();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) fail(new Error(`解析线程意外退出 / parse worker exited with code ${code}`));
    });
    worker.unref();
    return slot;
  }

  /**
   * Files next to each other in a listing are often the same unit and month (a file and its correction), and each
   * thread caches the layouts it has built: so a thread keeps receiving files until it has STICKY waiting, and only
   * then does the least busy one take over.
   */
  private pick(): Slot {
    const current = this.slots[this.current]!;
    if (current.inFlight.size < STICKY) return current;
    const least = this.slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    this.current = this.slots.indexOf(least);
    return least;
  }

  parse(job: ParseJob): Promise<Parsed> {
    if (this.closed) return Promise.reject(new Error('parser closed'));
    if (this.failed) return Promise.reject(this.failed);
    const slot = this.pick();
    const id = this.nextId++;
    const request: WorkerRequest = { id, path: job.path, expect: job.expect, maxBytes: job.maxBytes };
    const transfer: ArrayBuffer[] = [];
    if (job.bytes) {
      request.bytes = new Uint8Array(job.bytes).buffer as ArrayBuffer;
      transfer.push(request.bytes);
    }
    return new Promise((resolve, reject) => {
      slot.inFlight.set(id, { resolve, reject });
      if (slot.inFlight.size === 1) slot.worker.ref();
      slot.worker.postMessage(request, transfer);
    }).finally(() => {
      if (slot.inFlight.size === 0) slot.worker.unref();
    }) as Promise<Parsed>;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** At most this many files wait in each worker thread of a BatchParser (enough to keep it busy while the caller commits). */
const WORKER_QUEUE = 32;

interface Waiting {
  job: ParseJob;
  resolve: (p: Parsed) => void;
  reject: (e: Error) => void;
}

/**
 * Worker threads plus the calling thread. Measured with `npm run bench:ingest` on two cores: one worker and the
 * caller against two workers and an idle caller, the batch took about a tenth less CPU and 20–40 MB less memory —
 * the files the caller parses are never copied between threads, and one V8 heap fewer is kept.
 *
 * The caller parses one file at a time, each in its own turn of the event loop, so that between two files it records
 * what the workers have returned and commits; the workers are kept up to WORKER_QUEUE files deep.
 */
class BatchParser implements TemplateParser {
  private readonly workers: WorkerPool;
  private readonly here: InlineParser;
  private readonly waiting: Waiting[] = [];
  private inWorkers = 0;
  private parsingHere = false;
  private closed = false;

  constructor(catalog: Catalog, readonly threads: number, workerFile?: string) {
    this.workers = new WorkerPool(catalog, threads - 1, workerFile);
    this.here = new InlineParser(catalog);
  }

  parse(job: ParseJob): Promise<Parsed> {
    if (this.closed) return Promise.reject(new Error('parser closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** The caller takes the oldest waiting file whenever it is idle; the workers take the next ones, up to their depth. */
  private dispatch(): void {
    if (!this.parsingHere && this.waiting.length > 0) {
      const mine = this.waiting.shift()!;
      this.parsingHere = true;
      setImmediate(() => this.parseHere(mine));
    }
    // Without worker threads (they could not start), the caller goes on alone: a batch has nothing else to do.
    while (this.waiting.length > 0 && !this.workers.failed && this.inWorkers < WORKER_QUEUE * this.workers.threads) {
      const next = this.waiting.shift()!;
      this.inWorkers++;
      this.workers.parse(next.job).then(next.resolve, (err: Error) => {
        // Threads that could not start never parsed the file: the caller does, rather than report it failed.
        if (this.workers.failed) this.waiting.unshift(next);
        else next.reject(err);
      }).finally(() => {
        this.inWorkers--;
        this.dispatch();
      });
    }
  }

  private parseHere(mine: Waiting): void {
    this.here.parse(mine.job).then(mine.resolve, mine.reject).finally(() => {
      this.parsingHere = false;
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('parser closed'));
    await this.workers.close();
  }
}
