// Admin web components. Loaded as an ES module from the shop backend:
// <script type="module" src=".../stammkunde-admin.js"></script>
import init, { version } from './pkg/stammkunde.js';

const pkgUrl = new URL('./pkg/stammkunde_bg.wasm', import.meta.url);

/** Loads the engine once for all components on the page. */
let engine;
export function loadEngine() {
  engine ??= init({ module_or_path: pkgUrl }).then(() => ({ version: version() }));
  return engine;
}

/** Defines a custom element unless a second copy of this script already did. */
export function define(name, cls) {
  if (!customElements.get(name)) customElements.define(name, cls);
}

/** `<stammkunde-status>`: shows whether the engine loaded, and its version. */
class StatusElement extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.textContent = 'Stammkunde …';
    loadEngine().then(
      ({ version: v }) => {
        root.textContent = `Stammkunde ${v}`;
        this.setAttribute('version', v);
      },
      (e) => {
        root.textContent = `Stammkunde: ${(e && e.message) || e}`;
      },
    );
  }
}

define('stammkunde-status', StatusElement);
