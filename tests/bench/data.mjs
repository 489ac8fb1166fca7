// Segment benchmark inputs: the columns of the orders that count (what a
// JS caller passes to computeSegments) and the JSON text of canonical
// orders, from the demo generator's columns or from the files the native
// run writes (target/bench/data/segments-<n>.bin, see native/segments.rs).

const COMPLETED = 0;
const CANCELLED = 1;
const REFUNDED = 2;
const PARTIALLY_REFUNDED = 3;

/** Columns from `demoColumns()` (an OrderColumns handle). */
export function demoInput(demo) {
  const customers = demo.customers();
  const ms = demo.timestamps();
  const totals = demo.totals();
  const net = demo.netTotals();
  const status = demo.status();
  const keep = [];
  for (let i = 0; i < customers.length; i++) if (status[i] === COMPLETED || status[i] === PARTIALLY_REFUNDED) keep.push(i);
  const columns = {
    customer: Uint32Array.from(keep, (i) => customers[i]),
    placedAt: Float64Array.from(keep, (i) => ms[i] / 1000),
    total: Float64Array.from(keep, (i) => net[i]),
  };
  const orders = [];
  for (let i = 0; i < customers.length; i++) {
    const o = { id: String(100_001 + i), customer: `K-${10_001 + customers[i]}`, placed_at: ms[i] / 1000, total: totals[i], currency: 'EUR' };
    if (status[i] === CANCELLED) o.status = { kind: 'cancelled' };
    else if (status[i] === REFUNDED) o.status = { kind: 'refunded' };
    else if (status[i] === PARTIALLY_REFUNDED) o.status = { kind: 'partially_refunded', amount: totals[i] - net[i] };
    orders.push(o);
  }
  return { columns, json: JSON.stringify(orders) };
}

/** Columns from a segments-<n>.bin file. */
export function readColumns(buffer) {
  const n = new DataView(buffer).getUint32(0, true);
  return {
    placedAt: new Float64Array(buffer, 8, n),
    total: new Float64Array(buffer, 8 + 8 * n, n),
    customer: new Uint32Array(buffer, 8 + 16 * n, n),
  };
}
