// 1 M orders in the admin's wasm, in Chromium: read as typed columns and
// segmented, or segmented from JSON text, each in a fresh page, with the
// wasm memory measured afterwards. Wasm memory only grows, so its size
// after the run is the run's peak.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { ARTIFACTS, launch, open, serve } from './harness.mjs';

const PAGES = new URL('./pages', import.meta.url).pathname;
let server, browser;
before(async () => {
  server = await serve({ mounts: { '/test/': PAGES } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// wasm32 can address 4 GiB; stay far below so a shop's admin tab with other
// work still has room.
const BUDGET = 1024 * 1024 * 1024;

test('1 M orders of 100 k customers fit in wasm memory', async () => {
  const { page, context, log } = await open(browser, `${server.base}/test/blank.html`);
  const r = await page.evaluate(async () => {
    const mod = await import('/dist/pkg/stammkunde.js');
    const wasm = await mod.default();
    const before = wasm.memory.buffer.byteLength;
    const n = 1_000_000;
    const customers = new Uint32Array(n);
    const timestamps = new Float64Array(n);
    const totals = new Float64Array(n);
    let s = 42;
    const next = () => (s = (s * 48271) % 2147483647);
    const start = Date.UTC(2024, 0, 1);
    let expected = 0;
    for (let i = 0; i < n; i++) {
      customers[i] = i % 100_000;
      timestamps[i] = start + (next() % (730 * 86_400)) * 1000;
      const cents = 500 + (next() % 20_000);
      totals[i] = cents;
      expected += cents;
    }
    const columns = mod.readColumns(customers, timestamps, totals, { cents: true });
    const out = { before, read: columns.read, used: columns.used, rejected: columns.rejected, expected };
    out.net = columns.netTotals().reduce((a, b) => a + b, 0);
    out.afterRead = wasm.memory.buffer.byteLength;
    if (typeof mod.computeSegmentsFromColumns === 'function') {
      const seg = mod.computeSegmentsFromColumns(columns, { asOf: '2026-01-01' });
      out.customers = seg.customerCount;
      out.revenue = seg.totalRevenue;
      seg.free();
    }
    columns.free();
    out.peak = wasm.memory.buffer.byteLength;
    return out;
  });
  writeFileSync(`${ARTIFACTS}/large-1m-memory.json`, JSON.stringify(r, null, 2));
  console.log(`# 1 M orders: wasm memory ${(r.before / 2 ** 20).toFixed(1)} MiB before, ${(r.afterRead / 2 ** 20).toFixed(1)} MiB after reading, ${(r.peak / 2 ** 20).toFixed(1)} MiB peak`);
  assert.deepEqual([r.read, r.used, r.rejected], [1_000_000, 1_000_000, 0]);
  assert.equal(r.net, r.expected);
  if (r.customers !== undefined) {
    assert.equal(r.customers, 100_000);
    assert.equal(r.revenue, r.expected); // minor units
  }
  assert.ok(r.peak < BUDGET, `peak ${r.peak} bytes`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('1 M orders as JSON text fit in wasm memory', async () => {
  const { page, context, log } = await open(browser, `${server.base}/test/blank.html`);
  const r = await page.evaluate(async () => {
    const mod = await import('/dist/pkg/stammkunde.js');
    const wasm = await mod.default();
    const before = wasm.memory.buffer.byteLength;
    const n = 1_000_000;
    const start = 1_704_067_200; // 2024-01-01
    const parts = [];
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const cents = 500 + ((i * 7919) % 20_000);
      expected += cents;
      parts.push(`{"id":"${i}","customer":"k${i % 100_000}","placed_at":${start + ((i * 104_729) % (730 * 86_400))},"total":${cents},"currency":"EUR"}`);
    }
    const text = `[${parts.join(',')}]`;
    parts.length = 0;
    const seg = mod.computeSegmentsFromJson(text, { asOf: '2026-01-01' });
    const out = { before, bytes: text.length, expected, customers: seg.customerCount, revenue: seg.totalRevenue };
    seg.free();
    out.peak = wasm.memory.buffer.byteLength;
    return out;
  });
  writeFileSync(`${ARTIFACTS}/large-1m-json-memory.json`, JSON.stringify(r, null, 2));
  console.log(`# 1 M orders as ${(r.bytes / 2 ** 20).toFixed(0)} MiB of JSON: wasm memory ${(r.peak / 2 ** 20).toFixed(1)} MiB peak`);
  assert.equal(r.customers, 100_000);
  assert.equal(r.revenue, r.expected);
  assert.ok(r.peak < BUDGET, `peak ${r.peak} bytes`);
  assert.deepEqual(log.errors, []);
  await context.close();
});
