// The popup config schema, its wire form and the decision through the real
// storefront wasm, in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const gen = new URL('../../target/gen/storefront/', import.meta.url);
// the storefront wasm through the script tag's own glue (js/src/storefront/engine.js)
const wasm = await import('../src/storefront/engine.js');
const storefrontModule = new WebAssembly.Module(readFileSync(new URL('stammkunde_bg.wasm', gen)));
wasm.initSync({ module: storefrontModule });
const { POPUP_SCHEMA, STORAGE, CONSENT, configured, configWire, parseDecision } = await import('../src/storefront/popup.js');
const { BASE_SCHEMA, validate } = await import('../src/storefront/config.js');
const SCHEMAS = [BASE_SCHEMA, POPUP_SCHEMA];
const { PAGE_TYPES } = await import('../src/storefront/context.js');

const quiet = (cfg) => validate(SCHEMAS, cfg, (m) => assert.fail(`unexpected warning: ${m}`));
const warned = (cfg) => {
  const said = [];
  return { cfg: validate(SCHEMAS, cfg, (m) => said.push(m)), said };
};

/** Input array as the loader builds it (see popup::wire::input). */
function input({ score = 0.9, fired = 1, page = 'product', cart = 0, items = 0, seconds = 10, pages = 1, info = 0, switches = 0, returning = 0, subscribed = 0, shown = 0, ordered = 0, now = 1_750_000_000, history = [] } = {}) {
  const h = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  history.forEach((v, i) => (h[i] = v));
  return Float64Array.from([score, fired, PAGE_TYPES.indexOf(page), Math.round(cart * 100), items, seconds, pages, info, switches, returning, subscribed, shown, ordered, now, ...h]);
}

const decide = (cfg, inp, id = 'abcdef0123456789', segment = '') => parseDecision(wasm.popupDecide(configWire(cfg), cfg.regulars.segments.join(','), inp, id, segment));

const DEMO = {
  holdout: 0,
  voucher: { tiers: [{ min: 30, code: 'A5', value: '5 %' }, { min: 60, code: 'A10', value: '10 %' }] },
  service: { phone: '+49 30 1', faq: 'https://shop.example/faq' },
  newsletter: { url: 'https://shop.example/nl' },
};

test('defaults fill every field, without warnings', () => {
  const c = quiet({});
  assert.equal(c.holdout, 0.1);
  assert.equal(c.storage, 'local');
  assert.equal(c.consent, 'required', 'lawful in Germany: nothing stored before consent');
  assert.equal(c.timeout, 3000);
  assert.deepEqual(c.frequency, { perSession: 1, maxDismissals: 2, stopAfterConversion: true });
  assert.deepEqual(c.voucher.pages, ['home', 'category', 'product', 'cart', 'other']);
  assert.deepEqual(c.service.pages, ['cart', 'checkout']);
  assert.deepEqual(c.regulars.segments, ['champions', 'loyal', 'a']);
  assert.equal(c.regulars.offer, 'loyalty');
  assert.deepEqual(configured(c), { voucher: false, service: false, newsletter: false });
  assert.deepEqual(configured(quiet(DEMO)), { voucher: true, service: true, newsletter: true });
  assert.deepEqual(configured(quiet({ ...DEMO, service: { ...DEMO.service, enabled: false } })).service, false);
});

