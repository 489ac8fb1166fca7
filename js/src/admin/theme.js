// Shared styles of the widgets. Everything themable is a CSS custom
// property with a --stammkunde- prefix, set on the page (any ancestor) or on
// the element; the widgets' own defaults live in --_ variables so page
// values always win. `theme="dark"` forces the dark defaults,
// `theme="light"` the light ones; without it the system preference decides.

const LIGHT = `
  --_bg: var(--stammkunde-bg, #ffffff);
  --_fg: var(--stammkunde-fg, #1d2733);
  --_muted: var(--stammkunde-muted, #5b6675);
  --_border: var(--stammkunde-border, #d8dde4);
  --_surface: var(--stammkunde-surface, #f4f6f8);
  --_accent: var(--stammkunde-accent, #b4532a);
  --_accent-fg: var(--stammkunde-accent-fg, #ffffff);
  --_heat: var(--stammkunde-heat, #b4532a);
  --_good: var(--stammkunde-good, #1f7a4d);
  --_bad: var(--stammkunde-bad, #b42318);
  --_warn: var(--stammkunde-warn, #8a5a00);
  --_focus: var(--stammkunde-focus, #1a5fb4);
  color-scheme: light;`;
const DARK = `
  --_bg: var(--stammkunde-bg, #1b2129);
  --_fg: var(--stammkunde-fg, #e8ecf1);
  --_muted: var(--stammkunde-muted, #a4afbd);
  --_border: var(--stammkunde-border, #39434f);
  --_surface: var(--stammkunde-surface, #252d37);
  --_accent: var(--stammkunde-accent, #f08a5d);
  --_accent-fg: var(--stammkunde-accent-fg, #1b2129);
  --_heat: var(--stammkunde-heat, #f08a5d);
  --_good: var(--stammkunde-good, #5cc98f);
  --_bad: var(--stammkunde-bad, #ff8a80);
  --_warn: var(--stammkunde-warn, #f2c14e);
  --_focus: var(--stammkunde-focus, #8ab4f8);
  color-scheme: dark;`;

// contain: each widget lays out and paints on its own, so drawing one
// widget does not make the browser redo the whole page.
export const CSS = `
:host { display: block; contain: content; ${LIGHT}
  font: var(--stammkunde-font, 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--_fg); min-width: 0; }
@media (prefers-color-scheme: dark) { :host(:not([theme=light])) { ${DARK} } }
:host([theme=dark]) { ${DARK} }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.card { background: var(--_bg); border: 1px solid var(--_border);
  border-radius: var(--stammkunde-radius, 10px); padding: 1rem; min-width: 0; container-type: inline-size; position: relative; }
:host([compact]) .card { border: 0; padding: 0; background: transparent; }
:host([compact]) h2, :host([compact]) .sub:empty { display: none; }
h2 { font-size: 1.05rem; margin: 0 0 .25rem; }
h3 { font-size: .95rem; margin: 1rem 0 .4rem; }
.sub { color: var(--_muted); font-size: .85rem; margin: 0 0 .75rem; }
.muted { color: var(--_muted); }
/* the engine's own (English) words, secondary to the translated text */
.detail { color: var(--_muted); font-size: .85em; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { padding: .35rem .5rem; border-bottom: 1px solid var(--_border); text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--_muted); font-size: .8rem; }
.scroll { overflow-x: auto; max-width: 100%; position: relative; }
button, select, input { font: inherit; color: inherit; }
button { background: var(--_surface); border: 1px solid var(--_border); border-radius: 6px;
  padding: .35rem .7rem; cursor: pointer; min-height: 2.25rem; }
button.primary { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
button:disabled { opacity: .5; cursor: default; }
input, select { background: var(--_bg); border: 1px solid var(--_border); border-radius: 6px;
  padding: .35rem .5rem; min-height: 2.25rem; min-width: 0; }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
svg { display: block; width: 100%; height: auto; overflow: visible; }
svg text { fill: var(--_muted); font-size: 11px; }
.status { display: grid; gap: .5rem; justify-items: start; }
progress { width: min(100%, 24rem); accent-color: var(--_accent); }
.error { color: var(--_bad); }
div.data-errors { margin: 0 0 .75rem; border: 1px solid var(--_border); border-radius: 6px; background: var(--_surface); padding: .4rem .6rem; }
.data-errors .rejected { margin: 0; color: var(--_warn); font-weight: 600; }
.data-errors ul.causes { margin: .4rem 0; padding-left: 1.1rem; display: grid; gap: .4rem; }
.data-errors .cause .fix { display: block; margin-top: .1rem; }
.data-errors .cause button.fix { display: inline-block; margin-top: .25rem; }
.data-errors .example { font-size: .85rem; overflow-wrap: anywhere; }
.data-errors details summary { cursor: pointer; padding: .2rem 0; font-size: .85rem; }
.data-errors .scroll { max-height: 16rem; overflow: auto; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 999px; background: var(--_surface);
  border: 1px solid var(--_border); font-size: .75rem; white-space: nowrap; }
`;

let sheet;
/** One constructed stylesheet shared by all widgets (falls back to a <style>). */
export function adopt(root, extra = '') {
  const css = CSS + extra;
  if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(CSS);
    const own = new CSSStyleSheet();
    own.replaceSync(extra);
    root.adoptedStyleSheets = [sheet, own];
    return null;
  }
  const style = document.createElement('style');
  style.textContent = css;
  return style;
}
