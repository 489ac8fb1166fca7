// The demo admin (/admin/) in headless Chromium: every widget renders the
// demo shop, and what it shows equals the engine's own output for the same
// data, computed here in Node with dist/pkg (no mocks).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ARTIFACTS, launch, open, serve } from './harness.mjs';
import { texts } from '../../js/src/admin/i18n.js';

const root = new URL('../../', import.meta.url);
const wasm = await import(new URL('dist/pkg/stammkunde.js', root));
wasm.initSync({ module: readFileSync(new URL('dist/pkg/stammkunde_bg.wasm', root)) });

const ordersCsv = readFileSync(new URL('www/admin/demo-orders.csv', root), 'utf8');
const surveyCsv = readFileSync(new URL('www/admin/demo-survey.csv', root), 'utf8');
const eventLog = JSON.parse(readFileSync(new URL('www/admin/demo-events.json', root), 'utf8'));
const WIDGETS = ['segments', 'rfm', 'abc', 'clv', 'members', 'nps', 'campaigns'];

// A larger shop for the responsiveness test: 100,000 orders of 20,000 customers.
const bigCsv = wasm.demoCsv({ customers: 20000, orders: 100000 });

let server, browser, engine;

/** The engine's result for the demo page's data and options (read from the page). */
function computeExpected({ rules, category, asOf }) {
  const imp = wasm.readOrders('csv', ordersCsv);
  const seg = wasm.computeSegments(imp.orders, { asOf, categories: category ? [category] : [], rules });
  const clv = wasm.computeClv(imp.orders, { calibrationEnd: asOf });
  seg.setClv(clv.customers);
  return { imp, seg, clv, keys: seg.keys(), columns: seg.columns(), segments: seg.segments('de') };
}

before(async () => {
  server = await serve({
    handler(req, res) {
      if (req.url !== '/big-orders.csv') return false;
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': Buffer.byteLength(bigCsv) });
      res.end(bigCsv);
      return true;
    },
  });
  browser = await launch();
});
after(async () => {
  engine?.seg.free();
  await browser?.close();
  await server?.close();
});

