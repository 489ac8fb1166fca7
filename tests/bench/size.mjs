// Download sizes: what a storefront visitor and what the admin load, with
// the budgets `make bench` enforces.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGETS, measure } from '../../js/tools/sizes.mjs';
import { num } from './report.mjs';
import { wasmParts } from './wasm-parts.mjs';

const PRE_OPT = {
  admin: 'target/gen/admin.wasm',
  storefront: 'target/storefront/wasm32-unknown-unknown/release/stammkunde.wasm',
};

/** Parts of cargo's wasm output, or null when it is not there. */
function parts(root, which) {
  const path = join(root, PRE_OPT[which]);
  if (!existsSync(path)) return null;
  try {
    return wasmParts(path);
  } catch {
    return null;
  }
}

const top = (list, k) =>
  list
    .filter((p) => p.part !== 'other')
    .slice(0, k)
    .map((p) => `${p.part} ${num(p.share * 100, 0)} %`)
    .join(', ');

// the budgets live in js/tools/sizes.mjs (the build's size table shows them too)
export { BUDGETS };

const STOREFRONT = ['stammkunde.js', 'stammkunde.wasm'];
// one popup UI file per language; a visitor downloads one, the budget counts the larger
const POPUP_UI = ['stammkunde-ui-de.js', 'stammkunde-ui-en.js'];
const ADMIN = ['stammkunde-admin.js', 'stammkunde-worker.js', 'admin-engine/stammkunde.js', 'admin-engine/stammkunde_bg.wasm'];

function total(rows, names) {
  const list = rows.filter((r) => names.includes(r.file));
  return {
    files: list.map((r) => r.file),
    raw: list.reduce((a, r) => a + r.raw, 0),
    gzip: list.reduce((a, r) => a + r.gzip, 0),
    brotli: list.reduce((a, r) => a + r.brotli, 0),
  };
}

/**
 * Measures dist/, adds the size section and targets to `report`, and
 * returns the budget failures as messages (empty when all are met).
 */
