// Data sources: one computation in a worker whose summary several widgets
// render. `<stammkunde-data>` is the shared one; a widget with its own `src`
// or `orders` gets a private one.

import { WorkerClient, CancelledError } from './client.js';

/** Attributes that describe the data and the options of the computation. */
export const DATA_ATTRIBUTES = [
  'src', 'format', 'as-of', 'currency', 'survey', 'survey-format',
  'big-spender', 'new-days', 'frequent-orders', 'sleeper-weeks', 'churn-factor',
  'vip-share', 'abc', 'likely-churned', 'clv-horizon', 'clv-discount', 'product', 'category',
];

function num(el, name) {
  const v = el.getAttribute(name);
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** What to compute on, from an element's `src`/`format` attributes or `orders` property; null if none. */
export function readInput(el) {
  const format = el.getAttribute('format') || undefined;
  const orders = el.orders;
  if (orders !== undefined && orders !== null) {
    if (typeof Blob !== 'undefined' && orders instanceof Blob) return { file: orders, format };
    if (typeof orders === 'string') return { text: orders, format };
    return { orders, format: format || 'canonical' };
  }
  const src = el.getAttribute('src');
  if (src) return { url: new URL(src, document.baseURI).href, format };
  return null;
}

/** The survey answers for the NPS, from the `survey` attribute or property; null if none. */
function readSurvey(el) {
  const format = el.getAttribute('survey-format') || undefined;
  const survey = el.survey;
  if (survey !== undefined && survey !== null) {
    if (typeof Blob !== 'undefined' && survey instanceof Blob) return { file: survey, format };
    if (typeof survey === 'string') return { text: survey, format };
    return { answers: survey, format };
  }
  const src = el.getAttribute('survey');
  return src ? { url: new URL(src, document.baseURI).href, format } : null;
}

/** The options of the computation from attributes and the `options`/`rules` properties. */
export function readOptions(el) {
  // The engine reads the date (2026-11-01 or 01.11.2026) by the one
  // calendar and says how to fix it when it cannot.
  const asOf = (el.getAttribute('as-of') || '').trim() || null;
  const abc = (el.getAttribute('abc') || '').split(/[/ ,;]+/).map(Number).filter((n) => n > 0);
  const thresholds = {
    bigSpender: num(el, 'big-spender'),
    newDays: num(el, 'new-days'),
    frequentOrders: num(el, 'frequent-orders'),
    sleeperWeeks: num(el, 'sleeper-weeks'),
    churnFactor: num(el, 'churn-factor'),
    vipShare: num(el, 'vip-share'),
    likelyChurned: num(el, 'likely-churned'),
    abc: abc.length === 3 ? abc : undefined,
    product: el.getAttribute('product') || undefined,
    category: el.getAttribute('category') || undefined,
  };
  return {
    asOf,
    currency: el.getAttribute('currency') || undefined,
    lang: (el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'de').toLowerCase().startsWith('en') ? 'en' : 'de',
    thresholds,
    clv: { horizonMonths: num(el, 'clv-horizon'), discountRate: num(el, 'clv-discount') },
    reading: el.reading && typeof el.reading === 'object' ? el.reading : undefined,
    rules: Array.isArray(el.rules) ? el.rules.map((r) => ({ id: r.id, name: r.name, rule: r.rule })) : [],
    survey: readSurvey(el),
    engine: el.options && typeof el.options === 'object' ? el.options : {},
  };
}

/**
 * One computation and its state, shared by the widgets that use it.
 * Emits `change` whenever `state` changes:
 *   { status: 'idle' | 'loading' | 'partial' | 'ready' | 'error' | 'cancelled',
 *     progress: { phase, fraction }, summary, error, generation }
 * 'partial': segments, RFM and ABC are there (`summary`), CLV is being
 * computed in a second worker (`progress`); cancelling it or its failure
 * leaves the segments standing ('ready' with the CLV's reason).
 * (`generation` counts the computations; widgets show it as their
 * `generation` attribute once they drew that result).
 */
export class DataSource extends EventTarget {
  constructor() {
    super();
    this.client = new WorkerClient();
    this.clvClient = new WorkerClient();
    this.state = { status: 'idle' };
    this.generation = 0;
    this.last = null;
    /** @type {((patch: object) => any) | null} set by <stammkunde-data> */
    this.onAdjust = null;
  }

  /**
   * Starts both workers and their engines before the first computation, so
   * that the admin's first file does not wait for them (a page with a data
   * source computes sooner or later). A worker that fails to start here
   * is started again, and its error shown, by `load`.
   */
  warm() {
    for (const client of [this.client, this.clvClient]) {
      try {
        client.request('version').catch(() => {});
      } catch {
        // no Worker here: `load` reports it
      }
    }
  }

  set(state) {
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }

  /** Computes on `input` with `options`; a running computation is cancelled first. */
  load(input, options) {
    if (this.state.status === 'loading') this.client.cancel();
    if (this.state.status === 'partial') this.clvClient.cancel();
    const gen = ++this.generation;
    this.last = { input, options };
    if (!input) {
      this.set({ status: 'idle' });
      return Promise.resolve(null);
    }
    this.set({ status: 'loading', progress: { phase: 'fetch', fraction: 0 } });
    // (a listener of that change may have cancelled already)
    if (gen !== this.generation) return Promise.resolve(null);
    const opts = options;
    const onProgress = (p) => {
      if (gen === this.generation && (this.state.status === 'loading' || this.state.status === 'partial')) {
        this.set({ ...this.state, progress: { phase: p.phase, fraction: p.fraction } });
      }
    };
    // The CLV worker loads its engine while the first one reads.
    this.clvClient.request('version').catch(() => {});
    const started = performance.now();
    return this.client.request('compute', { input, options: opts }, { onProgress }).then(
      (answer) => {
        if (gen !== this.generation) return null;
        if (!answer || !answer.clvInput) {
          this.set({ status: 'ready', summary: answer?.summary ?? answer, generation: gen });
          return this.state.summary;
        }
        const partialAt = performance.now() - started;
        this.set({ status: 'partial', summary: answer.summary, progress: { phase: 'clv', fraction: 0 }, generation: gen });
        return this.completeClv(gen, answer, partialAt);
      },
      (error) => {
        if (gen !== this.generation) return null;
        if (error instanceof CancelledError) this.set({ status: 'cancelled' });
        else this.set({ status: 'error', error: { message: error.message, ...(error.detail || {}) } });
        return null;
      },
    );
  }

  /**
   * Applies a fix the admin chose in the panel of rejected rows (e.g.
   * `{ currency: 'USD' }`) and computes again; a `<stammkunde-data>` sets
   * it as its attribute instead (onAdjust), so it stays in force.
   */
  adjust(patch) {
    if (this.onAdjust) return this.onAdjust(patch);
    if (!this.last) return Promise.resolve(null);
    return this.load(this.last.input, { ...this.last.options, ...patch });
  }

  /** CLV in the second worker, joined into the first one's result. */
  async completeClv(gen, { summary, clvInput, clvOptions }, partialAt) {
    const input = clvInput;
    const transfer = [input.customer.buffer, input.placedAt.buffer, input.net.buffer];
    let final;
    try {
      const onProgress = (p) => {
        if (gen === this.generation && this.state.status === 'partial') this.set({ ...this.state, progress: { phase: 'clv', fraction: p.fraction } });
      };
      const clv = await this.clvClient.request('clv', { input, options: clvOptions }, { transfer, onProgress });
      if (gen !== this.generation) return null;
      final = await this.client.request('joinClv', { clv }, { transfer: [clv.pAlive.buffer, clv.clv.buffer, clv.expectedOrders.buffer] });
      if (final.engine) final.engine.clvWasmBytes = clv.wasmBytes ?? null;
    } catch (error) {
      if (gen !== this.generation) return null;
      try {
        final = await this.client.request('clvFailed', { message: error.message, error: { message: error.message, ...(error.detail || {}) } });
      } catch {
        final = { ...summary, clv: { ok: false, message: error.message, error: { message: error.message, ...(error.detail || {}) } } };
      }
    }
    if (gen !== this.generation) return null;
    if (final.engine) final.engine.partialAt = partialAt;
    this.set({ status: 'ready', summary: final, generation: gen });
    return final;
  }

  /** Stops the running computation; a running CLV alone stops with the segments kept. */
  cancel() {
    if (this.state.status === 'partial') {
      const { summary } = this.state;
      this.generation++;
      this.clvClient.cancel();
      const lang = (typeof document !== 'undefined' && document.documentElement.lang) || 'de';
      const message = lang.startsWith('en') ? 'CLV cancelled; compute again to get it.' : 'CLV abgebrochen; neu berechnen, um ihn zu erhalten.';
      this.set({ status: 'ready', summary: { ...summary, clv: { ok: false, cancelled: true, message } } });
      this.client.request('clvFailed', { message, cancelled: true }).catch(() => {});
      return;
    }
    if (this.state.status !== 'loading') return;
    this.generation++;
    this.client.cancel();
    this.set({ status: 'cancelled' });
  }

  /** Computes again on the last input. */
  reload() {
    return this.last ? this.load(this.last.input, this.last.options) : Promise.resolve(null);
  }

  /** A page of members (see model.js queryMembers; `rule` is evaluated by the engine). */
  members(query) {
    return this.client.request('members', { query });
  }

  /** The CSV text of all members matching `query`, `format` `de` or `en`; the .xlsx bytes for `xlsx`. */
  exportCsv(query, format, lang) {
    return this.client.request('export', { query, format, lang });
  }
}
