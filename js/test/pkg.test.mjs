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
  // a back attempt after an interaction fires at once where nothing holds it back
  const run = (options, page) => {
    const engine = new wasm.IntentEngine(options);
    engine.observe(1, 0, page, 0, 0); // page context
    engine.observe(7, 1, 0, 0, 0); // interaction
    const fired = engine.observe(12, 2, 0, 0, 0); // back attempt
    const blocked = engine.blocked;
    engine.free();
    return [fired, blocked];
  };
  assert.deepEqual(run({ sensitivity: 'high', minTimeOnPage: 0, cooldown: 30, pages: ['product'], device: 'desktop' }, 2), [true, 0]);
  assert.deepEqual(run({ minTimeOnPage: 0, pages: ['product'] }, 0), [false, 1]); // home: not in pages
  assert.deepEqual(run({ minTimeOnPage: 60 }, 2), [false, 2]); // too early
  new wasm.IntentEngine().free();
  assert.throws(() => new wasm.IntentEngine({ minSeconds: 5 }), (e) => e instanceof wasm.StammkundeError && e.code === 'invalid_option' && /minSeconds/.test(e.message));
  assert.throws(() => new wasm.IntentEngine({ sensitivity: 2 }), { code: 'invalid_option' });
  assert.throws(() => new wasm.IntentEngine({ pages: ['basket'] }), { code: 'invalid_option', field: 'pages' });
});

test('unit mistakes are errors that say how to convert, not empty results', () => {
  const order = (i, placedAt, total) => ({ id: String(i), customer: `c${i % 3}`, placed_at: placedAt, total, currency: 'EUR' });
  const ms = [1, 2, 3].map((i) => order(i, 1_790_000_000_000 + i * 86_400_000, 4990));
  assert.throws(() => wasm.computeSegments(ms, { asOf: '2026-11-01' }), (e) =>
    e instanceof wasm.StammkundeError && e.code === 'wrong_unit' && e.field === 'placed_at' && e.row === 1 && /divide by 1000/.test(e.message));
  assert.throws(() => wasm.computeClv(ms), { code: 'wrong_unit', field: 'placed_at' });
  // date text is a valid placed_at (read by the day rule), not a unit mistake
  const iso = [1, 2, 3].map((i) => order(i, `2026-10-0${i}`, 4990));
  assert.equal(wasm.computeSegments(iso, { asOf: '2026-11-01' }).importReport().used, 3);
  const decimal = [1, 2, 3].map((i) => order(i, 1_790_000_000 + i * 86_400, 49.9));
  assert.throws(() => wasm.computeSegments(decimal, { asOf: '2026-11-01' }), (e) => e.code === 'wrong_unit' && e.field === 'total' && /Math\.round\(total \* 100\)/.test(e.message));
  assert.throws(() => wasm.readOrders('canonical', decimal), { code: 'wrong_unit', field: 'total' });
  assert.throws(() => wasm.computeSegments([], { asOf: Date.now() }), { code: 'wrong_unit', field: 'asOf' });
  assert.throws(
    () => wasm.computeSegments({ customer: new Uint32Array([0, 1]), placedAt: new Float64Array([1.79e12, 1.79e12]), total: new Float64Array([100, 200]) }),
    { code: 'wrong_unit', field: 'placedAt' },
  );
  assert.throws(() => wasm.readColumns(new Uint32Array([0]), new Float64Array([1_790_000_000]), new Float64Array([49.9])), { code: 'wrong_unit', field: 'timestamps' });
  // One odd row among good ones is reported for that row, the rest used.
  const mixed = [order(1, 1_790_000_000, 4990), order(2, 1_790_086_400, 2000), order(3, 1_790_000_000_000, 100)];
  const r = wasm.computeSegments(mixed, { asOf: '2026-11-01' });
  assert.equal(r.importReport().used, 2);
  assert.equal(r.importReport().errors[0].row, 3);
});

test('the shipped declarations carry the types generated from the Rust types, and one order type', () => {
  const dts = readFileSync(new URL('stammkunde.d.ts', pkgDir), 'utf8');
  const generated = readFileSync(new URL('../../src/bind/types.d.ts', import.meta.url), 'utf8');
  const decls = generated.split('\n').filter((l) => l.startsWith('export '));
  assert.ok(decls.length >= 20);
  for (const line of decls) assert.ok(dts.includes(line), `dist/pkg/stammkunde.d.ts is stale (make build): missing ${line.slice(0, 80)}`);
  assert.doesNotMatch(dts, /\b(SegmentOrder|ClvOrder)\b/);
  assert.match(dts, /export function computeClv\(orders: Order\[\]/);
  assert.match(dts, /computeSegments\(input: Order\[\] \| ColumnarOrders/);
  assert.doesNotMatch(dts, /\b(p_alive|predicted_clv|horizon_months)\??:/);
  // options and small results are generated too, and nothing is declared twice
  for (const name of ['SegmentOptions', 'ClvOptions', 'ReadOrdersOptions', 'IntentOptions', 'DemoOptions', 'CsvExportOptions', 'TableCsvOptions', 'OrderFileFacts', 'RowErrorGroup', 'SegmentImport', 'NpsReport', 'RuleInfo', 'StammkundeErrorCode']) {
    assert.ok(generated.includes(`export type ${name} =`), `${name} is not generated`);
  }
  const names = [...dts.matchAll(/^\s*export (?:type|interface|class) (\w+)/gm)].map((m) => m[1]);
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
});
