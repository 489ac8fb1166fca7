// The admin's import path without a browser: the worker's engine (engine.js)
// on the admin wasm build, fed bytes as the worker gets them from a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { wasmEngine, ERROR_ROWS } from '../src/admin/engine.js';
import { frequencyCut } from '../src/admin/model.js';
import { summarizeColumns } from '../src/admin/columns.js';
import { texts } from '../src/admin/i18n.js';
import { number } from '../src/admin/format.js';

const engineDir = new URL('../../dist/admin-engine/', import.meta.url);
const wasm = await import(new URL('stammkunde.js', engineDir));
wasm.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', engineDir)) });
const engine = wasmEngine(wasm, Promise.resolve());
const fixture = (path) => readFileSync(new URL(`../../tests/fixtures/${path}`, import.meta.url));
const noProgress = () => {};

test('a million rejected rows become one group with a count, an example and a fix in both languages', async () => {
  const header = 'Bestellnummer;Kundennummer;Datum;Betrag;Währung\n';
  const rows = 1_000_000;
  // Built as bytes in one buffer: a million-line string join is not the point here.
  const line = (i) => `${i};K${i % 5000};01.02.1998;12,50;USD\n`;
  const parts = [header];
  for (let i = 1; i <= rows; i++) parts.push(line(i));
  const bytes = new TextEncoder().encode(parts.join(''));
  const result = await engine.compute({ bytes, format: 'csv' }, { currency: 'EUR', lang: 'de', asOf: Date.UTC(1998, 6, 1) / 1000 }, noProgress);
  try {
    const imp = result.import;
    assert.equal(imp.read, rows);
    assert.equal(imp.rejected, rows);
    assert.equal(imp.errors.length, ERROR_ROWS);
    assert.equal(imp.groups.length, 1);
    const [group] = imp.groups;
    assert.deepEqual([group.code, group.currency, group.base, group.count], ['currency_mismatch', 'USD', 'EUR', rows]);
    assert.equal(group.example.row, 2);
    const summary = summarizeColumns(result);
    assert.equal(summary.import.groups[0].count, rows);
    assert.equal(summary.customers, 0);
    const [de] = texts('de').causes.currency_mismatch(group, number(group.count, 'de'));
    assert.equal(de, '1.000.000 Zeilen in USD, Basiswährung EUR');
    const [en, fix] = texts('en').causes.currency_mismatch(group, number(group.count, 'en'));
    assert.equal(en, '1,000,000 rows in USD, base currency EUR');
    assert.equal(fix, 'Set the base currency to USD');
  } finally {
    engine.release(result);
  }
});

test('rows with several causes are grouped per cause, largest first', async () => {
  const csv = [
    'Bestellnummer;Kundennummer;Datum;Betrag',
    '1;K1;31.02.2024;1,00',
    '2;K1;32.01.2024;1,00',
    '3;;01.02.2024;1,00',
    '4;K2;01.02.2024;abc',
    '5;K2;01.02.2024;2,00',
  ].join('\n');
  const result = await engine.compute({ bytes: new TextEncoder().encode(csv), format: 'csv' }, { lang: 'de', asOf: Date.UTC(2024, 2, 1) / 1000 }, noProgress);
  try {
    assert.deepEqual(
      result.import.groups.map((g) => [g.code, g.count, g.example.row]),
      [['bad_date', 2, 2], ['empty_customer', 1, 4], ['bad_amount', 1, 5]],
    );
    assert.equal(result.import.used, 1);
  } finally {
    engine.release(result);
  }
});

test('a Windows-1252 and a UTF-16 export read like the UTF-8 one', async () => {
  const want = await engine.compute({ bytes: fixture('encodings/utf8.csv'), format: 'csv' }, { lang: 'de', asOf: Date.UTC(2026, 0, 1) / 1000 }, noProgress);
  // the engine's per-customer columns: key and revenue of every customer
  const rows = (r) => r.keys().map((k, i) => [k, r.columns.revenue[i]]);
  const keys = rows(want);
  engine.release(want);
  for (const name of ['windows-1252.csv', 'utf16le-bom.csv', 'utf16be-bom.csv', 'utf8-bom.csv']) {
    const got = await engine.compute({ bytes: fixture(`encodings/${name}`), format: 'csv' }, { lang: 'de', asOf: Date.UTC(2026, 0, 1) / 1000 }, noProgress);
    assert.deepEqual(rows(got), keys, name);
    assert.equal(got.import.rejected, 0, name);
    engine.release(got);
  }
});

