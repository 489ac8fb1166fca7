// The engine's segment result in the baseline's shape, and a comparison
// that lists the differences (empty when both agree).

/** Per-customer figures and segment counts of an engine SegmentResult. */
export function engineOutput(result, engine) {
  const cols = result.columns();
  const keys = result.keys();
  const rfmIds = engine.rfmSegments().map((s) => s.id);
  const customers = new Map();
  for (let i = 0; i < keys.length; i++) {
    customers.set(String(keys[i]), {
      orders: cols.orders[i],
      revenue: cols.revenue[i],
      firstDay: cols.firstOrderDay[i],
      lastDay: cols.lastOrderDay[i],
      medianGap: Number.isNaN(cols.medianGap[i]) ? null : cols.medianGap[i],
      recency: cols.recency[i],
      frequency: cols.frequency[i],
      monetary: cols.monetary[i],
      rfm: rfmIds[cols.rfm[i]],
      abc: 'ABC'[cols.abc[i]],
    });
  }
  const counts = {};
  for (const s of result.segments('en')) counts[s.id] = s.count;
  return { customers, counts, totalRevenue: result.totalRevenue };
}

/** Differences between two outputs (at most `limit`), as readable lines. */
export function compare(engine, baseline, limit = 10) {
  const diffs = [];
  const add = (line) => diffs.length < limit && diffs.push(line);
  if (engine.customers.size !== baseline.customers.size) {
    add(`customers: engine ${engine.customers.size}, baseline ${baseline.customers.size}`);
  }
  for (const [key, e] of engine.customers) {
    const b = baseline.customers.get(key);
    if (!b) {
      add(`customer ${key}: missing in the baseline`);
      continue;
    }
    for (const field of Object.keys(e)) {
      if (e[field] !== b[field]) add(`customer ${key} ${field}: engine ${e[field]}, baseline ${b[field]}`);
    }
  }
  for (const key of baseline.customers.keys()) {
    if (!engine.customers.has(key)) add(`customer ${key}: missing in the engine`);
  }
  for (const id of new Set([...Object.keys(engine.counts), ...Object.keys(baseline.counts)])) {
    if (engine.counts[id] !== baseline.counts[id]) add(`segment ${id}: engine ${engine.counts[id]}, baseline ${baseline.counts[id]}`);
  }
  if (engine.totalRevenue !== baseline.totalRevenue) add(`total revenue: engine ${engine.totalRevenue}, baseline ${baseline.totalRevenue}`);
  return diffs;
}
