// What each popup says and offers, with German and English defaults. The
// operator may replace any title or text with a string or a
// { "de": ..., "en": ... } object. Everything becomes text nodes.

import { h } from './dialog.js';
import { safeUrl } from './url.js';
import { has } from './context.js';

export { language } from './context.js';

const DE = {
  close: 'Schließen',
  decline: 'Nein, danke',
  'voucher.title': 'Ihr Gutschein für diese Bestellung',
  'voucher.text': 'Ihr Vorteil: {value} auf Ihren Einkauf. Geben Sie den Code an der Kasse ein.',
  'voucher.value': 'ein Rabatt',
  'voucher.copy': 'Code kopieren',
  'voucher.copied': 'Code kopiert',
  'voucher.apply': 'Gutschein einlösen',
  'voucher.min': 'Mindestbestellwert {min}.',
  'voucher.next': 'Noch {gap} im Warenkorb, dann erhalten Sie {next}.',
  'service.title': 'Können wir helfen?',
  'service.text': 'Fragen zu Versand, Zahlung oder Rückgabe? Wir sind persönlich für Sie da.',
  'service.call': 'Anrufen: {phone}',
  'service.phone': 'Telefon: {phone}',
  'service.chat': 'Chat starten',
  'service.faq': 'Häufige Fragen',
  'regulars.title': 'Danke für Ihre Treue!',
  'regulars.text': 'Bevor Sie gehen: Haben Sie alles gefunden? Bei Fragen zu Ihrer Bestellung helfen wir Ihnen gern persönlich weiter.',
  'newsletter.title': 'Nichts mehr verpassen',
  'newsletter.text': 'Neuheiten und Angebote bequem per E-Mail.',
  'newsletter.label': 'E-Mail-Adresse',
  'newsletter.submit': 'Anmelden',
  'newsletter.note': 'Sie erhalten eine E-Mail mit einem Bestätigungslink (Double-Opt-in). Abmeldung jederzeit möglich.',
  'newsletter.privacy': 'Datenschutz',
  'newsletter.invalid': 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  'newsletter.done': 'Fast geschafft! Bitte bestätigen Sie die Anmeldung über den Link in der E-Mail.',
  'newsletter.failed': 'Das hat leider nicht geklappt. Bitte versuchen Sie es später noch einmal.',
};

const EN = {
  close: 'Close',
  decline: 'No, thanks',
  'voucher.title': 'A voucher for this order',
  'voucher.text': 'Your benefit: {value} on this order. Enter the code at checkout.',
  'voucher.value': 'a discount',
  'voucher.copy': 'Copy code',
  'voucher.copied': 'Code copied',
  'voucher.apply': 'Apply voucher',
  'voucher.min': 'Minimum order value {min}.',
  'voucher.next': 'Add {gap} to your cart to get {next}.',
  'service.title': 'Can we help?',
  'service.text': 'Questions about shipping, payment or returns? We are here to help, in person.',
  'service.call': 'Call {phone}',
  'service.phone': 'Phone: {phone}',
  'service.chat': 'Start a chat',
  'service.faq': 'Frequently asked questions',
  'regulars.title': 'Thank you for your loyalty!',
  'regulars.text': 'Before you go: did you find everything? If you have a question about your order, we are happy to help in person.',
  'newsletter.title': 'Stay in the loop',
  'newsletter.text': 'News and offers by e-mail.',
  'newsletter.label': 'E-mail address',
  'newsletter.submit': 'Subscribe',
  'newsletter.note': 'We will send you an e-mail with a confirmation link (double opt-in). You can unsubscribe at any time.',
  'newsletter.privacy': 'Privacy policy',
  'newsletter.invalid': 'Please enter a valid e-mail address.',
  'newsletter.done': 'Almost done! Please confirm with the link in the e-mail.',
  'newsletter.failed': 'That did not work. Please try again later.',
};

// The popup UI is built once per language (stammkunde-ui-de.js, -en.js;
// esbuild defines __UI_LANG__): a visitor downloads the texts of one.
export const TEXTS = typeof __UI_LANG__ != 'string' ? { de: DE, en: EN } : __UI_LANG__ === 'de' ? { de: DE } : { en: EN };

/** A configured text (string or { de, en }) in `lang`, else undefined. */
export function localized(value, lang) {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof value[lang] === 'string') return value[lang];
  return undefined;
}

/** Replaces {name} placeholders; the result is only ever used as text. */
export function fill(template, vars) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (has(vars, k) && vars[k] != null ? String(vars[k]) : m));
}

