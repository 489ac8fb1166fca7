// The operator's first contact: the quick-start snippet from README.md,
// pasted into an empty page, shows a popup on exit and stores nothing before
// consent; the consent managers (Usercentrics, Cookiebot, Borlabs, mocked
// here by their window APIs and events) and the generic call switch storage on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { WAIT_MS, launch, serve } from './harness.mjs';

/** The operator quick start's HTML block (after `<!-- quickstart:operator -->`), as README.md has it. */
function quickStart() {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = readme.match(/<!-- quickstart:operator -->\s*```html\n([\s\S]*?)```/);
  assert.ok(block, 'README.md has an html block after <!-- quickstart:operator -->');
  // the README puts the files under /stammkunde/; the test server has them under /dist/
  return block[1].replaceAll('/stammkunde/', '/dist/');
}

const pages = new Map();
const page = (html, head = '') => `<!doctype html><html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Leer</title>${head}</head><body>${html}</body></html>`;

let server, browser;
before(async () => {
  server = await serve({
    handler(req, res) {
      const html = pages.get(new URL(req.url, 'http://x').pathname);
      if (html === undefined) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return true;
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(path, html, head) {
  pages.set(path, page(html, head));
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  context.setDefaultTimeout(WAIT_MS);
  const p = await context.newPage();
  const log = { errors: [], warnings: [] };
  p.on('pageerror', (e) => log.errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'warning') log.warnings.push(m.text());
    if (m.type() === 'error') log.errors.push(m.text());
  });
  await p.goto(server.base + path);
  await p.evaluate(() => window.Stammkunde.ready);
  return { context, page: p, log };
}

/** Everything the page stored: localStorage, sessionStorage, cookies. */
async function storedAll(context, p) {
  const web = await p.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
  return { ...web, cookies: (await context.cookies()).map((c) => c.name) };
}
const NOTHING = { local: {}, session: {}, cookie: '', cookies: [] };

/** Leaves through the top once the minimum time on page (`wait` ms, 5 s by default) is over. */
async function leave(p, wait = 5300) {
  await p.waitForFunction((ms) => performance.now() > ms, wait);
  const before = await p.evaluate(() => {
    if (window.__intents === undefined) {
      window.__intents = 0;
      document.addEventListener('stammkunde:intent', () => window.__intents++);
    }
    return window.__intents;
  });
  await p.mouse.move(640, 420, { steps: 4 });
  await p.mouse.move(640, 300, { steps: 4 });
  await p.mouse.move(640, -20, { steps: 12 });
  await p.waitForFunction((n) => window.__intents > n, before);
}

test('the README quick start, pasted into an empty page, shows a popup on exit and stores nothing', async () => {
  const { context, page: p, log } = await visit('/schnellstart/', quickStart());
  assert.deepEqual(await storedAll(context, p), NOTHING, 'nothing stored on load');
  await leave(p);
  await p.locator('stammkunde-popup dialog').waitFor({ state: 'visible' });
  assert.ok((await p.locator('stammkunde-popup h2').textContent()).length > 0);
  assert.deepEqual(await storedAll(context, p), NOTHING, 'nothing stored after showing a popup, before consent');
  await p.keyboard.press('Escape');
  await p.locator('stammkunde-popup').waitFor({ state: 'detached' });
  assert.deepEqual(await storedAll(context, p), NOTHING, 'nor after closing it');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.warnings, []);
  await context.close();
});

test('no popup configured: exit intent fires, exactly one console warning says what to configure', async () => {
  // the script tag alone, with exit intent allowed at once and again right away
  const tag = '<script async src="/dist/stammkunde.js"></script><script type="application/json" id="stammkunde-config">{"intent": {"minTimeOnPage": 0, "cooldown": 0}}</script>';
  const { context, page: p, log } = await visit('/ohne-popup/', tag);
  await leave(p, 0);
  await leave(p, 0);
  assert.ok((await p.evaluate(() => window.__intents)) >= 2, 'fired more than once');
  const said = log.warnings.filter((w) => w.includes('no popup is configured'));
  assert.equal(said.length, 1, log.warnings.join('\n'));
  assert.equal(log.warnings.length, 1, log.warnings.join('\n'));
  assert.match(said[0], /"voucher": \{ "code"/);
  assert.match(said[0], /"newsletter": \{ "url"/);
  assert.equal(await p.locator('stammkunde-popup').count(), 0);
  assert.deepEqual(await storedAll(context, p), NOTHING);
  assert.deepEqual(log.errors, []);
  await context.close();
});

const TAG = (consent) =>
  `<script async src="/dist/stammkunde.js" data-page="product"></script><script type="application/json" id="stammkunde-config">${JSON.stringify({ consent, voucher: { code: 'X1' } })}</script>`;
const stored = (p) => p.evaluate(() => localStorage.getItem('stammkunde'));
const waitStored = (p, yes) => p.waitForFunction((y) => (localStorage.getItem('stammkunde') !== null) === y, yes);

// Each consent manager, mocked by the API and events its documentation names.
const CMPS = {
  cookiebot: {
    before: `window.Cookiebot = { hasResponse: false, consent: { necessary: true, preferences: false, statistics: false, marketing: false } };`,
    yes: () => {
      Object.assign(window.Cookiebot, { hasResponse: true });
      window.Cookiebot.consent.marketing = true;
      window.dispatchEvent(new Event('CookiebotOnAccept'));
    },
    no: () => {
      window.Cookiebot.consent.marketing = false;
      window.dispatchEvent(new Event('CookiebotOnDecline'));
    },
    answered: `window.Cookiebot = { hasResponse: true, consent: { necessary: true, marketing: true } };`,
    withdrawn: `window.Cookiebot = { hasResponse: true, consent: { necessary: true, marketing: false } };`,
  },
  usercentrics: {
    before: '',
    // Usercentrics v3: UC_CONSENT with the services
    yes: () => window.dispatchEvent(new CustomEvent('UC_CONSENT', { detail: { services: { s1: { name: 'Stammkunde', consent: { given: true } }, s2: { name: 'Other', consent: { given: false } } } } })),
    // Usercentrics v2: the window event set up in the admin, service names as keys
    no: () => window.dispatchEvent(new CustomEvent('ucEvent', { detail: { event: 'consent_status', type: 'explicit', Stammkunde: false } })),
    answered: `window.UC_UI = { isInitialized: () => true, getServicesBaseInfo: () => [{ name: 'Stammkunde', consent: { status: true } }] };`,
    withdrawn: `window.UC_UI = { isInitialized: () => true, getServicesBaseInfo: () => [{ name: 'Stammkunde', consent: { status: false } }] };`,
  },
  borlabs: {
    before: `window.BorlabsCookie = { Consents: { hasConsent: (id) => id === 'stammkunde' && !!window.__yes } };`,
    yes: () => {
      window.__yes = true;
      document.dispatchEvent(new Event('borlabs-cookie-consent-saved'));
    },
    no: () => {
      window.__yes = false;
      document.dispatchEvent(new Event('borlabs-cookie-consent-saved'));
    },
    // Borlabs Cookie 2
    answered: `window.BorlabsCookie = { checkCookieConsent: (id) => id === 'stammkunde' };`,
    // no ready flag: the no comes with its after-init event
    withdrawn: `window.BorlabsCookie = { checkCookieConsent: () => false };`,
    afterLoad: () => document.dispatchEvent(new Event('borlabs-cookie-after-init')),
  },
};

for (const [name, cmp] of Object.entries(CMPS)) {
  test(`consent from ${name}: nothing stored before its yes, stored after, forgotten on no, read on load`, async () => {
    const { context, page: p, log } = await visit(`/${name}/`, TAG(name), `<script>${cmp.before}</script>`);
    assert.deepEqual(await storedAll(context, p), NOTHING);
    await p.evaluate(cmp.yes);
    await waitStored(p, true);
    assert.equal(JSON.parse(await stored(p)).v, 1);
    await p.evaluate(cmp.no);
    await waitStored(p, false);
    // the next page: the consent manager already knows the answer
    pages.set(`/${name}/2`, page(TAG(name), `<script>${cmp.answered}</script>`));
    await p.goto(`${server.base}/${name}/2`);
    await p.evaluate(() => window.Stammkunde.ready);
    await waitStored(p, true);
    // consent withdrawn elsewhere: the consent manager says no as the next page loads
    pages.set(`/${name}/3`, page(TAG(name), `<script>${cmp.withdrawn}</script>`));
    await p.goto(`${server.base}/${name}/3`);
    await p.evaluate(() => window.Stammkunde.ready);
    if (cmp.afterLoad) await p.evaluate(cmp.afterLoad);
    await waitStored(p, false);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
    await context.close();
  });
}

test('consent by the generic call (before the engine is ready: see popup.test.mjs); the default stores nothing', async () => {
  const { context, page: p, log } = await visit('/generisch/', TAG(undefined));
  assert.deepEqual(await storedAll(context, p), NOTHING, 'the default waits for consent');
  await p.evaluate(() => window.Stammkunde.consent(true));
  await waitStored(p, true);
  await p.evaluate(() => window.Stammkunde.consent(false));
  await waitStored(p, false);
  assert.deepEqual(await storedAll(context, p), NOTHING, 'a no forgets everything');
  assert.deepEqual(log.errors, []);
  await context.close();
});
