import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_SCHEMA, MAX_TEXT, bool, int, loadConfig, num, oneOf, pages, spec, validate } from '../src/storefront/config.js';
import { INTENT_SCHEMA } from '../src/storefront/intent.js';

const SCHEMAS = [BASE_SCHEMA, INTENT_SCHEMA];
/** validate() with the warnings collected instead of logged. */
function check(raw, schemas = SCHEMAS) {
  const warnings = [];
  const config = validate(schemas, raw, (m) => warnings.push(m));
  return { config, warnings };
}

test('an empty config gives the documented intent defaults without warnings', () => {
  const { config, warnings } = check({});
  assert.deepEqual(warnings, []);
  assert.deepEqual(config.intent, {
    enabled: true,
    sensitivity: 'medium',
    minTimeOnPage: 5,
    cooldown: 30,
    pages: ['home', 'category', 'product', 'cart', 'other'],
    backButton: false,
    device: 'auto',
  });
  assert.equal(config.lang, undefined);
  assert.deepEqual(check(undefined).warnings, []);
});

test('valid fields are taken as given', () => {
  const { config, warnings } = check({
    lang: 'en',
    intent: { sensitivity: 'high', minTimeOnPage: 0, cooldown: 120, pages: ['cart', 'checkout', 'cart'], backButton: false, device: 'touch', enabled: false },
  });
  assert.deepEqual(warnings, []);
  assert.equal(config.lang, 'en');
  assert.equal(config.intent.sensitivity, 'high');
  assert.equal(config.intent.minTimeOnPage, 0);
  assert.equal(config.intent.cooldown, 120);
  assert.deepEqual(config.intent.pages, ['cart', 'checkout']);
  assert.equal(config.intent.backButton, false);
  assert.equal(config.intent.device, 'touch');
  assert.equal(config.intent.enabled, false);
});

test('each invalid field gets one warning naming the field and the default used', () => {
  const { config, warnings } = check({
    intent: { sensitivity: 'extreme', minTimeOnPage: -3, cooldown: '30', pages: ['cart', 'basket'], backButton: 'yes' },
  });
  assert.equal(warnings.length, 5, warnings.join('\n'));
  assert.equal(warnings[0], 'config field "intent.sensitivity": expected one of low, medium, high, got "extreme"; using "medium"');
  assert.equal(warnings[1], 'config field "intent.minTimeOnPage": expected a number from 0 to 3600, got -3; using 5');
  assert.match(warnings[2], /^config field "intent.cooldown": expected a number .* got "30"; using 30$/);
  assert.match(warnings[3], /^config field "intent.pages": expected a list of home, category, .* got \["cart","basket"\]; using \["home",/);
  assert.equal(warnings[4], 'config field "intent.backButton": expected one of false, cart, true, got "yes"; using false');
  // the rest of the config is still used
  assert.equal(config.intent.sensitivity, 'medium');
  assert.equal(config.intent.enabled, true);
});

test('unknown fields warn, at the top and inside a section', () => {
  const { config, warnings } = check({ lang: 'de', popups: {}, intent: { sensitivty: 'low', minTimeOnPage: 2 } });
  assert.deepEqual(warnings, ['config field "popups" is unknown; ignored', 'config field "intent.sensitivty" is unknown; ignored']);
  assert.equal(config.intent.minTimeOnPage, 2);
  assert.equal(config.intent.sensitivity, 'medium');
});

test('a section or config of the wrong type warns and uses the defaults', () => {
  let r = check({ intent: 'high' });
  assert.deepEqual(r.warnings, ['config field "intent": expected an object; using the defaults']);
  assert.equal(r.config.intent.sensitivity, 'medium');
  r = check([1, 2]);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /must be a JSON object/);
  assert.equal(r.config.intent.enabled, true);
});

