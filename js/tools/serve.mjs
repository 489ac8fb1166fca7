// Static server for the demo and the end-to-end tests: www/ at `/`, dist/ at
// `/dist/`, with `application/wasm` for wasm. `node serve.mjs` prints the URLs;
// tests import startServer() and may mount extra folders.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

/** Resolves a URL path inside `dir`, refusing anything that escapes it. */
function inside(dir, path) {
  const full = normalize(join(dir, path));
  return full === dir || full.startsWith(dir + sep) ? full : null;
}

/**
 * The demo shop's own newsletter endpoint: accepts a form-encoded `email`
 * and answers 204 (a real shop would send the double-opt-in mail here).
 */
function demoApi(req, res) {
  if (req.method !== 'POST' || !req.url.startsWith('/demo-api/newsletter')) return false;
  let body = '';
  req.on('data', (c) => (body = (body + c).slice(0, 4096)));
  req.on('end', () => {
    const email = new URLSearchParams(body).get('email') || '';
    res.writeHead(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? 204 : 400).end();
  });
  return true;
}

/**
 * Starts the server. `mounts` maps URL prefixes to folders (longest prefix
 * wins); `handler(req, res)` may answer a request first and return true.
 */
export function startServer({ port = 8080, host = '127.0.0.1', mounts = {}, handler } = {}) {
  const table = Object.entries({ '/dist/': join(ROOT, 'dist'), '/': join(ROOT, 'www'), ...mounts }).sort(
    (a, b) => b[0].length - a[0].length,
  );
  const server = createServer((req, res) => {
    if (handler && handler(req, res)) return;
    if (demoApi(req, res)) return;
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const mount = table.find(([prefix]) => path.startsWith(prefix));
    let file = mount && inside(mount[1], path.slice(mount[0].length));
    try {
      if (file && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!file || !statSync(file).isFile()) throw new Error('not found');
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT || 8080);
  const server = await startServer({ port });
  const base = `http://127.0.0.1:${server.address().port}`;
  console.log(`Stammkunde demo\n  storefront: ${base}/\n  admin:      ${base}/admin/\n  (Ctrl+C to stop)`);
}
