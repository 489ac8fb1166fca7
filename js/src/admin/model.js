// The view model: from the engine's result to what the widgets render.
//
// The worker turns the engine's output into an `EngineResult` (see
// engine.js), keeps it, and sends the widgets only the small `Summary`
// built here plus the pages of members they ask for. Everything here is
// pure (no DOM, no wasm) so it runs in the worker and in Node's tests.
//
// EngineResult:
//   asOf          Unix seconds; currency: ISO code
//   import        { read, used, rejected, groups: [{ code, field, currency, base, count, example }],
//                   errors: [{ row, orderId, field, reason, fix }] (the first rows) }
//   customers     [{ key, orders, revenue (minor units), aov, firstOrder, lastOrder (s),
//                    daysSinceLast, r, f, m (1-5), rfmSegment, abc ('A'|'B'|'C'),
//                    segments: [id], clv, pAlive, expectedOrders (null without a CLV fit) }]
//   segments      [{ id, name: { de, en }, kind: 'rfm'|'builtin'|'custom'|'abc'|'clv',
//                    rule?, count, customerShare, revenueShare }]
//   abc           { a, b } class boundaries as cumulative revenue shares, e.g. 0.8, 0.95
//   clv           { ok: true, horizonMonths, model, params, warnings } | { ok: false, message }
//   nps           null | { overall: Nps, segments: [{ id, ...Nps }], errors, read }
//                 Nps = { answers, promoters, passives, detractors, score }

/** Largest number of points of the Pareto curve sent to the chart. */
export const CURVE_POINTS = 101;
/** Rows of the top-CLV table. */
export const TOP_CLV = 10;

/**
 * How the engine cut F (segments/rfm.rs `frequency_scores`): 'quintiles'
 * when the rank quintiles of the order counts use all five scores, else
 * 'orders' (F = order count, 5 for five or more) when that uses more scores.
 * `byOrders`: order count → customers.
 */
export function frequencyCut(byOrders, n) {
  if (!n) return 'quintiles';
  const counts = [...byOrders.keys()].sort((a, b) => a - b);
  const quintiles = new Set();
  const capped = new Set();
  let below = 0;
  for (const k of counts) {
    quintiles.add(Math.min(5, 1 + Math.floor((5 * below) / n)));
    capped.add(Math.min(5, Math.max(1, k)));
    below += byOrders.get(k);
  }
  return quintiles.size < 5 && capped.size > quintiles.size ? 'orders' : 'quintiles';
}

/**
 * What each RFM score covers for `n` customers given by index: days since
 * the last order per R, order counts per F, how F was cut (frequencyCut)
 * and the share of one-time buyers.
 */
export function rfmCuts(n, r, f, orders, daysSinceLast) {
  const range = () => Array.from({ length: 6 }, () => ({ min: Infinity, max: -Infinity, count: 0 }));
  const rDays = range();
  const fOrders = range();
  const byOrders = new Map();
  let once = 0;
  const widen = (list, score, v) => {
    const x = list[score];
    if (!x || !Number.isFinite(v)) return;
    if (v < x.min) x.min = v;
    if (v > x.max) x.max = v;
    x.count++;
  };
  for (let i = 0; i < n; i++) {
    const k = orders(i);
    if (k === 1) once++;
    byOrders.set(k, (byOrders.get(k) || 0) + 1);
    widen(rDays, r(i), daysSinceLast(i));
    widen(fOrders, f(i), k);
  }
  const cut = (list) => list.slice(1).map((x, i) => ({ score: i + 1, count: x.count, min: x.count ? x.min : null, max: x.count ? x.max : null }));
  return { r: cut(rDays), f: cut(fOrders), fMode: frequencyCut(byOrders, n), oneTimeShare: n ? once / n : 0 };
}

