// Popups: when exit intent fires, ask the engine which popup fits (or none),
// show it, and keep the visitor's history so caps hold across pages. Also
// the JS API (consent, show, reset), the order event on the confirmation
// page and the popup config schema (POPUP_SCHEMA).

import { popupDecide, popupStorage } from './engine.js';
import { PAGE_TYPES, language, parseAmount } from './context.js';
import { warn } from './log.js';
import { createEmitter } from './events.js';
import { KINDS, converted, dismissed, openState, ordered, pageView, shown } from './state.js';
import { addScript, safeUrl } from './url.js';
import { bool, int, num, oneOf, pages, spec } from './config.js';
import { CMPS, followCmp } from './consent.js';

// ---- config schema -----------------------------------------------------------

const str = (d) => spec('a string', d, (v) => (typeof v === 'string' && v.trim() && v.length <= 500 ? v.trim() : undefined));
// resolved here, once, against the page's own URL: what is checked is what is fetched
const url = () => spec('an http(s) URL', undefined, (v) => (typeof v === 'string' && safeUrl(v)) || undefined);
const css = () => spec('a CSS value, e.g. "#7a3e1d" or "8px"', undefined, (v) => (typeof v === 'string' && v.length < 200 && !/[;{}<>\\]/.test(v) ? v.trim() : undefined));
const isText = (v) => typeof v === 'string' || (!!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'));
const text = () => spec('a string or { "de": ..., "en": ... }', undefined, (v) => (isText(v) ? v : undefined));
const amount = (v) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v) : undefined;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};
const tier = (t) => t && typeof t === 'object' && { min: amount(t.min), code: typeof t.code === 'string' ? t.code.trim() : undefined, value: isText(t.value) ? t.value : undefined };

export const STORAGE = ['local', 'session', 'none'];
/** The engine's consent settings; a consent manager's name counts as `required` until it answers. */
export const CONSENT = ['granted', 'required'];

/**
 * Every popup config field: what a valid value looks like, its default and
 * its check. Fields are paths into the page's config JSON.
 */
export const POPUP_SCHEMA = {
  storage: oneOf('local', ...STORAGE),
  consent: oneOf('required', ...CONSENT, ...Object.keys(CMPS)),
  consentService: str(),
  holdout: num(0.1, 0, 1),
  beacon: url(),
  timeout: int(3000, 100, 30000),
  'frequency.perSession': int(1, 0, 100),
  'frequency.maxDismissals': int(2, 0, 100),
  'frequency.stopAfterConversion': bool(true),
  'voucher.enabled': bool(true),
  'voucher.code': str(),
  'voucher.endpoint': url(),
  'voucher.value': text(),
  'voucher.conditions': text(),
  'voucher.min': spec('an amount of 0 or more, e.g. 30 or "29,90"', 0, amount),
  'voucher.tiers': spec('a list of { "min": amount above 0, "code": ..., "value": ... }', [], (v) => {
    const list = Array.isArray(v) && v.map(tier);
    return list && list.every((t) => t && t.min > 0) ? list : undefined;
  }),
  'voucher.pages': pages(['home', 'category', 'product', 'cart', 'other']),
  'voucher.newOnly': bool(false),
  'voucher.cooldownDays': int(7, 0, 3650),
  'voucher.title': text(),
  'voucher.text': text(),
  'voucher.expiry': text(),
  'voucher.apply': spec('"event" or a URL with {code}, e.g. "/discount/{code}"', undefined, (v) => (v === 'event' || (typeof v === 'string' && v.includes('{code}') && safeUrl(v)) ? v : undefined)),
  'service.enabled': bool(true),
  'service.phone': str(),
  'service.chat': url(),
  'service.faq': url(),
  'service.hours': text(),
  'service.pages': pages(['cart', 'checkout']),
  'service.infoSeconds': int(30, 0, 3600),
  'service.infoSelector': str('[data-stammkunde-info]'),
  'service.backAndForth': int(2, 0, 100),
  'service.cooldownDays': int(1, 0, 3650),
  'service.title': text(),
  'service.text': text(),
  'newsletter.enabled': bool(true),
  'newsletter.url': url(),
  'newsletter.privacyUrl': url(),
  'newsletter.pages': pages(['home', 'category', 'product', 'other']),
  'newsletter.minPages': int(2, 0, 100),
  'newsletter.minSeconds': int(30, 0, 3600),
  'newsletter.cooldownDays': int(30, 0, 3650),
  'newsletter.title': text(),
  'newsletter.text': text(),
  'newsletter.note': text(),
  'regulars.segments': spec('a list of segment names', ['champions', 'loyal', 'a'], (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined)),
  'regulars.offer': oneOf('loyalty', 'loyalty', 'service', 'none'),
  'regulars.title': text(),
  'regulars.text': text(),
  // the popup's look: CSS values, set as --stammkunde-* custom properties
  ...Object.fromEntries(['accent', 'accent-fg', 'bg', 'fg', 'font', 'radius', 'backdrop'].map((k) => [`theme.${k}`, css()])),
  'theme.logo': url(),
};