/** Opens the demo admin and waits until every widget shows its result. */
async function openAdmin(options = {}) {
  const session = await open(browser, `${server.base}/admin/`, { viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  const { page } = session;
  for (const w of WIDGETS) await page.waitForSelector(`stammkunde-${w}[ready]`);
  await page.waitForSelector('stammkunde-members[total]');
  if (!engine) {
    const config = await page.evaluate(() => {
      const d = document.getElementById('shop');
      return { rules: d.rules, category: d.getAttribute('category'), asOf: d.getAttribute('as-of') };
    });
    engine = computeExpected(config);
  }
  return session;
}

/** Values of an attribute on elements matching `selector` inside a widget's shadow root. */
function shadowAttrs(page, host, selector, attrs) {
  return page.evaluate(
    ([host, selector, attrs]) =>
      [...document.querySelector(host).shadowRoot.querySelectorAll(selector)].map((el) => attrs.map((a) => el.getAttribute(a))),
    [host, selector, attrs],
  );
}

test('every widget renders the demo shop without errors; screenshots saved', async () => {
  const { page, context, log } = await openAdmin();
  for (const w of WIDGETS) {
    const text = await page.evaluate((w) => document.querySelector(`stammkunde-${w}`).shadowRoot.textContent, w);
    assert.ok(text.length > 50, `${w} shows content`);
    await page.locator(`stammkunde-${w}`).screenshot({ path: `${ARTIFACTS}/admin-${w}.png` });
  }
  await page.screenshot({ path: `${ARTIFACTS}/admin-page.png`, fullPage: true });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('segment cards show the engine’s members and shares for every segment', async () => {
  const { page, context, log } = await openAdmin();
  const shown = await shadowAttrs(page, 'stammkunde-segments', 'article[data-segment]', ['data-segment']);
  const counts = await shadowAttrs(page, 'stammkunde-segments', 'article[data-segment] .count', ['data-count']);
  const shares = await shadowAttrs(page, 'stammkunde-segments', 'article[data-segment] [data-revenue-share]', ['data-revenue-share']);
  assert.deepEqual(
    shown.map(([id], i) => [id, Number(counts[i][0]), Number(shares[i][0])]),
    engine.segments.map((s) => [s.id, s.count, s.shareOfRevenue]),
  );
  // the custom segment from the page is among them, with the engine's count
  const custom = engine.segments.find((s) => s.kind === 'rule');
  assert.ok(custom && custom.count > 0);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the RFM heatmap counts equal the engine’s R and F scores; a click lists the cell’s customers', async () => {
  const { page, context, log } = await openAdmin();
  const { recency, frequency } = engine.columns;
  const expected = new Map();
  recency.forEach((r, i) => expected.set(`${r}${frequency[i]}`, (expected.get(`${r}${frequency[i]}`) || 0) + 1));
  const cells = await shadowAttrs(page, 'stammkunde-rfm', '.cell', ['data-r', 'data-f', 'data-count']);
  assert.equal(cells.length, 25);
  for (const [r, f, count] of cells) assert.equal(Number(count), expected.get(`${r}${f}`) || 0, `cell R${r} F${f}`);

  // the biggest cell, clicked
  const [r, f] = cells.reduce((a, b) => (Number(b[2]) > Number(a[2]) ? b : a));
  await page.locator(`stammkunde-rfm .cell[data-r="${r}"][data-f="${f}"]`).click();
  const members = page.locator('stammkunde-rfm stammkunde-members');
  await members.waitFor();
  await page.waitForFunction(() => document.querySelector('stammkunde-rfm').shadowRoot.querySelector('stammkunde-members[total]'));
  assert.equal(Number(await members.getAttribute('total')), expected.get(`${r}${f}`));
  const rowKeys = await page.evaluate(() =>
    [...document.querySelector('stammkunde-rfm').shadowRoot.querySelector('stammkunde-members').shadowRoot.querySelectorAll('tbody tr[data-key]')].map((tr) => tr.dataset.key),
  );
  assert.ok(rowKeys.length > 0);
  for (const key of rowKeys) {
    const i = engine.keys.indexOf(key);
    assert.deepEqual([recency[i], frequency[i]], [Number(r), Number(f)], key);
  }
  // the page-level member table follows the selection
  await page.waitForFunction((n) => document.querySelector('stammkunde-members').getAttribute('total') === String(n), expected.get(`${r}${f}`));
  await page.locator('stammkunde-rfm').screenshot({ path: `${ARTIFACTS}/admin-rfm-selected.png` });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the RFM grid works by keyboard: arrows move, Enter opens the cell', async () => {
  const { page, context, log } = await openAdmin();
  await page.locator('stammkunde-rfm .cell[tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown'); // R 4, F 1
  await page.keyboard.press('ArrowRight'); // R 4, F 2
  await page.keyboard.press('ArrowRight'); // R 4, F 3
  await page.keyboard.press('Enter');
  const pressed = await shadowAttrs(page, 'stammkunde-rfm', '.cell[aria-pressed="true"]', ['data-r', 'data-f', 'data-count']);
  assert.deepEqual(pressed.map(([r, f]) => [r, f]), [['4', '3']]);
  await page.waitForFunction(() => document.querySelector('stammkunde-rfm').shadowRoot.querySelector('stammkunde-members[total]'));
  assert.equal(await page.locator('stammkunde-rfm stammkunde-members').getAttribute('total'), pressed[0][2]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('ABC classes, CLV bands and top customers equal the engine’s', async () => {
  const { page, context, log } = await openAdmin();
  const classes = await shadowAttrs(page, 'stammkunde-abc', 'tr[data-class] td[data-count]', ['data-count']);
  assert.deepEqual(
    classes.map(([n]) => Number(n)),
    ['A', 'B', 'C'].map((c) => engine.seg.members(`abc:${c}`).length),
  );
  const bands = await shadowAttrs(page, 'stammkunde-clv', '.band', ['data-band', 'data-count']);
  const p = engine.clv.customers.map((c) => c.pAlive);
  assert.deepEqual(bands, [
    ['low', String(p.filter((x) => x < 0.3).length)],
    ['mid', String(p.filter((x) => x >= 0.3 && x < 0.7).length)],
    ['high', String(p.filter((x) => x >= 0.7).length)],
  ]);
  const bars = await shadowAttrs(page, 'stammkunde-clv', '.bars rect', ['data-count']);
  assert.equal(bars.reduce((a, [n]) => a + Number(n), 0), engine.clv.customers.length);
  const top = await shadowAttrs(page, 'stammkunde-clv', 'table.top tr[data-key]', ['data-key']);
  const best = [...engine.clv.customers].sort((a, b) => b.predictedClv - a.predictedClv).slice(0, 10).map((c) => c.customer);
  assert.deepEqual(top.map(([k]) => k), best);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('NPS overall and per segment equal the engine’s, rejected answers are listed', async () => {
  const { page, context, log } = await openAdmin();
  const nps = engine.seg.nps(surveyCsv);
  const [[score]] = await shadowAttrs(page, 'stammkunde-nps', '.overall [data-score]', ['data-score']);
  assert.equal(Number(score), nps.overall.nps);
  const [[pro, pas, det, answers]] = await page.evaluate(() => {
    const r = document.querySelector('stammkunde-nps').shadowRoot;
    return [['promoters', 'passives', 'detractors', 'answers'].map((k) => r.querySelector(`[data-${k}]`).getAttribute(`data-${k}`))];
  });
  assert.deepEqual([pro, pas, det, answers].map(Number), [nps.overall.promoters, nps.overall.passives, nps.overall.detractors, nps.overall.responses]);
  const perSegment = await shadowAttrs(page, 'stammkunde-nps', 'tr[data-segment] td[data-score]', ['data-score']);
  assert.deepEqual(
    perSegment.map(([s]) => Number(s)),
    nps.segments.filter((s) => s.nps.responses > 0).map((s) => s.nps.nps),
  );
  const panel = await page.evaluate(() => document.querySelector('stammkunde-nps').shadowRoot.querySelector('.data-errors').textContent);
  // each rejected answer by its cause, in German
  for (const e of nps.errors) assert.ok(e.code !== 'other' && panel.includes(texts('de').reasons[e.code]), `${e.code}: ${e.reason}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('campaign figures equal a direct count of the event log', async () => {
  const { page, context, log } = await openAdmin();
  const rows = await shadowAttrs(page, 'stammkunde-campaigns', 'tr[data-kind]', ['data-kind', 'data-shown', 'data-converted', 'data-dismissed']);
  for (const kind of ['voucher', 'service', 'newsletter']) {
    const count = (type) => eventLog.filter((e) => e.type === type && e.kind === kind && !(type === 'show' && e.holdout)).length;
    assert.deepEqual(rows.find((r) => r[0] === kind).slice(1).map(Number), [count('show'), count('convert'), count('close')], kind);
  }
  // uplift: share of shown visitors who ordered within 7 days minus the holdout's share
  const [[diff, lower, upper]] = await shadowAttrs(page, 'stammkunde-campaigns', 'tr[data-kind="voucher"] td[data-uplift]', ['data-uplift', 'data-lower', 'data-upper']);
  const group = (holdout) => {
    const first = new Map();
    for (const e of eventLog) if (e.type === 'show' && e.kind === 'voucher' && e.holdout === holdout && !first.has(e.visitor)) first.set(e.visitor, e.ts);
    let ordered = 0;
    for (const [v, ts] of first) if (eventLog.some((e) => e.type === 'order' && e.visitor === v && e.ts >= ts && e.ts <= ts + 7 * 86_400_000)) ordered++;
    return ordered / first.size;
  };
  assert.ok(Math.abs(Number(diff) - (group(false) - group(true))) < 1e-12);
  assert.ok(Number(lower) < Number(diff) && Number(diff) < Number(upper));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('member table: segment, typed rule, broken rule with its position', async () => {
  const { page, context, log } = await openAdmin();
  const members = page.locator('stammkunde-members').first();
  await page.locator('stammkunde-members select[name=segment]').first().selectOption('sleepers');
  await page.waitForFunction((n) => document.querySelector('stammkunde-members').getAttribute('total') === String(n), engine.seg.members('sleepers').length);

  const rule = "amount_spent > 300 AND rfm_segment = 'loyal'";
  await page.locator('stammkunde-members select[name=segment]').first().selectOption('');
  await page.locator('stammkunde-members input[name=rule]').first().fill(rule);
  await page.locator('stammkunde-members input[name=rule]').first().press('Enter');
  const matches = engine.seg.evaluateRule(rule, 'de');
  assert.ok(matches.length > 0);
  await page.waitForFunction((n) => document.querySelector('stammkunde-members').getAttribute('total') === String(n), matches.length);
  const keys = new Set(Array.from(matches, (i) => engine.keys[i]));
  const rowKeys = await shadowAttrs(page, 'stammkunde-members', 'tbody tr[data-key]', ['data-key']);
  assert.equal(rowKeys.length, Math.min(25, matches.length));
  for (const [k] of rowKeys) assert.ok(keys.has(k), k);
  // sorted by revenue, highest first
  const revenue = Array.from(matches, (i) => engine.columns.revenue[i]).sort((a, b) => b - a);
  const firstRow = rowKeys[0][0];
  assert.equal(engine.columns.revenue[engine.keys.indexOf(firstRow)], revenue[0]);

  const broken = 'amount_spent >> 300';
  await page.locator('stammkunde-members input[name=rule]').first().fill(broken);
  await page.locator('stammkunde-members input[name=rule]').first().press('Enter');
  await page.waitForFunction(() => document.querySelector('stammkunde-members').hasAttribute('rule-error'));
  const message = await members.getAttribute('rule-error');
  let expected;
  try {
    wasm.parseRule(broken, 'de');
  } catch (e) {
    expected = e;
  }
  assert.equal(message, expected.message);
  const shown = await page.evaluate(() => document.querySelector('stammkunde-members').shadowRoot.querySelector('.rule-error').textContent);
  assert.ok(shown.includes(expected.message));
  assert.ok(shown.includes(`${broken}\n${' '.repeat(expected.column - 1)}^`), shown);
  assert.equal(await page.locator('stammkunde-members input[name=rule]').first().getAttribute('aria-invalid'), 'true');
  await page.locator('stammkunde-members').first().screenshot({ path: `${ARTIFACTS}/admin-members-rule-error.png` });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('member table: a rule being typed survives a redraw, with the focus', async () => {
  const { page, context, log } = await openAdmin();
  const input = page.locator('stammkunde-members input[name=rule]').first();
  await input.fill('amount_spent > 1');
  // a redraw as CLV arriving or a segment chosen elsewhere causes it; the next frame draws it
  const drawn = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const m = document.querySelector('stammkunde-members');
        const before = m.shadowRoot.querySelector('table');
        m.redraw();
        const check = () => (m.shadowRoot.querySelector('table') !== before ? resolve(true) : requestAnimationFrame(check));
        requestAnimationFrame(check);
      }),
  );
  assert.equal(drawn, true);
  assert.equal(await input.inputValue(), 'amount_spent > 1');
  assert.equal(await page.evaluate(() => document.querySelector('stammkunde-members').shadowRoot.activeElement?.getAttribute('name')), 'rule');
  await page.keyboard.type('00');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('stammkunde-members').getAttribute('rule') === 'amount_spent > 100');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('member table sorts, pages and searches', async () => {
  const { page, context, log } = await openAdmin();
  const rows = () => shadowAttrs(page, 'stammkunde-members', 'tbody tr[data-key]', ['data-key']);
  // sorted by orders, most first, ties by customer key (as the table sorts)
  const expected = engine.keys
    .map((k, i) => [k, engine.columns.orders[i]])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k);
  await page.locator('stammkunde-members th[data-key=orders] button').first().click();
  await page.waitForFunction(
    (keys) => [...document.querySelector('stammkunde-members').shadowRoot.querySelectorAll('tbody tr')].map((tr) => tr.dataset.key).join() === keys.join(),
    expected.slice(0, 25),
  );
  assert.equal(await page.locator('stammkunde-members th[data-key=orders]').first().getAttribute('aria-sort'), 'descending');
  await page.locator('stammkunde-members button.next').first().click();
  await page.waitForFunction(() => document.querySelector('stammkunde-members').shadowRoot.querySelector('.pager span').textContent.startsWith('26'));
  assert.deepEqual((await rows()).map(([k]) => k), expected.slice(25, 50));
  const key = engine.keys[123];
  await page.locator('stammkunde-members input[name=search]').first().fill(key);
  await page.waitForFunction(() => document.querySelector('stammkunde-members').getAttribute('total') === '1');
  assert.deepEqual(await rows(), [[key]]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('CSV export: every member of the segment, German and English number formats', async () => {
  const { page, context, log } = await openAdmin();
  await page.locator('stammkunde-members select[name=segment]').first().selectOption('high_revenue');
  const members = engine.seg.members('high_revenue');
  await page.waitForFunction((n) => document.querySelector('stammkunde-members').getAttribute('total') === String(n), members.length);
  const exportAs = async (format) => {
    await page.locator('stammkunde-members select[name=csv-format]').first().selectOption(format);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('stammkunde-members button.export-csv').first().click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const de = await exportAs('de');
  assert.equal(de.name, 'stammkunde-high_revenue.csv');
  assert.ok(de.text.startsWith('\uFEFF'));
  const lines = de.text.slice(1).trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + members.length);
  const header = lines[0].split(';');
  assert.deepEqual(header.slice(0, 3), ['Kunde', 'Bestellungen', 'Umsatz (EUR)']);
  const byKey = new Map(lines.slice(1).map((l) => [l.split(';')[0], l.split(';')]));
  for (const i of members) {
    const row = byKey.get(engine.keys[i]);
    assert.ok(row, engine.keys[i]);
    assert.equal(row[1], String(engine.columns.orders[i]));
    assert.equal(row[2], (engine.columns.revenue[i] / 100).toFixed(2).replace('.', ','));
    assert.match(row[4], /^\d{2}\.\d{2}\.\d{4}$/);
  }
  const en = await exportAs('en');
  const enLines = en.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  assert.deepEqual(enLines[0].split(',').slice(0, 3), ['customer', 'orders', 'revenue (EUR)']);
  const i = members[0];
  const enRow = enLines.find((l) => l.startsWith(`${engine.keys[i]},`)).split(',');
  assert.equal(enRow[2], (engine.columns.revenue[i] / 100).toFixed(2));
  assert.match(enRow[4], /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('language switch and dark mode', async () => {
  const { page, context, log } = await openAdmin();
  const title = () => page.evaluate(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('h2').textContent);
  assert.equal(await title(), 'Kundensegmente');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('h2').textContent === 'Customer segments');
  const sleepers = engine.seg.segments('en').find((s) => s.id === 'sleepers');
  const name = await page.evaluate(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('[data-segment=sleepers] .name').textContent);
  assert.equal(name, sleepers.name);
  const bg = () => page.evaluate(() => getComputedStyle(document.querySelector('stammkunde-clv').shadowRoot.querySelector('.card')).backgroundColor);
  const light = await bg();
  await page.click('#dark');
  assert.equal(await page.getAttribute('stammkunde-clv', 'theme'), 'dark');
  assert.notEqual(await bg(), light);
  for (const w of WIDGETS) await page.locator(`stammkunde-${w}`).screenshot({ path: `${ARTIFACTS}/admin-${w}-dark-en.png` });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('at 360 px every widget fits the screen width', async () => {
  const { page, context, log } = await openAdmin({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  for (const w of WIDGETS) {
    const box = await page.locator(`stammkunde-${w}`).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `${w}: ${JSON.stringify(box)}`);
  }
  await page.screenshot({ path: `${ARTIFACTS}/admin-360.png`, fullPage: true });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a loaded CSV with bad rows: errors listed with row, field and reason; names shown as text', async () => {
  const { page, context, log } = await openAdmin();
  const xss = '<img src=x onerror="window.__xss=1">';
  const csv = [
    'Bestellnummer;Datum;Kundennummer;Betrag;Währung',
    `1;01.10.2026;${xss};49,90;EUR`,
    '2;31.02.2026;K-2;19,90;EUR',
    '3;02.10.2026;K-3;zwölf;EUR',
    '4;03.10.2026;K-3;29,90;EUR',
  ].join('\n');
  const expected = wasm.readOrders('csv', csv);
  assert.equal(expected.rejected, 2);
  await page.setInputFiles('stammkunde-import input[type=file]', { name: 'eigene.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('stammkunde-import[state=preview]');
  await page.locator('stammkunde-import button.compute').click();
  await page.waitForFunction(() => document.querySelector('stammkunde-members').getAttribute('total') === '2');
  const panel = await page.evaluate(() => {
    const d = document.querySelector('stammkunde-members').shadowRoot.querySelector('.data-errors details');
    return [...d.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
  });
  // each row by its cause code, in the page's German, with the value from the file
  const de = texts('de');
  assert.deepEqual(
    panel,
    expected.errors.map((e) => [String(e.row), e.field, de.reason(de.reasons[e.code], /'([^']*)'/.exec(e.reason)[1]), de.causes[e.code]({ field: e.field }, '1')[1]]),
  );
  assert.deepEqual(panel.map((r) => r[2]), ['Ungültiges Datum: „31.02.2026“', 'Ungültiger Betrag: „zwölf“']);
  // the customer named like markup is a text cell, not an element
  const cellText = await page.evaluate(() => [...document.querySelector('stammkunde-members').shadowRoot.querySelectorAll('td.key')].map((td) => td.textContent));
  assert.ok(cellText.includes(xss));
  const images = await page.evaluate(() => [...document.querySelectorAll('main > *')].reduce((n, w) => n + w.shadowRoot.querySelectorAll('img').length, 0));
  assert.equal(images, 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  // too few customers for a CLV fit: the widget says what is missing instead of staying blank
  const clvText = await page.evaluate(() => document.querySelector('stammkunde-clv').shadowRoot.querySelector('.unavailable').textContent);
  assert.match(clvText, /\d/);
  await page.locator('stammkunde-members').first().screenshot({ path: `${ARTIFACTS}/admin-members-errors.png` });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('thresholds from attributes reach the engine', async () => {
  const { page, context, log } = await openAdmin();
  await page.evaluate(() => {
    const d = document.getElementById('shop');
    d.setAttribute('sleeper-weeks', '8');
    d.setAttribute('big-spender', '250');
    d.setAttribute('abc', '70/20/10');
  });
  const imp = wasm.readOrders('csv', ordersCsv);
  const seg = wasm.computeSegments(imp.orders, { asOf: '2026-11-01', sleepersAfter: '8w', highRevenue: 25000, abcA: 0.7, abcB: 0.2, categories: ['Espresso'] });
  const expected = ['sleepers', 'high_revenue', 'abc:A'].map((id) => seg.members(id).length);
  seg.free();
  const count = (id) => page.evaluate((id) => document.querySelector('stammkunde-segments').shadowRoot.querySelector(`[data-segment="${id}"] .count`)?.dataset.count, id);
  await page.waitForFunction((n) => document.querySelector('stammkunde-segments').shadowRoot.querySelector('[data-segment=sleepers] .count')?.dataset.count === String(n), expected[0]);
  assert.deepEqual([Number(await count('sleepers')), Number(await count('high_revenue')), Number(await count('abc:A'))], expected);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a widget with its own orders property, and a second copy of the script', async () => {
  const { page, context, log } = await openAdmin();
  const orders = wasm.demoOrders({ customers: 120 });
  await page.evaluate(async (orders) => {
    await import('/dist/stammkunde-admin.js?second-copy');
    const el = document.createElement('stammkunde-abc');
    el.id = 'own';
    el.setAttribute('as-of', '2026-11-01');
    el.orders = orders;
    document.querySelector('main').prepend(el);
  }, orders);
  await page.waitForSelector('#own[ready]');
  const imp = wasm.readOrders('canonical', orders);
  const seg = wasm.computeSegments(imp.orders, { asOf: '2026-11-01' });
  const expected = ['A', 'B', 'C'].map((c) => seg.members(`abc:${c}`).length);
  seg.free();
  const shown = await page.evaluate(() => [...document.getElementById('own').shadowRoot.querySelectorAll('tr[data-class] td[data-count]')].map((td) => Number(td.dataset.count)));
  assert.deepEqual(shown, expected);
  // the shared widgets still show the demo shop
  assert.equal(await page.getAttribute('stammkunde-members:not(#own)', 'total'), String(engine.keys.length));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a missing file shows an error with a retry button, not a blank widget', async () => {
  const { page, context, log } = await openAdmin();
  await page.evaluate(() => document.getElementById('shop').setAttribute('src', '/admin/does-not-exist.csv'));
  await page.waitForFunction(() => document.querySelector('stammkunde-rfm').shadowRoot.querySelector('.status .error'));
  const text = await page.evaluate(() => document.querySelector('stammkunde-rfm').shadowRoot.querySelector('.status').textContent);
  assert.match(text, /404/);
  assert.equal(await page.locator('stammkunde-rfm button.retry').count(), 1);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a long computation can be cancelled and started again', async () => {
  const { page, context, log } = await openAdmin();
  // Cancelled while the orders are read (the progress event of that phase
  // cancels at once, so the outcome does not depend on the machine's speed).
  await page.evaluate(() => {
    const d = document.getElementById('shop');
    const stop = (e) => {
      if (e.detail.phase !== 'read' && e.detail.phase !== 'fetch') return;
      d.removeEventListener('stammkunde:progress', stop);
      d.cancel();
    };
    d.addEventListener('stammkunde:progress', stop);
    d.setAttribute('src', '/big-orders.csv');
  });
  await page.waitForSelector('stammkunde-rfm >> button.retry');
  assert.equal(await page.evaluate(() => document.getElementById('shop').status), 'cancelled');
  // the widgets keep a message and a retry button, not a blank card
  for (const w of ['segments', 'clv', 'members']) assert.equal(await page.locator(`stammkunde-${w} button.retry`).count(), 1, w);
  await page.locator('stammkunde-rfm button.retry').click();
  await page.waitForSelector('stammkunde-rfm >> progress');
  assert.equal(await page.evaluate(() => document.getElementById('shop').status), 'loading');
  await page.evaluate(() => document.getElementById('shop').cancel());
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('cancelling CLV leaves the segments standing; they are drawn before CLV', async () => {
  const { page, context, log } = await openAdmin();
  const seen = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const d = document.getElementById('shop');
        // stammkunde:partial: segments there, CLV computing in its own worker
        d.addEventListener(
          'stammkunde:partial',
          (e) => {
            const partial = { customers: e.detail.customers, pending: e.detail.clv.pending === true, status: d.status };
            d.cancel();
            resolve({ partial, status: d.status, clv: d.summary.clv, customers: d.summary.customers });
          },
          { once: true },
        );
        d.setAttribute('src', '/big-orders.csv');
      }),
  );
  assert.equal(seen.partial.status, 'partial');
  assert.equal(seen.partial.pending, true);
  assert.ok(seen.partial.customers > 0);
  assert.equal(seen.status, 'ready');
  assert.equal(seen.customers, seen.partial.customers);
  assert.equal(seen.clv.ok, false);
  assert.equal(seen.clv.cancelled, true);
  await page.waitForFunction(() => document.querySelector('stammkunde-segments').hasAttribute('ready'));
  // the segments still answer member queries (the reading worker kept them)
  await page.waitForFunction(() => document.querySelector('stammkunde-members')?.shadowRoot?.querySelector('tbody tr'));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('100,000 orders: progress shows and the page stays responsive (no long task over 50 ms)', async () => {
  const { page, context, log } = await openAdmin();
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask' });
  });

  const started = Date.now();
  const phases = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = new Set();
        const d = document.getElementById('shop');
        window.__phases = [['start', Math.round(performance.now())]];
        d.addEventListener('stammkunde:progress', (e) => {
          if (!seen.has(e.detail.phase)) window.__phases.push([e.detail.phase, Math.round(performance.now())]);
          seen.add(e.detail.phase);
        });
        d.addEventListener('stammkunde:partial', () => window.__phases.push(['partial', Math.round(performance.now())]), { once: true });
        d.addEventListener('stammkunde:ready', () => (window.__phases.push(['ready', Math.round(performance.now())]), resolve([...seen])), { once: true });
        d.setAttribute('src', '/big-orders.csv');
      }),
  );
  const seconds = (Date.now() - started) / 1000;
  assert.ok(phases.includes('read') && phases.includes('segments') && phases.includes('clv'), phases.join());
  // every widget has drawn the new result (one draw measure each after "ready")
  await page.waitForFunction(() => {
    const ready = window.__phases.find(([p]) => p === 'ready')[1];
    const drawn = new Set(performance.getEntriesByType('measure').filter((m) => m.name.startsWith('stammkunde:draw:') && m.startTime >= ready).map((m) => m.name));
    return drawn.size >= 6;
  });
  // read the long tasks before the test itself asks the page for anything big
  const [longTasks, marks] = await page.evaluate(() => [window.__longTasks, window.__phases]);
  console.log(`100k orders computed in ${seconds.toFixed(1)} s; main-thread long tasks [start, ms]: ${JSON.stringify(longTasks)}; phases: ${JSON.stringify(marks)}`);
  // While the worker reads and segments (from setting src to the first
  // result, `partial`: segments first, CLV follows) the main thread has no
  // long task. Drawing afterwards is spread over animation frames, one
  // widget per frame; those frames are logged above, not asserted, as
  // their length depends on the machine's load.
  const first = marks.find(([p]) => p === 'partial')[1];
  assert.deepEqual(longTasks.filter(([start, ms]) => start + ms <= first && ms > 50), []);

  // and the widgets show the engine's figures for the big shop too
  const summary = await page.evaluate(() => document.getElementById('shop').summary);
  const imp = wasm.readOrders('csv', bigCsv);
  const seg = wasm.computeSegments(imp.orders, { asOf: '2026-11-01', categories: ['Espresso'], rules: await page.evaluate(() => document.getElementById('shop').rules) });
  assert.equal(summary.customers, seg.customerCount);
  const sleepers = seg.members('sleepers').length;
  seg.free();
  assert.equal(summary.segments.find((s) => s.id === 'sleepers').count, sleepers);
  const [[shown]] = await shadowAttrs(page, 'stammkunde-segments', '[data-segment=sleepers] .count', ['data-count']);
  assert.equal(Number(shown), sleepers);
  assert.deepEqual(log.errors, []);
  await context.close();
});