/** Counts, revenue and dominant RFM segment of every R×F cell, and what each score covers. */
export function rfmGrid(customers) {
  /** @type {{ r: number, f: number, count: number, revenue: number, segments?: Record<string, number>, segment?: string | null }[]} */
  const cells = [];
  for (let r = 5; r >= 1; r--) for (let f = 1; f <= 5; f++) cells.push({ r, f, count: 0, revenue: 0, segments: {} });
  const at = (r, f) => cells[(5 - r) * 5 + (f - 1)];
  for (const c of customers) {
    if (!(c.r >= 1 && c.r <= 5 && c.f >= 1 && c.f <= 5)) continue;
    const cell = at(c.r, c.f);
    cell.count++;
    cell.revenue += c.revenue;
    if (c.rfmSegment) cell.segments[c.rfmSegment] = (cell.segments[c.rfmSegment] || 0) + 1;
  }
  let max = 0;
  for (const cell of cells) {
    max = Math.max(max, cell.count);
    const top = Object.entries(cell.segments).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    cell.segment = top ? top[0] : null;
    delete cell.segments;
  }
  return {
    cells,
    max,
    cuts: rfmCuts(customers.length, (i) => customers[i].r, (i) => customers[i].f, (i) => customers[i].orders, (i) => customers[i].daysSinceLast),
  };
}

/**
 * The Pareto curve (customers sorted by revenue, highest first: share of
 * customers → cumulative share of revenue), downsampled to at most
 * CURVE_POINTS points, and the A/B/C summary from the engine's classes.
 */
export function abcView(customers, bounds = { a: 0.8, b: 0.95 }) {
  const revenues = customers.map((c) => Math.max(0, c.revenue)).sort((x, y) => y - x);
  const total = revenues.reduce((a, v) => a + v, 0);
  const n = revenues.length;
  const curve = paretoCurve(revenues, total);
  const classes = ['A', 'B', 'C'].map((cls) => {
    const members = customers.filter((c) => c.abc === cls);
    const revenue = members.reduce((a, c) => a + c.revenue, 0);
    return {
      cls,
      count: members.length,
      customerShare: n ? members.length / n : 0,
      revenue,
      revenueShare: total > 0 ? revenue / total : 0,
    };
  });
  // Where the classes meet on the x axis: the share of customers in A, and in A+B.
  const xA = classes[0].customerShare;
  const xB = xA + classes[1].customerShare;
  return { curve, classes, bounds, boundaries: [xA, xB], total };
}

/**
 * The Pareto curve of revenues sorted highest first (`total` their sum):
 * [share of customers, cumulative share of revenue] from [0, 0], at most
 * CURVE_POINTS points.
 */
export function paretoCurve(revenues, total) {
  const n = revenues.length;
  const curve = [[0, 0]];
  if (n && total > 0) {
    // Points after ceil(k * n / (CURVE_POINTS - 1)) customers, k = 1.., ending at n.
    const steps = Math.min(n, CURVE_POINTS - 1);
    let cum = 0;
    let k = 1;
    for (let i = 0; i < n; i++) {
      cum += revenues[i];
      if (i + 1 === Math.ceil((k * n) / steps)) {
        curve.push([(i + 1) / n, cum / total]);
        k++;
      }
    }
  }
  return curve;
}

/** A step of 1, 2 or 5 times a power of ten, near `raw`. */
export function niceStep(raw) {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** Value at quantile q (0..1) of sorted numbers. */
export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The next value of the 1-2-5 sequence (1, 2, 5, 10, 20, …) above `v`. */
export function next125(v) {
  const p = 10 ** Math.floor(Math.log10(v) + 1e-9);
  const m = v / p;
  return (m < 1.5 ? 2 : m < 3.5 ? 5 : 10) * p;
}

/**
 * Histogram of non-negative values (CLV in minor units) with bins whose
 * edges follow 1-2-5 steps (0, 1 €, 2 €, 5 €, 10 € …): customer values span
 * several orders of magnitude, and equal-width bins would put almost
 * everyone into the first bar. The first edge is the 1-2-5 value at or
 * below the 2nd percentile of the positive values (at least `min`).
 */
export function histogram(values, { min = 100 } = {}) {
  const sorted = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  if (!sorted.length) return { bins: [], count: 0 };
  const positive = sorted.filter((v) => v > 0);
  const max = sorted[sorted.length - 1];
  const low = Math.max(min, positive.length ? positive[Math.floor(0.02 * (positive.length - 1))] : min);
  const p = 10 ** Math.floor(Math.log10(low) + 1e-9);
  const lo = p * [1, 2, 5].filter((m) => m * p <= low * (1 + 1e-9)).pop();
  const edges = [0, lo];
  while (edges[edges.length - 1] <= max) edges.push(next125(edges[edges.length - 1]));
  const bins = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1], count: 0 }));
  let b = 0;
  for (const v of sorted) {
    while (v >= bins[b].to && b < bins.length - 1) b++;
    bins[b].count++;
  }
  return { bins, count: sorted.length };
}

