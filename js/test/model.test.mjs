// The view model: engine result → what the widgets render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  abcView,
  clvView,
  histogram,
  niceStep,
  next125,
  queryMembers,
  rfmGrid,
  selectCustomers,
  sortCustomers,
  summarize,
  CURVE_POINTS,
} from '../src/admin/model.js';

const result = JSON.parse(readFileSync(new URL('./fixtures/engine-result.json', import.meta.url)));
const { customers } = result;

test('the RFM grid counts every customer in its R×F cell', () => {
  const { cells, max } = rfmGrid(customers);
  assert.equal(cells.length, 25);
  assert.deepEqual(cells.slice(0, 5).map((c) => [c.r, c.f]), [[5, 1], [5, 2], [5, 3], [5, 4], [5, 5]]);
  assert.equal(cells.reduce((a, c) => a + c.count, 0), customers.length);
  const cell = (r, f) => cells.find((c) => c.r === r && c.f === f);
  assert.equal(cell(1, 1).count, 1); // emil
  assert.equal(cell(5, 5).segment, 'rfm:champions');
  assert.equal(cell(2, 3).revenue, 8990);
  assert.equal(cell(3, 3).count, 0);
  assert.equal(cell(3, 3).segment, null);
  assert.equal(max, 1);
});

test('customers without scores are left out of the grid', () => {
  const { cells } = rfmGrid([{ key: 'x', r: 0, f: 9, revenue: 1 }]);
  assert.equal(cells.reduce((a, c) => a + c.count, 0), 0);
});

test('ABC: the summary follows the engine classes and the curve is monotone', () => {
  const view = abcView(customers, result.abc);
  const byClass = Object.fromEntries(view.classes.map((c) => [c.cls, c]));
  assert.deepEqual([byClass.A.count, byClass.B.count, byClass.C.count], [3, 4, 3]);
  assert.equal(byClass.A.revenue, 64000 + 31050 + 42000);
  const total = customers.reduce((a, c) => a + c.revenue, 0);
  assert.equal(view.total, total);
  assert.ok(Math.abs(byClass.A.revenueShare - 137050 / total) < 1e-12);
  assert.deepEqual(view.curve[0], [0, 0]);
  assert.deepEqual(view.curve.at(-1), [1, 1]);
  for (let i = 1; i < view.curve.length; i++) {
    assert.ok(view.curve[i][0] > view.curve[i - 1][0]);
    assert.ok(view.curve[i][1] >= view.curve[i - 1][1]);
  }
  // the first point after the origin is the biggest customer's share
  assert.ok(Math.abs(view.curve[1][1] - 64000 / total) < 1e-12);
  assert.deepEqual(view.boundaries, [0.3, 0.7]);
});

test('ABC: large inputs are downsampled to CURVE_POINTS points ending at (1, 1)', () => {
  const many = Array.from({ length: 5003 }, (_, i) => ({ key: `k${i}`, revenue: (i % 97) * 100 + 1, abc: 'C' }));
  const view = abcView(many);
  assert.equal(view.curve.length, CURVE_POINTS);
  assert.deepEqual(view.curve.at(-1), [1, 1]);
  assert.equal(abcView([]).curve.length, 1);
});

test('niceStep picks 1, 2 or 5 times a power of ten', () => {
  assert.equal(niceStep(0.7), 1);
  assert.equal(niceStep(1.5), 2);
  assert.equal(niceStep(3), 5);
  assert.equal(niceStep(7000), 10000);
  assert.equal(niceStep(0), 1);
});

test('histogram: 1-2-5 bins from the low values to the maximum, each value counted once', () => {
  const values = [0, 0, 150, 990, 1000, 4999, 5000, 123456, 1e6];
  const h = histogram(values);
  assert.deepEqual(h.bins.map((b) => b.from), [0, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1e6]);
  assert.equal(h.bins.at(-1).to, 2e6);
  assert.deepEqual(h.bins.map((b) => b.count), [2, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1]);
  assert.equal(h.count, values.length);
  for (let i = 1; i < h.bins.length; i++) assert.equal(h.bins[i].from, h.bins[i - 1].to);
  assert.equal(histogram([]).count, 0);
  assert.deepEqual(histogram([0, 0, 0]).bins.map((b) => b.count), [3]);
  assert.equal(next125(1), 2);
  assert.equal(next125(2), 5);
  assert.equal(next125(5), 10);
  assert.equal(next125(500), 1000);
});

test('CLV view: bands by P(alive), top customers by CLV, totals', () => {
  const view = clvView(customers, result.clv);
  assert.equal(view.ok, true);
  assert.deepEqual(view.bands.map((b) => b.count), [1, 2, 7]);
  assert.deepEqual(view.top.slice(0, 3).map((r) => r.key), ['anna@example.de', 'ben@example.de', 'frieda@example.de']);
  assert.equal(view.total, customers.reduce((a, c) => a + c.clv, 0));
  assert.equal(view.histogram.count, customers.length);
  const off = clvView(customers, { ok: false, message: 'need 80 more repeat buyers' });
  assert.deepEqual(off, { ok: false, message: 'need 80 more repeat buyers' });
});

test('summary carries the engine segments unchanged and the import counts', () => {
  const s = summarize(result);
  assert.equal(s.customers, 10);
  assert.deepEqual(s.segments.map((x) => [x.id, x.count]), result.segments.map((x) => [x.id, x.count]));
  assert.equal(s.import.rejected, 2);
  assert.equal(s.import.errors[0].field, 'Datum');
  assert.equal(s.nps.overall.score, 40);
  // small enough to post to the page in one message
  assert.ok(JSON.stringify(s).length < 20_000);
});

test('members: select by segment, cell, class, keys and search; sort; page', () => {
  assert.deepEqual(selectCustomers(customers, { segment: 'sleepers' }).map((c) => c.key).sort(), [
    '<img src=x onerror=alert(1)>',
    'dora@example.de',
    'emil@example.de',
    'ida@example.de',
  ]);
  assert.equal(selectCustomers(customers, { cell: { r: 2, f: 4 } })[0].key, 'hanna@example.de');
  assert.equal(selectCustomers(customers, { abc: 'A', search: 'DORA' }).length, 1);
  assert.equal(selectCustomers(customers, { keys: new Set(['ben@example.de', 'nobody']) }).length, 1);
  const byOrders = sortCustomers(customers, 'orders', 'asc').map((c) => c.orders);
  assert.deepEqual(byOrders, [...byOrders].sort((a, b) => a - b));
  const ties = sortCustomers(customers, 'orders', 'asc').filter((c) => c.orders === 1).map((c) => c.key);
  assert.deepEqual(ties, [...ties].sort());
  const page = queryMembers(customers, { sort: 'revenue', dir: 'desc', offset: 3, limit: 3 });
  assert.equal(page.total, 10);
  assert.deepEqual(page.rows.map((r) => r.revenue), [8990, 7470, 5980]);
  const missing = sortCustomers([{ key: 'a', clv: null }, { key: 'b', clv: 5 }], 'clv', 'asc');
  assert.deepEqual(missing.map((c) => c.key), ['b', 'a']);
});
