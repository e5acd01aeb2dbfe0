/**
 * A local SMTP server that keeps every message it receives (smtp-server on loopback): the demo delivers to it so
 * that mail goes through real SMTP without a server installed by hand, and the tests use it as the far end.
 * Messages are kept in memory and, when a folder is given, written there as .eml files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface CaughtMessage {
  from: string;
  to: string[];
  raw: Buffer;
  receivedAt: Date;
  /** The .eml file, when the catcher writes them. */
  file: string | null;
}

export interface CatcherOptions {
  /** 0: any free port. */
  port?: number;
  host?: string;
  /** Folder to write received messages into as .eml. */
  dir?: string;
  /** Reply to a recipient: null to accept, or an SMTP error (e.g. 550) to refuse it. */
  rcptReply?: (address: string) => { code: number; message: string } | null;
  /** Called with the whole message before the server answers 250 (tests stop the sender here). */
  beforeAccept?: (message: CaughtMessage) => void | Promise<void>;
}

export interface Catcher {
  readonly host: string;
  readonly port: number;
  readonly messages: CaughtMessage[];
  close(): Promise<void>;
}

export async function startCatcher(opts: CatcherOptions = {}): Promise<Catcher> {
  const host = opts.host ?? '127.0.0.1';
  const messages: CaughtMessage[] = [];
  if (opts.dir) await mkdir(opts.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'Plan Monitor mail catcher',
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const refusal = opts.rcptReply?.(address.address);
      if (!refusal) return callback();
      const err = new Error(refusal.message) as Error & { responseCode: number };
      err.responseCode = refusal.code;
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          const message: CaughtMessage = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
            receivedAt: new Date(),
            file: null,
          };
          await opts.beforeAccept?.(message);
          if (opts.dir) {
            const name = `${String(messages.length + 1).padStart(3, '0')}-${message.to.join('_').replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`;
            message.file = path.join(opts.dir, name);
            await writeFile(message.file, message.raw);
          }
          messages.push(message);
          callback();
        })().catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  return {
    host, port, messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
