/**
 * A defensive unzip of an uploaded .xlsx held in memory. Uploads come from outside, so before anything is inflated
 * the central directory is checked: entry count, declared uncompressed size in total, compression ratio per entry
 * (a zip bomb), and path names (absolute paths, "..", encryption). Inflating is capped at the size each entry
 * declares, so the declared sizes the limits are checked against cannot lie.
 */
import yauzl from 'yauzl';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  maxEntries: number;
  maxTotalUncompressed: number;
  maxRatio: number;
  /** Entries smaller than this are not ratio-checked: a few KB cannot hurt, and tiny XML parts compress unevenly. */
  ratioCheckFrom: number;
  maxFileBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 200,
  maxTotalUncompressed: 20 * 1024 * 1024,
  maxRatio: 100,
  ratioCheckFrom: 64 * 1024,
  maxFileBytes: 20 * 1024 * 1024,
};

export type ZipRefusalReason = 'corrupt' | 'too_large';

/** Why an archive was refused, in the words a unit official reads. */
export class ZipRefusal extends Error {
  constructor(readonly reason: ZipRefusalReason, readonly zh: string, readonly en: string) {
    super(en);
  }
}

const CORRUPT_ZH = '文件已损坏或不是 Excel 工作簿（.xlsx），请用 Excel、WPS 或 LibreOffice 重新保存为 .xlsx 后再提交';
const CORRUPT_EN = 'The file is damaged or is not an Excel workbook (.xlsx); save it again as .xlsx in Excel, WPS or LibreOffice';

export function corrupt(detail?: string): ZipRefusal {
  return new ZipRefusal('corrupt', CORRUPT_ZH, detail ? `${CORRUPT_EN} (${detail})` : CORRUPT_EN);
}

/** Signature of OLE2 compound files: an old .xls, or an .xlsx encrypted with a password to open. */
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function sizeLabel(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * yauzl's reader over a Buffer, answering each read in a microtask rather than yauzl's own BufferSlicer's
 * setImmediate: listing a template's entries takes some forty reads, and a turn of the event loop for each was
 * a fifth of the intake's time per file.
 */
class MemoryReader extends yauzl.RandomAccessReader {
  constructor(private readonly source: Buffer) {
    super();
  }

  override read(target: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    const available = Math.max(0, Math.min(length, target.length - offset, this.source.length - position));
    if (available > 0) this.source.copy(target, offset, position, position + available);
    queueMicrotask(() => (callback as (err: Error | null, bytesRead: number) => void)(null, available));
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from([this.source.subarray(start, end)], { objectMode: false });
  }

  /**
   * Nothing to release, so closed at once. yauzl's default answers on the next turn of the event loop (setImmediate),
   * and until then that callback holds the archive: the reader, its listeners, the listing and the upload's bytes. A
   * thread parsing files back to back without yielding kept every one of them — measured, 3,000 workbooks held
   * 95 MB of buffers and 51,000 entries after a full GC — and the garbage collector copied them over and over.
   */
  override close(callback: (err: Error | null) => void): void {
    callback(null);
  }
}

export interface ZipArchive {
  names(): string[];
  has(name: string): boolean;
  /**
   * Inflates one entry and hands its text to `sink` in slices; `sink` returns false to stop early (the rest is not
   * parsed).
   */
  readText(name: string, sink: (text: string) => boolean | void, opts?: ReadTextOptions): Promise<void>;
  /** Inflates one entry and decodes its text: all of it, or up to `end` (a byte offset, moved back to a character
   *  boundary). */
  text(name: string, end?: (data: Buffer) => number): string;
  /**
   * A digest of an entry's stored bytes (method, sizes and the compressed data): two entries with the same
   * fingerprint inflate to the same text, so what was parsed from one can be reused for the other.
   */
  fingerprint(name: string): string;
  close(): void;
}

export interface ReadTextOptions {
  /**
   * Where a reader probably has all it needs (a byte offset of the inflated part, on a character boundary): the text
   * up to there is decoded and handed over first, the rest only if the reader did not stop. Saves decoding a part's
   * tail that is never parsed; a wrong guess costs nothing but the saving.
   */
  likelyEnough?: (data: Buffer) => number;
}

export async function openZip(bytes: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ZipArchive> {
  if (bytes.length > limits.maxFileBytes) {
    throw new ZipRefusal('too_large',
      `文件过大（${sizeLabel(bytes.length)}），指标模板不应超过 ${sizeLabel(limits.maxFileBytes)}`,
      `The file is too large (${sizeLabel(bytes.length)}); a template should not exceed ${sizeLabel(limits.maxFileBytes)}`);
  }
  if (bytes.subarray(0, 8).equals(OLE2_SIGNATURE)) {
    throw new ZipRefusal('corrupt',
      '这是旧版 .xls 文件或设置了打开密码的工作簿，请取消密码并另存为 .xlsx 后再提交',
      'This is an old .xls file or a workbook encrypted with a password; remove the password and save it as .xlsx');
  }
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false, strictFileNames: false };
    yauzl.fromRandomAccessReader(new MemoryReader(bytes), bytes.length, options, (err, z) => {
      if (err || !z) reject(corrupt(err?.message));
      else resolve(z);
    });
  });
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ZipRefusal('too_large',
        `压缩包内文件过多（${zip.entryCount} 个，上限 ${limits.maxEntries} 个），不是正常的指标模板`,
        `The archive holds too many parts (${zip.entryCount}, at most ${limits.maxEntries}); this is not a normal template`);
    }
    const entries = await listEntries(zip, limits);
    return archive(zip, bytes, entries);
  } catch (err) {
    zip.close();
    throw err;
  }
}

