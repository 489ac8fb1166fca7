// The worker's side of the protocol. Messages from the page:
//
//   { id, type: 'version' }
//   { id, type: 'compute', input, options }
//       input: { url, format } | { text, format } | { file, format } | { orders, format }
//       → progress messages { id, type: 'progress', phase, fraction },
//         then { id, ok: true, result: { summary, clvInput } }: the Summary
//         (model.js) with CLV pending, and the order columns for the CLV fit
//         (transferred typed arrays; null when the engine has none)
//   { id, type: 'clv', input: clvInput, options } → { pAlive, clv, expectedOrders, summary, ms }
//       (run in a second worker: cancelling it leaves the segments standing)
//   { id, type: 'joinClv', clv } → the complete Summary
//   { id, type: 'clvFailed', message } → the Summary with the CLV's reason
//   { id, type: 'inspect', input, options: { format, currency, reading } }
//       → the preview facts of a file (inspectOrders, engine.js)
//   { id, type: 'members', query }  → { total, offset, rows }
//       query: { segment, cell: { r, f }, abc, rule, search, sort, dir, offset, limit }
//   { id, type: 'export', query, format: 'de' | 'en' | 'xlsx', lang } → CSV text or
//       .xlsx bytes (Uint8Array) of all matches
//   { id, type: 'campaigns', input: { url } | { events }, options: { attributionDays } }
//       → campaign figures (events.js)
//
// Every answer is { id, ok: true, result } or { id, ok: false, error: { message, … } };
// a rule error carries { rule: true, position, expected }. The last computed
// EngineResult stays in the worker, so member pages and exports never copy
// all customers to the page.

import { exportColumns, queryMembers, selectCustomers, sortCustomers, summarize, memberRow } from './model.js';
import { queryMembersColumns, rowAt, selectIndices, summarizeColumns } from './columns.js';
import { minorDigits } from './format.js';
import { campaignStats } from './events.js';

/** Reads a response body as bytes (the engine decodes them: UTF-8, UTF-16, Windows-1252), reporting the share received. */
async function readBytes(response, report) {
  const total = Number(response.headers.get('content-length')) || 0;
  if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    report(Math.min(1, received / total));
  }
  const all = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

/** Loads `{ url | file | text | orders | answers | events }` into `{ text }` or the array. */
export async function fetchInput(input, report = () => {}) {
  if (input.url) {
    let response;
    try {
      response = await fetch(input.url);
    } catch (e) {
      throw Object.assign(new Error(`could not load ${input.url} (${e.message}); check the src URL`), { detail: { code: 'fetch_failed', url: String(input.url) } });
    }
    if (!response.ok) {
      throw Object.assign(new Error(`could not load ${input.url}: HTTP ${response.status}; check the src URL`), {
        detail: { code: 'http_status', url: String(input.url), status: response.status },
      });
    }
    return { bytes: await readBytes(response, report), format: input.format };
  }
  if (input.file) return { bytes: new Uint8Array(await input.file.arrayBuffer()), format: input.format };
  return input;
}

const TRANSFER = Symbol('transfer');

/** A handler's answer whose typed arrays move to the page instead of being copied. */
function transferring(value, list) {
  return { [TRANSFER]: list, value };
}

