// The visitor's popup state: a random visitor id, the popup history per
// kind, the current session's counters. Kept where the operator's storage
// and consent settings allow (the engine's popupStorage answers
// local/session/memory). Storage that throws falls back to memory silently;
// state written by another version, or garbage, is ignored.

export const KEY = 'stammkunde';
export const STATE_VERSION = 1;
/** Seconds of inactivity after which the next page starts a new session. */
export const SESSION_GAP = 30 * 60;
export const KINDS = ['voucher', 'service', 'newsletter'];

const nonNeg = (x) => (typeof x === 'number' && x >= 0 && x < 1e13 ? x : 0);

function randomId() {
  const b = new Uint8Array(8);
  try {
    crypto.getRandomValues(b);
  } catch {
    for (let i = 0; i < 8; i++) b[i] = (Math.random() * 256) | 0;
  }
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** A fresh state for a new visitor. */
export function fresh(id = randomId()) {
  return { v: STATE_VERSION, id, visits: 0, sub: 0, h: { voucher: [0, 0, 0], service: [0, 0, 0], newsletter: [0, 0, 0] }, exp: null, s: null };
}

/** The stored text as state, or null when it is not ours or not this version. */
export function parse(text) {
  try {
    const x = JSON.parse(text);
    if (x.v !== STATE_VERSION || !/^[0-9a-f]{8,64}$/.test(x.id)) return null;
    // Numbers only where numbers belong: a tampered state cannot inject anything.
    const st = fresh(x.id);
    st.visits = nonNeg(x.visits);
    st.sub = x.sub ? 1 : 0;
    for (const k of KINDS) st.h[k] = [0, 1, 2].map((i) => nonNeg(x.h[k] && x.h[k][i]));
    if (x.exp && KINDS.includes(x.exp[0])) st.exp = [x.exp[0], nonNeg(x.exp[1]), x.exp[2] ? 1 : 0];
    const s = x.s;
    if (s) st.s = { start: nonNeg(s.start), last: nonNeg(s.last), shown: nonNeg(s.shown), pages: nonNeg(s.pages), sw: nonNeg(s.sw), lp: typeof s.lp === 'string' ? s.lp.slice(0, 16) : '', ord: nonNeg(s.ord) };
    return st;
  } catch {
    return null; // not JSON, or not an object: not ours
  }
}

function storageOf(env, backend) {
  try {
    const s = backend === 'local' ? env.local() : backend === 'session' ? env.session() : null;
    if (!s) return null;
    s.setItem(KEY + '-probe', '1');
    s.removeItem(KEY + '-probe');
    return s;
  } catch {
    return null; // private mode, disabled, sandboxed: memory only
  }
}

const browserEnv = {
  local: () => window.localStorage,
  session: () => window.sessionStorage,
};

/**
 * Opens the state on `backend` ('local' | 'session' | 'memory').
 * `update(op)` applies op(state) and saves; the page's ops are kept so that
 * a later `use(backend)` (the visitor's consent) can replay them onto what
 * was stored before.
 */
export function openState(backend, env = browserEnv) {
  let store = storageOf(env, backend);
  let name = store ? backend : 'memory';
  let state = (store && read(store)) || fresh();
  const ops = [];

  function read(s) {
    try {
      return parse(s.getItem(KEY));
    } catch {
      return null;
    }
  }
  function save() {
    if (!store) return;
    try {
      store.setItem(KEY, JSON.stringify(state));
    } catch {
      store = null; // full or revoked: carry on in memory
      name = 'memory';
    }
  }
  function forget() {
    for (const b of ['local', 'session']) {
      try {
        const s = b === 'local' ? env.local() : env.session();
        if (s) s.removeItem(KEY);
      } catch {
        // nothing stored there, or not reachable: nothing to forget
      }
    }
  }

  return {
    get: () => state,
    get backend() {
      return name;
    },
    update(op) {
      ops.push(op);
      op(state);
      save();
    },
    /** Moves to another backend: stored state wins and this page's ops are replayed onto it; memory forgets what was stored. */
    use(next) {
      if (next === name) {
        if (next === 'memory') forget(); // a no (again): nothing may stay stored from earlier
        return;
      }
      const s = storageOf(env, next);
      if (!s) {
        forget();
        store = null;
        name = 'memory';
        return;
      }
      const stored = read(s);
      if (stored) {
        ops.forEach((op) => op(stored));
        state = stored;
      }
      store = s;
      name = next;
      save();
    },
    /** Forgets everything: a new visitor id and empty history. */
    clear() {
      forget();
      ops.length = 0;
      state = fresh();
      save();
    },
  };
}

// ---- operations (pure functions of the state) -----------------------------

/** A page view at `now` (seconds) of page type `page`; starts a new session after SESSION_GAP. */
export const pageView = (page, now) => (st) => {
  let s = st.s;
  if (!s || now - s.last > SESSION_GAP || now < s.start) {
    s = st.s = { start: now, last: now, shown: 0, pages: 0, sw: 0, lp: '', ord: 0 };
    st.visits += 1;
  }
  const cc = (p) => p === 'cart' || p === 'checkout';
  if (cc(page) && cc(s.lp) && page !== s.lp) s.sw += 1;
  s.pages += 1;
  s.lp = page;
  s.last = now;
};

/** A popup shown (or decided for the holdout). */
export const shown = (kind, now, holdout) => (st) => {
  st.h[kind][0] = now;
  st.exp = [kind, now, holdout ? 1 : 0];
  if (st.s) st.s.shown += 1;
};

/** Closed without acting on it. */
export const dismissed = (kind) => (st) => {
  st.h[kind][1] += 1;
};

/** Acted on it (copy, call, chat, faq, subscribe). */
export const converted = (kind, now) => (st) => {
  st.h[kind][2] = now;
  if (kind === 'newsletter') st.sub = 1;
};

/** An order of `value` placed in this session. */
export const ordered = (value) => (st) => {
  if (st.s) st.s.ord = value > 0 ? value : 1;
};
