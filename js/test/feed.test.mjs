// OrderFeed, the admin's streaming import: a file pushed in chunks of any
// size gives the same segments, counts and row errors as reading it whole
// (readOrders + computeSegments), also when pieces end inside an order's
// line items or a quoted field; and CLV fitted on the table's columns and
// joined by index matches computeClv on the same orders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkgDir = new URL('../../dist/pkg/', import.meta.url);
const wasm = await import(new URL('stammkunde.js', pkgDir));
wasm.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkgDir)) });

const AS_OF = '2026-11-01';

/** Pushes `bytes` in chunks of `chunk` bytes into a feed reading pieces of `piece` bytes. */
function feed(format, bytes, { chunk = 7, piece = 64, options = { currency: 'EUR' } } = {}) {
  const f = new wasm.OrderFeed(format, options, bytes.length);
  f.setPieceSize(piece);
  for (let at = 0; at < bytes.length; at += chunk) f.push(bytes.subarray(at, at + chunk));
  return f.finish({ asOf: AS_OF });
}

function figures(seg) {
  const imp = seg.importReport();
  return {
    customers: seg.customerCount,
    revenue: seg.totalRevenue,
    keys: seg.keys(),
    segments: seg.segments('en').map((s) => [s.id, s.count]),
    read: imp.read,
    used: imp.used,
    rejected: imp.rejected,
    errors: imp.errors.map((e) => [e.row, e.field]),
  };
}

function whole(format, text) {
  const imp = wasm.readOrders(format, text, { currency: 'EUR' });
  const seg = wasm.computeSegments(imp.orders, { asOf: AS_OF });
  const f = figures(seg);
  seg.free();
  return { ...f, read: imp.read, rejected: imp.rejected, errors: imp.errors.map((e) => [e.row, e.field]) };
}

// Line items on follow-up rows, a quoted name with a line break and a
// separator, two bad rows: every piece boundary is somewhere in these.
const CSV = [
  '\ufeffBestellnummer;Datum;Kundennummer;Betrag;Währung;Status;Artikel;Menge',
  '1001;02.01.2026 10:00;K-1;"1.234,56";EUR;abgeschlossen;"Espresso; 1 kg";1',
  '1001;;;;;;"Filter\nkaffee";2',
  '1001;;;;;;Tasse;1',
  '1002;03.01.2026 11:00;K-2;12,50;EUR;storniert;Tee;1',
  '1003;31.02.2026 11:00;K-2;12,50;EUR;abgeschlossen;Tee;1',
  '1004;04.01.2026 12:00;K-1;20,00;EUR;abgeschlossen;Tee;1',
  '1005;05.01.2026 12:00;K-3;zwölf;EUR;abgeschlossen;Tee;1',
  ...Array.from({ length: 40 }, (_, i) => `${2000 + i};${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 9)}.2026 08:00;K-${i % 7};${10 + i},99;EUR;abgeschlossen;Bohnen;${1 + (i % 3)}`),
  '',
].join('\r\n');

test('CSV in chunks and pieces of any size reads as the whole file does', () => {
  const bytes = new TextEncoder().encode(CSV);
  const expected = whole('csv', CSV);
  assert.equal(expected.rejected, 2);
  for (const [chunk, piece] of [[1, 1], [7, 50], [64, 100], [1000, 8 << 20], [bytes.length, 200]]) {
    const seg = feed('csv', bytes, { chunk, piece });
    const got = figures(seg);
    seg.free();
    assert.deepEqual(got, expected, `chunks of ${chunk} bytes, pieces of ${piece}`);
  }
});

test('canonical JSON fed in chunks reads as computeSegmentsFromJson does', () => {
  const orders = Array.from({ length: 300 }, (_, i) => ({ id: String(i), customer: `K-${i % 37}`, placed_at: 1_760_000_000 + i * 3_600, total: 1000 + i, currency: 'EUR', ...(i % 50 === 0 ? { status: { kind: 'cancelled' } } : {}) }));
  const text = JSON.stringify(orders);
  const seg = feed('canonical', new TextEncoder().encode(text), { chunk: 333 });
  const ref = wasm.computeSegmentsFromJson(text, { asOf: AS_OF, currency: 'EUR' });
  assert.deepEqual(figures(seg), figures(ref));
  seg.free();
  ref.free();
});

test('Shopify JSON fed in chunks reads as readOrders does, in one piece or in many', () => {
  const text = readFileSync(new URL('../../tests/fixtures/orders/shopify_rest.json', import.meta.url), 'utf8');
  const bytes = new TextEncoder().encode(text);
  const expected = whole('shopify', text);
  const one = feed('shopify', bytes, { chunk: 7, piece: 8 << 20 });
  assert.deepEqual(figures(one), expected);
  one.free();
  // Pieces of 64 bytes: the fixture's repeated order lies in another piece
  // than its first copy, and is still named with that copy's row.
  const small = feed('shopify', bytes, { chunk: 5, piece: 64 });
  assert.ok(expected.errors.some(([, field]) => field === 'id'));
  assert.deepEqual(figures(small), expected);
  assert.equal(small.importReport().duplicates, 0);
  small.free();
});

test('JSON that is not JSON throws with the line and column', () => {
  const bytes = new TextEncoder().encode('{"orders": [\n  {"name": "#1",, }\n]}');
  assert.throws(() => feed('shopify', bytes, { chunk: 3, piece: 4 }), /not valid JSON: .* at line 2 column/);
});

test('a file that cannot be read at all throws with the reason', () => {
  assert.throws(() => feed('csv', new TextEncoder().encode('Name;Farbe\nx;y\n')), /Bestellnummer|order id/);
  assert.throws(() => feed('csv', new Uint8Array(0)), /empty/);
});

test('CLV on the table columns, joined by index, equals computeClv on the orders', () => {
  const orders = wasm.demoOrders({ customers: 800, orders: 6000 });
  const seg = wasm.computeSegments(orders, { asOf: AS_OF });
  const input = seg.clvInput();
  const cols = wasm.computeClvColumns(input.customer, input.placedAt, input.net, input.customers, input.currency, { calibrationEnd: AS_OF });
  const report = wasm.computeClv(orders, { calibrationEnd: AS_OF });
  const keys = seg.keys();
  const byKey = new Map(report.customers.map((c) => [c.customer, c]));
  assert.equal(cols.report.customerCount, report.customerCount);
  assert.deepEqual(cols.report.bgNbd.params, report.bgNbd.params);
  assert.equal(cols.report.customers.length, 0);
  keys.forEach((k, i) => {
    const c = byKey.get(k);
    assert.ok(c, k);
    assert.ok(Math.abs(cols.pAlive[i] - c.pAlive) < 1e-12, k);
    assert.ok(Math.abs(cols.clv[i] - c.predictedClv) < 1e-9, k);
  });
  seg.setClvColumns(cols.pAlive, cols.clv, cols.expectedOrders);
  const likely = seg.segments('en').find((s) => s.id === 'likely_churned');
  const low = [...cols.pAlive].filter((p) => p < 0.3).length;
  assert.equal(likely.count, low);
  assert.equal(seg.keyAt(0), keys[0]);
  assert.equal(seg.keyAt(keys.length), undefined);
  seg.free();
});
