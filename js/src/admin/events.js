// The storefront's event log and the popup performance computed from it.
//
// The log is a JSON array of events:
//
//   { "type": "show" | "close" | "convert" | "order",
//     "kind": "voucher" | "service" | "newsletter",   // not needed for order
//     "holdout": false,        // show: true when the visitor is in the holdout
//     "visitor": "v-3f9a…",    // the storefront's random visitor id
//     "ts": 1793500000000,     // Unix milliseconds (seconds and ISO strings are accepted)
//     "value": 4990 }          // order: order value in minor units (optional)
//
// `show` with `holdout: true` means the popup was decided but not shown (the
// control group). `close` is a dismissal, `convert` an action in the popup
// (copy code, call, chat, subscribe), `order` an order placed by the visitor
// (recorded on the order-confirmation page).
//
// Uplift compares visitors, not events: of the visitors who were shown a
// popup of a kind, the share who ordered within the attribution window after
// the first show, against the same share among holdout visitors of that kind.

import { uplift } from './stats.js';

export const KINDS = ['voucher', 'service', 'newsletter'];
const TYPES = new Set(['show', 'close', 'convert', 'order']);
const DAY_MS = 86_400_000;

/** Milliseconds since the epoch from ms, seconds or an ISO string; NaN if none. */
export function toMillis(ts) {
  if (typeof ts === 'number') return Number.isFinite(ts) ? (Math.abs(ts) < 1e11 ? ts * 1000 : ts) : NaN;
  if (typeof ts === 'string' && ts.trim()) {
    const n = Number(ts);
    if (Number.isFinite(n)) return toMillis(n);
    return Date.parse(ts);
  }
  return NaN;
}

/**
 * Checks every event; returns `{ events, errors }` with the usable events
 * (ts in ms) and one `{ row, field, reason, fix, code }` per rejected event
 * (row is 1-based).
 */
export function readEvents(log) {
  const events = [];
  const errors = [];
  if (!Array.isArray(log)) {
    errors.push({ row: null, field: 'log', reason: 'the event log is not a JSON array', fix: 'pass an array of events, e.g. [{"type":"show",…}]', code: 'not_events' });
    return { events, errors };
  }
  log.forEach((e, i) => {
    const row = i + 1;
    // `code`: the cause, which the admin's texts in German and English are chosen by
    const bad = (field, reason, fix, code) => errors.push({ row, field, reason, fix, code });
    if (!e || typeof e !== 'object') return bad('event', 'not an object', 'write each event as {"type":…, "visitor":…, "ts":…}', 'bad_event');
    if (!TYPES.has(e.type)) return bad('type', `unknown type ${JSON.stringify(e.type)}`, 'use show, close, convert or order', 'bad_event_type');
    if (typeof e.visitor !== 'string' || !e.visitor) return bad('visitor', 'missing visitor id', 'record the storefront visitor id', 'missing_visitor');
    const ts = toMillis(e.ts);
    if (!Number.isFinite(ts)) return bad('ts', `${JSON.stringify(e.ts)} is not a time`, 'use Unix milliseconds (Date.now())', 'bad_event_time');
    if (e.type !== 'order' && !KINDS.includes(e.kind)) {
      return bad('kind', `unknown popup kind ${JSON.stringify(e.kind)}`, 'use voucher, service or newsletter', 'bad_popup_kind');
    }
    let value = null;
    if (e.type === 'order' && e.value !== undefined && e.value !== null) {
      value = Number(e.value);
      if (!Number.isFinite(value) || value < 0) return bad('value', `${JSON.stringify(e.value)} is not an order value`, 'give the order value in minor units (cents), e.g. 4990', 'bad_event_value');
    }
    events.push({ type: e.type, kind: e.kind ?? null, holdout: e.holdout === true, visitor: e.visitor, ts, value });
  });
  return { events, errors };
}

/**
 * Popup performance per kind and in total:
 * `{ rows: [{ kind, shown, holdout, converted, dismissed, conversionRate,
 *   dismissRate, treated: {visitors, ordered, revenue}, control: {…},
 *   uplift }], from, to, errors, attributionDays }`.
 */
export function campaignStats(log, { attributionDays = 7 } = {}) {
  const { events, errors } = readEvents(log);
  const windowMs = attributionDays * DAY_MS;
  const orders = new Map(); // visitor -> [{ts, value}]
  let from = Infinity;
  let to = -Infinity;
  for (const e of events) {
    from = Math.min(from, e.ts);
    to = Math.max(to, e.ts);
    if (e.type === 'order') {
      if (!orders.has(e.visitor)) orders.set(e.visitor, []);
      orders.get(e.visitor).push(e);
    }
  }
  const rows = [...KINDS, 'all'].map((kind) => kindRow(kind, events, orders, windowMs));
  return {
    rows,
    errors,
    events: events.length,
    from: Number.isFinite(from) ? from : null,
    to: Number.isFinite(to) ? to : null,
    attributionDays,
  };
}

/** One row; kind `all` pools the kinds, counting each visitor once. */
function kindRow(kind, events, orders, windowMs) {
  const row = blank(kind);
  const firstShow = [new Map(), new Map()]; // treated, control: visitor -> ts
  for (const e of events) {
    if (e.type === 'order' || (kind !== 'all' && e.kind !== kind)) continue;
    if (e.type === 'show') {
      const group = firstShow[e.holdout ? 1 : 0];
      if (e.holdout) row.holdout++;
      else row.shown++;
      if (!group.has(e.visitor) || group.get(e.visitor) > e.ts) group.set(e.visitor, e.ts);
    } else if (e.type === 'convert') row.converted++;
    else if (e.type === 'close') row.dismissed++;
  }
  attribute(row.treated, firstShow[0], orders, windowMs);
  attribute(row.control, firstShow[1], orders, windowMs);
  finish(row);
  return row;
}

function blank(kind) {
  return {
    kind,
    shown: 0,
    holdout: 0,
    converted: 0,
    dismissed: 0,
    treated: { visitors: 0, ordered: 0, revenue: 0 },
    control: { visitors: 0, ordered: 0, revenue: 0 },
  };
}

/** Counts the visitors of a group who ordered within the window after their first show. */
function attribute(group, firstShow, orders, windowMs) {
  for (const [visitor, ts] of firstShow) {
    group.visitors++;
    const hits = (orders.get(visitor) || []).filter((o) => o.ts >= ts && o.ts <= ts + windowMs);
    if (hits.length) {
      group.ordered++;
      group.revenue += hits.reduce((a, o) => a + (o.value || 0), 0);
    }
  }
}

function finish(row) {
  row.conversionRate = row.shown ? row.converted / row.shown : null;
  row.dismissRate = row.shown ? row.dismissed / row.shown : null;
  row.treated.rate = row.treated.visitors ? row.treated.ordered / row.treated.visitors : null;
  row.control.rate = row.control.visitors ? row.control.ordered / row.control.visitors : null;
  row.uplift = uplift(row.treated.ordered, row.treated.visitors, row.control.ordered, row.control.visitors);
}
