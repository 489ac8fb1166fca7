import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ARTIFACTS, launch, open, serve } from './harness.mjs';

const version = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8').match(/^version = "(.+)"/m)[1];
let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const path of ['/', '/kategorie/', '/produkt/', '/warenkorb/', '/kasse/', '/danke/']) {
  test(`storefront ${path} loads the engine without errors`, async () => {
    const { page, context, log } = await open(browser, server.base + path);
    const v = await page.evaluate(() => window.Stammkunde.ready.then((api) => api.version));
    assert.equal(v, version);
    assert.ok(log.console.some((l) => l === `info: [Stammkunde] ${version} ready`), log.console.join('\n'));
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
    await context.close();
  });
}

test('the wasm is served as application/wasm next to the script', async () => {
  const res = await fetch(`${server.base}/dist/stammkunde.wasm`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
});

test('admin page shows the engine version', async () => {
  const { page, context, log } = await open(browser, `${server.base}/admin/`);
  await page.waitForSelector('stammkunde-status[version]');
  assert.equal(await page.getAttribute('stammkunde-status', 'version'), version);
  await page.screenshot({ path: `${ARTIFACTS}/admin-foundation.png` });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a second copy of the script tag initialises once', async () => {
  const { page, context, log } = await open(browser, `${server.base}/produkt/`);
  await page.evaluate(() => window.Stammkunde.ready);
  const first = await page.evaluate(() => window.Stammkunde);
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const s = document.createElement('script');
        s.src = '/dist/stammkunde.js';
        s.onload = resolve;
        document.head.append(s);
      }),
  );
  assert.deepEqual(await page.evaluate(() => window.Stammkunde), first);
  const ready = log.console.filter((l) => l.includes('ready'));
  assert.equal(ready.length, 1);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('data-wasm-url overrides where the wasm is loaded from', async () => {
  const { page, context, log } = await open(browser, 'about:blank');
  await page.goto(`${server.base}/404-page-for-test`).catch(() => {});
  // The admin wasm needs the admin glue's imports, so the override points at
  // the storefront wasm under a URL of its own; the request proves it was used.
  const wasmUrl = `${server.base}/dist/stammkunde.wasm?from=data-wasm-url`;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(`<script async src="${server.base}/dist/stammkunde.js" data-wasm-url="${wasmUrl}"></script>`);
  const v = await page.evaluate(() => new Promise((r) => { const t = setInterval(() => { if (window.Stammkunde) { clearInterval(t); window.Stammkunde.ready.then((a) => r(a.version), (e) => r(String(e))); } }, 10); }));
  assert.equal(v, version);
  assert.ok(requests.includes(wasmUrl), requests.join(', '));
  assert.deepEqual(log.errors.filter((e) => !e.includes('404')), []);
  await context.close();
});
