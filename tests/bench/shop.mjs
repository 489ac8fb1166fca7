// Shop exports for the admin import benchmark: two years of orders up to
// 2026-11-01, about 10 orders per customer, 2 % cancelled, as canonical
// JSON and as a German CSV (`;`, `1.234,56`, `dd.mm.yyyy hh:mm`), written
// once to target/bench/data/shop-<n>.<json|csv> (streamed: 10 M orders do
// not fit into one JS string).
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const END = 1_793_491_200; // 2026-11-01 00:00 UTC
const SPAN = 730 * 86_400;

/** Calls `row(i, customer, seconds, cents, cancelled)` for every order, in time order. */
function orders(n, row) {
  // xorshift32: fast, and uniform enough for picking customers
  let s = (20_261_101 ^ n) >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) & 0x7fffffff;
  };
  const customers = Math.max(1, Math.round(n / 10));
  for (let i = 0; i < n; i++) {
    const t = END - SPAN + Math.floor((i * SPAN) / n) + (next() % 600);
    row(i, next() % customers, t, 500 + (next() % 20_000), next() % 50 === 0);
  }
}

const pad = (v) => String(v).padStart(2, '0');
function germanTime(t) {
  const d = new Date(t * 1000);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
function germanAmount(cents) {
  const euros = Math.floor(cents / 100);
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${grouped},${pad(cents % 100)}`;
}

function write(path, n, head, line, tail) {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  let buf = head;
  orders(n, (i, c, t, cents, cancelled) => {
    buf += line(i, c, t, cents, cancelled);
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  });
  writeSync(fd, buf + tail);
  closeSync(fd);
  renameSync(tmp, path);
}

/** Writes (once) and returns { path, bytes } of shop-<n>.<kind>, kind 'json' or 'csv'. */
export function shopFile(dir, n, kind) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `shop-${n}.${kind}`);
  if (!existsSync(path)) {
    if (kind === 'json') {
      write(
        path,
        n,
        '[',
        (i, c, t, cents, cancelled) =>
          `${i ? ',' : ''}\n{"id":"${100_001 + i}","customer":"K-${100_001 + c}","placed_at":${t},"total":${cents},"currency":"EUR","status":{"kind":"${cancelled ? 'cancelled' : 'completed'}"}}`,
        '\n]\n',
      );
    } else {
      write(
        path,
        n,
        '\ufeffBestellnummer;Datum;Kundennummer;Betrag;Währung;Status\r\n',
        (i, c, t, cents, cancelled) => `${100_001 + i};${germanTime(t)};K-${100_001 + c};${germanAmount(cents)};EUR;${cancelled ? 'storniert' : 'abgeschlossen'}\r\n`,
        '',
      );
    }
  }
  return { path, bytes: statSync(path).size };
}

/** The file's orders counted in Node: { orders, cancelled, customers } (for checks). */
export function shopCounts(n) {
  let cancelled = 0;
  const seen = new Set();
  orders(n, (i, c, t, cents, x) => {
    if (x) cancelled++;
    else seen.add(c);
  });
  return { orders: n, cancelled, customers: seen.size };
}
