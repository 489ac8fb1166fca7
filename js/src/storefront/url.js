// URLs from config: only http(s), resolved against the page.

/** `url` as an absolute http(s) URL, or null (refuses javascript:, data: and the like). */
export function safeUrl(url) {
  try {
    const u = new URL(String(url), globalThis.location && location.href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
