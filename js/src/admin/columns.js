// The view model on typed columns: what the widgets render, computed from
// the engine's per-customer columns (one typed array per figure) without
// one JS object per customer. Rows are built only for the customers a page
// shows or an export writes. Pure (no DOM, no wasm): the engine hands in
// the columns and two functions, `key(i)` and `members(id)`.
//
// ColumnResult (besides asOf, currency, import, segments, abc, clv, nps as
// in model.js):
//   columns  { n, orders, revenue, firstOrderDay, lastOrderDay, daysSinceLast,
//              medianGap, r, f, m, rfm, abc, clv?, pAlive?, expectedOrders? }
//   rfmIds   RFM segment id by code of the `rfm` column
//   keys()   every customer key by index (fetched once, on first need)
//   key(i)   one customer's key (optional; without fetching them all)
//   members(id) → Uint32Array of the customer indices in segment `id`

import { TOP_CLV, histogram, paretoCurve, quantile, rfmCuts } from './model.js';

const DAY = 86_400;
const ABC = ['A', 'B', 'C'];

/** Counts, revenue and dominant RFM segment of every R×F cell. */
export function rfmGridColumns(cols, rfmIds) {
  const counts = new Float64Array(25);
  const revenue = new Float64Array(25);
  const bySegment = new Uint32Array(25 * rfmIds.length);
  const { r, f, rfm } = cols;
  for (let i = 0; i < cols.n; i++) {
    const ri = r[i];
    const fi = f[i];
    if (!(ri >= 1 && ri <= 5 && fi >= 1 && fi <= 5)) continue;
    const at = (5 - ri) * 5 + (fi - 1);
    counts[at]++;
    revenue[at] += cols.revenue[i];
    if (rfm[i] < rfmIds.length) bySegment[at * rfmIds.length + rfm[i]]++;
  }
  const cuts = rfmCuts(cols.n, (i) => r[i], (i) => f[i], (i) => cols.orders[i], (i) => cols.daysSinceLast[i]);
  const cells = [];
  let max = 0;
  for (let rr = 5; rr >= 1; rr--) {
    for (let ff = 1; ff <= 5; ff++) {
      const at = (5 - rr) * 5 + (ff - 1);
      let best = -1;
      for (let s = 0; s < rfmIds.length; s++) {
        const c = bySegment[at * rfmIds.length + s];
        if (c > 0 && (best < 0 || c > bySegment[at * rfmIds.length + best] || (c === bySegment[at * rfmIds.length + best] && rfmIds[s] < rfmIds[best]))) best = s;
      }
      max = Math.max(max, counts[at]);
      cells.push({ r: rr, f: ff, count: counts[at], revenue: revenue[at], segment: best >= 0 ? rfmIds[best] : null });
    }
  }
  return { cells, max, cuts };
}

/** The Pareto curve and the A/B/C summary (as model.js abcView). */
export function abcViewColumns(cols, bounds = { a: 0.8, b: 0.95 }) {
  const n = cols.n;
  const revenues = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    revenues[i] = Math.max(0, cols.revenue[i]);
    total += revenues[i];
  }
  revenues.sort().reverse();
  const curve = paretoCurve(revenues, total);
  const count = [0, 0, 0];
  const rev = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const c = cols.abc[i];
    if (c < 3) {
      count[c]++;
      rev[c] += cols.revenue[i];
    }
  }
  const classes = ABC.map((cls, c) => ({
    cls,
    count: count[c],
    customerShare: n ? count[c] / n : 0,
    revenue: rev[c],
    revenueShare: total > 0 ? rev[c] / total : 0,
  }));
  const xA = classes[0].customerShare;
  const xB = xA + classes[1].customerShare;
  return { curve, classes, bounds, boundaries: [xA, xB], total };
}

