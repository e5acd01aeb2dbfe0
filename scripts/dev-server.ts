/**
 * `npm run dev-server`: serves the task pane over HTTPS on https://localhost:3000 (the address manifest.xml names),
 * rebuilding it when addin/ or core/ change. The certificate comes from office-addin-dev-certs: on first use it
 * creates a local CA and installs it in this machine's trust store (that is what Excel's webview needs to load the
 * pane), then reuses it.
 *
 *   PORT=3000            the port (manifest.xml says 3000; change both together)
 *   OFFICE_JS=local      serve office.js from node_modules/@microsoft/office-js (offline development only)
 *   INTAKE_URL=http://localhost:8080   the intake server the pane offers by default
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:https';
import path from 'node:path';
import { getHttpsServerOptions } from 'office-addin-dev-certs';
import { caCertificatePath, localhostCertificatePath, localhostKeyPath } from 'office-addin-dev-certs/lib/defaults';
import { DEV_BASE_URL, ROOT, watchAddin } from './build-addin';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.xml': 'application/xml; charset=utf-8', '.map': 'application/json', '.json': 'application/json',
};

/** Maps a request path to a file under one of the served roots; null when it would leave them. */
export function fileFor(urlPath: string, roots: { prefix: string; dir: string }[]): string | null {
  const clean = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  for (const { prefix, dir } of roots) {
    if (!clean.startsWith(prefix)) continue;
    const file = path.resolve(dir, `.${clean.slice(prefix.length - 1)}`);
    return file.startsWith(dir + path.sep) || file === dir ? file : null;
  }
  return null;
}

/**
 * The dev certificates, installed as trusted where the tool can (Windows, macOS, Linux with sudo). Where it cannot
 * (a Linux container without sudo), the generated files are used all the same and the CA is named for trusting by hand.
 */
async function certificates(): Promise<{ ca: Buffer; cert: Buffer; key: Buffer }> {
  try {
    const o = await getHttpsServerOptions();
    return { ca: Buffer.from(o.ca), cert: Buffer.from(o.cert), key: Buffer.from(o.key) };
  } catch (err) {
    const [ca, cert, key] = await Promise.all([caCertificatePath, localhostCertificatePath, localhostKeyPath].map((f) => readFile(f)));
    process.stderr.write(`office-addin-dev-certs could not install its CA (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); ` +
      `serving with the generated certificate anyway — trust ${caCertificatePath} in the browser or system that loads the pane.\n`);
    return { ca: ca!, cert: cert!, key: key! };
  }
}

export async function startDevServer(port = Number(process.env.PORT ?? new URL(DEV_BASE_URL).port)): Promise<void> {
  const dist = path.join(ROOT, 'addin', 'dist');
  await watchAddin({ baseUrl: `https://localhost:${port}` }, (errors) => {
    process.stdout.write(errors === 0 ? 'rebuilt the pane\n' : `the pane did not build (${errors} errors)\n`);
  });
  const roots = [
    { prefix: '/office-js/', dir: path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist') },
    { prefix: '/', dir: dist },
  ];
  const options = await certificates();
  const server = createServer(options, (req, res) => {
    const pathname = (req.url ?? '/') === '/' ? '/taskpane.html' : req.url ?? '/';
    const file = fileFor(pathname, roots);
    if (!file) {
      res.writeHead(403).end();
      return;
    }
    stat(file).then(
      (s) => {
        if (!s.isFile()) throw new Error('not a file');
        // No caching: Office's webview caches aggressively and a stale pane is the classic dev-loop trap.
        res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
  process.stdout.write(`task pane: https://localhost:${port}/taskpane.html — sideload ${path.relative(process.cwd(), path.join(dist, 'manifest.xml'))}\n`);
}

if (require.main === module) {
  startDevServer().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
