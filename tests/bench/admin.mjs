// Admin benchmarks in Chromium: each request runs in a fresh module Worker
// (tests/bench/worker.mjs), as the admin components compute in a worker.
import { summary } from './stats.mjs';

export const ADMIN_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Admin benchmark</title></head>
<body><script>
window.benchCall = (msg) => new Promise((resolve, reject) => {
  const w = new Worker('/bench/worker.mjs', { type: 'module' });
  w.onmessage = ({ data }) => { w.terminate(); data.ok ? resolve(data.result) : reject(new Error(data.error)); };
  w.onerror = (e) => { w.terminate(); reject(new Error(e.message || 'worker failed to load')); };
  w.postMessage(msg);
});
</script></body></html>`;

export async function openAdmin(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/bench/page/admin`);
  const call = async (msg) => {
    const r = await page.evaluate((m) => window.benchCall(m), msg);
    if (errors.length) throw new Error(errors[0]);
    return r;
  };
  return { call, close: () => context.close() };
}

/** computeClv in the worker on each data set the native run wrote. */
export async function clvBrowser(admin, sets, calibrationEnd) {
  const out = {};
  for (const name of sets) {
    const r = await admin.call({
      cmd: 'clv',
      url: `/bench-data/clv-${name}.json`,
      options: { calibrationEnd },
      warmup: 2,
      runs: 7,
    });
    out[name] = { ...r, summary: summary(r.times) };
  }
  return out;
}

/**
 * Segments in the worker for every size and input kind: engine and
 * baseline on the same input in the same browser session, each size and
 * kind in a fresh worker (so wasm memory afterwards is that run's peak).
 */
export async function segmentsBrowser(admin, sizes, asOf) {
  const out = [];
  for (const n of sizes) {
    for (const input of ['columnar', 'json']) {
      const big = n >= 1_000_000;
      const r = await admin.call({
        cmd: 'segments',
        n,
        input,
        options: { asOf },
        warmup: big ? 1 : 2,
        runs: big ? 5 : 7,
      });
      out.push({
        n,
        input,
        ...r,
        engine: r.engineTimes ? summary(r.engineTimes) : null,
        baseline: r.baselineTimes ? summary(r.baselineTimes) : null,
        noDedupe: r.noDedupeTimes ? summary(r.noDedupeTimes) : null,
        parse: r.parseTimes ? summary(r.parseTimes) : null,
        decode: r.decodeTimes ? summary(r.decodeTimes) : null,
      });
    }
  }
  return out;
}
