// Visitor state: storage backends and their failures, sessions, consent replay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, SESSION_GAP, converted, dismissed, openState, ordered, pageView, parse, shown } from '../src/storefront/state.js';

/** A Storage lookalike; `fail` makes chosen methods throw. */
function storage(fail = {}) {
  const m = new Map();
  return {
    m,
    getItem: (k) => (fail.get ? (() => { throw new Error('denied'); })() : m.has(k) ? m.get(k) : null),
    setItem: (k, v) => {
      if (fail.set && !k.endsWith('-probe')) throw new DOMException('full', 'QuotaExceededError');
      if (fail.all) throw new Error('denied');
      m.set(k, String(v));
    },
    removeItem: (k) => m.delete(k),
  };
}
const env = (local, session) => ({ local: () => local, session: () => session });
const T = 1_750_000_000;

test('a fresh visitor gets a random id, a session and one page', () => {
  const local = storage();
  const s = openState('local', env(local, storage()));
  s.update(pageView('product', T));
  const st = JSON.parse(local.m.get(KEY));
  assert.match(st.id, /^[0-9a-f]{16}$/);
  assert.deepEqual([st.v, st.visits, st.s.pages, st.s.lp], [1, 1, 1, 'product']);
  assert.equal(s.backend, 'local');
  assert.notEqual(openState('memory', env()).get().id, st.id);
});

test('history, session counters and cart/checkout switches', () => {
  const s = openState('memory', env());
  for (const [page, t] of [['cart', T], ['checkout', T + 10], ['cart', T + 20], ['checkout', T + 30], ['checkout', T + 40]]) s.update(pageView(page, t));
  s.update(shown('service', T + 41, false));
  s.update(dismissed('service'));
  s.update(converted('newsletter', T + 50));
  s.update(ordered(49.8));
  const st = s.get();
  assert.deepEqual([st.s.pages, st.s.sw, st.s.shown, st.s.ord], [5, 3, 1, 49.8]);
  assert.deepEqual(st.h.service, [T + 41, 1, 0]);
  assert.deepEqual(st.h.newsletter, [0, 0, T + 50]);
  assert.equal(st.sub, 1);
  assert.deepEqual(st.exp, ['service', T + 41, 0]);
  // 30 minutes of quiet start a new session; history stays
  s.update(pageView('home', T + 40 + SESSION_GAP + 1));
  assert.deepEqual([s.get().visits, s.get().s.pages, s.get().s.shown, s.get().s.ord], [2, 1, 0, 0]);
  assert.deepEqual(s.get().h.service, [T + 41, 1, 0]);
});

test('storage that throws falls back to memory silently', () => {
  for (const fail of [{ all: true }, { get: true }]) {
    const s = openState('local', env(storage(fail), storage(fail)));
    assert.equal(s.backend, fail.get ? 'local' : 'memory');
    s.update(pageView('home', T));
    assert.equal(s.get().s.pages, 1);
  }
  const s = openState('local', { local: () => { throw new Error('SecurityError'); }, session: () => null });
  assert.equal(s.backend, 'memory');
  // full storage: the write fails once, then memory
  const full = storage({ set: true });
  const f = openState('local', env(full, storage()));
  f.update(pageView('home', T));
  assert.equal(f.backend, 'memory');
  f.update(pageView('cart', T + 1));
  assert.equal(f.get().s.pages, 2);
});

test('garbage and other versions are ignored; fields are sanitised', () => {
  for (const text of [null, '', '{', '[]', '"x"', '42', JSON.stringify({ v: 2, id: 'abcdef0123456789', h: {} }), JSON.stringify({ v: 1, id: 'not hex!', h: {} }), JSON.stringify({ v: 1, id: 'abcdef0123456789' })]) {
    assert.equal(parse(text), null, String(text));
  }
  const st = parse(JSON.stringify({ v: 1, id: 'abcdef0123456789', visits: -3, sub: 'yes', h: { voucher: [1, 'x', -5], service: 'no' }, exp: ['banner', 1], s: { start: 1, last: 2, shown: 1e20, lp: 5 } }));
  assert.deepEqual(st.h, { voucher: [1, 0, 0], service: [0, 0, 0], newsletter: [0, 0, 0] });
  assert.deepEqual([st.visits, st.sub, st.exp], [0, 1, null]);
  assert.deepEqual(st.s, { start: 1, last: 2, shown: 0, pages: 0, sw: 0, lp: '', ord: 0 });
  const local = storage();
  local.m.set(KEY, '{garbage');
  const s = openState('local', env(local, storage()));
  s.update(pageView('home', T));
  assert.equal(JSON.parse(local.m.get(KEY)).v, 1, 'replaced by a valid state');
});

test('consent: memory first, then stored state with this page replayed, then forgotten', () => {
  const local = storage();
  // an earlier visit stored a history
  const earlier = openState('local', env(local, storage()));
  earlier.update(pageView('product', T));
  earlier.update(shown('voucher', T, false));
  const id = earlier.get().id;
  // this page: consent required, nothing read or written yet
  const s = openState('memory', env(local, storage()));
  s.update(pageView('cart', T + 60));
  s.update(dismissed('service'));
  assert.notEqual(s.get().id, id);
  assert.equal(JSON.parse(local.m.get(KEY)).s.pages, 1, 'untouched');
  s.use('local');
  const st = s.get();
  assert.equal(st.id, id, 'the stored visitor');
  assert.deepEqual([st.s.pages, st.h.voucher[0], st.h.service[1], st.s.sw], [2, T, 1, 0]);
  assert.deepEqual(JSON.parse(local.m.get(KEY)), st);
  s.use('local'); // the banner answers again: nothing is replayed twice
  assert.equal(s.get().s.pages, 2);
  s.use('memory');
  assert.equal(local.m.get(KEY), undefined, 'forgotten');
  s.update(pageView('checkout', T + 70));
  assert.equal(local.m.get(KEY), undefined);
  s.use('local'); // nothing stored any more: this page's state is kept and written
  assert.equal(JSON.parse(local.m.get(KEY)).s.pages, 3);
});

test('clear forgets everything and makes a new visitor', () => {
  const local = storage();
  const session = storage();
  session.m.set(KEY, 'x');
  const s = openState('local', env(local, session));
  s.update(pageView('home', T));
  const id = s.get().id;
  s.clear();
  assert.notEqual(s.get().id, id);
  assert.equal(session.m.has(KEY), false);
  assert.equal(JSON.parse(local.m.get(KEY)).s, null);
});
