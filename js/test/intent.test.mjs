// The exit-intent listener layer with the real engine (the script-tag build) and a fake
// window: holding samples back, crossing counts, firing, the back guard, and that
// nothing ever throws into the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validate } from '../src/storefront/config.js';
import { INTENT_SCHEMA, startIntent } from '../src/storefront/intent.js';

// The script-tag build's engine (make build leaves it in target/gen/storefront)
// through the script tag's own glue: its constructor takes the packed numbers
// startIntent passes.
const engineDir = new URL('../../target/gen/storefront/', import.meta.url);
const wasm = await import('../src/storefront/engine.js');
wasm.initSync({ module: new WebAssembly.Module(readFileSync(new URL('stammkunde_bg.wasm', engineDir))) });

/** Counts every crossing into wasm. */
class Counting extends wasm.IntentEngine {
  static crossings = 0;
  pointer(...a) {
    Counting.crossings++;
    return super.pointer(...a);
  }
  observe(...a) {
    Counting.crossings++;
    return super.observe(...a);
  }
}

const config = (intent = {}) => validate([INTENT_SCHEMA], { intent }, () => {}).intent;

function ev(type, props = {}) {
  const e = new Event(type);
  for (const [k, v] of Object.entries({ timeStamp: 0, ...props })) Object.defineProperty(e, k, { value: v });
  return e;
}

/** A window with a manual clock, animation frames and timers. */
function fakeWindow({ touch = false, referrer = '' } = {}) {
  let clock = 0;
  let ids = 0;
  const frames = new Map();
  const timers = new Map();
  const win = new EventTarget();
  const doc = new EventTarget();
  Object.assign(doc, { documentElement: { clientWidth: 1265 }, visibilityState: 'visible', activeElement: null, referrer });
  const history = {
    state: null,
    pushed: 0,
    backs: 0,
    pushState(state) {
      this.state = state;
      this.pushed++;
    },
    back() {
      this.backs++;
    },
  };
  Object.assign(win, {
    document: doc,
    innerHeight: 720,
    scrollY: 0,
    history,
    performance: { now: () => clock },
    navigator: { userActivation: { hasBeenActive: true } },
    location: { origin: 'https://shop.example' },
    matchMedia: () => ({ matches: touch }),
    requestAnimationFrame: (f) => (frames.set(++ids, f), ids),
    cancelAnimationFrame: (id) => frames.delete(id),
    setTimeout: (f, ms) => (timers.set(++ids, { f, at: clock + ms }), ids),
    clearTimeout: (id) => timers.delete(id),
    setInterval: (f, ms) => (timers.set(++ids, { f, at: clock + ms, every: ms }), ids),
    clearInterval: (id) => timers.delete(id),
  });
  return {
    win,
    doc,
    history,
    get now() {
      return clock;
    },
    pending: () => frames.size,
    timers: () => timers.size,
    /** Runs the animation frame callbacks. */
    frame() {
      const list = [...frames.values()];
      frames.clear();
      list.forEach((f) => f(clock));
    },
    /** Moves the clock on, running due timers. */
    advance(ms) {
      const end = clock + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, t] = due;
        clock = t.at;
        if (t.every) t.at += t.every;
        else timers.delete(id);
        t.f();
      }
      clock = end;
    },
  };
}

/** Mouse samples one per 16 ms frame from y0 to y1 at x. */
function glide(w, x, y0, y1, frames) {
  for (let i = 0; i <= frames; i++) {
    w.advance(16);
    w.win.dispatchEvent(ev('pointermove', { pointerType: 'mouse', clientX: x, clientY: Math.round(y0 + ((y1 - y0) * i) / frames), buttons: 0, timeStamp: w.now }));
    w.frame();
  }
}

