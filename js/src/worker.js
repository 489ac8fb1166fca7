// Web Worker for the admin components: the heavy computations run here so
// the shop backend stays responsive.
import init, { version } from './pkg/stammkunde.js';

const ready = init({ module_or_path: new URL('./pkg/stammkunde_bg.wasm', import.meta.url) });

self.onmessage = async (event) => {
  const { id, type } = event.data || {};
  try {
    await ready;
    if (type === 'version') {
      self.postMessage({ id, ok: true, result: version() });
    } else {
      self.postMessage({ id, ok: false, error: `unknown request type ${JSON.stringify(type)}` });
    }
  } catch (e) {
    self.postMessage({ id, ok: false, error: String((e && e.message) || e) });
  }
};
