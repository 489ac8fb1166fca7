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
