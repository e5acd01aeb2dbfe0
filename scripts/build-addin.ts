/**
 * Builds the Excel add-in into addin/dist/: the task pane bundle (esbuild, core/ included), its HTML and CSS, the
 * icons, and manifest.xml with its URLs pointed at the host the pane is served from.
 *
 *   npm run build:addin                       → https://localhost:3000, office.js from Microsoft's global CDN
 *   ADDIN_BASE_URL=https://pm.example.cn/addin OFFICE_JS=china npm run build:addin
 *                                             → for a server in China and tenants operated by 21Vianet
 *   INTAKE_URL=https://pm.example.cn          → the intake address offered in the pane (default: the pane's origin)
 *
 * The browser tests and the dev server call buildAddin() themselves, so the pane is never stale.
 */
import { build, context, type BuildOptions, type Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

/** The repository root, whether this runs from scripts/ (ts) or dist/scripts/ (compiled). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'manifest.xml')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
/** Where manifest.xml points by default: the dev server (scripts/dev-server.ts). */
export const DEV_BASE_URL = 'https://localhost:3000';

/**
 * office.js must come from Microsoft's CDN (Microsoft supports no other copy in production). Tenants of Microsoft 365
 * operated by 21Vianet in China must use 21Vianet's copy; "local" serves the npm package's copy for offline
 * development only (the dev server maps /office-js/ to node_modules/@microsoft/office-js/dist).
 */
export const OFFICE_JS = {
  global: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  china: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
  local: '/office-js/office.js',
} as const;
export type OfficeJsSource = keyof typeof OFFICE_JS;

export interface AddinBuildOptions {
  outdir?: string;
  /** Origin (and path) the pane is served from; every URL in the manifest is rewritten to it. */
  baseUrl?: string;
  officeJs?: OfficeJsSource;
  /** Intake server offered in the pane; empty = the origin that serves the pane. */
  intakeUrl?: string;
  minify?: boolean;
}

export interface AddinBuildResult {
  outdir: string;
  /** taskpane.js as shipped, and gzipped (what a task pane actually downloads). */
  bundleBytes: number;
  bundleGzipBytes: number;
}

function resolved(options: AddinBuildOptions): Required<AddinBuildOptions> {
  const officeJs = (options.officeJs ?? process.env.OFFICE_JS ?? 'global') as OfficeJsSource;
  if (!(officeJs in OFFICE_JS)) throw new Error(`OFFICE_JS must be one of ${Object.keys(OFFICE_JS).join(', ')}`);
  const baseUrl = (options.baseUrl ?? process.env.ADDIN_BASE_URL ?? DEV_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new Error(`ADDIN_BASE_URL must be an absolute URL, got "${baseUrl}"`);
  return {
    outdir: options.outdir ?? path.join(ROOT, 'addin', 'dist'),
    baseUrl,
    officeJs,
    intakeUrl: options.intakeUrl ?? process.env.INTAKE_URL ?? '',
    minify: options.minify ?? true,
  };
}

/**
 * zod's `z` namespace re-exports every translation of its error messages (~260 KB minified), which defeats tree
 * shaking. The pane shows the core's own zh/en messages, never zod's, so zod keeps only its default English.
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

export function esbuildOptions(options: Required<AddinBuildOptions>): BuildOptions {
  return {
    entryPoints: [path.join(ROOT, 'addin', 'src', 'main.ts')],
    outfile: path.join(options.outdir, 'taskpane.js'),
    bundle: true,
    format: 'iife',
    // Chromium webviews (WebView2: Microsoft 365, Office 2021+, Excel on the web in any current browser) and Safari's
    // (Excel for Mac). The Edge Legacy and Internet Explorer webviews of older Windows Office builds cannot run the
    // pane (esbuild cannot lower this code to them); those offices submit through the intake's upload page.
    target: ['chrome90', 'safari15'],
    minify: options.minify,
    sourcemap: true,
    legalComments: 'none',
    define: { __INTAKE_URL__: JSON.stringify(options.intakeUrl) },
    plugins: [zodEnglishOnly],
    logLevel: 'silent',
  };
}

/** Rewrites every https://localhost:3000 URL of the source manifest to the configured base URL. */
export function manifestFor(source: string, baseUrl: string): string {
  return source.split(DEV_BASE_URL).join(baseUrl);
}

async function copyStatic(options: Required<AddinBuildOptions>): Promise<void> {
  const staticDir = path.join(ROOT, 'addin', 'static');
  await cp(path.join(staticDir, 'assets'), path.join(options.outdir, 'assets'), { recursive: true, filter: (f) => !f.endsWith('.svg') });
  for (const file of ['taskpane.css', 'help.html']) await cp(path.join(staticDir, file), path.join(options.outdir, file));
  const note = options.officeJs === 'china' ? '21Vianet CDN' : options.officeJs === 'local' ? 'local copy, development only' : 'global CDN';
  for (const page of ['taskpane.html', 'commands.html']) {
    const html = await readFile(path.join(staticDir, page), 'utf8');
    await writeFile(path.join(options.outdir, page), html.replace(/%OFFICE_JS%/g, OFFICE_JS[options.officeJs]).replace(/%OFFICE_JS_NOTE%/g, note));
  }
  const manifest = await readFile(path.join(ROOT, 'manifest.xml'), 'utf8');
  await writeFile(path.join(options.outdir, 'manifest.xml'), manifestFor(manifest, options.baseUrl));
}

export async function buildAddin(options: AddinBuildOptions = {}): Promise<AddinBuildResult> {
  const o = resolved(options);
  await rm(o.outdir, { recursive: true, force: true });
  await mkdir(o.outdir, { recursive: true });
  await build(esbuildOptions(o));
  await copyStatic(o);
  const bundle = await readFile(path.join(o.outdir, 'taskpane.js'));
  return { outdir: o.outdir, bundleBytes: bundle.length, bundleGzipBytes: gzipSync(bundle).length };
}

/** Rebuilds the bundle on every change of addin/ or core/ (the dev server's loop). */
export async function watchAddin(options: AddinBuildOptions = {}, onRebuild?: (errors: number) => void): Promise<() => Promise<void>> {
  const o = resolved(options);
  await buildAddin(o);
  const ctx = await context({
    ...esbuildOptions(o),
    plugins: [zodEnglishOnly, { name: 'report', setup: (b) => b.onEnd((r) => onRebuild?.(r.errors.length)) }],
  });
  await ctx.watch();
  return () => ctx.dispose();
}

if (require.main === module) {
  buildAddin()
    .then((r) => {
      process.stdout.write(`add-in built in ${path.relative(process.cwd(), r.outdir) || '.'}: taskpane.js ${(r.bundleBytes / 1024).toFixed(1)} KiB, ${(r.bundleGzipBytes / 1024).toFixed(1)} KiB gzipped\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
