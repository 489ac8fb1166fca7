// The worker protocol, driven through a fake worker scope with an engine
// that returns a fixed result (the real engine is tested end to end).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve } from '../src/admin/protocol.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/engine-result.json', import.meta.url)));
// the export's CSV writer is the engine's own (the ESM package's build of it)
const pkgDir = new URL('../../dist/pkg/', import.meta.url);
const wasm = await import(new URL('stammkunde.js', pkgDir));
wasm.initSync({ module: readFileSync(new URL('stammkunde_bg.wasm', pkgDir)) });

function harness(result = fixture) {
  const scope = { posted: [], postMessage: (m) => scope.posted.push(m) };
  const engine = {
    version: async () => '9.9.9',
    compute: async (data, options, progress) => {
      progress('read', 0.5);
      engine.seen = { data, options };
      if (data.text === 'boom') throw new Error('row 1, field total: not a number');
      return result;
    },
    tableCsv: (columns, rows, options) => wasm.tableCsv(columns, rows, options),
    matchRule(result, rule) {
      if (rule.includes('>>')) throw Object.assign(new Error('expected a value at 13'), { detail: { rule: true, position: 13, expected: 'a value' } });
      return new Set(result.customers.filter((c) => c.orders >= 3).map((c) => c.key));
    },
  };
  serve(scope, engine);
  let id = 0;
  const send = async (msg) => {
    const mid = ++id;
    await scope.onmessage({ data: { id: mid, ...msg } });
    return scope.posted.filter((m) => m.id === mid);
  };
  return { send, engine };
}

test('compute reports progress, then the summary', async () => {
  const { send, engine } = harness();
  const msgs = await send({ type: 'compute', input: { text: 'x', format: 'csv' }, options: { asOf: 1 } });
  const progress = msgs.filter((m) => m.type === 'progress');
  assert.ok(progress.length >= 2);
  assert.ok(progress.every((m, i) => i === 0 || m.fraction >= progress[i - 1].fraction));
  const last = msgs.at(-1);
  assert.equal(last.ok, true);
  assert.equal(last.result.customers, fixture.customers.length);
  assert.equal(last.result.segments.length, fixture.segments.length);
  assert.deepEqual(engine.seen.data, { text: 'x', format: 'csv' });
});

test('members before any data is an error, not a crash', async () => {
  const { send } = harness();
  const [answer] = await send({ type: 'members', query: {} });
  assert.equal(answer.ok, false);
  assert.match(answer.error.message, /no data/);
});

test('members: segment, rule, paging and a rule error with its position', async () => {
  const { send } = harness();
  await send({ type: 'compute', input: { text: 'x' }, options: {} });
  const [seg] = await send({ type: 'members', query: { segment: 'sleepers', limit: 2 } });
  assert.equal(seg.result.total, 4);
  assert.equal(seg.result.rows.length, 2);
  const [rule] = await send({ type: 'members', query: { rule: 'number_of_orders >= 3' } });
  assert.equal(rule.result.total, 4);
  const [bad] = await send({ type: 'members', query: { rule: 'amount_spent >> 5' } });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.rule, true);
  assert.equal(bad.error.position, 13);
});

test('export returns the CSV of every match, not just a page', async () => {
  const { send } = harness();
  await send({ type: 'compute', input: { text: 'x' }, options: {} });
  const [answer] = await send({ type: 'export', query: { segment: 'sleepers', limit: 1 }, format: 'de' });
  const lines = answer.result.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines.length, 1 + 4);
  assert.match(lines[0], /^Kunde;Bestellungen;Umsatz \(EUR\)/);
});

test('export: money in the minor digits of JPY and KWD, formulas neutralised, German and English', async () => {
  const rows = (text) => text.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(/[;,]/));
  const customers = fixture.customers.map((c, i) => (i === 0 ? { ...c, key: '=HYPERLINK("x")' } : c));
  const jpy = harness({ ...fixture, currency: 'JPY', customers });
  await jpy.send({ type: 'compute', input: { text: 'x' }, options: {} });
  const [de] = await jpy.send({ type: 'export', query: { sort: 'revenue', dir: 'desc' }, format: 'de' });
  assert.ok(de.result.startsWith('\uFEFF'));
  const [header, first] = rows(de.result);
  assert.equal(header[2], 'Umsatz (JPY)');
  const top = [...customers].sort((a, b) => b.revenue - a.revenue)[0];
  assert.equal(first[2], String(top.revenue));
  assert.match(de.result, /\r\n"'=HYPERLINK\(""x""\)";/);
  const kwd = harness({ ...fixture, currency: 'KWD' });
  await kwd.send({ type: 'compute', input: { text: 'x' }, options: {} });
  const [en] = await kwd.send({ type: 'export', query: { sort: 'revenue', dir: 'desc' }, format: 'en' });
  const [enHeader, enFirst] = rows(en.result);
  assert.equal(enHeader[2], 'revenue (KWD)');
  assert.equal(enFirst[2], (top.revenue / 1000).toFixed(3));
  assert.match(enFirst[4], /^\d{4}-\d{2}-\d{2}$/);
});

test('compute errors reach the page with their message', async () => {
  const { send } = harness();
  const msgs = await send({ type: 'compute', input: { text: 'boom' }, options: {} });
  assert.equal(msgs.at(-1).ok, false);
  assert.match(msgs.at(-1).error.message, /field total/);
});

test('campaigns: an event log as an array or as JSON text; bad JSON is explained', async () => {
  const { send } = harness();
  const events = [{ type: 'show', kind: 'voucher', holdout: false, visitor: 'a', ts: 1 }];
  const [a] = await send({ type: 'campaigns', input: { events } });
  assert.equal(a.result.rows[0].shown, 1);
  const [b] = await send({ type: 'campaigns', input: { text: JSON.stringify(events) } });
  assert.equal(b.result.rows[0].shown, 1);
  const [c] = await send({ type: 'campaigns', input: { text: '{oops' } });
  assert.equal(c.ok, false);
  assert.match(c.error.message, /not JSON/);
});

test('unknown requests are refused', async () => {
  const { send } = harness();
  const [answer] = await send({ type: 'nope' });
  assert.equal(answer.ok, false);
  assert.match(answer.error.message, /unknown request type/);
});
