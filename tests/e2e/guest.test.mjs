// The storefront script as a guest on pages built the way real shops build
// them: a Trusted Types CSP, a <base href> pointing elsewhere, elements
// named like our globals, a 10 px rem base, a router that forbids
// pushState, configs far too large, and host APIs the page wrapped or
// broke. Each case: the shop is not broken, nothing of ours throws into
// the page, and the product either works or says why in one warning.
import { after, before, test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve } from './harness.mjs';

// A guard against a hang only (a product that never answers); the tests wait on what the product does.
const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);

// A config with which a voucher popup shows at once.
const CONFIG = {
  lang: 'de',
  holdout: 0,
  // endpoints answer late on a loaded machine; the product's own limit is 3 s
  timeout: 30000,
  intent: { minTimeOnPage: 0, pages: ['home', 'category', 'product', 'cart', 'checkout', 'other'] },
  voucher: { code: 'TREUE10', value: '10 %', min: 10 },
};
const TAG = '<script async src="/dist/stammkunde.js" data-page="product" data-cart-value="49,80" data-cart-items="2"></script>';
const inline = (config) => `<script type="application/json" id="stammkunde-config">${JSON.stringify(config)}</script>`;
const PAGE = (head, body) =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Testshop</title>${head}</head>` +
  `<body><main><h1>Testshop</h1><p>Eine Seite, auf der Stammkunde zu Gast ist.</p><button id="add" type="button">In den Warenkorb</button></main>${body}</body></html>`;

// Test pages by id: { head, body, csp }; configs served by id.
const specs = new Map();
const configs = new Map();
let count = 0;
function page(spec) {
  const id = String(++count);
  specs.set(id, { head: inline(CONFIG), body: TAG, ...spec });
  return `/guest/${id}/`;
}

function handler(req, res) {
  const url = new URL(req.url, 'http://x');
  const m = url.pathname.match(/^\/guest\/(\d+)\/$/);
  if (m && specs.has(m[1])) {
    const s = specs.get(m[1]);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (s.csp) headers['content-security-policy'] = s.csp;
    res.writeHead(200, headers).end(PAGE(s.head, s.body));
    return true;
  }
  const c = url.pathname.match(/^\/g-api\/config\/(\d+)$/);
  if (c && configs.has(c[1])) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(configs.get(c[1])));
    return true;
  }
  if (url.pathname === '/g-api/voucher-huge') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'GROSS', value: 'v'.repeat(1 << 20), conditions: 'c'.repeat(1 << 20) }));
    return true;
  }
  if (url.pathname === '/g-api/voucher') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"UNIQUE-7"}');
    return true;
  }
  if (url.pathname === '/g-api/newsletter' || url.pathname === '/g-api/beacon') {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
    return true;
  }
  return false;
}

let server, browser, origin, foreign;
before(async () => {
  server = await serve({ handler });
  browser = await launch();
  origin = server.base;
  // the same server under another host name: another origin
  foreign = origin.replace('127.0.0.1', 'localhost');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Opens `path` (after `init` ran, before any page script) and records
 * page errors, console warnings and errors (ours and the browser's) and
 * every request.
 */
async function visit(path, { init, arg } = {}) {
  const context = await browser.newContext();
  if (init) await context.addInitScript(init, arg);
  const page = await context.newPage();
  const seen = { pageErrors: [], warnings: [], errors: [], requests: [] };
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  page.on('console', (msg) => {
    if (msg.type() === 'warning') seen.warnings.push(msg.text());
    if (msg.type() === 'error') seen.errors.push(msg.text());
  });
  context.on('request', (r) => seen.requests.push(r.url()));
  await page.goto(origin + path);
  seen.page = page;
  seen.close = () => context.close();
  return seen;
}

/** Resolves once window.Stammkunde exists and its engine is ready (true) or failed (false). */
const ready = (page) =>
  page.waitForFunction(() => !!(window.Stammkunde && window.Stammkunde.ready), null, { timeout: 30000 }).then(() =>
    page.evaluate(() => window.Stammkunde.ready.then(() => true, () => false)),
  );

const show = (page, kind = 'voucher') => page.evaluate((k) => window.Stammkunde.show(k), kind);
const ours = (seen) => seen.warnings.filter((w) => w.startsWith('[Stammkunde]'));

/** Moves the mouse into the page, clicks the shop's button, and leaves through the top edge. */
async function exitThroughTop(page) {
  await page.mouse.move(640, 420, { steps: 4 });
  await page.locator('#add').click();
  await page.mouse.move(640, 300, { steps: 4 });
  await page.mouse.move(640, -20, { steps: 12 });
}

function noHarm(seen) {
  assert.deepEqual(seen.pageErrors, [], 'no uncaught exception');
}

// ---- Trusted Types -----------------------------------------------------------

const TT = "require-trusted-types-for 'script'";
const TT_BROWSER_ERROR = /TrustedScriptURL|TrustedHTML|Trusted Type/;

for (const [name, csp] of [
  ["require-trusted-types-for 'script'", TT],
  ['and a trusted-types list naming stammkunde', `${TT}; trusted-types shop-policy stammkunde`],
]) {
  test(`Trusted Types (${name}): the popup UI and the debug overlay load`, async () => {
    const seen = await visit(page({ csp }) + '?stammkunde-debug');
    assert.equal(await ready(seen.page), true);
    await seen.page.locator('#stammkunde-debug').waitFor({ state: 'attached', timeout: 30000 });
    assert.equal(await show(seen.page), true, 'the popup shows');
    assert.equal(await seen.page.locator('stammkunde-popup output').textContent(), 'TREUE10');
    noHarm(seen);
    assert.deepEqual(seen.errors.filter((e) => TT_BROWSER_ERROR.test(e)), [], 'no Trusted Types violation');
    assert.deepEqual(ours(seen), []);
    await seen.close();
  });
}

test('Trusted Types with a trusted-types list without stammkunde: no popup, exactly one warning naming the fix', async () => {
  const seen = await visit(page({ csp: `${TT}; trusted-types shop-policy` }) + '?stammkunde-debug');
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page), false);
  assert.equal(await show(seen.page), false, 'asked twice, still no popup');
  noHarm(seen);
  assert.equal(await seen.page.locator('stammkunde-popup').count(), 0);
  const tt = ours(seen).filter((w) => /Trusted Types/.test(w));
  assert.equal(tt.length, 1, ours(seen).join('\n'));
  assert.match(tt[0], /trusted-types/);
  assert.match(tt[0], /stammkunde/);
  assert.equal(ours(seen).length, 1, ours(seen).join('\n'));
  await seen.close();
});

// ---- <base href> elsewhere ---------------------------------------------------

test('<base href> on another origin: every configured relative URL is resolved against the page and fetched there', async () => {
  const id = String(configs.size + 1);
  configs.set(id, {
    ...CONFIG,
    beacon: '/g-api/beacon',
    voucher: { ...CONFIG.voucher, code: undefined, endpoint: '/g-api/voucher' },
    service: { faq: '/hilfe', chat: 'chat', pages: ['product'] },
    newsletter: { url: '/g-api/newsletter', privacyUrl: '/datenschutz' },
  });
  // The script's own src is absolute, as a shop with a foreign base writes it.
  const body = `<script async src="${origin}/dist/stammkunde.js" data-config="/g-api/config/${id}" data-wasm-url="/dist/stammkunde.wasm" data-page="product"></script>`;
  const path = page({ head: `<base href="${foreign}/elsewhere/">`, body });
  const seen = await visit(path);
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page, 'voucher'), true);
  assert.equal(await seen.page.locator('stammkunde-popup output').textContent(), 'UNIQUE-7');
  await seen.page.locator('stammkunde-popup button.x').click();
  assert.equal(await show(seen.page, 'service'), true);
  const links = await seen.page.locator('stammkunde-popup a').evaluateAll((list) => list.map((a) => a.href));
  assert.deepEqual(links, [`${origin}/guest/${count}/chat`, `${origin}/hilfe`]);
  await seen.page.locator('stammkunde-popup button.x').click();
  assert.equal(await show(seen.page, 'newsletter'), true);
  assert.equal(await seen.page.locator('stammkunde-popup a').evaluate((a) => a.href), `${origin}/datenschutz`);
  await seen.page.locator('stammkunde-popup input').fill('kunde@example.de');
  await seen.page.locator('stammkunde-popup button[type=submit]').click();
  await seen.page.locator('stammkunde-popup p[role=status]:not(.e)').waitFor({ timeout: 30000 });
  noHarm(seen);
  const api = (p) => seen.requests.filter((u) => new URL(u).pathname.startsWith(p));
  for (const p of [`/g-api/config/${id}`, '/g-api/voucher', '/g-api/beacon', '/g-api/newsletter', '/dist/stammkunde.wasm']) {
    assert.ok(api(p).length >= 1, `${p} requested: ${seen.requests.join('\n')}`);
  }
  const away = seen.requests.filter((u) => !u.startsWith(`${origin}/`));
  assert.deepEqual(away, [], 'no request leaves the page origin');
  assert.deepEqual(ours(seen), []);
  await seen.close();
});

test('<base href> on another origin: an absolute URL the operator configured is used as configured', async () => {
  const config = { ...CONFIG, newsletter: { url: `${foreign}/g-api/newsletter` } };
  const seen = await visit(page({ head: `<base href="${foreign}/elsewhere/">${inline(config)}`, body: TAG.replace('src="/dist/', `src="${origin}/dist/`) }));
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page, 'newsletter'), true);
  await seen.page.locator('stammkunde-popup input').fill('kunde@example.de');
  // (the answer lacks CORS headers: the request is what counts here)
  const sent = seen.page.waitForRequest(`${foreign}/g-api/newsletter`, { timeout: 30000 });
  await seen.page.locator('stammkunde-popup button[type=submit]').click();
  await sent;
  noHarm(seen);
  await seen.close();
});

