// The base of every widget: Shadow DOM, language, the data source it reads,
// the progress / error states and the panel of rejected rows. Subclasses
// implement `draw(summary)` and return the nodes of their body.

import { adopt } from './theme.js';
import { h, replace, upgradeProperties } from './dom.js';
import { errorText, fieldLabel, langOf, texts } from './i18n.js';
import * as fmt from './format.js';
import { DATA_ATTRIBUTES, DataSource, readInput, readOptions } from './source.js';

const live = new Set();
let observer;

/** Re-renders every widget when a `lang` attribute changes anywhere on the page. */
function watchLanguage() {
  if (observer || typeof MutationObserver !== 'function') return;
  observer = new MutationObserver(() => {
    for (const w of live) w.languageChanged();
  });
  observer.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['lang'] });
}

// Rendering is time-sliced: widgets waiting to render are drawn in animation
// frames, a few milliseconds' worth per frame (a widget with a new body
// takes its frame alone), so a new result for many widgets never blocks the
// page in one long task: style and layout of each frame cover only what that
// frame drew.
const waiting = new Set();
let frameRequested = false;
const BUDGET_MS = 8;
/** Causes of rejected rows listed (largest first). */
const MAX_CAUSES = 8;

function nextFrame(fn) {
  if (document.visibilityState === 'visible' && typeof requestAnimationFrame === 'function') requestAnimationFrame(fn);
  else setTimeout(fn, 0);
}

function renderWaiting() {
  frameRequested = false;
  const start = performance.now();
  for (const w of waiting) {
    waiting.delete(w);
    if (w.render() || performance.now() - start > BUDGET_MS) break;
  }
  if (waiting.size && !frameRequested) {
    frameRequested = true;
    nextFrame(renderWaiting);
  }
}

function scheduleRender(w) {
  waiting.add(w);
  if (!frameRequested) {
    frameRequested = true;
    nextFrame(renderWaiting);
  }
}

/**
 * An error's nodes in the UI language: the translated text, then the
 * engine's technical message (English, marked so) where the text does not
 * say it all.
 */
export function errorNodes(error, lang) {
  const { text, detail } = errorText(error, lang);
  return [text, detail ? h('span', { class: 'detail', lang: 'en', title: texts(lang).technical }, `${text ? ' ' : ''}(${detail})`) : null];
}

/** The first quoted value of a reader's reason (`'31.02.2024' is not a date`), or null. */
function quoted(reason) {
  return /'([^']*)'/.exec(reason || '')?.[1] ?? null;
}

/** Event fired on `document` when a `<stammkunde-data>` connects, so widgets waiting for it find it. */
export const SOURCE_EVENT = 'stammkunde:source';

export class Widget extends HTMLElement {
  /** Attributes of the subclass that need a redraw. */
  static ownAttributes = [];
  /** The subclass's stylesheet text. */
  static css = '';

  /** Listeners kept so that they can be removed again. */
  /** @type {(() => void) | undefined} */ onSourceEvent;
  /** @type {(() => void) | undefined} */ onChange;
  /** The widget's own data source when it has its own input. @type {any} */ own;

  static get observedAttributes() {
    return ['source', 'lang', 'theme', ...DATA_ATTRIBUTES, ...this.ownAttributes];
  }

  /** Orders for this widget alone (array, CSV/JSON text, or a File). */
  get orders() {
    return this._orders;
  }
  set orders(value) {
    this._orders = value;
    if (this.isConnected && this.root) this.connectSource();
  }

  /** The data source this widget renders (a DataSource); settable to share one directly. */
  get dataSource() {
    return this.src;
  }
  set dataSource(src) {
    this.fixedSource = src;
    if (this.isConnected && this.root) this.connectSource();
  }

  get lang() {
    // The nearest `lang`, also across the shadow roots this widget sits in.
    for (let node = /** @type {any} */ (this); node; node = node.getRootNode().host) {
      const el = node.closest('[lang]');
      if (el) return langOf(el.getAttribute('lang'));
    }
    return langOf(document.documentElement.lang);
  }
  set lang(value) {
    this.setAttribute('lang', value);
  }

