// Globals the storefront and admin scripts read or set on `window`
// (type-checking only; see tsconfig.json).
interface Window {
  /** The page's API object, set by the script-tag loader. */
  Stammkunde?: any;
  /** The debug overlay's exports (stammkunde-debug.js). */
  __stammkundeDebug?: any;
  /** The lazily loaded popup UI (stammkunde-ui.js). */
  __stammkundeUI?: any;
  /** Google Tag Manager's data layer, when the shop has one. */
  dataLayer?: any[];
  /** The Prioritized Task Scheduling API where the browser has it. */
  scheduler?: { yield?: () => Promise<void>; postTask?: (cb: (value?: unknown) => void, o?: object) => Promise<void> };
}

/** Trusted Types where the browser has them (the loader's script URLs go through a policy named "stammkunde"). */
declare var trustedTypes: { createPolicy(name: string, rules: { createScriptURL: (url: string) => string }): { createScriptURL(url: string): any } } | undefined;

/** The popup UI file's language, set by esbuild (js/tools/build.mjs); undefined outside that build. */
declare const __UI_LANG__: string | undefined;

/** The crate version, set by esbuild (js/tools/build.mjs) from Cargo.toml. */
declare const __VERSION__: string;