// ---- the engine's wire form -----------------------------------------------

const mask = (list) => list.reduce((m, p) => m | (1 << PAGE_TYPES.indexOf(p)), 0);
const cents = (units) => Math.round(units * 100);

/** Whether each kind has something to show. */
export function configured(cfg) {
  const v = cfg.voucher;
  const s = cfg.service;
  return {
    voucher: v.enabled && !!(v.code || v.endpoint || (v.tiers.length && v.tiers.every((t) => t.code))),
    service: s.enabled && !!(s.phone || s.chat || s.faq),
    newsletter: cfg.newsletter.enabled && !!cfg.newsletter.url,
  };
}

/** The config as the engine's number array (see popup::wire::config). */
export function configWire(cfg) {
  const on = configured(cfg);
  const { frequency: f, voucher: v, service: s, newsletter: n } = cfg;
  return Float64Array.from([
    cfg.holdout, f.perSession, f.maxDismissals, +f.stopAfterConversion,
    +on.voucher, mask(v.pages), cents(v.min), +v.newOnly, v.cooldownDays,
    +on.service, mask(s.pages), s.infoSeconds, s.backAndForth, s.cooldownDays,
    +on.newsletter, mask(n.pages), n.minPages, n.minSeconds, n.cooldownDays,
    { service: 0, loyalty: 1, none: 2 }[cfg.regulars.offer],
    ...v.tiers.map((t) => cents(t.min)),
  ]);
}

/**
 * Parses the engine's answer (see popup::wire::decide_wire). `group`: the
 * visitor is in the holdout group; `holdout`: this decision is held out.
 */
export function parseDecision(out) {
  const [head, ...reasons] = String(out).split('\n');
  const [kind, tier, gap, loyalty, group] = head.split('\t');
  return { kind: kind || null, tier: tier ? +tier : null, gap: gap ? +gap : null, loyalty: loyalty === '1', holdout: !!kind && group === '1', group: group === '1', reasons };
}

// ---- browser side ------------------------------------------------------------

const BACKENDS = ['local', 'session', 'memory'];
const nowSeconds = () => Math.floor(Date.now() / 1000);
const THIRTY_DAYS = 30 * 86400;

/** Seconds the elements matching `selector` were in view so far. */
function watchInfo(selector) {
  let total = 0;
  let since = 0;
  const seen = new Set();
  try {
    const els = document.querySelectorAll(selector);
    if (els.length && window.IntersectionObserver) {
      const io = new IntersectionObserver((entries) => {
        const was = seen.size;
        for (const e of entries) e.isIntersecting ? seen.add(e.target) : seen.delete(e.target);
        if (!was && seen.size) since = performance.now();
        if (was && !seen.size) total += performance.now() - since;
      });
      els.forEach((el) => io.observe(el));
    }
  } catch {
    warn(`config field "service.infoSelector": ${selector} is not a valid CSS selector; reading time is not measured`);
  }
  return () => Math.floor((total + (seen.size ? performance.now() - since : 0)) / 1000);
}

/**
 * Loads the popup UI script of a language once; resolves to its { present,
 * close }. `uiUrl(lang)` is the file's URL. A failure is reported once, here.
 */
function uiLoader(uiUrl) {
  const loading = {};
  return (lang) => {
    const url = uiUrl(lang);
    return (loading[lang] =
      loading[lang] ||
      addScript(url).then(
        () => {
          const ui = window.__stammkundeUI;
          delete window.__stammkundeUI;
          if (ui && ui.present) return ui;
          warn(`${url} is not the popup UI; no popups on this page`);
          throw 0;
        },
        (e) => {
          if (!e.said) warn(`could not load the popup UI from ${url}; no popups on this page`);
          throw e;
        },
      ));
  };
}

