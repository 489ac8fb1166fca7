import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmount, readContext } from '../src/storefront/context.js';

const tag = (attrs) => ({ getAttribute: (name) => attrs[name] ?? null });

test('amounts are read in German and English notation', () => {
  assert.equal(parseAmount('49.90'), 49.9);
  assert.equal(parseAmount('49,90'), 49.9);
  assert.equal(parseAmount('1.234,56'), 1234.56);
  assert.equal(parseAmount(' 12 '), 12);
  assert.equal(parseAmount('zwölf'), undefined);
  assert.equal(parseAmount(''), undefined);
  assert.equal(parseAmount(null), undefined);
});

test('the script tag context is parsed with safe defaults', () => {
  const ctx = readContext(tag({ 'data-page': 'Cart', 'data-cart-value': '1.234,56', 'data-cart-items': '3', 'data-currency': 'eur', 'data-customer-segment': 'champions' }));
  assert.deepEqual(ctx, { page: 'cart', cartValue: 1234.56, cartItems: 3, currency: 'EUR', customerSegment: 'champions', orderValue: undefined });
  const bad = readContext(tag({ 'data-page': 'startseite', 'data-cart-value': '-5', 'data-cart-items': 'viele' }));
  assert.equal(bad.page, 'other');
  assert.equal(bad.cartValue, 0);
  assert.equal(bad.cartItems, 0);
  assert.equal(readContext(null).page, 'other');
});