test('invalid fields warn with the field and the default used', () => {
  const { cfg, said } = warned({
    holdout: 2,
    storage: 'cookie',
    frequency: { perSession: 1.5, colldown: 3 },
    voucher: { min: 'viel', pages: ['product', 'startseite'], tiers: [{ min: 0, code: 'X' }], code: '' },
    service: { faq: 'javascript:alert(1)' },
    regulars: { segments: 'champions' },
  });
  assert.equal(cfg.holdout, 0.1);
  assert.equal(cfg.storage, 'local');
  assert.equal(cfg.frequency.perSession, 1);
  assert.equal(cfg.voucher.min, 0);
  assert.deepEqual(cfg.voucher.tiers, []);
  assert.equal(cfg.service.faq, undefined);
  assert.deepEqual(cfg.regulars.segments, ['champions', 'loyal', 'a']);
  const has = (re) => assert.ok(said.some((m) => re.test(m)), `${re} in\n${said.join('\n')}`);
  has(/^config field "holdout": expected a number from 0 to 1, got 2; using 0\.1$/);
  has(/^config field "storage": expected one of local, session, none, got "cookie"; using "local"$/);
  has(/^config field "frequency.perSession": expected a whole number from 0 to 100, got 1\.5; using 1$/);
  has(/^config field "frequency.colldown" is unknown; ignored$/);
  has(/^config field "voucher.min": .* got "viel"; using 0$/);
  has(/^config field "voucher.pages": expected a list of home, category/);
  has(/^config field "voucher.tiers"/);
  has(/^config field "voucher.code": expected a string, got ""; using none$/);
  has(/^config field "service.faq": expected an http\(s\) URL, got "javascript:alert\(1\)"; using none$/);
  has(/^config field "regulars.segments"/);
  assert.equal(said.length, 10, said.join('\n'));
});

test('amounts and texts are read the way operators write them', () => {
  const c = quiet({ voucher: { min: '1.234,50', value: { de: '10 %', en: '10%' }, tiers: [{ min: '49,90', code: ' X ' }] } });
  assert.equal(c.voucher.min, 1234.5);
  assert.deepEqual(c.voucher.tiers, [{ min: 49.9, code: 'X', value: undefined }]);
  assert.deepEqual(c.voucher.value, { de: '10 %', en: '10%' });
  const { said } = warned({ voucher: { title: { de: 5 } } });
  assert.equal(said.length, 1);
});

test('the wire form has the engine defaults in the engine order', () => {
  const w = configWire(quiet({}));
  // popup::wire::config: enabled flags follow what is configured (nothing here)
  assert.deepEqual(Array.from(w), [0.1, 1, 2, 1, 0, 79, 0, 0, 7, 0, 24, 30, 2, 1, 0, 71, 2, 30, 30, 1]);
  const t = configWire(quiet(DEMO));
  assert.deepEqual(Array.from(t.slice(20)), [3000, 6000]);
  assert.deepEqual([t[4], t[9], t[14]], [1, 1, 1]);
});

test('parseDecision reads the head line and the reasons', () => {
  assert.deepEqual(parseDecision('voucher\t1\t3760\t0\t1\nexit intent (score 0.90)\nholdout'), { kind: 'voucher', tier: 1, gap: 3760, loyalty: false, holdout: true, group: true, reasons: ['exit intent (score 0.90)', 'holdout'] });
  assert.deepEqual(parseDecision('\t\t\t0\t1\nno exit intent (score 0.10)'), { kind: null, tier: null, gap: null, loyalty: false, holdout: false, group: true, reasons: ['no exit intent (score 0.10)'] });
});

