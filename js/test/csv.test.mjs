// CSV export: German and English number formats, quoting, formula injection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BOM, cell, neutralise, toCsv } from '../src/admin/csv.js';
import { exportColumns } from '../src/admin/model.js';

const columns = [
  { key: 'name', header: 'Kunde', type: 'text' },
  { key: 'revenue', header: 'Umsatz', type: 'money' },
  { key: 'p', header: 'P', type: 'ratio' },
  { key: 'last', header: 'Letzte', type: 'date' },
  { key: 'n', header: 'N', type: 'int' },
];
const rows = [
  { name: 'Müller; Söhne', revenue: 123456, p: 0.5, last: Date.UTC(2026, 0, 5) / 1000, n: 3 },
  { name: 'Sagt "Hallo"', revenue: -990, p: null, last: null, n: 0 },
];

test('German: semicolons, decimal comma, dd.mm.yyyy, BOM and CRLF', () => {
  const text = toCsv(columns, rows, { format: 'de' });
  assert.ok(text.startsWith(BOM));
  assert.equal(
    text.slice(1),
    'Kunde;Umsatz;P;Letzte;N\r\n"Müller; Söhne";1234,56;0,5000;05.01.2026;3\r\n"Sagt ""Hallo""";-9,90;;;0\r\n',
  );
});

test('English: commas, decimal point, ISO dates', () => {
  const text = toCsv(columns, rows, { format: 'en', bom: false });
  assert.equal(text, 'Kunde,Umsatz,P,Letzte,N\r\nMüller; Söhne,1234.56,0.5000,2026-01-05,3\r\n"Sagt ""Hallo""",-9.90,,,0\r\n');
});

test('cells that start like a formula are neutralised', () => {
  for (const bad of ['=1+1', '+49 170', '-2', '@SUM(A1)', '\tx', '\rx', '＝1']) {
    assert.equal(neutralise(bad), `'${bad}`);
  }
  assert.equal(neutralise('anna@example.de'), 'anna@example.de');
  const text = toCsv([{ key: 'k', header: 'k', type: 'text' }], [{ k: '=HYPERLINK("http://x")' }], { format: 'en', bom: false });
  assert.equal(text, 'k\r\n"\'=HYPERLINK(""http://x"")"\r\n');
  // numbers are not text: a negative amount stays a number
  assert.equal(cell(-500, 'money', 'de'), '-5,00');
});

test('money cells have the currency\'s minor digits', () => {
  assert.equal(cell(5000, 'money', 'de', 'JPY'), '5000');
  assert.equal(cell(1234567, 'money', 'en', 'KWD'), '1234.567');
  assert.equal(cell(12345, 'money', 'de', 'CHF'), '123,45');
  const text = toCsv([{ key: 'r', header: 'r', type: 'money' }], [{ r: 5000 }], { format: 'de', bom: false, currency: 'JPY' });
  assert.equal(text, 'r\r\n5000\r\n');
});

test('lists of segments are joined and quoted when needed', () => {
  assert.equal(cell(['a', 'b'], 'text', 'de'), 'a, b');
  const text = toCsv([{ key: 's', header: 's', type: 'text' }], [{ s: ['a', 'b'] }], { format: 'en', bom: false });
  assert.equal(text, 's\r\n"a, b"\r\n');
});

test('export columns name the currency in the export language', () => {
  assert.equal(exportColumns('de', 'CHF').find((c) => c.key === 'revenue').header, 'Umsatz (CHF)');
  assert.equal(exportColumns('en').find((c) => c.key === 'revenue').header, 'revenue (EUR)');
});
