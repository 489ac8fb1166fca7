// The segment API of the ESM package, as a frontend developer uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkgDir = new URL('../../dist/pkg/', import.meta.url);
const wasm = await import(new URL('stammkunde.js', pkgDir));
wasm.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkgDir)) });

const at = (iso) => Date.parse(`${iso}T12:00:00Z`) / 1000;

// anna: three orders 30 days apart (600,00); ben: one recent order; cem: cancelled only.
const orders = [
  { id: '1', customer: 'anna', placed_at: at('2026-05-01'), total: 20000, currency: 'EUR' },
  { id: '2', customer: 'anna', placed_at: at('2026-05-31'), total: 20000, currency: 'EUR' },
  { id: '3', customer: 'anna', placed_at: at('2026-06-30'), total: 20000, currency: 'EUR',
    items: [{ product_id: 'TEE-01', name: 'T-Shirt', category: 'Sale', quantity: 1 }] },
  { id: '4', customer: 'ben', placed_at: at('2026-10-20'), total: 4990, currency: 'EUR' },
  { id: '5', customer: 'cem', placed_at: at('2026-10-21'), total: 999, currency: 'EUR', status: { kind: 'cancelled' } },
];

test('computeSegments: figures, segments with shares, reasons', () => {
  const r = wasm.computeSegments(orders, { asOf: '2026-11-01' });
  assert.equal(r.customerCount, 2);
  assert.equal(r.asOf, '2026-11-01');
  assert.equal(r.totalRevenue, 64990);
  assert.equal(r.currency, 'EUR');
  const imp = r.importReport();
  assert.deepEqual([imp.read, imp.used, imp.cancelled, imp.rejected], [5, 4, 1, 0]);

  const segments = r.segments('en');
  const sleepers = segments.find((s) => s.id === 'sleepers');
  assert.deepEqual(
    { name: sleepers.name, count: sleepers.count, shareOfCustomers: sleepers.shareOfCustomers },
    { name: 'Sleepers (no order within 12 weeks)', count: 1, shareOfCustomers: 0.5 },
  );
  assert.equal(sleepers.shareOfRevenue, 60000 / 64990);
  assert.deepEqual(r.memberKeys('new_customers'), ['ben']);
  assert.deepEqual([...r.members('sleepers')], [0]);

  const anna = r.customer(0, 'de');
  assert.equal(anna.customer, 'anna');
  assert.equal(anna.daysSinceLastOrder, 124);
  assert.equal(anna.medianDaysBetweenOrders, 30);
  assert.deepEqual(anna.products, ['TEE-01']);
  assert.equal(anna.segments.find((m) => m.id === 'sleepers').reason, 'letzte Bestellung vor 124 Tagen > 84');
  assert.equal(r.customerIndex('ben'), 1);
  assert.equal(r.customerIndex('cem'), undefined);
});

test('columnar typed arrays give the same result', () => {
  const byOrders = wasm.computeSegments(orders.slice(0, 4), { asOf: '2026-11-01' });
  const cols = {
    customer: new Uint32Array([0, 0, 0, 1]),
    placedAt: new Float64Array(orders.slice(0, 4).map((o) => o.placed_at)),
    total: new Float64Array([20000, 20000, 20000, 4990]),
    keys: ['anna', 'ben'],
    currency: 'EUR',
  };
  const byColumns = wasm.computeSegments(cols, { asOf: new Date('2026-11-01T12:00:00Z') });
  assert.deepEqual(byColumns.segments('de'), byOrders.segments('de'));
  const c = byColumns.columns();
  assert.ok(c.orders instanceof Uint32Array);
  assert.deepEqual([...c.orders], [3, 1]);
  assert.deepEqual([...c.daysSinceLastOrder], [124, 12]);
  assert.ok(Number.isNaN(c.medianGap[1]));
  const rfm = wasm.rfmSegments('en');
  // Two customers: ben has one customer below him, R = 1 + floor(5 * 1 / 2) = 3, F = 1.
  assert.deepEqual([c.recency[1], c.frequency[1]], [3, 1]);
  assert.equal(rfm[c.rfm[1]].id, 'about_to_sleep');
  const pareto = byColumns.pareto();
  assert.deepEqual(pareto[pareto.length - 1], { customers: 1, revenue: 1 });
});

