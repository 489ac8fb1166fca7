// The storefront script as a guest on pages that go wrong: a broken wasm,
// a strict Content-Security-Policy, storage that throws or holds garbage,
// broken config, a second copy of the script, a page that owns
// window.Stammkunde or polluted prototypes, a failing voucher endpoint, an
// iframe, no <body> yet. In every case: no uncaught exception reaches the
// page, the shop's own counter keeps working, no popup appears (except with
// the recommended CSP, where everything works), and at most one console
// warning names the cause.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, serve } from './harness.mjs';

const PAGES = new URL('./pages', import.meta.url).pathname;
const TEMPLATE = readFileSync(`${PAGES}/shop.html`, 'utf8');
const DIST = new URL('../../dist/', import.meta.url).pathname;

const XSS = '<img src=x onerror="window.__xss=1">';

// A config with which a voucher popup shows at once on exit intent (and the
// visitor state is stored: consent is not what these tests are about).
const CONFIG = {
  lang: 'de',
  holdout: 0,
  consent: 'granted',
  intent: { minTimeOnPage: 0, pages: ['home', 'category', 'product', 'cart', 'checkout', 'other'] },
  voucher: { code: 'TREUE10', value: '10 %', min: 10 },
};
const TAG = '<script async src="/dist/stammkunde.js" data-page="product" data-cart-value="49,80" data-cart-items="2"></script>';
const inline = (config) => `<script type="application/json" id="stammkunde-config">${typeof config === 'string' ? config : JSON.stringify(config)}</script>`;

// Test pages by id: { head, body, csp }.
const specs = new Map();
let pageCount = 0;
function fault(spec) {
  const id = String(++pageCount);
  specs.set(id, { head: inline(CONFIG), body: TAG, ...spec });
  return `/fault/${id}/`;
}

let wasm;
const slow = new Set();
function handler(req, res) {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  const m = path.match(/^\/fault\/(\d+)\/$/);
  if (m && specs.has(m[1])) {
    const s = specs.get(m[1]);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (s.csp) headers['content-security-policy'] = s.csp;
    res.writeHead(200, headers).end(TEMPLATE.replace('<!--HEAD-->', s.head).replace('<!--BODY-->', s.body));
    return true;
  }
  const send = (status, type, body) => (res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body), true);
  switch (path) {
    case '/fault-wasm/404.wasm':
      return send(404, 'text/plain', 'not found');
    case '/fault-wasm/truncated.wasm':
      return send(200, 'application/wasm', wasm.subarray(0, wasm.length >> 1));
    case '/fault-wasm/text.wasm':
      return send(200, 'text/plain', wasm);
    case '/fault-wasm/page.wasm': // a shop that answers every URL with its home page
      return send(200, 'text/html; charset=utf-8', '<!doctype html><title>Startseite</title><p>Willkommen');
    case '/fault-api/voucher-ok':
      return send(200, 'application/json', JSON.stringify({ code: 'UNIQUE-42' }));
    case '/fault-api/voucher-xss':
      return send(200, 'application/json', JSON.stringify({ code: XSS, value: XSS, conditions: XSS }));
    case '/fault-api/voucher-error':
      return send(503, 'application/json', '{"error":"maintenance"}');
    case '/fault-api/voucher-malformed':
      return send(200, 'application/json', '{"code": "UNIQUE-4');
    case '/fault-api/voucher-html':
      return send(200, 'text/html', '<!doctype html><h1>Login</h1>');
    case '/fault-api/voucher-slow':
      slow.add(setTimeout(() => send(200, 'application/json', '{"code":"LATE"}'), 2500));
      return true;
    case '/fault-api/config-malformed':
      return send(200, 'application/json', '{"lang": "de",');
    default:
      return false;
  }
}

let server, browser;
before(async () => {
  wasm = readFileSync(`${DIST}/stammkunde.wasm`);
  server = await serve({ mounts: { '/test/': PAGES }, handler });
  browser = await launch();
});
after(async () => {
  for (const t of slow) clearTimeout(t);
  await browser?.close();
  await server?.close();
});

/**
 * Opens `path` (after `init` ran in every frame, before any page script),
 * lets the script settle, checks the shop's counter, optionally moves the
 * mouse out through the top (exit intent) and reports what happened.
 */
