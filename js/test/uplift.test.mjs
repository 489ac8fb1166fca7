// The uplift interval and the campaign figures from the storefront event log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uplift, wilson } from '../src/admin/stats.js';
import { campaignStats, readEvents, toMillis } from '../src/admin/events.js';

// Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10
// (hybrid score interval), the eight published examples.
const NEWCOMBE = [
  [56, 70, 48, 80, 0.0524, 0.3339],
  [9, 10, 3, 10, 0.1705, 0.809],
  [6, 7, 2, 7, 0.0582, 0.8062],
  [5, 56, 0, 29, -0.0381, 0.1926],
  [0, 10, 0, 20, -0.1611, 0.2775],
  [0, 10, 0, 10, -0.2775, 0.2775],
  [10, 10, 0, 20, 0.6791, 1.0],
  [10, 10, 0, 10, 0.6075, 1.0],
];

test('the interval matches Newcombe’s published values', () => {
  for (const [x1, n1, x2, n2, lo, hi] of NEWCOMBE) {
    const u = uplift(x1, n1, x2, n2);
    assert.ok(Math.abs(u.lower - lo) < 5e-5, `${x1}/${n1} - ${x2}/${n2}: lower ${u.lower} != ${lo}`);
    assert.ok(Math.abs(u.upper - hi) < 5e-5, `${x1}/${n1} - ${x2}/${n2}: upper ${u.upper} != ${hi}`);
    assert.equal(u.difference, x1 / n1 - x2 / n2);
  }
});

test('Wilson interval: Newcombe’s single-proportion example 81/263', () => {
  // Newcombe (1998b), Statistics in Medicine 17:857-872: 0.2553 to 0.3662
  const w = wilson(81, 263);
  assert.ok(Math.abs(w.lower - 0.2553) < 5e-5 && Math.abs(w.upper - 0.3662) < 5e-5, JSON.stringify(w));
});

test('empty groups give no interval; significance needs the interval to exclude 0', () => {
  assert.equal(uplift(1, 0, 1, 10), null);
  assert.equal(uplift(3, 10, 0, 0), null);
  assert.equal(uplift(56, 70, 48, 80).significant, true);
  assert.equal(uplift(5, 56, 0, 29).significant, false);
});

test('timestamps: milliseconds, seconds and ISO strings', () => {
  assert.equal(toMillis(1793491200), 1793491200000);
  assert.equal(toMillis(1793491200000), 1793491200000);
  assert.equal(toMillis('2026-11-01T00:00:00Z'), Date.UTC(2026, 10, 1));
  assert.ok(Number.isNaN(toMillis(null)));
});

test('bad events are rejected with row, field and reason; good ones kept', () => {
  const { events, errors } = readEvents([
    { type: 'show', kind: 'voucher', visitor: 'v1', ts: 1 },
    { type: 'wink', kind: 'voucher', visitor: 'v1', ts: 1 },
    { type: 'show', kind: 'banner', visitor: 'v1', ts: 1 },
    { type: 'order', visitor: 'v1', ts: 'soon' },
    { type: 'order', visitor: '', ts: 1 },
    { type: 'order', visitor: 'v1', ts: 1, value: -5 },
    null,
  ]);
  assert.equal(events.length, 1);
  assert.deepEqual(errors.map((e) => [e.row, e.field]), [[2, 'type'], [3, 'kind'], [4, 'ts'], [5, 'visitor'], [6, 'value'], [7, 'event']]);
  assert.equal(readEvents({}).errors[0].field, 'log');
});

test('campaign figures: counts per kind and uplift by visitor within the window', () => {
  const day = 86_400_000;
  const t0 = Date.UTC(2026, 9, 1);
  const log = [];
  // 10 voucher visitors shown, 4 order within 7 days, 1 orders after 30 days
  for (let i = 0; i < 10; i++) {
    log.push({ type: 'show', kind: 'voucher', holdout: false, visitor: `t${i}`, ts: t0 + i });
    if (i < 4) log.push({ type: 'order', visitor: `t${i}`, ts: t0 + day, value: 5000 });
  }
  log.push({ type: 'order', visitor: 't9', ts: t0 + 30 * day, value: 100 });
  log.push({ type: 'show', kind: 'voucher', holdout: false, visitor: 't0', ts: t0 + 2 * day }); // second show, same visitor
  log.push({ type: 'convert', kind: 'voucher', visitor: 't0', ts: t0 + 5 });
  log.push({ type: 'close', kind: 'voucher', visitor: 't1', ts: t0 + 5 });
  // 5 holdout visitors, 1 orders; an order before the show does not count
  for (let i = 0; i < 5; i++) log.push({ type: 'show', kind: 'voucher', holdout: true, visitor: `h${i}`, ts: t0 });
  log.push({ type: 'order', visitor: 'h0', ts: t0 + day });
  log.push({ type: 'order', visitor: 'h1', ts: t0 - day });
  // a newsletter show to a visitor who also saw a voucher
  log.push({ type: 'show', kind: 'newsletter', holdout: false, visitor: 't5', ts: t0 });
  const stats = campaignStats(log);
  const v = stats.rows.find((r) => r.kind === 'voucher');
  assert.equal(v.shown, 11);
  assert.equal(v.holdout, 5);
  assert.equal(v.converted, 1);
  assert.equal(v.dismissed, 1);
  assert.deepEqual([v.treated.visitors, v.treated.ordered, v.treated.revenue], [10, 4, 20000]);
  assert.deepEqual([v.control.visitors, v.control.ordered], [5, 1]);
  assert.deepEqual(v.uplift, uplift(4, 10, 1, 5));
  const all = stats.rows.find((r) => r.kind === 'all');
  assert.equal(all.treated.visitors, 10); // t5 counted once
  assert.equal(all.shown, 12);
  const s = stats.rows.find((r) => r.kind === 'service');
  assert.equal(s.uplift, null);
  assert.equal(s.conversionRate, null);
  assert.equal(campaignStats(log, { attributionDays: 31 }).rows[0].treated.ordered, 5);
});