export function sizeBenchmarks(report, root) {
  const dist = join(root, 'dist');
  const rows = measure(dist);
  const failures = [];
  const missing = [...STOREFRONT, ...POPUP_UI, ...ADMIN].filter((f) => !existsSync(join(dist, f)));
  if (missing.length) failures.push(`dist/ lacks ${missing.join(', ')}: run make build`);

  const sf = total(rows, STOREFRONT);
  const uiFiles = rows.filter((r) => POPUP_UI.includes(r.file)).sort((a, b) => b.gzip - a.gzip);
  const ui = total(rows, uiFiles.slice(0, 1).map((r) => r.file));
  const ad = total(rows, ADMIN);
  const gz = (file) => `${num((rows.find((r) => r.file === file) || { gzip: NaN }).gzip, 0)} B`;
  const check = (name, t, budget, what) => {
    const ok = t.gzip <= budget;
    if (!ok) {
      failures.push(
        `${what}: ${num(t.gzip, 0)} bytes gzip is over the budget of ${num(budget, 0)} bytes by ${num(t.gzip - budget, 0)} (${t.files.join(' + ')})`,
      );
    }
    return ok;
  };
  const sfOk = check('storefront', sf, BUDGETS.storefront, 'storefront (loader + wasm)');
  const adOk = check('admin', ad, BUDGETS.admin, 'admin (components + worker + its wasm)');
  report.target({
    area: 'size',
    what: 'storefront download: loader + wasm, gzip',
    measured: `${num(sf.gzip, 0)} B`,
    target: `≤ ${num(BUDGETS.storefront, 0)} B`,
    met: sfOk,
    cause: sfOk ? '' : 'over budget: see the size table',
  });
  if (ui.files.length) {
    const withUi = sf.gzip + ui.gzip;
    check('popup', { ...ui, files: [...sf.files, ...ui.files], gzip: withUi }, BUDGETS.popup, 'storefront page view with a popup (loader + wasm + popup UI)');
    report.target({
      area: 'size',
      what: 'storefront download on a page view that shows a popup (+ popup UI), gzip',
      measured: `${num(withUi, 0)} B`,
      target: `≤ ${num(BUDGETS.popup, 0)} B`,
      met: withUi <= BUDGETS.popup,
      cause:
        withUi <= BUDGETS.popup
          ? ''
          : `${num(withUi - BUDGETS.popup, 0)} B over: ${gz('stammkunde.js')} loader, ${gz('stammkunde.wasm')} wasm and ${num(ui.gzip, 0)} B popup UI (loaded only when a popup shows). The JavaScript is the larger part: config checks with their operator messages, visitor state and caps, the popup texts in German and English; what is left of the standard library in the wasm is mostly its panic messages and their formatting, which a stable Rust build cannot leave out`,
    });
  }
  const adminParts = parts(root, 'admin');
  const storefrontParts = parts(root, 'storefront');
  const wasmGzip = rows.find((r) => r.file === 'admin-engine/stammkunde_bg.wasm');
  report.target({
    area: 'size',
    what: 'admin download: components, worker, its glue and wasm, gzip',
    measured: `${num(ad.gzip, 0)} B`,
    target: `≤ ${num(BUDGETS.admin, 0)} B`,
    met: adOk,
    cause: adOk
      ? ''
      : `the admin wasm alone is ${num(wasmGzip ? wasmGzip.gzip : NaN, 0)} B gzip, although the worker loads its own build with only the functions the components call (no storefront engine, demo data or export helpers; the ESM package with the whole API is bigger, see the table): the order adapters for six formats, segments, rules, NPS and the CLV models with their libraries; largest parts of its code: ${adminParts ? top(adminParts, 6) : 'n/a'} (see "What the wasm is made of"). The rest of the way to the budget is a rewrite of the data layer — purpose-built JSON and date readers instead of serde_json and chrono, and fewer monomorphised sorts and maps — not a build setting`,
  });

  const line = (name, t) => [name, num(t.raw, 0), num(t.gzip, 0), num(t.brotli, 0)];
  const tableRows = rows.map((r) => line(`\`${r.file}\``, r));
  tableRows.push(line('**storefront: loader + wasm**', sf));
  if (ui.files.length) tableRows.push(line('**storefront with popup UI**', { raw: sf.raw + ui.raw, gzip: sf.gzip + ui.gzip, brotli: sf.brotli + ui.brotli }));
  tableRows.push(line('**admin total**', ad));
  report.section({
    title: 'Size',
    text:
      'Bytes of every file in `dist/` as built by `make build` (raw, gzip -9, brotli -11; `js/tools/sizes.mjs`). ' +
      `Budgets (gzip, 1 KB = 1,000 bytes): storefront loader + wasm (every page view) ≤ ${num(BUDGETS.storefront, 0)} B, a page view with a popup (+ popup UI) ≤ ${num(BUDGETS.popup, 0)} B, admin total ≤ ${num(BUDGETS.admin, 0)} B. ` +
      '`make bench` fails when a budget is exceeded. Three wasm builds come from one crate, chosen by cargo features: the storefront (`storefront`: intent engine and popup decision only), the admin worker build `admin-engine/` (`admin`: only the functions the admin components call) and the ESM package `pkg/` for frontend developers (all features, the whole API; not part of either budget).',
    columns: ['file', 'raw', 'gzip', 'brotli'],
    rows: tableRows,
  });
  const partRows = [];
  for (const [name, list] of [['admin', adminParts], ['storefront', storefrontParts]]) {
    if (!list) continue;
    for (const p of list.slice(0, 12)) partRows.push([name, p.part, num(p.bytes, 0), `${num(p.share * 100, 1)} %`]);
  }
  if (partRows.length) {
    report.section({
      title: 'What the wasm is made of',
      text: 'Code bytes per crate or module, from the function names in cargo\'s wasm output before wasm-bindgen and wasm-opt (those shrink it but keep the proportions; `tests/bench/wasm-parts.mjs`). Generic code is counted where the first Stammkunde type in its name lives; "core / alloc / std" is the standard library, including sorting, hashing and float formatting; "other" is mostly hash tables and compiler built-ins (libm).',
      columns: ['wasm', 'part', 'bytes', 'share'],
      rows: partRows,
    });
  }
  return failures;
}
