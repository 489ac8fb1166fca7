// The field-failure traces of tests/fixtures/traces, replayed through the
// whole JavaScript path: DOM events into the listener layer (which holds
// mouse samples back far from the top and arms its own lost-pointer check),
// then the real engine (the script-tag build). tests/intent_traces.rs replays the same
// traces straight into the engine; here each must end the same way when
// the browser's events arrive instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { validate } from '../src/storefront/config.js';
import { INTENT_SCHEMA, startIntent } from '../src/storefront/intent.js';

// The script-tag build's engine (make build leaves it in target/gen/storefront)
// through the script tag's own glue: its constructor takes the packed numbers
// startIntent passes.
const engineDir = new URL('../../target/gen/storefront/', import.meta.url);
const wasm = await import('../src/storefront/engine.js');
wasm.initSync({ module: new WebAssembly.Module(readFileSync(new URL('stammkunde_bg.wasm', engineDir))) });

const traceDir = new URL('../../tests/fixtures/traces/', import.meta.url);
const PAGES = ['home', 'category', 'product', 'cart', 'checkout', 'confirmation', 'other'];

function ev(type, props = {}) {
  const e = new Event(type);
  for (const [k, v] of Object.entries(props)) Object.defineProperty(e, k, { value: v });
  return e;
}

/** A window with a manual clock and timers (no animation frames: the listener layer uses none). */
function fakeWindow(touch) {
  let clock = 0;
  let ids = 0;
  const timers = new Map();
  const win = new EventTarget();
  const doc = new EventTarget();
  Object.assign(doc, { documentElement: { clientWidth: 1265 }, visibilityState: 'visible', activeElement: null, referrer: '' });
  Object.assign(win, {
    document: doc,
    innerHeight: 720,
    scrollY: 0,
    history: {
      state: null,
      pushState(state) {
        this.state = state;
      },
      back() {},
    },
    performance: { now: () => clock },
    navigator: { userActivation: { hasBeenActive: true } },
    location: { origin: 'https://shop.example' },
    matchMedia: () => ({ matches: touch }),
    setTimeout: (f, ms) => (timers.set(++ids, { f, at: clock + ms }), ids),
    clearTimeout: (id) => timers.delete(id),
    setInterval: (f, ms) => (timers.set(++ids, { f, at: clock + ms, every: ms }), ids),
    clearInterval: (id) => timers.delete(id),
  });
  /** Moves the clock to `t`, running the timers due on the way. */
  const advanceTo = (t) => {
    for (;;) {
      const due = [...timers.entries()].filter(([, x]) => x.at <= t).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, x] = due;
      clock = Math.max(clock, x.at);
      if (x.every) x.at += x.every;
      else timers.delete(id);
      x.f();
    }
    clock = Math.max(clock, t);
  };
  return { win, doc, advanceTo };
}

function parse(text) {
  const trace = { config: {}, context: { page: 'other', cartItems: 0 }, expect: null, steps: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [head, ...args] = line.split(/\s+/);
    const kv = Object.fromEntries(args.filter((a) => a.includes('=')).map((a) => a.split('=')));
    if (head === 'config') Object.assign(trace.config, kv);
    else if (head === 'context') trace.context = { page: kv.page ?? 'other', cartItems: Number(kv['cart-items'] ?? 0) };
    else if (head === 'expect') trace.expect = { fire: args[0] === 'fire', ...kv };
    else trace.steps.push({ head, t: Number(args[0]), args: args.slice(1) });
  }
  return trace;
}

