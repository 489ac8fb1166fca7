// German and English texts of the widgets. Language: the element's `lang`,
// else the nearest ancestor's, else German.

const de = {
  loading: 'Daten werden geladen …',
  computing: 'Berechnung läuft …',
  cancel: 'Abbrechen',
  cancelled: 'Berechnung abgebrochen.',
  retry: 'Neu berechnen',
  noData: 'Keine Bestelldaten. Geben Sie eine Quelle an (src, source oder die Eigenschaft orders).',
  failed: 'Die Daten konnten nicht verarbeitet werden:',
  phase: { fetch: 'Datei laden', read: 'Bestellungen lesen', segments: 'Segmente berechnen', clv: 'Kundenwert berechnen', nps: 'NPS berechnen', summary: 'Zusammenfassen' },
  rejected: (n, read) => `${n} von ${read} Zeilen abgelehnt`,
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
  exportCsv: 'CSV exportieren',
  csvFormat: 'Zahlenformat',
  csvDe: 'Deutsch (1234,56; Semikolon)',
  csvEn: 'Englisch (1234.56; Komma)',
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
  loading: 'Loading data …',
  computing: 'Computing …',
  cancel: 'Cancel',
  cancelled: 'Computation cancelled.',
  retry: 'Compute again',
  noData: 'No order data. Give a source (src, source or the orders property).',
  failed: 'The data could not be processed:',
  phase: { fetch: 'Loading file', read: 'Reading orders', segments: 'Computing segments', clv: 'Computing customer value', nps: 'Computing NPS', summary: 'Summarising' },
  rejected: (n, read) => `${n} of ${read} rows rejected`,
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
  exportCsv: 'Export CSV',
  csvFormat: 'Number format',
  csvDe: 'German (1234,56; semicolon)',
  csvEn: 'English (1234.56; comma)',
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

/** The texts for a language (`de` or `en`; anything else falls back to German). */
export function texts(lang) {
  return lang === 'en' ? en : de;
}

/** `de-AT` → `de`, `en-US` → `en`, anything else → `de`. */
export function langOf(value) {
  return String(value || '').toLowerCase().startsWith('en') ? 'en' : 'de';
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
