// Page-side hardening: a page's polluted Object.prototype must not
// configure, fill in or widen anything (the Playwright fault tests cover
// the whole script; these pin down the pieces).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_SCHEMA, validate } from '../src/storefront/config.js';
import { INTENT_SCHEMA } from '../src/storefront/intent.js';
import { fill } from '../src/storefront/content.js';
import { mergeContext, readContext } from '../src/storefront/context.js';

/** Runs `fn` with junk on Object.prototype, then removes it. */
function polluted(fn) {
  const junk = { lang: 'xx', intent: { enabled: false, sensitivity: 'nope' }, enabled: false, sensitivity: 'nope', code: '<img src=x>', constructor2: 1 };
  for (const [k, v] of Object.entries(junk)) Object.prototype[k] = v;
  try {
    return fn();
  } finally {
    for (const k of Object.keys(junk)) delete Object.prototype[k];
  }
}

test('config: inherited properties are neither read nor reported', () => {
  const warnings = [];
  const config = polluted(() => validate([BASE_SCHEMA, INTENT_SCHEMA], {}, (m) => warnings.push(m)));
  assert.deepEqual(warnings, []);
  assert.equal(config.lang, undefined);
  assert.equal(config.intent.enabled, true);
  assert.equal(config.intent.sensitivity, 'medium');
  assert.ok(Object.prototype.hasOwnProperty.call(config, 'intent'), 'an own intent section, not the inherited one');
});

test('text placeholders are filled from own values only', () => {
  const text = polluted(() => fill('Ihr Code: {code}, {value}', { value: '10 %' }));
  assert.equal(text, 'Ihr Code: {code}, 10 %');
});

test('setContext: inherited names are unknown fields, not checks', () => {
  const warnings = [];
  const next = mergeContext(readContext(null), { constructor: 'x', toString: 1, cartItems: 2 }, (m) => warnings.push(m));
  assert.equal(next.cartItems, 2);
  assert.equal(Object.prototype.hasOwnProperty.call(next, 'constructor'), false);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0], /unknown field "constructor"/);
});
