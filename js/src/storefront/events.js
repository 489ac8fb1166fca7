// Events on `document` (`stammkunde:show`, `:close`, `:convert`, `:order`),
// mirrored into window.dataLayer when the page has one and, if the operator
// set `beacon`, sent to that URL with navigator.sendBeacon. Nothing goes to
// any third party. A listener or a broken dataLayer never breaks us.

/**
 * Returns emit(name, detail). `beacon` is the operator's URL (or empty);
 * `extra()` adds fields to the beacon payload only (visitor id, page).
 */
export function createEmitter(beacon, extra = () => ({})) {
  return function emit(name, detail) {
    const type = `stammkunde:${name}`;
    try {
      document.dispatchEvent(new CustomEvent(type, { detail }));
    } catch {
      // an old browser without CustomEvent: the other channels still work
    }
    try {
      const dl = window.dataLayer;
      if (dl && typeof dl.push === 'function') dl.push({ event: type, stammkunde: { ...detail } });
    } catch {
      // the page's dataLayer is not ours to fix
    }
    if (beacon) {
      try {
        navigator.sendBeacon(beacon, JSON.stringify({ event: name, time: Date.now(), ...extra(), ...detail }));
      } catch {
        // no sendBeacon or a refused URL: analytics are best effort
      }
    }
  };
}
