// <stammkunde-campaigns>: popup performance from the storefront's event log
// (format in events.js): shown, action, dismissed per popup type, and the
// uplift in order rate against the holdout group with a 95 % interval.
// Reads its own data: `src` (URL of the JSON log) or the `events` property.

import { Widget, errorNodes } from './base.js';
import { h, replace } from './dom.js';
import { sharedClient } from './client.js';

export class CampaignsElement extends Widget {
  static ownAttributes = ['attribution-days'];
  static css = `
    td.ci { white-space: nowrap; }
    .sig { color: var(--_good); font-weight: 600; }
    .ns { color: var(--_muted); }
    .neg { color: var(--_bad); font-weight: 600; }
  `;

  get events() {
    return this._events;
  }
  set events(value) {
    this._events = value;
    if (this.isConnected && this.root) this.connectSource();
  }

  ownsData() {
    return true;
  }

  /** Campaign figures are computed in the shared worker, not from order data. */
  connectSource() {
    const src = this.getAttribute('src');
    const input = this._events ? { events: this._events } : src ? { url: new URL(src, document.baseURI).href } : null;
    const days = Number(this.getAttribute('attribution-days'));
    const options = { attributionDays: Number.isFinite(days) && days > 0 ? days : 7 };
    const seq = (this.seq = (this.seq || 0) + 1);
    this.src = null;
    if (!input) {
      this.stats = null;
      this.state = { status: 'empty' };
      this.update();
      return;
    }
    this.state = { status: 'loading' };
    this.update();
    sharedClient()
      .request('campaigns', { input, options })
      .then(
        (stats) => seq === this.seq && ((this.state = { status: 'ready', stats }), this.redraw()),
        (e) => seq === this.seq && ((this.state = { status: 'error', error: { message: e.message, ...(e.detail || {}) } }), this.update()),
      );
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.root || oldValue === newValue) return;
    if (name === 'src' || name === 'attribution-days') this.connectSource();
    else this.languageChanged();
  }

  heading() {
    return [this.t.campaignsTitle, ''];
  }

  dataErrors(stats) {
    return { errors: stats.errors.slice(0, 500), groups: [], count: stats.errors.length, read: stats.events + stats.errors.length };
  }

  render() {
    if (!this.root) return;
    const t = this.t;
    const st = this.state || { status: 'empty' };
    this.titleEl.textContent = t.campaignsTitle;
    this.subEl.textContent =
      st.status === 'ready' && st.stats.from !== null ? `${this.fmt.date(st.stats.from / 1000)} – ${this.fmt.date(st.stats.to / 1000)}` : '';
    this.statusEl.replaceChildren();
    if (st.status === 'loading') replace(this.statusEl, h('progress', { 'aria-label': t.loading }), h('span', null, t.loading));
    if (st.status === 'error') replace(this.statusEl, h('p', { class: 'error' }, t.failed, ' ', ...errorNodes(st.error, this.lang)));
    if (st.status === 'empty') replace(this.statusEl, h('p', { class: 'muted' }, t.noEvents));
    this.renderErrors(st.status === 'ready' ? st.stats : null, t);
    if (st.status === 'ready' && (this.dirty || this.drawnLang !== this.lang || this.drawnStats !== st.stats)) {
      this.dirty = false;
      this.drawnLang = this.lang;
      this.drawnStats = st.stats;
      replace(this.bodyEl, this.draw(st.stats));
      this.toggleAttribute('ready', true);
      return true;
    } else if (st.status !== 'ready') this.bodyEl.replaceChildren();
    this.toggleAttribute('ready', st.status === 'ready');
    return false;
  }

  draw(stats) {
    const { t, fmt } = this;
    const pp = (v) => `${v > 0 ? '+' : ''}${fmt.number(v * 100, 1)} ${t.pp}`;
    const rate = (v) => (v === null ? '–' : fmt.percent(v));
    return [
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          null,
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', null, ''),
              h('th', { class: 'num' }, t.shown),
              h('th', { class: 'num' }, t.converted),
              h('th', { class: 'num' }, t.dismissed),
              h('th', { class: 'num' }, t.holdout),
              h('th', { class: 'num' }, `${t.orderRate} (Popup)`),
              h('th', { class: 'num' }, `${t.orderRate} (${t.holdout})`),
              h('th', { class: 'num' }, t.uplift),
            ),
          ),
          h(
            'tbody',
            null,
            stats.rows.map((r) => {
              const u = r.uplift;
              const cls = !u ? 'ns' : u.lower > 0 ? 'sig' : u.upper < 0 ? 'neg' : 'ns';
              return h(
                'tr',
                { 'data-kind': r.kind, 'data-shown': r.shown, 'data-converted': r.converted, 'data-dismissed': r.dismissed },
                h('th', { scope: 'row' }, t.kinds[r.kind] || r.kind),
                h('td', { class: 'num' }, fmt.number(r.shown)),
                h('td', { class: 'num' }, `${fmt.number(r.converted)} (${rate(r.conversionRate)})`),
                h('td', { class: 'num' }, `${fmt.number(r.dismissed)} (${rate(r.dismissRate)})`),
                h('td', { class: 'num' }, fmt.number(r.control.visitors)),
                h('td', { class: 'num' }, `${rate(r.treated.rate)} (${fmt.number(r.treated.ordered)}/${fmt.number(r.treated.visitors)})`),
                h('td', { class: 'num' }, `${rate(r.control.rate)} (${fmt.number(r.control.ordered)}/${fmt.number(r.control.visitors)})`),
                h(
                  'td',
                  { class: `num ci ${cls}`, 'data-uplift': u ? u.difference : '', 'data-lower': u ? u.lower : '', 'data-upper': u ? u.upper : '' },
                  u ? `${pp(u.difference)} [${pp(u.lower)}; ${pp(u.upper)}]` : '–',
                  u ? h('span', { class: 'sr' }, ` ${u.significant ? t.significant : t.notSignificant}`) : null,
                ),
              );
            }),
          ),
        ),
      ),
      h('p', { class: 'sub' }, t.upliftNote(stats.attributionDays)),
    ];
  }
}
