// The admin at shop scale: a shop export handed to <stammkunde-data> as a
// File, through to every widget drawn, in headless Chromium. Stage times
// come from the data source's progress events (main thread) and the
// worker's own timings (summary.engine), drawing from the widgets'
// `stammkunde:draw:*` performance measures, main-thread long tasks from a
// PerformanceObserver('longtask').
import { summary } from './stats.mjs';

export const IMPORT_PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Admin import benchmark</title>
<script>
window.__long = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
window.__draws = [];
new PerformanceObserver((l) => {
  for (const e of l.getEntries()) if (e.name.startsWith('stammkunde:draw:')) window.__draws.push({ name: e.name.slice(16), end: e.startTime + e.duration });
}).observe({ type: 'measure', buffered: true });
</script>
<script type="module" src="/dist/stammkunde-admin.js"></script>
</head><body>
<stammkunde-data id="shop" as-of="2026-11-01" currency="EUR"></stammkunde-data>
<stammkunde-segments></stammkunde-segments>
<stammkunde-rfm></stammkunde-rfm>
<stammkunde-abc></stammkunde-abc>
<stammkunde-clv></stammkunde-clv>
<script>
const WIDGETS = ['stammkunde-segments', 'stammkunde-rfm', 'stammkunde-abc', 'stammkunde-clv'];
window.runImport = async (url, name, format) => {
  const blob = await (await fetch(url)).blob();
  const file = new File([blob], name);
  await customElements.whenDefined('stammkunde-data');
  const data = document.getElementById('shop');
  await new Promise((r) => setTimeout(r, 200));
  window.__long.length = 0;
  window.__draws.length = 0;
  const phases = [];
  const t0 = performance.now();
  const onProgress = (e) => {
    const p = e.detail || {};
    if (!phases.length || phases[phases.length - 1].phase !== p.phase) phases.push({ phase: p.phase, t: performance.now() - t0 });
  };
  let partialAt = null;
  const onPartial = () => { partialAt ??= performance.now() - t0; };
  data.addEventListener('stammkunde:progress', onProgress);
  data.addEventListener('stammkunde:partial', onPartial);
  const result = await new Promise((resolve) => {
    data.addEventListener('stammkunde:ready', (e) => resolve({ ok: true, summary: e.detail, at: performance.now() }), { once: true });
    data.addEventListener('stammkunde:error', (e) => resolve({ ok: false, error: e.detail, at: performance.now() }), { once: true });
    data.setAttribute('format', format);
    data.orders = file;
  });
  data.removeEventListener('stammkunde:progress', onProgress);
  data.removeEventListener('stammkunde:partial', onPartial);
  if (!result.ok) return { ok: false, error: result.error && result.error.message };
  // every widget drawn with the final result
  const drawnAfter = (w, t) => window.__draws.find((d) => d.name === w && d.end >= t);
  for (let i = 0; i < 600 && !WIDGETS.every((w) => drawnAfter(w, result.at)); i++) await new Promise((r) => setTimeout(r, 10));
  const firstDraw = (w) => { const d = window.__draws.find((x) => x.name === w && x.end >= t0); return d ? d.end - t0 : null; };
  const lastDraw = Math.max(...WIDGETS.map((w) => { const d = drawnAfter(w, result.at); return d ? d.end : NaN; }));
  const s = result.summary;
  return {
    ok: true,
    total: lastDraw - t0,
    ready: result.at - t0,
    partial: partialAt,
    segmentsVisible: firstDraw('stammkunde-segments'),
    rfmVisible: firstDraw('stammkunde-rfm'),
    phases,
    engine: s.engine || null,
    customers: s.customers,
    revenue: s.revenue,
    read: s.import.read,
    used: s.import.used,
    rejected: s.import.rejected,
    clvOk: !!(s.clv && s.clv.ok),
    clvCustomers: s.clv && s.clv.customers,
    longTasks: window.__long.filter((l) => l.start >= t0).map((l) => l.duration),
  };
};
</script>
</body></html>`;

/**
 * Imports each file `runs` times, interleaved, each in a fresh browser
 * context (a fresh worker, so its wasm memory is that run's peak).
 */
export async function importBrowser(browser, base, files, runs) {
  const out = files.map((f) => ({ ...f, runs: [] }));
  for (let r = 0; r < runs; r++) {
    for (const f of out) {
      if (r >= (f.runs_ ?? runs)) continue;
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await page.goto(`${base}/bench/page/import`);
        const res = await page.evaluate(([u, n, fmt]) => window.runImport(u, n, fmt), [f.url, f.name, f.format]);
        if (errors.length) res.pageErrors = errors;
        f.runs.push(res);
      } catch (e) {
        f.runs.push({ ok: false, error: String(e) });
      } finally {
        await context.close();
      }
    }
  }
  for (const f of out) {
    const ok = f.runs.filter((x) => x.ok);
    const stat = (fn) => summary(ok.map(fn).filter((v) => v !== null && v !== undefined));
    f.total = stat((x) => x.total);
    f.segments = stat((x) => x.segmentsVisible);
    f.ready = stat((x) => x.ready);
    f.longest = stat((x) => Math.max(0, ...x.longTasks));
    f.longCount = stat((x) => x.longTasks.length);
    f.wasm = stat((x) => x.engine && x.engine.wasmBytes);
    f.clvWasm = stat((x) => x.engine && x.engine.clvWasmBytes);
    const stages = {};
    for (const x of ok) for (const [k, v] of Object.entries((x.engine && x.engine.stages) || {})) (stages[k] ??= []).push(v);
    f.stages = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, summary(v)]));
    f.last = ok[ok.length - 1] || f.runs[f.runs.length - 1] || null;
  }
  return out;
}
