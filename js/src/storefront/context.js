// Page context from the script tag's data attributes. Single-page shops
// update it later with Stammkunde.setContext({...}).

export const PAGE_TYPES = ['home', 'category', 'product', 'cart', 'checkout', 'confirmation', 'other'];

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
    customerSegment: get('customer-segment') || undefined,
    orderValue: parseAmount(get('order-value')),
  };
}

const amountOrUndefined = (v) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v) : undefined;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** What `Stammkunde.setContext` accepts: a check per field (undefined = invalid). */
const CONTEXT_FIELDS = {
  page: (v) => (typeof v === 'string' && PAGE_TYPES.includes(v.toLowerCase()) ? v.toLowerCase() : undefined),
  cartValue: amountOrUndefined,
  cartItems: (v) => (Number.isInteger(v) && v >= 0 ? v : undefined),
  currency: (v) => (typeof v === 'string' && /^[a-z]{3}$/i.test(v) ? v.toUpperCase() : undefined),
  customerSegment: (v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined),
  orderValue: amountOrUndefined,
  returning: (v) => (typeof v === 'boolean' ? v : undefined),
};
/** Fields that may be cleared with null. */
const OPTIONAL = ['customerSegment', 'orderValue', 'returning'];

/**
 * The context updated with the fields of `patch`. Unknown and invalid
 * fields are warned about (naming the field) and leave the context as it was.
 */
export function mergeContext(context, patch, say) {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
    say('setContext expects an object, e.g. { cartValue: 49.9, cartItems: 2 }');
    return context;
  }
  const next = { ...context };
  for (const [k, v] of Object.entries(patch)) {
    const check = CONTEXT_FIELDS[k];
    if (!check) {
      say(`setContext: unknown field "${k}" (known: ${Object.keys(CONTEXT_FIELDS).join(', ')}); ignored`);
    } else if (v == null && OPTIONAL.includes(k)) {
      next[k] = undefined;
    } else if (check(v) === undefined) {
      say(`setContext: "${k}" ${JSON.stringify(v)} is not valid; keeping ${JSON.stringify(context[k])}`);
    } else {
      next[k] = check(v);
    }
  }
  return next;
}
