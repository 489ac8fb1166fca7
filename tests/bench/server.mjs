// The demo server (tests/e2e/harness.mjs serve()) with the benchmark files
// at /bench/, generated benchmark pages at /bench/page/*, data written by
// the native run (target/bench/data) at /bench-data/, and cross-origin
// isolation on every response: performance.now() is then precise to 5 µs
// in Chromium instead of 100 µs.
import { fileURLToPath } from 'node:url';
import { serve } from '../e2e/harness.mjs';

// (no trailing slash: the server checks paths against `dir + sep`)
const HERE = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
const DATA = fileURLToPath(new URL('../../target/bench/data', import.meta.url));
// the storefront engine's ESM glue, as `make build` leaves it before bundling
const GEN = fileURLToPath(new URL('../../target/gen/storefront', import.meta.url));

/** A storefront page with the script tag as operators embed it. */
export function storefrontPage({ config = {}, page = 'product', control = false } = {}) {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Benchmark page</title>
<script>
// Engine ready: the loader sets data-stammkunde on <html> once the wasm is instantiated.
new MutationObserver((list, obs) => {
  if (document.documentElement.hasAttribute('data-stammkunde')) {
    window.__benchReady = performance.now();
    obs.disconnect();
  }
}).observe(document.documentElement, { attributes: true });
${control ? "window.__benchControl = true;\nwindow.addEventListener('pointermove', function benchEmptyListener() {}, { passive: true, capture: true });" : ''}
</script>
<script async src="/dist/stammkunde.js" data-page="${page}" data-currency="EUR" data-cart-value="49,90" data-cart-items="2"></script>
<script type="application/json" id="stammkunde-config">${JSON.stringify(config)}</script>
</head>
<body style="margin:0;font:16px/1.5 sans-serif">
<nav style="height:56px;background:#333;color:#fff;padding:0 16px">Kaffeerösterei Morgenrot</nav>
<main id="main" style="padding:16px">
<h1>Espresso Napoli, 1 kg</h1>
${'<p>Kräftig, schokoladig, wenig Säure. Für Siebträger und Kocher. Versandkostenfrei ab 40 €.</p>\n'.repeat(40)}
</main>
</body>
</html>`;
}

/** Starts the bench server; `pages` maps /bench/page/<name> to HTML. */
export async function benchServer(pages = {}, mounts = {}) {
  return serve({
    mounts: { '/bench/': HERE, '/bench-data/': DATA, '/bench-gen/': GEN, ...mounts },
    handler(req, res) {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
      const path = new URL(req.url, 'http://x').pathname;
      const m = path.match(/^\/bench\/page\/([\w-]+)$/);
      if (!m) return false;
      const html = pages[m[1]];
      if (html === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html);
      }
      return true;
    },
  });
}