function listEntries(zip: yauzl.ZipFile, limits: ZipLimits): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    const fail = (err: unknown) => {
      zip.removeAllListeners();
      reject(err instanceof ZipRefusal ? err : corrupt(err instanceof Error ? err.message : String(err)));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
        checkEntry(entry, name, limits);
        total += entry.uncompressedSize;
        if (total > limits.maxTotalUncompressed) {
          throw new ZipRefusal('too_large',
            `解压后内容过大（超过 ${sizeLabel(limits.maxTotalUncompressed)}），不是正常的指标模板`,
            `The unpacked content exceeds ${sizeLabel(limits.maxTotalUncompressed)}; this is not a normal template`);
        }
        if (!entries.has(name)) entries.set(name, entry);
        // After the last entry, yauzl emits 'end' only on the next turn of the event loop (setImmediate): a batch
        // pays that turn for every file, so the listing is done as soon as the directory's count is read.
        if (zip.entriesRead === zip.entryCount) {
          resolve(entries);
        } else {
          zip.readEntry();
        }
      } catch (err) {
        fail(err);
      }
    });
    zip.readEntry();
  });
}

function checkEntry(entry: yauzl.Entry, name: string, limits: ZipLimits): void {
  const unsafe = yauzl.validateFileName(name);
  if (unsafe !== null || name.includes('\0')) {
    throw new ZipRefusal('corrupt',
      `压缩包含有不安全的路径“${name}”（绝对路径或“..”），已拒收`,
      `The archive contains an unsafe path "${name}" (absolute or with ".."); refused`);
  }
  if (entry.isEncrypted()) {
    throw new ZipRefusal('corrupt', '工作簿内容已加密，请取消密码后再提交', 'The workbook is encrypted; remove the password and resubmit');
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw corrupt(`compression method ${entry.compressionMethod} in ${name}`);
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize >= limits.ratioCheckFrom && ratio > limits.maxRatio) {
    throw new ZipRefusal('too_large',
      `压缩包中“${name}”的压缩比异常（${Math.round(ratio)}:1，上限 ${limits.maxRatio}:1），疑似压缩炸弹，已拒收`,
      `"${name}" is compressed ${Math.round(ratio)}:1 (at most ${limits.maxRatio}:1 allowed): a suspected zip bomb; refused`);
  }
}

