// computeClv from the ESM package, in Node, against the published CDNOW fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkgDir = new URL('../../dist/pkg/', import.meta.url);
const wasm = await import(new URL('stammkunde.js', pkgDir));
wasm.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkgDir)) });

// CDNOW sample: master id, sample id, YYYYMMDD, CDs, dollars.
function cdnowOrders() {
  const text = readFileSync(new URL('../../tests/fixtures/cdnow/CDNOW_sample.txt', import.meta.url), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line, i) => {
      const [customer, , date, , dollars] = line.trim().split(/\s+/);
      const placed = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), 12) / 1000;
      return { id: String(i), customer, placed_at: placed, total: Math.round(Number(dollars) * 100), currency: 'USD' };
    });
}

test('computeClv reproduces the published BG/NBD and Gamma-Gamma estimates', () => {
  const report = wasm.computeClv(cdnowOrders(), { calibrationEnd: '1997-09-30', unit: 'weeks', lang: 'en' });
  const { r, alpha, a, b } = report.bgNbd.params;
  for (const [got, want] of [[r, 0.2426], [alpha, 4.4136], [a, 0.7929], [b, 2.4259]]) {
    assert.ok(Math.abs(got - want) <= 0.001, `${got} vs ${want}`);
  }
  assert.ok(Math.abs(report.bgNbd.logLikelihood - -9582.43) <= 0.05);
  assert.equal(report.bgNbd.convergence.converged, true);
  const { p, q, v } = report.gammaGamma.params;
  assert.ok(Math.abs(p - 6.2488) <= 0.005 && Math.abs(q - 3.7446) <= 0.005 && Math.abs(v / 100 - 15.4477) <= 0.005);
  assert.equal(report.customerCount, 2357);
  assert.equal(report.totalRepeatPurchases, 2457);
  assert.equal(report.paretoNbd, null);

  const byKey = new Map(report.customers.map((c) => [c.customer, c]));
  const c = byKey.get('00004');
  assert.equal(c.frequency, 2);
  assert.ok(c.pAlive > 0 && c.pAlive < 1);
  assert.match(c.reasons[0], /^2 repeat purchases, last 8 weeks ago, P\(alive\) 0\.\d\d$/);
  for (const x of report.customers) {
    assert.ok(Number.isFinite(x.predictedClv) && Number.isFinite(x.expectedOrders));
    if (x.frequency === 0) assert.equal(x.pAlive, 1);
  }
});

test('computeClv speaks German and takes a Date', () => {
  const report = wasm.computeClv(cdnowOrders(), {
    calibrationEnd: new Date(Date.UTC(1997, 8, 30)),
    lang: 'de',
    horizonMonths: 6,
  });
  assert.equal(report.horizonMonths, 6);
  assert.match(report.customers[0].reasons[0], /Wiederholungskäufe/);
});

test('too little data throws an Error that says how much more is needed', () => {
  const few = cdnowOrders().slice(0, 40);
  assert.throws(
    () => wasm.computeClv(few, { calibrationEnd: '1997-09-30', lang: 'en' }),
    (err) => {
      assert.ok(err instanceof wasm.StammkundeError);
      assert.equal(err.code, 'insufficient_data');
      const customers = err.shortfalls.find((s) => s.requirement === 'customers');
      assert.equal(customers.need, 500);
      assert.match(err.message, new RegExp(`${customers.moreNeeded} more`));
      return true;
    },
  );
});

test('bad input is named with a fix', () => {
  assert.throws(() => wasm.computeClv('nope'), /must be an array/);
  assert.throws(() => wasm.computeClv([], { unit: 'months' }), /unit 'days' or 'weeks'/);
  assert.throws(() => wasm.computeClv([], { horizonMonth: 6 }), /unknown option 'horizonMonth'/);
  const orders = cdnowOrders();
  orders.push({ id: 'x', customer: 'y' });
  const report = wasm.computeClv(orders, { calibrationEnd: '1997-09-30' });
  assert.ok(report.warnings.some((w) => /orders\[6919\] skipped/.test(w)));
});

test('the typings describe computeClv', () => {
  const dts = readFileSync(new URL('stammkunde.d.ts', pkgDir), 'utf8');
  assert.match(dts, /export function computeClv\(orders: Order\[\], options\?: ClvOptions\): ClvReport;/);
  assert.match(dts, /export type ClvReport = \{/);
});
