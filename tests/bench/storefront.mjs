// Storefront benchmarks in Chromium: engine ready time, main-thread cost of
// 1000 Hz pointer input, and (with the popup) layout shift and longest task.
import { summary } from './stats.mjs';

// Before any page script: time the loader's animation-frame callbacks (the
// per-frame crossing into wasm) and the moment the loader starts (its first
// read of document.currentScript). The benchmark's own driver uses the
// original requestAnimationFrame, so only page scripts are timed.
const INSTRUMENT = () => {
  const raf = window.requestAnimationFrame.bind(window);
  const frames = { ms: 0, n: 0 };
  window.__benchRaf = raf;
  window.__benchFrames = frames;
  window.requestAnimationFrame = (cb) =>
    raf((t) => {
      const t0 = performance.now();
      try {
        cb(t);
      } finally {
        frames.ms += performance.now() - t0;
        frames.n += 1;
      }
    });
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
    await window.Stammkunde.ready;
    // exit intent starts once the engine and the config are there
    await new Promise((r) => setTimeout(r, 300));
    const raf = window.__benchRaf;
    const el = document.getElementById('main');
    const w = innerWidth;
    const h = innerHeight;
    const frames = window.__benchFrames;
    const f0 = frames.ms;
    const n0 = frames.n;
    let dispatchMs = 0;
    let events = 0;
    let tick = 0;
    const total = seconds * 1000;
    const start = performance.now();
    await new Promise((resolve) => {
      const frame = () => {
        const due = Math.min(Math.floor(performance.now() - start), total);
        const batch = [];
        for (; tick < due; tick++) {
          // a slow circle in the lower part of the page: never heading out
          const a = (tick / 1000) * Math.PI;
          batch.push(
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
        const t0 = performance.now();
        for (const e of batch) el.dispatchEvent(e);
        dispatchMs += performance.now() - t0;
        events += batch.length;
        if (tick >= total) resolve();
        else raf(frame);
      };
      raf(frame);
    });
    // let the loader's callback for the last batch run
    await new Promise((r) => raf(() => raf(r)));
    return { dispatchMs, events, frameMs: frames.ms - f0, frames: frames.n - n0, elapsed: performance.now() - start };
  })();
}

async function driveOnce(browser, url, seconds) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  await page.goto(url);
  const r = await page.evaluate(drive, { seconds });
  await context.close();
  return r;
}

/**
 * Main-thread time per second of 1000 Hz pointer input: (dispatch time
 * with the loader's listener − dispatch time with exit intent switched
 * off) + the loader's per-frame callbacks, per second of input.
 */
export async function pointerCost(browser, base, { runs = 5, seconds = 2 } = {}) {
  const on = `${base}/bench/page/storefront`;
  const off = `${base}/bench/page/storefront-off`;
  await driveOnce(browser, on, 1); // warm-up
  await driveOnce(browser, off, 1);
  const per = [];
  const listener = [];
  const frame = [];
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const a = await driveOnce(browser, on, seconds);
    const b = await driveOnce(browser, off, seconds);
    const s = a.events / 1000; // seconds of input
    const listenerMs = (a.dispatchMs - b.dispatchMs * (a.events / b.events)) / s;
    const frameMs = a.frameMs / s;
    per.push(listenerMs + frameMs);
    listener.push(listenerMs);
    frame.push(a.frames ? a.frameMs / a.frames : NaN);
    rows.push({ on: a, off: b });
  }
  const framesSeen = rows.reduce((n, r) => n + r.on.frames, 0);
  return {
    perSecond: summary(per),
    listenerPerSecond: summary(listener),
    perFrame: summary(frame),
    perEvent: summary(listener.map((ms) => ms / 1000)),
    framesPerSecond: summary(rows.map((r) => r.on.frames / (r.on.events / 1000))),
    eventsPerSecond: summary(rows.map((r) => r.on.events / (r.on.elapsed / 1000))),
    listening: framesSeen > 0,
  };
}
