// The admin's texts: every key in German and English, every cause code of
// the readers (src/orders/causes.rs) and every error code of the engine
// (src/bind/error.rs) with a text in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TEXTS, errorText, fieldLabel, problemText, texts } from '../src/admin/i18n.js';
import { readEvents } from '../src/admin/events.js';

const source = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The cause codes the engine can report: PHRASES of causes.rs, plus its two fixed ones. */
function causeCodes() {
  const rust = source('src/orders/causes.rs');
  const table = rust.slice(rust.indexOf('pub const PHRASES'), rust.indexOf('];', rust.indexOf('pub const PHRASES')));
  const codes = new Set(['currency_mismatch', 'other']);
  for (const m of table.matchAll(/\(".*?", "([a-z_]+)"\)/g)) codes.add(m[1]);
  assert.ok(codes.size > 30, `codes read from causes.rs: ${[...codes]}`);
  return [...codes];
}

/** The codes of the event log's rejected events, from readEvents itself. */
const EVENT_CODES = [
  ...readEvents(5).errors,
  ...readEvents([null, { type: 'x' }, { type: 'show', visitor: '' }, { type: 'show', visitor: 'v', ts: 'x' }, { type: 'show', visitor: 'v', ts: 1, kind: 'x' }, { type: 'order', visitor: 'v', ts: 1, value: -1 }]).errors,
].map((e) => e.code);

/** The StammkundeError codes of src/api.rs (`ErrorCode::X => "x"`). */
function errorCodes() {
  const rust = source('src/api.rs');
  const codes = [...rust.matchAll(/ErrorCode::\w+ => "([a-z_]+)"/g)].map((m) => m[1]);
  assert.ok(codes.length >= 10, `codes read from api.rs: ${codes}`);
  return codes;
}

/** Every key path of a text tree, with the kind of its value. */
function shape(value, path = '') {
  return leaves(value, path).map(([p, kind]) => [p, kind]);
}

/** [path, kind, value] of every leaf. */
function leaves(value, path = '') {
  if (typeof value === 'function') return [[path, 'function', value]];
  if (typeof value === 'string') return [[path, 'string', value]];
  if (Array.isArray(value)) return [[path, `array ${value.length}`, value]];
  return Object.keys(value)
    .sort()
    .flatMap((k) => leaves(value[k], path ? `${path}/${k}` : k));
}

test('every text of the admin exists in German and in English, of the same kind, none empty', () => {
  assert.deepEqual(shape(TEXTS.de), shape(TEXTS.en));
  for (const lang of ['de', 'en']) {
    for (const [path, kind, value] of leaves(TEXTS[lang])) if (kind === 'string') assert.ok(value.trim(), `${lang} ${path} is empty`);
  }
});

test('the event log reports its causes by code', () => {
  assert.deepEqual([...EVENT_CODES].sort(), ['bad_event', 'bad_event_time', 'bad_event_type', 'bad_event_value', 'bad_popup_kind', 'missing_visitor', 'not_events']);
});

test('every cause code has a title, a fix and a row reason in German and English', () => {
  const g = { field: 'Datum', currency: 'USD', base: 'EUR' };
  for (const code of [...causeCodes(), ...EVENT_CODES, 'rule']) {
    for (const lang of ['de', 'en']) {
      assert.equal(typeof texts(lang).causes[code], 'function', `${lang} causes.${code}`);
      assert.ok(texts(lang).reasons[code], `${lang} reasons.${code}`);
    }
    const [titleDe, fixDe] = texts('de').causes[code](g, '3');
    const [titleEn, fixEn] = texts('en').causes[code](g, '3');
    assert.ok(titleDe && fixDe && titleEn && fixEn, code);
    assert.notEqual(titleDe, titleEn, code);
    assert.notEqual(fixDe, fixEn, code);
    assert.notEqual(texts('de').reasons[code], texts('en').reasons[code], code);
  }
  // nothing listed that the engine does not report
  const known = new Set([...causeCodes(), ...EVENT_CODES, 'rule']);
  assert.deepEqual(Object.keys(texts('de').causes).filter((c) => !known.has(c)), []);
});

