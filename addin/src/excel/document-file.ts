/**
 * The workbook's bytes as Office saves them: Office.context.document.getFileAsync(Compressed), read slice by slice.
 * The file is always closed (Office keeps at most two open per document; a leaked one blocks the next submit).
 */

/** Office's own cap for a slice is 4 MB; smaller slices keep memory flat in Excel on the web. */
export const SLICE_SIZE = 1024 * 1024;

type OfficeDocument = Pick<Office.Document, 'getFileAsync'>;

function call<T>(start: (done: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((result) => {
      if ((result.status as unknown) === 'succeeded') resolve(result.value);
      else reject(new Error(result.error?.message ?? 'Office call failed'));
    });
  });
}

export async function documentBytes(document: OfficeDocument, sliceSize = SLICE_SIZE): Promise<Uint8Array> {
  const file = await call<Office.File>((done) => document.getFileAsync('compressed' as unknown as Office.FileType, { sliceSize }, done));
  try {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < file.sliceCount; i++) {
      // Slices are read one after the other: Office serves them in order and concurrent reads fail on some hosts.
      const slice = await call<Office.Slice>((done) => file.getSliceAsync(i, done));
      parts.push(new Uint8Array(slice.data as ArrayLike<number>));
    }
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    if (bytes.length !== file.size) throw new Error(`read ${bytes.length} of ${file.size} bytes`);
    return bytes;
  } finally {
    await new Promise<void>((resolve) => file.closeAsync(() => resolve()));
  }
}
