// Numbers, money, percentages and dates for the widgets, via Intl. Money
// arrives in minor units (cents); timestamps in Unix seconds (UTC).

const cache = new Map();

/** A cached Intl.NumberFormat (creating one costs more than using it). */
function nf(locale, options) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** `de` → `de-DE`, `en` → `en-GB` (day-month order, like the German market). */
export function locale(lang) {
  return lang === 'en' ? 'en-GB' : 'de-DE';
}

/** A plain number, e.g. `1.234` (de) or `1,234` (en). */
export function number(value, lang, digits = 0) {
  if (!Number.isFinite(value)) return '–';
  return nf(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** Money from minor units: `1.234,56 €` (de), `€1,234.56` (en); `whole` drops the cents. */
export function money(minor, currency, lang, { compact = false, whole = false } = {}) {
  if (!Number.isFinite(minor)) return '–';
  const options = { style: 'currency', currency: currency || 'EUR' };
  if (compact) Object.assign(options, { notation: 'compact', maximumFractionDigits: 1 });
  // whole: axis ticks, `1.000 $` beside `10.000 $` (compact notation groups differently per size)
  else if (whole) Object.assign(options, { maximumFractionDigits: 0, minimumFractionDigits: 0 });
  try {
    return nf(locale(lang), options).format(minor / 100);
  } catch {
    // An unknown currency code: show the number and the code.
    return `${number(minor / 100, lang, 2)} ${currency}`;
  }
}

/** A share 0..1 as a percentage, e.g. `12,5 %`. */
export function percent(share, lang, digits = 1) {
  if (!Number.isFinite(share)) return '–';
  return nf(locale(lang), { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(share);
}

/** A date from Unix seconds, in UTC: `01.11.2026` (de), `01/11/2026` (en). */
export function date(seconds, lang) {
  if (!Number.isFinite(seconds)) return '–';
  const key = `date|${lang}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    cache.set(key, f);
  }
  return f.format(new Date(seconds * 1000));
}

/** Parses `2026-11-01` or `01.11.2026` to Unix seconds at 00:00 UTC; null if not a date. */
export function parseDate(text) {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  let y, mo, d;
  if (m) [, y, mo, d] = m;
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t))) [, d, mo, y] = m;
  else return null;
  const ms = Date.UTC(+y, +mo - 1, +d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== +y || back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d) return null;
  return ms / 1000;
}
