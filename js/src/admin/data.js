// <stammkunde-data>: the shared data source. Invisible; widgets point at it
// with source="id" (or use the page's only one). Attributes and properties
// as in source.js; fires stammkunde:progress, stammkunde:partial (segments
// drawn, CLV still computing; attribute `partial`), stammkunde:ready
// (everything; attribute `ready`) and stammkunde:error on itself.

import { DATA_ATTRIBUTES, DataSource, readInput, readOptions } from './source.js';
import { SOURCE_EVENT } from './base.js';
import { upgradeProperties } from './dom.js';

/** Attributes that describe a particular data set, not the shop's settings. */
const OTHER_DATA = ['src', 'format', 'as-of', 'currency', 'survey', 'survey-format', 'product', 'category'];

export class DataElement extends HTMLElement {
  static get observedAttributes() {
    return DATA_ATTRIBUTES;
  }

  constructor() {
    super();
    this.dataSource = new DataSource();
    this.dataSource.addEventListener('change', () => {
      const { status, progress, summary, error } = this.dataSource.state;
      // 'partial' (segments there, CLV computing) fires stammkunde:partial once, then progress
      const first = status !== this.lastStatus;
      this.lastStatus = status;
      const type = status === 'partial' ? (first ? 'partial' : 'progress') : { loading: 'progress', ready: 'ready', error: 'error', cancelled: 'cancel' }[status];
      this.toggleAttribute('ready', status === 'ready');
      this.toggleAttribute('partial', status === 'partial');
      if (status === 'ready') this.setAttribute('generation', String(this.dataSource.state.generation));
      const detail = type === 'ready' || type === 'partial' ? summary : status === 'error' ? error : progress;
      if (type) this.dispatchEvent(new CustomEvent(`stammkunde:${type}`, { bubbles: true, detail }));
    });
  }

  /**
   * Computes on a file the admin chose, with the settings of the import
   * preview only: every attribute and property describing other data (the
   * demo's `src`, `format`, `as-of`, `currency`, survey, product, category,
   * custom segments) is dropped first, so nothing of it applies to the
   * file; the shop's thresholds (big-spender, sleeper-weeks, …) stay.
   * settings: { format, asOf ('YYYY-MM-DD'), currency, reading: { mapping, delimiter, decimal } }.
   */
  importFile(file, settings = {}) {
    this.pending = true; // one computation for all the changes below
    for (const name of OTHER_DATA) this.removeAttribute(name);
    this._survey = null;
    this._rules = [];
    this._options = undefined;
    if (settings.format) this.setAttribute('format', settings.format);
    if (settings.asOf) this.setAttribute('as-of', settings.asOf);
    if (settings.currency) this.setAttribute('currency', settings.currency);
    this._reading = settings.reading || undefined;
    this._orders = file;
    this.pending = false;
    this.schedule();
  }

  /** What the import preview settled for reading the file: `{ mapping, delimiter, decimal }`. */
  get reading() {
    return this._reading;
  }
  set reading(value) {
    this._reading = value;
    this.schedule();
  }

  connectedCallback() {
    upgradeProperties(this, ['orders', 'survey', 'rules', 'options', 'reading']);
    // A fix chosen in a widget's panel of rejected rows becomes an attribute,
    // and the page (e.g. <stammkunde-import>) hears of it to remember it.
    this.dataSource.onAdjust = (patch) => {
      if (patch.currency) this.setAttribute('currency', patch.currency);
      this.dispatchEvent(new CustomEvent('stammkunde:adjust', { bubbles: true, detail: patch }));
    };
    this.style.display = 'none';
    this.dataSource.warm();
    this.schedule();
    document.dispatchEvent(new CustomEvent(SOURCE_EVENT, { detail: this }));
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue) this.schedule();
  }

  /** Computes once per task, however many attributes and properties change together. */
  schedule() {
    if (this.pending || !this.isConnected) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.dataSource.load(readInput(this), readOptions(this));
    });
  }

  /** The current summary (null until ready). */
  get summary() {
    return this.dataSource.state.summary ?? null;
  }
  /** 'idle', 'loading', 'partial', 'ready', 'error' or 'cancelled'. */
  get status() {
    return this.dataSource.state.status;
  }

  /** Stops a running computation. */
  cancel() {
    this.dataSource.cancel();
  }
  /** Computes again. */
  reload() {
    return this.dataSource.reload();
  }
}

// Properties that trigger a new computation when set.
for (const prop of ['orders', 'survey', 'rules', 'options']) {
  Object.defineProperty(DataElement.prototype, prop, {
    get() {
      return this[`_${prop}`];
    },
    set(value) {
      this[`_${prop}`] = value;
      this.schedule();
    },
    configurable: true,
  });
}