// ---- names the page already uses -------------------------------------------

test('elements named Stammkunde and __stammkunde (window named properties) do not make the product inactive', async () => {
  const head = inline(CONFIG);
  const body = '<section id="Stammkunde"><h2>Stammkunde werden</h2></section><div id="__stammkunde"></div>' + TAG;
  const seen = await visit(page({ head, body }));
  assert.equal(await ready(seen.page), true);
  assert.equal(await seen.page.evaluate(() => typeof window.Stammkunde.version), 'string');
  assert.equal(await show(seen.page), true);
  noHarm(seen);
  assert.deepEqual(ours(seen), []);
  await seen.close();
});

test('an injected <img name="currentScript"> (DOM clobbering) cannot choose where the script loads its files from', async () => {
  const body = '<img name="currentScript" src="/evil/pixel.png" alt="">' + TAG;
  const seen = await visit(page({ body }));
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page), true);
  assert.deepEqual(seen.requests.filter((u) => u.includes('/evil/') && !u.endsWith('pixel.png')), []);
  noHarm(seen);
  await seen.close();
});

test('an element with id="__stammkundeUI": the popup UI still loads', async () => {
  const seen = await visit(page({ body: '<div id="__stammkundeUI"></div><div id="__stammkundeDebug"></div>' + TAG }));
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page), true);
  noHarm(seen);
  assert.deepEqual(ours(seen), []);
  await seen.close();
});

