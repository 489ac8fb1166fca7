// Web Worker for the admin components: reading orders, segments, CLV and NPS
// run here so the shop backend stays responsive. Protocol: admin/protocol.js.
// @ts-ignore: admin-engine/ is written next to the bundled worker by the build
import init, * as wasm from './admin-engine/stammkunde.js';
import { serve } from './admin/protocol.js';
import { wasmEngine } from './admin/engine.js';

const ready = init({ module_or_path: new URL('./admin-engine/stammkunde_bg.wasm', import.meta.url) });

serve(self, wasmEngine(wasm, ready));
