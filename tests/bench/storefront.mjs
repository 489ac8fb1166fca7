// Storefront benchmarks in Chromium: engine ready time, main-thread cost of
// 1000 Hz pointer input, and (with the popup) layout shift and longest task.
import { summary } from './stats.mjs';

// Before any page script: note when the loader starts (its first read of
// document.currentScript), and keep the original requestAnimationFrame for
// the benchmark's own input driver.
const INSTRUMENT = () => {
  window.__benchRaf = window.requestAnimationFrame.bind(window);
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript');
  Object.defineProperty(document, 'currentScript', {
    configurable: true,
    get() {
      const s = desc.get.call(this);
      if (s && /stammkunde\.js/.test(s.src) && window.__benchStart === undefined) window.__benchStart = performance.now();
      return s;
    },
  });
};

/** One cold page load (fresh context: no HTTP cache, no code cache). */
async function loadOnce(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__benchReady !== undefined, null, { timeout: 20_000 });
  const t = await page.evaluate(() => {
    const entries = performance.getEntriesByType('resource');
    const js = entries.find((e) => /\/dist\/stammkunde\.js$/.test(e.name));
    const wasm = entries.find((e) => /\/dist\/stammkunde\.wasm$/.test(e.name));
    return {
      isolated: self.crossOriginIsolated,
      ready: window.__benchReady,
      start: window.__benchStart ?? (js ? js.responseEnd : NaN),
      jsEnd: js ? js.responseEnd : NaN,
      wasmStart: wasm ? wasm.startTime : NaN,
      wasmEnd: wasm ? wasm.responseEnd : NaN,
    };
  });
  await context.close();
  if (errors.length) throw new Error(`the benchmark page threw: ${errors[0]}`);
  return t;
}

export async function readyTime(browser, base, { runs = 10, warmup = 2 } = {}) {
  const url = `${base}/bench/page/storefront`;
  const all = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t = await loadOnce(browser, url);
    if (i >= warmup) all.push(t);
  }
  return {
    isolated: all.every((t) => t.isolated),
    startToReady: summary(all.map((t) => t.ready - t.start)),
    navToReady: summary(all.map((t) => t.ready)),
    wasmFetch: summary(all.map((t) => t.wasmEnd - t.wasmStart)),
    wasmEndToReady: summary(all.map((t) => t.ready - t.wasmEnd)),
  };
}

/**
 * Drives `seconds` of 1000 Hz pointer input in the page: at every animation
 * frame, one pointermove per millisecond elapsed since the last frame
 * (about 16 per frame), dispatched on an element inside the page so they
 * reach the loader's window listener as real ones do. Returns the time
 * spent dispatching them and in the loader's frame callbacks.
 */
function drive({ seconds }) {
  return (async () => {
    const raf = window.__benchRaf;
    const el = document.getElementById('main');
    const w = innerWidth;
    const h = innerHeight;
    // All events are made before timing starts (an event can be dispatched
    // again once its dispatch is over), so the driver allocates nothing
    // while it runs and garbage collection it would cause is not counted.
    const total = seconds * 1000;
    const events = [];
    for (let ms = 0; ms < total; ms++) {
      // a slow circle in the lower part of the page: never heading out
      const a = (ms / 1000) * Math.PI;
      events.push(
        new PointerEvent('pointermove', {
          bubbles: true,
          composed: true,
          pointerType: 'mouse',
          pointerId: 1,
          isPrimary: true,
          clientX: w / 2 + (w / 4) * Math.cos(a),
          clientY: h * 0.6 + (h / 6) * Math.sin(a),
        }),
      );
    }
    let dispatchMs = 0;
    let tick = 0;
    const start = performance.now();
    await new Promise((resolve) => {
      const frame = () => {
        const due = Math.min(Math.floor(performance.now() - start), total);
        const t0 = performance.now();
        for (; tick < due; tick++) el.dispatchEvent(events[tick]);
        dispatchMs += performance.now() - t0;
        if (tick >= total) resolve();
        else raf(frame);
      };
      raf(frame);
    });
    // let the loader's callback for the last batch run
    await new Promise((r) => raf(() => raf(r)));
    return { dispatchMs, events: total, elapsed: performance.now() - start };
  })();
}

/**
 * From a Chromium trace (thread CPU time, µs): the pointermove dispatches
 * and the top-level calls into the loader's code (its animation-frame
 * callbacks with the crossing into wasm, and its timers).
 */
function traced(traceJson) {
  const { traceEvents } = JSON.parse(traceJson);
  const out = { dispatchUs: 0, dispatches: 0, loaderUs: 0, loaderCalls: 0, frames: 0 };
  for (const e of traceEvents) {
    if (e.ph !== 'X') continue;
    const d = (e.args && e.args.data) || {};
    const us = e.tdur ?? e.dur;
    if (e.name === 'EventDispatch' && d.type === 'pointermove') {
      out.dispatchUs += us;
      out.dispatches += 1;
    } else if (e.name === 'FunctionCall' && /\/dist\/stammkunde\.js/.test(d.url || '')) {
      out.loaderUs += us;
      out.loaderCalls += 1;
    } else if (e.name === 'FireAnimationFrame') {
      out.frames += 1;
    }
  }
  return out;
}

