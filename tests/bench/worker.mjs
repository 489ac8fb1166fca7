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
    // Both sides start from what the admin has in hand: typed arrays, or
    // the bytes of a fetched or uploaded JSON file. The engine reads the
    // bytes; the baseline decodes them and calls JSON.parse.
    let data;
    if (input === 'columnar') data = readColumns(await (await fetch(`/bench-data/segments-${n}.bin`)).arrayBuffer());
    else data = new Uint8Array(await (await fetch(`/bench-data/segments-${n}.json`)).arrayBuffer());
    const decoder = new TextDecoder();
    const runEngine = () => (input === 'columnar' ? engine.computeSegments(data, options) : engine.computeSegmentsFromJson(data, options));
    const runBaseline = () => (input === 'columnar' ? fromColumns(data, options) : fromJson(decoder.decode(data), options));

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
    // The same baseline without its check for repeated order ids.
    const noDedupeTimes = input === 'json' ? await timeRuns(() => fromJson(decoder.decode(data), options, { dedupe: false }), warmup, runs) : null;
    // For JSON, as reference: the browser's own JSON.parse on the text, and
    // decoding the bytes to text (both part of the baseline's time).
    let parseTimes = null;
    let decodeTimes = null;
    if (input === 'json') {
      const text = decoder.decode(data);
      parseTimes = await timeRuns(() => JSON.parse(text), 1, 3);
      decodeTimes = await timeRuns(() => decoder.decode(data), 1, 3);
    }
    return { diffs, customers, engineTimes, baselineTimes, noDedupeTimes, parseTimes, decodeTimes, inputBytes: input === 'columnar' ? data.customer.length * 20 : data.length };
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
      customers: report.customerCount ?? report.customers?.length,
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
