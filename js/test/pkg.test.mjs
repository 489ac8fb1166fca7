// The ESM package as a frontend developer uses it, loaded in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkgDir = new URL('../../dist/pkg/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', pkgDir)));
const wasm = await import(new URL('stammkunde.js', pkgDir));
wasm.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkgDir)) });

test('the package manifest points at the module and its types', () => {
  assert.equal(manifest.exports['.'].import, './stammkunde.js');
  assert.equal(manifest.types, './stammkunde.d.ts');
  assert.match(readFileSync(new URL('stammkunde.d.ts', pkgDir), 'utf8'), /export function version\(\): string;/);
});

test('version() comes from the Rust crate', () => {
  const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
  assert.equal(wasm.version(), cargo.match(/^version = "(.+)"/m)[1]);
  assert.equal(wasm.version(), manifest.version);
});

test('every error is a StammkundeError exported by the package, with a code and the fix', () => {
  assert.ok(wasm.StammkundeError.prototype instanceof Error);
  const dts = readFileSync(new URL('stammkunde.d.ts', pkgDir), 'utf8');
  assert.match(dts, /export class StammkundeError extends Error/);
  assert.throws(() => wasm.parseRule('amount_spent >'), (e) => e instanceof wasm.StammkundeError && e.code === 'rule' && e.column > 0);
  assert.throws(() => wasm.readOrders('xml', ''), (e) => e instanceof wasm.StammkundeError && e.code === 'unknown_format');
  assert.throws(() => wasm.computeSegments([], { asof: '2026-01-01' }), (e) => e.code === 'invalid_option' && /asof/.test(e.message));
});

test('IntentEngine takes the operator config names as an options object', () => {
  const engine = new wasm.IntentEngine({ sensitivity: 'high', minTimeOnPage: 0, cooldown: 30, pages: ['product'], device: 'desktop' });
  engine.observe(0, 0, 1200, 800, 0); // viewport
  engine.observe(1, 0, 2, 0, 0); // product page
  assert.equal(engine.blocked, 0);
  engine.observe(1, 10, 0, 0, 0); // home: not in pages
  engine.observe(3, 2000, 600, -1, 0); // leaves through the top
  assert.equal(engine.blocked, 1); // page type
  new wasm.IntentEngine().free();
  assert.throws(() => new wasm.IntentEngine({ minSeconds: 5 }), (e) => e instanceof wasm.StammkundeError && e.code === 'invalid_option' && /minSeconds/.test(e.message));
  assert.throws(() => new wasm.IntentEngine({ sensitivity: 2 }), { code: 'invalid_option' });
  assert.throws(() => new wasm.IntentEngine({ pages: ['basket'] }), { code: 'invalid_option', field: 'pages' });
});
