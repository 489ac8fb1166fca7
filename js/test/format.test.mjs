// Number, money and date formatting via Intl, German and English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { date, money, number, percent, zoneOffsets } from '../src/admin/format.js';

// Intl may use narrow no-break spaces; compare with plain spaces.
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

test('numbers and money follow the language', () => {
  assert.equal(number(1234567, 'de'), '1.234.567');
  assert.equal(number(1234567, 'en'), '1,234,567');
  assert.equal(number(2.5, 'de', 1), '2,5');
  assert.equal(plain(money(123456, 'EUR', 'de')), '1.234,56 €');
  assert.equal(money(123456, 'EUR', 'en'), '€1,234.56');
  assert.equal(plain(money(-990, 'CHF', 'de')), '-9,90 CHF');
  assert.equal(number(NaN, 'de'), '–');
  assert.equal(money(Infinity, 'EUR', 'de'), '–');
});

test('money has its currency\'s minor digits (ISO 4217)', () => {
  assert.equal(plain(money(500000, 'JPY', 'de')), '500.000 ¥');
  assert.equal(money(5000, 'JPY', 'en'), 'JP¥5,000');
  assert.equal(plain(money(1234567, 'KWD', 'de')), '1.234,567 KWD');
  assert.equal(plain(money(12345, 'CHF', 'de')), '123,45 CHF');
  assert.equal(plain(money(4990, 'eur', 'de')), '49,90 €');
});

test('an unknown currency code still shows the amount', () => {
  assert.equal(money(100, 'NOT-A-CODE', 'en'), '1.00 NOT-A-CODE');
});

test('percentages', () => {
  assert.equal(plain(percent(0.125, 'de')), '12,5 %');
  assert.equal(percent(0.125, 'en'), '12.5%');
});

test('dates are shown in UTC', () => {
  const s = Date.UTC(2026, 10, 1, 23, 30) / 1000; // 1 Nov 2026, late evening UTC
  assert.equal(date(s, 'de'), '01.11.2026');
  assert.equal(date(s, 'en'), '01/11/2026');
});

test('zoneOffsets lists a zone\'s offset changes from Intl', () => {
  assert.deepEqual(zoneOffsets('Europe/Berlin', 2026, 2026), [
    [Date.UTC(2026, 0, 1) / 1000, 60],
    [Date.UTC(2026, 2, 29, 1) / 1000, 120],
    [Date.UTC(2026, 9, 25, 1) / 1000, 60],
  ]);
  assert.deepEqual(zoneOffsets('America/New_York', 2026, 2026), [
    [Date.UTC(2026, 0, 1) / 1000, -300],
    [Date.UTC(2026, 2, 8, 7) / 1000, -240],
    [Date.UTC(2026, 10, 1, 6) / 1000, -300],
  ]);
  assert.deepEqual(zoneOffsets('UTC', 2025, 2026), [[Date.UTC(2025, 0, 1) / 1000, 0]]);
});
