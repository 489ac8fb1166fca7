// Bundles the script-tag loader, the admin components and the worker, writes
// the ESM package manifest and prints the size table. Run by `make build`
// after cargo and wasm-bindgen have produced target/gen/ and dist/pkg/.
import { build } from 'esbuild';
import { minify } from 'terser';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSizes } from './sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1];
mkdirSync(join(dist, 'pkg'), { recursive: true });

// wasm-bindgen writes the StammkundeError class (src/bind/error.rs) to
// snippets/; it is inlined into the glue so that the package is three files
// and the class is exported from it (`import { StammkundeError } from 'stammkunde'`).
for (const dir of ['pkg', 'admin-engine']) {
  const glue = join(dist, dir, 'stammkunde.js');
  if (!existsSync(glue)) continue;
  const text = readFileSync(glue, 'utf8');
  if (text.includes('class StammkundeError extends Error')) continue; // inlined by an earlier run
  const m = text.match(/^import \{ StammkundeError \} from '(\.\/snippets\/[^']+)';$/m);
  if (!m) throw new Error(`${glue}: no StammkundeError snippet import; was src/bind/error.rs built?`);
  const snippet = readFileSync(join(dist, dir, m[1]), 'utf8').trim();
  writeFileSync(glue, text.replace(m[0], snippet));
  rmSync(join(dist, dir, 'snippets'), { recursive: true, force: true });
}

const common = {
  bundle: true,
  minify: true,
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
  // The wasm-bindgen glue falls back to import.meta.url only when no wasm
  // URL is passed; the loader always passes one.
  supported: { 'import-meta': true },
};

/**
 * The files every shop visitor downloads get a second, slower minifier:
 * terser's three compress passes after esbuild's bundle take about 600 B
 * gzip off the script and 300 B off the popup UI.
 */
async function squeeze(file) {
  const out = await minify(readFileSync(file, 'utf8'), { ecma: 2020, compress: { passes: 3 }, mangle: true });
  writeFileSync(file, out.code);
}

// Script-tag build: one classic script, its wasm next to it.
await build({
  ...common,
  entryPoints: [join(root, 'js/src/loader.js')],
  outfile: join(dist, 'stammkunde.js'),
  format: 'iife',
  logOverride: { 'empty-import-meta': 'silent' },
});
await squeeze(join(dist, 'stammkunde.js'));
copyFileSync(join(root, 'target/gen/storefront/stammkunde_bg.wasm'), join(dist, 'stammkunde.wasm'));
// The popup UI: loaded by the script only on page views where a popup can
// show, one file per language so that a visitor downloads one set of texts.
for (const lang of ['de', 'en']) {
  const outfile = join(dist, `stammkunde-ui-${lang}.js`);
  await build({ ...common, define: { ...common.define, __UI_LANG__: JSON.stringify(lang) }, entryPoints: [join(root, 'js/src/storefront/ui.js')], outfile, format: 'iife' });
  await squeeze(outfile);
}

// Debug overlay: loaded by the script only with `?stammkunde-debug`, so
// visitors never download it. Its exports become `window.__stammkundeDebug`.
await build({
  ...common,
  entryPoints: [join(root, 'js/src/storefront/debug.js')],
  outfile: join(dist, 'stammkunde-debug.js'),
  format: 'iife',
  globalName: '__stammkundeDebug',
});

// Admin components (ES module) and their worker.
for (const [entry, out] of [
  ['admin.js', 'stammkunde-admin.js'],
  ['worker.js', 'stammkunde-worker.js'],
]) {
  await build({
    ...common,
    entryPoints: [join(root, 'js/src', entry)],
    outfile: join(dist, out),
    format: 'esm',
    // The XLSX writer is its own file, loaded by the worker on the first export.
    external: ['./admin-engine/*', './stammkunde-xlsx.js'],
  });
}

await build({ ...common, entryPoints: [join(root, 'js/src/admin/stammkunde-xlsx.js')], outfile: join(dist, 'stammkunde-xlsx.js'), format: 'esm' });

// ESM package for frontend developers.
writeFileSync(
  join(dist, 'pkg/package.json'),
  JSON.stringify(
    {
      name: 'stammkunde',
      version,
      description: 'Stammkunde retention engine: exit intent, popup decision, segments and CLV in WebAssembly',
      license: 'MIT',
      type: 'module',
      main: './stammkunde.js',
      module: './stammkunde.js',
      types: './stammkunde.d.ts',
      exports: {
        '.': { types: './stammkunde.d.ts', import: './stammkunde.js', default: './stammkunde.js' },
        './stammkunde_bg.wasm': './stammkunde_bg.wasm',
        './package.json': './package.json',
      },
      files: ['stammkunde.js', 'stammkunde.d.ts', 'stammkunde_bg.wasm', 'stammkunde_bg.wasm.d.ts'],
      sideEffects: false,
    },
    null,
    2,
  ) + '\n',
);

await printSizes(dist);