// ---- the host's root font size -------------------------------------------------

test('html { font-size: 62.5% }: the popup keeps its designed sizes', async () => {
  const seen = await visit(page({ head: '<style>html{font-size:62.5%}</style>' + inline(CONFIG) }));
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page), true);
  const sizes = await seen.page.evaluate(() => {
    const root = document.querySelector('stammkunde-popup').shadowRoot;
    const css = (sel, prop) => getComputedStyle(root.querySelector(sel))[prop];
    return {
      width: Math.round(root.querySelector('dialog').getBoundingClientRect().width),
      text: css('p', 'fontSize'),
      title: css('h2', 'fontSize'),
      padding: css('.in', 'paddingTop'),
      code: css('output', 'fontSize'),
    };
  });
  assert.deepEqual(sizes, { width: 448, text: '16px', title: '20.8px', padding: '24px', code: '20px' });
  noHarm(seen);
  await seen.close();
});

// ---- a router ------------------------------------------------------------------

test('history.pushState throws (a router forbids it): only the back-button signal is off, a top-edge exit still fires', async () => {
  const init = () => {
    history.pushState = () => {
      throw new Error('router: pushState is disabled here');
    };
  };
  const config = { ...CONFIG, intent: { ...CONFIG.intent, backButton: true } };
  const seen = await visit(page({ head: inline(config) }), { init });
  assert.equal(await ready(seen.page), true);
  const shown = seen.page.evaluate(() => new Promise((r) => document.addEventListener('stammkunde:show', (e) => r(e.detail.kind), { once: true })));
  await exitThroughTop(seen.page);
  assert.equal(await shown, 'voucher');
  await seen.page.locator('stammkunde-popup dialog[open]').waitFor({ timeout: 30000 });
  noHarm(seen);
  assert.ok(ours(seen).length <= 1, ours(seen).join('\n'));
  assert.ok(!ours(seen).some((w) => /exit intent stopped/.test(w)), ours(seen).join('\n'));
  await seen.close();
});

// ---- configs far too large -------------------------------------------------------

test('a config with 5,000 unknown fields: a few warnings and one count, the popup works', async () => {
  const config = { ...CONFIG, voucher: { ...CONFIG.voucher } };
  for (let i = 0; i < 2500; i++) config[`field${i}`] = i;
  for (let i = 0; i < 2500; i++) config.voucher[`extra${i}`] = i;
  const seen = await visit(page({ head: inline(config) }));
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page), true);
  noHarm(seen);
  const w = ours(seen);
  assert.ok(w.length >= 2 && w.length <= 6, `${w.length} warnings:\n${w.slice(0, 8).join('\n')}`);
  assert.ok(w.some((x) => /5,?000 unknown/.test(x)), w.join('\n'));
  await seen.close();
});