/** Text is handed to the parser in slices of this many characters, so that a reader can stop early. */
const SLICE = 64 * 1024;

function archive(zip: yauzl.ZipFile, bytes: Buffer, entries: Map<string, yauzl.Entry>): ZipArchive {
  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name),
    close: () => zip.close(),
    fingerprint(name) {
      const entry = entries.get(name);
      if (!entry) throw corrupt(`missing part ${name}`);
      const start = fileDataStart(bytes, entry, name);
      return createHash('sha256')
        .update(`${entry.compressionMethod}:${entry.compressedSize}:${entry.uncompressedSize}:`)
        .update(bytes.subarray(start, start + entry.compressedSize))
        .digest('base64');
    },
    // Synchronous inside; a promise outside, so that a reader of large parts could stream without changing callers.
    async readText(name, sink, opts = {}) {
      const data = inflated(name);
      const cut = opts.likelyEnough ? characterBoundary(data, opts.likelyEnough(data)) : data.length;
      if (sliced(data.toString('utf8', 0, cut), sink) === false) return;
      if (cut < data.length) sliced(data.toString('utf8', cut), sink);
    },
    text(name, end) {
      const data = inflated(name);
      return data.toString('utf8', 0, end ? characterBoundary(data, end(data)) : data.length);
    },
  };

  function inflated(name: string): Buffer {
    const entry = entries.get(name);
    if (!entry) throw corrupt(`missing part ${name}`);
    return inflateEntry(bytes, entry, name);
  }
}

/** `offset` within the data, moved back to a character boundary: never between a UTF-8 lead byte and its
 *  continuation bytes (10xxxxxx). */
function characterBoundary(data: Buffer, offset: number): number {
  let cut = Math.min(Math.max(offset, 0), data.length);
  while (cut > 0 && cut < data.length && (data[cut]! & 0xc0) === 0x80) cut--;
  return cut;
}

/** Hands text to `sink` in slices of at most SLICE characters; false when the sink asked to stop. */
function sliced(text: string, sink: (text: string) => boolean | void): boolean {
  if (text.length <= SLICE) return sink(text) !== false;
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + SLICE, text.length);
    // Never split a surrogate pair between two slices.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
    if (sink(text.slice(start, end)) === false) return false;
    start = end;
  }
  return true;
}

/**
 * Where an entry's data starts: after its local header, whose name and extra field may differ in length from the
 * central directory's (as yauzl's readLocalFileHeader reads it, without a round trip through its reader).
 */
function fileDataStart(bytes: Buffer, entry: yauzl.Entry, name: string): number {
  const header = entry.relativeOffsetOfLocalHeader;
  if (header + 30 > bytes.length || bytes.readUInt32LE(header) !== 0x04034b50) throw corrupt(`${name}: invalid local file header`);
  const start = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
  if (start + entry.compressedSize > bytes.length) throw corrupt(`${name}: file data overflows the archive`);
  return start;
}

/**
 * Inflates one entry in one synchronous call, capped at the size its header declares: parts of a template are small,
 * and a synchronous inflate of a 20 KB part is several times faster than a stream through the thread pool (this is
 * the intake's hot path). An entry that inflates to more or fewer bytes than declared is refused, so the declared
 * sizes checked in checkEntry bound the memory used.
 */
function inflateEntry(bytes: Buffer, entry: yauzl.Entry, name: string): Buffer {
  const start = fileDataStart(bytes, entry, name);
  const raw = bytes.subarray(start, start + entry.compressedSize);
  let data: Buffer;
  if (entry.compressionMethod === 0) {
    data = raw;
  } else {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
    } catch (err) {
      throw corrupt(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (data.length !== entry.uncompressedSize) throw corrupt(`${name}: ${data.length} bytes where the archive declares ${entry.uncompressedSize}`);
  return data;
}