  get t() {
    return texts(this.lang);
  }

  connectedCallback() {
    upgradeProperties(this, ['orders', 'events', 'filter', 'dataSource']);
    if (!this.root) {
      this.root = this.attachShadow({ mode: 'open' });
      const style = adopt(this.root, /** @type {typeof Widget} */ (this.constructor).css || '');
      this.statusEl = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
      this.errorsEl = h('div');
      this.bodyEl = h('div', { class: 'body' });
      this.titleEl = h('h2');
      this.subEl = h('p', { class: 'sub' });
      this.root.append(...[style].filter(Boolean), h('section', { class: 'card', part: 'card' }, this.titleEl, this.subEl, this.statusEl, this.errorsEl, this.bodyEl));
    }
    live.add(this);
    watchLanguage();
    this.onSourceEvent ??= () => {
      if (!this.src) this.connectSource();
    };
    document.addEventListener(SOURCE_EVENT, this.onSourceEvent);
    this.connectSource();
  }

  disconnectedCallback() {
    live.delete(this);
    document.removeEventListener(SOURCE_EVENT, this.onSourceEvent);
    this.useSource(null);
    if (this.own) this.own.cancel();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.root || oldValue === newValue) return;
    if (name === 'source' || (DATA_ATTRIBUTES.includes(name) && this.ownsData())) this.connectSource();
    else if (name === 'lang') this.languageChanged();
    else if (name === 'theme') this.themeChanged(newValue);
    else this.update();
  }

  /** Whether the widget has data of its own (`src` or `orders`). */
  ownsData() {
    return readInput(this) !== null;
  }

  /** Finds the source to render: own data, `source="id"`, or the page's only `<stammkunde-data>`. */
  connectSource() {
    if (this.fixedSource) {
      this.useSource(this.fixedSource);
      return;
    }
    const input = readInput(this);
    if (input) {
      this.own ??= new DataSource();
      this.useSource(this.own);
      this.own.load(input, readOptions(this));
      return;
    }
    const id = this.getAttribute('source');
    const el = /** @type {any} */ (id ? document.getElementById(id) : document.querySelector('stammkunde-data'));
    this.useSource(el && el.dataSource ? el.dataSource : null);
  }

  useSource(src) {
    if (src === this.src) {
      this.update();
      return;
    }
    this.onChange ??= () => this.update();
    this.src?.removeEventListener('change', this.onChange);
    this.src = src;
    src?.addEventListener('change', this.onChange);
    this.update();
  }

  /** Widgets nested in this one's shadow root follow its theme. */
  themeChanged(theme) {
    for (const el of this.root.querySelectorAll('[data-nested]')) {
      if (theme) el.setAttribute('theme', theme);
      else el.removeAttribute('theme');
    }
  }

  languageChanged() {
    this.dirty = true;
    this.update();
  }

  /** Formatting helpers bound to the widget's language and currency. */
  get fmt() {
    const lang = this.lang;
    const currency = this.src?.state.summary?.currency || this.getAttribute('currency') || 'EUR';
    return {
      number: (v, d) => fmt.number(v, lang, d),
      money: (v, o) => fmt.money(v, currency, lang, o),
      percent: (v, d) => fmt.percent(v, lang, d),
      date: (v) => fmt.date(v, lang),
    };
  }

  /**
   * The title and subtitle of the card.
   * @param {any} [_summary]
   * @returns {string[]}
   */
  // eslint-disable-next-line no-unused-vars
  heading(_summary) {
    return [this.constructor.name, ''];
  }

  /** Renders in one of the next frames (see renderWaiting). */
  update() {
    if (this.root) scheduleRender(this);
  }

  /** Renders now; returns true when the body was drawn anew (a costly frame). */
  render() {
    if (!this.root) return false;
    let drew = false;
    const t = this.t;
    const state = this.src ? this.src.state : { status: 'none' };
    const summary = state.summary;
    const [title, sub] = this.heading(summary);
    this.titleEl.textContent = title;
    // compact: embedded in another widget, which already shows date and errors
    const compact = this.hasAttribute('compact');
    this.subEl.textContent = compact ? '' : sub || (summary ? t.asOf(this.fmt.date(summary.asOf)) : '');
    this.renderStatus(state, t);
    // while loading only the progress bar changes
    if (state.status !== 'loading' || this.errorsEl.firstChild) this.renderErrors(compact ? null : summary, t);
    // 'partial': segments are there, CLV follows (the CLV widget says so)
    if (state.status === 'ready' || state.status === 'partial') {
      if (this.dirty || summary !== this.drawnSummary || this.lang !== this.drawnLang) {
        this.drawnSummary = summary;
        this.drawnLang = this.lang;
        this.dirty = false;
        const start = performance.now();
        // Nothing read: the panel of rejected rows says why; no cards of zeros.
        const imp = summary.import;
        replace(this.bodyEl, imp && imp.used === 0 && imp.read > 0 ? [] : this.draw(summary));
        // visible in the browser's performance panel, for measuring render cost
        performance.measure?.(`stammkunde:draw:${this.localName}`, { start });
        drew = true;
      }
    } else if (state.status !== 'loading') {
      this.drawnSummary = null;
      this.bodyEl.replaceChildren();
    }
    this.toggleAttribute('ready', state.status === 'ready');
    // which computation is on screen (pages and tests wait for it)
    if (state.status === 'ready' && state.generation !== undefined) this.setAttribute('generation', String(state.generation));
    return drew;
  }

  /** Asks for a full redraw on the next update (after a local state change). */
  redraw() {
    this.dirty = true;
    this.update();
  }

  renderStatus(state, t) {
    const el = this.statusEl;
    switch (state.status) {
      case 'none':
      case 'idle':
        replace(el, h('p', { class: 'muted' }, t.noData));
        break;
      case 'loading':
      case 'partial': {
        const p = state.progress || {};
        const bar = el.querySelector('progress') || h('progress', { max: 1 });
        bar.value = Math.max(0, Math.min(1, p.fraction || 0));
        bar.setAttribute('aria-label', t.computing);
        const label = `${t.phase[p.phase] || t.computing} (${Math.round((p.fraction || 0) * 100)} %)`;
        if (!el.querySelector('progress')) {
          replace(el, h('span', { class: 'phase' }), bar, h('button', { type: 'button', class: 'cancel', onclick: () => this.src?.cancel() }, t.cancel));
        }
        el.querySelector('.phase').textContent = label;
        el.querySelector('.cancel').textContent = t.cancel;
        break;
      }
      case 'cancelled':
        replace(el, h('p', null, t.cancelled), h('button', { type: 'button', class: 'retry', onclick: () => this.src?.reload() }, t.retry));
        break;
      case 'error':
        replace(
          el,
          h('p', { class: 'error' }, t.failed, ' ', ...errorNodes(state.error, this.lang)),
          h('button', { type: 'button', class: 'retry', onclick: () => this.src?.reload() }, t.retry),
        );
        break;
      default:
        el.replaceChildren();
    }
  }

  /** The rejected rows this widget reports: `{ errors, groups, count, read }` (orders; NPS adds the survey). */
  dataErrors(summary) {
    const imp = summary?.import;
    return { errors: imp?.errors || [], groups: imp?.groups || [], count: imp?.rejected || 0, read: imp?.read || 0 };
  }

  /**
   * The rejected rows: one line per cause with its count, an example row
   * and the fix in the widget's language (a button where the fix is a
   * setting), then the first rows one by one, collapsed.
   */
  renderErrors(summary, t) {
    const { errors, groups = [], count, read } = summary ? this.dataErrors(summary) : { errors: [], count: 0, read: 0 };
    if (!errors.length && !count) {
      this.errorsEl.replaceChildren();
      return;
    }
    const n = (v) => this.fmt.number(v);
    const open = this.errorsEl.querySelector('details')?.open || false;
    const [cRow, cField, cReason, cFix] = t.errorCols;
    const more = count - errors.length;
    const causes = groups.slice(0, MAX_CAUSES).map((g) => {
      // (the column causes name the field in their own words)
      const field = g.code === 'missing_column' || g.code === 'bad_mapping' ? g.field : fieldLabel(g.field, this.lang);
      const [cause, fix] = (t.causes[g.code] || t.causes.other)({ ...g, field }, n(g.count));
      const e = g.example || {};
      const value = quoted(e.reason);
      const action =
        g.code === 'currency_mismatch' && this.src?.adjust
          ? h('button', { type: 'button', class: 'fix', 'data-currency': g.currency, onclick: () => this.src.adjust({ currency: g.currency }) }, fix)
          : h('span', { class: 'fix' }, fix);
      return h(
        'li',
        { class: 'cause', 'data-code': g.code, 'data-count': g.count },
        h('strong', null, cause),
        ' ',
        action,
        h('div', { class: 'muted example' }, t.example(e.row ?? null, e.order_id ?? e.orderId ?? null, value)),
        // No text for this cause: the reader's own words, as technical detail.
        t.causes[g.code] && g.code !== 'other' ? null : h('div', { class: 'muted example detail', lang: 'en', title: t.technical }, `${e.reason || ''}; ${e.fix || ''}`),
      );
    });
    replace(
      this.errorsEl,
      h(
        'div',
        { class: 'data-errors', role: 'group', lang: this.lang, 'aria-label': t.rejected(n(count), n(read)) },
        h('p', { class: 'rejected' }, t.rejected(n(count), n(read))),
        causes.length ? h('ul', { class: 'causes' }, causes) : null,
        errors.length
          ? h(
              'details',
              { open },
              h('summary', null, t.showRows(n(errors.length))),
              h(
                'div',
                { class: 'scroll' },
                h(
                  'table',
                  null,
                  h('thead', null, h('tr', null, h('th', null, cRow), h('th', null, cField), h('th', null, cReason), h('th', null, cFix))),
                  h(
                    'tbody',
                    null,
                    errors.map((e) => {
                      // By the row's cause code where it has a text; else the reader's words as technical detail.
                      const code = e.code && e.code !== 'other' && t.reasons[e.code] ? e.code : null;
                      // (a rule's fix is in the page's language already; a currency's names the currency, which the group above has)
                      const fix = !code ? null : code === 'rule' ? e.fix : code === 'currency_mismatch' ? t.currencyRowFix : t.causes[code]({ field: e.field ?? '', currency: null, base: null }, '1')[1];
                      return h(
                        'tr',
                        { 'data-code': e.code || 'other' },
                        h('td', { class: 'num' }, [e.source === 'survey' ? 'NPS ' : '', e.row ?? e.orderId ?? '–'].join('')),
                        h('td', null, fieldLabel(e.field, this.lang)),
                        code ? h('td', null, t.reason(t.reasons[code], quoted(e.reason))) : h('td', { class: 'detail', lang: 'en', title: t.technical }, e.reason ?? ''),
                        code ? h('td', null, fix) : h('td', { class: 'detail', lang: 'en', title: t.technical }, e.fix ?? ''),
                      );
                    }),
                  ),
                ),
                more > 0 ? h('p', { class: 'muted' }, t.moreErrors(n(more))) : null,
              ),
            )
          : null,
        summary && summary.import && summary.import.used === 0 && read > 0 ? h('p', { class: 'error no-usable' }, t.noUsable) : null,
      ),
    );
  }

  /**
   * Subclasses: the body nodes for a summary.
   * @param {any} [_summary]
   * @returns {Node[]}
   */
  // eslint-disable-next-line no-unused-vars
  draw(_summary) {
    return [];
  }
}