test('one row is one row: the count agrees with its noun', () => {
  const g = { field: 'Datum', currency: 'USD', base: 'EUR' };
  assert.equal(texts('de').causes.bad_date(g, '1')[0], '1 Zeile mit ungültigem Datum in „Datum“');
  assert.equal(texts('de').causes.bad_date(g, '1.200')[0], '1.200 Zeilen mit ungültigem Datum in „Datum“');
  assert.equal(texts('en').causes.missing_refund(g, '1')[0], '1 partially refunded order without a refunded amount');
  for (const lang of ['de', 'en']) for (const [code, f] of Object.entries(texts(lang).causes)) assert.ok(!/^1 (Zeilen|rows|Ereignisse|events)\b/.test(f(g, '1')[0]), `${lang} ${code}`);
});

test('a whole-file problem is one sentence with its fix, by its code, in either language', () => {
  for (const code of causeCodes().filter((c) => c !== 'other')) {
    const p = { code, row: 4, field: code === 'bad_mapping' ? 'mapping.total' : 'total' };
    const de = problemText(p, 'de');
    const en = problemText(p, 'en');
    assert.ok(de && en && de !== en, code);
  }
  assert.equal(problemText({ code: 'missing_column', field: 'placed_at', row: 1 }, 'de'), 'Keine Spalte erkannt für das Bestelldatum. In der Spaltenzuordnung der Vorschau die passende Spalte wählen.');
  assert.equal(problemText({ code: 'bad_mapping', field: 'mapping.total' }, 'en').startsWith('The column mapping for “Total”'), true);
  assert.match(problemText({ code: 'bad_date', field: 'Datum', row: 7 }, 'de'), /^Zeile 7, „Datum“: Ungültiges Datum\. /);
  assert.equal(problemText({ code: 'other', field: 'x' }, 'de'), null);
});

test('every error code of the engine is said in German and English; an unknown message stays as technical detail', () => {
  for (const code of [...errorCodes(), 'fetch_failed', 'http_status', 'worker_failed', 'no_data', 'events_not_json']) {
    const e = { code, message: 'technical words', url: 'daten.csv', status: 404, field: 'currency', shortfalls: [{ requirement: 'repeat_buyers', have: 3, need: 10, more_needed: 7 }], currencies: [{ currency: 'EUR', orders: 3 }, { currency: 'CHF', orders: 1 }] };
    const de = errorText(e, 'de');
    const en = errorText(e, 'en');
    assert.ok(de.text && en.text && de.text !== en.text, code);
    assert.ok(de.detail === null || de.detail === 'technical words', code);
  }
  // the cause's code decides where the engine gave one
  const thrown = { code: 'invalid_input', reasonCode: 'empty_file', message: 'readOrders: input, field input: the file is empty; export …' };
  assert.deepEqual(errorText(thrown, 'de'), { text: 'Die Datei ist leer. Die Bestellungen mit einer Kopfzeile exportieren, z. B. Bestellnummer;Kundennummer;Datum;Betrag.', detail: null });
  assert.equal(errorText({ code: 'insufficient_data', message: 'x', shortfalls: [{ requirement: 'customers', have: 2, need: 10, more_needed: 8 }] }, 'de').text, 'Zu wenige Daten für das Modell: 2 Kunden mit Bestellungen (nötig 10, es fehlen 8).');
  assert.deepEqual(errorText({ message: 'something new' }, 'de'), { text: '', detail: 'something new' });
  assert.deepEqual(errorText({ code: 'fetch_failed', url: 'x.csv', message: 'could not load x.csv' }, 'en'), {
    text: 'The file x.csv could not be loaded. Check the address (src) and the connection.',
    detail: null,
  });
});

test('a field the engine names is shown in the UI language; a column of the file as it is', () => {
  assert.equal(fieldLabel('total', 'de'), 'Betrag');
  assert.equal(fieldLabel('total', 'en'), 'Total');
  assert.equal(fieldLabel('placed_at', 'de'), 'Bestelldatum');
  assert.equal(fieldLabel('Rechnungsbetrag', 'de'), 'Rechnungsbetrag');
  // a repeated or missing order id is named by the canonical field `id`
  assert.equal(fieldLabel('id', 'de'), 'Bestellnummer');
  assert.equal(fieldLabel('id', 'en'), 'Order number');
  assert.equal(fieldLabel('status.amount', 'de'), 'Erstattet');
  assert.equal(fieldLabel(undefined, 'de'), '');
});