test('1000 Hz mouse input crosses into wasm once per 15 ms near the top or on its way there, once per 100 ms elsewhere, with no animation frame or timer', () => {
  const w = fakeWindow();
  startIntent(Counting, config(), { page: 'product', cartItems: 0 }, {}, w.win);
  let n = Counting.crossings;
  const move = (t, y) => w.win.dispatchEvent(ev('pointermove', { pointerType: 'mouse', clientX: 500 + (t % 7), clientY: y, timeStamp: t }));
  // sideways and down in the lower page: at 0 and 100 ms
  for (let t = 0; t < 150; t++) move(t, 400 + (t % 5));
  assert.equal(Counting.crossings, n + 2);
  // moving up too slowly to reach the top soon (0.3 px/ms from 400 px): still once per 100 ms
  n = Counting.crossings;
  for (let t = 150; t < 300; t++) move(t, 400 - (t - 150) * 0.3);
  assert.ok(Counting.crossings >= n + 1 && Counting.crossings <= n + 2, `${Counting.crossings - n} crossings`);
  assert.equal(w.pending(), 0, 'no animation frame');
  assert.equal(w.timers(), 0, 'no timer for a pointer that is not heading out');
  // moving up fast (1 px/ms): every 15 ms
  n = Counting.crossings;
  for (let t = 300; t < 450; t++) move(t, 355 - (t - 300));
  assert.ok(Counting.crossings >= n + 9 && Counting.crossings <= n + 10, `${Counting.crossings - n} crossings`);
  // slowly sideways near the top: every 15 ms too
  n = Counting.crossings;
  for (let t = 450; t < 600; t++) move(t, 100);
  assert.ok(Counting.crossings >= n + 9 && Counting.crossings <= n + 10, `${Counting.crossings - n} crossings`);
  // a scroll first sends the held sample, then itself
  n = Counting.crossings;
  w.win.dispatchEvent(ev('scroll', { timeStamp: 600 }));
  assert.equal(Counting.crossings, n + 2);
  w.win.dispatchEvent(ev('scroll', { timeStamp: 601 }));
  assert.equal(Counting.crossings, n + 3, 'nothing held any more');
  // events without a usable time (made ahead, all with one stamp): one crossing per 100 samples in the lower page
  n = Counting.crossings;
  for (let i = 0; i < 400; i++) w.win.dispatchEvent(ev('pointermove', { clientX: 500, clientY: 400 + (i % 3), timeStamp: 610 }));
  assert.equal(Counting.crossings, n + 4);
});

test('a fast move up that is held back is sent within the lost-pointer check', () => {
  const w = fakeWindow();
  const fired = [];
  startIntent(Counting, config(), { page: 'home' }, { onFire: (r) => fired.push(r) }, w.win);
  w.advance(6000);
  const move = (y) => w.win.dispatchEvent(ev('pointermove', { clientX: 640, clientY: y, timeStamp: w.now }));
  // 1000 Hz samples: 450 -> 4 in 90 ms, the last ones held back, then nothing
  for (let i = 0; i <= 90; i++) {
    move(Math.round(450 - (446 * i) / 90));
    w.advance(1);
  }
  assert.equal(fired.length, 0);
  assert.ok(w.timers() <= 1, 'one timer at most');
  w.advance(200);
  assert.equal(fired.length, 1);
  assert.equal(fired[0].reasons[0].reason, 'pointerLost');
});

test('a pressed button keeps a drag to the top from firing; touch moves are no mouse samples', () => {
  for (const props of [{ pointerType: 'mouse', buttons: 1 }, { pointerType: 'touch', buttons: 1 }]) {
    const w = fakeWindow();
    const fired = [];
    startIntent(Counting, config(), { page: 'home' }, { onFire: (r) => fired.push(r) }, w.win);
    w.advance(6000);
    w.win.dispatchEvent(ev('pointerdown', { ...props, timeStamp: w.now }));
    const before = Counting.crossings;
    for (let i = 0; i <= 12; i++) {
      w.advance(16);
      w.win.dispatchEvent(ev('pointermove', { ...props, clientX: 640, clientY: Math.round(300 - (296 * i) / 12), timeStamp: w.now }));
    }
    w.advance(200);
    assert.equal(fired.length, 0, props.pointerType);
    if (props.pointerType === 'touch') assert.equal(Counting.crossings, before, 'no crossing for a finger');
  }
});

