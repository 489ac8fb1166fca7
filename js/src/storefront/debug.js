// Debug overlay (`?stammkunde-debug` in the URL): the live exit-intent score,
// its reasons and what held it back. Fixed position in a shadow root, so it
// neither shifts the shop's layout nor takes its styles, and it lets clicks
// through.

/** Whether the URL asks for the overlay. */
export function debugRequested(loc) {
  try {
    return new URLSearchParams(loc.search).has('stammkunde-debug');
  } catch {
    return false;
  }
}

const CSS = `
.box{font:12px/1.4 system-ui,sans-serif;color:#111;background:rgba(255,255,255,.94);border:1px solid #888;
border-radius:6px;padding:6px 8px;width:220px;box-shadow:0 1px 4px rgba(0,0,0,.25)}
.bar{position:relative;height:8px;background:#ddd;border-radius:4px;margin:4px 0;overflow:hidden}
.bar i{position:absolute;left:0;top:0;bottom:0;background:#2a7;width:0}
.bar s{position:absolute;top:0;bottom:0;width:2px;background:#c22}
.fired .bar i{background:#c22}
ul{margin:2px 0;padding-left:16px}
.muted{color:#666}`;

/**
 * Adds the overlay to `doc`; returns { update(result) } where `result` is
 * the intent result ({ score, reasons, fired, blocked, threshold, device, page }).
 */
export function createOverlay(doc) {
  const host = doc.createElement('div');
  host.id = 'stammkunde-debug';
  host.setAttribute('style', 'all:initial;position:fixed;left:8px;bottom:8px;z-index:2147483647;pointer-events:none');
  const root = host.attachShadow({ mode: 'open' });
  // Built node by node, not with innerHTML: a page enforcing Trusted Types
  // refuses string-to-HTML sinks.
  const el = (tag, cls, ...kids) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    e.append(...kids);
    return e;
  };
  const $ = { mode: el('div', 'muted'), score: el('div'), last: el('div', 'muted', 'not fired yet') };
  const bar = el('i');
  const mark = el('s');
  const list = el('ul');
  const box = el('div', 'box', el('b', '', 'Stammkunde · exit intent'), $.mode, el('div', 'bar', bar, mark), $.score, list, $.last);
  root.append(el('style', '', CSS), box);
  (doc.body || doc.documentElement).appendChild(host);
  let fires = 0;
  let shown = '';

  const describe = (reasons) => reasons.map((r) => `${r.reason} ${r.weight.toFixed(2)}`).join(', ');

  return {
    update(r) {
      const key = `${r.score}|${r.blocked}|${r.fired}|${describe(r.reasons)}`;
      if (key === shown) return; // nothing new: leave the DOM alone
      shown = key;
      $.mode.textContent = `${r.device} · ${r.page} · fires at ${r.threshold}`;
      bar.style.width = `${Math.round(r.score * 100)}%`;
      mark.style.left = `${Math.round(r.threshold * 100)}%`;
      $.score.textContent = `score ${r.score.toFixed(2)}${r.blocked ? ` · held back: ${r.blocked}` : ''}`;
      list.replaceChildren(
        ...r.reasons.map((x) => {
          const li = doc.createElement('li');
          li.textContent = `${x.reason} ${x.weight.toFixed(2)}`;
          return li;
        }),
      );
      if (r.fired) {
        fires += 1;
        const secs = (performance.now() / 1000).toFixed(1);
        $.last.textContent = `fired ${fires}× · last at ${secs} s: ${describe(r.reasons)}`;
      }
      box.classList.toggle('fired', r.fired);
    },
  };
}