function start(cfg, getContext, answer, uiUrl) {
  const on = configured(cfg);
  const page = getContext().page;
  const where = () => BACKENDS[popupStorage(STORAGE.indexOf(cfg.storage), +(cfg.consent !== 'granted'), answer)];
  // Personal data (the visitor id, the segment) is used only with consent.
  const allowed = () => answer > 0 || (answer < 0 && cfg.consent === 'granted');
  const state = openState(where());
  state.update(pageView(page, nowSeconds()));
  const emit = createEmitter(cfg.beacon, () => (allowed() ? { visitor: state.get().id, page } : { page }));
  const wire = configWire(cfg);
  const regulars = cfg.regulars.segments.join(',');
  const infoSeconds = watchInfo(cfg.service.infoSelector);
  const loadUI = uiLoader(uiUrl);
  const lang = () => language(cfg.lang, document.documentElement.lang);
  let busy = false;
  let open = null;

  /**
   * The engine's decision for an intent result. `seconds` overrides the
   * time on page; `blank` leaves out the visitor's history and caps.
   */
  function decide(r, seconds = performance.now() / 1000, blank) {
    const c = getContext();
    const st = state.get();
    const s = st.s;
    // The holdout needs a visitor id that lasts: with one per page (no
    // consent yet, or storage "none") nobody is held out.
    wire[0] = state.backend === 'memory' ? 0 : cfg.holdout;
    const input = Float64Array.from([
      +r.score || 0, r.fired === false ? 0 : 1, Math.max(0, PAGE_TYPES.indexOf(c.page)),
      cents(c.cartValue || 0), c.cartItems || 0, seconds, s.pages, infoSeconds(), s.sw,
      +!!(st.visits > 1 || c.returning), +!!(st.sub || c.subscribed), blank ? 0 : s.shown, +(!blank && !!s.ord), nowSeconds(),
      ...(blank ? [] : KINDS.flatMap((k) => st.h[k])),
    ]);
    return parseDecision(popupDecide(wire, regulars, input, st.id, (allowed() && c.customerSegment) || ''));
  }

  /** Loads the UI and shows `kind`; false when there is nothing to show. */
  async function present(kind, d, score) {
    // A guest does not cover the shop's own dialogs or a fullscreen video.
    if (busy || open || !on[kind] || document.fullscreenElement || document.querySelector('dialog[open]')) return false;
    busy = true;
    try {
      let ui;
      const l = lang();
      try {
        ui = await loadUI(l);
      } catch {
        return false; // reported once by the loader
      }
      let acted = false;
      const shownNow = await ui.present(kind, d, {
        cfg,
        lang: l,
        ctx: getContext(),
        warn,
        act(action) {
          if (!acted) state.update(converted(kind, nowSeconds()));
          acted = true;
          emit('convert', { kind, action });
        },
        close(reason) {
          open = null;
          if (!acted && reason !== 'reset') state.update(dismissed(kind));
          emit('close', { kind, reason, converted: acted });
        },
      });
      if (!shownNow) return false;
      open = ui;
      state.update(shown(kind, nowSeconds(), false));
      emit('show', { kind, score, reasons: d.reasons, holdout: false });
      return true;
    } finally {
      busy = false;
    }
  }

  /** Decides for an intent result ({ score, fired }) and shows the popup; resolves to whether it was shown. */
  let told = false;
  async function onIntent(result) {
    if (!on.voucher && !on.service && !on.newsletter) {
      if (!told) warn('exit intent fired, but no popup is configured: add "voucher": { "code": ... }, "service": { "phone": ... } or "newsletter": { "url": ... } to the config (README, Quick start)');
      told = true;
      return false;
    }
    if (busy || open) return false;
    const r = result || {};
    const d = decide(r);
    if (!d.kind) return false;
    if (!d.holdout) return present(d.kind, d, r.score);
    state.update(shown(d.kind, nowSeconds(), true));
    emit('show', { kind: d.kind, score: r.score, reasons: d.reasons, holdout: true });
    return false;
  }

  // The order on the confirmation page, once per order value and session,
  // with what the visitor was shown, so shown and holdout can be compared.
  // The value may come later, with setContext.
  let orderSeen = false;
  let orderWait = false;
  function recordOrder(late) {
    const c = getContext();
    const value = c.orderValue;
    if (orderSeen || c.page !== 'confirmation') return;
    if (value === undefined && !late) {
      // give a single-page shop a moment to pass the value with setContext
      if (!orderWait) setTimeout(() => recordOrder(true), 3000);
      orderWait = true;
      return;
    }
    orderSeen = true;
    const st = state.get();
    if (st.s.ord === (value > 0 ? value : 1)) return; // recorded on an earlier load of this page
    const exp = st.exp && nowSeconds() - st.exp[1] < THIRTY_DAYS ? st.exp[0] : null;
    state.update(ordered(value));
    emit('order', { value: value ?? null, currency: c.currency || 'EUR', holdout: decide({}).group, exposed: exp });
  }

  // Fetch the UI ahead, in idle time, only where a popup could be shown on
  // this page (not capped, not held out, something configured that fits).
  let idle = 0;
  function update() {
    recordOrder();
    if (idle++) return; // one look-ahead queued at a time
    // typeof: where the browser has none, an element with that id may stand in (named properties)
    (typeof requestIdleCallback == 'function' ? requestIdleCallback : /** @type {any} */ (setTimeout))(() => {
      idle = 0;
      try {
        const d = decide({ score: 1 }, 3600);
        if (d.kind && !d.holdout) loadUI(lang()).catch(() => {});
      } catch {
        // a look-ahead only saves time: the decision at exit intent loads the UI anyway
      }
    }, { timeout: 3000 });
  }
  update();

  return {
    intent: onIntent,
    update,
    show(kind) {
      const k = kind === 'loyalty' ? 'service' : kind;
      if (!KINDS.includes(k)) {
        warn(`show("${kind}"): expected voucher, service, newsletter or loyalty`);
        return false;
      }
      if (!on[k]) {
        warn(`show("${kind}"): the ${k} popup is not configured (see docs/operators.md, Config)`);
        return false;
      }
      // A voucher gets the tier and gap the engine finds for this cart, else the lowest tier.
      const d = decide({ score: 1 }, 3600, true);
      const t = cfg.voucher.tiers;
      const lowest = t.length ? t.indexOf(t.reduce((a, b) => (b.min < a.min ? b : a))) : null;
      return present(k, { ...(d.kind === 'voucher' ? d : { tier: lowest, gap: null }), loyalty: kind === 'loyalty', reasons: ['shown with Stammkunde.show()'] }, null);
    },
    consent(a) {
      answer = a;
      state.use(where());
    },
    reset() {
      if (open) open.close('reset');
      state.clear();
      state.update(pageView(page, nowSeconds()));
    },
  };
}

