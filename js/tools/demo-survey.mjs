// Writes www/admin/demo-survey.csv: deterministic NPS survey answers of the
// demo shop's customers (read from www/admin/demo-orders.csv, or the file
// given as the first argument). Customers with more orders answer more
// favourably; two rows are malformed on purpose, as real exports often are,
// so the demo shows the rejected-rows panel.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const admin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'admin');
const orders = readFileSync(process.argv[2] || join(admin, 'demo-orders.csv'), 'utf8').replace(/^\uFEFF/, '');

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

const [header, ...lines] = orders.split(/\r?\n/).filter(Boolean);
const cols = header.split(';');
const [iId, iCustomer] = [cols.indexOf('Bestellnummer'), cols.indexOf('Kundennummer')];
const count = new Map();
const seen = new Set();
for (const line of lines) {
  const f = line.split(';');
  if (!f[iCustomer] || seen.has(f[iId])) continue;
  seen.add(f[iId]);
  count.set(f[iCustomer], (count.get(f[iCustomer]) || 0) + 1);
}
const random = rng(4711);
const customers = [...count.keys()].sort();
const end = Date.UTC(2026, 10, 1);
const rows = ['Kunde;Bewertung;Datum'];
for (const c of customers) {
  if (random() > 0.22) continue;
  const n = count.get(c);
  // more orders, happier on average; some noise
  const base = Math.min(9.5, 5.5 + Math.log2(n) * 1.2);
  const score = Math.max(0, Math.min(10, Math.round(base + (random() - 0.5) * 6)));
  const d = new Date(end - Math.floor(random() * 180) * 86_400_000 - 86_400_000);
  const day = `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
  rows.push(`${c};${score};${day}`);
}
rows.splice(25, 0, `${customers[3]};zehn;12.10.2026`);
rows.splice(60, 0, `${customers[7]};11;13.10.2026`);
writeFileSync(join(admin, 'demo-survey.csv'), rows.join('\n') + '\n');
console.log(`wrote ${rows.length - 1} survey answers for ${customers.length} customers`);
