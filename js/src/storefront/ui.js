// The popup UI, a separate script (dist/stammkunde-ui-de.js or -en.js, one
// per language) that the loader fetches only on page views where a popup
// can be shown: most page views never download it. It fetches unique voucher codes and posts newsletter
// signups; the loader decides, records and reports.

import { closeDialog, nextTask, openDialog, prepareStyles } from './dialog.js';
import { TEXTS, localized, money, newsletterContent, serviceContent, texts, voucherContent } from './content.js';

/** fetch with a timeout; rejects on a non-2xx answer. */
async function fetchWithin(url, init, ms) {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), ms);
  try {
    const res = await fetch(url, { credentials: 'same-origin', ...init, signal: ac.signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.text();
  } finally {
    clearTimeout(timer);
  }
}

const why = (e, ms) => (e && e.name === 'AbortError' ? `no answer within ${ms} ms` : (e && e.message) || e);

/** The voucher's code and texts, or null when there is no code (the endpoint failed). */
async function voucherData(cfg, c, lang, d, warn) {
  const v = cfg.voucher;
  const tier = d.tier != null ? v.tiers[d.tier] : undefined;
  const amount = (units) => money(units, c.currency || 'EUR', lang);
  let code = (tier && tier.code) || v.code;
  let value = localized(tier && tier.value, lang) ?? localized(v.value, lang);
  let conditions = localized(v.conditions, lang);
  if (v.endpoint) {
    try {
      const u = new URL(v.endpoint, location.href);
      const q = { tier: d.tier != null ? d.tier + 1 : 0, cart: (c.cartValue || 0).toFixed(2), currency: c.currency || 'EUR', lang };
      for (const k of Object.keys(q)) u.searchParams.set(k, q[k]);
      const body = await fetchWithin(u, { headers: { accept: 'application/json, text/plain' } }, cfg.timeout);
      let j;
      try {
        j = JSON.parse(body);
      } catch {
        // A plain-text answer is a code only if it looks like one: broken
        // JSON or a login page must not end up in the popup.
        if (!/^[\w.-]{1,64}$/.test(body.trim())) throw new Error('the answer is neither JSON nor a plain code');
        j = body;
      }
      if (typeof j === 'string') j = { code: j };
      code = j && typeof j.code === 'string' ? j.code.trim() : '';
      if (!code || code.length > 64) throw new Error('no code in the answer');
      // capped like config texts (MAX_TEXT): a huge answer must not become a long layout task
      if (typeof j.value === 'string') value = j.value.slice(0, 1000);
      if (typeof j.conditions === 'string') conditions = j.conditions.slice(0, 1000);
    } catch (e) {
      warn(`voucher endpoint ${v.endpoint} failed (${why(e, cfg.timeout)}); no voucher popup`);
      return null;
    }
  }
  if (!code) return null;
  // The code's condition: the operator's minimum, or the reached tier's.
  const min = Math.max(v.min, tier ? tier.min : 0);
  const next = d.gap != null ? v.tiers.filter((t) => t.min > (c.cartValue || 0)).sort((a, b) => a.min - b.min)[0] : undefined;
  const nextValue = next && localized(next.value, lang);
  return { code, value, conditions, expiry: localized(v.expiry, lang), min: min > 0 ? amount(min) : '', next: nextValue ? { gap: amount(d.gap / 100), next: nextValue } : null };
}

/**
 * Shows the popup `kind` for decision `d`. `h` carries the validated config
 * (cfg), the page context (ctx), the language (lang, the one this file was
 * built for), warn, act(action) and close(reason).
 * Resolves to whether it is shown.
 */
async function present(kind, d, h) {
  // the decision ran in the task that handled exit intent: build in the next one
  await nextTask();
  const { cfg, ctx, warn } = h;
  const lang = h.lang;
  const t = texts(cfg[kind], kind, lang);
  let content;
  if (kind === 'voucher') {
    const v = await voucherData(cfg, ctx, lang, d, warn);
    if (!v) return false;
    const how = cfg.voucher.apply;
    // the shop applies the code: its own listener (event) or a URL of the shop system
    const apply =
      how &&
      ((code) => {
        if (how === 'event') {
          document.dispatchEvent(new CustomEvent('stammkunde:apply', { detail: { code } }));
          closeDialog('apply');
        } else location.assign(new URL(how.replace('{code}', encodeURIComponent(code)), location.href).href);
      });
    content = voucherContent(t, v, h.act, apply);
  } else if (kind === 'service') {
    content = serviceContent(t, d.loyalty ? texts(cfg.regulars, 'regulars', lang) : t, cfg.service, h.act);
  } else {
    const submit = async (email) => {
      try {
        await fetchWithin(cfg.newsletter.url, { method: 'POST', body: new URLSearchParams({ email, lang, source: 'stammkunde' }) }, cfg.timeout);
        h.act('subscribe');
        return true;
      } catch (e) {
        warn(`newsletter signup at ${cfg.newsletter.url} failed: ${why(e, cfg.timeout)}`);
        return false;
      }
    };
    content = newsletterContent(t, cfg.newsletter, submit);
  }
  const theme = { ...cfg.theme };
  for (const k of Object.keys(theme)) if (theme[k] === undefined) delete theme[k];
  await openDialog(kind, lang, TEXTS[lang], content, h.close, theme);
  return true;
}

// The UI is fetched ahead in idle time: parse the styles now, not when a popup opens.
prepareStyles();

window.__stammkundeUI = { present, close: closeDialog };
