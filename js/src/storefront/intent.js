// Exit intent in the browser: passive listeners feed the wasm engine. The
// pointermove listener is the hot path (up to 1,000 calls a second): it
// keeps the sample in three numbers and crosses into wasm at most once per
// 15 ms of input near the top or on its way there (once per 100 ms elsewhere),
// without animation frames or timers; the one timer runs only while the
// pointer heads out through the top. Scroll, touch and rare
// events (leaving the page, visibility, keys, back) cross when they happen,
// after any sample still held. Nothing here throws into the page: on any
// failure tracking stops with one console warning.

import { bool, num, oneOf, pages } from './config.js';
import { PAGE_TYPES } from './context.js';
import { warn } from './log.js';

/** The `intent.*` config fields. */
export const INTENT_SCHEMA = {
  'intent.enabled': bool(true),
  'intent.sensitivity': oneOf('medium', 'low', 'medium', 'high'),
  'intent.minTimeOnPage': num(5, 0, 3600),
  'intent.cooldown': num(30, 0, 86400),
  'intent.pages': pages(['home', 'category', 'product', 'cart', 'other']),
  // false (default), 'cart' (only with a filled cart) or true: see install below
  'intent.backButton': oneOf(false, false, 'cart', true),
  'intent.device': oneOf('auto', 'auto', 'desktop', 'touch'),
};

const SENSITIVITY = ['low', 'medium', 'high'];
// Kept in step with the Rust core by tests/intent_names.rs: reason names by
// code, gate names by code (0 = none), fire threshold by sensitivity.
export const REASONS = ['trajectory', 'topLeave', 'pointerLost', 'shortcut', 'scrollUp', 'back', 'tabReturn', 'idle', 'cart'];
export const GATES = ['', 'page', 'minTime', 'cooldown', 'hidden'];
export const THRESHOLDS = [0.9, 0.75, 0.55];
// IntentEngine.observe kinds (see src/bind/intent.rs)
const VIEWPORT = 0;
const CONTEXT = 1;
const LEAVE = 3;
const SCROLL = 5;
const TOUCHMOVE = 6;
const ENTER = 4;
const INTERACTION = 7;
const HIDDEN = 8;
const VISIBLE = 9;
const BLUR = 10;
const FOCUS = 11;
const BACK = 12;
const SHORTCUT = 13;
const TICK = 14;
const HOVERED = 15;
const GUARD = 'stammkunde';
/** After the last pointer sample, look once more: has the pointer gone? */
const LOST_CHECK_MS = 160;
/** Mouse samples closer than this (or HOLD of them) cross together: about one per frame ... */
const SPACING_MS = 15;
const HOLD = 16;
/**
 * ... near the top, or moving up fast enough to reach it within REACH_MS
 * (twice the longest trajectory horizon, 400 ms at high sensitivity);
 * elsewhere one per QUIET_MS (or QUIET_HOLD samples), which keeps the
 * engine's history and arming current.
 */
const TOP_ZONE_PX = 160;
const REACH_MS = 800;
const QUIET_MS = 100;
const QUIET_HOLD = 100;
/** A held sample this far above the last one sent (in under SPACING_MS) may be a flick out. */
const FLICK_PX = 8;
const round = (w) => Math.round(w * 1000) / 1000;

/** Whether the device has no hover and a coarse pointer (phones, tablets). */
function isTouchDevice(win) {
  try {
    return win.matchMedia('(hover: none) and (pointer: coarse)').matches;
  } catch {
    return false;
  }
}

/**
 * Starts tracking. `Engine` is the wasm IntentEngine class, `cfg` the
 * validated `intent` config, `context` the page context. `onFire(result)`
 * is called when intent fires and may return a Promise of whether something
 * was shown; `onUpdate(result)` (debug) after every crossing. Returns
 * { setContext(context), stop(), result() }.
 */
