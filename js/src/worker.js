// Web Worker for the admin components: reading orders, segments, CLV and NPS
// run here so the shop backend stays responsive. Protocol: admin/protocol.js.
import init, * as wasm from './pkg/stammkunde.js';
import { serve } from './admin/protocol.js';
import { wasmEngine } from './admin/engine.js';

const ready = init({ module_or_path: new URL('./pkg/stammkunde_bg.wasm', import.meta.url) });

serve(self, wasmEngine(wasm, ready));
