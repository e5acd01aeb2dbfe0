/** Starts the server and, when configured, the drop folder watcher; stops both in order. */
import type { FastifyInstance } from 'fastify';
import { DropFolder, type DropResult } from '../intake/drop-folder';
import type { Runtime } from '../intake/runtime';
import { buildServer, type ServerDeps } from './server';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  drop: DropFolder | null;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: ServerDeps['logger'];
  /** Overrides intake.watchDropFolder. */
  watchDrop?: boolean;
  onDrop?: (result: DropResult) => void;
  onDropError?: (file: string, err: unknown) => void;
}

export async function startServer(rt: Runtime, opts: StartOptions = {}): Promise<RunningServer> {
  const { config } = rt;
  const app = await buildServer({ config, store: rt.store, parser: rt.parser, logger: opts.logger });
  await app.listen({ host: config.server.host, port: config.server.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  const url = `${config.server.tls ? 'https' : 'http'}://${host}:${port}`;
  let drop: DropFolder | null = null;
  if (opts.watchDrop ?? config.intake.watchDropFolder) {
    drop = new DropFolder({
      folder: config.intake.dropFolder, store: rt.store, parser: rt.parser, maxBytes: config.server.maxUploadBytes,
      settleMs: config.intake.dropSettleSeconds * 1000, pollMs: config.intake.dropPollSeconds * 1000,
      onFile: opts.onDrop, onError: opts.onDropError,
    });
    drop.start();
  }
  return {
    app, url, drop,
    async close() {
      await drop?.stop();
      await app.close();
    },
  };
}
