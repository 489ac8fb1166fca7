// The demo admin (/admin/) with a real shop's export, as a new admin uses it:
// the German CSV export of the CDNOW sample (USD, 1997-98, Windows-1252)
// chosen through the import's file input, the detected settings accepted,
// every widget drawn with the right customers and revenue and no error; a
// file whose every row is bad shows its causes grouped and translated.
// Screenshots of the import flow and every widget at 1440 and 360 px, light
// and dark, go to tests/e2e/artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ARTIFACTS, launch, open, serve } from './harness.mjs';

const { unzipSync, strFromU8 } = createRequire(new URL('../../js/package.json', import.meta.url))('fflate');

const root = new URL('../../', import.meta.url);
const GERMAN_CDNOW = new URL('tests/fixtures/cdnow/CDNOW_sample_de.csv', root).pathname;
const WIDGETS = ['segments', 'rfm', 'abc', 'clv', 'members', 'nps'];

// The expected figures straight from the raw CDNOW file (not through the
// engine): customers with an order, and the dollars of every order in cents.
const raw = readFileSync(new URL('tests/fixtures/cdnow/CDNOW_sample.txt', root), 'latin1')
  .split(/\r?\n/)
  .filter((l) => l.trim())
  .map((l) => l.trim().split(/\s+/));
const EXPECTED_CUSTOMERS = new Set(raw.map((f) => f[0])).size;
const EXPECTED_REVENUE = raw.reduce((sum, f) => sum + Math.round(Number(f[4]) * 100), 0);

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The demo admin with its demo data drawn. */
async function openAdmin(width = 1440) {
  const session = await open(browser, `${server.base}/admin/`, { viewport: { width, height: 1000 }, acceptDownloads: true });
  for (const w of WIDGETS) await session.page.waitForSelector(`stammkunde-${w}[ready]`, { timeout: 120_000 });
  return session;
}

/**
 * Chooses `file` in the import, waits for its preview; `accept` then clicks
 * Compute and waits until every widget drew the new computation.
 */
async function importFile(page, file) {
  await page.setInputFiles('stammkunde-import input[type=file]', file);
  await page.waitForSelector('stammkunde-import[state=preview]', { timeout: 60_000 });
}

async function accept(page) {
  const before = Number((await page.getAttribute('stammkunde-data', 'generation')) || 0);
  await page.locator('stammkunde-import button.compute').click();
  await waitDrawn(page, before + 1);
}

/** Waits until the data source and every widget show computation `generation` (or a later one). */
async function waitDrawn(page, generation) {
  await page.waitForFunction(
    ([g, widgets]) =>
      Number(document.querySelector('stammkunde-data').getAttribute('generation')) >= g &&
      widgets.every((w) => Number(document.querySelector(`stammkunde-${w}`).getAttribute('generation')) >= g),
    [generation, WIDGETS],
    { timeout: 120_000 },
  );
}

/** Text of a selector in a widget's shadow root. */
function shadowText(page, widget, selector) {
  return page.evaluate(([w, s]) => [...document.querySelector(`stammkunde-${w}`).shadowRoot.querySelectorAll(s)].map((e) => e.textContent), [widget, selector]);
}

async function screenshots(page, prefix) {
  await page.locator('stammkunde-import').screenshot({ path: `${ARTIFACTS}/${prefix}-import.png` });
  for (const w of WIDGETS) await page.locator(`stammkunde-${w}`).screenshot({ path: `${ARTIFACTS}/${prefix}-${w}.png` });
}

async function setDark(page, on) {
  const pressed = (await page.getAttribute('#dark', 'aria-pressed')) === 'true';
  if (pressed !== on) await page.click('#dark');
}