/** One member table row for customer `i`. */
export function rowAt(result, i) {
  const c = result.columns;
  const orders = c.orders[i];
  const revenue = c.revenue[i];
  const num = (col) => (col && Number.isFinite(col[i]) ? col[i] : null);
  return {
    key: result.key ? result.key(i) : result.keys()[i],
    name: null,
    orders,
    revenue,
    aov: orders ? revenue / orders : 0,
    firstOrder: c.firstOrderDay[i] * DAY,
    lastOrder: c.lastOrderDay[i] * DAY,
    daysSinceLast: c.daysSinceLast[i],
    r: c.r[i],
    f: c.f[i],
    m: c.m[i],
    rfmSegment: result.rfmIds[c.rfm[i]] ?? null,
    abc: ABC[c.abc[i]] ?? null,
    clv: num(c.clv),
    pAlive: num(c.pAlive),
    segments: segmentsOf(result, i),
  };
}

/** The ids of the segments customer `i` belongs to (binary search in each member list). */
function segmentsOf(result, i) {
  const out = [];
  for (const s of result.segments) {
    const m = result.members(s.id);
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (m[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    if (lo < m.length && m[lo] === i) out.push(s.id);
  }
  return out;
}

/** CLV view (as model.js clvView), from the clv and pAlive columns. */
export function clvViewColumns(result, { lowAlive = 0.3, highAlive = 0.7 } = {}) {
  const clv = result.clv;
  if (!clv || !clv.ok) return { ok: false, pending: !!(clv && clv.pending), cancelled: !!(clv && clv.cancelled), error: (clv && clv.error) || null, message: (clv && clv.message) || 'no CLV result' };
  const cols = result.columns;
  const values = [];
  const bands = [
    { id: 'low', from: 0, to: lowAlive, count: 0 },
    { id: 'mid', from: lowAlive, to: highAlive, count: 0 },
    { id: 'high', from: highAlive, to: 1, count: 0 },
  ];
  // the TOP_CLV highest, ties by key (keys are read only for ties at the border)
  const top = [];
  let total = 0;
  for (let i = 0; i < cols.n; i++) {
    const v = cols.clv[i];
    if (!Number.isFinite(v)) continue;
    values.push(v);
    total += v;
    const p = cols.pAlive[i];
    if (Number.isFinite(p)) bands[p < lowAlive ? 0 : p < highAlive ? 1 : 2].count++;
    if (top.length < TOP_CLV || v >= cols.clv[top[top.length - 1]]) {
      top.push(i);
      top.sort((a, b) => cols.clv[b] - cols.clv[a] || a - b);
      if (top.length > TOP_CLV * 4) top.length = TOP_CLV * 4;
    }
  }
  // ties by key, as model.js; keys are fetched only when there are ties
  const tied = top.some((x, k) => k > 0 && cols.clv[x] === cols.clv[top[k - 1]]);
  const keyOf = tied ? (result.key || ((i) => result.keys()[i])) : null;
  if (tied) top.sort((a, b) => cols.clv[b] - cols.clv[a] || (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const sorted = Float64Array.from(values).sort();
  return {
    ok: true,
    customers: values.length,
    total,
    mean: values.length ? total / values.length : 0,
    median: quantile(sorted, 0.5),
    histogram: histogram(values),
    top: top.slice(0, TOP_CLV).map((i) => rowAt(result, i)),
    bands,
    horizonMonths: clv.horizonMonths,
    model: clv.model,
    params: clv.params,
    warnings: clv.warnings || [],
  };
}

/** The summary all widgets render from (as model.js summarize). */
export function summarizeColumns(result, options = {}) {
  const cols = result.columns;
  let revenue = 0;
  for (let i = 0; i < cols.n; i++) revenue += cols.revenue[i];
  return {
    asOf: result.asOf,
    currency: result.currency,
    customers: cols.n,
    revenue,
    import: {
      read: result.import.read,
      used: result.import.used,
      rejected: result.import.rejected,
      // The groups by cause count every rejected row; the first 500 rows
      // are listed one by one.
      groups: result.import.groups || [],
      errors: result.import.errors.slice(0, 500),
    },
    segments: result.segments.map(({ id, name, kind, rule, count, customerShare, revenueShare }) => ({ id, name, kind, rule: rule ?? null, count, customerShare, revenueShare })),
    rfm: rfmGridColumns(cols, result.rfmIds),
    abc: abcViewColumns(cols, result.abc),
    clv: clvViewColumns(result, options),
    nps: result.nps ?? null,
  };
}

const SORT_COLUMNS = {
  orders: 'orders',
  revenue: 'revenue',
  firstOrder: 'firstOrderDay',
  lastOrder: 'lastOrderDay',
  daysSinceLast: 'daysSinceLast',
  clv: 'clv',
  pAlive: 'pAlive',
};

/**
 * The customer indices matching a query (segment, cell, class, rule
 * matches as `indices`, search), sorted like model.js sortCustomers.
 * @param {any} result a ColumnResult
 * @param {{ segment?: string, cell?: { r: number, f: number }, abc?: string, indices?: Iterable<number>, search?: string, sort?: string, dir?: string }} [query]
 * @returns {number[]}
 */
export function selectIndices(result, { segment, cell, abc, indices, search, sort = 'revenue', dir = 'desc' } = {}) {
  const cols = result.columns;
  let list = segment ? Uint32Array.from(result.members(segment)) : null;
  const keep = (fn) => {
    if (!list) {
      const out = [];
      for (let i = 0; i < cols.n; i++) if (fn(i)) out.push(i);
      list = Uint32Array.from(out);
    } else list = list.filter(fn);
  };
  if (indices) {
    const set = new Uint8Array(cols.n);
    for (const i of indices) if (i < cols.n) set[i] = 1;
    keep((i) => set[i] === 1);
  }
  if (cell) keep((i) => cols.r[i] === cell.r && cols.f[i] === cell.f);
  if (abc) {
    const code = ABC.indexOf(abc);
    keep((i) => cols.abc[i] === code);
  }
  if (search) {
    const needle = String(search).toLowerCase();
    const keys = result.keys();
    keep((i) => keys[i].toLowerCase().includes(needle));
  }
  if (!list) {
    list = new Uint32Array(cols.n);
    for (let i = 0; i < cols.n; i++) list[i] = i;
  }
  return sortIndices(result, list, sort, dir);
}

function sortIndices(result, list, sort, dir) {
  const cols = result.columns;
  const keys = result.keys();
  const byKey = (a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0);
  const sign = dir === 'asc' ? 1 : -1;
  const arr = Array.from(list);
  let value;
  if (sort === 'key') value = null;
  else if (sort === 'aov') value = (i) => (cols.orders[i] ? cols.revenue[i] / cols.orders[i] : 0);
  else if (sort === 'rfmSegment') value = (i) => result.rfmIds[cols.rfm[i]] ?? null;
  else if (sort === 'abc') value = (i) => ABC[cols.abc[i]] ?? null;
  else {
    const col = cols[SORT_COLUMNS[sort] || 'revenue'];
    value = col ? (i) => (Number.isFinite(col[i]) ? col[i] : null) : () => null;
  }
  if (!value) return arr.sort((a, b) => sign * byKey(a, b) || byKey(a, b));
  arr.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const xm = x === null;
    const ym = y === null;
    if (xm || ym) return xm === ym ? byKey(a, b) : xm ? 1 : -1;
    if (x < y) return -sign;
    if (x > y) return sign;
    return byKey(a, b);
  });
  return arr;
}

/** A page of members: `{ total, offset, rows }` (as model.js queryMembers). */
export function queryMembersColumns(result, query = {}) {
  const selected = selectIndices(result, query);
  const limit = Math.max(1, Math.min(500, query.limit || 25));
  const offset = Math.max(0, Math.min(query.offset || 0, Math.max(0, selected.length - 1)));
  return { total: selected.length, offset, rows: selected.slice(offset, offset + limit).map((i) => rowAt(result, i)) };
}