test('a move out through the top fires with its reasons', () => {
  const w = fakeWindow();
  const fired = [];
  startIntent(wasm.IntentEngine, config(), { page: 'product', cartItems: 2 }, { onFire: (r) => fired.push(r) }, w.win);
  w.advance(6000);
  glide(w, 640, 450, 60, 10);
  assert.equal(fired.length, 0);
  // the leave comes before the last sample's frame ran: that sample goes first
  w.win.dispatchEvent(ev('pointermove', { pointerType: 'mouse', clientX: 640, clientY: 20, buttons: 0, timeStamp: w.now + 16 }));
  w.advance(20);
  w.doc.dispatchEvent(ev('mouseout', { relatedTarget: null, clientX: 640, clientY: -1, buttons: 0, timeStamp: w.now }));
  assert.equal(fired.length, 1);
  const [r] = fired;
  assert.equal(r.fired, true);
  assert.equal(r.reasons[0].reason, 'topLeave');
  assert.ok(r.reasons.some((x) => x.reason === 'cart'));
  assert.ok(r.reasons.some((x) => x.reason === 'trajectory'), JSON.stringify(r));
  assert.ok(r.score > 0.95 && r.score <= 1);
});

test('the pointer vanishing at the top without a leave event fires after a short check', () => {
  const w = fakeWindow();
  const fired = [];
  startIntent(wasm.IntentEngine, config(), { page: 'home' }, { onFire: (r) => fired.push(r) }, w.win);
  w.advance(6000);
  glide(w, 640, 300, 4, 12);
  assert.equal(fired.length, 0);
  w.advance(200);
  assert.equal(fired.length, 1);
  assert.equal(fired[0].reasons[0].reason, 'pointerLost');
});

test('an engine failure stops tracking with one warning and never throws into the page', () => {
  const w = fakeWindow();
  class Broken extends wasm.IntentEngine {
    pointer() {
      throw new Error('unreachable executed');
    }
  }
  const warnings = [];
  const warn = console.warn;
  console.warn = (m) => warnings.push(m);
  try {
    startIntent(Broken, config(), { page: 'home' }, {}, w.win);
    assert.doesNotThrow(() => w.win.dispatchEvent(ev('pointermove', { pointerType: 'mouse', clientX: 1, clientY: 2 })));
    assert.doesNotThrow(() => w.win.dispatchEvent(ev('pointermove', { pointerType: 'mouse', clientX: 1, clientY: 3, timeStamp: 100 })));
    assert.deepEqual(warnings, ['[Stammkunde] exit intent stopped: unreachable executed']);
  } finally {
    console.warn = warn;
  }
});

test('Ctrl/Cmd + L, T, W fire; other keys are interactions', () => {
  const w = fakeWindow();
  const fired = [];
  startIntent(wasm.IntentEngine, config(), { page: 'home' }, { onFire: (r) => fired.push(r) }, w.win);
  w.advance(6000);
  w.win.dispatchEvent(ev('keydown', { key: 'c', ctrlKey: true, timeStamp: w.now }));
  w.win.dispatchEvent(ev('keydown', { key: 'w', timeStamp: w.now }));
  assert.equal(fired.length, 0);
  w.win.dispatchEvent(ev('keydown', { key: 'L', metaKey: true, timeStamp: w.now }));
  assert.equal(fired.length, 1);
  assert.equal(fired[0].reasons[0].reason, 'shortcut');
});

test('the back guard: armed after an interaction, back goes on when nothing is shown', async () => {
  const w = fakeWindow();
  const shown = [];
  startIntent(wasm.IntentEngine, config({ backButton: true }), { page: 'product' }, { onFire: (r) => (shown.push(r), Promise.resolve(false)) }, w.win);
  w.advance(1000);
  w.win.dispatchEvent(ev('pointerdown', { timeStamp: w.now }));
  w.win.dispatchEvent(ev('click'));
  assert.equal(w.history.pushed, 1);
  assert.deepEqual(w.history.state, { stammkunde: 1 });
  w.win.dispatchEvent(ev('click'));
  assert.equal(w.history.pushed, 1, 'one guard entry');
  // back before the minimum time on page: nothing fires, the visitor goes back
  w.advance(1000);
  w.history.state = null;
  w.win.dispatchEvent(ev('popstate'));
  await new Promise((r) => setImmediate(r));
  assert.equal(shown.length, 0);
  assert.equal(w.history.backs, 1);

  // a fresh page view: fires, and the popup is shown, so the visitor stays
  const v = fakeWindow();
  startIntent(wasm.IntentEngine, config({ backButton: true }), { page: 'product' }, { onFire: (r) => (shown.push(r), Promise.resolve(true)) }, v.win);
  v.win.dispatchEvent(ev('pointerdown', { timeStamp: 100 }));
  v.win.dispatchEvent(ev('click'));
  v.advance(8000);
  v.history.state = null;
  v.win.dispatchEvent(ev('popstate'));
  await new Promise((r) => setImmediate(r));
  assert.equal(shown.length, 1);
  assert.equal(shown[0].reasons[0].reason, 'back');
  assert.equal(v.history.backs, 0);
});