async function visit(path, { init, arg, intent = true, frame = false, wait = 600 } = {}) {
  const context = await browser.newContext();
  if (init) await context.addInitScript(init, arg);
  const page = await context.newPage();
  const seen = { pageErrors: [], warnings: [], errors: [] };
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'warning') seen.warnings.push(text);
    // The browser's own network log ("Failed to load resource") is not ours.
    if (msg.type() === 'error' && !text.startsWith('Failed to load resource')) seen.errors.push(text);
  });
  await page.goto(server.base + path);
  const target = frame ? page.frameLocator('#shop') : page;
  await target.locator('#count').waitFor();
  // Settled: the engine is ready, or a warning said why not.
  for (let t = 0; t < 100 && !seen.warnings.length && !(await target.locator('html[data-stammkunde]').count()); t++) await page.waitForTimeout(50);
  await page.waitForTimeout(wait);
  // The shop's own script works.
  await target.locator('#add').click();
  await target.locator('#add').click();
  seen.count = await target.locator('#count').textContent();
  if (intent) {
    await page.mouse.move(640, 420, { steps: 4 });
    await page.waitForTimeout(200);
    await page.mouse.move(640, -20, { steps: 12 });
    await page.waitForTimeout(900);
    // A loaded machine shows the popup (or warns) later: wait for either, bounded.
    for (let t = 0; t < 200 && !seen.warnings.length && !(await target.locator('stammkunde-popup').count()); t++) await page.waitForTimeout(100);
  }
  seen.popups = await target.locator('stammkunde-popup').count();
  seen.page = page;
  seen.close = () => context.close();
  return seen;
}

/** The checks every fault case shares; `cause` must match the one warning, if any. */
function guest(seen, { cause, warnings = cause ? 1 : 0, popups = 0 } = {}) {
  assert.deepEqual(seen.pageErrors, [], 'no uncaught exception');
  assert.deepEqual(seen.errors, [], 'no console error');
  assert.equal(seen.count, '2', "the shop's counter works");
  assert.equal(seen.popups, popups, 'popups');
  const ours = seen.warnings;
  assert.ok(ours.length <= 1, `at most one warning: ${ours.join('\n')}`);
  assert.equal(ours.length, warnings, `warnings: ${ours.join('\n')}`);
  if (cause) assert.match(ours[0], cause);
}

// ---- the wasm --------------------------------------------------------------

for (const [name, file, cause] of [
  ['is missing (404)', '404.wasm', /could not load the engine from .*404\.wasm/],
  ['is truncated', 'truncated.wasm', /could not load the engine from .*truncated\.wasm/],
  ['is an HTML page', 'page.wasm', /could not load the engine from .*page\.wasm/],
]) {
  test(`the wasm ${name}: one warning, no popup`, async () => {
    const seen = await visit(fault({ body: TAG.replace('<script', `<script data-wasm-url="/fault-wasm/${file}"`) }));
    guest(seen, { cause });
    await seen.close();
  });
}

test('the wasm served as text/plain: the engine runs, no warning', async () => {
  const seen = await visit(fault({ body: TAG.replace('<script', '<script data-wasm-url="/fault-wasm/text.wasm"') }), { intent: false });
  guest(seen);
  assert.ok(await seen.page.evaluate(() => window.Stammkunde.ready.then(() => true)));
  await seen.close();
});

// ---- Content-Security-Policy -----------------------------------------------

test("a CSP without 'wasm-unsafe-eval' blocks the engine: one warning, no popup", async () => {
  const seen = await visit(fault({ csp: "script-src 'self'" }));
  guest(seen, { cause: /could not load the engine.*(unsafe-eval|Content Security Policy)/i });
  await seen.close();
});

test("with script-src 'self' 'wasm-unsafe-eval' everything works, popup included", async () => {
  const seen = await visit(fault({ csp: "script-src 'self' 'wasm-unsafe-eval'" }));
  guest(seen, { popups: 1 });
  assert.equal(await seen.page.locator('stammkunde-popup output').textContent(), 'TREUE10');
  assert.equal(await seen.page.evaluate(() => typeof window.Stammkunde.version), 'string');
  await seen.close();
});

test("a strict style-src ('self', no 'unsafe-inline') does not unstyle the popup", async () => {
  const seen = await visit(fault({ csp: "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'" }));
  guest(seen, { popups: 1 });
  const radius = await seen.page.evaluate(() => getComputedStyle(document.querySelector('stammkunde-popup').shadowRoot.querySelector('dialog')).borderRadius);
  assert.equal(radius, '12px');
  await seen.close();
});

