// <stammkunde-rfm>: the R×F grid as a heatmap. Click a cell (or focus it and
// press Enter) to list its customers; arrow keys move between cells.

import { Widget } from './base.js';
import { h, s } from './dom.js';

const CELL_W = 56;
const CELL_H = 46;
const LEFT = 34;
const TOP = 6;

export class RfmElement extends Widget {
  static css = `
    .cell rect.bg { fill: var(--_surface); }
    .cell rect.heat { fill: var(--_heat); }
    .cell text { font-size: 13px; font-weight: 600; fill: var(--_fg); pointer-events: none; }
    .cell text.on { fill: var(--_accent-fg); }
    .cell { cursor: pointer; outline: none; }
    .cell:focus-visible rect.ring, .cell[aria-pressed=true] rect.ring { stroke: var(--_focus); stroke-width: 3; }
    .cell rect.ring { fill: none; stroke: transparent; }
    .chart { max-width: 26rem; }
    .hint { font-size: .8rem; }
    .picked { margin-top: .75rem; border-top: 1px solid var(--_border); padding-top: .5rem; }
    .picked header { display: flex; justify-content: space-between; align-items: center; gap: .5rem; }
    .picked h3 { margin: 0; }
  `;

  heading() {
    return [this.t.rfmTitle, ''];
  }

  draw(summary) {
    const { t, fmt, lang } = this;
    const { cells, max } = summary.rfm;
    const names = Object.fromEntries(summary.segments.map((x) => [x.id, (x.name && (x.name[lang] || x.name.en)) || x.id]));
    const width = LEFT + 5 * CELL_W;
    const height = TOP + 5 * CELL_H + 34;
    const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'grid', 'aria-label': t.rfmTitle });
    for (let i = 0; i < 5; i++) {
      const r = 5 - i;
      svg.append(s('text', { x: LEFT - 8, y: TOP + i * CELL_H + CELL_H / 2 + 4, 'text-anchor': 'end' }, String(r)));
      svg.append(s('text', { x: LEFT + i * CELL_W + CELL_W / 2, y: TOP + 5 * CELL_H + 14, 'text-anchor': 'middle' }, String(i + 1)));
    }
    svg.append(s('text', { x: LEFT + 2.5 * CELL_W, y: height - 2, 'text-anchor': 'middle' }, t.rfmFrequency));
    svg.append(s('text', { x: 10, y: TOP + 2.5 * CELL_H, 'text-anchor': 'middle', transform: `rotate(-90 10 ${TOP + 2.5 * CELL_H})` }, t.rfmRecency));
    this.cellEls = [];
    const rows = Array.from({ length: 5 }, () => s('g', { role: 'row' }));
    svg.append(...rows);
    cells.forEach((cell, idx) => {
      const row = Math.floor(idx / 5);
      const col = idx % 5;
      const x = LEFT + col * CELL_W;
      const y = TOP + row * CELL_H;
      const share = max ? cell.count / max : 0;
      const label = `${t.rfmCell(cell.r, cell.f, fmt.number(cell.count))}${cell.segment ? ` (${names[cell.segment] || cell.segment})` : ''}`;
      const selected = this.picked && this.picked.r === cell.r && this.picked.f === cell.f;
      const g = s(
        'g',
        {
          class: 'cell',
          role: 'gridcell',
          tabindex: (this.focusIdx ?? 0) === idx ? 0 : -1,
          'aria-label': label,
          'aria-pressed': selected ? 'true' : 'false',
          'data-r': cell.r,
          'data-f': cell.f,
          'data-count': cell.count,
          onclick: () => this.pick(cell),
          onkeydown: (e) => this.key(e, idx, cell),
        },
        s('title', null, label),
        s('rect', { class: 'bg', x: x + 2, y: y + 2, width: CELL_W - 4, height: CELL_H - 4, rx: 5 }),
        s('rect', { class: 'heat', x: x + 2, y: y + 2, width: CELL_W - 4, height: CELL_H - 4, rx: 5, style: `fill-opacity:${cell.count ? (0.12 + 0.88 * share).toFixed(3) : 0}` }),
        s('rect', { class: 'ring', x: x + 2, y: y + 2, width: CELL_W - 4, height: CELL_H - 4, rx: 5 }),
        s('text', { x: x + CELL_W / 2, y: y + CELL_H / 2 + 5, 'text-anchor': 'middle', class: share > 0.55 ? 'on' : '' }, fmt.number(cell.count)),
      );
      this.cellEls.push(g);
      rows[row].append(g);
    });
    this.pickedEl = h('div', { class: 'picked', hidden: !this.picked });
    if (this.picked) this.fillPicked();
    return [h('p', { class: 'hint muted' }, t.rfmHint), svg, this.pickedEl];
  }

  key(e, idx, cell) {
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -5, ArrowDown: 5, Home: -idx % 5, End: 4 - (idx % 5) };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.pick(cell);
    } else if (e.key in moves) {
      e.preventDefault();
      let next = idx + moves[e.key];
      if ((e.key === 'ArrowLeft' && idx % 5 === 0) || (e.key === 'ArrowRight' && idx % 5 === 4)) next = idx;
      if (next < 0 || next > 24) return;
      this.cellEls[idx].setAttribute('tabindex', '-1');
      this.cellEls[next].setAttribute('tabindex', '0');
      this.cellEls[next].focus();
      this.focusIdx = next;
    }
  }

  /** Opens the members of a cell below the grid and tells the page. */
  pick(cell) {
    this.picked = { r: cell.r, f: cell.f };
    this.focusIdx = this.cellEls.findIndex((g) => g.dataset.r === String(cell.r) && g.dataset.f === String(cell.f));
    for (const g of this.cellEls) g.setAttribute('aria-pressed', String(g.dataset.r === String(cell.r) && g.dataset.f === String(cell.f)));
    this.fillPicked();
    this.dispatchEvent(new CustomEvent('stammkunde:select', { bubbles: true, composed: true, detail: { cell: { ...this.picked }, label: this.t.rfmSelected(cell.r, cell.f) } }));
  }

  fillPicked() {
    const { t } = this;
    const { r, f } = this.picked;
    if (!this.members) {
      // by tag name: a second copy of the script must not construct its own class
      this.members = /** @type {any} */ (document.createElement('stammkunde-members'));
      this.members.setAttribute('compact', '');
      this.members.setAttribute('data-nested', '');
      if (this.hasAttribute('theme')) this.members.setAttribute('theme', this.getAttribute('theme'));
    }
    this.members.filter = { cell: { r, f } };
    this.members.dataSource = this.src;
    this.pickedEl.hidden = false;
    this.pickedEl.replaceChildren(
      h(
        'header',
        null,
        h('h3', null, t.rfmSelected(r, f)),
        h('button', { type: 'button', class: 'close', onclick: () => this.closePicked() }, t.close),
      ),
      this.members,
    );
  }

  closePicked() {
    this.picked = null;
    this.pickedEl.hidden = true;
    for (const g of this.cellEls) g.setAttribute('aria-pressed', 'false');
    this.cellEls[this.focusIdx ?? 0]?.focus();
  }
}
