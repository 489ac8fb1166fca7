// CSV export of member tables for newsletter tools and spreadsheets.
//
// German: `;` between fields, decimal comma, dates as dd.mm.yyyy.
// English: `,` between fields, decimal point, dates as yyyy-mm-dd.
// Money cells have the currency's minor digits (1234,56 EUR; 5000 JPY;
// 1234,567 KWD).
// Numbers carry no thousands separators, so every import reads them as one
// number. Lines end in CRLF (RFC 4180); a UTF-8 byte order mark lets Excel
// recognise umlauts.
//
// Text from the shop's data is neutralised against formula injection: a
// cell that starts like a formula (= + - @, tab, carriage return, or their
// full-width forms) gets a leading apostrophe, so spreadsheets show it as
// text instead of running it.

import { dayText, major, minorDigits } from './format.js';

export const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell with formula starts neutralised. */
export function neutralise(text) {
  const s = String(text ?? '');
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** One value as CSV text, before quoting; money in minor units of `currency`. */
export function cell(value, type, format, currency = 'EUR') {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '';
  const de = format === 'de';
  const decimal = (n, digits) => {
    const s = n.toFixed(digits);
    return de ? s.replace('.', ',') : s;
  };
  switch (type) {
    case 'int':
      return String(Math.round(value));
    case 'number':
      return decimal(value, 2);
    case 'ratio':
      return decimal(value, 4);
    case 'money':
      return decimal(major(Math.round(value), currency), minorDigits(currency));
    case 'date':
      return dayText(value, format);
    default:
      return neutralise(Array.isArray(value) ? value.join(', ') : value);
  }
}

/** Quotes a field when it holds the separator, a quote or a line break. */
export function quote(text, sep) {
  return text.includes(sep) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV text of `rows` (objects) with `columns`
 * (`[{ key, header, type }]`, type one of text, int, number, ratio, money,
 * date). `format` is `de` or `en`; `bom` prepends the byte order mark;
 * `currency` is the ISO code of the money columns.
 */
export function toCsv(columns, rows, { format = 'de', bom = true, currency = 'EUR' } = {}) {
  const sep = format === 'de' ? ';' : ',';
  const lines = [columns.map((c) => quote(neutralise(c.header), sep)).join(sep)];
  for (const row of rows) {
    lines.push(columns.map((c) => quote(cell(row[c.key], c.type, format, currency), sep)).join(sep));
  }
  return (bom ? BOM : '') + lines.join('\r\n') + '\r\n';
}
