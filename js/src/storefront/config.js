// The page's config: JSON from the inline `<script type="application/json"
// id="stammkunde-config">` or from the URL in the script tag's `data-config`,
// checked against the schemas of the features. Each feature module exports
// its schema (INTENT_SCHEMA in intent.js); the loader lists them.
//
// A schema maps field paths ("intent.sensitivity") to specs made with the
// helpers below: { hint, default, check }. `check(value)` returns the value
// to use, or undefined when it is invalid. An invalid field gets one console
// warning naming the field and the default used; so does an unknown field.

import { PAGE_TYPES, has } from './context.js';
import { warn } from './log.js';

/** A field spec with its own check; `hint` says what a valid value looks like. */
export const spec = (hint, dflt, check) => ({ hint, default: dflt, check });

export const bool = (d) => spec('true or false', d, (v) => (typeof v === 'boolean' ? v : undefined));
export const num = (d, min, max) =>
  spec(`a number from ${min} to ${max}`, d, (v) => (typeof v === 'number' && v >= min && v <= max ? v : undefined));
export const int = (d, min, max) =>
  spec(`a whole number from ${min} to ${max}`, d, (v) => (Number.isInteger(v) && v >= min && v <= max ? v : undefined));
export const oneOf = (d, ...values) => spec(`one of ${values.join(', ')}`, d, (v) => (values.includes(v) ? v : undefined));
export const pages = (d) =>
  spec(`a list of ${PAGE_TYPES.join(', ')}`, d, (v) =>
    Array.isArray(v) && v.every((p) => PAGE_TYPES.includes(p)) ? [...new Set(v)] : undefined,
  );

/** Fields that belong to no single feature. */
export const BASE_SCHEMA = {
  lang: oneOf(undefined, 'de', 'en'),
};

const show = (v) => (v === undefined ? 'none' : JSON.stringify(v));
const isObject = (v) => !!v && typeof v === 'object' && !Array.isArray(v);
// Own properties only: a polluted Object.prototype must not configure anything.
const own = (o, k) => (isObject(o) && has(o, k) ? o[k] : undefined);

/** Longest text a config field may hold (characters): longer ones are shortened, with a warning. */
export const MAX_TEXT = 1000;
/** Unknown or too long fields named one by one; any more are counted in one last warning. */
const MAX_SAID = 5;

/**
 * Checks `raw` against the union of `schemas`; returns the nested config
 * with defaults for missing and invalid fields.
 */
export function validate(schemas, raw, say = warn) {
  // Unknown and too long fields have no bound (a config of 5,000 unknown
  // fields must not write 5,000 warnings); the schema's own fields do.
  let extra = 0;
  let unknowns = 0;
  const note = (m) => ++extra > MAX_SAID || say(m);
  // Texts are shortened in place (the parsed JSON is ours): a 1 MB text
  // would cost the page a long task when the popup lays it out.
  const clip = (v, path, depth) => {
    if (typeof v === 'string' && v.length > MAX_TEXT) {
      note(`config field "${path}" shortened to ${MAX_TEXT} characters`);
      return v.slice(0, MAX_TEXT);
    }
    if (depth && v && typeof v === 'object')
      for (const k of Object.keys(v)) v[k] = clip(v[k], `${path}.${k}`, depth - 1);
    return v;
  };
  const schema = Object.assign({}, ...schemas);
  const paths = Object.keys(schema);
  const out = {};
  for (const path of paths) {
    const s = schema[path];
    const keys = path.split('.');
    const last = keys.pop();
    let v = raw;
    let o = out;
    for (const k of keys) {
      v = own(v, k);
      o = has(o, k) ? o[k] : (o[k] = {});
    }
    v = clip(own(v, last), path, 3);
    const checked = v === undefined ? undefined : s.check(v);
    if (v !== undefined && checked === undefined) say(`config field "${path}": expected ${s.hint}, got ${show(v).slice(0, 80)}; using ${show(s.default)}`);
    o[last] = checked === undefined ? s.default : checked;
  }
  // everything given that no schema knows
  const unknown = (given, prefix) => {
    for (const k of Object.keys(given)) {
      const path = prefix + k;
      if (has(schema, path)) continue;
      if (!paths.some((p) => p.startsWith(`${path}.`))) unknowns++, note(`config field "${path}" is unknown; ignored`);
      else if (isObject(given[k])) unknown(given[k], `${path}.`);
      else say(`config field "${path}": expected an object; using the defaults`);
    }
  };
  if (isObject(raw)) unknown(raw, '');
  else if (raw != null) say(`the config must be a JSON object, got ${show(raw).slice(0, 40)}; using the defaults`);
  if (extra > MAX_SAID) say(`config: ${extra - MAX_SAID} more not named (${unknowns} unknown fields in all)`);
  return out;
}

/**
 * The raw config: from the script tag's `data-config` URL if set (relative
 * to the page's own URL), else the inline JSON, else {}. A config that cannot be
 * loaded or parsed gives one warning and the defaults.
 */
export async function loadConfig(script, doc = document, fetchFn = globalThis.fetch) {
  const url = script && script.getAttribute ? script.getAttribute('data-config') : null;
  if (url) {
    try {
      // the page's own URL, not a <base href> (see url.js); document.location
      // cannot be shadowed by an element named "URL" the way document.URL can
      const res = await fetchFn(new URL(url, doc.location.href).href, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return await res.json();
    } catch (e) {
      warn(`could not load the config from ${url} (${(e && e.message) || e}); using the defaults`);
      return {};
    }
  }
  const el = doc.getElementById('stammkunde-config');
  if (!el) return {};
  try {
    return JSON.parse(el.textContent);
  } catch (e) {
    warn(`the inline config is not valid JSON (${e.message}); using the defaults`);
    return {};
  }
}
