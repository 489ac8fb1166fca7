// The README's quick starts, run as written: the code blocks are read from
// README.md (each follows a `<!-- quickstart:NAME -->` marker), so a snippet
// that stops working fails here. Needs `make build` (dist/).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WAIT_MS, launch, open, serve } from './harness.mjs';

const root = new URL('../../', import.meta.url);
const pkgDir = fileURLToPath(new URL('dist/pkg', root));
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** The fenced code block right after `<!-- quickstart:name -->` in the README. */
function snippet(name) {
  const m = readme.match(new RegExp(`<!-- quickstart:${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``));
  assert.ok(m, `README.md has a code block after <!-- quickstart:${name} -->`);
  return m[1];
}

const ADMIN_PAGE = '/quickstart/admin/';
const BROWSER_PAGE = '/quickstart/esm/';
const page = (body) => `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>quick start</title><link rel="icon" href="data:,"></head><body>\n${body}\n</body></html>`;

let server, browser;
before(async () => {
  const admin = page(snippet('admin'));
  // Without a bundler, an import map resolves the bare 'stammkunde' as a
  // bundler would, to the package's files served next to each other.
  const esm = page(
    `<script type="importmap">{ "imports": { "stammkunde": "/pkg/stammkunde.js" } }</script>\n` +
      `<script type="module">\n${snippet('browser')}\n</script>`,
  );
  server = await serve({
    mounts: { '/stammkunde/': fileURLToPath(new URL('dist', root)), '/pkg/': pkgDir },
    handler(req, res) {
      const html = { [ADMIN_PAGE]: admin, [BROWSER_PAGE]: esm }[req.url];
      if (html) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
        return true;
      }
      if (req.url === '/admin/export/orders.csv') {
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
        createReadStream(new URL('www/admin/demo-orders.csv', root)).pipe(res);
        return true;
      }
      return false;
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('developer quick start (Node): runs against dist/pkg installed as a folder dependency', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stammkunde-quickstart-'));
  try {
    // What `npm install /path/to/dist/pkg` leaves behind: a link in node_modules.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(pkgDir, join(dir, 'node_modules', 'stammkunde'), 'dir');
    writeFileSync(join(dir, 'quickstart.mjs'), snippet('node'));
    const { code, stdout, stderr } = await new Promise((resolve) =>
      execFile(process.execPath, ['quickstart.mjs'], { cwd: dir }, (err, stdout, stderr) =>
        resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    assert.equal(code, 0, `the snippet exits cleanly; stderr:\n${stderr}`);
    assert.equal(stderr, '');
    assert.match(stdout, /^2 customers$/m, stdout);
    assert.match(stdout, /reason/, 'a customer is printed with the reasons of their segments');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('developer quick start (browser): init() finds the wasm next to stammkunde.js', async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  // The snippet logs version(); the wait ends on that message, a console error or a page error.
  const logged = new Promise((resolve) => {
    p.on('console', (m) => {
      if (m.type() === 'log') resolve(m.text());
      if (m.type() === 'error') resolve(`error: ${m.text()}`); // e.g. a module or the wasm not found
    });
    p.on('pageerror', (e) => resolve(`error: ${e}`));
  });
  await p.goto(`${server.base}${BROWSER_PAGE}`);
  const version = await logged;
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(version, pkg.version);
  assert.deepEqual(errors, []);
  await context.close();
});

test('admin quick start: the placed widgets show the shop data', async () => {
  const { page: p, context, log } = await open(browser, `${server.base}${ADMIN_PAGE}`, { viewport: { width: 1280, height: 900 } });
  const widgets = await p.evaluate(() =>
    [...document.querySelectorAll('*')].map((el) => el.localName).filter((n) => n.startsWith('stammkunde-') && !['stammkunde-data', 'stammkunde-status'].includes(n)),
  );
  assert.ok(widgets.length >= 2, `the snippet places widgets: ${widgets}`);
  // Wait on what the product sets: every widget's `ready`, the member table's
  // `total`, the status element's `version`; or the data source's error state.
  await p.waitForFunction(
    (widgets) => {
      const data = document.querySelector('stammkunde-data');
      if (data?.status === 'error') return true;
      const status = document.querySelector('stammkunde-status');
      const members = document.querySelector('stammkunde-members');
      return (
        widgets.every((w) => document.querySelector(w).hasAttribute('ready')) &&
        (!members || members.hasAttribute('total')) &&
        (!status || status.hasAttribute('version'))
      );
    },
    widgets,
    { timeout: WAIT_MS },
  );
  const state = await p.evaluate(() => {
    const data = document.querySelector('stammkunde-data');
    return { status: data.status, customers: data.summary?.customers, rejected: data.summary?.import.rejected };
  });
  assert.equal(state.status, 'ready');
  assert.ok(state.customers > 1000, `the demo export's customers are segmented (${state.customers})`);
  assert.equal(state.rejected, 0);
  for (const w of widgets) {
    const text = await p.evaluate((w) => document.querySelector(w).shadowRoot.textContent, w);
    assert.ok(text.length > 50, `${w} shows data`);
  }
  const total = Number(await p.getAttribute('stammkunde-members', 'total'));
  assert.ok(total > 0, `the member table lists customers (${total})`);
  assert.match(await p.getAttribute('stammkunde-status', 'version'), /^\d+\.\d+\.\d+/);
  assert.deepEqual(log.errors, []);
  await context.close();
});