test('orders loaded into wasm memory give what readOrders gives, for segments and CLV', () => {
  // A German export with a broken row, so that row errors are compared too.
  const csv = wasm.demoCsv({ customers: 800 }).replace(/\r\n([^\r]*)\r\n/, '\r\n$1\r\nkaputt;;;\r\n');
  const imp = wasm.readOrders('csv', csv);
  const loaded = wasm.loadOrders('csv', csv);
  assert.ok(imp.errors.length > 0);
  assert.deepEqual([loaded.read, loaded.used, loaded.rejected, loaded.errors], [imp.read, imp.used, imp.rejected, imp.errors]);
  assert.equal(loaded.currency, imp.orders[0].currency);
  const options = { asOf: '2026-11-01', categories: ['Espresso'], rules: [{ id: 'big', rule: 'amount_spent > 100' }] };
  const a = wasm.computeSegments(imp.orders, options);
  const b = wasm.computeSegmentsFromLoaded(loaded, options);
  assert.deepEqual(b.keys(), a.keys());
  assert.deepEqual(b.segments('de'), a.segments('de'));
  assert.deepEqual(b.importReport(), a.importReport());
  assert.deepEqual(b.columns(), a.columns());
  const clvA = wasm.computeClv(imp.orders, { calibrationEnd: '2026-11-01' });
  const clvB = wasm.computeClvFromLoaded(loaded, { calibrationEnd: '2026-11-01' });
  assert.deepEqual(clvB, clvA);
  assert.throws(() => wasm.loadOrders('xml', csv), /loadOrders: unknown format 'xml'/);
  loaded.free();
});

test('computeSegmentsFromJson reads canonical orders as text', () => {
  const r = wasm.computeSegmentsFromJson(JSON.stringify({ orders }), { asOf: '01.11.2026' });
  assert.equal(r.customerCount, 2);
  assert.throws(() => wasm.computeSegmentsFromJson('[{"id": 1,', {}), /orders JSON, line 1/);
});

test('computeSegmentsFromJson reads the bytes of a UTF-8 file like its text', () => {
  const named = orders.map((o, i) => (i === 0 ? { ...o, customer: 'Jürgen Groß' } : o));
  const text = JSON.stringify(named);
  const fromText = wasm.computeSegmentsFromJson(text, { asOf: '2026-11-01' });
  const fromBytes = wasm.computeSegmentsFromJson(new TextEncoder().encode(text), { asOf: '2026-11-01' });
  assert.deepEqual(fromBytes.keys(), fromText.keys());
  assert.ok(fromBytes.keys().includes('Jürgen Groß'));
  assert.deepEqual(fromBytes.segments('en'), fromText.segments('en'));
  // Latin-1 bytes (ü = 0xFC) are not UTF-8: the error says where and what to do.
  const latin1 = Uint8Array.from([...'[{"customer": "J'].map((c) => c.charCodeAt(0)).concat([0xfc]));
  assert.throws(() => wasm.computeSegmentsFromJson(latin1, {}), /not UTF-8 \(at byte 16\); save the export as UTF-8/);
  assert.throws(() => wasm.computeSegmentsFromJson(42, {}), /as a string or as a Uint8Array/);
});

test('rules: custom segments, parse errors with column, evaluation', () => {
  const r = wasm.computeSegments(orders, {
    asOf: '2026-11-01',
    rules: [{ id: 'big', name: 'Große Kunden', rule: 'amount_spent > 500 AND number_of_orders >= 3' }],
  });
  assert.deepEqual(r.memberKeys('rule:big'), ['anna']);
  const added = r.addRule('tee', 'T-Shirt', "products_purchased(sku: 'TEE-01') AND NOT last_order_date > -8w", 'en');
  assert.equal(added.count, 1);
  assert.deepEqual([...r.evaluateRule("rfm_segment = 'new_customers' OR amount_spent < 50,00")], [1]);

  assert.deepEqual(wasm.parseRule('amount_spent > 500 AND abc = "A"').fields, ['amount_spent', 'abc']);
  try {
    wasm.parseRule('amount_spent AND number_of_orders > 3', 'en');
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof Error);
    assert.ok(e instanceof wasm.StammkundeError);
    assert.equal(e.name, 'StammkundeError');
    assert.equal(e.code, 'rule');
    assert.equal(e.column, 14);
    assert.equal(e.message, "at column 14: expected a comparison operator (=, !=, <, <=, >, >=) after 'amount_spent', found 'AND'");
  }
  assert.throws(() => wasm.parseRule('amount_spend > 5'), (e) => e.column === 1 && /meinten Sie 'amount_spent'/.test(e.message));
  assert.throws(() => r.addRule('x', '', 'p_alive < 0.3'), /p_alive needs CLV values|p_alive braucht CLV-Werte/);
  assert.ok(wasm.ruleFields().includes('days_since_last_order'));
});

test('CLV values from the CLV report plug in by customer key', () => {
  const r = wasm.computeSegments(orders, { asOf: '2026-11-01' });
  assert.equal(r.setClv([{ customer: 'anna', pAlive: 0.2, predictedClv: 12000, expectedOrders: 0.5 }, { customer: 'zoe', pAlive: 0.1 }]), 1);
  assert.deepEqual(r.memberKeys('likely_churned'), ['anna']);
  assert.deepEqual([...r.evaluateRule('predicted_clv > 100')], [0]);
  assert.equal(r.customer(0, 'en').pAlive, 0.2);
});

