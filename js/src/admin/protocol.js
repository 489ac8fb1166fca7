// The worker's side of the protocol. Messages from the page:
//
//   { id, type: 'version' }
//   { id, type: 'compute', input, options }
//       input: { url, format } | { text, format } | { file, format } | { orders, format }
//       → progress messages { id, type: 'progress', phase, fraction },
//         then { id, ok: true, result: Summary } (model.js)
//   { id, type: 'members', query }  → { total, offset, rows }
//       query: { segment, cell: { r, f }, abc, rule, search, sort, dir, offset, limit }
//   { id, type: 'export', query, format: 'de' | 'en' } → CSV text of all matches
//   { id, type: 'campaigns', input: { url } | { events }, options: { attributionDays } }
//       → campaign figures (events.js)
//
// Every answer is { id, ok: true, result } or { id, ok: false, error: { message, … } };
// a rule error carries { rule: true, position, expected }. The last computed
// EngineResult stays in the worker, so member pages and exports never copy
// all customers to the page.

import { exportColumns, queryMembers, selectCustomers, sortCustomers, summarize, memberRow } from './model.js';
import { toCsv } from './csv.js';
import { campaignStats } from './events.js';

/** Reads a response body as text, reporting the share received. */
async function readText(response, report) {
  const total = Number(response.headers.get('content-length')) || 0;
  if (!response.body || !total) return response.text();
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
  return new TextDecoder().decode(all);
}

/** Loads `{ url | file | text | orders | answers | events }` into `{ text }` or the array. */
export async function fetchInput(input, report = () => {}) {
  if (input.url) {
    let response;
    try {
      response = await fetch(input.url);
    } catch (e) {
      throw new Error(`could not load ${input.url} (${e.message}); check the src URL`);
    }
    if (!response.ok) throw new Error(`could not load ${input.url}: HTTP ${response.status}; check the src URL`);
    return { text: await readText(response, report), format: input.format };
  }
  if (input.file) return { text: await input.file.text(), format: input.format };
  return input;
}

/** A message loop on `scope` (the worker's self) computing with `engine` (see engine.js). */
export function serve(scope, engine) {
  let current = null; // EngineResult

  const handlers = {
    version: () => engine.version(),

    async compute({ input, options }, progress) {
      engine.release?.(current);
      current = null;
      const data = await fetchInput(input, (f) => progress('fetch', f * 0.3));
      const survey = options.survey ? await fetchInput(options.survey) : null;
      const result = await engine.compute(data, { ...options, survey }, (phase, f) => progress(phase, 0.3 + f * 0.65));
      progress('summary', 0.97);
      current = result;
      const low = options.thresholds?.likelyChurned;
      return summarize(result, low !== undefined ? { lowAlive: low } : {});
    },

    members({ query }) {
      const { sort, dir, offset, limit } = query || {};
      return queryMembers(select(query), { sort, dir, offset, limit });
    },

    export({ query, format }) {
      const list = sortCustomers(select(query), query.sort, query.dir);
      const rows = list.map(memberRow);
      return toCsv(exportColumns(format, current.currency), rows, { format, currency: current.currency || 'EUR' });
    },

    async campaigns({ input, options }) {
      const data = await fetchInput(input);
      let events = data.events;
      if (data.text !== undefined) {
        try {
          events = JSON.parse(data.text);
        } catch (e) {
          throw new Error(`the event log is not JSON (${e.message}); it must be a JSON array of events`);
        }
      }
      return campaignStats(events, options || {});
    },
  };

  /** The customers matching a query's segment, cell, class, search and rule. */
  function select(query = {}) {
    if (!current) throw Object.assign(new Error('no data computed yet; load orders first'), { detail: { code: 'no_data' } });
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
      scope.postMessage({ id, ok: true, result });
    } catch (e) {
      const error = { message: String((e && e.message) || e), ...((e && e.detail) || {}) };
      scope.postMessage({ id, ok: false, error });
    }
  };
}
