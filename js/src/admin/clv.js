// <stammkunde-clv>: the distribution of predicted customer value, the most
// valuable customers and how many are probably still active.

import { Widget, errorNodes } from './base.js';
import { h, s } from './dom.js';
import { axes, bars, frame, leftFor, CHART_CSS } from './charts.js';
import { niceStep } from './model.js';

export class ClvElement extends Widget {
  static css = CHART_CSS + `
    .chart { max-width: 34rem; }
    .kpis { display: flex; flex-wrap: wrap; gap: 1.25rem; margin-bottom: .5rem; }
    .kpi b { display: block; font-size: 1.3rem; font-variant-numeric: tabular-nums; }
    .bands { display: grid; gap: .35rem .75rem; grid-template-columns: minmax(8rem, max-content) minmax(4rem, 1fr) max-content; align-items: center; font-size: .85rem; }
    .band { display: contents; }
    .band .bar { height: .6rem; background: var(--_surface); border-radius: 99px; overflow: hidden; }
    .band .bar span { display: block; height: 100%; }
    .band[data-band=low] .bar span { background: var(--_bad); }
    .band[data-band=mid] .bar span { background: var(--_warn); }
    .band[data-band=high] .bar span { background: var(--_good); }
    td.key { overflow-wrap: anywhere; }
    .warn { color: var(--_warn); font-size: .85rem; }
    .note { font-size: .85rem; margin: .5rem 0 0; }
  `;

  heading(summary) {
    const clv = summary?.clv;
    return [this.t.clvTitle, clv && clv.ok && clv.horizonMonths ? this.t.clvHorizon(clv.horizonMonths) : ''];
  }

  draw(summary) {
    const { t, fmt } = this;
    const clv = summary.clv;
    // still computing (segments are drawn first): the progress bar above says how far
    // Said in the widget's language when drawn, whatever the language at computing time.
    if (clv.pending) return h('p', { class: 'pending muted' }, t.clvPending);
    if (clv.cancelled) return h('p', { class: 'unavailable' }, h('strong', null, t.clvUnavailable), ' ', t.clvCancelled);
    if (!clv.ok) return h('p', { class: 'unavailable' }, h('strong', null, t.clvUnavailable), ' ', ...errorNodes(clv.error || { message: clv.message }, this.lang));
    const hist = clv.histogram;
    const items = hist.bins.map((b) => ({ value: b.count, title: `${fmt.money(b.from)} – ${fmt.money(b.to)}: ${fmt.number(b.count)}` }));
    const maxCount = Math.max(1, ...items.map((i) => i.value));
    const yStep = niceStep(maxCount / 4);
    const yMax = yStep * Math.ceil(maxCount / yStep);
    // ticks at multiples of the 1-2-5 step: 0, 500, 1.000, 1.500 (not quarters such as 375)
    const yTicks = [];
    for (let v = 0; v <= yMax; v += yStep) yTicks.push([v, fmt.number(v)]);
    const f = frame({ width: 400, height: 220, left: leftFor(yTicks.map(([, l]) => l)), y1: yMax });
    const svg = s('svg', { viewBox: `0 0 ${f.width} ${f.height}`, class: 'chart histogram', role: 'img', 'aria-label': t.clvDistribution });
    svg.append(s('title', null, t.clvDistribution));
    // Bars of equal width for bins that grow in 1-2-5 steps: ticks at the bin edges.
    const n = items.length || 1;
    const bw = f.w / n;
    const every = Math.max(1, Math.ceil(n / 5));
    const xTicks = [];
    for (let i = 0; i <= hist.bins.length; i += every) {
      const edge = i < hist.bins.length ? hist.bins[i].from : hist.bins[i - 1].to;
      xTicks.push([i, fmt.money(edge, { whole: true })]);
    }
    const xf = { ...f, x: (i) => f.left + i * bw };
    svg.append(axes(xf, xTicks, yTicks, { xLabel: t.clvPredicted, yLabel: t.customers }));
    svg.append(bars(f, items));

    const bands = h(
      'div',
      { class: 'bands', role: 'list', 'aria-label': t.clvAlive },
      clv.bands.map((b) => {
        const share = clv.customers ? b.count / clv.customers : 0;
        return h(
          'div',
          { class: 'band', role: 'listitem', 'data-band': b.id, 'data-count': b.count },
          h('span', null, t.bands[b.id]),
          h('div', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: `width:${(100 * share).toFixed(1)}%` })),
          h('span', { class: 'num' }, `${fmt.number(b.count)} (${fmt.percent(share, 0)})`),
        );
      }),
    );
    const top = h(
      'table',
      { class: 'top' },
      h('thead', null, h('tr', null, h('th', null, t.customer), h('th', { class: 'num' }, t.clvPredicted), h('th', { class: 'num' }, t.pAlive), h('th', { class: 'num' }, t.orders), h('th', { class: 'num' }, t.revenue))),
      h(
        'tbody',
        null,
        clv.top.map((r) =>
          h(
            'tr',
            { 'data-key': r.key },
            h('td', { class: 'key' }, r.key),
            h('td', { class: 'num' }, fmt.money(r.clv)),
            h('td', { class: 'num' }, fmt.percent(r.pAlive, 0)),
            h('td', { class: 'num' }, fmt.number(r.orders)),
            h('td', { class: 'num' }, fmt.money(r.revenue)),
          ),
        ),
      ),
    );
    return [
      h(
        'div',
        { class: 'kpis' },
        h('div', { class: 'kpi' }, h('span', { class: 'muted' }, t.customers), h('b', { 'data-count': clv.customers }, fmt.number(clv.customers))),
        h('div', { class: 'kpi' }, h('span', { class: 'muted' }, 'Ø CLV'), h('b', null, fmt.money(clv.mean))),
        h('div', { class: 'kpi' }, h('span', { class: 'muted' }, 'Median'), h('b', null, fmt.money(clv.median))),
        h('div', { class: 'kpi' }, h('span', { class: 'muted' }, 'Σ CLV'), h('b', null, fmt.money(clv.total))),
      ),
      h('h3', null, t.clvDistribution),
      svg,
      h('h3', null, t.clvAlive),
      bands,
      h('p', { class: 'note muted', 'data-one-time-active': clv.oneTimeActive ?? 0 }, clv.model === 'pareto_nbd' ? t.clvAliveNotePareto() : t.clvAliveNote(fmt.number(clv.oneTimeActive ?? 0))),
      h('h3', null, t.clvTop),
      h('div', { class: 'scroll' }, top),
      clv.warnings.map((w) => h('p', { class: 'warn' }, w)),
    ];
  }
}
