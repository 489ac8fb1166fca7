// Benchmark worker: runs the admin engine (dist/pkg) the way the admin's
// own worker does, and times it with performance.now() inside the worker.
// One request per worker, so wasm memory after the run is that run's peak.
import init, * as engine from '/dist/pkg/stammkunde.js';
import { fromColumns, fromJson } from './baseline.mjs';
import { readColumns } from './data.mjs';
import { compare, engineOutput } from './equal.mjs';

const ready = init({ module_or_path: new URL('/dist/pkg/stammkunde_bg.wasm', import.meta.url) });

async function timeRuns(fn, warmup, runs) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times;
}

const handlers = {
  /**
   * Segments for one size and input kind: the engine (computeSegments /
   * computeSegmentsFromJson, then the segment list the admin shows) and the
   * JavaScript baseline on the same input, checked equal before timing.
   */
  async segments({ n, input, options, warmup, runs }) {
    let data;
    if (input === 'columnar') data = readColumns(await (await fetch(`/bench-data/segments-${n}.bin`)).arrayBuffer());
    else data = await (await fetch(`/bench-data/segments-${n}.json`)).text();
    const runEngine = () => (input === 'columnar' ? engine.computeSegments(data, options) : engine.computeSegmentsFromJson(data, options));
    const runBaseline = () => (input === 'columnar' ? fromColumns(data, options) : fromJson(data, options));

    const check = runEngine();
    const diffs = compare(engineOutput(check, engine), runBaseline());
    const customers = check.customerCount;
    check.free();
    if (diffs.length) return { diffs, customers };

    const engineTimes = await timeRuns(
      () => {
        const r = runEngine();
        r.segments('en');
        r.free();
      },
      warmup,
      runs,
    );
    const baselineTimes = await timeRuns(runBaseline, warmup, runs);
    // For JSON: what the browser's own JSON.parse takes on the same text, and
    // encoding the text as UTF-8 (the copy into wasm memory), as reference.
    let parseTimes = null;
    let encodeTimes = null;
    if (input === 'json') {
      parseTimes = await timeRuns(() => JSON.parse(data), 1, 3);
      const enc = new TextEncoder();
      encodeTimes = await timeRuns(() => enc.encode(data), 1, 3);
    }
    return { diffs, customers, engineTimes, baselineTimes, parseTimes, encodeTimes, inputBytes: input === 'columnar' ? data.customer.length * 20 : data.length };
  },

  /** computeClv on canonical orders fetched as JSON. */
  async clv({ url, options, warmup = 2, runs = 7 }) {
    const text = await (await fetch(url)).text();
    const orders = JSON.parse(text);
    let report;
    const times = await timeRuns(
      () => {
        report = engine.computeClv(orders, options);
      },
      warmup,
      runs,
    );
    return {
      times,
      orders: orders.length,
      customers: report.customer_count ?? report.customers?.length,
    };
  },
};

self.onmessage = async ({ data }) => {
  try {
    const exports = await ready;
    const result = await handlers[data.cmd](data);
    result.wasmBytes = exports.memory.buffer.byteLength;
    self.postMessage({ ok: true, result });
  } catch (e) {
    self.postMessage({ ok: false, error: String((e && e.stack) || e) });
  }
};
