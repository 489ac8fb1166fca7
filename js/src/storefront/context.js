// Page context from the script tag's data attributes. Single-page shops
// update it later with Stammkunde.setContext({...}).

export const PAGE_TYPES = ['home', 'category', 'product', 'cart', 'checkout', 'confirmation', 'other'];

/** Own properties only: a page's polluted Object.prototype must not count. */
export const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/** 'de' or 'en': the config's `lang`, else `<html lang>`; German when the page says nothing. */
export function language(configured, htmlLang) {
  const l = String(configured || htmlLang || 'de').slice(0, 2).toLowerCase();
  return l === 'de' ? 'de' : 'en';
}

/** Parses a number the way shops write it: "49.90", "49,90" or "1.234,56". */
export function parseAmount(text) {
  if (text == null) return undefined;
  let s = String(text).trim().replace(/\s/g, '');
  if (s === '') return undefined;
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Reads the context from a script element's data attributes. Unknown or
 * unparsable values fall back to neutral defaults.
 */
export function readContext(script) {
  const get = (name) => (script && script.getAttribute ? script.getAttribute(`data-${name}`) : null);
  const page = (get('page') || '').toLowerCase();
  const items = parseAmount(get('cart-items'));
  return {
    page: PAGE_TYPES.includes(page) ? page : 'other',
    cartValue: Math.max(0, parseAmount(get('cart-value')) ?? 0),
    cartItems: Math.max(0, Math.floor(items ?? 0)),
    currency: (get('currency') || 'EUR').toUpperCase().slice(0, 3),
    customerSegment: text(get('customer-segment')),
    orderValue: parseAmount(get('order-value')),
  };
}

const amount = (v) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v) : undefined;
  return n >= 0 ? n : undefined;
};
// a segment name, not a novel: capped so each decision stays cheap
const text = (v) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : undefined);

/** What `Stammkunde.setContext` accepts: a check per field (undefined = invalid). */
const CONTEXT_FIELDS = {
  page: (v) => (typeof v === 'string' && PAGE_TYPES.includes(v.toLowerCase()) ? v.toLowerCase() : undefined),
  cartValue: amount,
  cartItems: (v) => (Number.isInteger(v) && v >= 0 ? v : undefined),
  currency: (v) => (/^[a-z]{3}$/i.test(v) ? v.toUpperCase() : undefined),
  customerSegment: text,
  orderValue: amount,
  returning: (v) => (typeof v === 'boolean' ? v : undefined),
  subscribed: (v) => (typeof v === 'boolean' ? v : undefined),
};

/**
 * The context updated with the fields of `patch`. Unknown and invalid
 * fields are warned about (naming the field) and leave the context as it
 * was; null clears a field that has no default (customerSegment, ...).
 */
export function mergeContext(context, patch, say) {
  const next = { ...context };
  // a patch of 5,000 unknown fields: five warnings and a count
  let unknowns = 0;
  if (!patch || typeof patch !== 'object') say('setContext expects an object, e.g. { cartValue: 49.9, cartItems: 2 }');
  else
    for (const [k, v] of Object.entries(patch)) {
      const check = has(CONTEXT_FIELDS, k) && CONTEXT_FIELDS[k];
      const value = check && check(v);
      if (!check) ++unknowns > 5 || say(`setContext: unknown field "${k}" (known: ${Object.keys(CONTEXT_FIELDS).join(', ')}); ignored`);
      else if (value !== undefined) next[k] = value;
      else if (v === null && !has(PAGE_DEFAULTS, k)) next[k] = undefined;
      else say(`setContext: "${k}" ${String(JSON.stringify(v)).slice(0, 80)} is not valid; keeping ${JSON.stringify(context[k])}`);
    }
  if (unknowns > 5) say(`setContext: ${unknowns} unknown fields in all; ignored`);
  return next;
}

/** Fields that always have a value (see readContext). */
const PAGE_DEFAULTS = { page: 1, cartValue: 1, cartItems: 1, currency: 1 };