test('exportCsv: German and English, one segment with reasons, formula injection', () => {
  const r = wasm.computeSegments(
    [...orders, { id: '9', customer: '=HYPERLINK("http://x")', placed_at: at('2026-10-30'), total: 100, currency: 'EUR' }],
    { asOf: '2026-11-01' },
  );
  const de = r.exportCsv({ lang: 'de' });
  const lines = de.split('\r\n');
  assert.ok(lines[0].startsWith('\uFEFFKunde;Erste Bestellung;Letzte Bestellung;Bestellungen;Umsatz (EUR);'));
  assert.ok(lines[1].startsWith('anna;01.05.2026;30.06.2026;3;600,00;200,00;30,0;124;'), lines[1]);
  assert.ok(lines[3].startsWith('"\'=HYPERLINK(""http://x"")";'), lines[3]);
  const en = wasm.exportCsv(r, { lang: 'en', segment: 'sleepers' });
  const enLines = en.trim().split('\r\n');
  assert.ok(enLines[0].startsWith('customer,first_order,'));
  assert.ok(enLines[0].endsWith(',segments,reason'));
  assert.equal(enLines.length, 2);
  assert.ok(enLines[1].endsWith(',last order 124 days ago > 84'), enLines[1]);
  assert.ok(r.segmentsCsv({ lang: 'en' }).includes('\r\nsleepers,Sleepers (no order within 12 weeks),1,'));
  assert.throws(() => r.exportCsv({ segment: 'nope' }), /no segment 'nope'; segments are high_revenue/);
});

test('NPS overall and per segment from answers or CSV text', () => {
  const r = wasm.computeSegments(orders, { asOf: '2026-11-01' });
  const rep = r.nps([
    { customer: 'anna', score: 10, date: '2026-10-01' },
    { customer: 'ben', score: '3', date: new Date('2026-10-25T10:00:00Z') },
    { customer: 'ben', score: 11, date: '2026-10-26' },
  ]);
  assert.deepEqual(rep.overall, { responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 });
  assert.equal(rep.segments.find((s) => s.id === 'sleepers').nps.nps, 100);
  assert.equal(rep.errors[0].reason, '11 is out of range');
  const fromCsv = r.nps('Kunde;Bewertung;Datum\nanna;7;01.10.2026\n');
  assert.equal(fromCsv.overall.passives, 1);
});

test('bad calls throw Errors that say how to fix them', () => {
  assert.throws(() => wasm.computeSegments(orders, { asOf: 'morgen' }), /asOf 'morgen' is not a date; write '2026-11-01'/);
  assert.throws(() => wasm.computeSegments(orders, { vipShare: 2 }), /option vipShare: 2 is not a share between 0 and 1/);
  assert.throws(() => wasm.computeSegments(orders, { sleeperAfter: '8w' }), (e) => e.code === 'invalid_option' && e.field === 'sleeperAfter' && /unknown option 'sleeperAfter'; the options are .*sleepersAfter/.test(e.message));
  assert.throws(() => wasm.computeSegments({ customer: [0] }), /columnar orders need 'placedAt'/);
  assert.throws(() => wasm.computeSegments(42), /pass an array of canonical orders or columns/);
  assert.throws(
    () => wasm.computeSegments({ customer: [0, 1], placedAt: [0], total: [1, 2] }),
    /the columns differ in length: 2 customers, 1 timestamps, 2 totals/,
  );
  const r = wasm.computeSegments([{ id: '1', customer: 'a', placed_at: 0, total: 100, currency: 'EUR' }, { id: '2', total: 'x' }]);
  assert.equal(r.importReport().errors[0].row, 2);
});

test('computeSegmentsFromColumns reads OrderColumns without copying through JS', () => {
  const cols = wasm.demoColumns({ customers: 300, seed: 3, asOf: '2026-11-01' });
  const fromColumns = wasm.computeSegmentsFromColumns(cols, { asOf: '2026-11-01' });
  const fromOrders = wasm.computeSegments(cols.toOrders(), { asOf: '2026-11-01' });
  assert.ok(fromColumns.customerCount > 250);
  assert.equal(fromColumns.customerCount, fromOrders.customerCount);
  assert.equal(fromColumns.totalRevenue, fromOrders.totalRevenue);
  const counts = (r) => r.segments('en').map((s) => [s.id, s.count, s.revenue]);
  assert.deepEqual(counts(fromColumns), counts(fromOrders));
  // The same as plain typed arrays with the status column.
  const plain = wasm.computeSegments(
    {
      customer: cols.customers(),
      placedAt: cols.timestamps().map((ms) => Math.floor(ms / 1000)),
      total: cols.netTotals(),
      status: cols.status(),
    },
    { asOf: '2026-11-01' },
  );
  assert.deepEqual(counts(plain), counts(fromColumns));
  assert.equal(plain.importReport().cancelled, fromColumns.importReport().cancelled);
  assert.ok(plain.importReport().cancelled > 0);
  const keys = Array.from({ length: 400 }, (_, i) => `K${10001 + i}`);
  const named = wasm.computeSegmentsFromColumns(cols, { asOf: '2026-11-01' }, keys);
  assert.match(named.keys()[0], /^K100\d\d$/);
});
