// Script-tag loader: `<script async src=".../stammkunde.js"></script>`.
// A guest on the shop's page: it never throws into the page, initialises once
// even if the tag appears twice, and on any failure shows no popup and logs
// one console warning.
import init, { version } from '../../target/gen/storefront/stammkunde.js';
import { warn } from './storefront/log.js';
import { readContext } from './storefront/context.js';
import { createPopups, inlineConfig } from './storefront/popup.js';

const INSTANCE = '__stammkunde';

function start(script) {
  const w = window;
  if (w[INSTANCE]) return; // a second copy of the script: the first one runs
  if (w.Stammkunde !== undefined) {
    warn('window.Stammkunde is already defined by the page; Stammkunde stays inactive.');
    w[INSTANCE] = true;
    return;
  }
  const wasmUrl = (script && script.getAttribute('data-wasm-url')) || new URL('stammkunde.wasm', (script && script.src) || location.href).href;
  const context = readContext(script);
  let engineVersion;
  const ready = init({ module_or_path: wasmUrl }).then(() => {
    engineVersion = version();
    console.info(`[Stammkunde] ${engineVersion} ready`);
    document.documentElement.setAttribute('data-stammkunde', engineVersion);
    popups.start(inlineConfig(), () => api.context, new URL('stammkunde-ui.js', (script && script.src) || location.href).href);
    return api;
  });
  // `ready` may be awaited by the shop; a failure is reported once here and
  // must not surface as an unhandled rejection on the host page.
  ready.catch((e) => warn(`could not load the engine from ${wasmUrl}: ${(e && e.message) || e}`));
  const popups = createPopups(ready);
  // Exit intent (detail { score, reasons }) decides and shows a popup.
  document.addEventListener('stammkunde:intent', (e) => popups.intent(e.detail));
  const api = {
    /** Engine version once `ready` has resolved. */
    get version() {
      return engineVersion;
    },
    ready,
    /** Current page context (page type, cart value, ...). */
    get context() {
      return { ...context };
    },
    ...popups.api,
  };
  w[INSTANCE] = true;
  w.Stammkunde = api;
}

try {
  start(document.currentScript);
} catch (e) {
  warn(`could not start: ${(e && e.message) || e}`);
}
