// Writes www/admin/demo-events.json: a deterministic storefront event log
// for the demo admin's campaign widget (format: js/src/admin/events.js).
// 1,500 visitors over eight weeks, 10 % in the holdout group; visitors who
// were shown a voucher order somewhat more often than their holdout peers.
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'admin', 'demo-events.json');

// mulberry32: small, seeded, good enough for demo data
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20261101);
const start = Date.UTC(2026, 8, 6); // Sunday 6 Sep 2026
const DAY = 86_400_000;
// kind: share of popups, P(action | shown), P(dismiss | shown), P(order) shown vs holdout
const KINDS = {
  voucher: { share: 0.4, act: 0.22, dismiss: 0.55, order: [0.16, 0.1] },
  service: { share: 0.25, act: 0.12, dismiss: 0.6, order: [0.13, 0.11] },
  newsletter: { share: 0.35, act: 0.08, dismiss: 0.75, order: [0.05, 0.045] },
};
const events = [];
for (let i = 0; i < 1500; i++) {
  const visitor = `v-${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}`;
  const holdout = random() < 0.1;
  const u = random();
  const kind = u < KINDS.voucher.share ? 'voucher' : u < KINDS.voucher.share + KINDS.service.share ? 'service' : 'newsletter';
  const k = KINDS[kind];
  const ts = start + Math.floor(random() * 56 * DAY);
  events.push({ type: 'show', kind, holdout, visitor, ts });
  if (!holdout) {
    const r = random();
    if (r < k.act) events.push({ type: 'convert', kind, holdout, visitor, ts: ts + 4000 + Math.floor(random() * 20000) });
    else if (r < k.act + k.dismiss) events.push({ type: 'close', kind, holdout, visitor, ts: ts + 2000 + Math.floor(random() * 8000) });
  }
  if (random() < k.order[holdout ? 1 : 0]) {
    const value = 1490 + Math.floor(random() * 60) * 100;
    events.push({ type: 'order', visitor, ts: ts + Math.floor(random() * 5 * DAY), value });
  }
}
events.sort((a, b) => a.ts - b.ts);
writeFileSync(out, JSON.stringify(events).replace(/\},\{/g, '},\n{') + '\n');
console.log(`wrote ${events.length} events to ${out}`);
