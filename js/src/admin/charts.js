// Hand-written SVG charts: axes, a line chart and a bar histogram. Sizes are
// in viewBox units; the SVG scales to its container.

import { s, r2 } from './dom.js';

/** A frame with x/y scales for data in [x0, x1] × [y0, y1]. */
export function frame({ width = 400, height = 240, left = 44, right = 12, top = 12, bottom = 34, x0 = 0, x1 = 1, y0 = 0, y1 = 1 } = {}) {
  const w = width - left - right;
  const hgt = height - top - bottom;
  return {
    width,
    height,
    left,
    top,
    w,
    h: hgt,
    x: (v) => left + ((v - x0) / (x1 - x0 || 1)) * w,
    y: (v) => top + hgt - ((v - y0) / (y1 - y0 || 1)) * hgt,
  };
}

/**
 * Axis lines, ticks and labels. `xTicks`/`yTicks`: [[value, label]].
 * @param {{ xLabel?: string, yLabel?: string }} [labels]
 */
export function axes(f, xTicks, yTicks, labels = {}) {
  const { xLabel, yLabel } = labels;
  const g = s('g', { class: 'axes', 'aria-hidden': 'true' });
  g.append(s('line', { class: 'axis', x1: f.left, y1: f.top + f.h, x2: f.left + f.w, y2: f.top + f.h }));
  g.append(s('line', { class: 'axis', x1: f.left, y1: f.top, x2: f.left, y2: f.top + f.h }));
  for (const [v, label] of xTicks) {
    const x = r2(f.x(v));
    g.append(s('line', { class: 'tick', x1: x, y1: f.top + f.h, x2: x, y2: f.top + f.h + 4 }));
    g.append(s('text', { x, y: f.top + f.h + 16, 'text-anchor': 'middle' }, label));
  }
  for (const [v, label] of yTicks) {
    const y = r2(f.y(v));
    g.append(s('line', { class: 'grid', x1: f.left, y1: y, x2: f.left + f.w, y2: y }));
    g.append(s('text', { x: f.left - 6, y: y + 4, 'text-anchor': 'end' }, label));
  }
  if (xLabel) g.append(s('text', { x: f.left + f.w / 2, y: f.height - 2, 'text-anchor': 'middle' }, xLabel));
  if (yLabel) g.append(s('text', { x: 10, y: f.top + f.h / 2, 'text-anchor': 'middle', transform: `rotate(-90 10 ${r2(f.top + f.h / 2)})` }, yLabel));
  return g;
}

/** The SVG path of a polyline through [[x, y]] data points. */
export function linePath(f, points) {
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${r2(f.x(x))} ${r2(f.y(y))}`).join('');
}

/** Bars for [{ label, value, title }]: one per bin, equal widths. */
export function bars(f, items) {
  const g = s('g', { class: 'bars' });
  const n = items.length || 1;
  const bw = f.w / n;
  items.forEach((item, i) => {
    const y = f.y(item.value);
    g.append(
      s(
        'rect',
        {
          class: item.className || 'bar',
          x: r2(f.left + i * bw + 1),
          y: r2(y),
          width: r2(Math.max(1, bw - 2)),
          height: r2(Math.max(0, f.top + f.h - y)),
          'data-count': item.value,
        },
        s('title', null, item.title),
      ),
    );
  });
  return g;
}

export const CHART_CSS = `
  .axes .axis { stroke: var(--_muted); }
  .axes .tick { stroke: var(--_muted); }
  .axes .grid { stroke: var(--_border); stroke-dasharray: 2 3; }
  .bars rect.bar { fill: var(--_accent); }
  .bars rect.overflow { fill: var(--_muted); }
  path.curve { fill: none; stroke: var(--_accent); stroke-width: 2.5; }
  path.area { fill: var(--_accent); fill-opacity: .12; stroke: none; }
  line.bound { stroke: var(--_fg); stroke-dasharray: 4 3; stroke-width: 1; }
  text.cls { fill: var(--_fg); font-weight: 700; font-size: 13px; }
`;
