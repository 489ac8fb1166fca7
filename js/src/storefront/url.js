// URLs: every configured URL is resolved once, against the document's own
// URL (a <base href> does not move it), and that absolute URL is what is
// checked and fetched. Scripts of ours are added through a Trusted Types
// policy named "stammkunde" where the page enforces Trusted Types.

import { warn } from './log.js';

/** `url` resolved against the page's own URL as an absolute http(s) URL, or null (refuses javascript:, data: and the like). */
export function safeUrl(url) {
  try {
    const u = new URL(String(url), globalThis.location && location.href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

let policy;

/**
 * Adds `<script src=url>` (`url` absolute, made by this script from its
 * own src); resolves on load. Under `require-trusted-types-for 'script'`
 * the URL goes through our policy; where the page's `trusted-types` list
 * refuses it, one warning names the fix and the promise rejects with a
 * reason that was already reported (`said`).
 */
export function addScript(url) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    if (policy === undefined) {
      try {
        // Private to this script: it only ever sees our own file URLs.
        policy = trustedTypes.createPolicy('stammkunde', { createScriptURL: (u) => u });
      } catch {
        policy = null; // no Trusted Types, or our policy is refused: a plain string may still pass
      }
    }
    try {
      s.src = policy ? policy.createScriptURL(url) : url;
    } catch {
      warn("Trusted Types: no popup can load until the page's CSP lists stammkunde in trusted-types");
      reject({ said: 1 });
      return;
    }
    s.onload = resolve;
    s.onerror = reject;
    document.head.append(s);
  });
}