// ---- storage -----------------------------------------------------------------

const throwingStorage = () => {
  for (const name of ['localStorage', 'sessionStorage']) {
    Object.defineProperty(window, name, {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  }
};

test('localStorage and sessionStorage throw on access: silent memory, the popup still works', async () => {
  const seen = await visit(fault({}), { init: throwingStorage });
  guest(seen, { popups: 1 });
  await seen.close();
});

for (const [name, value] of [
  ['garbage', '}{ not json'],
  ['another version', JSON.stringify({ v: 99, id: 'abcdef0123456789', visits: 'many', h: 'x' })],
  ['a hostile state', JSON.stringify({ v: 1, id: 'abcdef0123456789', visits: 1e300, sub: 0, h: { voucher: ['<img src=x onerror=window.__xss=1>', -5, null] }, s: { start: 'x', lp: '<script>' } })],
  ['an array', '[1,2,3]'],
  ['null', 'null'],
]) {
  test(`stored state is ${name}: ignored, no warning`, async () => {
    const init = (text) => {
      try {
        localStorage.setItem('stammkunde', text);
        sessionStorage.setItem('stammkunde', text);
      } catch {
        // storage off: nothing to plant
      }
    };
    const seen = await visit(fault({}), { init, arg: value, intent: false });
    guest(seen);
    assert.equal(await seen.page.evaluate(() => window.__xss), undefined);
    // A fresh, valid state replaced it.
    const stored = JSON.parse(await seen.page.evaluate(() => localStorage.getItem('stammkunde')));
    assert.equal(stored.v, 1);
    await seen.close();
  });
}

// ---- config ------------------------------------------------------------------

// A config that cannot be read gives the defaults, which configure no popup;
// a single bad field gets its default and the rest of the config works.
for (const [name, head, cause, popups] of [
  ['malformed JSON', inline('{"lang": "de", intent: }'), /inline config is not valid JSON/, 0],
  ['of the wrong type (a list)', inline('[1, 2]'), /config must be a JSON object/, 0],
  ['holding a field of the wrong type', inline({ ...CONFIG, intent: { ...CONFIG.intent, sensitivity: 42 } }), /"intent\.sensitivity"/, 1],
  ['holding a popup text of the wrong type', inline({ ...CONFIG, voucher: { ...CONFIG.voucher, title: ['x'] } }), /"voucher\.title"/, 1],
  ['holding an unknown field', inline({ ...CONFIG, popupz: true }), /"popupz" is unknown/, 1],
  ['missing', '', null, 0],
  ['a data-config URL that answers malformed JSON', '', /could not load the config from \/fault-api\/config-malformed/, 0],
]) {
  test(`config ${name}: ${cause ? 'one warning' : 'defaults, no warning'}, ${popups ? 'the popup works' : 'no popup'}`, async () => {
    const body = name.startsWith('a data-config') ? TAG.replace('<script', '<script data-config="/fault-api/config-malformed"') : TAG;
    const seen = await visit(fault({ head, body }));
    guest(seen, { cause, popups });
    await seen.close();
  });
}

// ---- the page ------------------------------------------------------------------

test('the script included twice: one engine, no warning', async () => {
  const seen = await visit(fault({ body: TAG + TAG }));
  guest(seen, { popups: 1 });
  assert.equal(seen.warnings.length, 0);
  await seen.close();
});

test('the page defines window.Stammkunde already: left alone, one warning', async () => {
  const seen = await visit(fault({ head: inline(CONFIG) + '<script src="/test/own-stammkunde.js"></script>' }));
  guest(seen, { cause: /window\.Stammkunde is already defined/ });
  assert.deepEqual(await seen.page.evaluate(() => window.Stammkunde), { shop: 'mine' });
  await seen.close();
});

const pollute = () => {
  // Enumerable junk, as old libraries and prototype-pollution bugs leave it;
  // names the config and the popup use, and markup in values.
  for (const [k, v] of Object.entries({
    polluted: 'yes',
    lang: 'xx',
    intent: { enabled: false },
    enabled: false,
    code: '<img src=x onerror="window.__xss=1">',
    onclick: 'window.__xss=2',
    'data-x': '1',
    kind: 'voucher',
  })) {
    Object.prototype[k] = v;
  }
  Array.prototype.extra = function () {
    return 'polluted';
  };
  Array.prototype.polluted = 'yes';
};

test('polluted Object.prototype and Array.prototype: everything works, no warning', async () => {
  const seen = await visit(fault({}), { init: pollute });
  guest(seen, { popups: 1 });
  assert.equal(await seen.page.locator('stammkunde-popup output').textContent(), 'TREUE10');
  assert.equal(await seen.page.evaluate(() => window.__xss), undefined);
  const attrs = await seen.page.evaluate(() => [...document.querySelector('stammkunde-popup').shadowRoot.querySelectorAll('*')].flatMap((e) => e.getAttributeNames()));
  assert.ok(!attrs.includes('onclick') && !attrs.includes('polluted'), attrs.join(' '));
  await seen.close();
});

// ---- the voucher endpoint ---------------------------------------------------

// A success path waits as long as the product allows (a loaded machine answers late); a failure path gets 1 s.
const withEndpoint = (endpoint, timeout = 1000) => inline({ ...CONFIG, timeout, voucher: { ...CONFIG.voucher, code: undefined, endpoint } });

test('the voucher endpoint answers: its code is shown', async () => {
  const seen = await visit(fault({ head: withEndpoint('/fault-api/voucher-ok', 30000) }));
  guest(seen, { popups: 1 });
  assert.equal(await seen.page.locator('stammkunde-popup output').textContent(), 'UNIQUE-42');
  await seen.close();
});

for (const [name, endpoint, cause] of [
  ['is slow (times out)', '/fault-api/voucher-slow', /no answer within 1000 ms/],
  ['returns an HTTP error', '/fault-api/voucher-error', /HTTP 503/],
  ['returns malformed JSON', '/fault-api/voucher-malformed', /voucher endpoint .* failed/],
  ['returns an HTML page', '/fault-api/voucher-html', /voucher endpoint .* failed/],
]) {
  test(`the voucher endpoint ${name}: no popup, one warning`, async () => {
    const seen = await visit(fault({ head: withEndpoint(endpoint) }), { wait: 300 });
    await seen.page.waitForTimeout(endpoint.includes('slow') ? 800 : 0);
    seen.popups = await seen.page.locator('stammkunde-popup').count();
    guest(seen, { cause });
    await seen.close();
  });
}

test('a voucher code, value and conditions from the endpoint carrying markup are shown as text', async () => {
  const seen = await visit(fault({ head: withEndpoint('/fault-api/voucher-xss') }));
  guest(seen, { popups: 1 });
  const root = await seen.page.evaluate(() => {
    const r = document.querySelector('stammkunde-popup').shadowRoot;
    return { code: r.querySelector('output').textContent, text: r.textContent, images: r.querySelectorAll('img').length };
  });
  assert.equal(root.code, XSS);
  assert.equal(root.text.split(XSS).length - 1 >= 2, true, root.text);
  assert.equal(root.images, 0);
  assert.equal(await seen.page.evaluate(() => window.__xss), undefined);
  await seen.close();
});

test('setContext with markup in the segment and odd values: no effect on the page, one warning per bad field', async () => {
  const seen = await visit(fault({}), { intent: false });
  await seen.page.evaluate((x) => {
    window.Stammkunde.setContext({ customerSegment: x, cartValue: '1e400', cartItems: -3, currency: x, page: x });
    window.Stammkunde.setContext(null);
  }, XSS);
  await seen.page.waitForTimeout(200);
  assert.deepEqual(seen.pageErrors, []);
  assert.equal(await seen.page.evaluate(() => window.__xss), undefined);
  assert.equal(await seen.page.evaluate(() => document.querySelectorAll('img').length), 0);
  // cartValue, cartItems, currency, page and the null call each named once
  assert.equal(seen.warnings.length, 5, seen.warnings.join('\n'));
  await seen.close();
});

// ---- where the script runs --------------------------------------------------

test('the page inside an iframe: the shop works, no exit intent and no popup, one warning', async () => {
  // Leaving a frame is not leaving the shop: the pointer only moves to the
  // page around it.
  const inner = fault({});
  const seen = await visit(`/test/frame.html?src=${encodeURIComponent(inner)}`, { frame: true });
  guest(seen, { cause: /inside a frame/ });
  await seen.close();
});

test('no <body> yet when the script runs (a plain script tag in <head>)', async () => {
  const seen = await visit(fault({ head: inline(CONFIG) + TAG.replace(' async', ''), body: '' }));
  guest(seen, { popups: 1 });
  await seen.close();
});
