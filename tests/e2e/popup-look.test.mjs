// The popups as a shop would keep them, in the demo shop's own look (its
// config's `theme`): every kind on a desktop and on a phone, written as
// screenshots to tests/e2e/artifacts/; the decline action, no jump when the
// code is copied, focus after the signup, the ×'s focus ring, the phone
// button only where calling works, and the voucher applied in the checkout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, WAIT_MS, devices, launch, serve } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = devices['Pixel 5'];

/** A demo shop visitor who said yes in the banner and has two packs in the cart. */
async function visitor(options) {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  context.setDefaultTimeout(WAIT_MS);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  await context.addInitScript(() => {
    try {
      localStorage.setItem('demo-consent', 'ja');
      if (!localStorage.getItem('demo-cart')) localStorage.setItem('demo-cart', '{"napoli":2}');
    } catch {
      // storage off: no cart, no banner answer
    }
  });
  const page = await context.newPage();
  const log = { errors: [], warnings: [] };
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'warning') log.warnings.push(m.text());
    if (m.type() === 'error') log.errors.push(m.text());
  });
  const go = async (path) => {
    await page.goto(server.base + path);
    await page.evaluate(() => window.Stammkunde.ready);
  };
  return { context, page, log, go };
}

const popup = (page) => page.locator('stammkunde-popup');
async function show(page, kind) {
  assert.equal(await page.evaluate((k) => window.Stammkunde.show(k), kind), true, kind);
  await popup(page).locator('dialog').waitFor({ state: 'visible' });
}
async function close(page) {
  await page.keyboard.press('Escape');
  await popup(page).waitFor({ state: 'detached' });
}

for (const [device, options] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
]) {
  test(`every popup kind on a ${device}, in the demo shop's look`, async () => {
    const { context, page, log, go } = await visitor(options);
    for (const [kind, path] of [
      ['voucher', '/produkt/'],
      ['service', '/kasse/'],
      ['loyalty', '/warenkorb/'],
      ['newsletter', '/kategorie/'],
    ]) {
      await go(path);
      await show(page, kind);
      // the shop's theme reaches in: its accent on the buttons, its font, its logo
      const look = await popup(page).evaluate((host) => {
        const r = host.shadowRoot;
        const b = r.querySelector('.b');
        return { accent: b && getComputedStyle(b).backgroundColor, font: getComputedStyle(r.querySelector('dialog')).fontFamily, logo: !!r.querySelector('img.logo') };
      });
      assert.deepEqual(look, { accent: 'rgb(122, 62, 29)', font: 'Georgia, "Times New Roman", serif', logo: true }, kind);
      // a visible "no" besides the ×
      assert.ok(await popup(page).getByRole('button', { name: 'Nein, danke' }).isVisible(), kind);
      await page.screenshot({ path: `${ARTIFACTS}/look-${kind}-${device}.png` });
      await close(page);
    }
    // the phone button only where calling works
    await go('/kasse/');
    await show(page, 'service');
    const tel = await popup(page).locator('a[href^="tel:"]').count();
    const text = (await popup(page).locator('dialog').textContent()).replace(/\u00a0/g, ' ');
    if (device === 'phone') assert.equal(tel, 1, 'a call button on the phone');
    else {
      assert.equal(tel, 0, 'no call button on the desktop');
      assert.match(text, /Telefon: \+49 30 1234 5678/, 'the number to dial instead');
    }
    await close(page);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
    await context.close();
  });
}

test('decline closes as a dismissal; copying moves nothing; the × focus ring is not clipped', async () => {
  const { context, page, go } = await visitor(DESKTOP);
  await go('/produkt/');
  await page.evaluate(() => document.addEventListener('stammkunde:close', (e) => (window.__closed = e.detail)));
  await show(page, 'voucher');
  // the × with keyboard focus: its ring (3 px outline) stays inside the dialog's box
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await popup(page).evaluate((host) => {
    const r = host.shadowRoot;
    const x = r.querySelector('.x');
    const s = getComputedStyle(x);
    const box = x.getBoundingClientRect();
    const dlg = r.querySelector('dialog').getBoundingClientRect();
    const out = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
    return {
      focused: r.activeElement === x,
      inside: box.top - out >= dlg.top && box.right + out <= dlg.right,
    };
  });
  assert.deepEqual(ring, { focused: true, inside: true });
  const size = () => popup(page).locator('dialog').evaluate((d) => [d.getBoundingClientRect().height, d.querySelector('h2').getBoundingClientRect().top]);
  const before = await size();
  await popup(page).getByRole('button', { name: 'Code kopieren' }).click();
  await popup(page).locator('[role=status]', { hasText: 'Code kopiert' }).waitFor();
  assert.deepEqual(await size(), before, 'the popup keeps its size when "Code kopiert" appears');
  await close(page);
  await show(page, 'newsletter');
  await popup(page).getByRole('button', { name: 'Nein, danke' }).click();
  await popup(page).waitFor({ state: 'detached' });
  assert.deepEqual(await page.evaluate(() => [window.__closed.kind, window.__closed.reason, window.__closed.converted]), ['newsletter', 'decline', false]);
  await context.close();
});

test('after the newsletter signup, focus is on the confirmation', async () => {
  const { context, page, go } = await visitor(DESKTOP);
  await go('/kategorie/');
  await show(page, 'newsletter');
  await popup(page).locator('input[type=email]').fill('kundin@example.de');
  await page.keyboard.press('Enter');
  await popup(page).locator('[role=status]', { hasText: 'Fast geschafft!' }).waitFor();
  const focus = await popup(page).evaluate((host) => {
    const a = host.shadowRoot.activeElement;
    return a && a.textContent;
  });
  assert.match(focus, /Fast geschafft!/);
  await context.close();
});

test('"Gutschein einlösen" applies the code in the demo checkout; the event recipe hands it to the shop', async () => {
  const { context, page, go } = await visitor(DESKTOP);
  await go('/produkt/');
  await show(page, 'voucher');
  assert.match(await popup(page).locator('dialog').textContent(), /Gültig bis 31\.12\.2026\./);
  await popup(page).getByRole('button', { name: 'Gutschein einlösen' }).click();
  await page.waitForURL('**/kasse/?gutschein=MORGENROT5');
  await page.locator('#voucher-result', { hasText: 'Gutschein MORGENROT5 eingelöst' }).waitFor();
  assert.equal(await page.inputValue('#voucher-code'), 'MORGENROT5');
  // "apply": "event": the shop's own listener gets the code (Shopware 6, any shop)
  await context.route('**/produkt/', async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace('"apply": "/kasse/?gutschein={code}"', '"apply": "event"');
    await route.fulfill({ response: res, body });
  });
  await go('/produkt/');
  await page.evaluate(() => document.addEventListener('stammkunde:apply', (e) => (window.__applied = e.detail.code)));
  await show(page, 'voucher');
  await popup(page).getByRole('button', { name: 'Gutschein einlösen' }).click();
  await popup(page).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.__applied), 'MORGENROT5');
  await context.close();
});