test('after a reload on the guard entry, that entry keeps guarding', () => {
  const w = fakeWindow();
  w.history.state = { stammkunde: 1, shop: 'x' };
  const fired = [];
  startIntent(wasm.IntentEngine, config({ backButton: true }), { page: 'product' }, { onFire: (r) => fired.push(r) }, w.win);
  w.win.dispatchEvent(ev('pointerdown', { timeStamp: 100 }));
  w.win.dispatchEvent(ev('click'));
  assert.equal(w.history.pushed, 0);
  w.advance(8000);
  w.history.state = { shop: 'x' };
  w.win.dispatchEvent(ev('popstate'));
  assert.equal(fired.length, 1);
  assert.equal(fired[0].reasons[0].reason, 'back');
});

test('no back guard when the visitor came from the shop itself or it is switched off (the default)', () => {
  for (const [referrer, backButton] of [
    ['https://shop.example/kategorie/', true],
    ['', false],
    ['', undefined],
  ]) {
    const w = fakeWindow({ referrer });
    startIntent(wasm.IntentEngine, config({ backButton }), { page: 'product' }, {}, w.win);
    w.win.dispatchEvent(ev('click'));
    assert.equal(w.history.pushed, 0, referrer || `switched off: ${backButton}`);
  }
});

test('backButton "cart": the guard entry only once the cart is filled', () => {
  const w = fakeWindow();
  const guard = startIntent(wasm.IntentEngine, config({ backButton: 'cart' }), { page: 'product', cartItems: 0 }, {}, w.win);
  w.win.dispatchEvent(ev('click'));
  assert.equal(w.history.pushed, 0, 'empty cart: no extra history entry');
  guard.setContext({ page: 'product', cartItems: 1 });
  assert.equal(w.history.pushed, 1, 'the cart was filled after an interaction');
  w.win.dispatchEvent(ev('click'));
  assert.equal(w.history.pushed, 1);
});

test('touch devices: a fast finger fling up fires, tracked from touchmove and scroll', () => {
  const w = fakeWindow({ touch: true });
  const fired = [];
  startIntent(wasm.IntentEngine, config(), { page: 'category' }, { onFire: (r) => fired.push(r) }, w.win);
  const scrollTo = (y, finger) => {
    w.advance(16);
    if (finger) w.win.dispatchEvent(ev('touchmove', { timeStamp: w.now }));
    w.win.scrollY = y;
    w.win.dispatchEvent(ev('scroll', { timeStamp: w.now }));
    w.frame();
  };
  w.advance(3000);
  for (let y = 0; y <= 2000; y += 25) scrollTo(y, true);
  w.advance(3000);
  for (let y = 2000; y >= 1000 && !fired.length; y -= 60) scrollTo(y, true);
  assert.equal(fired.length, 1);
  assert.equal(fired[0].reasons[0].reason, 'scrollUp');
});

test('setContext moves the page: intent held back on a page type that is off', () => {
  const w = fakeWindow();
  const updates = [];
  const intent = startIntent(wasm.IntentEngine, config(), { page: 'product' }, { onUpdate: (r) => updates.push(r) }, w.win);
  w.advance(6000);
  intent.setContext({ page: 'checkout', cartItems: 1 });
  w.advance(6000);
  w.win.dispatchEvent(ev('keydown', { key: 'w', ctrlKey: true, timeStamp: w.now }));
  const last = updates.at(-1);
  assert.equal(last.fired, false);
  assert.equal(last.blocked, 'page');
  assert.equal(last.page, 'checkout');
  assert.equal(last.threshold, 0.75);
  assert.equal(last.device, 'desktop');
});
