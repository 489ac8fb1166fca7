// <stammkunde-members>: a sortable, filterable, paged table of the customers
// of a segment, an RFM cell or a rule the admin types; CSV export in German
// or English number format. Pages are computed in the worker.

import { Widget, errorNodes } from './base.js';
import { h, replace } from './dom.js';

const COLUMNS = [
  ['key', 'customer', 'text'],
  ['orders', 'orders', 'int'],
  ['revenue', 'revenue', 'money'],
  ['aov', 'aov', 'money'],
  ['lastOrder', 'last', 'date'],
  ['daysSinceLast', 'days', 'int'],
  ['rfmSegment', 'rfm', 'segment'],
  ['abc', 'abc', 'text'],
  ['clv', 'clv', 'money'],
  ['pAlive', 'pAlive', 'percent'],
];
const COMPACT = new Set(['key', 'orders', 'revenue', 'lastOrder', 'rfmSegment']);
// Columns hidden on narrow screens (under 40rem of widget width).
const OPTIONAL = new Set(['aov', 'daysSinceLast', 'abc', 'pAlive']);

function cls(key, type) {
  return [['int', 'money', 'percent', 'date'].includes(type) ? 'num' : '', OPTIONAL.has(key) ? 'opt' : ''].join(' ').trim();
}

export class MembersElement extends Widget {
  static ownAttributes = ['segment', 'rule', 'page-size', 'compact', 'follow'];
  static css = `
    form.controls { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr)); margin-bottom: .5rem; align-items: end; }
    label { display: grid; gap: .2rem; font-size: .8rem; color: var(--_muted); }
    .rule { grid-column: 1 / -1; }
    .rule .row input { flex: 1 1 14rem; font-family: ui-monospace, monospace; }
    .rule-error { color: var(--_bad); font-size: .85rem; margin: .25rem 0 0; }
    .rule-error pre { margin: .25rem 0 0; font: .8rem/1.3 ui-monospace, monospace; white-space: pre; overflow-x: auto; color: var(--_fg); }
    input[aria-invalid=true] { border-color: var(--_bad); }
    th button { background: none; border: 0; padding: 0; min-height: 0; font: inherit; color: inherit; cursor: pointer; text-align: inherit; }
    th button::after { content: ''; margin-left: .25rem; }
    th[aria-sort=ascending] button::after { content: '▲'; }
    th[aria-sort=descending] button::after { content: '▼'; }
    td.key { overflow-wrap: anywhere; min-width: 9rem; }
    @container (max-width: 40rem) { .opt { display: none; } td, th { white-space: nowrap; } td.key { min-width: 0; } }
    .pager { display: flex; gap: .5rem; align-items: center; justify-content: space-between; flex-wrap: wrap; margin-top: .5rem; }
    .filter { margin-bottom: .5rem; }
    .filter:empty { display: none; }
    .filter button { min-height: 1.75rem; padding: 0 .5rem; }
    .export { display: flex; gap: .5rem; align-items: end; flex-wrap: wrap; }
  `;

  constructor() {
    super();
    this.query = { sort: 'revenue', dir: 'desc', offset: 0, search: '' };
    this.seq = 0;
    /** @type {HTMLInputElement | null} the rule input, kept across redraws */
    this.ruleInput = null;
    /** @type {HTMLInputElement | null} the search input, kept across redraws */
    this.searchInput = null;
    /** @type {string | undefined} ids of this element's labelled parts */
    this.uid = undefined;
  }

  /** A fixed selection besides segment and rule, e.g. `{ cell: { r: 5, f: 4 } }` or `{ abc: 'A' }`. */
  get filter() {
    return this._filter || null;
  }
  set filter(value) {
    this._filter = value || null;
    this.query.offset = 0;
    this.showFilter();
    this.refresh();
  }

  /** Shows the fixed filter as a chip with a button to remove it. */
  showFilter() {
    if (!this.filterEl) return;
    const f = this._filter;
    if (!f || this.hasAttribute('compact')) {
      this.filterEl.replaceChildren();
      return;
    }
    const label = f.label || (f.cell ? this.t.rfmSelected(f.cell.r, f.cell.f) : f.abc ? `${this.t.abcClass} ${f.abc}` : '');
    replace(
      this.filterEl,
      h('span', { class: 'badge' }, label),
      h('button', { type: 'button', class: 'clear-filter', 'aria-label': `${this.t.close}: ${label}`, onclick: () => (this.filter = null) }, '×'),
    );
  }

