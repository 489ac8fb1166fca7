// Shared set-up for the end-to-end tests: the demo server (the same one
// `make demo` runs) on a free port, and Debian's Chromium via playwright-core.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';

const require = createRequire(new URL('../../js/package.json', import.meta.url));
const { chromium, devices } = require('playwright-core');
const { startServer } = await import('../../js/tools/serve.mjs');

export { devices };
/** Upper bound of one wait for a state the product sets (slow CI machines). */
export const WAIT_MS = 180_000;
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Starts the server on a free port; returns { base, close }. */
export async function serve(options = {}) {
  const server = await startServer({ port: 0, ...options });
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS, headless: true });
  // Waits are on states the product sets; a loaded 2-core CI machine may need
  // far longer than Playwright's 30 s default to reach them. A real hang is
  // still caught by the runner's --test-timeout (see the Makefile).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(WAIT_MS);
    return context;
  };
  return browser;
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