test('the preview facts of the German CDNOW export', async () => {
  const facts = await engine.inspect(fixture('cdnow/CDNOW_sample_de.csv'));
  assert.equal(facts.format, 'csv');
  assert.equal(facts.encoding, 'Windows-1252');
  assert.deepEqual([facts.delimiter, facts.decimal, facts.date_style], [';', ',', 'dd.mm.yyyy']);
  assert.equal(facts.currency, 'USD');
  assert.equal(facts.rows, 6919);
  assert.equal(facts.header.at(-1), 'Währung');
  assert.deepEqual([facts.first_day, facts.last_day], [Date.UTC(1997, 0, 1) / 864e5, Date.UTC(1998, 5, 30) / 864e5]);
  // the file ended long ago: as-of is the day after its last order
  assert.equal(facts.as_of_day, facts.last_day + 1);
  assert.equal(facts.as_of_after_last, true);
  assert.equal(facts.mapping.find((m) => m.field === 'customer').column, 'Kundennummer');
  assert.equal(facts.sample[0][1], '00004');
});

test('F falls back to order counts exactly when the quintiles collapse', () => {
  // half one-time buyers: the quintiles give F = 1 and then 3, never 2
  const half = new Map([[1, 50], [2, 20], [3, 10], [4, 10], [8, 10]]);
  assert.equal(frequencyCut(half, 100), 'orders');
  const even = new Map([[1, 20], [2, 20], [3, 20], [4, 20], [5, 20]]);
  assert.equal(frequencyCut(even, 100), 'quintiles');
});

test('the as-of attribute is read by the engine: German and ISO dates, and an impossible day says how to fix it', async () => {
  const bytes = fixture('encodings/utf8.csv');
  for (const asOf of ['01.11.2026', '2026-11-01', ' 1.11.2026 ']) {
    const result = await engine.compute({ bytes, format: 'csv' }, { lang: 'de', asOf }, noProgress);
    assert.equal(result.asOf, Date.UTC(2026, 10, 1) / 1000, asOf);
    engine.release(result);
  }
  await assert.rejects(engine.compute({ bytes, format: 'csv' }, { lang: 'de', asOf: '31.02.2026' }, noProgress), /'31\.02\.2026' is not a date; write '2026-11-01' or '01\.11\.2026'/);
});

test('big-spender is in currency units: 500 is 500 EUR, 500 JPY or 500 KWD', async () => {
  const { segmentOptions } = await import('../src/admin/engine.js');
  const high = (currency) => segmentOptions({ currency, thresholds: { bigSpender: 500 } }, '2026-11-01').highRevenue;
  assert.deepEqual([high('EUR'), high('JPY'), high('KWD'), high(undefined)], [50_000, 500, 500_000, 50_000]);
});

test('a file the engine cannot read reaches the page with its codes and is said in German or English', async () => {
  const { serve } = await import('../src/admin/protocol.js');
  const { errorText } = await import('../src/admin/i18n.js');
  const scope = { posted: [], postMessage: (m) => scope.posted.push(m) };
  serve(scope, engine);
  const ask = async (id, input) => {
    await scope.onmessage({ data: { id, type: 'compute', input, options: { asOf: Date.UTC(2026, 0, 1) / 1000 } } });
    return scope.posted.find((m) => m.id === id && 'ok' in m);
  };
  const empty = await ask(1, { bytes: new Uint8Array(0), format: 'csv' });
  assert.equal(empty.ok, false);
  assert.equal(empty.error.code, 'invalid_input');
  assert.equal(empty.error.reasonCode, 'empty_file');
  assert.match(errorText(empty.error, 'de').text, /^Die Datei ist leer\. /);
  assert.match(errorText(empty.error, 'en').text, /^The file is empty\. /);
  assert.equal(errorText(empty.error, 'de').detail, null);
  const noColumns = await ask(2, { bytes: new TextEncoder().encode('Beleg;Kunde\n1;K1\n'), format: 'csv' });
  assert.equal(noColumns.error.reasonCode, 'missing_column');
  assert.equal(errorText(noColumns.error, 'de').text, 'Keine Spalte erkannt für die Bestellnummer. In der Spaltenzuordnung der Vorschau die passende Spalte wählen.');
});
