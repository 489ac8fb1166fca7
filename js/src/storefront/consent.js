// The visitor's consent from the shop's consent manager. With `"consent":
// "usercentrics" | "cookiebot" | "borlabs"` in the config, the loader reads
// the consent manager's current answer and follows its events; the generic
// way is `Stammkunde.consent(true | false)` from any banner's callback.
// Nothing here stores or reads storage itself.

/** Consent managers and the name of our service (or category) in them by default. */
export const CMPS = { usercentrics: 'Stammkunde', cookiebot: 'marketing', borlabs: 'stammkunde' };

/**
 * Follows the consent manager `cmp` and calls `answer(granted)` with each
 * answer it gives for `name` (the service or category Stammkunde is listed
 * under). Unknown answers (the visitor has not decided yet) are skipped:
 * nothing is stored before a yes.
 */
export function followCmp(cmp, name, answer, win = window) {
  const doc = win.document;
  // the consent managers' globals, whatever their version: read with care below
  const w = /** @type {any} */ (win);
  // `early`: read before the consent manager may have read its own cookie
  // (Borlabs has no ready flag): only a yes counts then, a no could be a
  // not-yet and would forget what a consenting visitor stored.
  const say = (v, early) => typeof v === 'boolean' && (v || !early) && answer(v);
  const on = (target, types, fn) => types.forEach((t) => target.addEventListener(t, fn));
  const careful = (fn) => (e) => {
    try {
      fn(e);
    } catch {
      // a consent manager in an unexpected version: no answer, nothing stored
    }
  };
  if (cmp === 'cookiebot') {
    // window.Cookiebot.consent.<category>; hasResponse once the visitor decided
    const read = careful(() => w.Cookiebot.hasResponse && say(!!w.Cookiebot.consent[name]));
    on(win, ['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline'], read);
    read();
  } else if (cmp === 'usercentrics') {
    // v3: UC_CONSENT { detail: { services: { id: { name, consent: { given } } } } };
    // v2: the window event set up in the admin (`ucEvent`): { detail: { [service name]: bool } }
    // and UC_UI.getServicesBaseInfo() for the state on load.
    const services = (list) => {
      for (const s of Object.values(list || {})) if (s && s.name === name) say(s.consent && (s.consent.given ?? s.consent.status));
    };
    on(win, ['UC_CONSENT'], careful((e) => services(e.detail.services)));
    on(win, ['ucEvent'], careful((e) => say(e.detail[name])));
    on(win, ['UC_UI_INITIALIZED'], careful(() => services(w.UC_UI.getServicesBaseInfo())));
    careful(() => w.UC_UI && w.UC_UI.isInitialized() && services(w.UC_UI.getServicesBaseInfo()))();
    careful(() => w.__ucCmp.getConsentDetails().then(careful((d) => services(d.services)), () => {}))();
  } else if (cmp === 'borlabs') {
    // Borlabs Cookie 3: BorlabsCookie.Consents.hasConsent(id); 2: BorlabsCookie.checkCookieConsent(id)
    const read = careful((early) => {
      const b = w.BorlabsCookie;
      say(b.Consents ? b.Consents.hasConsent(name) : b.checkCookieConsent(name), early === 1);
    });
    on(doc, ['borlabs-cookie-consent-saved', 'borlabs-cookie-after-init'], read);
    on(win, ['borlabs-cookie-consent-saved'], read);
    read(1);
  }
}