export function startIntent(Engine, cfg, context, { onFire, onUpdate } = /** @type {{ onFire?: Function, onUpdate?: Function }} */ ({}), win = window) {
  const doc = win.document;
  const touch = cfg.device === 'touch' || (cfg.device === 'auto' && isTouchDevice(win));
  const mask = cfg.pages.reduce((m, p) => m | (1 << PAGE_TYPES.indexOf(p)), 0);
  const engine = new Engine(SENSITIVITY.indexOf(cfg.sensitivity), cfg.minTimeOnPage, cfg.cooldown, mask, touch);
  const now = () => win.performance.now();
  const pageCode = (page) => {
    const i = PAGE_TYPES.indexOf(page);
    return i < 0 ? PAGE_TYPES.length - 1 : i; // unknown: other
  };
  const viewport = () => engine.observe(VIEWPORT, now(), doc.documentElement.clientWidth, win.innerHeight, 0);
  // the page started at time 0 (navigation start), not when this script ran
  engine.observe(CONTEXT, 0, pageCode(context.page), context.cartItems || 0, 0);
  viewport();
  const off = [];
  let stopped = false;

  // the latest mouse sample (x NaN: none held), and the last one sent
  let px = NaN;
  let py = 0;
  let at = 0;
  let held = 0;
  let sentAt = -Infinity;
  let sentY = 0;
  let pressed = false;
  let touchDown = false;
  let touchAt = -Infinity;
  let lostTimer = 0;
  let watch = 0;

  let fired = false;
  function result() {
    const reasons = [];
    REASONS.forEach((reason, i) => {
      const weight = engine.weight(i);
      if (weight > 0) reasons.push({ reason, weight: round(weight) });
    });
    reasons.sort((a, b) => b.weight - a.weight);
    return {
      score: round(engine.score),
      reasons,
      fired: !!fired,
      blocked: GATES[engine.blocked] || undefined,
      threshold: THRESHOLDS[SENSITIVITY.indexOf(cfg.sensitivity)],
      device: touch ? 'touch' : 'desktop',
      page: context.page,
    };
  }

  // after every crossing: report a firing, and feed the debug overlay
  function after(f) {
    fired = f;
    if (!f && !onUpdate) return undefined;
    const r = result();
    if (onUpdate) onUpdate(r);
    return f && onFire ? onFire({ score: r.score, reasons: r.reasons, fired: true }) : undefined;
  }

  // the pointer may be lost: look again LOST_CHECK_MS after its last sample
  const arm = () => {
    if (!lostTimer) lostTimer = win.setTimeout(check, Math.max(1, sentAt + LOST_CHECK_MS - now()));
  };
  /** Sends the held mouse sample, if any. */
  function flush() {
    if (px !== px) return; // NaN: nothing held
    const r = engine.pointer(at, px, py, pressed);
    sentAt = at;
    sentY = py;
    px = NaN;
    held = 0;
    watch = r & 2;
    if (watch) arm();
    after(r & 1);
  }

  // Every listener and timer runs through here: an error stops tracking
  // with one warning instead of reaching the page.
  const fail = (e) => {
    warn(`exit intent stopped: ${(e && e.message) || e}`);
    stop();
  };
  const safe = (fn) => (e) => {
    if (stopped) return;
    try {
      fn(e);
    } catch (err) {
      fail(err);
    }
  };
  const tick = safe(() => after(engine.observe(TICK, now(), 0, 0, 0)));
  const observe = (kind, t, a = 0) => after(engine.observe(kind, t, a, 0, 0));
  const check = safe(() => {
    lostTimer = 0;
    flush();
    const t = now();
    // Still over the document: the pointer rests near the top, it is not lost.
    let hovered = false;
    try {
      hovered = doc.documentElement.matches(':hover');
    } catch {
      // unknown: the path decides
    }
    after(engine.observe(hovered ? HOVERED : TICK, t, 0, 0, 0));
    // still moving out: look again after the latest sample
    if (watch && t - sentAt < LOST_CHECK_MS) arm();
  });
  const listen = (target, type, fn, options = { passive: true, capture: true }) => {
    const h = safe(fn);
    target.addEventListener(type, h, options);
    off.push(() => target.removeEventListener(type, h, options));
  };
  /** An event that crosses at once: first the held sample, in order, then the event. */
  const direct = (fn) => (e) => {
    flush();
    fn(e);
  };

  if (!touch) {
    // The hot path: three reads, no allocation, no timer. Buttons and the
    // pointer type are read only for a sample that crosses (and kept from
    // pointerdown/up for held ones).
    const move = (e) => {
      if (stopped || touchDown) return;
      px = e.clientX;
      py = e.clientY;
      at = e.timeStamp;
      held++;
      // Only a pointer near the top or on its way there can be heading out.
      // (Held samples count as at least 1 ms each: events made ahead carry
      // one time stamp.)
      const quiet = py >= TOP_ZONE_PX && (sentY - py) * REACH_MS <= py * Math.max(at - sentAt, held);
      if (quiet ? at - sentAt >= QUIET_MS || held >= QUIET_HOLD : at - sentAt >= SPACING_MS || held >= HOLD) {
        if (e.pointerType === 'touch') {
          px = NaN; // a finger on a touch screen is no mouse
          return;
        }
        pressed = !!e.buttons;
        try {
          flush();
        } catch (err) {
          fail(err);
        }
      } else if (!quiet && !lostTimer && sentY - py > FLICK_PX) arm(); // a fast move up, held: send it soon
    };
    const opts = { passive: true, capture: true };
    win.addEventListener('pointermove', move, opts);
    off.push(() => win.removeEventListener('pointermove', move, opts));
    const button = (down) => (e) => {
      pressed = down && !!e.buttons;
      touchDown = down && e.pointerType === 'touch';
    };
    listen(win, 'pointerup', direct(button(false)));
    listen(win, 'pointercancel', button(false));
    listen(
      doc,
      'mouseout',
      direct((e) => {
        if (!e.relatedTarget) after(engine.observe(LEAVE, e.timeStamp, e.clientX, e.clientY, e.buttons ? 1 : 0));
      }),
    );
    listen(
      doc,
      'mouseover',
      direct((e) => {
        if (!e.relatedTarget) after(engine.observe(ENTER, e.timeStamp, e.clientX, e.clientY, 0));
      }),
    );
    listen(
      win,
      'pointerdown',
      direct((e) => {
        button(true)(e);
        observe(INTERACTION, e.timeStamp);
      }),
    );
  } else {
    // a finger moved: only its time counts, so one per SPACING_MS is enough
    listen(win, 'touchmove', (e) => {
      if (e.timeStamp - touchAt < SPACING_MS) return;
      touchAt = e.timeStamp;
      after(engine.observe(TOUCHMOVE, touchAt, 0, 0, 0));
    });
    listen(win, 'pointerdown', (e) => observe(INTERACTION, e.timeStamp));
    // idle needs time to pass without input
    const idle = win.setInterval(tick, 1000);
    off.push(() => win.clearInterval(idle));
  }
  // the browser fires scroll and resize at most once per frame
  listen(win, 'scroll', direct((e) => after(engine.observe(SCROLL, e.timeStamp, win.scrollY, 0, 0))));
  listen(win, 'resize', direct(viewport));
  listen(
    win,
    'keydown',
    direct((e) => {
      const key = typeof e.key === 'string' ? e.key.toLowerCase() : '';
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (key === 'l' || key === 't' || key === 'w')) {
        observe(SHORTCUT, e.timeStamp, key.charCodeAt(0));
      } else observe(INTERACTION, e.timeStamp);
    }),
  );
  listen(
    doc,
    'visibilitychange',
    direct(() => observe(doc.visibilityState === 'hidden' ? HIDDEN : VISIBLE, now())),
  );
  // window focus only (bubble phase: element blur/focus do not bubble)
  const windowOnly = { passive: true, capture: false };
  listen(
    win,
    'blur',
    direct((e) => {
      // focus moved into one of the page's iframes: still on the page
      const active = doc.activeElement;
      if (e.target === win && !(active && active.tagName === 'IFRAME')) observe(BLUR, e.timeStamp);
    }),
    windowOnly,
  );
  listen(win, 'focus', (e) => e.target === win && observe(FOCUS, e.timeStamp), windowOnly);

  // Back attempts: after the visitor's first interaction (Chrome skips
  // history entries added before it) and only when the visitor came from
  // elsewhere (going back to the shop's own previous page is no exit), one
  // extra history entry for the same URL. Leaving it is a back attempt; when
  // nothing is shown, the visitor goes on back as intended.
  const cameFromElsewhere = () => {
    try {
      return !doc.referrer || new URL(doc.referrer).origin !== win.location.origin;
    } catch {
      return true;
    }
  };
  // Opt-in: an extra history entry for a visitor from a search engine looks
  // like back-button hijacking to browsers and search engines. With 'cart'
  // it is added only once the visitor has something in the cart.
  let install = null;
  if (cfg.backButton && cameFromElsewhere()) {
    // reloaded on our own entry: it still guards, do not stack another
    let guarded = !!(win.history.state && win.history.state[GUARD]);
    let refused = false;
    install = () => {
      const ua = win.navigator.userActivation;
      if (refused || guarded || (ua && !ua.hasBeenActive) || (cfg.backButton === 'cart' && !(context.cartItems > 0))) return;
      const state = win.history.state;
      // a state we cannot extend safely belongs to the shop: leave it alone
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return;
      try {
        win.history.pushState({ ...state, [GUARD]: 1 }, '');
      } catch (e) {
        // a router that forbids pushState: only the back-button signal is off
        refused = true;
        warn(`back button not watched: pushState failed (${e && e.message})`);
        return;
      }
      guarded = true;
    };
    for (const type of ['click', 'keydown', 'touchend']) listen(win, type, install);
    listen(
      win,
      'popstate',
      direct(() => {
        const state = win.history.state;
        if (!guarded || (state && state[GUARD])) return;
        guarded = false;
        const shown = observe(BACK, now());
        // nothing shown: on back, as the visitor meant (a router's own failure stays quiet)
        const back = (handled) => {
          try {
            handled || win.history.back();
          } catch {
            // nowhere to go back to from here
          }
        };
        Promise.resolve(shown).then(back, () => back());
      }),
    );
  }

  function stop() {
    stopped = true;
    win.clearTimeout(lostTimer);
    off.splice(0).forEach((f) => f());
  }

  if (onUpdate) onUpdate(result());
  return {
    setContext: safe((ctx) => {
      context = ctx;
      after(engine.observe(CONTEXT, now(), pageCode(ctx.page), ctx.cartItems || 0, 0));
      if (install) install(); // the cart may have just been filled
    }),
    stop,
    result,
  };
}