test('the validator is generic: another feature adds its own schema', () => {
  const POPUP = {
    'popup.voucher.min': num(0, 0, 10000),
    'popup.voucher.code': spec('a code of letters and digits', undefined, (v) => (typeof v === 'string' && /^[A-Z0-9]+$/.test(v) ? v : undefined)),
    'popup.perSession': int(1, 0, 10),
    'popup.enabled': bool(true),
    'popup.kind': oneOf('voucher', 'voucher', 'newsletter'),
    'popup.pages': pages(['cart']),
  };
  const { config, warnings } = check({ intent: {}, popup: { voucher: { code: 'SOMMER10', min: 'viel' }, perSession: 1.5, extra: 1 } }, [...SCHEMAS, POPUP]);
  assert.equal(config.popup.voucher.code, 'SOMMER10');
  assert.equal(config.popup.voucher.min, 0);
  assert.equal(config.popup.perSession, 1);
  assert.deepEqual(config.popup.pages, ['cart']);
  assert.deepEqual(warnings, [
    'config field "popup.voucher.min": expected a number from 0 to 10000, got "viel"; using 0',
    'config field "popup.perSession": expected a whole number from 0 to 10, got 1.5; using 1',
    'config field "popup.extra" is unknown; ignored',
  ]);
});

// ---- loading ----------------------------------------------------------------

const fakeDoc = (json) => ({
  location: { href: 'https://shop.example/produkt/' },
  baseURI: 'https://cdn.example/elsewhere/', // a <base href>: not used
  getElementById: (id) => (id === 'stammkunde-config' && json !== undefined ? { textContent: json } : null),
});
const tag = (attrs) => ({ getAttribute: (name) => attrs[name] ?? null });

test('the inline config is read; invalid JSON gives the defaults', async () => {
  assert.deepEqual(await loadConfig(tag({}), fakeDoc('{"intent": {"sensitivity": "low"}}')), { intent: { sensitivity: 'low' } });
  assert.deepEqual(await loadConfig(tag({}), fakeDoc(undefined)), {});
  assert.deepEqual(await loadConfig(tag({}), fakeDoc('{"intent": ')), {});
});

test('data-config is fetched relative to the page (not its <base href>) and wins over the inline config', async () => {
  const asked = [];
  const fetchOk = async (url, options) => {
    asked.push([url, options.credentials]);
    return { ok: true, json: async () => ({ intent: { cooldown: 60 } }) };
  };
  const cfg = await loadConfig(tag({ 'data-config': '../config/stammkunde.json' }), fakeDoc('{"intent": {}}'), fetchOk);
  assert.deepEqual(cfg, { intent: { cooldown: 60 } });
  assert.deepEqual(asked, [['https://shop.example/config/stammkunde.json', 'same-origin']]);
  const missing = async () => ({ ok: false, status: 404 });
  assert.deepEqual(await loadConfig(tag({ 'data-config': '/nope.json' }), fakeDoc('{}'), missing), {});
  const offline = async () => {
    throw new TypeError('Failed to fetch');
  };
  assert.deepEqual(await loadConfig(tag({ 'data-config': '/x.json' }), fakeDoc('{}'), offline), {});
});

test('5,000 unknown fields: five named, then one count', () => {
  const raw = { intent: {} };
  for (let i = 0; i < 4000; i++) raw[`f${i}`] = i;
  for (let i = 0; i < 1000; i++) raw.intent[`g${i}`] = i;
  const { warnings } = check(raw);
  assert.equal(warnings.length, 6, warnings.join('\n'));
  assert.equal(warnings[0], 'config field "intent.g0" is unknown; ignored');
  assert.equal(warnings[5], 'config: 4995 more not named (5000 unknown fields in all)');
});

test('texts longer than MAX_TEXT are shortened with a warning, nested ones too', () => {
  const schema = { 'popup.text': spec('a string or { de, en }', undefined, (v) => v), 'popup.list': spec('a list', [], (v) => v) };
  const long = 'x'.repeat(MAX_TEXT * 1000);
  const { config, warnings } = check({ popup: { text: { de: long, en: 'kurz' }, list: [{ value: { de: long } }] } }, [schema]);
  assert.equal(config.popup.text.de.length, MAX_TEXT);
  assert.equal(config.popup.text.en, 'kurz');
  assert.equal(config.popup.list[0].value.de.length, MAX_TEXT);
  assert.deepEqual(warnings, [
    `config field "popup.text.de" shortened to ${MAX_TEXT} characters`,
    `config field "popup.list.0.value.de" shortened to ${MAX_TEXT} characters`,
  ]);
});
