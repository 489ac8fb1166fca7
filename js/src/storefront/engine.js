// The storefront wasm's JS side, written by hand instead of bundling the
// wasm-bindgen glue: the size budget (every page view at most 20,000 B
// gzip) pays for it. The generated glue (about 1.4 KB gzip) carries string
// paths, finalizers and loading code the script tag never uses; this file
// calls the same exports with the ABI of the pinned wasm-bindgen (Cargo.toml
// `=0.2.130`, the Makefile's CLI matches it). js/test/popup.test.mjs runs
// the storefront wasm through this file against the ESM package's glue.

/** @type {any} */
let wasm;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Copies `bytes` (a typed array) into wasm memory; the callee owns and frees the block. */
function pass(bytes, size) {
  const ptr = wasm.__wbindgen_malloc(bytes.length * size, size) >>> 0;
  new Uint8Array(wasm.memory.buffer, ptr, bytes.byteLength).set(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return [ptr, bytes.length];
}
const text = (ptr, len) => decoder.decode(new Uint8Array(wasm.memory.buffer, ptr >>> 0, len));
const str = (s) => pass(encoder.encode(s), 1);

/**
 * Instantiates the compiled storefront module (once); returns its exports.
 * @param {{ module: WebAssembly.Module }} arg
 */
export function initSync({ module }) {
  if (wasm) return wasm;
  /** @type {Record<string, Record<string, Function>>} */
  const imports = {};
  // The imports wasm-bindgen generates for this crate: its error throw and
  // the externref table's set-up; their names carry a hash, so they are
  // matched by what they are.
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    (imports[from] ||= {})[name] = /_throw_/.test(name)
      ? (p, l) => {
          throw new Error(text(p, l));
        }
      : /externref_table/.test(name)
        ? () => {
            const t = wasm.__wbindgen_externrefs;
            t.set(0, undefined);
            t.set(1024, undefined);
            t.set(1025, null);
            t.set(1026, true);
            t.set(1027, false);
          }
        : () => {
            throw new Error(`stammkunde.wasm imports ${name}: rebuild the script with its wasm`);
          };
  }
  wasm = new WebAssembly.Instance(module, imports).exports;
  wasm.__wbindgen_start();
  return wasm;
}

/** The string a wasm export returned as (pointer, length), freed after reading. */
function owned([ptr, len]) {
  try {
    return text(ptr, len);
  } finally {
    wasm.__wbindgen_free(ptr, len, 1);
  }
}

/**
 * The exit-intent engine (src/bind/intent.rs, exported as functions over a
 * handle). One lives for the page view, so it is never freed: its memory
 * goes with the page.
 */
export class IntentEngine {
  /**
   * @param {number} sensitivity
   * @param {number} minTimeOnPage
   * @param {number} cooldown
   * @param {number} pages
   * @param {boolean} touch
   */
  constructor(sensitivity, minTimeOnPage, cooldown, pages, touch) {
    this.p = wasm.intentNew(sensitivity, minTimeOnPage, cooldown, pages, touch);
  }
  /** @returns {boolean} */
  observe(kind, t, a, b, c) {
    return wasm.intentObserve(this.p, kind, t, a, b, c) !== 0;
  }
  /** @returns {number} */
  pointer(t, x, y, pressed) {
    return wasm.intentPointer(this.p, t, x, y, pressed);
  }
  /** @returns {number} */
  get score() {
    return wasm.intentScore(this.p);
  }
  /** @returns {number} */
  get blocked() {
    return wasm.intentBlocked(this.p);
  }
  /** @returns {number} */
  weight(code) {
    return wasm.intentWeight(this.p, code);
  }
}

/**
 * @param {Float64Array} config
 * @param {string} regulars
 * @param {Float64Array} input
 * @param {string} visitorId
 * @param {string} segment
 * @returns {string}
 */
export const popupDecide = (config, regulars, input, visitorId, segment) =>
  owned(wasm.popupDecide(...pass(config, 8), ...str(regulars), ...pass(input, 8), ...str(visitorId), ...str(segment)));

/** @returns {number} */
export const popupStorage = (storage, consent, answer) => wasm.popupStorage(storage, consent, answer) >>> 0;