/** CLV view: histogram, top customers, P(alive) bands, totals; or the reason there is none. */
export function clvView(customers, clv, { lowAlive = 0.3, highAlive = 0.7 } = {}) {
  if (!clv || !clv.ok) return { ok: false, message: (clv && clv.message) || 'no CLV result', ...(clv?.pending && { pending: true }), ...(clv?.cancelled && { cancelled: true }), ...(clv?.error && { error: clv.error }) };
  const withClv = customers.filter((c) => Number.isFinite(c.clv));
  const values = withClv.map((c) => c.clv);
  const sorted = [...values].sort((a, b) => a - b);
  const top = [...withClv].sort((a, b) => b.clv - a.clv || (a.key < b.key ? -1 : 1)).slice(0, TOP_CLV).map(memberRow);
  const bands = [
    { id: 'low', from: 0, to: lowAlive, count: 0 },
    { id: 'mid', from: lowAlive, to: highAlive, count: 0 },
    { id: 'high', from: highAlive, to: 1, count: 0 },
  ];
  // One-time buyers have P(alive) = 1 in BG/NBD (no repeat purchase, so no
  // sign of having dropped out): counted so the widget can say so.
  let oneTimeActive = 0;
  for (const c of withClv) {
    if (!Number.isFinite(c.pAlive)) continue;
    const band = c.pAlive < lowAlive ? 0 : c.pAlive < highAlive ? 1 : 2;
    bands[band].count++;
    if (band === 2 && c.orders === 1) oneTimeActive++;
  }
  return {
    ok: true,
    oneTimeActive,
    customers: withClv.length,
    total: values.reduce((a, v) => a + v, 0),
    mean: values.length ? values.reduce((a, v) => a + v, 0) / values.length : 0,
    median: quantile(sorted, 0.5),
    histogram: histogram(values),
    top,
    bands,
    horizonMonths: clv.horizonMonths,
    model: clv.model,
    params: clv.params,
    warnings: clv.warnings || [],
  };
}

/** The summary all widgets render from. */
export function summarize(result, options = {}) {
  const { customers, segments } = result;
  return {
    asOf: result.asOf,
    currency: result.currency,
    customers: customers.length,
    revenue: customers.reduce((a, c) => a + c.revenue, 0),
    import: {
      read: result.import.read,
      used: result.import.used,
      rejected: result.import.rejected,
      // The groups by cause count every rejected row; the first 500 rows
      // travel to the page, the panel says how many more.
      groups: result.import.groups || [],
      errors: result.import.errors.slice(0, 500),
    },
    segments: segments.map(({ id, name, kind, rule, count, customerShare, revenueShare }) => ({
      id,
      name,
      kind,
      rule: rule ?? null,
      count,
      customerShare,
      revenueShare,
    })),
    rfm: rfmGrid(customers),
    abc: abcView(customers, result.abc),
    clv: clvView(customers, result.clv, options),
    nps: result.nps ?? null,
  };
}

/** One member table row (plain values; the widget formats them). */
export function memberRow(c) {
  return {
    key: c.key,
    name: c.name ?? null,
    orders: c.orders,
    revenue: c.revenue,
    aov: c.aov,
    firstOrder: c.firstOrder,
    lastOrder: c.lastOrder,
    daysSinceLast: c.daysSinceLast,
    r: c.r,
    f: c.f,
    m: c.m,
    rfmSegment: c.rfmSegment,
    abc: c.abc,
    clv: c.clv ?? null,
    pAlive: c.pAlive ?? null,
    segments: c.segments,
  };
}