  /** @type {((e: any) => void) | undefined} */ onSelect;

  connectedCallback() {
    super.connectedCallback();
    this.onSelect ??= (e) => {
      if (!this.hasAttribute('follow') || e.target === this) return;
      const d = e.detail || {};
      this._filter = d.cell ? { cell: d.cell, label: d.label } : d.abc ? { abc: d.abc, label: d.label } : null;
      this.query.offset = 0;
      if (d.segment !== undefined) this.setAttribute('segment', d.segment);
      else this.removeAttribute('segment');
      this.removeAttribute('rule');
      this.redraw();
    };
    document.addEventListener('stammkunde:select', this.onSelect);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('stammkunde:select', this.onSelect);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (['segment', 'rule'].includes(name) && oldValue !== newValue) this.query.offset = 0;
    // a rule set from outside (or cleared by a selection elsewhere) shows in the input
    if (name === 'rule' && this.ruleInput && (newValue || '') !== this.ruleInput.value.trim()) this.ruleInput.value = newValue || '';
    if (['segment', 'rule', 'compact'].includes(name) && this.root && oldValue !== newValue) {
      this.redraw();
      return;
    }
    super.attributeChangedCallback(name, oldValue, newValue);
  }

  /** Renders; an input that had the focus before a redraw gets it back, with its selection. */
  render() {
    const active = this.root?.activeElement;
    const kept = active && (active === this.ruleInput || active === this.searchInput) ? /** @type {HTMLInputElement} */ (active) : null;
    const range = kept && [kept.selectionStart, kept.selectionEnd];
    const drew = super.render();
    if (kept && kept.isConnected && this.root.activeElement !== kept) {
      kept.focus({ preventScroll: true });
      try {
        kept.setSelectionRange(range[0], range[1]);
      } catch {
        // type=search may not support selection ranges everywhere
      }
    }
    return drew;
  }

  heading() {
    return this.hasAttribute('compact') ? ['', ''] : [this.t.membersTitle, ''];
  }

  get pageSize() {
    const n = Number(this.getAttribute('page-size'));
    return Number.isInteger(n) && n > 0 ? Math.min(n, 500) : 25;
  }

  /** The query sent to the worker. */
  currentQuery() {
    const { cell, abc } = this._filter || {};
    return {
      ...this.query,
      cell,
      abc,
      segment: this.getAttribute('segment') || undefined,
      rule: this.getAttribute('rule') || undefined,
      lang: this.lang,
      limit: this.pageSize,
    };
  }

