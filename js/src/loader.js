// Script-tag loader: `<script async src=".../stammkunde.js"></script>`.
// A guest on the shop's page: it never throws into the page, initialises once
// even if the tag appears twice, and on any failure shows no popup and logs
// one console warning.
import { initSync, IntentEngine } from './storefront/engine.js';
import { warn } from './storefront/log.js';
import { has, mergeContext, readContext } from './storefront/context.js';
import { addScript } from './storefront/url.js';
import { BASE_SCHEMA, loadConfig, validate } from './storefront/config.js';
import { INTENT_SCHEMA, startIntent } from './storefront/intent.js';
import { debugRequested } from './storefront/debug.js';
import { POPUP_SCHEMA, createPopups } from './storefront/popup.js';

const INSTANCE = '__stammkunde';

// Every feature's config schema; the page's config is checked against all.
const SCHEMAS = [BASE_SCHEMA, INTENT_SCHEMA, POPUP_SCHEMA];

// Features that act when exit intent fires (the popup decision registers
// here). A handler gets { score, reasons, fired } and returns true, or a
// Promise of true, when it showed the visitor something.
const intentHandlers = [];

/**
 * Exit intent fired: tell the page (`stammkunde:intent` on document; a
 * listener may call preventDefault() to handle it itself), then the
 * handlers. Resolves to whether anything was shown.
 */
function onIntent(result) {
  const event = new CustomEvent('stammkunde:intent', {
    detail: { score: result.score, reasons: result.reasons },
    cancelable: true,
  });
  document.dispatchEvent(event);
  if (event.defaultPrevented) return Promise.resolve(true);
  const shown = intentHandlers.map((handler) => {
    try {
      return Promise.resolve(handler(result)).catch((e) => (warn(`intent handler failed: ${(e && e.message) || e}`), false));
    } catch (e) {
      warn(`intent handler failed: ${(e && e.message) || e}`);
      return false;
    }
  });
  return Promise.all(shown).then((list) => list.some(Boolean));
}

/** Loads the debug overlay (a separate file next to this script); resolves to it, or null. */
function loadOverlay(src) {
  const url = new URL('stammkunde-debug.js', src).href;
  return addScript(url)
    .then(() => window.__stammkundeDebug.createOverlay(document))
    .catch((e) => (e.said || warn(`no debug overlay: ${e.message || `could not load ${url}`}`), null));
}

function start(script) {
  const w = window;
  // Own properties only: an element with id="Stammkunde" shows up on window
  // too (named properties), but it is not the page owning the name.
  if (has(w, INSTANCE)) return; // a second copy of the script: the first one runs
  if (has(w, 'Stammkunde') && w.Stammkunde !== undefined) {
    warn('window.Stammkunde is already defined by the page; Stammkunde stays inactive.');
    w[INSTANCE] = true;
    return;
  }
  // Our files sit next to this script; a data-wasm-url is resolved against
  // the page's own URL, like every configured URL (see url.js).
  const src = (script && script.src) || location.href;
  const own = script && script.getAttribute('data-wasm-url');
  let wasmUrl = own || 'stammkunde.wasm';
  let context = readContext(script);
  let intent = null;
  // A config that breaks validation still starts the popups' API, with the defaults.
  const config = loadConfig(script)
    .then((raw) => validate(SCHEMAS, raw))
    .catch((e) => (warn(`config: ${e.message}; using the defaults`), validate(SCHEMAS, {})));
  const overlay = debugRequested(location) ? loadOverlay(src) : null;
  let engineVersion;
  // Fetched and compiled (asynchronously) here: a 404, a soft-404 page or a
  // wrong MIME type give one clear warning (the glue's streaming path would
  // add its own), and the small wasm compiles from its bytes in about a
  // millisecond. The glue only instantiates (initSync), so its loading
  // code stays out of the bundle.
  // A fetch the page wrapped may throw at once: that, too, is a rejection here.
  const ready = Promise.resolve()
    .then(() => fetch((wasmUrl = new URL(wasmUrl, own ? location.href : src).href)))
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((bytes) => WebAssembly.compile(bytes))
    .then((module) => {
      initSync({ module });
      // the crate version the wasm was built from in the same build (the
      // storefront wasm has no version export, for size)
      engineVersion = __VERSION__;
      console.info(`[Stammkunde] ${engineVersion} ready`);
      document.documentElement.setAttribute('data-stammkunde', engineVersion);
      return api;
    });
  // `ready` may be awaited by the shop; a failure is reported once here and
  // must not surface as an unhandled rejection on the host page.
  ready.catch((e) => warn(`could not load the engine from ${wasmUrl}: ${(e && e.message) || e}`));
  // Inside a frame, the pointer leaving the frame only moves to the page
  // around it: no exit intent there (Stammkunde.show() still works).
  const framed = window.top !== window;
  if (framed) warn('inside a frame: exit intent is off');
  // Popups: decided by the engine when exit intent fires; the UI script sits next to this one.
  const popups = createPopups(ready);
  intentHandlers.push((result) => popups.intent(result));
  // one UI file per language: a visitor downloads the texts of one
  const uiUrl = (lang) => new URL(`stammkunde-ui-${lang}.js`, src).href;
  // Exit intent starts once the engine and the config are there.
  Promise.all([ready, config, overlay])
    .then(([, cfg, debug]) => {
      popups.start(cfg, () => api.context, uiUrl);
      if (!cfg.intent.enabled || framed) return;
      intent = startIntent(IntentEngine, cfg.intent, context, {
        onFire: onIntent,
        onUpdate: debug && debug.update,
      });
    })
    .catch((e) => {
      if (engineVersion) warn(`could not start exit intent: ${(e && e.message) || e}`);
    });
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
    /** Updates the page context, e.g. { cartValue: 49.9, cartItems: 2 }. */
    setContext(patch) {
      try {
        context = mergeContext(context, patch, warn);
        if (intent) intent.setContext(context);
        popups.update();
      } catch (e) {
        warn(`setContext failed: ${(e && e.message) || e}`);
      }
    },
  };
  w[INSTANCE] = true;
  w.Stammkunde = api;
}

try {
  // An injected <img name="currentScript"> can stand in for document.currentScript
  // (DOM clobbering): only a real script element says where our files are.
  start(Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript').get.call(document));
} catch (e) {
  warn(`could not start: ${(e && e.message) || e}`);
}
