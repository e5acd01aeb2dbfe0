/**
 * What every intake command opens: the configuration, the catalog, the store and the parse threads — in one place,
 * so that `serve`, `ingest` and `token` agree on where the data is.
 */
import { loadConfig, type Config, type LoadConfigOptions } from '../config';
import { IntakeStore } from '../store/store';
import type { Catalog } from './parse';
import { createParser, type TemplateParser } from './parse-pool';

export type CatalogLoader = () => Promise<Catalog>;

/**
 * The shipped catalogs, loaded when a command runs rather than when the CLI starts (every catalog is validated as it
 * loads; tests inject their own).
 */
export const shippedCatalog: CatalogLoader = async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { plans, units } = require('../../templates') as typeof import('../../templates');
  return { plans, units };
};

export interface Runtime {
  config: Config;
  catalog: Catalog;
  store: IntakeStore;
  parser: TemplateParser;
  close(): Promise<void>;
}

export interface RuntimeOptions extends LoadConfigOptions {
  catalog: CatalogLoader;
  /** Parse threads; 0 parses on the main thread (a command that reads no workbook). */
  threads?: number;
  /** A batch command: its main thread parses too (see ParserOptions.callerParses), and counts in `threads`. */
  batch?: boolean;
  /** See StoreOptions.groupCommitMs: a batch command waits a little to commit many files at once. */
  groupCommitMs?: number;
}

export async function openRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const config = loadConfig(opts);
  const catalog = await opts.catalog();
  const store = await IntakeStore.open(config, catalog, { groupCommitMs: opts.groupCommitMs });
  const parser = createParser(catalog, opts.threads, { callerParses: opts.batch });
  return {
    config, catalog, store, parser,
    async close() {
      await parser.close();
      await store.close();
    },
  };
}