  draw(summary) {
    const { t, lang } = this;
    const compact = this.hasAttribute('compact');
    this.segmentNames = Object.fromEntries(summary.segments.map((x) => [x.id, (x.name && (x.name[lang] || x.name.en)) || x.id]));
    const columns = COLUMNS.filter(([key]) => !compact || COMPACT.has(key));
    this.columns = columns;
    const uid = (this.uid ??= Math.random().toString(36).slice(2, 8));

    // Controls: segment, rule, search, export.
    const segment = h(
      'select',
      { name: 'segment', onchange: (e) => this.setOrRemove('segment', e.target.value) },
      h('option', { value: '' }, t.allCustomers),
      summary.segments.map((x) => h('option', { value: x.id, selected: x.id === this.getAttribute('segment') }, this.segmentNames[x.id])),
    );
    // The two text inputs outlive a redraw (CLV arriving, a segment chosen):
    // what the admin is typing stays, and so does the focus (see render).
    this.ruleInput ??= this.makeRuleInput(uid);
    this.ruleInput.placeholder = t.rulePlaceholder;
    this.ruleError = h('div', { class: 'rule-error', id: `rule-error-${uid}`, role: 'alert' });
    const search = (this.searchInput ??= this.makeSearchInput());
    search.placeholder = t.filterPlaceholder;
    this.formatSelect = h(
      'select',
      { name: 'csv-format' },
      h('option', { value: 'de', selected: lang !== 'en' }, t.csvDe),
      h('option', { value: 'en', selected: lang === 'en' }, t.csvEn),
      h('option', { value: 'xlsx' }, t.xlsx),
    );
    const controls = compact
      ? null
      : h(
          'form',
          {
            class: 'controls',
            onsubmit: (e) => {
              e.preventDefault();
              this.setOrRemove('rule', this.ruleInput.value.trim());
            },
          },
          h('label', null, t.segment, segment),
          h('label', null, t.filter, search),
          h('div', { class: 'export' }, h('label', null, t.csvFormat, this.formatSelect), h('button', { type: 'button', class: 'export-csv', onclick: () => this.exportCsv() }, t.exportCsv)),
          h('div', { class: 'rule' }, h('label', null, t.rule, h('div', { class: 'row' }, this.ruleInput, h('button', { type: 'submit', class: 'primary' }, t.applyRule))), this.ruleError),
        );

    // Table with sortable headers.
    this.headRow = h(
      'tr',
      null,
      columns.map(([key, label]) =>
        h(
          'th',
          { class: cls(key, COLUMNS.find((c) => c[0] === key)[2]), 'data-key': key },
          h('button', { type: 'button', 'aria-label': t.sortBy(t.cols[label]), onclick: () => this.sortBy(key) }, t.cols[label]),
        ),
      ),
    );
    this.tbody = h('tbody');
    this.pageInfo = h('span', { class: 'muted', 'aria-live': 'polite' });
    this.prevBtn = h('button', { type: 'button', class: 'prev', onclick: () => this.page(-1) }, t.prev);
    this.nextBtn = h('button', { type: 'button', class: 'next', onclick: () => this.page(1) }, t.next);
    this.filterEl = h('div', { class: 'row filter' });
    this.showFilter();
    this.markSort();
    this.refresh();
    return [
      controls,
      this.filterEl,
      h('div', { class: 'scroll' }, h('table', null, h('thead', null, this.headRow), this.tbody)),
      h('div', { class: 'pager' }, this.pageInfo, h('div', { class: 'row' }, this.prevBtn, this.nextBtn)),
    ];
  }

  /** The rule input, made once (kept across redraws). */
  makeRuleInput(uid) {
    return /** @type {HTMLInputElement} */ (
      h('input', {
        name: 'rule',
        type: 'text',
        spellcheck: 'false',
        autocomplete: 'off',
        'aria-describedby': `rule-error-${uid}`,
        props: { value: this.getAttribute('rule') || '' },
      })
    );
  }

  /** The search input, made once (kept across redraws). */
  makeSearchInput() {
    return /** @type {HTMLInputElement} */ (
      h('input', {
        name: 'search',
        type: 'search',
        props: { value: this.query.search },
        oninput: (e) => {
          // read now: after dispatch the event's target is cleared (shadow DOM)
          const value = e.target.value;
          clearTimeout(this.searchTimer);
          this.searchTimer = setTimeout(() => {
            this.query.search = value;
            this.query.offset = 0;
            this.refresh();
          }, 200);
        },
      })
    );
  }

  setOrRemove(name, value) {
    if (value) this.setAttribute(name, value);
    else this.removeAttribute(name);
  }

  sortBy(key) {
    if (this.query.sort === key) this.query.dir = this.query.dir === 'asc' ? 'desc' : 'asc';
    else Object.assign(this.query, { sort: key, dir: ['key', 'rfmSegment', 'abc', 'daysSinceLast'].includes(key) ? 'asc' : 'desc' });
    this.query.offset = 0;
    this.markSort();
    this.refresh();
  }

