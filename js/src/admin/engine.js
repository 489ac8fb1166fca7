// The engine as the worker uses it: reads orders into wasm memory
// (loadOrders), computes segments (computeSegmentsFromLoaded, a handle on
// results in wasm memory) and CLV (computeClvFromLoaded, fed back with setClv
// so `likely_churned` and the CLV rule fields work), and the NPS
// (result.nps). Turns their output into the EngineResult of model.js.

const DAY = 86_400;
const ABC = ['A', 'B', 'C'];

/** 'YYYY-MM-DD' of Unix seconds (UTC). */
function isoDay(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** A row error of the engine in the shape the widgets show. */
function rowError(e) {
  return { row: e.row ?? null, orderId: e.orderId ?? null, field: e.field ?? '', reason: e.reason ?? '', fix: e.fix ?? '' };
}

/** The format of text without a `format`: JSON if it looks like JSON, else CSV. */
function guessFormat(text) {
  return /^\s*[[{]/.test(text.slice(0, 64)) ? 'canonical' : 'csv';
}

/** computeSegments options from the widgets' options (source.js readOptions). */
export function segmentOptions(options, asOf) {
  const t = options.thresholds || {};
  const o = { asOf };
  if (t.bigSpender !== undefined) o.highRevenue = Math.round(t.bigSpender * 100);
  if (t.newDays !== undefined) o.newWithin = `${Math.round(t.newDays)}d`;
  if (t.frequentOrders !== undefined) o.frequentMoreThan = Math.round(t.frequentOrders);
  if (t.sleeperWeeks !== undefined) o.sleepersAfter = `${Math.round(t.sleeperWeeks)}w`;
  if (t.churnFactor !== undefined) o.churnGapFactor = t.churnFactor;
  if (t.vipShare !== undefined) o.vipShare = t.vipShare;
  if (t.likelyChurned !== undefined) o.likelyChurnedBelow = t.likelyChurned;
  if (t.abc) {
    o.abcA = t.abc[0] / 100;
    o.abcB = t.abc[1] / 100;
  }
  if (t.product) o.products = [t.product];
  if (t.category) o.categories = [t.category];
  if (options.currency) o.currency = options.currency;
  return { ...o, ...(options.engine || {}) };
}

/** An Error for the page; rule errors carry their position (0-based). */
function ruleFailure(e) {
  const column = Number(e && e.column);
  return Object.assign(new Error(String((e && e.message) || e)), {
    detail: { rule: true, position: Number.isFinite(column) && column > 0 ? column - 1 : null, length: Number(e && e.length) || null },
  });
}

/**
 * Segments, CLV and NPS of orders read with loadOrders (kept in wasm
 * memory), as the EngineResult of model.js.
 */
function analyse(wasm, orders, options, lang, asOf, progress) {
  const errors = [];
  errors.push(...orders.errors.map(rowError));

  // Custom segments with a broken rule are left out and reported, the others computed.
  const rules = [];
  for (const r of options.rules || []) {
    try {
      wasm.parseRule(String(r.rule ?? ''), lang);
      rules.push({ id: String(r.id ?? ''), name: String(r.name ?? ''), rule: String(r.rule) });
    } catch (e) {
      const fix = lang === 'en' ? 'correct the rule of this custom segment' : 'die Regel dieses eigenen Segments korrigieren';
      errors.push({ row: null, orderId: null, field: `rule:${r.id}`, reason: e.message, fix });
    }
  }

  progress('segments', 0.35);
  const seg = wasm.computeSegmentsFromLoaded(orders, { ...segmentOptions(options, asOf), rules });
  const segImport = seg.importReport();
  errors.push(...segImport.errors.map(rowError));

  progress('clv', 0.6);
  let clv;
  const clvByKey = new Map();
  try {
    const report = wasm.computeClvFromLoaded(orders, {
      calibrationEnd: asOf,
      lang,
      ...(options.currency ? { currency: options.currency } : {}),
      ...(options.clv?.horizonMonths ? { horizonMonths: options.clv.horizonMonths } : {}),
      ...(options.clv?.discountRate !== undefined ? { discountRate: options.clv.discountRate } : {}),
    });
    for (const c of report.customers) clvByKey.set(c.customer, c);
    seg.setClv(report.customers);
    const fit = report.bgNbd || report.paretoNbd;
    clv = {
      ok: true,
      model: report.model,
      horizonMonths: report.horizonMonths,
      params: { ...(fit ? fit.params : {}), ...report.gammaGamma.params },
      repeatBuyers: report.repeatBuyers,
      warnings: report.warnings,
    };
  } catch (e) {
    clv = { ok: false, message: String((e && e.message) || e) };
  }

  progress('summary', 0.85);
  const cols = seg.columns();
  const keys = seg.keys();
  const rfmIds = wasm.rfmSegments('en').map((s) => `rfm:${s.id}`);
  const customers = keys.map((key, i) => {
    const orders = cols.orders[i];
    const revenue = cols.revenue[i];
    const c = clvByKey.get(key);
    return {
      key,
      orders,
      revenue,
      aov: orders ? revenue / orders : 0,
      firstOrder: cols.firstOrderDay[i] * DAY,
      lastOrder: cols.lastOrderDay[i] * DAY,
      daysSinceLast: cols.daysSinceLastOrder[i],
      medianGap: Number.isNaN(cols.medianGap[i]) ? null : cols.medianGap[i],
      r: cols.recency[i],
      f: cols.frequency[i],
      m: cols.monetary[i],
      rfmSegment: rfmIds[cols.rfm[i]] ?? null,
      abc: ABC[cols.abc[i]] ?? null,
      segments: [],
      clv: c ? c.predictedClv : null,
      pAlive: c ? c.pAlive : null,
      expectedOrders: c ? c.expectedOrders : null,
    };
  });
  const de = seg.segments('de');
  const en = seg.segments('en');
  const segments = de.map((s, i) => {
    for (const m of seg.members(s.id)) customers[m]?.segments.push(s.id);
    return {
      id: s.id,
      name: { de: s.name, en: en[i] ? en[i].name : s.name },
      kind: s.kind,
      rule: s.rule ?? null,
      count: s.count,
      customerShare: s.shareOfCustomers,
      revenueShare: s.shareOfRevenue,
    };
  });

  let nps = null;
  const survey = options.survey;
  if (survey) {
    progress('nps', 0.92);
    const answers = survey.answers ?? survey.text ?? '';
    const read = Array.isArray(answers) ? answers.length : answers.split(/\r?\n/).filter((l) => l.trim()).length - 1;
    const report = seg.nps(answers);
    const n = (x) => ({ answers: x.responses, promoters: x.promoters, passives: x.passives, detractors: x.detractors, score: x.nps });
    nps = {
      overall: n(report.overall),
      segments: report.segments.map((s) => ({ id: s.id, ...n(s.nps) })),
      errors: report.errors.map(rowError),
      rejected: report.errors.length,
      read: Math.max(0, read),
      withoutOrders: report.withoutOrders,
    };
  }

  const t = options.thresholds || {};
  return {
    handle: seg,
    asOf: Date.parse(`${seg.asOf}T00:00:00Z`) / 1000,
    currency: seg.currency || orders.currency || options.currency || 'EUR',
    import: {
      read: orders.read,
      used: segImport.used,
      rejected: errors.length,
      errors,
    },
    customers,
    segments,
    abc: t.abc ? { a: t.abc[0] / 100, b: (t.abc[0] + t.abc[1]) / 100 } : { a: 0.8, b: 0.95 },
    clv,
    nps,
  };
}

export function wasmEngine(wasm, ready) {
  return {
    async version() {
      await ready;
      return wasm.version();
    },

    /** Frees the wasm memory of an earlier result. */
    release(result) {
      result?.handle?.free?.();
    },

    async compute(data, options, progress) {
      await ready;
      const lang = options.lang === 'en' ? 'en' : 'de';
      const asOf = isoDay(Number.isFinite(options.asOf) && options.asOf !== null ? options.asOf : Date.now() / 1000);

      progress('read', 0);
      const input = data.orders ?? data.text ?? '';
      const format = data.format || (typeof input === 'string' ? guessFormat(input) : 'canonical');
      // The orders stay in wasm memory for segments and CLV: no copy of
      // every order as a JS object.
      const orders = wasm.loadOrders(format, input, options.currency ? { currency: options.currency } : undefined);
      try {
        return analyse(wasm, orders, options, lang, asOf, progress);
      } finally {
        orders.free();
      }
    },

    /** The customer keys a typed rule selects; throws with the rule's position. */
    matchRule(result, rule, lang = 'de') {
      let idx;
      try {
        idx = result.handle.evaluateRule(rule, lang === 'en' ? 'en' : 'de');
      } catch (e) {
        throw ruleFailure(e);
      }
      const keys = new Set();
      for (const i of idx) if (result.customers[i]) keys.add(result.customers[i].key);
      return keys;
    },
  };
}
