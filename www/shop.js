// The demo shop's own script: navigation, a cart kept in localStorage, and
// the hand-off of cart changes to Stammkunde (as a single-page shop would).
(function () {
  const PRODUCTS = {
    napoli: { name: 'Espresso Napoli, 1 kg', price: 24.9 },
    hochland: { name: 'Filterkaffee Hochland, 500 g', price: 12.5 },
    muehle: { name: 'Handmühle Feinschliff', price: 79.0 },
  };
  const cart = {
    read() {
      try { return JSON.parse(localStorage.getItem('demo-cart')) || {}; } catch { return {}; }
    },
    write(items) { localStorage.setItem('demo-cart', JSON.stringify(items)); render(); },
    totals() {
      const items = cart.read();
      let value = 0, count = 0;
      for (const [id, qty] of Object.entries(items)) {
        if (PRODUCTS[id]) { value += PRODUCTS[id].price * qty; count += qty; }
      }
      return { value: Math.round(value * 100) / 100, count };
    },
  };
  const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

  // The confirmation page: the order is the cart's value (kept for a
  // reload), then the cart is empty.
  let order;
  if (location.pathname.startsWith('/danke')) {
    const t = cart.totals();
    try {
      order = t.count ? t.value : Number(sessionStorage.getItem('demo-order')) || undefined;
      if (order) sessionStorage.setItem('demo-order', order);
      localStorage.setItem('demo-cart', '{}');
    } catch { /* storage off: no order value */ }
  }
  // ?kunde=champions shows the shop as a logged-in regular customer would
  // see it (?kunde= logs out again).
  let segment;
  try {
    const q = new URLSearchParams(location.search).get('kunde');
    if (q !== null) localStorage.setItem('demo-segment', q);
    segment = localStorage.getItem('demo-segment') || undefined;
  } catch { /* storage off: no segment */ }

  function render() {
    const t = cart.totals();
    document.querySelectorAll('[data-cart-badge]').forEach((el) => { el.textContent = `Warenkorb (${t.count}) ${euro.format(t.value)}`; });
    document.querySelectorAll('[data-cart-lines]').forEach((el) => {
      const items = cart.read();
      el.replaceChildren(...Object.entries(items).filter(([id]) => PRODUCTS[id]).map(([id, qty]) => {
        const li = document.createElement('li');
        li.textContent = `${qty} × ${PRODUCTS[id].name}: ${euro.format(PRODUCTS[id].price * qty)}`;
        return li;
      }));
      if (!el.children.length) el.textContent = 'Ihr Warenkorb ist leer.';
    });
    // Tell Stammkunde about the cart, once it is there (it loads async).
    tellConsent();
    const sk = window.Stammkunde;
    if (sk && sk.setContext) {
      const ctx = { cartValue: t.value, cartItems: t.count };
      if (order) ctx.orderValue = order;
      if (segment) ctx.customerSegment = segment;
      sk.setContext(ctx);
    }
  }

  document.addEventListener('click', (e) => {
    const add = e.target.closest && e.target.closest('[data-add]');
    if (add) {
      const items = cart.read();
      items[add.dataset.add] = (items[add.dataset.add] || 0) + 1;
      cart.write(items);
    }
    if (e.target.closest && e.target.closest('[data-clear-cart]')) cart.write({});
  });
  // The shop's own consent banner (a stand-in for Usercentrics, Cookiebot,
  // Borlabs, ...): its answer goes to Stammkunde with the generic call
  // Stammkunde.consent(true | false), on every page.
  let consent = null;
  try { consent = localStorage.getItem('demo-consent'); } catch { /* storage off: ask on every page */ }
  function tellConsent() {
    const sk = window.Stammkunde;
    if (sk && sk.consent && consent) sk.consent(consent === 'ja');
  }
  if (!consent) {
    const bar = document.createElement('div');
    bar.className = 'consent';
    bar.setAttribute('role', 'region');
    bar.setAttribute('aria-label', 'Cookie-Einstellungen');
    bar.innerHTML = '<p>Dürfen wir Ihren Warenkorb-Verlauf und gezeigte Angebote in Ihrem Browser speichern? So zeigen wir Ihnen kein Angebot doppelt.</p>'
      + '<button type="button" data-consent="ja">Ja, gern</button> <button type="button" class="secondary" data-consent="nein">Nein</button>';
    bar.addEventListener('click', (e) => {
      const b = e.target.closest('[data-consent]');
      if (!b) return;
      consent = b.dataset.consent;
      try { localStorage.setItem('demo-consent', consent); } catch { /* this page only */ }
      bar.remove();
      tellConsent();
    });
    document.body.append(bar);
  }
  // The checkout's voucher field: filled from ?gutschein= (where the popup's
  // "Gutschein einlösen" leads), applied on the spot.
  const VOUCHERS = { MORGENROT5: 5, MORGENROT10: 10 };
  const field = document.getElementById('voucher-code');
  function applyVoucher() {
    const code = field.value.trim().toUpperCase();
    const out = document.getElementById('voucher-result');
    const pct = VOUCHERS[code];
    const t = cart.totals();
    out.textContent = pct
      ? `Gutschein ${code} eingelöst: −${euro.format((t.value * pct) / 100)} (${pct} %). Neuer Betrag: ${euro.format((t.value * (100 - pct)) / 100)}.`
      : code ? `Der Gutschein ${code} ist uns nicht bekannt.` : '';
  }
  if (field) {
    const given = new URLSearchParams(location.search).get('gutschein');
    if (given) field.value = given;
    document.getElementById('apply-voucher').addEventListener('click', applyVoucher);
    if (given) applyVoucher();
  }
  window.demoShop = { cart, PRODUCTS };
  render();
  // Stammkunde loads async: it may come after this script, at the latest
  // before the window's load event.
  const whenReady = () => window.Stammkunde && window.Stammkunde.ready && window.Stammkunde.ready.then(render, () => {});
  if (window.Stammkunde) whenReady();
  else window.addEventListener('load', whenReady);
})();
