// <stammkunde-segments>: one card per segment (built-in, RFM and custom):
// members, share of customers, share of revenue, what it means and what to do.

import { Widget } from './base.js';
import { h } from './dom.js';
import { aboutSegment } from './i18n.js';

export class SegmentsElement extends Widget {
  static ownAttributes = ['kinds', 'hide-empty'];
  static css = `
    .grid { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); }
    .seg { border: 1px solid var(--_border); border-radius: 8px; padding: .75rem; display: grid; gap: .35rem; align-content: start; background: var(--_bg);
      /* cards out of view are not laid out until scrolled to */
      content-visibility: auto; contain-intrinsic-size: auto 15rem; }
    .seg h3 { margin: 0; font-size: .95rem; display: flex; justify-content: space-between; gap: .5rem; align-items: baseline; }
    .count { font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; }
    .bar { height: .4rem; background: var(--_surface); border-radius: 99px; overflow: hidden; }
    .bar > span { display: block; height: 100%; background: var(--_accent); }
    .shares { display: grid; grid-template-columns: 1fr auto; gap: .15rem .5rem; font-size: .85rem; }
    .about { margin: 0; font-size: .85rem; }
    .action { margin: 0; font-size: .85rem; color: var(--_muted); }
    .action b { color: var(--_fg); font-weight: 600; }
    code { font-size: .8rem; overflow-wrap: anywhere; }
    .totals { margin: 0 0 .75rem; }
  `;

  heading() {
    return [this.t.segmentsTitle, ''];
  }

  draw(summary) {
    const { t, fmt, lang } = this;
    const kinds = (this.getAttribute('kinds') || '').split(/\s+/).filter(Boolean);
    const hideEmpty = this.hasAttribute('hide-empty');
    const list = summary.segments.filter((s) => (!kinds.length || kinds.includes(s.kind)) && (!hideEmpty || s.count > 0));
    const en = lang === 'en';
    const kindLabel = { rfm: 'RFM', builtin: en ? 'built-in' : 'Standard', rule: t.customSegment, custom: t.customSegment, abc: 'ABC', product: en ? 'product' : 'Produkt', category: en ? 'category' : 'Kategorie' };
    const totals = h(
      'p',
      { class: 'totals', 'data-customers': summary.customers, 'data-revenue': summary.revenue },
      h('b', null, fmt.number(summary.customers)),
      ` ${t.customers} · ${t.revenue} `,
      h('b', null, fmt.money(summary.revenue)),
    );
    return [totals, h(
      'div',
      { class: 'grid', role: 'list' },
      list.map((seg) => {
        const name = (seg.name && (seg.name[lang] || seg.name.en || seg.name.de)) || seg.id;
        const about = aboutSegment(seg.id, lang);
        return h(
          'article',
          { class: 'seg', role: 'listitem', 'data-segment': seg.id, 'aria-label': name },
          h('h3', null, h('span', { class: 'name' }, name), h('span', { class: 'badge' }, kindLabel[seg.kind] || seg.kind)),
          h('div', null, h('span', { class: 'count', 'data-count': seg.count }, fmt.number(seg.count)), ' ', h('span', { class: 'muted' }, t.members)),
          h(
            'div',
            { class: 'shares' },
            h('span', null, t.customerShare),
            h('span', { class: 'num', 'data-customer-share': seg.customerShare }, fmt.percent(seg.customerShare)),
            h('div', { class: 'bar', style: 'grid-column: 1 / -1', 'aria-hidden': 'true' }, h('span', { style: `width:${(100 * Math.min(1, seg.customerShare || 0)).toFixed(1)}%` })),
            h('span', null, t.revenueShare),
            h('span', { class: 'num', 'data-revenue-share': seg.revenueShare }, fmt.percent(seg.revenueShare)),
            h('div', { class: 'bar', style: 'grid-column: 1 / -1', 'aria-hidden': 'true' }, h('span', { style: `width:${(100 * Math.min(1, seg.revenueShare || 0)).toFixed(1)}%` })),
          ),
          about ? h('p', { class: 'about' }, about.meaning) : null,
          about ? h('p', { class: 'action' }, h('b', null, `${t.suggested}: `), about.action) : null,
          !about && seg.rule ? h('p', { class: 'about' }, h('code', null, seg.rule)) : null,
          h(
            'button',
            {
              type: 'button',
              onclick: () =>
                this.dispatchEvent(new CustomEvent('stammkunde:select', { bubbles: true, composed: true, detail: { segment: seg.id, label: name } })),
            },
            t.showMembers,
          ),
        );
      }),
    )];
  }
}
