// Popup texts and events, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMAIL, TEXTS, fill, language, localized, money, texts } from '../src/storefront/content.js';
import { createEmitter } from '../src/storefront/events.js';

test('language: config first, then <html lang>, German when the page says nothing', () => {
  assert.equal(language(undefined, 'de-AT'), 'de');
  assert.equal(language(undefined, 'en-GB'), 'en');
  assert.equal(language(undefined, 'fr'), 'en');
  assert.equal(language(undefined, ''), 'de');
  assert.equal(language('en', 'de'), 'en');
});

test('German and English have the same texts, none empty', () => {
  assert.deepEqual(Object.keys(TEXTS.de).sort(), Object.keys(TEXTS.en).sort());
  for (const lang of ['de', 'en']) for (const [k, v] of Object.entries(TEXTS[lang])) assert.ok(v.trim(), `${lang} ${k}`);
});

test('operator texts per language; only title, text and note can be replaced', () => {
  const t = texts({ title: { de: 'Hallo', en: 'Hello' }, text: 'Immer', faq: 'https://x/faq', note: { en: 'only English' } }, 'service', 'de');
  assert.equal(t('title'), 'Hallo');
  assert.equal(t('text'), 'Immer');
  assert.equal(t('faq'), TEXTS.de['service.faq'], 'a URL field is not a label');
  assert.equal(texts({ note: { en: 'only English' } }, 'newsletter', 'de')('note'), TEXTS.de['newsletter.note']);
  assert.equal(localized({ de: 'x' }, 'en'), undefined);
  assert.equal(fill('Noch {gap}, dann {next} {unknown}', { gap: '5 €', next: '10 %' }), 'Noch 5 €, dann 10 % {unknown}');
});

test('money in German and English notation', () => {
  assert.equal(money(1234.5, 'EUR', 'de').replace(/\s/g, ' '), '1.234,50 €');
  assert.equal(money(10.2, 'EUR', 'en'), '€10.20');
  assert.equal(money(5, 'XYZ1', 'de'), '5.00 XYZ1');
});

test('e-mail check', () => {
  for (const ok of ['a@b.de', 'kundin.name+shop@mail.example.com']) assert.ok(EMAIL.test(ok), ok);
  for (const bad of ['', 'a@b', 'a b@c.de', '@b.de', 'a@.de', 'a@b.c']) assert.ok(!EMAIL.test(bad), bad);
});

test('events go to document, dataLayer and the beacon; broken sinks are ignored', () => {
  const seen = [];
  globalThis.document = new EventTarget();
  globalThis.window = { dataLayer: [] };
  const sent = [];
  Object.defineProperty(globalThis, 'navigator', { value: { sendBeacon: (url, body) => sent.push([url, JSON.parse(body)]) }, configurable: true });
  document.addEventListener('stammkunde:show', (e) => seen.push(e.detail));
  const emit = createEmitter('https://shop.example/collect', () => ({ visitor: 'abc' }));
  const detail = { kind: 'voucher', score: 0.9, reasons: ['x'], holdout: false };
  emit('show', detail);
  assert.deepEqual(seen, [detail]);
  assert.deepEqual(window.dataLayer, [{ event: 'stammkunde:show', stammkunde: detail }]);
  assert.equal(sent[0][0], 'https://shop.example/collect');
  assert.deepEqual({ ...sent[0][1], time: 0 }, { event: 'show', time: 0, visitor: 'abc', ...detail });
  window.dataLayer = { push: () => { throw new Error('broken'); } };
  navigator.sendBeacon = () => { throw new Error('blocked'); };
  assert.doesNotThrow(() => emit('show', detail));
  createEmitter('')('close', { kind: 'voucher' }); // no beacon configured
  assert.equal(seen.length, 2);
});