/** Replays one trace; returns the firings, each with its reasons. */
function replay(trace) {
  const c = trace.config;
  const touch = c.device === 'touch';
  const intent = {
    sensitivity: c.sensitivity ?? 'medium',
    minTimeOnPage: Number(c['min-time'] ?? 5),
    cooldown: Number(c.cooldown ?? 30),
    device: touch ? 'touch' : 'desktop',
    backButton: true, // traces with a back attempt had the guard switched on
    ...(c.pages !== undefined ? { pages: c.pages.split(',').filter((p) => PAGES.includes(p)) } : {}),
  };
  const cfg = validate([INTENT_SCHEMA], { intent }, (m) => assert.fail(`config: ${m}`)).intent;
  const w = fakeWindow(touch);
  const first = trace.steps.find((s) => s.head === 'viewport' && s.t === 0);
  if (first) {
    w.doc.documentElement.clientWidth = Number(first.args[0]);
    w.win.innerHeight = Number(first.args[1]);
  }
  // `hover` lines: the pointer rests over the document (the browser's :hover
  // says so); other traces leave it unknown, as a browser that cannot tell
  if (trace.steps.some((s) => s.head === 'hover')) w.doc.documentElement.matches = (s) => s === ':hover';
  const fired = [];
  startIntent(wasm.IntentEngine, cfg, trace.context, { onFire: (r) => fired.push(r) }, w.win);
  for (const { head, t, args } of trace.steps) {
    w.advanceTo(t);
    const n = (i) => Number(args[i]);
    const pressed = args[2] === 'pressed';
    const send = (target, type, props = {}) => target.dispatchEvent(ev(type, { timeStamp: t, ...props }));
    switch (head) {
      case 'viewport':
        if (t > 0) {
          w.doc.documentElement.clientWidth = n(0);
          w.win.innerHeight = n(1);
          send(w.win, 'resize');
        }
        break;
      case 'pointer':
        send(w.win, 'pointermove', { pointerType: 'mouse', clientX: n(0), clientY: n(1), buttons: pressed ? 1 : 0 });
        break;
      case 'leave':
        send(w.doc, 'mouseout', { relatedTarget: null, clientX: n(0), clientY: n(1), buttons: pressed ? 1 : 0 });
        break;
      case 'enter':
        send(w.doc, 'mouseover', { relatedTarget: null, clientX: n(0), clientY: n(1), buttons: 0 });
        break;
      case 'scroll':
        w.win.scrollY = n(0);
        send(w.win, 'scroll');
        break;
      case 'touch':
        send(w.win, 'touchmove');
        break;
      case 'interaction':
        // a tap or click: pointerdown is the interaction, click arms the back guard
        send(w.win, 'pointerdown', { pointerType: touch ? 'touch' : 'mouse', buttons: 1 });
        send(w.win, 'pointerup', { pointerType: touch ? 'touch' : 'mouse', buttons: 0 });
        send(w.win, 'click');
        break;
      case 'hidden':
      case 'visible':
        w.doc.visibilityState = head;
        send(w.doc, 'visibilitychange');
        break;
      case 'blur':
      case 'focus':
        send(w.win, head);
        break;
      case 'back':
        // the browser leaves the guard entry
        w.win.history.state = null;
        send(w.win, 'popstate');
        break;
      case 'shortcut':
        send(w.win, 'keydown', { key: args[0], ctrlKey: true, metaKey: false, altKey: false, shiftKey: false });
        break;
      case 'tick':
      case 'hover':
        break; // time passes: the listener layer's own timers run (above)
      default:
        assert.fail(`unknown trace step ${head}`);
    }
  }
  w.advanceTo(trace.steps.at(-1).t + 1000);
  return fired;
}

const files = readdirSync(traceDir).filter((f) => f.endsWith('.trace')).sort();

test('the trace fixtures are all here', () => {
  assert.ok(files.length >= 25, `${files.length} traces`);
});

for (const file of files) {
  test(`trace ${file} through the browser events`, () => {
    const trace = parse(readFileSync(new URL(file, traceDir), 'utf8'));
    assert.ok(trace.expect, 'the trace has an expect line');
    const fired = replay(trace);
    if (!trace.expect.fire) {
      assert.equal(fired.length, 0, `fired: ${JSON.stringify(fired[0])}`);
      return;
    }
    assert.ok(fired.length > 0, 'did not fire');
    if (trace.expect.reason) assert.equal(fired[0].reasons[0].reason, trace.expect.reason, JSON.stringify(fired[0]));
    if (trace.expect.count) assert.equal(fired.length, Number(trace.expect.count));
  });
}
