// The modal: a native <dialog> opened with showModal() inside the Shadow
// DOM of a <stammkunde-popup> element, so the shop's CSS does not reach in
// and ours does not leak out. The dialog sits in the top layer: nothing on
// the page moves. Theme it with CSS custom properties on the page, e.g.
// `:root { --stammkunde-accent: #7a3e1d }`, or with the config's `theme`
// (set as the same properties on the host element: they inherit into the
// shadow root, nothing else does). Sizes are in px: rem would follow the
// shop's root font size (html { font-size: 62.5% } is common).

const CSS = `:host{all:initial}
dialog{box-sizing:border-box;width:min(448px,calc(100% - 32px));max-width:none;max-height:calc(100% - 32px);padding:0;border:0;border-radius:var(--stammkunde-radius,12px);background:var(--stammkunde-bg,#fff);color:var(--stammkunde-fg,#1f1f1f);font:16px/1.5 var(--stammkunde-font,system-ui,sans-serif);box-shadow:0 12px 40px #0005;overflow:auto}
dialog::backdrop{background:var(--stammkunde-backdrop,#0007)}
.in{position:relative;padding:24px}
.logo{display:block;height:40px;max-width:192px;margin:0 48px 12px 0}
h2{margin:0 44px 8px 0;font-size:20.8px;line-height:1.3}
p{margin:8px 0}
.x{position:absolute;top:8px;right:8px;width:44px;height:44px;border:0;border-radius:50%;background:none;color:inherit;font:28px/1 sans-serif;cursor:pointer}
.x:focus-visible{outline-offset:-3px}
.no{display:block;min-height:44px;margin:16px 0 0;padding:0;border:0;background:none;color:inherit;font:inherit;text-decoration:underline;cursor:pointer}
.st{display:block;min-height:1.5em}
.b{display:inline-flex;align-items:center;justify-content:center;box-sizing:border-box;min-height:44px;padding:0 20px;border:0;border-radius:8px;background:var(--stammkunde-accent,#0b5cad);color:var(--stammkunde-accent-fg,#fff);font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
:focus-visible{outline:3px solid var(--stammkunde-focus,var(--stammkunde-accent,#0b5cad));outline-offset:2px}
.code{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:16px 0}
output{padding:8px 14.4px;border:2px dashed;border-radius:6px;font:700 20px/1.2 ui-monospace,monospace;letter-spacing:.06em;user-select:all;word-break:break-all}
.s{font-size:14px;opacity:.85}
ul{display:grid;gap:8px;margin:16px 0 0;padding:0;list-style:none}
form{display:grid;gap:8px;margin-top:16px}
input{box-sizing:border-box;width:100%;min-height:44px;padding:0 12px;border:1px solid #767676;border-radius:6px;font:inherit}
[aria-invalid=true]{border-color:#b3261e}
.e{color:var(--stammkunde-error,#b3261e)}
@media (max-width:640px){dialog{width:100%;max-height:85%;margin:auto 0 0;border-radius:var(--stammkunde-radius,16px) var(--stammkunde-radius,16px) 0 0}}
@media (prefers-reduced-motion:no-preference){dialog[open]{animation:sk .2s ease-out}}
@keyframes sk{from{opacity:0;transform:translateY(12px)}}`;

/**
 * Creates an element. Strings among `kids` become text nodes, so operator
 * and visitor strings can never become markup.
 */
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  // Own keys only: a page with a polluted Object.prototype must not add attributes.
  for (const k of Object.keys(attrs || {})) if (attrs[k] != null && attrs[k] !== false) el.setAttribute(k, attrs[k]);
  el.append(...kids.filter((k) => k != null && k !== ''));
  return el;
}

let current = null;
let sheet = null;

/**
 * The popup's styles: a constructed style sheet where the browser has them
 * (a page's CSP `style-src` without 'unsafe-inline' does not block those),
 * else a <style> element.
 */
function styles(root) {
  try {
    prepareStyles();
    root.adoptedStyleSheets = [sheet];
    return [];
  } catch {
    return [h('style', null, CSS)];
  }
}

/**
 * Resolves in a task of its own (scheduler.postTask where the browser has
 * it, else a zero timeout): building and opening the popup do not add to
 * the task that handled exit intent, nor to each other.
 */
export const nextTask = () =>
  new Promise((resolve) => {
    try {
      window.scheduler.postTask(resolve, { priority: 'user-blocking' });
    } catch {
      setTimeout(resolve, 0);
    }
  });

/** Parses the popup's styles ahead (where constructed style sheets exist). */
export function prepareStyles() {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
  } catch {
    sheet = null; // a <style> element then, when a popup opens
  }
}

/** Whether a popup is open. */
export const isOpen = () => !!current;

/** Closes the open popup, if any, as `reason`. */
export function closeDialog(reason) {
  if (current) current(reason);
}

/**
 * Opens the modal. `content` is a list of nodes and must hold the title
 * (id sk-t) and the description (id sk-d). The close button comes first,
 * so it gets the initial focus: no keyboard pops up on phones and Enter
 * does nothing the visitor did not ask for. `onClose(reason)` gets 'escape' | 'button' | 'backdrop' | a caller's
 * reason. The dialog is built in this task and shown in the next one;
 * resolves to the open <dialog>.
 */
export async function openDialog(kind, lang, labels, content, onClose, theme = {}) {
  const host = document.createElement('stammkunde-popup');
  host.style.cssText = 'position:fixed;top:0;left:0;width:0;height:0;overflow:visible';
  // the operator's theme: custom properties on the host inherit into the shadow root
  for (const k of Object.keys(theme)) if (k !== 'logo') host.style.setProperty(`--stammkunde-${k}`, theme[k]);
  const root = host.attachShadow({ mode: 'open' });
  const x = h('button', { type: 'button', class: 'x', 'aria-label': labels.close }, '×');
  // a visible way to say no besides the ×
  const no = h('button', { type: 'button', class: 'no' }, labels.decline);
  const logo = theme.logo ? h('img', { class: 'logo', src: theme.logo, alt: '' }) : null;
  const dlg = h('dialog', { class: kind, lang, 'aria-labelledby': 'sk-t', 'aria-describedby': 'sk-d' }, h('div', { class: 'in' }, x, logo, ...content, no));
  root.append(...styles(root), dlg);
  await nextTask();
  closeDialog('replaced');
  const back = /** @type {HTMLElement | null} */ (document.activeElement);
  let reason = 'escape';
  // Closed at once, not when the browser's close event comes a task later:
  // a show() right after a click on × must find no popup open.
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    current = null;
    host.remove();
    try {
      if (back && back.isConnected && back.focus) back.focus({ preventScroll: true });
    } catch {
      // the element is gone or not focusable: focus stays on the page
    }
    onClose(reason);
  };
  current = (r) => {
    reason = r;
    dlg.close();
    finish();
  };
  x.addEventListener('click', () => current && current('button'));
  no.addEventListener('click', () => current && current('decline'));
  // A click on the dialog itself (not its inner box) is on the backdrop.
  dlg.addEventListener('click', (e) => e.target === dlg && current && current('backdrop'));
  dlg.addEventListener('close', finish); // Escape
  document.body.append(host);
  dlg.showModal();
  return dlg;
}
