// <stammkunde-import>: the admin's own file, from choosing (or dropping) it
// to the computation. A preview shows what the engine found (format,
// encoding, delimiter, date and number style, currency, date range, column
// mapping, first rows, as-of date) before anything is computed; the admin
// may correct the mapping, currency, number style and as-of date. The
// settings are remembered per shop in localStorage and apply to the next
// file of the same shop; "Change settings" reopens the preview later.
//
// Attributes: source (id of the <stammkunde-data> to compute with; else the
// page's only one), shop (the key the settings are stored under; default the
// page's host), lang, theme. State for pages and tests: the `state`
// attribute (idle | inspecting | preview | computing | done | error) and the
// events stammkunde:preview (detail: the facts) and stammkunde:import
// (detail: the settings).

import { adopt } from './theme.js';
import { h, replace } from './dom.js';
import { langOf, problemText, texts } from './i18n.js';
import { errorNodes } from './base.js';
import { date as fmtDate, number as fmtNumber } from './format.js';
import { sharedClient } from './client.js';

const DAY = 86_400;
const STORE_PREFIX = 'stammkunde:import:';

/** 'YYYY-MM-DD' of a day number (days since 1970-01-01). */
function isoOfDay(day) {
  return new Date(day * DAY * 1000).toISOString().slice(0, 10);
}