test('the engine decides from the loader config: voucher, service, newsletter, none', () => {
  const c = quiet(DEMO);
  assert.deepEqual({ ...decide(c, input({ cart: 49.8, items: 2 })), reasons: undefined }, { kind: 'voucher', tier: 0, gap: 1020, loyalty: false, holdout: false, group: false, reasons: undefined });
  assert.equal(decide(c, input({ page: 'checkout', cart: 49.8, items: 2 })).kind, 'service');
  assert.equal(decide(c, input({ page: 'category', pages: 2 })).kind, 'newsletter');
  assert.equal(decide(c, input({ page: 'category', pages: 2, subscribed: 1 })).kind, null);
  assert.equal(decide(c, input({ cart: 49.8, items: 2, fired: 0 })).kind, null);
  const regular = decide(c, input({ cart: 49.8, items: 2 }), 'abcdef0123456789', 'Champions');
  assert.deepEqual([regular.kind, regular.loyalty], ['service', true]);
  // every config field reaches the engine
  assert.equal(decide(quiet({ ...DEMO, voucher: { ...DEMO.voucher, min: 50 } }), input({ cart: 49.8, items: 2 })).kind, null);
  assert.equal(decide(quiet({ ...DEMO, voucher: { ...DEMO.voucher, pages: ['cart'] } }), input({ cart: 49.8, items: 2 })).kind, null);
  assert.equal(decide(quiet({ ...DEMO, voucher: { ...DEMO.voucher, newOnly: true } }), input({ cart: 49.8, items: 2, returning: 1 })).kind, null);
  assert.equal(decide(quiet({ ...DEMO, frequency: { perSession: 2 } }), input({ cart: 49.8, items: 2, shown: 1 })).kind, 'voucher');
  assert.equal(decide(c, input({ cart: 49.8, items: 2, shown: 1 })).kind, null);
  assert.equal(decide(quiet({ ...DEMO, holdout: 1 }), input({ cart: 49.8, items: 2 })).holdout, true);
  assert.equal(decide(quiet({ ...DEMO, service: { ...DEMO.service, infoSeconds: 5 } }), input({ cart: 49.8, items: 2, info: 6 })).kind, 'service');
  assert.equal(decide(quiet({ ...DEMO, service: { ...DEMO.service, backAndForth: 1 } }), input({ page: 'cart', cart: 49.8, items: 2, switches: 1 })).kind, 'service');
  assert.equal(decide(quiet({ ...DEMO, newsletter: { ...DEMO.newsletter, minPages: 1 } }), input({ page: 'home' })).kind, 'newsletter');
  assert.equal(decide(quiet({ ...DEMO, newsletter: { ...DEMO.newsletter, minSeconds: 5 } }), input({ page: 'home' })).kind, 'newsletter');
  assert.equal(decide(quiet({ ...DEMO, regulars: { offer: 'none' } }), input({ cart: 49.8, items: 2 }), 'x', 'loyal').kind, null);
  assert.equal(decide(quiet({ ...DEMO, regulars: { segments: ['vip'] } }), input({ cart: 49.8, items: 2 }), 'x', 'loyal').kind, 'voucher');
  const now = 1_750_000_000;
  const shownYesterday = input({ cart: 49.8, items: 2, history: [now - 86400] });
  assert.equal(decide(c, shownYesterday).kind, null);
  assert.equal(decide(quiet({ ...DEMO, voucher: { ...DEMO.voucher, cooldownDays: 1 } }), shownYesterday).kind, 'voucher');
  const converted = input({ page: 'home', pages: 3, history: [0, 0, 0, 0, 0, 0, 0, 0, now - 999 * 86400] });
  assert.equal(decide(c, converted).kind, null);
  assert.equal(decide(quiet({ ...DEMO, frequency: { stopAfterConversion: false } }), converted).kind, 'newsletter');
  assert.equal(decide(c, input({ cart: 49.8, items: 2, history: [0, 2] })).kind, null);
  assert.equal(decide(quiet({ ...DEMO, frequency: { maxDismissals: 3 } }), input({ cart: 49.8, items: 2, history: [0, 2] })).kind, 'voucher');
});

test('storage follows the consent setting and answer', () => {
  const names = ['local', 'session', 'memory'];
  const where = (s, c, a) => names[wasm.popupStorage(STORAGE.indexOf(s), CONSENT.indexOf(c), a)];
  assert.equal(where('local', 'granted', -1), 'local');
  assert.equal(where('local', 'required', -1), 'memory');
  assert.equal(where('local', 'required', 1), 'local');
  assert.equal(where('session', 'required', 1), 'session');
  assert.equal(where('none', 'granted', 1), 'memory');
  assert.equal(where('local', 'granted', 0), 'memory');
});

test('holdout share over 10k random ids, stable per id', () => {
  const c = quiet({ ...DEMO, holdout: 0.1 });
  const ids = Array.from({ length: 10000 }, (_, i) => (i * 2654435761 >>> 0).toString(16).padStart(8, '0') + i.toString(16));
  const group = (id) => decide(c, input({ page: 'confirmation' }), id).group;
  const share = ids.filter(group).length / ids.length;
  assert.ok(Math.abs(share - 0.1) < 0.02, String(share));
  assert.ok(ids.slice(0, 500).every((id) => group(id) === group(id)));
});

