// Shared set-up for the end-to-end tests: the demo server (the same one
// `make demo` runs) on a free port, and Debian's Chromium via playwright-core.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';

const require = createRequire(new URL('../../js/package.json', import.meta.url));
const { chromium, devices } = require('playwright-core');
const { startServer } = await import('../../js/tools/serve.mjs');

export { devices };
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Starts the server on a free port; returns { base, close }. */
export async function serve(options = {}) {
  const server = await startServer({ port: 0, ...options });
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS, headless: true });
}

/**
 * Opens a page that records console messages and uncaught page errors, so
 * tests can assert the plugin never throws into the shop.
 */
export async function open(browser, url, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const log = { errors: [], warnings: [], console: [] };
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => {
    log.console.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'warning') log.warnings.push(m.text());
    if (m.type() === 'error') log.errors.push(m.text());
  });
  await page.goto(url);
  return { page, context, log };
}
