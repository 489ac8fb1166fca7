// Raw / gzip / brotli bytes of every shipped file, and a validation of each
// wasm module (wasm-opt output must still load in browsers).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The size budgets in bytes of gzip -9 (1 KB = 1,000 bytes, the stricter
 * reading): every storefront page view (loader + wasm), a page view that
 * shows a popup (+ the popup UI) and the admin. `make bench` fails past any
 * (tests/bench/size.mjs); the size table after `make build` shows them.
 */
export const BUDGETS = { storefront: 20_000, popup: 25_000, admin: 150_000 };

/** Every file below `dir`, recursively. */
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Sizes of one buffer: raw, gzip -9 and brotli -11. */
export function sizesOf(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/** Sizes of every file in `dist`, keyed by path relative to it. */
export function measure(dist) {
  const rows = [];
  for (const path of files(dist).sort()) {
    const buf = readFileSync(path);
    if (path.endsWith('.wasm') && !WebAssembly.validate(buf)) {
      throw new Error(`${path} is not a valid wasm module (check the wasm-opt feature flags)`);
    }
    rows.push({ file: relative(dist, path), ...sizesOf(buf) });
  }
  return rows;
}

export async function printSizes(dist) {
  const rows = measure(dist);
  const w = Math.max(...rows.map((r) => r.file.length), 4);
  const num = (n) => n.toLocaleString('en-US').padStart(10);
  console.log(`\n${'file'.padEnd(w)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
  for (const r of rows) console.log(`${r.file.padEnd(w)} ${num(r.raw)} ${num(r.gzip)} ${num(r.brotli)}`);
  const group = (names) => rows.filter((r) => names.includes(r.file));
  const total = (list) => list.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const sf = total(group(['stammkunde.js', 'stammkunde.wasm']));
  const ad = total(group(['stammkunde-admin.js', 'stammkunde-worker.js', 'admin-engine/stammkunde.js', 'admin-engine/stammkunde_bg.wasm']));
  console.log(`${'storefront total'.padEnd(w)} ${num(sf.raw)} ${num(sf.gzip)} ${num(sf.brotli)}`);
  // one popup UI file per language; a visitor downloads one, the budget counts the larger
  const ui = total(group(['stammkunde-ui-de.js', 'stammkunde-ui-en.js']).sort((a, b) => b.gzip - a.gzip).slice(0, 1));
  console.log(`${'+ popup UI, when shown'.padEnd(w)} ${num(ui.raw)} ${num(ui.gzip)} ${num(ui.brotli)}`);
  console.log(`${'admin total'.padEnd(w)} ${num(ad.raw)} ${num(ad.gzip)} ${num(ad.brotli)}`);
  // the budgets `make bench` enforces (tests/bench/size.mjs), gzip
  const over = (n, b) => (n <= b ? `within ${b.toLocaleString('en-US')} B` : `OVER ${b.toLocaleString('en-US')} B by ${(n - b).toLocaleString('en-US')} B`);
  console.log(`budgets (gzip): every page view ${sf.gzip} B, ${over(sf.gzip, BUDGETS.storefront)}; with a popup ${sf.gzip + ui.gzip} B, ${over(sf.gzip + ui.gzip, BUDGETS.popup)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await printSizes(process.argv[2] ?? 'dist');
}