test('the German CDNOW export: preview with the detected settings, then every widget right and without errors', async () => {
  const { page, context, log } = await openAdmin(1440);
  await importFile(page, GERMAN_CDNOW);
  const fact = (key) => page.evaluate((k) => document.querySelector('stammkunde-import').shadowRoot.querySelector(`[data-fact="${k}"]`).textContent, key);
  assert.equal(await fact('encoding'), 'Windows-1252');
  assert.equal(await fact('delimiter'), 'Semikolon (;)');
  assert.equal(await fact('date-style'), 'TT.MM.JJJJ');
  assert.match(await fact('currency'), /USD \(aus der Datei\)/);
  assert.equal(await fact('rows'), '6.919');
  assert.equal(await fact('range'), '01.01.1997 – 30.06.1998');
  assert.match(await fact('as-of'), /Tag nach der letzten Bestellung/);
  const asOf = await page.evaluate(() => document.querySelector('stammkunde-import').shadowRoot.querySelector('[data-fact="as-of"] input').value);
  assert.equal(asOf, '1998-07-01');
  const sample = await page.evaluate(() => document.querySelector('stammkunde-import').shadowRoot.querySelector('.sample').textContent);
  assert.ok(sample.includes('Währung') && sample.includes('00004'), 'the first rows show the umlaut and the leading zeros');
  await page.locator('stammkunde-import').screenshot({ path: `${ARTIFACTS}/import-preview-1440-light.png` });

  await accept(page);
  // the demo's settings (EUR, as-of 2026-11-01, category, survey, custom segments) are gone
  const data = await page.evaluate(() => {
    const d = document.querySelector('stammkunde-data');
    return { currency: d.getAttribute('currency'), asOf: d.getAttribute('as-of'), category: d.getAttribute('category'), survey: d.getAttribute('survey'), rules: d.rules.length };
  });
  assert.deepEqual(data, { currency: 'USD', asOf: '1998-07-01', category: null, survey: null, rules: 0 });

  const [totals] = await page.evaluate(() => [...document.querySelector('stammkunde-segments').shadowRoot.querySelectorAll('.totals')].map((e) => [Number(e.dataset.customers), Number(e.dataset.revenue), e.textContent]));
  assert.equal(totals[0], EXPECTED_CUSTOMERS);
  assert.equal(totals[1], EXPECTED_REVENUE);
  assert.ok(totals[2].includes('2.357 Kunden'), totals[2]);
  assert.ok(totals[2].includes(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'USD' }).format(EXPECTED_REVENUE / 100)), totals[2]);
  const abc = await page.evaluate(() => [...document.querySelector('stammkunde-abc').shadowRoot.querySelectorAll('td[data-count]')].reduce((n, td) => n + Number(td.dataset.count), 0));
  assert.equal(abc, EXPECTED_CUSTOMERS);
  const rfm = await page.evaluate(() => [...document.querySelector('stammkunde-rfm').shadowRoot.querySelectorAll('.cell')].reduce((n, g) => n + Number(g.dataset.count), 0));
  assert.equal(rfm, EXPECTED_CUSTOMERS);
  // half the customers ordered once: F is the order count, and the widget says so
  assert.equal(await page.evaluate(() => document.querySelector('stammkunde-rfm').shadowRoot.querySelector('.cuts').dataset.fMode), 'orders');
  const emptyColumns = await page.evaluate(() => [1, 2, 3, 4, 5].filter((f) => [...document.querySelector('stammkunde-rfm').shadowRoot.querySelectorAll(`.cell[data-f="${f}"]`)].every((g) => g.dataset.count === '0')));
  assert.deepEqual(emptyColumns, []);
  await page.waitForSelector(`stammkunde-members[total="${EXPECTED_CUSTOMERS}"]`, { timeout: 60_000 });
  const clv = await page.evaluate(() => Number(document.querySelector('stammkunde-clv').shadowRoot.querySelector('.kpi b[data-count]').dataset.count));
  assert.equal(clv, EXPECTED_CUSTOMERS);
  const note = (await shadowText(page, 'clv', '[data-one-time-active]'))[0];
  assert.match(note, /Einmalkäufer/);
  // no error anywhere
  for (const w of WIDGETS) {
    assert.deepEqual(await shadowText(page, w, '.data-errors, .error, .unavailable'), [], `${w} shows no error`);
  }
  assert.deepEqual(log.errors, []);

  // The settings are remembered for the shop and can be changed later.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('stammkunde:import:morgenrot')));
  assert.equal(stored.currency, 'USD');
  assert.equal(await page.getAttribute('stammkunde-import', 'state'), 'done');

  // Screenshots: 1440 px light and dark, then 360 px light and dark.
  await screenshots(page, 'cdnow-1440-light');
  await setDark(page, true);
  await screenshots(page, 'cdnow-1440-dark');
  await page.setViewportSize({ width: 360, height: 800 });
  await screenshots(page, 'cdnow-360-dark');
  await setDark(page, false);
  await screenshots(page, 'cdnow-360-light');
  // every widget fits the narrow screen
  const overflow = await page.evaluate(() => [...document.querySelectorAll('main > *')].filter((w) => w.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((w) => w.localName));
  assert.deepEqual(overflow, []);
  await page.locator('stammkunde-import button.change').click();
  await page.waitForSelector('stammkunde-import[state=preview]');
  await page.locator('stammkunde-import').screenshot({ path: `${ARTIFACTS}/import-preview-360-light.png` });
  await setDark(page, true);
  await page.locator('stammkunde-import').screenshot({ path: `${ARTIFACTS}/import-preview-360-dark.png` });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.locator('stammkunde-import').screenshot({ path: `${ARTIFACTS}/import-preview-1440-dark.png` });

  // The Excel export keeps the leading zeros and names the segments in German.
  await page.locator('stammkunde-members select[name=csv-format]').first().selectOption('xlsx');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('stammkunde-members button.export-csv').first().click()]);
  assert.equal(download.suggestedFilename(), 'stammkunde-kunden.xlsx');
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  const rowsInSheet = sheet.match(/<row /g).length;
  assert.equal(rowsInSheet, 1 + EXPECTED_CUSTOMERS);
  const keys = [...sheet.matchAll(/<c r="A\d+" t="inlineStr"><is><t xml:space="preserve">(\d+)<\/t>/g)].map((m) => m[1]);
  assert.equal(keys.length, EXPECTED_CUSTOMERS);
  assert.ok(keys.every((k) => k.length === 5), 'customer numbers keep their leading zeros');
  assert.ok(sheet.includes('RFM-Segment (Name)') && /Gefährdet|Verloren|Im Winterschlaf/.test(sheet));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a file whose every row is bad: causes grouped with counts, example and fix, in German and English', async () => {
  const { page, context, log } = await openAdmin(1440);
  const rows = ['Bestellnummer;Kundennummer;Datum;Betrag;Währung'];
  for (let i = 1; i <= 1200; i++) rows.push(`${i};K${i};31.02.2024;10,00;EUR`);
  for (let i = 1201; i <= 1500; i++) rows.push(`${i};K${i};01.02.2024;zehn;EUR`);
  for (let i = 1501; i <= 1510; i++) rows.push(`${i};;01.02.2024;10,00;EUR`);
  await importFile(page, { name: 'kaputt.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await accept(page);
  const causes = () =>
    page.evaluate(() => [...document.querySelector('stammkunde-segments').shadowRoot.querySelectorAll('li.cause')].map((li) => [li.dataset.code, Number(li.dataset.count), li.textContent]));
  let list = await causes();
  assert.deepEqual(list.map(([c, n]) => [c, n]), [['bad_date', 1200], ['bad_amount', 300], ['empty_customer', 10]]);
  assert.ok(list[0][2].includes('1.200 Zeilen mit ungültigem Datum in „Datum“'), list[0][2]);
  assert.ok(list[0][2].includes('Beispiel: Zeile 2, Bestellung 1, Wert „31.02.2024“'), list[0][2]);
  assert.ok(list[0][2].includes('TT.MM.JJJJ'), list[0][2]);
  const summary = (await shadowText(page, 'segments', '.data-errors .rejected'))[0];
  assert.equal(summary, '1.510 von 1.510 Zeilen abgelehnt');
  assert.equal((await shadowText(page, 'segments', '.no-usable')).length, 1);
  // no cards of zeros below the causes
  assert.deepEqual(await shadowText(page, 'segments', '.body > *'), []);
  await page.locator('stammkunde-segments').screenshot({ path: `${ARTIFACTS}/import-errors-de.png` });

  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('.data-errors[lang=en]'));
  assert.equal((await shadowText(page, 'segments', '.data-errors .rejected'))[0], '1,510 of 1,510 rows rejected');
  list = await causes();
  assert.ok(list[0][2].includes('1,200 rows with an invalid date in “Datum”'), list[0][2]);
  assert.ok(list[1][2].includes('300 rows with an invalid amount in “Betrag”'), list[1][2]);
  assert.ok(list[2][2].includes('10 rows without a customer'), list[2][2]);
  await page.locator('stammkunde-segments').screenshot({ path: `${ARTIFACTS}/import-errors-en.png` });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('rows in another currency than the base: one cause and a button that sets the base currency', async () => {
  const { page, context, log } = await openAdmin(1440);
  const rows = ['Bestellnummer;Kundennummer;Datum;Betrag;Währung'];
  for (let i = 1; i <= 2500; i++) rows.push(`${i};K${i % 400};${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 9)}.2025;${i % 90},50;USD`);
  await importFile(page, { name: 'usd.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  // the admin overrides the file's currency with EUR
  const input = page.locator('stammkunde-import [data-fact=currency] input');
  await input.fill('EUR');
  await input.dispatchEvent('change');
  await accept(page);
  const [cause] = await page.evaluate(() => [...document.querySelector('stammkunde-members').shadowRoot.querySelectorAll('li.cause')].map((li) => li.textContent));
  assert.ok(cause.startsWith('2.500 Zeilen in USD, Basiswährung EUR'), cause);
  const before = Number(await page.getAttribute('stammkunde-data', 'generation'));
  await page.locator('stammkunde-members button.fix[data-currency=USD]').click();
  await waitDrawn(page, before + 1);
  assert.equal(await page.getAttribute('stammkunde-data', 'currency'), 'USD');
  assert.deepEqual(await shadowText(page, 'members', '.data-errors'), []);
  await page.waitForSelector('stammkunde-members[total="400"]', { timeout: 60_000 });
  // remembered for the shop
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('stammkunde:import:morgenrot')).currency), 'USD');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('columns the import did not recognise are chosen in the preview, and remembered for the next file', async () => {
  const { page, context, log } = await openAdmin(1440);
  const csv = ['Beleg;Kunde;Tag;Brutto', '1;K1;02.01.2026;10,00', '2;K2;03.01.2026;20,00', '3;K1;04.01.2026;5,50'].join('\n');
  const file = { name: 'eigen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  await importFile(page, file);
  const missing = () => page.evaluate(() => [...document.querySelector('stammkunde-import').shadowRoot.querySelectorAll('tr.missing')].map((tr) => tr.dataset.field));
  assert.deepEqual(await missing(), ['order_id', 'placed_at']);
  assert.equal(await page.locator('stammkunde-import button.compute').isDisabled(), true);
  const problem = await page.evaluate(() => document.querySelector('stammkunde-import').shadowRoot.querySelector('.problem').textContent);
  assert.match(problem, /Keine Spalte erkannt für: Bestellnummer, Bestelldatum/);
  await page.locator('stammkunde-import tr[data-field=order_id] select').selectOption('Beleg');
  await page.waitForSelector('stammkunde-import[state=preview]');
  await page.locator('stammkunde-import tr[data-field=placed_at] select').selectOption('Tag');
  await page.waitForSelector('stammkunde-import[state=preview]');
  assert.deepEqual(await missing(), []);
  await accept(page);
  assert.equal(Number(await page.evaluate(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('.totals').dataset.customers)), 2);
  // the next file of this shop starts with the mapping chosen here
  await importFile(page, file);
  assert.deepEqual(await missing(), []);
  assert.equal(await page.locator('stammkunde-import button.compute').isDisabled(), false);
  assert.deepEqual(log.errors, []);
  await context.close();
});

/**
 * Elements marked English in the shadow roots of the page's widgets, other
 * than technical details (`.detail`): `[widget, text]`.
 */
function englishOutsideDetails(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('stammkunde-import, stammkunde-segments, stammkunde-rfm, stammkunde-abc, stammkunde-clv, stammkunde-members, stammkunde-nps')].flatMap((w) =>
      [...w.shadowRoot.querySelectorAll('[lang]')].filter((el) => el.getAttribute('lang').startsWith('en') && !el.closest('.detail')).map((el) => [w.localName, el.textContent]),
    ),
  );
}

test('problems of several kinds: every cause, row, file problem and load error in German, and in English after switching', async () => {
  const { page, context, log } = await openAdmin(1440);
  const rows = ['Bestellnummer;Kundennummer;Datum;Betrag;Status;Uhrzeit'];
  for (let i = 1; i <= 40; i++) rows.push(`${i};K${i % 7};${String(1 + (i % 27)).padStart(2, '0')}.03.2026;${10 + i},50;bezahlt;10:00`);
  rows.push('41;K1;31.02.2026;10,00;bezahlt;10:00', '42;K1;30.02.2026;10,00;bezahlt;10:00');
  rows.push('43;K1;02.03.2026;zehn;bezahlt;10:00');
  rows.push('44;;02.03.2026;10,00;bezahlt;10:00');
  rows.push('1;K2;02.03.2026;10,00;bezahlt;10:00');
  rows.push('45;K1;02.03.2026;10,00;verloren;10:00');
  rows.push('46;K1;02.03.2026;10,00;bezahlt;25:99');
  rows.push('47;K1;02.03.2026;-5,00;bezahlt;10:00');
  rows.push('48;K1;02.03.2026;10,00;teilweise erstattet;10:00');
  await importFile(page, { name: 'gemischt.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await accept(page);

  const causes = () =>
    page.evaluate(() => [...document.querySelector('stammkunde-segments').shadowRoot.querySelectorAll('li.cause')].map((li) => [li.dataset.code, li.textContent]));
  const codes = ['bad_amount', 'bad_date', 'bad_status', 'bad_time', 'duplicate_id', 'empty_customer', 'missing_refund', 'negative_amount'];
  let list = await causes();
  assert.deepEqual(list.map(([c]) => c).sort(), codes);
  const de = Object.fromEntries(list);
  assert.ok(de.bad_date.startsWith('2 Zeilen mit ungültigem Datum in „Datum“'), de.bad_date);
  assert.ok(de.bad_status.includes('Status wie abgeschlossen'), de.bad_status);
  assert.ok(de.missing_refund.startsWith('1 teilweise erstattete Bestellung ohne Erstattungsbetrag'), de.missing_refund);
  assert.ok(de.duplicate_id.includes('Bestellnummer, die schon vorkam'), de.duplicate_id);
  // every row by its cause, in German: the rows one by one
  await page.locator('stammkunde-segments .data-errors details summary').click();
  const table = await shadowText(page, 'segments', '.data-errors tbody tr');
  assert.equal(table.length, 9);
  assert.ok(table.some((r) => r.includes('Ungültiges Datum: „31.02.2026“')), table.join('\n'));
  assert.ok(table.some((r) => r.includes('Unbekannter Status: „verloren“')), table.join('\n'));
  // nothing English on screen, and no reader's words needed as detail
  assert.deepEqual(await englishOutsideDetails(page), []);
  assert.deepEqual(await shadowText(page, 'segments', '.detail'), []);
  await page.locator('stammkunde-segments').screenshot({ path: `${ARTIFACTS}/import-mixed-de.png` });

  // whole-file problems in the preview, by their code
  await importFile(page, { name: 'leer.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  let problem = (await shadowText(page, 'import', '.problem'))[0];
  assert.ok(problem.startsWith('Die Datei kann so nicht gelesen werden: Die Datei ist leer.'), problem);
  await importFile(page, { name: 'kaputt.json', mimeType: 'application/json', buffer: Buffer.from('{"orders": [{"id": 1,') });
  problem = (await shadowText(page, 'import', '.problem'))[0];
  assert.ok(problem.includes('Die Datei ist kein gültiges JSON'), problem);
  assert.deepEqual(await englishOutsideDetails(page), []);

  // English UI: the same screens in English
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('.data-errors[lang=en]'));
  await page.waitForFunction(() => document.querySelector('stammkunde-import').shadowRoot.querySelector('.problem')?.textContent.startsWith('The file cannot be read'));
  problem = (await shadowText(page, 'import', '.problem'))[0];
  assert.ok(problem.includes('The file is not valid JSON'), problem);
  const en = Object.fromEntries(await causes());
  assert.ok(en.bad_date.startsWith('2 rows with an invalid date in “Datum”'), en.bad_date);
  assert.ok(en.missing_refund.startsWith('1 partially refunded order without a refunded amount'), en.missing_refund);
  const tableEn = await shadowText(page, 'segments', '.data-errors tbody tr');
  assert.ok(tableEn.some((r) => r.includes('Unknown status: “verloren”')), tableEn.join('\n'));
  assert.ok(!tableEn.some((r) => r.includes('Ungültig')), tableEn.join('\n'));

  // a source that cannot be fetched: said in the UI's language, switching along
  await page.evaluate(() => {
    const data = document.querySelector('stammkunde-data');
    data.orders = undefined; // the imported file gives way to the src
    data.setAttribute('src', 'nicht-da.csv');
  });
  await page.waitForFunction(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('.status .error'), null, { timeout: 60_000 });
  let failed = (await shadowText(page, 'segments', '.status .error'))[0];
  assert.ok(failed.includes('nicht-da.csv could not be loaded (HTTP 404)'), failed);
  await page.selectOption('#lang', 'de');
  await page.waitForFunction(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('.status .error')?.textContent.includes('konnte nicht geladen werden'));
  failed = (await shadowText(page, 'segments', '.status .error'))[0];
  assert.match(failed, /^Die Daten konnten nicht verarbeitet werden: Die Datei \S*\/nicht-da\.csv konnte nicht geladen werden \(HTTP 404\)\. /);
  assert.deepEqual(await englishOutsideDetails(page), []);
  await page.locator('stammkunde-segments').screenshot({ path: `${ARTIFACTS}/import-load-error-de.png` });
  // the failed load is reported once on the console by the page, nothing thrown
  assert.deepEqual(log.errors.filter((e) => !/404|nicht-da/.test(String(e))), []);
  await context.close();
});

test('an engine that cannot start: the status element and the widgets say so in the page language', async () => {
  const context = await browser.newContext();
  // the worker script is missing next to the admin script
  await context.route('**/stammkunde-worker.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.base}/admin/`);
  await page.waitForSelector('stammkunde-status[error]', { timeout: 60_000 });
  assert.equal(await page.getAttribute('stammkunde-status', 'error'), 'worker_failed');
  const status = () => page.evaluate(() => document.querySelector('stammkunde-status').shadowRoot.textContent);
  assert.match(await status(), /^Stammkunde: Die Rechenkomponente konnte nicht starten\. Prüfen Sie, dass stammkunde-worker\.js/);
  await page.waitForFunction(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('.status .error'), null, { timeout: 60_000 });
  const failed = await page.evaluate(() => document.querySelector('stammkunde-segments').shadowRoot.querySelector('.status .error').textContent);
  assert.match(failed, /^Die Daten konnten nicht verarbeitet werden: Die Rechenkomponente konnte nicht starten/);
  assert.deepEqual(await englishOutsideDetails(page), []);
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('stammkunde-status').shadowRoot.textContent.includes('could not start'));
  assert.match(await status(), /^Stammkunde: The computing component could not start\./);
  assert.deepEqual(errors, []);
  await context.close();
});
