/**
 * What the task pane's browser tests share: the pane built exactly as shipped beside the simulated Excel host page,
 * served over HTTP on loopback, opened in Debian's headless Chromium with office.js routed to the simulation.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { OFFICE_JS, ROOT, buildAddin, zodEnglishOnly } from '../../scripts/build-addin';
import { saveWorkbook } from './save-workbook';
import type { SavedWorkbook } from './sim-excel';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts', 'addin');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.xml': 'application/xml',
  '.map': 'application/json',
};

/** Serves the built pane and the simulated host page from one directory, as the dev server would (over HTTP here). */
function serveStatic(dir: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'host.html');
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

export interface ServedPane {
  origin: string;
  /** The built files (the pane, host-page.js, fake-office.js, host.html). */
  dir: string;
  bundle: { bundleBytes: number; bundleGzipBytes: number };
  close(): Promise<void>;
}

/** Builds the pane as shipped (office.js from the global CDN, routed to the simulation below) and serves it. */
export async function servePane(dir: string): Promise<ServedPane> {
  await mkdir(ARTIFACTS, { recursive: true });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const bundle = await buildAddin({ outdir: dir, baseUrl: origin, officeJs: 'global', intakeUrl: '' });
  await build({
    entryPoints: { 'host-page': path.join(__dirname, 'host-page.ts'), 'fake-office': path.join(__dirname, 'fake-office.ts') },
    outdir: dir, bundle: true, format: 'iife', target: ['chrome90'], plugins: [zodEnglishOnly], logLevel: 'silent',
  });
  await copyFile(path.join(__dirname, 'host.html'), path.join(dir, 'host.html'));
  const server = await serveStatic(dir, port);
  return { origin, dir, bundle, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Opens the simulated Excel window with the pane in headless Chromium; resolves once the pane is ready. */
export async function openPane(served: ServedPane, viewport: { width: number; height: number }): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  const fakeOffice = await readFile(path.join(served.dir, 'fake-office.js'), 'utf8');
  await page.route(OFFICE_JS.global, (route) => route.fulfill({ contentType: 'text/javascript', body: fakeOffice }));
  await page.exposeFunction('__saveWorkbook', async (json: string) => (await saveWorkbook(JSON.parse(json) as SavedWorkbook)).toString('base64'));
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(`${served.origin}/host.html`);
  await paneFrame(page).waitForSelector('#connect');
  return { browser, page };
}

/** The task pane's frame inside the simulated host page. */
export function paneFrame(page: Page): Frame {
  const frame = page.frame({ url: /taskpane\.html/ });
  if (!frame) throw new Error('task pane frame not found');
  return frame;
}
