// CSV export: the admin's member export goes through the engine's writer
// (tableCsv, the writer of exportCsv): German and English number formats,
// quoting, formula injection, the currency's minor digits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { exportColumns } from '../src/admin/model.js';

const pkgDir = new URL('../../dist/pkg/', import.meta.url);
const wasm = await import(new URL('stammkunde.js', pkgDir));
wasm.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkgDir)) });

const BOM = '\uFEFF';
const columns = [
  { header: 'Kunde', type: 'text' },
  { header: 'Umsatz', type: 'money' },
  { header: 'P', type: 'ratio' },
  { header: 'Letzte', type: 'date' },
  { header: 'N', type: 'int' },
];
const rows = [
  ['Müller; Söhne', 123456, 0.5, Date.UTC(2026, 0, 5) / 1000, 3],
  ['Sagt "Hallo"', -990, null, null, 0],
];
const one = (type, value, options) => wasm.tableCsv([{ header: 'h', type }], [[value]], { bom: false, ...options }).split('\r\n')[1];

test('German: semicolons, decimal comma, dd.mm.yyyy, BOM and CRLF', () => {
  const text = wasm.tableCsv(columns, rows, { lang: 'de' });
  assert.ok(text.startsWith(BOM));
  assert.equal(
    text.slice(1),
    'Kunde;Umsatz;P;Letzte;N\r\n"Müller; Söhne";1234,56;0,5000;05.01.2026;3\r\n"Sagt ""Hallo""";-9,90;;;0\r\n',
  );
});

test('English: commas, decimal point, ISO dates', () => {
  const text = wasm.tableCsv(columns, rows, { lang: 'en', bom: false });
  assert.equal(text, 'Kunde,Umsatz,P,Letzte,N\r\nMüller; Söhne,1234.56,0.5000,2026-01-05,3\r\n"Sagt ""Hallo""",-9.90,,,0\r\n');
});

test('cells and headers that start like a formula are neutralised', () => {
  const cases = [
    ['=1+1', "'=1+1"],
    ['+49 170', "'+49 170"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', '"\'\rx"'],
    ['＝1', "'＝1"],
    ['anna@example.de', 'anna@example.de'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
  ];
  for (const [text, cell] of cases) assert.equal(one('text', text, { lang: 'en' }), cell, text);
  assert.equal(wasm.tableCsv([{ header: '=cmd', type: 'text' }], [], { lang: 'de', bom: false }), "'=cmd\r\n");
  // numbers are not text: a negative amount stays a number
  assert.equal(one('money', -500, { lang: 'de' }), '-5,00');
});

test("money cells have the currency's minor digits", () => {
  assert.equal(one('money', 5000, { lang: 'de', currency: 'JPY' }), '5000');
  assert.equal(one('money', -5000, { lang: 'en', currency: 'JPY' }), '-5000');
  assert.equal(one('money', 1234567, { lang: 'en', currency: 'KWD' }), '1234.567');
  assert.equal(one('money', 1234567, { lang: 'de', currency: 'KWD' }), '1234,567');
  assert.equal(one('money', 5, { lang: 'de', currency: 'KWD' }), '0,005');
  assert.equal(one('money', 12345, { lang: 'de', currency: 'CHF' }), '123,45');
  assert.equal(one('money', 12345, { lang: 'de' }), '123,45');
});

test('averages round half up, missing values are empty cells', () => {
  assert.equal(one('money', 10666.5, { lang: 'de' }), '106,67');
  assert.equal(one('money', -990.5, { lang: 'de' }), '-9,90');
  assert.equal(one('int', 2.5, { lang: 'de' }), '3');
  assert.equal(one('number', 1.005, { lang: 'de' }), '1,00');
  assert.equal(one('ratio', 0.03125, { lang: 'en' }), '0.0313');
  for (const missing of [null, undefined, NaN, Infinity]) assert.equal(one('money', missing, { lang: 'de' }), '');
  assert.equal(wasm.tableCsv(columns, [['x']], { lang: 'en', bom: false }).split('\r\n')[1], 'x,,,,');
});

test('lists of segments are joined and quoted when needed', () => {
  assert.equal(one('text', ['a', 'b'], { lang: 'de' }), 'a, b');
  assert.equal(one('text', ['a', 'b'], { lang: 'en' }), '"a, b"');
});

test('bad columns or options are explained', () => {
  assert.throws(() => wasm.tableCsv([{ header: 'h', type: 'euro' }], [], {}), (e) => e.code === 'invalid_input' && /columns/.test(e.message));
  assert.throws(() => wasm.tableCsv([], [[1]], { lang: 'fr' }), (e) => e.code === 'invalid_option');
});

test('export columns name the currency in the export language', () => {
  assert.equal(exportColumns('de', 'CHF').find((c) => c.key === 'revenue').header, 'Umsatz (CHF)');
  assert.equal(exportColumns('en').find((c) => c.key === 'revenue').header, 'revenue (EUR)');
});