/**
 * The popup part of window.Stammkunde. `api` holds consent/show/reset
 * right away (a consent banner may answer before the engine is ready);
 * `start(config, getContext, uiUrl)` runs once the wasm and the config are
 * there; `intent(result)` is the loader's exit-intent handler.
 */
export function createPopups(ready) {
  let engine = null;
  let answer = -1;
  let begin;
  const started = new Promise((r) => (begin = r));
  const fail = (what, e) => warn(`${what} failed: ${(e && e.message) || e}`);
  const guard = (what, fn) => {
    try {
      return fn();
    } catch (e) {
      fail(what, e);
      return undefined;
    }
  };
  // After the engine and the config are ready; a failed engine was already reported once.
  const later = async (what, fn) => {
    try {
      await ready;
      await started;
    } catch {
      return false;
    }
    try {
      return engine ? await fn(engine) : false;
    } catch (e) {
      fail(what, e);
      return false;
    }
  };
  /** The visitor's storage consent: true stores from now on, false forgets what was stored. */
  function consent(granted) {
    answer = granted ? 1 : 0;
    if (engine) guard('consent', () => engine.consent(answer));
  }
  return {
    api: {
      consent,
      /** Shows a popup now, ignoring policy, caps and holdout (for testing); resolves to whether it was shown. */
      show: (kind) => later('show', (e) => e.show(kind)),
      /** Forgets the visitor: new id, empty history, closes an open popup. */
      reset() {
        if (engine) guard('reset', () => engine.reset());
      },
    },
    /** Starts with the validated config; `getContext()` gives the current page context. */
    start(config, getContext, uiUrl) {
      engine = guard('popups', () => start(config, getContext, answer, uiUrl)) || null;
      begin();
      const cmp = config.consent;
      if (engine && CMPS[cmp]) guard('consent', () => followCmp(cmp, config.consentService || CMPS[cmp], consent));
    },
    /** The page context changed (setContext). */
    update() {
      if (engine) guard('popups', () => engine.update());
    },
    /** Exit intent fired: resolves to whether a popup was shown. */
    intent: (result) => later('popup', (e) => e.intent(result)),
  };
}
