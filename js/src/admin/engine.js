// The engine as the worker uses it. A file (or a download) is read in
// chunks (`File.stream()`) straight into wasm memory through an OrderFeed,
// which reads the orders into the order table and computes the segments
// (a SegmentResult handle in wasm memory). The widgets' figures come out as
// typed columns (the ColumnResult of columns.js); member rows are built
// only for the customers a page shows. CLV runs afterwards, in a second
// worker so that cancelling it leaves the segments standing: `clvInput`
// hands the table's columns over, `clv` fits and predicts, `joinClv` joins
// the typed answer back by customer index (no JSON per customer).

import { minorDigits } from './format.js';

const DAY = 86_400;
/** Rejected rows listed one by one (the groups count all of them). */
export const ERROR_ROWS = 500;

/** 'YYYY-MM-DD' of Unix seconds (UTC). */
function isoDay(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** A row error of the engine in the shape the widgets show. */
function rowError(e) {
  return { row: e.row ?? null, orderId: e.orderId ?? null, field: e.field ?? '', reason: e.reason ?? '', fix: e.fix ?? '', code: e.code ?? 'other' };
}

/** The format of text or bytes without a `format`: JSON if it looks like JSON, else CSV. */
function guessFormat(input) {
  const head = typeof input === 'string' ? input.slice(0, 64) : String.fromCharCode(...input.subarray(0, 64));
  // BOM bytes and UTF-16's zero bytes may come before the bracket
  return /^[\s\ufeff\u00ef\u00bb\u00bf\u00ff\u00fe]*[[{]/.test(head.replaceAll(String.fromCharCode(0), '')) ? 'canonical' : 'csv';
}

/** Non-empty lines of CSV text or bytes, counted in a loop. */
function countLines(input) {
  let lines = 0;
  let blank = true;
  const text = typeof input === 'string';
  for (let i = 0; i < input.length; i++) {
    const c = text ? input.charCodeAt(i) : input[i];
    if (c === 10) {
      if (!blank) lines++;
      blank = true;
    } else if (c !== 13 && c !== 32 && c !== 9 && c !== 0) blank = false;
  }
  return blank ? lines : lines + 1;
}

/** computeSegments options from the widgets' options (source.js readOptions). */
export function segmentOptions(options, asOf) {
  const t = options.thresholds || {};
  const o = { asOf };
  // in currency units (500 EUR, 500 JPY, 500 KWD), the engine counts minor units
  if (t.bigSpender !== undefined) o.highRevenue = Math.round(t.bigSpender * 10 ** minorDigits(options.currency || 'EUR'));
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

/** Reading options: the base currency and what the import preview settled (mapping, delimiter, decimal). */
export function readOptions(options) {
  const o = {};
  if (options.currency) o.currency = options.currency;
  const r = options.reading || {};
  if (r.mapping && Object.keys(r.mapping).length) o.mapping = r.mapping;
  if (r.delimiter) o.delimiter = r.delimiter;
  if (r.decimal) o.decimal = r.decimal;
  return Object.keys(o).length ? o : undefined;
}

/** An Error for the page; rule errors carry their position (0-based). */
function ruleFailure(e) {
  const column = Number(e && e.column);
  return Object.assign(new Error(String((e && e.message) || e)), {
    detail: { rule: true, position: Number.isFinite(column) && column > 0 ? column - 1 : null, length: Number(e && e.length) || null },
  });
}

const RFM_IDS = [];

/** Milliseconds since `t0`, rounded to 0.1. */
function since(t0) {
  return Math.round((performance.now() - t0) * 10) / 10;
}

/** Streams a File, Blob or fetch Response body into `feed`, reporting the share received. */
async function stream(body, size, feed, report) {
  const reader = body.getReader();
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    feed.push(value);
    received += value.length;
    if (size) report(Math.min(1, received / size));
  }
  return received;
}

/** The format of a file without a `format`: JSON if its first bytes look like JSON, else CSV. */
async function sniff(blob) {
  return guessFormat(new Uint8Array(await blob.slice(0, 64).arrayBuffer()));
}

/** Reads `data` ({ file } | { url } | { text } | { orders }) and computes the segments. */
async function segmentsOf(wasm, data, options, segOptions, progress) {
  const reading = readOptions(options);
  if (data.orders !== undefined && typeof data.orders !== 'string') {
    // Parsed orders from the page: through loadOrders as before.
    const orders = wasm.loadOrders(data.format || 'canonical', data.orders, reading);
    try {
      // The rows rejected while reading, which the segments do not see.
      const read = { errors: orders.firstErrors(ERROR_ROWS), groups: orders.errorGroups(), rejected: orders.rejected };
      return { seg: wasm.computeSegmentsFromLoaded(orders, segOptions), read };
    } finally {
      orders.free();
    }
  }
  let body;
  let size = 0;
  let format = data.format;
  if (data.file) {
    format ||= await sniff(data.file);
    body = data.file.stream();
    size = data.file.size;
  } else if (data.url) {
    let response;
    try {
      response = await fetch(data.url);
    } catch (e) {
      throw Object.assign(new Error(`could not load ${data.url} (${e.message}); check the src URL`), { detail: { code: 'fetch_failed', url: String(data.url) } });
    }
    if (!response.ok) {
      throw Object.assign(new Error(`could not load ${data.url}: HTTP ${response.status}; check the src URL`), {
        detail: { code: 'http_status', url: String(data.url), status: response.status },
      });
    }
    size = Number(response.headers.get('content-length')) || 0;
    if (!format) {
      const blob = await response.blob();
      format = await sniff(blob);
      body = blob.stream();
      size = blob.size;
    } else body = response.body;
  }
  // Bytes (a download) are decoded in wasm from the encoding they are in.
  const given = data.bytes ?? new TextEncoder().encode(String(data.text ?? data.orders ?? ''));
  if (!body) format ||= guessFormat(given);
  const feed = new wasm.OrderFeed(format, reading, size);
  try {
    if (body) await stream(body, size, feed, (f) => progress('read', f));
    else feed.push(given);
  } catch (e) {
    feed.free();
    throw e;
  }
  progress('segments', 0);
  return { seg: feed.finish(segOptions), read: null };
}

/** The widgets' per-customer columns of a SegmentResult. */
function columnsOf(seg) {
  const c = seg.columns();
  return {
    n: c.orders.length,
    orders: c.orders,
    revenue: c.revenue,
    firstOrderDay: c.firstOrderDay,
    lastOrderDay: c.lastOrderDay,
    daysSinceLast: c.daysSinceLastOrder,
    medianGap: c.medianGap,
    r: c.recency,
    f: c.frequency,
    m: c.monetary,
    rfm: c.rfm,
    abc: c.abc,
    clv: null,
    pAlive: null,
    expectedOrders: null,
  };
}

/** The CLV options of the widgets' options. */
export function clvOptions(options, asOf) {
  return {
    calibrationEnd: asOf,
    lang: options.lang === 'en' ? 'en' : 'de',
    ...(options.currency ? { currency: options.currency } : {}),
    ...(options.clv?.horizonMonths ? { horizonMonths: options.clv.horizonMonths } : {}),
    ...(options.clv?.discountRate !== undefined ? { discountRate: options.clv.discountRate } : {}),
  };
}

/** What the CLV widget shows while CLV is computed. */
function pendingClv(lang) {
  return { ok: false, pending: true, message: lang === 'en' ? 'CLV is being computed …' : 'CLV wird berechnet …' };
}

/**
 * Segments and NPS of orders (see segmentsOf) as a ColumnResult
 * (columns.js); CLV pending.
 */
async function analyse(wasm, data, options, lang, asOf, progress) {
  const stages = {};
  const errors = [];
  // Broken custom rules, grouped with the rejected rows of the file.
  const ruleGroups = [];

  // Custom segments with a broken rule are left out and reported, the others computed.
  const rules = [];
  for (const r of options.rules || []) {
    try {
      wasm.parseRule(String(r.rule ?? ''), lang);
      rules.push({ id: String(r.id ?? ''), name: String(r.name ?? ''), rule: String(r.rule) });
    } catch (e) {
      const fix = lang === 'en' ? 'correct the rule of this custom segment' : 'die Regel dieses eigenen Segments korrigieren';
      const error = { row: null, orderId: null, field: `rule:${r.id}`, reason: e.message, fix, code: 'rule' };
      errors.push(error);
      ruleGroups.push({ code: 'rule', field: error.field, currency: null, base: null, count: 1, example: { ...error, order_id: null } });
    }
  }

  let t = performance.now();
  progress('read', 0);
  const { seg, read } = await segmentsOf(wasm, data, options, { ...segmentOptions(options, asOf), rules }, progress);
  if (read) for (const e of read.errors) errors.push(rowError(e));
  stages.readAndSegments = since(t);

  t = performance.now();
  // Rejected rows travel as groups by cause (counted in wasm) and the first
  // few rows: nothing here grows with the number of rejected rows.
  const segImport = seg.importSummary(ERROR_ROWS);
  for (const e of segImport.errors) errors.push(rowError(e));
  if (!RFM_IDS.length) RFM_IDS.push(...wasm.rfmSegments('en').map((s) => `rfm:${s.id}`));
  const memberLists = new Map();
  let keys = null;
  const result = {
    handle: seg,
    asOf: Date.parse(`${seg.asOf}T00:00:00Z`) / 1000,
    currency: seg.currency || options.currency || 'EUR',
    import: {
      read: segImport.read,
      used: segImport.used,
      rejected: segImport.rejected + errors.length - segImport.errors.length + (read ? read.rejected - read.errors.length : 0),
      groups: [...(read ? read.groups : []), ...seg.errorGroups(), ...ruleGroups],
      errors,
    },
    columns: columnsOf(seg),
    rfmIds: RFM_IDS,
    keys: () => (keys ??= seg.keys()),
    key: (i) => (keys ? keys[i] : seg.keyAt(i)),
    clearMembers: () => memberLists.clear(),
    members: (id) => {
      if (!memberLists.has(id)) memberLists.set(id, seg.members(id));
      return memberLists.get(id);
    },
    segments: segmentList(seg),
    abc: options.thresholds?.abc ? { a: options.thresholds.abc[0] / 100, b: (options.thresholds.abc[0] + options.thresholds.abc[1]) / 100 } : { a: 0.8, b: 0.95 },
    clv: pendingClv(lang),
    nps: null,
    stages,
  };

  result.survey = options.survey;
  if (result.survey) {
    progress('nps', 0.5);
    result.nps = npsOf(seg, result.survey);
  }
  stages.columns = since(t);
  return result;
}

/** Every segment with its names in both languages, counts and shares. */
function segmentList(seg) {
  const de = seg.segments('de');
  const en = seg.segments('en');
  return de.map((s, i) => ({
    id: s.id,
    name: { de: s.name, en: en[i] ? en[i].name : s.name },
    kind: s.kind,
    rule: s.rule ?? null,
    count: s.count,
    customerShare: s.shareOfCustomers,
    revenueShare: s.shareOfRevenue,
  }));
}

/** The NPS overall and per segment of the survey answers. */
function npsOf(seg, survey) {
  const answers = survey.answers ?? survey.bytes ?? survey.text ?? '';
  const read = Array.isArray(answers) ? answers.length : countLines(answers) - 1;
  const report = seg.nps(answers);
  const n = (x) => ({ answers: x.responses, promoters: x.promoters, passives: x.passives, detractors: x.detractors, score: x.nps });
  return {
    overall: n(report.overall),
    segments: report.segments.map((s) => ({ id: s.id, ...n(s.nps) })),
    errors: report.errors.slice(0, ERROR_ROWS).map(rowError),
    rejected: report.errors.length,
    read: Math.max(0, read),
    withoutOrders: report.withoutOrders,
  };
}

export function wasmEngine(wasm, ready) {
  const memory = async () => (await ready)?.memory?.buffer.byteLength ?? null;
  return {
    async version() {
      await ready;
      return wasm.version();
    },

    /**
     * The preview facts of a file's bytes (inspectOrders): format,
     * encoding, styles, currency, date range, mapping, first rows, as-of.
     */
    async inspect(bytes, options = {}) {
      await ready;
      const now = new Date();
      const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / (DAY * 1000);
      return wasm.inspectOrders(bytes, today, options.format || null, readOptions(options));
    },

    /**
     * CSV text of a table with the engine's writer (tableCsv): `columns`
     * `[{ header, type }]`, `rows` arrays of values in column order.
     */
    tableCsv(columns, rows, options) {
      return wasm.tableCsv(columns, rows, options);
    },

    /** Frees the wasm memory of an earlier result. */
    release(result) {
      result?.handle?.free?.();
    },

    /** Reads and segments `data`; the ColumnResult (CLV pending). */
    async compute(data, options, progress) {
      await ready;
      const lang = options.lang === 'en' ? 'en' : 'de';
      // as-of: the attribute's text (read by the engine's calendar), Unix seconds, or today
      const asOf = typeof options.asOf === 'string' ? options.asOf : isoDay(Number.isFinite(options.asOf) && options.asOf !== null ? options.asOf : Date.now() / 1000);
      const result = await analyse(wasm, data, options, lang, asOf, progress);
      result.clvOptions = clvOptions(options, asOf);
      result.wasmBytes = await memory();
      return result;
    },

    /** The order columns a CLV fit needs (transferable typed arrays). */
    clvInput(result) {
      return result.handle.clvInput();
    },

    /** Fits CLV on order columns (clvInput); typed columns by customer index and the report. */
    async clv(input, options) {
      await ready;
      const t = performance.now();
      const out = wasm.computeClvColumns(input.customer, input.placedAt, input.net, input.customers, input.currency ?? undefined, options);
      const report = out.report;
      const fit = report.bgNbd || report.paretoNbd;
      return {
        pAlive: out.pAlive,
        clv: out.clv,
        expectedOrders: out.expectedOrders,
        summary: {
          ok: true,
          model: report.model,
          horizonMonths: report.horizonMonths,
          params: { ...(fit ? fit.params : {}), ...report.gammaGamma.params },
          repeatBuyers: report.repeatBuyers,
          warnings: report.warnings,
        },
        ms: since(t),
        wasmBytes: await memory(),
      };
    },

    /** Joins the CLV columns into the result (and into the engine, for rules). */
    joinClv(result, clv) {
      const t = performance.now();
      result.handle.setClvColumns(clv.pAlive, clv.clv, clv.expectedOrders);
      Object.assign(result.columns, { pAlive: clv.pAlive, clv: clv.clv, expectedOrders: clv.expectedOrders });
      // CLV adds `likely_churned` (and moves rule segments on CLV fields)
      result.segments = segmentList(result.handle);
      result.clearMembers();
      if (result.survey) result.nps = npsOf(result.handle, result.survey);
      result.clv = clv.summary;
      result.stages.clv = clv.ms;
      result.stages.join = since(t);
      return result;
    },

    /** A CLV that failed (`error`: the worker's error, with its code) or was cancelled: the segments stay. */
    clvFailed(result, message, error = null, cancelled = false) {
      result.clv = { ok: false, message, error, cancelled };
    },

    /** The customer indices a typed rule selects; throws with the rule's position. */
    matchRule(result, rule, lang = 'de') {
      try {
        return result.handle.evaluateRule(rule, lang === 'en' ? 'en' : 'de');
      } catch (e) {
        throw ruleFailure(e);
      }
    },
  };
}