  markSort() {
    for (const th of this.headRow?.children || []) {
      const on = th.dataset.key === this.query.sort;
      if (on) th.setAttribute('aria-sort', this.query.dir === 'asc' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
  }

  page(step) {
    const next = this.query.offset + step * this.pageSize;
    if (next < 0 || next >= (this.total || 0)) return;
    this.query.offset = next;
    this.refresh();
  }

  /** Fetches the current page from the worker and fills the table. */
  async refresh() {
    if (!this.tbody || !this.src || this.src.state.status !== 'ready') return;
    const seq = ++this.seq;
    const { t, fmt } = this;
    let page;
    try {
      page = await this.src.members(this.currentQuery());
    } catch (e) {
      if (seq !== this.seq) return;
      this.showRuleError({ message: e.message, ...(e.detail || {}) });
      this.total = 0;
      replace(this.tbody, h('tr', null, h('td', { colspan: this.columns.length, class: 'muted' }, t.noMembers)));
      this.pageInfo.textContent = '';
      this.setAttribute('total', '0');
      this.prevBtn.disabled = this.nextBtn.disabled = true;
      return;
    }
    if (seq !== this.seq) return;
    this.showRuleError(null);
    this.total = page.total;
    this.query.offset = page.offset;
    const cellOf = (row, key, type) => {
      const v = row[key];
      switch (type) {
        case 'int':
          return fmt.number(v);
        case 'money':
          return v === null ? '–' : fmt.money(v);
        case 'date':
          return fmt.date(v);
        case 'percent':
          return v === null ? '–' : fmt.percent(v, 0);
        case 'segment':
          return v ? this.segmentNames[v] || v : '–';
        default:
          return v ?? '–';
      }
    };
    replace(
      this.tbody,
      page.rows.length
        ? page.rows.map((row) =>
            h(
              'tr',
              { 'data-key': row.key },
              this.columns.map(([key, , type]) =>
                h('td', { class: key === 'key' ? 'key' : cls(key, type) }, cellOf(row, key, type)),
              ),
            ),
          )
        : h('tr', null, h('td', { colspan: this.columns.length, class: 'muted' }, t.noMembers)),
    );
    const from = page.total ? page.offset + 1 : 0;
    this.pageInfo.textContent = t.page(fmt.number(from), fmt.number(page.offset + page.rows.length), fmt.number(page.total));
    this.prevBtn.disabled = page.offset === 0;
    this.nextBtn.disabled = page.offset + page.rows.length >= page.total;
    this.setAttribute('total', String(page.total));
    this.dispatchEvent(new CustomEvent('stammkunde:members', { bubbles: true, composed: true, detail: { total: page.total, query: this.currentQuery() } }));
  }

  /** Shows a rule's error under the input: the message, and the rule with a caret at the position. */
  showRuleError(error) {
    if (!this.ruleError) return;
    if (!error) {
      this.ruleError.replaceChildren();
      this.ruleInput?.removeAttribute('aria-invalid');
      this.removeAttribute('rule-error');
      return;
    }
    const rule = this.getAttribute('rule') || '';
    const pos = Number.isInteger(error.position) ? error.position : null;
    // A rule's error is in the widget's language already (the engine writes it so); others are translated here.
    replace(
      this.ruleError,
      h('strong', null, `${error.rule ? this.t.ruleError : this.t.failed.replace(/:$/, '')}: `),
      ...(error.rule ? [error.message] : errorNodes(error, this.lang)),
      pos !== null && rule ? h('pre', { 'aria-hidden': 'true' }, `${rule}\n${' '.repeat(Math.min(pos, rule.length))}^`) : null,
    );
    this.ruleInput?.setAttribute('aria-invalid', 'true');
    this.setAttribute('rule-error', error.message);
  }

  /** Downloads the CSV of all matching members. */
  async exportCsv() {
    if (!this.src) return;
    const format = this.formatSelect?.value || (this.lang === 'en' ? 'en' : 'de');
    const query = this.currentQuery();
    let csv;
    try {
      csv = await this.src.exportCsv(query, format, this.lang);
    } catch (e) {
      this.showRuleError({ message: e.message, ...(e.detail || {}) });
      return;
    }
    const xlsx = format === 'xlsx';
    const name = `stammkunde-${(query.segment || (query.cell ? `rfm-${query.cell.r}${query.cell.f}` : query.rule ? 'regel' : 'kunden')).replace(/[^\w-]+/g, '_')}.${xlsx ? 'xlsx' : 'csv'}`;
    const type = xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8';
    const url = URL.createObjectURL(new Blob([csv], { type }));
    const a = h('a', { href: url, download: name, hidden: true });
    this.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.dispatchEvent(new CustomEvent('stammkunde:export', { bubbles: true, composed: true, detail: { format, name, csv } }));
  }
}
