// The benchmark's JavaScript baseline (tests/bench/baseline.mjs) must
// compute exactly what the engine computes, or the speed comparison in
// BENCHMARKS.md means nothing; and the equality check `make bench` relies
// on (tests/bench/equal.mjs) must catch a difference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromColumns, fromJson } from '../../tests/bench/baseline.mjs';
import { demoInput } from '../../tests/bench/data.mjs';
import { compare, engineOutput } from '../../tests/bench/equal.mjs';

const pkgDir = new URL('../../dist/pkg/', import.meta.url);
const engine = await import(new URL('stammkunde.js', pkgDir));
engine.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkgDir)) });

// 2026-11-01 00:00 UTC, the demo data's as-of date
const asOf = 1_793_491_200;
const demo = engine.demoColumns({ customers: 400, orders: 4000, seed: 7, asOf: asOf * 1000 });
const { columns, json } = demoInput(demo);
demo.free();

function engineFromColumns(options = { asOf }) {
  const r = engine.computeSegments(columns, options);
  try {
    return engineOutput(r, engine);
  } finally {
    r.free();
  }
}

test('the baseline matches the engine on columnar input', () => {
  const e = engineFromColumns();
  assert.ok(e.customers.size > 300, `${e.customers.size} customers`);
  assert.deepEqual(compare(e, fromColumns(columns, { asOf })), []);
  // every kind of segment is populated, so the counts really are compared
  for (const id of ['high_revenue', 'new_customers', 'frequent_buyers', 'sleepers', 'churn_warning', 'vip', 'abc:A', 'abc:C', 'rfm:champions', 'rfm:lost']) {
    assert.ok(e.counts[id] > 0, `${id} is empty`);
  }
});

test('the baseline matches the engine on JSON text with cancelled and refunded orders', () => {
  assert.match(json, /"cancelled"/);
  assert.match(json, /"partially_refunded"/);
  const r = engine.computeSegmentsFromJson(json, { asOf });
  const e = engineOutput(r, engine);
  r.free();
  assert.deepEqual(compare(e, fromJson(json, { asOf })), []);
});

test('the baseline follows the options like the engine', () => {
  const options = { asOf: asOf - 90 * 86_400, highRevenue: 20_000, vipShare: 0.25, abcA: 0.7, abcB: 0.2, churnGapFactor: 1.5 };
  const e = engineFromColumns(options);
  assert.deepEqual(compare(e, fromColumns(columns, options)), []);
});

test('the equality check reports a changed figure, class or count', () => {
  const e = engineFromColumns();
  const changed = fromColumns(columns, { asOf });
  const [key, first] = changed.customers.entries().next().value;
  changed.customers.set(key, { ...first, abc: first.abc === 'A' ? 'B' : 'A' });
  changed.counts.sleepers += 1;
  const diffs = compare(e, changed);
  assert.ok(diffs.some((d) => d.startsWith(`customer ${key} abc:`)), diffs.join('\n'));
  assert.ok(diffs.some((d) => d.startsWith('segment sleepers:')), diffs.join('\n'));
  // one order less for the baseline: the figures of that customer differ
  const fewer = { customer: columns.customer.subarray(1), placedAt: columns.placedAt.subarray(1), total: columns.total.subarray(1) };
  assert.notDeepEqual(compare(e, fromColumns(fewer, { asOf })), []);
});
