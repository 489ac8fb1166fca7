// Numbers, money, percentages and dates for the widgets, via Intl. Money
// arrives in minor units of its ISO 4217 currency (cents for EUR, yen for
// JPY, fils for KWD); timestamps in Unix seconds (UTC).

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

// Minor-unit digits of the ISO 4217 currencies that do not have 2: the
// engine's table (src/money.rs, whose tests check that this list matches).
// Intl's own digits follow CLDR display rules (e.g. 0 for IQD), not the
// minor unit the amounts are counted in, so they cannot be used here.
const MINOR_DIGITS = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Minor-unit digits of a currency code: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorDigits(currency) {
  return MINOR_DIGITS[String(currency || 'EUR').toUpperCase()] ?? 2;
}

/** Minor units as major units: 4990 EUR → 49.9, 5000 JPY → 5000. */
export function major(minor, currency) {
  return minor / 10 ** minorDigits(currency);
}

/**
 * Money from minor units: `1.234,56 €` (de), `€1,234.56` (en), `¥5,000`;
 * `whole` drops the minor digits.
 */
export function money(minor, currency, lang, { compact = false, whole = false } = {}) {
  if (!Number.isFinite(minor)) return '–';
  const code = currency || 'EUR';
  const digits = minorDigits(code);
  const options = { style: 'currency', currency: code, minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (compact) Object.assign(options, { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
  // whole: axis ticks, `1.000 $` beside `10.000 $` (compact notation groups differently per size)
  else if (whole) Object.assign(options, { maximumFractionDigits: 0, minimumFractionDigits: 0 });
  try {
    return nf(locale(lang), options).format(major(minor, code));
  } catch {
    // An unknown currency code: show the number and the code.
    return `${number(major(minor, code), lang, digits)} ${currency}`;
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

/**
 * A calendar day as the engine writes it in CSV: `01.11.2026` (de) or
 * `2026-11-01` (en); `seconds` is the start of the day (Unix seconds, UTC).
 */
export function dayText(seconds, lang) {
  const d = new Date(seconds * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  return lang === 'de' ? `${day}.${m}.${y}` : `${y}-${m}-${day}`;
}

/**
 * The offset changes of any IANA time zone over whole years, from the
 * browser's Intl: `[[fromUnixSeconds, minutesEastOfUtc], ...]`, the first
 * entry at 1 January of `fromYear`. Pass it as `zone_offsets` (orders) or
 * `zoneOffsets` (segment and CLV options) for zones the engine has no rule
 * for (it knows UTC, fixed offsets and the European zones).
 */
export function zoneOffsets(timeZone, fromYear, toYear) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const offset = (s) => {
    const name = f.formatToParts(new Date(s * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
  const start = Date.UTC(fromYear, 0, 1) / 1000;
  const end = Date.UTC(toYear + 1, 0, 1) / 1000;
  let current = offset(start);
  const changes = [[start, current]];
  for (let day = start + 86400; day <= end; day += 86400) {
    const o = offset(day);
    if (o === current) continue;
    // The minute of the change, by halving the day.
    let lo = day - 86400;
    let hi = day;
    while (hi - lo > 60) {
      const mid = lo + Math.floor((hi - lo) / 120) * 60;
      if (offset(mid) === current) lo = mid;
      else hi = mid;
    }
    changes.push([hi, o]);
    current = o;
  }
  return changes;
}
