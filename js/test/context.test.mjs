import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeContext, parseAmount, readContext } from '../src/storefront/context.js';

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

test('setContext merges valid fields and names invalid and unknown ones', () => {
  const said = [];
  const base = readContext(tag({ 'data-page': 'product' }));
  const next = mergeContext(base, { cartValue: '1.234,56', cartItems: 2, page: 'Cart', currency: 'chf', customerSegment: ' loyal ', returning: true }, (m) => said.push(m));
  assert.deepEqual(said, []);
  assert.equal(next.page, 'cart');
  assert.equal(next.cartValue, 1234.56);
  assert.equal(next.cartItems, 2);
  assert.equal(next.currency, 'CHF');
  assert.equal(next.customerSegment, 'loyal');
  assert.equal(next.returning, true);
  assert.equal(base.page, 'product', 'the old context is not changed');

  const kept = mergeContext(next, { cartItems: -1, page: 'startseite', cartValue: 'viel', basket: 3 }, (m) => said.push(m));
  assert.equal(said.length, 4, said.join('\n'));
  assert.match(said[0], /"cartItems" -1 is not valid; keeping 2/);
  assert.match(said[1], /"page" "startseite" is not valid; keeping "cart"/);
  assert.match(said[3], /unknown field "basket"/);
  assert.deepEqual(kept, next);
  assert.equal(mergeContext(next, { customerSegment: null }, () => {}).customerSegment, undefined);
  said.length = 0;
  assert.deepEqual(mergeContext(next, 'cart', (m) => said.push(m)), next);
  assert.match(said[0], /expects an object/);
});

test('setContext with 5,000 unknown fields: five named and one count; a long segment name is capped', () => {
  const said = [];
  const patch = { cartItems: 1, customerSegment: 's'.repeat(1e6) };
  for (let i = 0; i < 5000; i++) patch[`f${i}`] = i;
  const next = mergeContext(readContext(null), patch, (m) => said.push(m));
  assert.equal(next.cartItems, 1);
  assert.equal(next.customerSegment.length, 100);
  assert.equal(said.length, 6, said.slice(0, 8).join('\n'));
  assert.equal(said[5], 'setContext: 5000 unknown fields in all; ignored');
});
