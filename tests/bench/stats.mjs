// Summary statistics of repeated measurements: median and spread.

/** Quantile `q` (0..1) of sorted numbers, linear between neighbours. */
export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** { n, median, min, max, q1, q3 } of a list of numbers. */
export function summary(values) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    min: s.length ? s[0] : NaN,
    max: s.length ? s[s.length - 1] : NaN,
    q1: quantile(s, 0.25),
    q3: quantile(s, 0.75),
  };
}

/** Scales every figure of a summary (e.g. ns -> ms). */
export function scale(sum, factor) {
  const out = { ...sum };
  for (const k of ['median', 'min', 'max', 'q1', 'q3']) out[k] = sum[k] * factor;
  return out;
}

/**
 * Times `fn` in a performance.now() loop: `warmup` untimed runs, then
 * `runs` timed ones. Returns the list of durations in ms. For use inside
 * the browser (the function source is shipped to the page or worker).
 */
export async function timeRuns(fn, { warmup = 2, runs = 7 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times;
}
