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