async function driveOnce(browser, url, seconds) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  await page.goto(url);
  // exit intent starts once the engine and the config are there
  await page.evaluate(() => window.Stammkunde.ready.then(() => new Promise((r) => setTimeout(r, 300))));
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  const r = await page.evaluate(drive, { seconds });
  r.trace = traced((await browser.stopTracing()).toString('utf8'));
  await context.close();
  return r;
}

/**
 * Main-thread CPU time per second of 1000 Hz pointer input, from Chromium
 * traces: (pointermove dispatch time with exit intent on − with it off,
 * same events) + the loader's own top-level calls (frame callbacks with
 * the crossing into wasm, timers), per second of input.
 */
export async function pointerCost(browser, base, { runs = 5, seconds = 2 } = {}) {
  const on = `${base}/bench/page/storefront`;
  const off = `${base}/bench/page/storefront-off`;
  await driveOnce(browser, on, 1); // warm-up
  await driveOnce(browser, off, 1);
  const total = [];
  const listener = [];
  const perEvent = [];
  const perFrame = [];
  const callsPerSecond = [];
  const realistic = [];
  for (let i = 0; i < runs; i++) {
    const a = await driveOnce(browser, on, seconds);
    const b = await driveOnce(browser, off, seconds);
    const s = a.events / 1000; // seconds of input
    const listenerMs = (a.trace.dispatchUs - b.trace.dispatchUs * (a.trace.dispatches / b.trace.dispatches)) / 1000;
    const loaderMs = a.trace.loaderUs / 1000;
    total.push((listenerMs + loaderMs) / s);
    listener.push(listenerMs / s);
    perEvent.push(listenerMs / a.trace.dispatches);
    perFrame.push(a.trace.loaderCalls ? loaderMs / a.trace.loaderCalls : NaN);
    callsPerSecond.push(a.trace.loaderCalls / s);
    // as Chromium delivers a real mouse: one pointermove per frame
    realistic.push((listenerMs / a.trace.dispatches + (a.trace.loaderCalls ? loaderMs / a.trace.loaderCalls : 0)) * (a.trace.loaderCalls / s));
  }
  return {
    perSecond: summary(total),
    listenerPerSecond: summary(listener),
    perEvent: summary(perEvent),
    perFrame: summary(perFrame),
    framesPerSecond: summary(callsPerSecond),
    realisticPerSecond: summary(realistic),
    listening: callsPerSecond.some((n) => n > 0),
  };
}

/**
 * Where the loader's main-thread time goes: a V8 CPU profile (sampled every
 * 50 µs) of `seconds` of the same input, with every sample attributed to
 * the loader when it or its nearest JS caller is in stammkunde.js (or in
 * the wasm), then split by what ran: the loader's JavaScript, the wasm
 * (with the JS-to-wasm entry), timers, requestAnimationFrame, other
 * browser functions. Returns ms per second of input.
 */
export async function pointerProfile(browser, base, { seconds = 4 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  await page.goto(`${base}/bench/page/storefront`);
  await page.evaluate(() => window.Stammkunde.ready.then(() => new Promise((r) => setTimeout(r, 300))));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.evaluate(drive, { seconds });
  const { profile } = await cdp.send('Profiler.stop');
  await context.close();

  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) || 0) + (profile.timeDeltas[i] || 0)));
  const isLoader = (url) => /\/dist\/stammkunde\.(js|wasm)/.test(url);
  const owner = (id) => {
    for (let n = nodes.get(id); n; n = nodes.get(parent.get(n.id))) {
      if (n.callFrame.url) return n.callFrame.url;
    }
    return '';
  };
  const out = { 'loader JavaScript': 0, 'wasm (with the JS-to-wasm entry)': 0, 'setTimeout / clearTimeout': 0, requestAnimationFrame: 0, 'other browser functions': 0 };
  for (const [id, us] of selfUs) {
    const n = nodes.get(id);
    const { functionName: fn, url } = n.callFrame;
    const wasm = /^(js-to-wasm|wasm-to-js)/.test(fn) || /^wasm-function/.test(fn) || /\.wasm$/.test(url);
    if (!wasm && !isLoader(owner(id))) continue;
    let key = 'other browser functions';
    if (wasm) key = 'wasm (with the JS-to-wasm entry)';
    else if (url) key = 'loader JavaScript';
    else if (fn === 'setTimeout' || fn === 'clearTimeout') key = 'setTimeout / clearTimeout';
    else if (fn === 'requestAnimationFrame') key = 'requestAnimationFrame';
    out[key] += us / 1000 / seconds;
  }
  return out;
}