test('the storefront wasm (its own small allocator) answers like the admin build, in bounded memory', async () => {
  const pkg = new URL('../../dist/pkg/', import.meta.url);
  const admin = await import(new URL('stammkunde.js', pkg));
  admin.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkg)) });
  const { memory } = wasm.initSync({ module: storefrontModule }); // already set up: its exports
  const wire = configWire(quiet(DEMO));
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let after1000 = 0;
  for (let i = 0; i < 20_000; i++) {
    const inp = input({ score: rnd(), page: PAGE_TYPES[i % 7], cart: Math.floor(rnd() * 120), items: i % 4, seconds: i % 90, pages: i % 5, shown: i % 3, returning: i % 2 });
    // ids and segments of many lengths: blocks of many size classes come and go
    const id = 'v'.repeat(1 + (i % 300));
    const segment = i % 5 ? '' : 'loyal'.repeat(1 + (i % 40));
    assert.equal(wasm.popupDecide(wire, 'champions,loyal', inp, id, segment), admin.popupDecide(wire, 'champions,loyal', inp, id, segment));
    if (i === 1000) after1000 = memory.buffer.byteLength;
  }
  assert.ok(after1000 > 0);
  assert.equal(memory.buffer.byteLength, after1000, 'freed blocks are used again: no growth after the first 1,000 decisions');
});

test('the script tag glue drives the storefront intent engine like the ESM package', async () => {
  const pkg = new URL('../../dist/pkg/', import.meta.url);
  const admin = await import(new URL('stammkunde.js', pkg));
  admin.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkg)) });
  for (const [sens, touch] of [[0, false], [1, false], [2, true], [1, true]]) {
    const a = new wasm.IntentEngine(sens, 0, 0, 127, touch);
    // the ESM package takes the operator config's names (127: every page type)
    const b = new admin.IntentEngine({
      sensitivity: ['low', 'medium', 'high'][sens],
      minTimeOnPage: 0,
      cooldown: 0,
      pages: ['home', 'category', 'product', 'cart', 'checkout', 'confirmation', 'other'],
      device: touch ? 'touch' : 'desktop',
    });
    const same = (what) => {
      assert.equal(a.score, b.score, what);
      assert.equal(a.blocked, b.blocked, what);
      for (let code = 0; code < 10; code++) assert.equal(a.weight(code), b.weight(code), `${what} weight ${code}`);
    };
    assert.equal(a.observe(0, 0, 1200, 800, 0), b.observe(0, 0, 1200, 800, 0));
    assert.equal(a.observe(1, 0, 2, 1, 0), b.observe(1, 0, 2, 1, 0));
    let seed = 11 + sens;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // wandering, then a fast move out through the top, then lost and scrolled
    for (let i = 0; i < 200; i++) {
      const t = 6000 + i * 16;
      const y = i < 150 ? 200 + rnd() * 400 : Math.max(-5, 600 - (i - 150) * 40);
      const x = 300 + rnd() * 600;
      assert.equal(a.pointer(t, x, y, false), b.pointer(t, x, y, false), `pointer ${i}`);
      same(`pointer ${i}`);
    }
    for (const [kind, t, x, y] of [[3, 9300, 300, -2], [14, 9500, 0, 0], [5, 9600, 900, 0], [5, 9700, 100, 0], [6, 9710, 0, 0], [8, 9800, 0, 0], [9, 12000, 0, 0], [13, 12100, 108, 0], [99, 12200, 0, 0]]) {
      assert.equal(a.observe(kind, t, x, y, 0), b.observe(kind, t, x, y, 0), `kind ${kind}`);
      same(`kind ${kind}`);
    }
  }
  assert.equal(wasm.popupStorage(0, 1, -1), admin.popupStorage(0, 1, -1));
});
