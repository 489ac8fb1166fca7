// <stammkunde-nps>: Net Promoter Score with promoters, passives and
// detractors, overall and per segment.

import { Widget } from './base.js';
import { h } from './dom.js';

export class NpsElement extends Widget {
  static css = `
    .overall { display: flex; flex-wrap: wrap; gap: 1.25rem; align-items: center; }
    .score { font-size: 2.4rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    .stack { display: flex; height: 1.1rem; border-radius: 99px; overflow: hidden; background: var(--_surface); min-width: 12rem; flex: 1 1 16rem; }
    .stack span { display: block; height: 100%; }
    .p { background: var(--_good); } .n { background: var(--_muted); } .d { background: var(--_bad); }
    .legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; margin: .5rem 0; }
    .dot { display: inline-block; width: .7rem; height: .7rem; border-radius: 50%; margin-right: .3rem; vertical-align: -.05rem; }
  `;

  /** Order errors and the survey's rejected answers (marked "NPS"). */
  dataErrors(summary) {
    const own = super.dataErrors(summary);
    const nps = summary.nps;
    if (!nps) return own;
    const survey = (nps.errors || []).map((e) => ({ ...e, source: 'survey' }));
    return { errors: [...own.errors, ...survey], groups: own.groups, count: own.count + (nps.rejected ?? survey.length), read: own.read + (nps.read || 0) };
  }

  heading() {
    return [this.t.npsTitle, ''];
  }

  draw(summary) {
    const { t, fmt, lang } = this;
    const nps = summary.nps;
    if (!nps || !nps.overall) return h('p', { class: 'muted' }, t.noSurvey);
    const o = nps.overall;
    const share = (n, total) => (total ? n / total : 0);
    const stack = (x) =>
      h(
        'div',
        { class: 'stack', 'aria-hidden': 'true' },
        h('span', { class: 'p', style: `width:${(100 * share(x.promoters, x.answers)).toFixed(2)}%` }),
        h('span', { class: 'n', style: `width:${(100 * share(x.passives, x.answers)).toFixed(2)}%` }),
        h('span', { class: 'd', style: `width:${(100 * share(x.detractors, x.answers)).toFixed(2)}%` }),
      );
    const score = (v) => (Number.isFinite(v) ? (v > 0 ? `+${fmt.number(v)}` : fmt.number(v)) : '–');
    const names = Object.fromEntries(summary.segments.map((x) => [x.id, (x.name && (x.name[lang] || x.name.en)) || x.id]));
    const rows = (nps.segments || []).filter((x) => x.answers > 0);
    return [
      h(
        'div',
        { class: 'overall' },
        h('div', null, h('div', { class: 'muted' }, t.overall), h('div', { class: 'score', 'data-score': o.score }, score(o.score))),
        stack(o),
      ),
      h(
        'div',
        { class: 'legend' },
        h('span', { 'data-promoters': o.promoters }, h('span', { class: 'dot p' }), `${t.promoters}: ${fmt.number(o.promoters)} (${fmt.percent(share(o.promoters, o.answers), 0)})`),
        h('span', { 'data-passives': o.passives }, h('span', { class: 'dot n' }), `${t.passives}: ${fmt.number(o.passives)} (${fmt.percent(share(o.passives, o.answers), 0)})`),
        h('span', { 'data-detractors': o.detractors }, h('span', { class: 'dot d' }), `${t.detractors}: ${fmt.number(o.detractors)} (${fmt.percent(share(o.detractors, o.answers), 0)})`),
        h('span', { class: 'muted', 'data-answers': o.answers }, `${t.answers}: ${fmt.number(o.answers)}`),
      ),
      rows.length
        ? h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'per-segment' },
              h('thead', null, h('tr', null, h('th', null, t.segment), h('th', { class: 'num' }, 'NPS'), h('th', { class: 'num' }, t.answers), h('th', null, ''))),
              h(
                'tbody',
                null,
                rows.map((x) =>
                  h(
                    'tr',
                    { 'data-segment': x.id },
                    h('td', null, names[x.id] || x.id),
                    h('td', { class: 'num', 'data-score': x.score }, score(x.score)),
                    h('td', { class: 'num' }, fmt.number(x.answers)),
                    h('td', { style: 'width:40%' }, stack(x)),
                  ),
                ),
              ),
            ),
          )
        : null,
    ];
  }
}