/** An amount in `currency`, e.g. "62,40 €" (de) or "€62.40" (en). */
export function money(amount, currency, lang) {
  try {
    return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** Texts the operator may replace, per popup section of the config. */
const OWN = ['title', 'text', 'note'];

/** Looks up texts for one popup: the operator's title/text/note, else the default. */
export function texts(section, kind, lang) {
  return (key, vars = {}) => fill((OWN.includes(key) && localized(section && section[key], lang)) || TEXTS[lang][`${kind}.${key}`] || '', vars);
}

const title = (text) => h('h2', { id: 'sk-t' }, text);
const lead = (text) => h('p', { id: 'sk-d' }, text);

/** Voucher: the code with a copy (and apply) button, the minimum, the next tier, the expiry and the conditions. */
export function voucherContent(t, v, act, apply) {
  const out = h('output', { id: 'sk-c' }, v.code);
  // a line kept for the status, so "Code kopiert" moves nothing
  const status = h('span', { class: 's st', role: 'status' });
  let use = null;
  if (apply) {
    use = h('button', { type: 'button', class: 'b' }, t('apply'));
    use.addEventListener('click', () => {
      act('apply');
      apply(v.code);
    });
  }
  const copy = h('button', { type: 'button', class: 'b' }, t('copy'));
  copy.addEventListener('click', async () => {
    act('copy');
    try {
      await navigator.clipboard.writeText(v.code);
      status.textContent = t('copied');
    } catch {
      // no clipboard permission: select the code so the visitor can copy it
      try {
        getSelection().selectAllChildren(out);
      } catch {
        // nothing more we can do without the clipboard
      }
    }
  });
  return [
    title(t('title')),
    lead(t('text', { value: v.value || t('value') })),
    h('div', { class: 'code' }, out, copy, use),
    status,
    v.next && h('p', { class: 's' }, t('next', v.next)),
    v.min && h('p', { class: 's' }, t('min', { min: v.min })),
    v.expiry && h('p', { class: 's' }, v.expiry),
    v.conditions && h('p', { class: 's' }, v.conditions),
  ];
}

/** Whether this device can place a call from a tel: link (a phone; desktops mostly cannot). */
const canCall = () => {
  try {
    return matchMedia('(pointer: coarse)').matches;
  } catch {
    return false;
  }
};

/** Service (or, for regulars, the loyalty message): phone, chat, FAQ. */
export function serviceContent(t, head, s, act) {
  const link = (href, label, action, blank) => {
    const a = h('a', { class: 'b', href, target: blank ? '_blank' : null, rel: blank ? 'noopener' : null }, label);
    a.addEventListener('click', () => act(action));
    return h('li', null, a);
  };
  const tel = s.phone && s.phone.replace(/[^\d+]/g, '');
  const call = tel && canCall();
  const chat = s.chat && safeUrl(s.chat);
  const faq = s.faq && safeUrl(s.faq);
  return [
    title(head('title')),
    lead(head('text')),
    h(
      'ul',
      null,
      call ? link(`tel:${tel}`, t('call', { phone: s.phone }), 'call') : null,
      chat ? link(chat, t('chat'), 'chat', true) : null,
      faq ? link(faq, t('faq'), 'faq', true) : null,
    ),
    // where calling is not possible, the number to dial
    tel && !call ? h('p', null, t('phone', { phone: s.phone })) : null,
    s.hours && h('p', { class: 's' }, s.hours),
  ];
}

/** Newsletter: an e-mail form with validation, the double-opt-in note and the privacy link. */
export function newsletterContent(t, n, submit) {
  const input = h('input', { id: 'sk-e', type: 'email', name: 'email', autocomplete: 'email', required: '', maxlength: '254', 'aria-describedby': 'sk-m' });
  const msg = h('p', { id: 'sk-m', class: 'e', role: 'status' });
  const button = h('button', { type: 'submit', class: 'b' }, t('submit'));
  const privacy = n.privacyUrl && safeUrl(n.privacyUrl);
  const form = h('form', { novalidate: '' }, h('label', { for: 'sk-e' }, t('label')), input, msg, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const email = input.value.trim();
    if (email.length > 254 || !EMAIL.test(email)) {
      input.setAttribute('aria-invalid', 'true');
      msg.textContent = t('invalid');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    msg.textContent = '';
    button.disabled = true;
    if (await submit(email)) {
      // focus on the confirmation, which takes the form's place: it is read out, Tab goes on to close
      const done = h('p', { role: 'status', tabindex: '-1' }, t('done'));
      form.replaceWith(done);
      done.focus();
    } else {
      msg.textContent = t('failed');
      button.disabled = false;
    }
  });
  return [
    title(t('title')),
    lead(t('text')),
    form,
    h('p', { class: 's' }, t('note'), privacy ? ' ' : null, privacy ? h('a', { href: privacy, target: '_blank', rel: 'noopener' }, t('privacy')) : null),
  ];
}