/** A message loop on `scope` (the worker's self) computing with `engine` (see engine.js). */
export function serve(scope, engine) {
  let current = null; // EngineResult (model.js) or ColumnResult (columns.js)
  let low; // the likely-churned threshold of the current result

  const handlers = {
    version: () => engine.version(),

    async compute({ input, options }, progress) {
      engine.release?.(current);
      current = null;
      // Files and downloads are streamed by the engine itself.
      const data = input.file || input.url ? input : await fetchInput(input, (f) => progress('fetch', f * 0.3));
      const survey = options.survey ? await fetchInput(options.survey) : null;
      const result = await engine.compute(data, { ...options, survey }, progress);
      current = result;
      low = options.thresholds?.likelyChurned;
      progress('summary', 0.99);
      const summary = view(result);
      if (!result.columns || !engine.clvInput) return summary;
      const clvInput = engine.clvInput(result);
      const transfer = [clvInput.customer.buffer, clvInput.placedAt.buffer, clvInput.net.buffer];
      return transferring({ summary, clvInput, clvOptions: result.clvOptions }, transfer);
    },

    async clv({ input, options }, progress) {
      progress('clv', 0);
      const out = await engine.clv(input, options);
      return transferring(out, [out.pAlive.buffer, out.clv.buffer, out.expectedOrders.buffer]);
    },

    joinClv({ clv }) {
      if (!current) throw Object.assign(new Error('no data computed yet; load orders first'), { detail: { code: 'no_data' } });
      engine.joinClv(current, clv);
      return view(current);
    },

    clvFailed({ message, error, cancelled }) {
      if (!current) throw Object.assign(new Error('no data computed yet; load orders first'), { detail: { code: 'no_data' } });
      engine.clvFailed(current, message, error, cancelled);
      return view(current);
    },

    async inspect({ input, options }) {
      const data = await fetchInput(input);
      const bytes = data.bytes ?? new TextEncoder().encode(data.text ?? '');
      return engine.inspect(bytes, { ...(options || {}), format: options?.format || data.format });
    },

    members({ query }) {
      const { sort, dir, offset, limit } = query || {};
      if (need().columns) return queryMembersColumns(current, { ...query, indices: ruleIndices(query) });
      return queryMembers(select(query), { sort, dir, offset, limit });
    },

    /**
     * All matching members as CSV text (`format` de or en) or as the bytes
     * of an .xlsx workbook (`format` xlsx; the writer is loaded now, not
     * with the worker). Segment names in `lang` stand beside the ids.
     */
    async export({ query, format, lang }) {
      const uiLang = lang === 'en' || (!lang && format === 'en') ? 'en' : 'de';
      const names = new Map(current.segments.map((s) => [s.id, (s.name && (s.name[uiLang] || s.name.en)) || s.id]));
      const base = need().columns
        ? selectIndices(current, { ...query, indices: ruleIndices(query) }).map((i) => rowAt(current, i))
        : sortCustomers(select(query), query.sort, query.dir).map(memberRow);
      const rows = base.map((row) => {
        row.rfmName = row.rfmSegment ? names.get(row.rfmSegment) ?? row.rfmSegment : null;
        row.segmentNames = (row.segments || []).map((id) => names.get(id) ?? id);
        return row;
      });
      if (format === 'xlsx') {
        const { toXlsx } = await import('./stammkunde-xlsx.js');
        // the currency's minor digits (JPY 0, KWD 3), as ISO 4217 and the engine count them
        const digits = minorDigits(current.currency || 'EUR');
        return toXlsx(exportColumns(uiLang, current.currency, uiLang), rows, { sheet: uiLang === 'en' ? 'Customers' : 'Kunden', minorDigits: digits });
      }
      // the engine's CSV writer, the one the ESM package's exportCsv uses
      // (separators, decimals, dates, minor digits, formula neutralisation)
      const columns = exportColumns(format, current.currency);
      return engine.tableCsv(
        columns.map(({ header, type }) => ({ header, type })),
        rows.map((row) => columns.map((c) => row[c.key] ?? null)),
        { lang: format === 'en' ? 'en' : 'de', currency: current.currency || 'EUR', bom: true },
      );
    },

    async campaigns({ input, options }) {
      const data = await fetchInput(input);
      let events = data.events;
      if (data.text !== undefined || data.bytes !== undefined) {
        try {
          events = JSON.parse(data.text ?? new TextDecoder().decode(data.bytes));
        } catch (e) {
          throw Object.assign(new Error(`the event log is not JSON (${e.message}); it must be a JSON array of events`), { detail: { code: 'events_not_json' } });
        }
      }
      return campaignStats(events, options || {});
    },
  };

  /** The summary of a result: from typed columns, or from customer objects. */
  function view(result) {
    const options = low !== undefined ? { lowAlive: low } : {};
    const summary = result.columns ? summarizeColumns(result, options) : summarize(result, options);
    if (result.stages) summary.engine = { stages: result.stages, wasmBytes: result.wasmBytes ?? null };
    return summary;
  }

  function need() {
    if (!current) throw Object.assign(new Error('no data computed yet; load orders first'), { detail: { code: 'no_data' } });
    return current;
  }

  /** The customer indices of a query's rule (undefined without one). */
  function ruleIndices(query = {}) {
    return query.rule && query.rule.trim() ? engine.matchRule(current, query.rule, query.lang) : undefined;
  }

  /** The customers matching a query's segment, cell, class, search and rule. */
  function select(query = {}) {
    need();
    const keys = query.rule && query.rule.trim() ? engine.matchRule(current, query.rule, query.lang) : undefined;
    return selectCustomers(current.customers, { ...query, keys });
  }

  scope.onmessage = async (event) => {
    const msg = event.data || {};
    const { id, type } = msg;
    const handler = Object.prototype.hasOwnProperty.call(handlers, type) ? handlers[type] : null;
    // at most one progress message per phase and percent
    let last = '';
    const progress = (phase, fraction) => {
      const key = `${phase}:${Math.floor(fraction * 100)}`;
      if (key === last) return;
      last = key;
      scope.postMessage({ id, type: 'progress', phase, fraction });
    };
    try {
      if (!handler) throw new Error(`unknown request type ${JSON.stringify(type)}`);
      const result = await handler(msg, progress);
      if (result && result[TRANSFER]) scope.postMessage({ id, ok: true, result: result.value }, result[TRANSFER]);
      else scope.postMessage({ id, ok: true, result });
    } catch (e) {
      const error = { message: String((e && e.message) || e), ...((e && e.detail) || {}) };
      // The engine's errors carry a stable code and their details (the cause's
      // code, row, field, …): the page says them in its language.
      for (const k of ['code', 'reasonCode', 'field', 'reason', 'fix', 'orderId', 'ruleId']) if (e && typeof e[k] === 'string' && !(k in error)) error[k] = e[k];
      for (const k of ['row', 'column', 'length']) if (e && typeof e[k] === 'number' && !(k in error)) error[k] = e[k];
      for (const k of ['shortfalls', 'currencies']) if (e && Array.isArray(e[k])) error[k] = JSON.parse(JSON.stringify(e[k]));
      scope.postMessage({ id, ok: false, error });
    }
  };
}
