// Hostile strings in the admin: customer keys, product and category names,
// custom segment names, rules, survey answers and campaign events carrying
// markup or spreadsheet formulas render as inert text in every widget, and
// the members CSV export neutralises formulas. (Popups: popup.test.mjs and
// faults.test.mjs; native exports: tests/hostile.rs.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve } from './harness.mjs';

const PAGES = new URL('./pages', import.meta.url).pathname;
let server, browser;
before(async () => {
  server = await serve({ mounts: { '/test/': PAGES } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const X = (tag) => `<img src=x onerror="window.__xss='${tag}'">`;
const S = (tag) => `"><script>window.__xss='${tag}'</script>`;
const PAYLOADS = [X('customer'), S('customer'), '=HYPERLINK("http://evil.example","klick")', '+49 30 1234', '-1+2', '@SUM(A1)'];
const DAY = 86_400;
const START = 1_767_225_600; // 2026-01-01

/** 60 customers, the first six named with payloads, with items named likewise. */
function orders() {
  const out = [];
  for (let c = 0; c < 60; c++) {
    const customer = c < PAYLOADS.length ? PAYLOADS[c] : `K-${c}`;
    for (let k = 0; k < 1 + (c % 4); k++) {
      out.push({
        id: `${c}-${k}`,
        customer,
        placed_at: START + (c * 3 + k * 40) * DAY,
        total: 1_500 + c * 250 + k * 100,
        currency: 'EUR',
        items: [{ product_id: `P${k}`, sku: X(`sku${k}`), name: X(`product${k}`), category: k % 2 ? X('category') : S('category'), quantity: 1, unit_price: 1_500 }],
      });
    }
  }
  return out;
}

/** Every element and text under the widgets' shadow roots, nested roots included. */
const inspect = () => {
  const tags = [];
  const attrs = [];
  let text = '';
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      tags.push(el.localName);
      for (const a of el.getAttributeNames()) if (a.startsWith('on')) attrs.push(`${el.localName}[${a}]`);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
    text += root.textContent;
  };
  for (const w of document.querySelectorAll('main > *')) if (w.shadowRoot) walk(w.shadowRoot);
  return { tags, attrs, text };
};

test('markup and formulas in the data render as inert text in every widget; the CSV export neutralises formulas', async () => {
  const { page, context, log } = await open(browser, `${server.base}/test/admin.html`);
  await page.evaluate(
    ({ orders, payloads, rules, events, sku, category }) => {
      const shop = document.getElementById('shop');
      shop.setAttribute('product', sku);
      shop.setAttribute('category', category);
      shop.rules = rules;
      shop.survey = payloads.map((customer, i) => ({ customer, score: i + 4, date: '2026-10-01' }));
      shop.orders = orders;
      document.querySelector('stammkunde-campaigns').events = events;
    },
    {
      orders: orders(),
      payloads: PAYLOADS,
      sku: X('sku1'),
      category: X('category'),
      rules: [
        { id: 'r1', name: X('rule-name'), rule: 'number_of_orders >= 2' },
        { id: 'r2', name: S('rule-name'), rule: 'amount_spent > 10' },
      ],
      events: [
        { type: 'show', kind: X('kind'), visitor: S('visitor'), ts: 1_793_500_000_000 },
        { type: X('type'), kind: 'voucher', visitor: 'v1', ts: 1_793_500_000_000 },
        { type: 'show', kind: 'voucher', visitor: X('visitor'), ts: 1_793_500_000_000 },
      ],
    },
  );
  for (const w of ['segments', 'rfm', 'abc', 'members', 'campaigns']) await page.locator(`stammkunde-${w}[ready]`).waitFor();
  // A rule typed by the admin that is itself markup: an inline error, as text.
  await page.evaluate((rule) => document.querySelector('stammkunde-members').setAttribute('rule', rule), X('rule'));
  await page.waitForFunction(() => document.querySelector('stammkunde-members').hasAttribute('rule-error'));
  await page.waitForTimeout(300);

  const seen = await page.evaluate(inspect);
  assert.ok(!seen.tags.includes('img') && !seen.tags.includes('script'), seen.tags.filter((t) => t === 'img' || t === 'script').join());
  assert.deepEqual(seen.attrs, []);
  // custom segment names, the product and category segments, the typed rule
  for (const shown of [X('rule-name'), S('rule-name'), X('sku1'), X('category'), X('rule')]) assert.ok(seen.text.includes(shown), `shown as text: ${shown}`);
  // customer keys in the member table (the rule error cleared: all customers)
  await page.evaluate(() => document.querySelector('stammkunde-members').removeAttribute('rule'));
  await page.waitForFunction(() => !document.querySelector('stammkunde-members').hasAttribute('rule-error'));
  await page.waitForTimeout(500);
  const keys = await page.evaluate(() => [...document.querySelector('stammkunde-members').shadowRoot.querySelectorAll('td.key')].map((td) => td.textContent));
  for (const p of PAYLOADS) assert.ok(keys.includes(p), `customer ${p} in ${keys.slice(0, 8).join(' | ')}`);

  // CSV export: no cell starts like a formula; the payloads are there as text.
  const exported = page.evaluate(() => new Promise((resolve) => document.addEventListener('stammkunde:export', (e) => resolve(e.detail), { once: true })));
  await page.evaluate(() => document.querySelector('stammkunde-members').shadowRoot.querySelector('button.export-csv').click());
  const { csv, format } = await exported;
  const sep = format === 'de' ? ';' : ',';
  const cells = parseCsv(csv.replace(/^\uFEFF/, ''), sep).flat();
  const risky = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
  assert.deepEqual(risky, []);
  assert.ok(cells.includes(`'${PAYLOADS[2]}`), 'the formula is kept as text');
  assert.ok(cells.includes(PAYLOADS[0]), 'markup is kept as text');

  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length), 0);
  assert.deepEqual(log.errors, []);
  await context.close();
});

/** RFC 4180 rows of cells. */
function parseCsv(text, sep) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}
