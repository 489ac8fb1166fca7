// The baseline: the segment computation written the way a competent
// JavaScript developer would, with Maps, arrays and sort, and nothing
// clever. Same inputs as the engine (columns of the orders that count, or
// the JSON text of canonical orders) and the same outputs: per-customer
// figures, RFM scores and segments, ABC classes and the counts of the
// built-in, RFM and ABC segments. `make bench` checks its output equal to
// the engine's before timing both (tests/bench/equal.mjs).

const DAY = 86_400;

export const DEFAULTS = {
  asOf: undefined, // Unix seconds; required
  utcOffsetMinutes: 0,
  highRevenue: 50_000, // cents
  newWithinMonths: 1,
  frequentMoreThan: 3,
  sleepersAfterDays: 84, // 12 weeks
  churnMinOrders: 3,
  churnGapFactor: 2,
  vipShare: 0.1,
  abcA: 0.8,
  abcB: 0.15,
};

// R×F grid: rows R = 5..1, columns F = 1..5.
const GRID = [
  ['new_customers', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
  ['promising', 'potential_loyalists', 'potential_loyalists', 'loyal', 'loyal'],
  ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose_them'],
  ['lost', 'lost', 'at_risk', 'at_risk', 'cant_lose_them'],
];
export const RFM_SEGMENTS = ['champions', 'loyal', 'potential_loyalists', 'new_customers', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cant_lose_them', 'hibernating', 'lost'];
const BUILTINS = ['high_revenue', 'new_customers', 'frequent_buyers', 'sleepers', 'churn_warning', 'vip'];

const dayOf = (seconds, offsetMinutes) => Math.floor((seconds + offsetMinutes * 60) / DAY);

/** The day `months` calendar months before `day` (end of month if shorter). */
function monthsBefore(day, months) {
  const d = new Date(day * DAY * 1000);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth() - months;
  y += Math.floor(m / 12);
  m = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 1000 / DAY;
}

function addOrder(customers, key, day, net) {
  let c = customers.get(key);
  if (!c) {
    c = { key, orders: 0, revenue: 0, firstDay: Infinity, lastDay: -Infinity, days: [] };
    customers.set(key, c);
  }
  c.orders += 1;
  c.revenue += net;
  c.firstDay = Math.min(c.firstDay, day);
  c.lastDay = Math.max(c.lastDay, day);
  c.days.push(day);
}

/** From columns: `customer` index, `placedAt` Unix seconds, `total` net cents. */
export function fromColumns({ customer, placedAt, total }, options) {
  const o = { ...DEFAULTS, ...options };
  const asOfDay = dayOf(o.asOf, o.utcOffsetMinutes);
  const customers = new Map();
  for (let i = 0; i < customer.length; i++) {
    const day = dayOf(placedAt[i], o.utcOffsetMinutes);
    if (day <= asOfDay) addOrder(customers, customer[i], day, total[i]);
  }
  return segment([...customers.values()], o, asOfDay);
}

/**
 * From the JSON text of canonical orders: cancelled and refunded orders
 * are left out, partial refunds subtracted, repeated order ids count once
 * (`dedupe: false` skips that check, for a baseline without it: on input
 * without repeated ids the result is the same).
 */
export function fromJson(text, options, { dedupe = true } = {}) {
  const o = { ...DEFAULTS, ...options };
  const asOfDay = dayOf(o.asOf, o.utcOffsetMinutes);
  const parsed = JSON.parse(text);
  const orders = Array.isArray(parsed) ? parsed : parsed.orders;
  const seen = new Set();
  const customers = new Map();
  for (const order of orders) {
    if (dedupe) {
      if (seen.has(order.id)) continue;
      seen.add(order.id);
    }
    const kind = order.status ? order.status.kind : 'completed';
    if (kind === 'cancelled' || kind === 'refunded') continue;
    const net = kind === 'partially_refunded' ? order.total - order.status.amount : order.total;
    const day = dayOf(order.placed_at, o.utcOffsetMinutes);
    if (day <= asOfDay) addOrder(customers, order.customer, day, net);
  }
  return segment([...customers.values()], o, asOfDay);
}

/** Median of the gaps between distinct order days; null with fewer than two. */
function medianGap(days) {
  const distinct = [...new Set(days)].sort((a, b) => a - b);
  if (distinct.length < 2) return null;
  const gaps = distinct.slice(1).map((d, i) => d - distinct[i]).sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/** Quintile scores 1–5: 1 + ⌊5·(customers with a strictly worse value) / N⌋. */
function quintiles(list, value, field) {
  const sorted = list.map(value).sort((a, b) => a - b);
  for (const c of list) {
    const v = value(c);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    c[field] = Math.min(5, 1 + Math.floor((5 * lo) / list.length));
  }
}

function segment(list, o, asOfDay) {
  for (const c of list) c.medianGap = medianGap(c.days);
  quintiles(list, (c) => c.lastDay, 'recency');
  quintiles(list, (c) => c.orders, 'frequency');
  quintiles(list, (c) => c.revenue, 'monetary');
  for (const c of list) c.rfm = GRID[5 - c.recency][c.frequency - 1];

  // ABC by the share of revenue of the customers ranked above; equal
  // revenue shares the rank and the class.
  const ranked = [...list].sort((a, b) => b.revenue - a.revenue);
  const totalRevenue = ranked.reduce((s, c) => s + Math.max(c.revenue, 0), 0);
  let cum = 0;
  let groupValue;
  let groupRank = 0;
  let groupCum = 0;
  ranked.forEach((c, pos) => {
    if (c.revenue !== groupValue) {
      groupValue = c.revenue;
      groupRank = pos;
      groupCum = cum;
    }
    c.rank = groupRank;
    const share = totalRevenue > 0 ? groupCum / totalRevenue : 0;
    if (c.revenue <= 0) c.abc = 'C';
    else if (share < o.abcA - 1e-9) c.abc = 'A';
    else if (share < o.abcA + o.abcB - 1e-9) c.abc = 'B';
    else c.abc = 'C';
    cum += Math.max(c.revenue, 0);
  });

  const newCut = monthsBefore(asOfDay, o.newWithinMonths);
  const sleepCut = asOfDay - o.sleepersAfterDays;
  const vipTop = Math.max(0, Math.ceil(o.vipShare * list.length - 1e-9));
  const members = {
    high_revenue: list.filter((c) => c.revenue > o.highRevenue),
    new_customers: list.filter((c) => c.firstDay >= newCut),
    frequent_buyers: list.filter((c) => c.orders > o.frequentMoreThan),
    sleepers: list.filter((c) => c.lastDay < sleepCut),
    churn_warning: list.filter((c) => c.orders >= o.churnMinOrders && c.medianGap !== null && asOfDay - c.lastDay > o.churnGapFactor * c.medianGap),
    vip: list.filter((c) => c.revenue > 0 && c.rank < vipTop),
  };
  const counts = {};
  for (const id of BUILTINS) counts[id] = members[id].length;
  for (const id of RFM_SEGMENTS) counts[`rfm:${id}`] = list.filter((c) => c.rfm === id).length;
  for (const k of ['A', 'B', 'C']) counts[`abc:${k}`] = list.filter((c) => c.abc === k).length;

  const customers = new Map();
  for (const c of list) {
    customers.set(String(c.key), {
      orders: c.orders,
      revenue: c.revenue,
      firstDay: c.firstDay,
      lastDay: c.lastDay,
      medianGap: c.medianGap,
      recency: c.recency,
      frequency: c.frequency,
      monetary: c.monetary,
      rfm: c.rfm,
      abc: c.abc,
    });
  }
  return { customers, counts, totalRevenue };
}
