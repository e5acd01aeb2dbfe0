/** A parse thread (see parse-pool.ts): reads and parses the workbooks it is sent, returns outcome and bytes. */
import { parentPort, workerData } from 'node:worker_threads';
import { parseUpload, type Catalog } from './parse';
import { FileTooLarge, ownBuffer, readJobFile, type WorkerReply, type WorkerRequest } from './parse-pool';

const { catalog } = workerData as { catalog: Catalog };

parentPort!.on('message', (req: WorkerRequest) => {
  void handle(req).then((reply) => {
    parentPort!.postMessage(reply, reply.ok ? [reply.bytes] : []);
  });
});

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    const bytes = req.bytes ? Buffer.from(req.bytes) : readJobFile(req.path!, req.maxBytes);
    const outcome = await parseUpload(bytes, catalog, req.expect, req.maxBytes);
    return { id: req.id, ok: true, outcome, bytes: ownBuffer(bytes) };
  } catch (err) {
    return {
      id: req.id, ok: false, error: err instanceof Error ? err.message : String(err), code: (err as NodeJS.ErrnoException).code,
      ...(err instanceof FileTooLarge ? { size: err.size } : {}),
    };
  }
}
