// German and English texts of the widgets. Language: the element's `lang`,
// else the nearest ancestor's, else German.

/** `1 Zeile`, `2 Zeilen`: `n` as formatted, with the noun for one or for many. */
const of = (n, one, many) => `${n} ${String(n) === '1' ? one : many}`;

// The import fields by the names the readers give them in errors.
const FIELD_DE = { order_id: 'die Bestellnummer', placed_at: 'das Bestelldatum', total: 'den Betrag', customer: 'den Kunden' };
const FIELD_EN = { order_id: 'the order number', placed_at: 'the order date', total: 'the total', customer: 'the customer' };

/** `mapping.total` → the field's name in the column mapping (`Betrag`). */
function mapped(field, lang) {
  return fieldLabel(String(field || '').replace(/^mapping\./, ''), lang);
}


const de = {
  imp: {
    title: 'Eigene Bestelldaten laden',
    intro: 'CSV- oder JSON-Export Ihres Shops wählen oder hierher ziehen. Die Datei bleibt in diesem Browser.',
    choose: 'Datei wählen',
    drop: 'Datei hier ablegen',
    reading: (name) => `${name} wird geprüft …`,
    preview: (name) => `Vorschau: ${name}`,
    format: 'Format',
    formats: { csv: 'CSV', canonical: 'JSON (Stammkunde)', shopify: 'Shopify (REST)', 'shopify-graphql': 'Shopify (GraphQL)', shopware: 'Shopware 6', woocommerce: 'WooCommerce', cdnow: 'CDNOW-Protokoll' },
    encoding: 'Zeichenkodierung',
    delimiter: 'Trennzeichen',
    delimiters: { ';': 'Semikolon (;)', ',': 'Komma (,)', '\t': 'Tabulator', '|': 'Senkrechter Strich (|)' },
    dateStyle: 'Datumsformat',
    dateStyles: { 'dd.mm.yyyy': 'TT.MM.JJJJ', 'yyyy-mm-dd': 'JJJJ-MM-TT', yyyymmdd: 'JJJJMMTT' },
    numberStyle: 'Zahlenformat',
    numberStyles: { ',': '1.234,56 (Dezimalkomma)', '.': '1,234.56 (Dezimalpunkt)' },
    currency: 'Basiswährung',
    currencyFromFile: (c) => `${c} (aus der Datei)`,
    currencyMixed: (list) => `Die Datei enthält mehrere Währungen (${list}); Bestellungen in anderen Währungen als der Basiswährung werden abgelehnt.`,
    currencyNone: 'Die Datei nennt keine Währung; bitte angeben.',
    range: 'Zeitraum',
    rows: 'Zeilen',
    asOf: 'Stichtag',
    asOfToday: 'heute',
    asOfAfterLast: 'Tag nach der letzten Bestellung, weil die Datei vor mehr als einem Monat endet',
    mapping: 'Spaltenzuordnung',
    field: 'Feld',
    column: 'Spalte',
    notFound: '– nicht erkannt –',
    notUsed: '– nicht verwendet –',
    required: 'Pflichtfeld',
    fields: { order_id: 'Bestellnummer', customer: 'Kundennummer', email: 'E-Mail', placed_at: 'Bestelldatum', time: 'Uhrzeit', total: 'Betrag', currency: 'Währung', status: 'Status', refunded: 'Erstattet', cancelled_at: 'Storniert am', sku: 'Artikelnummer', product_id: 'Produkt-ID', name: 'Artikelname', category: 'Kategorie', quantity: 'Menge', unit_price: 'Einzelpreis' },
    sample: 'Erste Zeilen (Umlaute prüfen)',
    problem: 'Die Datei kann so nicht gelesen werden:',
    missing: (fields) => `Keine Spalte erkannt für: ${fields}. Bitte in der Spaltenzuordnung wählen.`,
    compute: 'Berechnen',
    cancel: 'Abbrechen',
    change: 'Einstellungen ändern',
    another: 'Andere Datei',
    loaded: (name, rows) => `${name}: ${rows} Zeilen geladen`,
    remembered: 'Einstellungen für diesen Shop gespeichert; sie gelten beim nächsten Import wieder.',
    readFailed: 'Die Datei konnte nicht gelesen werden:',
    unclosed: (row) => `Ein Anführungszeichen in Zeile ${row} wird nie geschlossen; die Zeilen danach fehlen. Schließen Sie es in der Datei.`,
  },
  loading: 'Daten werden geladen …',
  computing: 'Berechnung läuft …',
  cancel: 'Abbrechen',
  cancelled: 'Berechnung abgebrochen.',
  retry: 'Neu berechnen',
  noData: 'Keine Bestelldaten. Geben Sie eine Quelle an (src, source oder die Eigenschaft orders).',
  failed: 'Die Daten konnten nicht verarbeitet werden:',
  phase: { fetch: 'Datei laden', read: 'Bestellungen lesen', segments: 'Segmente berechnen', clv: 'Kundenwert berechnen', nps: 'NPS berechnen', summary: 'Zusammenfassen' },
  rejected: (n, read) => `${n} von ${read} Zeilen abgelehnt`,
  causes: {
    currency_mismatch: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} in ${g.currency}, Basiswährung ${g.base}`, `Basiswährung auf ${g.currency} stellen`],
    duplicate_id: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit einer Bestellnummer, die schon vorkam`, 'Jede Bestellung zählt einmal; doppelte Zeilen oder überlappende Exporte entfernen.'],
    empty_id: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} ohne Bestellnummer`, 'In jeder Zeile die Bestellnummer ausfüllen, oder in der Vorschau die richtige Spalte zuordnen.'],
    empty_customer: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} ohne Kunde`, 'Kundennummer oder bei Gastbestellungen die E-Mail-Adresse ausfüllen.'],
    bad_date: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit ungültigem Datum in „${g.field}“`, 'Datum als TT.MM.JJJJ (auch mit hh:mm) oder JJJJ-MM-TT schreiben, oder in der Vorschau die richtige Datumsspalte wählen.'],
    bad_time: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit ungültiger Uhrzeit in „${g.field}“`, 'Uhrzeit als hh:mm oder hh:mm:ss schreiben.'],
    bad_amount: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit ungültigem Betrag in „${g.field}“`, 'Beträge wie 1.234,56 oder 49,90 schreiben; in der Vorschau das Zahlenformat prüfen.'],
    negative_amount: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit negativem Betrag in „${g.field}“`, 'Den Bruttobetrag angeben; Erstattungen als Status oder Erstattungsbetrag, nicht als negative Bestellung.'],
    bad_status: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit unbekanntem Status in „${g.field}“`, 'Status wie abgeschlossen, bezahlt, storniert, erstattet oder teilweise erstattet verwenden.'],
    bad_currency: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit ungültiger Währung in „${g.field}“`, 'Einen dreistelligen ISO-Code wie EUR, CHF oder USD angeben.'],
    unclosed_quote: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} nach einem nicht geschlossenen Anführungszeichen`, 'Das Anführungszeichen schließen; ein Anführungszeichen im Feld als "" schreiben.'],
    time_unit: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit einer Zeit, die keine ganze Sekunde ist, in „${g.field}“`, 'Zeiten in ganzen Sekunden seit 1970 (Unix-Zeit, nicht Millisekunden) oder als ISO-Datum angeben.'],
    amount_unit: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit einem Betrag, der keine ganze Zahl kleinster Einheiten ist, in „${g.field}“`, 'Beträge in der kleinsten Einheit der Währung angeben, z. B. 4990 für 49,90 EUR.'],
    amount_too_large: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit einem nach der Umrechnung zu großen Betrag in „${g.field}“`, 'Betrag und Wechselkurs dieser Währung prüfen.'],
    missing_refund: (g, n) => [`${of(n, 'teilweise erstattete Bestellung', 'teilweise erstattete Bestellungen')} ohne Erstattungsbetrag`, 'Den erstatteten Betrag mit exportieren (z. B. Spalte „Erstattet“) und in der Vorschau zuordnen.'],
    bad_rate: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit ungültigem Wechselkurs in „${g.field}“`, 'Den Kurs als positive Zahl angeben: so viel Basiswährung ist eine Einheit wert, z. B. 1,05.'],
    bad_quantity: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit ungültiger Menge in „${g.field}“`, 'Mengen als Zahl von mindestens 0 schreiben, z. B. 2 oder 0,5.'],
    bad_item: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit ungültiger Artikelposition in „${g.field}“`, 'Jede Position braucht Produkt, Name, Menge und Einzelpreis; die Datei erneut exportieren.'],
    bad_score: (g, n) => [`${of(n, 'Antwort', 'Antworten')} mit ungültiger Bewertung in „${g.field}“`, 'Bewertungen als ganze Zahl von 0 bis 10 angeben.'],
    missing_field: (g, n) => [`${of(n, 'Zeile, in der', 'Zeilen, in denen')} „${g.field}“ fehlt`, 'Dieses Feld beim Export aus dem Shop-System mit auswählen.'],
    bad_type: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit einem Wert der falschen Art in „${g.field}“`, 'Die Daten unverändert aus dem Shop-System exportieren.'],
    column_count: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit einer anderen Anzahl Spalten als die erste Zeile`, 'Jede Zeile braucht so viele Spalten wie die erste; die Datei erneut exportieren.'],
    length_mismatch: (g) => [`Die Spalte „${g.field}“ hat eine andere Länge als die Kundenspalte`, 'Für jede Bestellung in jeder Spalte genau einen Eintrag übergeben.'],
    empty_file: () => ['Die Datei ist leer', 'Die Bestellungen mit einer Kopfzeile exportieren, z. B. Bestellnummer;Kundennummer;Datum;Betrag.'],
    not_json: () => ['Die Datei ist kein gültiges JSON', 'Beim Import das passende Format wählen oder die Datei erneut exportieren.'],
    not_text: () => ['Die Eingabe ist kein Text', 'Die CSV-Datei als Text übergeben.'],
    not_orders: () => ['Die Datei enthält keine Bestellliste im erwarteten Aufbau', 'Beim Import das passende Format wählen; die Antwort der Shop-Schnittstelle unverändert speichern.'],
    api_errors: () => ['Die Antwort der Shop-Schnittstelle enthält Fehlermeldungen statt Bestellungen', 'Die Abfrage korrigieren und die Bestellungen erneut abrufen.'],
    missing_column: (g) => [`Keine Spalte erkannt für ${FIELD_DE[g.field] || `„${g.field}“`}`, 'In der Spaltenzuordnung der Vorschau die passende Spalte wählen.'],
    bad_mapping: (g) => [`Die Spaltenzuordnung für „${mapped(g.field, 'de')}“ passt nicht zur Datei`, 'In der Spaltenzuordnung der Vorschau eine Spalte dieser Datei wählen.'],
    bad_delimiter: () => ['Das gewählte Trennzeichen kann keine Spalten trennen', 'Semikolon, Komma oder Tabulator wählen oder das Trennzeichen erkennen lassen.'],
    bad_decimal: () => ['Das gewählte Dezimalzeichen ist ungültig', 'Komma (1.234,56) oder Punkt (1,234.56) wählen.'],
    bad_time_zone: () => ['Die Zeitzone ist unbekannt', 'Eine Zeitzone wie Europe/Berlin, UTC oder +01:00 angeben.'],
    not_events: () => ['Das Ereignisprotokoll ist keine JSON-Liste', 'Eine Liste von Ereignissen übergeben, z. B. [{"type":"show",…}].'],
    bad_event: (g, n) => [`${of(n, 'Eintrag, der kein Ereignis ist', 'Einträge, die kein Ereignis sind')}`, 'Jedes Ereignis als {"type":…, "visitor":…, "ts":…} schreiben.'],
    bad_event_type: (g, n) => [`${of(n, 'Ereignis', 'Ereignisse')} mit unbekanntem Typ`, 'Die Typen show, close, convert oder order verwenden.'],
    missing_visitor: (g, n) => [`${of(n, 'Ereignis', 'Ereignisse')} ohne Besucherkennung`, 'Die Besucherkennung des Shops mit aufzeichnen.'],
    bad_event_time: (g, n) => [`${of(n, 'Ereignis', 'Ereignisse')} mit ungültiger Zeit`, 'Zeiten in Unix-Millisekunden angeben (Date.now()).'],
    bad_popup_kind: (g, n) => [`${of(n, 'Ereignis', 'Ereignisse')} mit unbekannter Popup-Art`, 'Die Arten voucher, service oder newsletter verwenden.'],
    bad_event_value: (g, n) => [`${of(n, 'Bestellung', 'Bestellungen')} mit ungültigem Bestellwert`, 'Den Bestellwert in Cent angeben, z. B. 4990.'],
    rule: (g) => [`Eigenes Segment „${g.field.replace(/^rule:/, '')}“ hat eine fehlerhafte Regel`, 'Die Regel dieses Segments korrigieren.'],
    other: (g, n) => [`${of(n, 'Zeile', 'Zeilen')} mit einem Fehler in „${g.field}“`, 'Die Beispielzeile in der Datei prüfen und korrigieren.'],
  },
  reasons: {
    currency_mismatch: 'Andere Währung als die Basiswährung',
    duplicate_id: 'Bestellnummer kam schon vor',
    empty_id: 'Bestellnummer fehlt',
    empty_customer: 'Kunde fehlt',
    time_unit: 'Zeit nicht in ganzen Sekunden',
    bad_date: 'Ungültiges Datum',
    bad_time: 'Ungültige Uhrzeit',
    amount_unit: 'Betrag nicht in kleinsten Einheiten',
    bad_amount: 'Ungültiger Betrag',
    amount_too_large: 'Betrag nach Umrechnung zu groß',
    negative_amount: 'Negativer Betrag',
    missing_refund: 'Teilweise erstattet ohne Erstattungsbetrag',
    bad_status: 'Unbekannter Status',
    bad_currency: 'Ungültige Währung',
    bad_rate: 'Ungültiger Wechselkurs',
    bad_quantity: 'Ungültige Menge',
    bad_item: 'Ungültige Artikelposition',
    bad_score: 'Ungültige Bewertung',
    missing_field: 'Feld fehlt',
    bad_type: 'Wert der falschen Art',
    unclosed_quote: 'Anführungszeichen nicht geschlossen',
    column_count: 'Falsche Anzahl Spalten',
    length_mismatch: 'Spalte anderer Länge',
    empty_file: 'Datei leer',
    not_json: 'Kein gültiges JSON',
    not_text: 'Kein Text',
    not_orders: 'Keine Bestellliste',
    api_errors: 'Fehler der Shop-Schnittstelle',
    missing_column: 'Spalte nicht erkannt',
    bad_mapping: 'Spaltenzuordnung passt nicht',
    bad_delimiter: 'Ungültiges Trennzeichen',
    bad_decimal: 'Ungültiges Dezimalzeichen',
    bad_time_zone: 'Unbekannte Zeitzone',
    not_events: 'Keine Ereignisliste',
    bad_event: 'Kein Ereignis',
    bad_event_type: 'Unbekannter Ereignistyp',
    missing_visitor: 'Besucherkennung fehlt',
    bad_event_time: 'Ungültige Zeit',
    bad_popup_kind: 'Unbekannte Popup-Art',
    bad_event_value: 'Ungültiger Bestellwert',
    rule: 'Fehlerhafte Regel',
    other: 'Fehler',
  },
  at: (row, field) => [row != null ? `Zeile ${row}` : null, field ? `„${field}“` : null].filter(Boolean).join(', '),
  technical: 'Technische Meldung (Englisch)',
  currencyRowFix: 'Die Basiswährung oben umstellen oder einen Wechselkurs für diese Währung angeben.',
  errors: {
    fetch_failed: (e) => `Die Datei ${e.url || ''} konnte nicht geladen werden. Prüfen Sie die Adresse (src) und die Verbindung.`,
    http_status: (e) => `Die Datei ${e.url || ''} konnte nicht geladen werden (HTTP ${e.status}). Prüfen Sie die Adresse (src).`,
    worker_failed: 'Die Rechenkomponente konnte nicht starten. Prüfen Sie, dass stammkunde-worker.js und admin-engine/ neben stammkunde-admin.js liegen.',
    no_data: 'Es wurden noch keine Daten berechnet; laden Sie zuerst Bestellungen.',
    events_not_json: 'Das Ereignisprotokoll ist kein gültiges JSON; es muss eine JSON-Liste von Ereignissen sein.',
    invalid_input: 'Die Eingabe kann so nicht gelesen werden.',
    invalid_option: (e) => `Eine Einstellung ist ungültig${e.field ? ` („${e.field}“)` : ''}.`,
    unknown_format: 'Das Dateiformat ist unbekannt; wählen Sie beim Import ein Format aus der Liste.',
    wrong_unit: 'Werte in der falschen Einheit, z. B. Millisekunden statt Sekunden oder Euro statt Cent.',
    rule: 'Eine Segmentregel ist fehlerhaft; korrigieren Sie die Regel.',
    unknown_segment: 'Dieses Segment gibt es in der Berechnung nicht (mehr); bitte neu berechnen.',
    unknown_customer: 'Diesen Kunden gibt es in der Berechnung nicht (mehr); bitte neu berechnen.',
    insufficient_data: (e, t) => `Zu wenige Daten für das Modell: ${(e.shortfalls || []).map((s) => (t.shortfalls[s.requirement] || t.shortfalls.other)(s)).join('; ')}.`,
    mixed_currencies: (e) => `Bestellungen in mehreren Währungen (${(e.currencies || []).map((c) => c.currency).join(', ')}); wählen Sie eine Basiswährung.`,
    fit_failed: 'Das Kundenwert-Modell ließ sich an diese Daten nicht anpassen.',
    internal: 'Interner Fehler; bitte melden Sie ihn mit der technischen Meldung.',
  },
  shortfalls: {
    customers: (s) => `${s.have} Kunden mit Bestellungen (nötig ${s.need}, es fehlen ${s.more_needed ?? s.moreNeeded})`,
    repeat_buyers: (s) => `${s.have} Kunden mit Wiederholungskauf (nötig ${s.need}, es fehlen ${s.more_needed ?? s.moreNeeded})`,
    history_days: (s) => `${s.have} Tage Bestellhistorie (nötig ${s.need}, es fehlen ${s.more_needed ?? s.moreNeeded} Tage)`,
    other: (s) => `${s.requirement}: ${s.have} von ${s.need}`,
  },
  clvPending: 'Kundenwert wird berechnet …',
  clvCancelled: 'Kundenwert abgebrochen; neu berechnen, um ihn zu erhalten.',
  example: (row, id, value) => `Beispiel: ${[row != null ? `Zeile ${row}` : null, id ? `Bestellung ${id}` : null, value != null ? `Wert „${value}“` : null].filter(Boolean).join(', ')}`,
  reason: (what, value) => (value != null ? `${what}: „${value}“` : what),
  showRows: (n) => `Die ersten ${n} abgelehnten Zeilen zeigen`,
  noUsable: 'Keine Bestellung konnte gelesen werden: Beheben Sie die Ursachen oben (oder ändern Sie die Einstellungen des Imports) und berechnen Sie neu.',
  errorCols: ['Zeile', 'Feld', 'Grund', 'Lösung'],
  moreErrors: (n) => `… und ${n} weitere`,
  customers: 'Kunden',
  members: 'Mitglieder',
  customerShare: 'Anteil Kunden',
  revenueShare: 'Anteil Umsatz',
  revenue: 'Umsatz',
  orders: 'Bestellungen',
  showMembers: 'Mitglieder zeigen',
  suggested: 'Vorschlag',
  customSegment: 'eigenes',
  asOf: (d) => `Stand ${d}`,
  segmentsTitle: 'Kundensegmente',
  rfmTitle: 'RFM: Aktualität × Häufigkeit',
  rfmRecency: 'Aktualität (R)',
  rfmFrequency: 'Häufigkeit (F)',
  rfmCell: (r, f, n) => `R ${r}, F ${f}: ${n} Kunden`,
  rfmHint: 'Zelle anklicken oder mit Enter wählen, um die Kunden zu sehen. Pfeiltasten bewegen.',
  rfmSelected: (r, f) => `Kunden mit R ${r} und F ${f}`,
  close: 'Schließen',
  abcTitle: 'ABC-Analyse',
  abcCurve: 'Pareto-Kurve: kumulierter Umsatzanteil über dem Kundenanteil',
  abcClass: 'Klasse',
  clvTitle: 'Kundenwert (CLV)',
  clvDistribution: 'Verteilung des vorhergesagten Kundenwerts',
  clvTop: 'Wertvollste Kunden',
  clvAlive: 'Wahrscheinlichkeit, noch aktiv zu sein',
  clvPredicted: 'Vorhergesagter Wert',
  clvHorizon: (m) => `über ${m} Monate`,
  pAlive: 'P(aktiv)',
  expectedOrders: 'Erw. Bestellungen',
  bands: { low: 'wahrscheinlich abgewandert (< 30 %)', mid: 'unsicher (30–70 %)', high: 'aktiv (≥ 70 %)' },
  clvUnavailable: 'Kein Kundenwert-Modell:',
  clvAliveNote: (n) => `Warum Einmalkäufer „aktiv“ sein können: Im Modell (BG/NBD) kann ein Kunde erst nach einem Wiederkauf als abgewandert gelten; wer nur einmal bestellt hat, bekommt P(aktiv) = 100 %. ${n} der aktiven Kunden haben nur einmal bestellt und können zugleich Schläfer sein. P(aktiv) sagt, ob ein Kunde wohl noch kauft, der erwartete Wert (CLV) wie viel – bei Einmalkäufern meist wenig.`,
  clvAliveNotePareto: () => 'P(aktiv) schätzt, ob ein Kunde noch kauft (Pareto/NBD); lange Stille senkt sie auch bei Einmalkäufern. Der erwartete Wert (CLV) sagt, wie viel.',
  rfmCuts: 'So wurden die Werte eingeteilt',
  rfmCutR: 'R: Fünftel nach Tagen seit der letzten Bestellung (5 = zuletzt gekauft)',
  rfmCutFQuintiles: 'F: Fünftel nach Anzahl der Bestellungen',
  rfmCutFOrders: (share) => `F: Anzahl der Bestellungen (5 = fünf und mehr), weil ${share} der Kunden nur einmal bestellt haben und Fünftel mit so vielen Gleichständen leere Spalten ergäben`,
  rfmDays: (a, b) => (a === b ? `${a} Tage` : `${a}–${b} Tage`),
  rfmOrders: (a, b) => (a === b ? `${a} Best.` : b === null ? `${a}+ Best.` : `${a}–${b} Best.`),
  rfmEmpty: (cols) => `Leer: ${cols} – gleich viele Bestellungen erhalten dieselbe Stufe, daher bleibt diese Stufe unbesetzt.`,
  customer: 'Kunde',
  membersTitle: 'Kundenliste',
  segment: 'Segment',
  allCustomers: 'Alle Kunden',
  rule: 'Regel',
  rulePlaceholder: "z. B. amount_spent > 500 AND number_of_orders >= 3",
  applyRule: 'Anwenden',
  ruleError: 'Fehler in der Regel',
  filter: 'Suchen',
  filterPlaceholder: 'Kunde suchen …',
  page: (a, b, n) => `${a}–${b} von ${n}`,
  prev: 'Zurück',
  next: 'Weiter',
  exportCsv: 'Exportieren',
  csvFormat: 'Format',
  csvDe: 'Deutsch (1234,56; Semikolon)',
  csvEn: 'Englisch (1234.56; Komma)',
  xlsx: 'Excel (XLSX; Kundennummern als Text)',
  noMembers: 'Keine Kunden gefunden.',
  sortBy: (c) => `Nach ${c} sortieren`,
  cols: { customer: 'Kunde', orders: 'Bestellungen', revenue: 'Umsatz', aov: 'Ø Bestellwert', first: 'Erste Bestellung', last: 'Letzte Bestellung', days: 'Tage seit Kauf', rfm: 'RFM-Segment', abc: 'ABC', clv: 'CLV', pAlive: 'P(aktiv)', segments: 'Segmente', r: 'R', f: 'F', m: 'M' },
  npsTitle: 'Net Promoter Score',
  promoters: 'Promotoren (9–10)',
  passives: 'Passive (7–8)',
  detractors: 'Kritiker (0–6)',
  answers: 'Antworten',
  overall: 'Gesamt',
  noSurvey: 'Keine Umfrageantworten geladen. Geben Sie sie mit dem Attribut survey oder der Eigenschaft survey an.',
  campaignsTitle: 'Popup-Kampagnen',
  kinds: { voucher: 'Gutschein', service: 'Service-Hilfe', newsletter: 'Newsletter', all: 'Alle Popups' },
  shown: 'Gezeigt',
  converted: 'Aktion',
  dismissed: 'Geschlossen',
  holdout: 'Kontrollgruppe',
  orderRate: 'Bestellrate',
  uplift: 'Uplift (95-%-Intervall)',
  upliftNote: (d) => `Uplift: Bestellrate der Besucher mit Popup minus Bestellrate der Kontrollgruppe, Bestellungen bis ${d} Tage nach dem ersten Popup.`,
  significant: 'signifikant',
  notSignificant: 'nicht signifikant',
  noEvents: 'Kein Ereignisprotokoll geladen. Geben Sie es mit dem Attribut src oder der Eigenschaft events an.',
  pp: 'Pp.',
};

const en = {
  imp: {
    title: 'Load your own order data',
    intro: 'Choose or drop your shop’s CSV or JSON export. The file stays in this browser.',
    choose: 'Choose file',
    drop: 'Drop the file here',
    reading: (name) => `Checking ${name} …`,
    preview: (name) => `Preview: ${name}`,
    format: 'Format',
    formats: { csv: 'CSV', canonical: 'JSON (Stammkunde)', shopify: 'Shopify (REST)', 'shopify-graphql': 'Shopify (GraphQL)', shopware: 'Shopware 6', woocommerce: 'WooCommerce', cdnow: 'CDNOW log' },
    encoding: 'Encoding',
    delimiter: 'Delimiter',
    delimiters: { ';': 'Semicolon (;)', ',': 'Comma (,)', '\t': 'Tab', '|': 'Vertical bar (|)' },
    dateStyle: 'Date format',
    dateStyles: { 'dd.mm.yyyy': 'DD.MM.YYYY', 'yyyy-mm-dd': 'YYYY-MM-DD', yyyymmdd: 'YYYYMMDD' },
    numberStyle: 'Number format',
    numberStyles: { ',': '1.234,56 (decimal comma)', '.': '1,234.56 (decimal point)' },
    currency: 'Base currency',
    currencyFromFile: (c) => `${c} (from the file)`,
    currencyMixed: (list) => `The file holds several currencies (${list}); orders in another currency than the base are rejected.`,
    currencyNone: 'The file names no currency; please give it.',
    range: 'Date range',
    rows: 'Rows',
    asOf: 'As-of date',
    asOfToday: 'today',
    asOfAfterLast: 'the day after the last order, because the file ends more than a month ago',
    mapping: 'Column mapping',
    field: 'Field',
    column: 'Column',
    notFound: '– not recognised –',
    notUsed: '– not used –',
    required: 'required',
    fields: { order_id: 'Order number', customer: 'Customer number', email: 'E-mail', placed_at: 'Order date', time: 'Time', total: 'Total', currency: 'Currency', status: 'Status', refunded: 'Refunded', cancelled_at: 'Cancelled at', sku: 'SKU', product_id: 'Product id', name: 'Item name', category: 'Category', quantity: 'Quantity', unit_price: 'Unit price' },
    sample: 'First rows (check special characters)',
    problem: 'The file cannot be read as it stands:',
    missing: (fields) => `No column recognised for: ${fields}. Please choose it in the column mapping.`,
    compute: 'Compute',
    cancel: 'Cancel',
    change: 'Change settings',
    another: 'Another file',
    loaded: (name, rows) => `${name}: ${rows} rows loaded`,
    remembered: 'Settings saved for this shop; they apply again at the next import.',
    readFailed: 'The file could not be read:',
    unclosed: (row) => `A quote in row ${row} is never closed; the rows after it are missing. Close it in the file.`,
  },
  loading: 'Loading data …',
  computing: 'Computing …',
  cancel: 'Cancel',
  cancelled: 'Computation cancelled.',
  retry: 'Compute again',
  noData: 'No order data. Give a source (src, source or the orders property).',
  failed: 'The data could not be processed:',
  phase: { fetch: 'Loading file', read: 'Reading orders', segments: 'Computing segments', clv: 'Computing customer value', nps: 'Computing NPS', summary: 'Summarising' },
  rejected: (n, read) => `${n} of ${read} rows rejected`,
  causes: {
    currency_mismatch: (g, n) => [`${of(n, 'row', 'rows')} in ${g.currency}, base currency ${g.base}`, `Set the base currency to ${g.currency}`],
    duplicate_id: (g, n) => [`${of(n, 'row', 'rows')} with an order number seen before`, 'Each order counts once; remove repeated rows or overlapping exports.'],
    empty_id: (g, n) => [`${of(n, 'row', 'rows')} without an order number`, 'Fill in the order number in every row, or map the right column in the preview.'],
    empty_customer: (g, n) => [`${of(n, 'row', 'rows')} without a customer`, 'Fill in the customer number, or the e-mail address for guest orders.'],
    bad_date: (g, n) => [`${of(n, 'row', 'rows')} with an invalid date in “${g.field}”`, 'Write dates as dd.mm.yyyy (also with hh:mm) or yyyy-mm-dd, or pick the right date column in the preview.'],
    bad_time: (g, n) => [`${of(n, 'row', 'rows')} with an invalid time in “${g.field}”`, 'Write times as hh:mm or hh:mm:ss.'],
    bad_amount: (g, n) => [`${of(n, 'row', 'rows')} with an invalid amount in “${g.field}”`, 'Write amounts like 1,234.56 or 49.90; check the number format in the preview.'],
    negative_amount: (g, n) => [`${of(n, 'row', 'rows')} with a negative amount in “${g.field}”`, 'Give the gross total; record refunds as status or refunded amount, not as negative orders.'],
    bad_status: (g, n) => [`${of(n, 'row', 'rows')} with an unknown status in “${g.field}”`, 'Use statuses such as completed, paid, cancelled, refunded or partially refunded.'],
    bad_currency: (g, n) => [`${of(n, 'row', 'rows')} with an invalid currency in “${g.field}”`, 'Give a three-letter ISO code such as EUR, CHF or USD.'],
    unclosed_quote: (g, n) => [`${of(n, 'row', 'rows')} after a quote that is never closed`, 'Close the quote; write a quote inside a field as "".'],
    time_unit: (g, n) => [`${of(n, 'row', 'rows')} with a time that is not whole seconds in “${g.field}”`, 'Give times in whole seconds since 1970 (Unix time, not milliseconds) or as an ISO date.'],
    amount_unit: (g, n) => [`${of(n, 'row', 'rows')} with an amount that is not a whole number of minor units in “${g.field}”`, 'Give amounts in the currency’s minor unit, e.g. 4990 for 49.90 EUR.'],
    amount_too_large: (g, n) => [`${of(n, 'row', 'rows')} with an amount too large after conversion in “${g.field}”`, 'Check the amount and the exchange rate of this currency.'],
    missing_refund: (g, n) => [`${of(n, 'partially refunded order', 'partially refunded orders')} without a refunded amount`, 'Export the refunded amount too (e.g. a column “Refunded”) and map it in the preview.'],
    bad_rate: (g, n) => [`${of(n, 'row', 'rows')} with an invalid exchange rate in “${g.field}”`, 'Give the rate as a positive number: how much base currency one unit is worth, e.g. 1.05.'],
    bad_quantity: (g, n) => [`${of(n, 'row', 'rows')} with an invalid quantity in “${g.field}”`, 'Write quantities as a number of at least 0, e.g. 2 or 0.5.'],
    bad_item: (g, n) => [`${of(n, 'row', 'rows')} with an invalid line item in “${g.field}”`, 'Each line item needs product, name, quantity and unit price; export the file again.'],
    bad_score: (g, n) => [`${of(n, 'answer', 'answers')} with an invalid score in “${g.field}”`, 'Give scores as whole numbers from 0 to 10.'],
    missing_field: (g, n) => [`${of(n, 'row', 'rows')} where “${g.field}” is missing`, 'Include this field in the export from the shop system.'],
    bad_type: (g, n) => [`${of(n, 'row', 'rows')} with a value of the wrong kind in “${g.field}”`, 'Export the data unchanged from the shop system.'],
    column_count: (g, n) => [`${of(n, 'row', 'rows')} with another number of columns than the first row`, 'Each row needs as many columns as the first; export the file again.'],
    length_mismatch: (g) => [`The column “${g.field}” has another length than the customer column`, 'Pass exactly one entry per order in every column.'],
    empty_file: () => ['The file is empty', 'Export the orders with a header row, e.g. Bestellnummer;Kundennummer;Datum;Betrag.'],
    not_json: () => ['The file is not valid JSON', 'Choose the matching format in the import, or export the file again.'],
    not_text: () => ['The input is not text', 'Pass the CSV file as text.'],
    not_orders: () => ['The file holds no list of orders in the expected shape', 'Choose the matching format in the import; save the shop API’s response unchanged.'],
    api_errors: () => ['The shop API’s response holds error messages instead of orders', 'Correct the query and fetch the orders again.'],
    missing_column: (g) => [`No column recognised for ${FIELD_EN[g.field] || `“${g.field}”`}`, 'Choose the matching column in the column mapping of the preview.'],
    bad_mapping: (g) => [`The column mapping for “${mapped(g.field, 'en')}” does not fit the file`, 'Choose a column of this file in the column mapping of the preview.'],
    bad_delimiter: () => ['The chosen delimiter cannot separate columns', 'Choose semicolon, comma or tab, or let the delimiter be detected.'],
    bad_decimal: () => ['The chosen decimal separator is invalid', 'Choose comma (1.234,56) or point (1,234.56).'],
    bad_time_zone: () => ['The time zone is unknown', 'Give a time zone such as Europe/Berlin, UTC or +01:00.'],
    not_events: () => ['The event log is not a JSON list', 'Pass a list of events, e.g. [{"type":"show",…}].'],
    bad_event: (g, n) => [`${of(n, 'entry that is not an event', 'entries that are not events')}`, 'Write each event as {"type":…, "visitor":…, "ts":…}.'],
    bad_event_type: (g, n) => [`${of(n, 'event', 'events')} of an unknown type`, 'Use the types show, close, convert or order.'],
    missing_visitor: (g, n) => [`${of(n, 'event', 'events')} without a visitor id`, 'Record the storefront’s visitor id with each event.'],
    bad_event_time: (g, n) => [`${of(n, 'event', 'events')} with an invalid time`, 'Give times in Unix milliseconds (Date.now()).'],
    bad_popup_kind: (g, n) => [`${of(n, 'event', 'events')} of an unknown popup kind`, 'Use the kinds voucher, service or newsletter.'],
    bad_event_value: (g, n) => [`${of(n, 'order', 'orders')} with an invalid order value`, 'Give the order value in cents, e.g. 4990.'],
    rule: (g) => [`Custom segment “${g.field.replace(/^rule:/, '')}” has a broken rule`, 'Correct the rule of this segment.'],
    other: (g, n) => [`${of(n, 'row', 'rows')} with an error in “${g.field}”`, 'Check and correct the example row in the file.'],
  },
  reasons: {
    currency_mismatch: 'Another currency than the base currency',
    duplicate_id: 'Order number seen before',
    empty_id: 'Order number missing',
    empty_customer: 'Customer missing',
    time_unit: 'Time not in whole seconds',
    bad_date: 'Invalid date',
    bad_time: 'Invalid time',
    amount_unit: 'Amount not in minor units',
    bad_amount: 'Invalid amount',
    amount_too_large: 'Amount too large after conversion',
    negative_amount: 'Negative amount',
    missing_refund: 'Partially refunded without a refunded amount',
    bad_status: 'Unknown status',
    bad_currency: 'Invalid currency',
    bad_rate: 'Invalid exchange rate',
    bad_quantity: 'Invalid quantity',
    bad_item: 'Invalid line item',
    bad_score: 'Invalid score',
    missing_field: 'Field missing',
    bad_type: 'Value of the wrong kind',
    unclosed_quote: 'Quote never closed',
    column_count: 'Wrong number of columns',
    length_mismatch: 'Column of another length',
    empty_file: 'File empty',
    not_json: 'Not valid JSON',
    not_text: 'Not text',
    not_orders: 'No list of orders',
    api_errors: 'Errors of the shop API',
    missing_column: 'Column not recognised',
    bad_mapping: 'Column mapping does not fit',
    bad_delimiter: 'Invalid delimiter',
    bad_decimal: 'Invalid decimal separator',
    bad_time_zone: 'Unknown time zone',
    not_events: 'No list of events',
    bad_event: 'Not an event',
    bad_event_type: 'Unknown event type',
    missing_visitor: 'Visitor id missing',
    bad_event_time: 'Invalid time',
    bad_popup_kind: 'Unknown popup kind',
    bad_event_value: 'Invalid order value',
    rule: 'Broken rule',
    other: 'Error',
  },
  at: (row, field) => [row != null ? `Row ${row}` : null, field ? `“${field}”` : null].filter(Boolean).join(', '),
  technical: 'Technical message',
  currencyRowFix: 'Change the base currency above, or give an exchange rate for this currency.',
  errors: {
    fetch_failed: (e) => `The file ${e.url || ''} could not be loaded. Check the address (src) and the connection.`,
    http_status: (e) => `The file ${e.url || ''} could not be loaded (HTTP ${e.status}). Check the address (src).`,
    worker_failed: 'The computing component could not start. Check that stammkunde-worker.js and admin-engine/ lie next to stammkunde-admin.js.',
    no_data: 'No data computed yet; load orders first.',
    events_not_json: 'The event log is not valid JSON; it must be a JSON list of events.',
    invalid_input: 'The input cannot be read as it stands.',
    invalid_option: (e) => `A setting is invalid${e.field ? ` (“${e.field}”)` : ''}.`,
    unknown_format: 'The file format is unknown; choose a format from the list in the import.',
    wrong_unit: 'Values in the wrong unit, e.g. milliseconds instead of seconds or euros instead of cents.',
    rule: 'A segment rule is broken; correct the rule.',
    unknown_segment: 'This segment is not (or no longer) in the computation; please compute again.',
    unknown_customer: 'This customer is not (or no longer) in the computation; please compute again.',
    insufficient_data: (e, t) => `Too little data for the model: ${(e.shortfalls || []).map((s) => (t.shortfalls[s.requirement] || t.shortfalls.other)(s)).join('; ')}.`,
    mixed_currencies: (e) => `Orders in several currencies (${(e.currencies || []).map((c) => c.currency).join(', ')}); choose a base currency.`,
    fit_failed: 'The customer value model could not be fitted to this data.',
    internal: 'Internal error; please report it with the technical message.',
  },
  shortfalls: {
    customers: (s) => `${s.have} customers with orders (need ${s.need}, ${s.more_needed ?? s.moreNeeded} more)`,
    repeat_buyers: (s) => `${s.have} customers with a repeat purchase (need ${s.need}, ${s.more_needed ?? s.moreNeeded} more)`,
    history_days: (s) => `${s.have} days of order history (need ${s.need}, ${s.more_needed ?? s.moreNeeded} more days)`,
    other: (s) => `${s.requirement}: ${s.have} of ${s.need}`,
  },
  clvPending: 'Computing customer value …',
  clvCancelled: 'Customer value cancelled; compute again to get it.',
  example: (row, id, value) => `Example: ${[row != null ? `row ${row}` : null, id ? `order ${id}` : null, value != null ? `value “${value}”` : null].filter(Boolean).join(', ')}`,
  reason: (what, value) => (value != null ? `${what}: “${value}”` : what),
  showRows: (n) => `Show the first ${n} rejected rows`,
  noUsable: 'No order could be read: fix the causes above (or change the import settings) and compute again.',
  errorCols: ['Row', 'Field', 'Reason', 'Fix'],
  moreErrors: (n) => `… and ${n} more`,
  customers: 'Customers',
  members: 'members',
  customerShare: 'Share of customers',
  revenueShare: 'Share of revenue',
  revenue: 'Revenue',
  orders: 'Orders',
  showMembers: 'Show members',
  suggested: 'Suggested',
  customSegment: 'custom',
  asOf: (d) => `As of ${d}`,
  segmentsTitle: 'Customer segments',
  rfmTitle: 'RFM: recency × frequency',
  rfmRecency: 'Recency (R)',
  rfmFrequency: 'Frequency (F)',
  rfmCell: (r, f, n) => `R ${r}, F ${f}: ${n} customers`,
  rfmHint: 'Click a cell or press Enter to see its customers. Arrow keys move.',
  rfmSelected: (r, f) => `Customers with R ${r} and F ${f}`,
  close: 'Close',
  abcTitle: 'ABC analysis',
  abcCurve: 'Pareto curve: cumulative share of revenue over share of customers',
  abcClass: 'Class',
  clvTitle: 'Customer lifetime value (CLV)',
  clvDistribution: 'Distribution of predicted customer value',
  clvTop: 'Most valuable customers',
  clvAlive: 'Probability of still being active',
  clvPredicted: 'Predicted value',
  clvHorizon: (m) => `over ${m} months`,
  pAlive: 'P(alive)',
  expectedOrders: 'Exp. orders',
  bands: { low: 'likely churned (< 30 %)', mid: 'uncertain (30–70 %)', high: 'active (≥ 70 %)' },
  clvUnavailable: 'No customer value model:',
  clvAliveNote: (n) => `Why one-time buyers can be “active”: in the model (BG/NBD) a customer can only drop out after a repeat purchase, so someone who ordered once gets P(alive) = 100 %. ${n} of the active customers ordered only once and can be sleepers at the same time. P(alive) says whether a customer will probably still buy, the expected value (CLV) how much – little for most one-time buyers.`,
  clvAliveNotePareto: () => 'P(alive) estimates whether a customer still buys (Pareto/NBD); long silence lowers it for one-time buyers too. The expected value (CLV) says how much.',
  rfmCuts: 'How the scores were cut',
  rfmCutR: 'R: fifths by days since the last order (5 = bought most recently)',
  rfmCutFQuintiles: 'F: fifths by number of orders',
  rfmCutFOrders: (share) => `F: the number of orders (5 = five or more), because ${share} of the customers ordered once and fifths with that many ties would leave empty columns`,
  rfmDays: (a, b) => (a === b ? `${a} days` : `${a}–${b} days`),
  rfmOrders: (a, b) => (a === b ? `${a} ord.` : b === null ? `${a}+ ord.` : `${a}–${b} ord.`),
  rfmEmpty: (cols) => `Empty: ${cols} – equal order counts get the same score, so this score has no customers.`,
  customer: 'Customer',
  membersTitle: 'Customer list',
  segment: 'Segment',
  allCustomers: 'All customers',
  rule: 'Rule',
  rulePlaceholder: 'e.g. amount_spent > 500 AND number_of_orders >= 3',
  applyRule: 'Apply',
  ruleError: 'Error in the rule',
  filter: 'Search',
  filterPlaceholder: 'Search customers …',
  page: (a, b, n) => `${a}–${b} of ${n}`,
  prev: 'Previous',
  next: 'Next',
  exportCsv: 'Export',
  csvFormat: 'Format',
  csvDe: 'German (1234,56; semicolon)',
  csvEn: 'English (1234.56; comma)',
  xlsx: 'Excel (XLSX; customer numbers as text)',
  noMembers: 'No customers found.',
  sortBy: (c) => `Sort by ${c}`,
  cols: { customer: 'Customer', orders: 'Orders', revenue: 'Revenue', aov: 'Avg. order', first: 'First order', last: 'Last order', days: 'Days since order', rfm: 'RFM segment', abc: 'ABC', clv: 'CLV', pAlive: 'P(alive)', segments: 'Segments', r: 'R', f: 'F', m: 'M' },
  npsTitle: 'Net Promoter Score',
  promoters: 'Promoters (9–10)',
  passives: 'Passives (7–8)',
  detractors: 'Detractors (0–6)',
  answers: 'Answers',
  overall: 'Overall',
  noSurvey: 'No survey answers loaded. Give them with the survey attribute or the survey property.',
  campaignsTitle: 'Popup campaigns',
  kinds: { voucher: 'Voucher', service: 'Service help', newsletter: 'Newsletter', all: 'All popups' },
  shown: 'Shown',
  converted: 'Action',
  dismissed: 'Dismissed',
  holdout: 'Holdout',
  orderRate: 'Order rate',
  uplift: 'Uplift (95 % interval)',
  upliftNote: (d) => `Uplift: order rate of visitors shown a popup minus that of the holdout group, orders within ${d} days of the first popup.`,
  significant: 'significant',
  notSignificant: 'not significant',
  noEvents: 'No event log loaded. Give it with the src attribute or the events property.',
  pp: 'pp',
};

export const TEXTS = { de, en };

/**
 * A field as an error names it, for the admin: the engine's own field names
 * (`total`, `placed_at`) in the UI language, a column of the file as it is.
 */
export function fieldLabel(field, lang) {
  const raw = String(field ?? '');
  // The canonical format's names for the same columns.
  const name = Object.prototype.hasOwnProperty.call(FIELD_ALIASES, raw) ? FIELD_ALIASES[raw] : raw;
  const fields = (lang === 'en' ? en : de).imp.fields;
  return Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : name;
}

/** Field names of the canonical JSON format and the CLI that mean a mapped column. */
const FIELD_ALIASES = { id: 'order_id', customer_id: 'customer', date: 'placed_at', 'status.amount': 'refunded' };

/** The texts for a language (`de` or `en`; anything else falls back to German). */
export function texts(lang) {
  return lang === 'en' ? en : de;
}

/** `de-AT` → `de`, `en-US` → `en`, anything else → `de`. */
export function langOf(value) {
  return String(value || '').toLowerCase().startsWith('en') ? 'en' : 'de';
}

// Whole-file problems: said as one sentence with the fix; the other codes
// name the row and field.
const FILE_CODES = new Set(['not_events', 'empty_file', 'not_json', 'not_text', 'not_orders', 'api_errors', 'missing_column', 'bad_mapping', 'bad_delimiter', 'bad_decimal', 'bad_time_zone', 'length_mismatch']);

/**
 * A problem of the readers that stops the whole file (`{ code, row, field }`:
 * `OrderFileFacts.problem` or a thrown error's `reasonCode`) as one sentence
 * with its fix, or null for a code without a text (`other`).
 */
export function problemText(problem, lang) {
  const t = texts(lang);
  const p = problem || {};
  const code = p.code;
  const cause = code && code !== 'other' && code !== 'rule' ? t.causes[code] : null;
  if (!cause) return null;
  if (code === 'unclosed_quote') return t.imp.unclosed(p.row ?? '?');
  const g = { field: String(p.field ?? ''), currency: p.currency ?? null, base: p.base ?? null };
  const [title, fix] = cause(g, '1');
  if (FILE_CODES.has(code)) return `${title}. ${fix}`;
  const at = t.at(p.row ?? null, g.field);
  return `${at ? `${at}: ` : ''}${t.reasons[code]}.${code === 'currency_mismatch' ? '' : ` ${fix}`}`;
}

/**
 * An error shown to the admin (a worker error: `message` plus the
 * StammkundeError's `code`, `reasonCode`, `row`, `field`, …, or a code of
 * the page such as `fetch_failed`) in a language: `text`, translated, and
 * `detail`, the technical message in English for the cases no text explains
 * fully (shown as secondary text marked `lang="en"`), else null.
 */
export function errorText(error, lang) {
  const t = texts(lang);
  const e = error && typeof error === 'object' ? error : { message: String(error ?? '') };
  const message = String(e.message || '');
  const problem = e.reasonCode ? problemText({ code: e.reasonCode, row: e.row, field: e.field }, lang) : null;
  if (problem) return { text: problem, detail: null };
  const known = Object.prototype.hasOwnProperty.call(t.errors, e.code) ? t.errors[e.code] : null;
  if (known) {
    const text = typeof known === 'function' ? known(e, t) : known;
    // Generic texts keep the engine's words as the detail; the others say it all.
    const full = ['fetch_failed', 'http_status', 'worker_failed', 'no_data', 'events_not_json', 'unknown_segment', 'unknown_customer', 'mixed_currencies'].includes(e.code) || (e.code === 'insufficient_data' && e.shortfalls?.length);
    return { text, detail: full ? null : message || null };
  }
  return { text: '', detail: message || null };
}

// What a segment means and what to do with it, by segment id. Segment ids
// come from the engine; ids not listed here (custom segments) show their rule.
const ABOUT = {
  champions: {
    de: ['Kaufen oft, zuletzt vor kurzem und viel.', 'Treuebonus oder früher Zugang zu Neuheiten statt Pauschalrabatt.'],
    en: ['Buy often, recently and a lot.', 'A loyalty bonus or early access to new products instead of a blanket voucher.'],
  },
  loyal: {
    de: ['Kaufen regelmäßig.', 'Kunden-werben-Kunden-Angebot; um Bewertungen bitten.'],
    en: ['Buy regularly.', 'A customers-recruit-customers offer; ask for reviews.'],
  },
  potential_loyalists: {
    de: ['Kauften kürzlich mehr als einmal.', 'Mitgliedschaft oder Treueprogramm anbieten, passende Produkte empfehlen.'],
    en: ['Recent customers who bought more than once.', 'Offer membership or a loyalty programme; recommend related products.'],
  },
  new_customers: {
    de: ['Erste Bestellung vor kurzem.', 'Willkommensstrecke: Einstieg erleichtern, zweite Bestellung anregen.'],
    en: ['First order recently.', 'A welcome series: help them get started and invite a second order.'],
  },
  promising: {
    de: ['Kauften vor kurzem, aber noch selten.', 'Marke erlebbar machen, kleines Angebot zur zweiten Bestellung.'],
    en: ['Bought recently but not often yet.', 'Build the brand; a small offer for the next order.'],
  },
  need_attention: {
    de: ['Durchschnittlich in Aktualität und Häufigkeit.', 'Zeitlich begrenzte, persönliche Empfehlungen.'],
    en: ['Average recency and frequency.', 'Time-limited, personal recommendations.'],
  },
  about_to_sleep: {
    de: ['Kaufen seltener und länger nicht mehr.', 'Beliebte Produkte und Neuheiten zeigen, bevor sie abwandern.'],
    en: ['Below average recency and frequency.', 'Show popular products and news before they drift away.'],
  },
  at_risk: {
    de: ['Kauften früher oft, aber lange nicht mehr.', 'Persönliche Nachricht mit Anreiz zur Rückkehr.'],
    en: ['Bought often in the past, but not for a long time.', 'A personal message with a reason to come back.'],
  },
  cant_lose_them: {
    de: ['Früher die besten Kunden, jetzt lange still.', 'Persönlich ansprechen, nach Gründen fragen, nicht verlieren.'],
    en: ['Once the best customers, silent for long.', 'Reach out personally, ask what went wrong; do not lose them.'],
  },
  hibernating: {
    de: ['Wenige, alte Bestellungen.', 'Relevante Angebote, sonst nicht zu oft anschreiben.'],
    en: ['Few orders, long ago.', 'Relevant offers only; do not mail too often.'],
  },
  lost: {
    de: ['Niedrigste Aktualität und Häufigkeit.', 'Nur mit einer Reaktivierungskampagne versuchen, sonst ruhen lassen.'],
    en: ['Lowest recency and frequency.', 'Try one reactivation campaign, otherwise let them rest.'],
  },
  high_revenue: {
    de: ['Haben insgesamt mehr als den Schwellwert ausgegeben.', 'Treuebonus statt Rabatt; persönlicher Service.'],
    en: ['Spent more than the threshold in total.', 'A loyalty bonus instead of discounts; personal service.'],
  },
  frequent_buyers: {
    de: ['Mehr als drei Bestellungen.', 'Kunden-werben-Kunden-Angebot.'],
    en: ['More than three orders.', 'A customers-recruit-customers offer.'],
  },
  sleepers: {
    de: ['Keine Bestellung seit Wochen.', 'Eine „Wir vermissen Sie“-Nachricht.'],
    en: ['No order for weeks.', 'A “we’ve missed you” message.'],
  },
  churn_warning: {
    de: ['Stammkunden, deren Pause deutlich länger ist als ihr üblicher Rhythmus.', 'Jetzt persönlich nachfassen, bevor sie abwandern.'],
    en: ['Regulars whose current gap is much longer than their usual rhythm.', 'Follow up personally now, before they leave.'],
  },
  likely_churned: {
    de: ['Laut Kundenwert-Modell wahrscheinlich nicht mehr aktiv.', 'Reaktivierung versuchen; nicht in normale Kampagnen aufnehmen.'],
    en: ['Probably no longer active according to the customer value model.', 'Try reactivation; leave them out of regular campaigns.'],
  },
  vip: {
    de: ['Die umsatzstärksten Kunden.', 'Treuebonus und bevorzugter Service statt Gutscheinen.'],
    en: ['The customers with the highest revenue.', 'A loyalty bonus and priority service instead of vouchers.'],
  },
  abc_a: {
    de: ['A-Kunden: bringen den Großteil des Umsatzes.', 'Binden: Treuebonus statt Pauschalrabatt.'],
    en: ['A customers: bring most of the revenue.', 'Keep them: a loyalty bonus instead of blanket discounts.'],
  },
  abc_b: {
    de: ['B-Kunden: mittlerer Umsatzanteil.', 'Entwickeln: Empfehlungen, Warenkorb erweitern.'],
    en: ['B customers: a middle share of revenue.', 'Develop them: recommendations, larger baskets.'],
  },
  abc_c: {
    de: ['C-Kunden: kleiner Umsatzanteil.', 'Automatisiert betreuen, Kosten gering halten.'],
    en: ['C customers: a small share of revenue.', 'Serve them automatically at low cost.'],
  },
};
const PRODUCT = {
  de: ['Haben dieses Produkt gekauft.', 'Passendes Zubehör oder Nachkauf anbieten.'],
  en: ['Bought this product.', 'Offer matching accessories or a refill.'],
};
const CATEGORY = {
  de: ['Haben aus dieser Kategorie gekauft.', 'Neuheiten der Kategorie zeigen.'],
  en: ['Bought from this category.', 'Show what is new in the category.'],
};

/** `{ meaning, action }` for a segment id in a language, or null. */
export function aboutSegment(id, lang) {
  // Engine ids: `sleepers`, `rfm:at_risk`, `abc:A`, `product:<sku>`,
  // `category:<name>`, `rule:<id>` (custom: no text here).
  const key = String(id || '').toLowerCase();
  const [prefix, rest] = key.includes(':') ? [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] : ['', key];
  const entry =
    prefix === 'rfm' || prefix === '' ? ABOUT[rest] : prefix === 'abc' ? ABOUT[`abc_${rest}`] : prefix === 'product' ? PRODUCT : prefix === 'category' ? CATEGORY : null;
  if (!entry) return null;
  const [meaning, action] = entry[lang === 'en' ? 'en' : 'de'];
  return { meaning, action };
}