/** Sortable columns of the member table: key → how to compare. */
export const SORT_KEYS = ['key', 'orders', 'revenue', 'aov', 'firstOrder', 'lastOrder', 'daysSinceLast', 'rfmSegment', 'abc', 'clv', 'pAlive'];

/**
 * Selects customers: `segment` (id), `cell` ({ r, f }), `abc` ('A'),
 * `keys` (a Set of customer keys, e.g. the matches of a rule), `search`
 * (case-insensitive substring of key or name). All given criteria apply.
 * @param {any[]} customers
 * @param {{ segment?: string, cell?: { r: number, f: number }, abc?: string, keys?: Set<string>, search?: string }} [query]
 */
export function selectCustomers(customers, { segment, cell, abc, keys, search } = {}) {
  const needle = search ? String(search).toLowerCase() : '';
  return customers.filter(
    (c) =>
      (!segment || c.segments.includes(segment)) &&
      (!cell || (c.r === cell.r && c.f === cell.f)) &&
      (!abc || c.abc === abc) &&
      (!keys || keys.has(c.key)) &&
      (!needle || c.key.toLowerCase().includes(needle) || (c.name && c.name.toLowerCase().includes(needle))),
  );
}

/** Sorts a copy by a SORT_KEYS column; ties by customer key, missing values last. */
export function sortCustomers(list, sort = 'revenue', dir = 'desc') {
  const key = SORT_KEYS.includes(sort) ? sort : 'revenue';
  const sign = dir === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const xm = x === null || x === undefined;
    const ym = y === null || y === undefined;
    if (xm || ym) return xm === ym ? cmpKey(a, b) : xm ? 1 : -1;
    if (x < y) return -sign;
    if (x > y) return sign;
    return cmpKey(a, b);
  });
}

function cmpKey(a, b) {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** A page of members: `{ total, offset, rows }`. */
export function queryMembers(customers, query = {}) {
  const selected = sortCustomers(selectCustomers(customers, query), query.sort, query.dir);
  const limit = Math.max(1, Math.min(500, query.limit || 25));
  const offset = Math.max(0, Math.min(query.offset || 0, Math.max(0, selected.length - 1)));
  return { total: selected.length, offset, rows: selected.slice(offset, offset + limit).map(memberRow) };
}

/** Columns of the CSV export (header texts in the export language). */
export function exportColumns(format, currency = 'EUR', lang = format) {
  const de = lang !== 'en';
  const cur = currency || 'EUR';
  return [
    { key: 'key', header: de ? 'Kunde' : 'customer', type: 'text' },
    { key: 'orders', header: de ? 'Bestellungen' : 'orders', type: 'int' },
    { key: 'revenue', header: de ? `Umsatz (${cur})` : `revenue (${cur})`, type: 'money' },
    { key: 'aov', header: de ? `Durchschnittlicher Bestellwert (${cur})` : `average order value (${cur})`, type: 'money' },
    { key: 'firstOrder', header: de ? 'Erste Bestellung' : 'first order', type: 'date' },
    { key: 'lastOrder', header: de ? 'Letzte Bestellung' : 'last order', type: 'date' },
    { key: 'daysSinceLast', header: de ? 'Tage seit letzter Bestellung' : 'days since last order', type: 'int' },
    { key: 'r', header: 'R', type: 'int' },
    { key: 'f', header: 'F', type: 'int' },
    { key: 'm', header: 'M', type: 'int' },
    { key: 'rfmSegment', header: de ? 'RFM-Segment' : 'RFM segment', type: 'text' },
    { key: 'rfmName', header: de ? 'RFM-Segment (Name)' : 'RFM segment (name)', type: 'text' },
    { key: 'abc', header: 'ABC', type: 'text' },
    { key: 'clv', header: de ? `CLV (${cur})` : `CLV (${cur})`, type: 'money' },
    { key: 'pAlive', header: de ? 'P(aktiv)' : 'P(alive)', type: 'ratio' },
    { key: 'segments', header: de ? 'Segmente' : 'segments', type: 'text' },
    { key: 'segmentNames', header: de ? 'Segmente (Namen)' : 'segments (names)', type: 'text' },
  ];
}
