// `make release` (js/tools/release.mjs) from the built dist/: the files, their
// integrity hashes, a snippet per shop system that pins the loader, the ESM
// package as an npm tarball, and the archive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const version = readFileSync(new URL('Cargo.toml', root), 'utf8').match(/^version = "(.+)"/m)[1];

test('make release writes a versioned folder and archive operators can use as is', () => {
  execFileSync('node', ['js/tools/release.mjs'], { cwd: root, stdio: 'pipe' });
  const dir = new URL(`release/stammkunde-${version}/`, root);
  const files = readdirSync(dir);
  for (const f of ['stammkunde.js', 'stammkunde.wasm', 'stammkunde-ui-de.js', 'stammkunde-ui-en.js', 'SRI.txt', 'README.txt', 'snippets', `stammkunde-${version}.tgz`]) assert.ok(files.includes(f), f);
  // the hashes are those of the files next to them, and of dist/
  const sri = Object.fromEntries(readFileSync(new URL('SRI.txt', dir), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ')));
  for (const f of ['stammkunde.js', 'stammkunde.wasm', 'stammkunde-ui-de.js', 'stammkunde-ui-en.js']) {
    const hash = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;
    assert.equal(sri[f], hash(readFileSync(new URL(f, dir))), f);
    assert.equal(sri[f], hash(readFileSync(new URL(`dist/${f}`, root))), `${f} is the built one`);
  }
  // one snippet per shop system, each pinning the loader and carrying a config that shows a popup
  const snippets = readdirSync(new URL('snippets/', dir)).sort();
  assert.deepEqual(snippets, ['generic.html', 'shopify.liquid', 'shopware6.twig', 'woocommerce.php']);
  for (const s of snippets) {
    const text = readFileSync(new URL(`snippets/${s}`, dir), 'utf8');
    assert.ok(text.includes(`integrity="${sri['stammkunde.js']}"`), s);
    assert.match(text, /id="stammkunde-config">\s*\{ "consent": "\w+",\s*"voucher": \{ "code"/, s);
  }
  assert.match(readFileSync(new URL('snippets/shopify.liquid', dir), 'utf8'), /"apply": "\/discount\/\{code\}/);
  assert.match(readFileSync(new URL('snippets/woocommerce.php', dir), 'utf8'), /coupon_code=\{code\}/);
  assert.match(readFileSync(new URL('snippets/shopware6.twig', dir), 'utf8'), /\/checkout\/promotion\/add/);
  // the npm tarball holds the package with its wasm and types
  const tgz = execFileSync('tar', ['-tzf', `stammkunde-${version}.tgz`], { cwd: dir, encoding: 'utf8' });
  for (const f of ['package/package.json', 'package/stammkunde.js', 'package/stammkunde.d.ts', 'package/stammkunde_bg.wasm']) assert.ok(tgz.includes(f), f);
  const archive = execFileSync('tar', ['-tzf', `release/stammkunde-${version}.tar.gz`], { cwd: root, encoding: 'utf8' });
  assert.ok(archive.includes(`stammkunde-${version}/snippets/generic.html`));
});
