// Reads criterion's saved measurements (target/bench/criterion/**/new/)
// into per-iteration samples.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { summary } from './stats.mjs';

function dirs(root) {
  const out = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(path, ...dirs(path));
  }
  return out;
}

/**
 * Every benchmark criterion saved below `root`, keyed by its full id
 * (`group/function/value`): per-iteration times in ns, their summary, and
 * the throughput criterion was told (elements per iteration).
 */
export function readCriterion(root) {
  const results = new Map();
  if (!existsSync(root)) return results;
  for (const dir of dirs(root)) {
    if (!dir.endsWith('/new')) continue;
    const bench = join(dir, 'benchmark.json');
    const sample = join(dir, 'sample.json');
    if (!existsSync(bench) || !existsSync(sample)) continue;
    const meta = JSON.parse(readFileSync(bench, 'utf8'));
    const { iters, times } = JSON.parse(readFileSync(sample, 'utf8'));
    const perIter = times.map((t, i) => t / iters[i]);
    const elements = meta.throughput && (meta.throughput.Elements ?? meta.throughput.elements);
    results.set(meta.full_id, {
      id: meta.full_id,
      ns: perIter,
      summary: summary(perIter),
      elements: elements ?? null,
      mtime: statSync(sample).mtimeMs,
    });
  }
  return results;
}
