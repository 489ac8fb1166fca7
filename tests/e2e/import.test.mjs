// A shop-sized export through the admin's file input: 1,000,000 orders of
// about 100,000 customers as a German CSV (generated here, as
// tests/bench/shop.mjs writes it for `make bench`). The counts the widgets
// get equal the engine's own for the same file (dist/pkg in Node) and the
// generator's, and no main-thread task of the page took 50 ms or more of
// CPU time (from a Chromium trace; the wall clock, which also counts the
// time the thread waited for a core on a shared machine, is logged).
// Waits on the product's own `ready` attributes, never on time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, serve } from './harness.mjs';
import { shopCounts, shopFile } from '../bench/shop.mjs';

const PAGES = new URL('./pages', import.meta.url).pathname;
const root = new URL('../../', import.meta.url);
const wasm = await import(new URL('dist/pkg/stammkunde.js', root));
wasm.initSync({ module: readFileSync(new URL('dist/pkg/stammkunde_bg.wasm', root)) });

const N = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'stammkunde-import-'));
let server, browser;
before(async () => {
  server = await serve({ mounts: { '/test/': PAGES } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The engine's figures for the file, read in Node the way the worker reads it. */
async function engineFigures(path, size) {
  const feed = new wasm.OrderFeed('csv', { currency: 'EUR' }, size);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) feed.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
  const seg = feed.finish({ asOf: '2026-11-01', currency: 'EUR' });
  // CLV joined as the admin joins it (likely_churned needs it)
  const input = seg.clvInput();
  const clv = wasm.computeClvColumns(input.customer, input.placedAt, input.net, input.customers, input.currency, { calibrationEnd: '2026-11-01', lang: 'de', currency: 'EUR' });
  seg.setClvColumns(clv.pAlive, clv.clv, clv.expectedOrders);
  const imp = seg.importSummary(0);
  const figures = {
    customers: seg.customerCount,
    revenue: seg.totalRevenue,
    read: imp.read,
    used: imp.used,
    rejected: imp.rejected,
    segments: Object.fromEntries(seg.segments('de').map((s) => [s.id, s.count])),
  };
  seg.free();
  return figures;
}

test('1 M orders through the file input: the engine\'s counts, no main-thread task of 50 ms', { timeout: 600_000 }, async () => {
  const { path, bytes } = shopFile(dir, N, 'csv');
  const expected = await engineFigures(path, bytes);
  const generated = shopCounts(N);
  assert.equal(expected.read, N);
  assert.equal(expected.customers, generated.customers);
  assert.equal(expected.used, N - generated.cancelled);

  const { page, context, log } = await open(browser, `${server.base}/test/import.html`);
  try {
    await page.waitForFunction(() => customElements.get('stammkunde-data'));
    // Main-thread tasks from a Chromium trace, with their thread CPU time:
    // on a shared machine a task's wall clock also counts the time the
    // thread waited for a core, which says nothing about the page.
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    await page.setInputFiles('#file', path);
    // The product sets `partial` when segments are drawn and `ready` when CLV joined them.
    await page.waitForSelector('stammkunde-data[ready]', { state: 'attached', timeout: 540_000 });
    await page.waitForFunction(() => ['segments', 'rfm', 'abc', 'clv'].every((w) => document.querySelector(`stammkunde-${w}`).hasAttribute('ready')), null, { timeout: 60_000 });
    const shown = await page.evaluate(() => {
      const s = document.getElementById('shop').summary;
      return {
        customers: s.customers,
        revenue: s.revenue,
        read: s.import.read,
        used: s.import.used,
        rejected: s.import.rejected,
        segments: Object.fromEntries(s.segments.map((x) => [x.id, x.count])),
        clvOk: s.clv.ok,
        clvCustomers: s.clv.customers,
        rfmCustomers: s.rfm.cells.reduce((a, c) => a + c.count, 0),
        longTasks: window.__longTasks,
        segmentsText: document.querySelector('stammkunde-segments').shadowRoot.textContent,
      };
    });
    const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const threads = new Map(trace.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
    const tasks = trace.filter((e) => (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && Number.isFinite(e.dur) && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
    const longestCpu = Math.max(0, ...tasks.map((t) => (t.tdur ?? t.dur) / 1000));
    const longestWall = Math.max(0, ...tasks.map((t) => t.dur / 1000));
    console.log(`1 M orders: ${tasks.length} main-thread tasks, longest ${Math.round(longestCpu)} ms CPU (${Math.round(longestWall)} ms wall clock); longtask entries (wall clock): ${shown.longTasks.map(Math.round).join(', ') || 'none'}`);
    assert.ok(tasks.length > 0, 'the trace has main-thread tasks');
    assert.deepEqual(
      { customers: shown.customers, revenue: shown.revenue, read: shown.read, used: shown.used, rejected: shown.rejected, segments: shown.segments },
      { customers: expected.customers, revenue: expected.revenue, read: expected.read, used: expected.used, rejected: expected.rejected, segments: expected.segments },
    );
    assert.equal(shown.rfmCustomers, expected.customers);
    assert.equal(shown.clvOk, true, 'CLV computed');
    assert.equal(shown.clvCustomers, expected.customers);
    assert.ok(!/Die Daten konnten nicht|could not be processed/.test(shown.segmentsText));
    assert.ok(longestCpu < 50, `the longest main-thread task took ${Math.round(longestCpu)} ms of CPU time`);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});
