// <stammkunde-data>: the shared data source. Invisible; widgets point at it
// with source="id" (or use the page's only one). Attributes and properties
// as in source.js; fires stammkunde:progress, stammkunde:partial (segments
// drawn, CLV still computing; attribute `partial`), stammkunde:ready
// (everything; attribute `ready`) and stammkunde:error on itself.

import { DATA_ATTRIBUTES, DataSource, readInput, readOptions } from './source.js';
import { SOURCE_EVENT } from './base.js';
import { upgradeProperties } from './dom.js';

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
      const detail = type === 'ready' || type === 'partial' ? summary : status === 'error' ? error : progress;
      if (type) this.dispatchEvent(new CustomEvent(`stammkunde:${type}`, { bubbles: true, detail }));
    });
  }

  connectedCallback() {
    upgradeProperties(this, ['orders', 'survey', 'rules', 'options']);
    this.style.display = 'none';
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