test('a 1 MB popup text in the config: shortened with one warning', async () => {
  const config = { ...CONFIG, voucher: { ...CONFIG.voucher, text: 'Sehr langer Text. '.repeat(60000), conditions: { de: 'x'.repeat(1 << 20), en: 'y' } } };
  const seen = await visit(page({ head: inline(config) }));
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page), true);
  const lengths = await seen.page.evaluate(() => {
    const root = document.querySelector('stammkunde-popup').shadowRoot;
    return { text: root.querySelector('#sk-d').textContent.length, all: root.textContent.length };
  });
  assert.ok(lengths.text <= 1000 && lengths.text > 500, JSON.stringify(lengths));
  assert.ok(lengths.all <= 3000, JSON.stringify(lengths));
  noHarm(seen);
  const w = ours(seen);
  assert.equal(w.length, 2, w.join('\n'));
  assert.ok(w.some((x) => /"voucher\.text"/.test(x)) && w.some((x) => /"voucher\.conditions\.de"/.test(x)), w.join('\n'));
  await seen.close();
});

test('a voucher endpoint answering 1 MB texts: shown shortened', async () => {
  const seen = await visit(page({ head: inline({ ...CONFIG, voucher: { ...CONFIG.voucher, code: undefined, endpoint: '/g-api/voucher-huge' } }) }));
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page), true);
  assert.equal(await seen.page.locator('stammkunde-popup output').textContent(), 'GROSS');
  const all = await seen.page.evaluate(() => document.querySelector('stammkunde-popup').shadowRoot.textContent.length);
  assert.ok(all <= 3000, `${all} characters`);
  noHarm(seen);
  await seen.close();
});

test('setContext with 5,000 unknown fields: a few warnings and one count', async () => {
  const seen = await visit(page({}));
  assert.equal(await ready(seen.page), true);
  await seen.page.evaluate(() => {
    const patch = { cartValue: 12 };
    for (let i = 0; i < 5000; i++) patch[`f${i}`] = i;
    window.Stammkunde.setContext(patch);
  });
  assert.equal(await seen.page.evaluate(() => window.Stammkunde.context.cartValue), 12);
  const w = ours(seen);
  assert.ok(w.length <= 6, `${w.length} warnings`);
  assert.ok(w.some((x) => /5,?000 unknown/.test(x)), w.join('\n'));
  noHarm(seen);
  await seen.close();
});

// ---- host APIs the page wrapped or broke ---------------------------------------

test('fetch throws synchronously (a wrapper that blocks): window.Stammkunde exists, one warning, no exception', async () => {
  const init = () => {
    window.fetch = () => {
      throw new TypeError('blocked by the shop');
    };
  };
  const seen = await visit(page({}), { init });
  assert.equal(await ready(seen.page), false);
  assert.equal(await seen.page.evaluate(() => typeof window.Stammkunde.setContext), 'function');
  await seen.page.evaluate(() => window.Stammkunde.setContext({ cartValue: 5 }));
  noHarm(seen);
  assert.equal(ours(seen).length, 1, ours(seen).join('\n'));
  assert.match(ours(seen)[0], /could not load the engine.*blocked by the shop/);
  await seen.close();
});

test('navigator.sendBeacon throws: the popup and its events still work', async () => {
  const init = () => {
    Navigator.prototype.sendBeacon = () => {
      throw new TypeError('beacons are off');
    };
  };
  const seen = await visit(page({ head: inline({ ...CONFIG, beacon: '/g-api/beacon' }) }), { init });
  assert.equal(await ready(seen.page), true);
  const event = seen.page.evaluate(() => new Promise((r) => document.addEventListener('stammkunde:show', () => r(true), { once: true })));
  assert.equal(await show(seen.page), true);
  assert.equal(await event, true);
  noHarm(seen);
  assert.deepEqual(ours(seen), []);
  await seen.close();
});

test('Element.prototype.attachShadow patched to throw: no popup, one warning, no exception', async () => {
  const init = () => {
    Element.prototype.attachShadow = () => {
      throw new DOMException('shadow roots are not allowed here', 'NotSupportedError');
    };
  };
  const seen = await visit(page({}), { init });
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page), false);
  noHarm(seen);
  assert.equal(await seen.page.locator('stammkunde-popup').count(), 0);
  assert.equal(ours(seen).length, 1, ours(seen).join('\n'));
  assert.match(ours(seen)[0], /shadow roots are not allowed/);
  await seen.close();
});

test('no customElements registry: the popup works', async () => {
  const init = () => {
    Object.defineProperty(window, 'customElements', { value: undefined, configurable: true });
  };
  const seen = await visit(page({}), { init });
  assert.equal(await ready(seen.page), true);
  assert.equal(await show(seen.page), true);
  noHarm(seen);
  assert.deepEqual(ours(seen), []);
  await seen.close();
});
