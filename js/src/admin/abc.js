// <stammkunde-abc>: the Pareto curve (share of customers → cumulative share
// of revenue) with the A/B/C boundaries, and a summary table.

import { Widget } from './base.js';
import { h, s, r2 } from './dom.js';
import { axes, frame, leftFor, linePath, CHART_CSS } from './charts.js';

export class AbcElement extends Widget {
  static css = CHART_CSS + `
    .chart { max-width: 34rem; }
    td button { min-height: 0; padding: .1rem .5rem; }
  `;

  heading() {
    return [this.t.abcTitle, ''];
  }

  draw(summary) {
    const { t, fmt } = this;
    const abc = summary.abc;
    const pct = (v) => fmt.percent(v, 0);
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((v) => [v, pct(v)]);
    const f = frame({ width: 400, height: 250, left: leftFor(ticks.map(([, l]) => l)) });
    const svg = s('svg', { viewBox: `0 0 ${f.width} ${f.height}`, class: 'chart', role: 'img', 'aria-label': t.abcCurve });
    svg.append(s('title', null, t.abcCurve));
    svg.append(axes(f, ticks, ticks, { xLabel: t.customerShare, yLabel: t.revenueShare }));
    const pts = abc.curve;
    svg.append(s('path', { class: 'area', d: `${linePath(f, pts)}L${r2(f.x(1))} ${r2(f.y(0))}L${r2(f.x(0))} ${r2(f.y(0))}Z` }));
    svg.append(s('path', { class: 'curve', d: linePath(f, pts) }));
    const [xA, xB] = abc.boundaries;
    const edges = [0, xA, xB, 1];
    for (const [i, x] of [xA, xB].entries()) {
      svg.append(s('line', { class: 'bound', x1: r2(f.x(x)), y1: f.top, x2: r2(f.x(x)), y2: f.top + f.h, 'data-boundary': ['A', 'B'][i] }));
    }
    ['A', 'B', 'C'].forEach((cls, i) => {
      const mid = (edges[i] + edges[i + 1]) / 2;
      if (edges[i + 1] - edges[i] > 0.02) svg.append(s('text', { class: 'cls', x: r2(f.x(mid)), y: f.top + f.h - 8, 'text-anchor': 'middle' }, cls));
    });
    const table = h(
      'table',
      { class: 'classes' },
      h(
        'thead',
        null,
        h('tr', null, h('th', null, t.abcClass), h('th', { class: 'num' }, t.customers), h('th', { class: 'num' }, t.customerShare), h('th', { class: 'num' }, t.revenue), h('th', { class: 'num' }, t.revenueShare), h('th')),
      ),
      h(
        'tbody',
        null,
        abc.classes.map((c) =>
          h(
            'tr',
            { 'data-class': c.cls },
            h('th', { scope: 'row' }, c.cls),
            h('td', { class: 'num', 'data-count': c.count }, fmt.number(c.count)),
            h('td', { class: 'num' }, fmt.percent(c.customerShare)),
            h('td', { class: 'num' }, fmt.money(c.revenue)),
            h('td', { class: 'num' }, fmt.percent(c.revenueShare)),
            h(
              'td',
              null,
              h(
                'button',
                {
                  type: 'button',
                  'aria-label': `${t.showMembers}: ${c.cls}`,
                  onclick: () => this.dispatchEvent(new CustomEvent('stammkunde:select', { bubbles: true, composed: true, detail: { abc: c.cls, label: `${t.abcClass} ${c.cls}` } })),
                },
                t.showMembers,
              ),
            ),
          ),
        ),
      ),
    );
    const b = abc.bounds || {};
    const note = b.a ? h('p', { class: 'sub' }, `A ≤ ${pct(b.a)} · B ≤ ${pct(b.b)} · C`) : null;
    return [svg, note, h('div', { class: 'scroll' }, table)];
  }
}
