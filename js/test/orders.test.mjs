// Orders in through the ESM package, as a frontend developer calls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkgDir = new URL('../../dist/pkg/', import.meta.url);
const wasm = await import(new URL('stammkunde.js', pkgDir));
wasm.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkgDir)) });
const fixture = (name) => readFileSync(new URL(`../../tests/fixtures/orders/${name}`, import.meta.url), 'utf8');

test('readOrders reads the German CSV fixture with its bad rows', () => {
  const result = wasm.readOrders('csv', fixture('bestellungen_de.csv'));
  assert.deepEqual([result.read, result.used, result.rejected], [11, 6, 5]);
  const first = result.orders[0];
  assert.equal(first.total, 123456);
  assert.equal(first.placed_at, Date.UTC(2026, 2, 13, 15, 9) / 1000);
  assert.deepEqual(first.status, { kind: 'completed' });
  assert.equal(first.items[1].name, 'Handmühle; Keramik');
  assert.deepEqual(result.orders[3].status, { kind: 'partially_refunded', amount: 1990 });
  assert.deepEqual(result.errors[0], {
    row: 8,
    orderId: '10005',
    field: 'Bestelldatum',
    reason: "'31.02.2026' is not a date",
    fix: 'write dates as dd.mm.yyyy (optionally with hh:mm) or yyyy-mm-dd',
    code: 'bad_date',
  });
});

test('readOrders takes parsed API responses and converts currencies with rates', () => {
  const body = JSON.parse(fixture('shopify_rest.json'));
  const without = wasm.readOrders('shopify', body);
  assert.equal(without.errors.at(-1).field, 'currency');
  assert.match(without.errors.at(-1).fix, /rates: \{ "CHF"/);
  const withRate = wasm.readOrders('shopify', body, { rates: { CHF: 1.05 } });
  assert.equal(withRate.used, 6);
  assert.equal(withRate.orders.at(-1).total, 10500);
  const graphql = wasm.readOrders('shopify-graphql', fixture('shopify_graphql.json'));
  assert.deepEqual(graphql.orders.map((o) => o.customer), ['207119551', 'gast.kunde@example.de', '207119551', '207119552', '207119552']);
});

test('unusable calls throw Errors that say how to fix them', () => {
  assert.throws(() => wasm.readOrders('xml', ''), { code: 'unknown_format', message: /unknown format 'xml'; use one of: shopify/ });
  assert.throws(() => wasm.readOrders('csv', 'a;b\n1;2\n', { rate: {} }), { code: 'invalid_option', message: /unknown option 'rate'/ });
  assert.throws(() => wasm.readOrders('shopware', '{"data": 1}'), (e) => {
    assert.ok(e instanceof wasm.StammkundeError);
    assert.equal(e.code, 'invalid_input');
    assert.equal(e.field, 'input');
    assert.match(e.fix, /POST \/api\/search\/order/);
    return true;
  });
  assert.throws(() => wasm.readOrders('csv', 'x;y\n1;2\n', { rates: { CHF: -1 } }), /rates\.CHF/);
  assert.throws(() => wasm.readColumns(new Uint32Array(2), new Float64Array(1), new Float64Array(2)), /timestamps has 1 entries/);
});

test('readColumns reads typed arrays in major units or cents', () => {
  const customers = new Uint32Array([0, 0, 1, 2]);
  const timestamps = new Float64Array([Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1), NaN, Date.UTC(2026, 2, 1)]);
  const status = new Uint8Array([0, 3, 0, 1]);
  const refunds = new Float64Array([0, 5, 0, 0]);
  const cols = wasm.readColumns(customers, timestamps, new Float64Array([49.9, 20, 1, 10]), { status, refunds });
  assert.deepEqual([cols.read, cols.used, cols.rejected], [4, 3, 1]);
  assert.deepEqual([...cols.netTotals()], [4990, 1500, 0]);
  assert.deepEqual([...cols.timestamps()], [Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1)]);
  assert.equal(cols.errors[0].row, 3);
  const inCents = wasm.readColumns(customers.subarray(0, 1), timestamps.subarray(0, 1), new Float64Array([4990]), { cents: true });
  assert.deepEqual([...inCents.totals()], [4990]);
  assert.deepEqual(inCents.toOrders(['K-1']).map((o) => [o.customer, o.total]), [['K-1', 4990]]);
});

test('demo data is deterministic and round-trips through the German CSV', () => {
  const options = { customers: 100, seed: 7, asOf: '2026-11-01' };
  const orders = wasm.demoOrders(options);
  assert.deepEqual(wasm.demoOrders(options), orders);
  assert.ok(orders.every((o) => o.placed_at < Date.UTC(2026, 10, 1) / 1000));
  const csv = wasm.ordersToCsv(orders);
  assert.equal(csv, wasm.demoCsv(options));
  assert.ok(csv.startsWith('\uFEFFBestellnummer;Datum;Kundennummer;Betrag'));
  assert.deepEqual(wasm.readOrders('csv', csv).orders, orders);
  assert.equal(wasm.demoColumns(options).used, orders.length);
  assert.throws(() => wasm.demoOrders({ customers: -1 }), /customers must be a whole number/);
});

test('the committed demo admin CSV reads without errors', () => {
  const csv = readFileSync(new URL('../../www/admin/demo-orders.csv', import.meta.url), 'utf8');
  const result = wasm.readOrders('csv', csv);
  assert.equal(result.rejected, 0);
  assert.equal(new Set(result.orders.map((o) => o.customer)).size, 2000);
});

test('the type definitions describe the order shapes', () => {
  const dts = readFileSync(new URL('stammkunde.d.ts', pkgDir), 'utf8');
  assert.match(dts, /export type OrderImport = \{/);
  assert.match(dts, /export function readOrders\(format: OrderFormat, input: string \| Uint8Array \| object, options\?: ReadOrdersOptions\): OrderImport;/);
  assert.match(dts, /export function demoOrders\(options\?: DemoOptions\): Order\[\];/);
});