/** The stored settings of a shop, or {} (storage may be off or full). */
export function loadSettings(shop) {
  try {
    const text = globalThis.localStorage?.getItem(STORE_PREFIX + shop);
    const value = text ? JSON.parse(text) : null;
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** Stores a shop's settings; false if the browser refused. */
export function saveSettings(shop, settings) {
  try {
    globalThis.localStorage?.setItem(STORE_PREFIX + shop, JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}

const CSS = `
  .drop { border: 2px dashed var(--_border); border-radius: 8px; padding: 1rem; display: grid; gap: .5rem; justify-items: start; }
  .drop.over { border-color: var(--_accent); background: var(--_surface); }
  .drop p { margin: 0; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem .9rem; margin: .5rem 0; }
  dl.facts dt { color: var(--_muted); font-size: .85rem; }
  dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
  @container (max-width: 30rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .3rem; } }
  .note { color: var(--_muted); font-size: .85rem; display: block; }
  .problem { color: var(--_bad); }
  td select { width: 100%; }
  table.mapping { max-width: 44rem; }
  tr.missing td:first-child { color: var(--_bad); font-weight: 600; }
  .sample td { white-space: nowrap; font-size: .85rem; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; }
  .done { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; justify-content: space-between; }
  .done p { margin: 0; }
  input[type=file] { position: absolute; width: 1px; height: 1px; opacity: 0; }
  label.button { display: inline-flex; align-items: center; background: var(--_accent); color: var(--_accent-fg);
    border-radius: 6px; padding: .35rem .9rem; min-height: 2.25rem; cursor: pointer; font-weight: 600; }
  label.button:focus-within { outline: 3px solid var(--_focus); outline-offset: 2px; }
  input.currency { width: 5rem; text-transform: uppercase; }
  label.button.quiet { background: var(--_surface); color: var(--_fg); border: 1px solid var(--_border); font-weight: 400; }
  .actions.other { margin-top: .25rem; }
`;

export class ImportElement extends HTMLElement {
  static get observedAttributes() {
    return ['lang'];
  }

  constructor() {
    super();
    this.file = null;
    this.facts = null;
    this.choice = {};
    this.seq = 0;
    /** @type {MutationObserver | null} */
    this.langObserver = null;
  }

  get lang() {
    for (let node = /** @type {any} */ (this); node; node = node.getRootNode().host) {
      const el = node.closest('[lang]');
      if (el) return langOf(el.getAttribute('lang'));
    }
    return langOf(document.documentElement.lang);
  }

  get t() {
    return texts(this.lang).imp;
  }

  /** The key the settings are stored under. */
  get shop() {
    return this.getAttribute('shop') || location.host || 'local';
  }

  /**
   * The <stammkunde-data> the file is computed with.
   * @returns {any}
   */
  get target() {
    const id = this.getAttribute('source');
    return id ? document.getElementById(id) : document.querySelector('stammkunde-data');
  }

  connectedCallback() {
    if (!this.root) {
      this.root = this.attachShadow({ mode: 'open' });
      const style = adopt(this.root, CSS);
      this.body = h('section', { class: 'card', part: 'card' });
      this.root.append(...[style].filter(Boolean), this.body);
      this.addEventListener('dragover', (e) => {
        e.preventDefault();
        this.root.querySelector('.drop')?.classList.add('over');
      });
      this.addEventListener('dragleave', () => this.root.querySelector('.drop')?.classList.remove('over'));
      this.addEventListener('drop', (e) => {
        e.preventDefault();
        const file = e.dataTransfer?.files?.[0];
        if (file) this.choose(file);
      });
      // A fix chosen in a widget (e.g. the base currency) is remembered too.
      this.onAdjust = (e) => {
        if (e.target !== this.target || !this.file) return;
        if (e.detail?.currency) {
          this.choice.currency = e.detail.currency;
          this.remember();
        }
      };
    }
    document.addEventListener('stammkunde:adjust', this.onAdjust);
    this.langObserver ??= new MutationObserver(() => this.render());
    this.langObserver.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['lang'] });
    this.setState(this.getAttribute('state') || 'idle');
  }

  disconnectedCallback() {
    document.removeEventListener('stammkunde:adjust', this.onAdjust);
    this.langObserver?.disconnect();
  }

  attributeChangedCallback() {
    if (this.root) this.render();
  }

  /** @param {string} state @param {any} [error] the worker's error ({ message, code, … }) */
  setState(state, error) {
    this.state = state;
    this.error = error || null;
    this.setAttribute('state', state);
    this.render();
  }

  /** Starts the import of a file: its preview first. */
  async choose(file) {
    this.file = file;
    const stored = loadSettings(this.shop);
    // The remembered base currency applies when the file names none; a
    // file with one currency brings its own (shown so, and changeable).
    this.stored = stored;
    this.choice = {
      format: undefined,
      currency: undefined,
      decimal: stored.decimal,
      mapping: { ...(stored.mapping || {}) },
      asOf: undefined,
    };
    await this.inspect();
  }

  /** Asks the worker for the facts of the file with the current choices. */
  async inspect() {
    const seq = ++this.seq;
    this.setState('inspecting');
    let facts;
    try {
      facts = await sharedClient().request('inspect', { input: { file: this.file }, options: this.readOptions(true) });
    } catch (e) {
      if (seq === this.seq) this.setState('error', { message: String(e?.message || e), ...(e?.detail || {}) });
      return;
    }
    if (seq !== this.seq) return;
    // A remembered mapping that names columns this file lacks is left out.
    const problemField = facts.problem?.field || '';
    if (problemField.startsWith('mapping.') && Object.keys(this.choice.mapping).length) {
      this.choice.mapping = {};
      return this.inspect();
    }
    this.facts = facts;
    this.choice.format ??= facts.format;
    this.choice.asOf ??= isoOfDay(facts.as_of_day);
    this.setState('preview');
    this.dispatchEvent(new CustomEvent('stammkunde:preview', { bubbles: true, detail: facts }));
  }

  /** Options of inspectOrders / loadOrders from the admin's choices. */
  readOptions(forInspect = false) {
    const c = this.choice;
    const reading = {};
    if (c.mapping && Object.keys(c.mapping).length) reading.mapping = c.mapping;
    if (c.decimal) reading.decimal = c.decimal;
    return forInspect ? { format: c.format, reading } : reading;
  }

  /** The base currency: the admin's, else the file's, else the shop's remembered one, else EUR. */
  currency() {
    return this.choice.currency || this.facts?.currency || this.stored?.currency || 'EUR';
  }

  remember() {
    const c = this.choice;
    this.saved = saveSettings(this.shop, {
      currency: this.currency(),
      decimal: c.decimal || undefined,
      mapping: c.mapping && Object.keys(c.mapping).length ? c.mapping : undefined,
    });
  }

  /** Computes on the file with the preview's settings. */
  compute() {
    const data = this.target;
    if (!data || !this.file) return;
    const settings = {
      format: this.choice.format,
      asOf: this.choice.asOf,
      currency: this.currency(),
      reading: this.readOptions(),
    };
    this.remember();
    this.done = { file: this.file, facts: this.facts, choice: { ...this.choice, mapping: { ...this.choice.mapping } } };
    data.importFile(this.file, settings);
    this.setState('done');
    this.dispatchEvent(new CustomEvent('stammkunde:import', { bubbles: true, detail: settings }));
  }

  /** Leaves the preview: back to the file computed last, if any. */
  back() {
    if (this.done) {
      ({ file: this.file, facts: this.facts, choice: this.choice } = this.done);
      this.setState('done');
    } else this.setState('idle');
  }

  render() {
    if (!this.root) return;
    const t = this.t;
    const lang = this.lang;
    const body = [h('h2', null, t.title)];
    const picker = (label = t.choose, cls = 'button') =>
      h(
        'label',
        { class: cls },
        label,
        h('input', {
          type: 'file',
          accept: '.csv,.txt,.tsv,.json,text/csv,text/plain,application/json',
          onchange: (e) => {
            const file = e.target.files && e.target.files[0];
            e.target.value = '';
            if (file) this.choose(file);
          },
        }),
      );
    switch (this.state) {
      case 'inspecting':
        body.push(h('p', { role: 'status' }, t.reading(this.file?.name || '')));
        break;
      case 'preview':
        body.push(...this.preview(t, lang), h('div', { class: 'actions other' }, picker(t.another, 'button quiet')));
        break;
      case 'done':
        body.push(
          h(
            'div',
            { class: 'done' },
            h('p', null, t.loaded(this.file?.name || '', fmtNumber(this.facts?.rows ?? 0, lang)), this.saved ? h('span', { class: 'note' }, t.remembered) : null),
            h('div', { class: 'actions' }, h('button', { type: 'button', class: 'change', onclick: () => this.setState('preview') }, t.change), picker()),
          ),
        );
        break;
      default:
        body.push(
          h('div', { class: 'drop' }, h('p', null, t.intro), h('div', { class: 'actions' }, picker(), h('span', { class: 'note' }, t.drop))),
          this.state === 'error' ? h('p', { class: 'problem', role: 'alert' }, t.readFailed, ' ', ...errorNodes(this.error, lang)) : null,
        );
    }
    replace(this.body, body);
  }

  preview(t, lang) {
    const f = this.facts;
    const c = this.choice;
    const n = (v) => fmtNumber(v, lang);
    const day = (d) => fmtDate(d * DAY, lang);
    const fact = (key, label, ...value) => [h('dt', null, label), h('dd', { 'data-fact': key }, ...value)];
    const csv = f.format === 'csv';
    const currencies = Object.keys(f.currencies || {});

    const currencyInput = h('input', {
      class: 'currency',
      value: this.currency(),
      maxlength: 3,
      'aria-label': t.currency,
      onchange: (e) => {
        const code = e.target.value.trim().toUpperCase();
        if (/^[A-Z]{3}$/.test(code)) c.currency = code;
        e.target.value = this.currency();
      },
    });
    const currencyNote = f.currency && !c.currency ? t.currencyFromFile(f.currency) : currencies.length > 1 ? t.currencyMixed(currencies.join(', ')) : !f.currency ? t.currencyNone : '';
    const decimal = h(
      'select',
      {
        'aria-label': t.numberStyle,
        onchange: (e) => {
          c.decimal = e.target.value;
          this.inspect();
        },
      },
      [',', '.'].map((d) => h('option', { value: d, selected: (c.decimal || f.decimal) === d }, t.numberStyles[d])),
    );
    const asOf = h('input', {
      type: 'date',
      value: c.asOf,
      'aria-label': t.asOf,
      onchange: (e) => {
        if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) c.asOf = e.target.value;
      },
    });
    const asOfNote = c.asOf === isoOfDay(f.as_of_day) ? (f.as_of_after_last ? t.asOfAfterLast : t.asOfToday) : '';

    const facts = h(
      'dl',
      { class: 'facts' },
      fact('format', t.format, t.formats[f.format] || f.format),
      fact('encoding', t.encoding, f.encoding),
      csv ? fact('delimiter', t.delimiter, t.delimiters[f.delimiter] || f.delimiter) : null,
      csv && f.date_style ? fact('date-style', t.dateStyle, t.dateStyles[f.date_style] || f.date_style) : null,
      csv ? fact('number-style', t.numberStyle, decimal) : null,
      fact('currency', t.currency, currencyInput, currencyNote ? h('span', { class: 'note' }, currencyNote) : null),
      fact('rows', t.rows, n(f.rows)),
      f.first_day !== null ? fact('range', t.range, `${day(f.first_day)} – ${day(f.last_day)}`) : null,
      fact('as-of', t.asOf, asOf, asOfNote ? h('span', { class: 'note', 'data-as-of-reason': f.as_of_after_last ? 'after-last' : 'today' }, asOfNote) : null),
    );

    const missing = (f.mapping || []).filter((m) => m.required && !m.column && !(m.field === 'customer' && f.mapping.find((x) => x.field === 'email')?.column));
    let problem = null;
    // A problem of the whole file (empty, not JSON, …) comes first; missing columns are listed by the mapping.
    const mappingProblem = !f.problem || ['missing_column', 'bad_mapping'].includes(f.problem.code);
    if (missing.length && mappingProblem) problem = t.missing(missing.map((m) => t.fields[m.field] || m.field).join(', '));
    else if (f.problem) {
      // By the problem's cause code; a reason without one is shown as the reader's words, marked English.
      problem = problemText(f.problem, lang) || h('span', { class: 'detail', lang: 'en', title: texts(lang).technical }, `${f.problem.reason || ''}; ${f.problem.fix || ''}`);
    }

    const mapping = csv
      ? [
          h('h3', null, t.mapping),
          h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'mapping' },
              h('thead', null, h('tr', null, h('th', null, t.field), h('th', null, t.column))),
              h(
                'tbody',
                null,
                f.mapping
                  .filter((m) => m.column || m.required || c.mapping[m.field])
                  .map((m) =>
                    h(
                      'tr',
                      { class: m.column ? '' : 'missing', 'data-field': m.field },
                      h('td', null, t.fields[m.field] || m.field, m.required ? h('span', { class: 'note' }, t.required) : null),
                      h(
                        'td',
                        null,
                        h(
                          'select',
                          {
                            'aria-label': t.fields[m.field] || m.field,
                            onchange: (e) => {
                              if (e.target.value) c.mapping[m.field] = e.target.value;
                              else delete c.mapping[m.field];
                              this.inspect();
                            },
                          },
                          h('option', { value: '' }, m.column ? t.notUsed : t.notFound),
                          f.header.map((col) => h('option', { value: col, selected: col === m.column }, col)),
                        ),
                      ),
                    ),
                  ),
              ),
            ),
          ),
        ]
      : [];

    const sample = csv && f.sample.length
      ? [
          h('h3', null, t.sample),
          h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'sample' },
              h('thead', null, h('tr', null, f.header.map((col) => h('th', null, col)))),
              h('tbody', null, f.sample.map((row) => h('tr', null, row.map((cell) => h('td', null, cell))))),
            ),
          ),
        ]
      : [];

    return [
      h('p', { class: 'sub' }, t.preview(this.file?.name || '')),
      facts,
      problem ? h('p', { class: 'problem', role: 'alert' }, t.problem, ' ', problem) : null,
      ...mapping,
      ...sample,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary compute', disabled: missing.length > 0 || (f.problem && !missing.length && f.format !== 'csv'), onclick: () => this.compute() }, t.compute),
        h('button', { type: 'button', class: 'cancel', onclick: () => this.back() }, t.cancel),
      ),
    ];
  }
}
