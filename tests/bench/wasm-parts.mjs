// What makes a wasm module big: code bytes per crate or module, from the
// function names in the `name` section of cargo's output (before
// wasm-bindgen and wasm-opt, which keep the proportions but drop names).
import { readFileSync } from 'node:fs';

function leb(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [result, pos];
  }
}

/** Function bodies (sizes in bytes) and names of a wasm file. */
export function functions(buf) {
  let pos = 8;
  let imported = 0;
  const sizes = [];
  const names = new Map();
  let dataBytes = 0;
  while (pos < buf.length) {
    const id = buf[pos++];
    let size;
    [size, pos] = leb(buf, pos);
    const end = pos + size;
    if (id === 2) {
      // imports: count the imported functions (they come first in the index space)
      let n;
      let p = pos;
      [n, p] = leb(buf, p);
      for (let i = 0; i < n; i++) {
        let len;
        [len, p] = leb(buf, p);
        p += len;
        [len, p] = leb(buf, p);
        p += len;
        const kind = buf[p++];
        if (kind === 0) {
          [, p] = leb(buf, p);
          imported++;
        } else if (kind === 1) {
          p += 1;
          const flags = buf[p++];
          [, p] = leb(buf, p);
          if (flags & 1) [, p] = leb(buf, p);
        } else if (kind === 2) {
          const flags = buf[p++];
          [, p] = leb(buf, p);
          if (flags & 1) [, p] = leb(buf, p);
        } else if (kind === 3) {
          p += 2;
        } else {
          p += 2; // tag
        }
      }
    } else if (id === 10) {
      let n;
      let p = pos;
      [n, p] = leb(buf, p);
      for (let i = 0; i < n; i++) {
        let len;
        [len, p] = leb(buf, p);
        sizes.push(len);
        p += len;
      }
    } else if (id === 11) {
      dataBytes = size;
    } else if (id === 0) {
      let len;
      let p = pos;
      [len, p] = leb(buf, p);
      const name = buf.toString('utf8', p, p + len);
      p += len;
      if (name === 'name') {
        while (p < end) {
          const sub = buf[p++];
          let subSize;
          [subSize, p] = leb(buf, p);
          const subEnd = p + subSize;
          if (sub === 1) {
            let n;
            [n, p] = leb(buf, p);
            for (let i = 0; i < n; i++) {
              let idx;
              let l;
              [idx, p] = leb(buf, p);
              [l, p] = leb(buf, p);
              names.set(idx, buf.toString('utf8', p, p + l));
              p += l;
            }
          }
          p = subEnd;
        }
      }
    }
    pos = end;
  }
  return { imported, sizes, names, dataBytes };
}

const GROUPS = [
  ['stammkunde::orders', /stammkunde[^a-z]*(\d+)?orders/],
  ['stammkunde::segments', /stammkunde[^a-z]*(\d+)?segments/],
  ['stammkunde::rules', /stammkunde[^a-z]*(\d+)?rules/],
  ['stammkunde::clv', /stammkunde[^a-z]*(\d+)?clv/],
  ['stammkunde::nps', /stammkunde[^a-z]*(\d+)?nps/],
  ['stammkunde::demo', /stammkunde[^a-z]*(\d+)?demo/],
  ['stammkunde::intent', /stammkunde[^a-z]*(\d+)?intent/],
  ['stammkunde::popup', /stammkunde[^a-z]*(\d+)?popup/],
  ['stammkunde::bind (JS bindings)', /stammkunde[^a-z]*(\d+)?bind/],
  ['serde_json', /serde_json/],
  ['serde_wasm_bindgen', /serde_wasm_bindgen/],
  ['serde (derived code)', /serde/],
  ['chrono', /chrono/],
  ['core::fmt (formatting)', /core[^a-z]*(\d+)?fmt/],
  ['wasm_bindgen / js_sys', /wasm_bindgen|js_sys/],
  ['allocator (dlmalloc)', /dlmalloc/],
  ['core / alloc / std', /core|alloc|std/],
];

/**
 * Code bytes by part, largest first: [{ part, bytes, share }], plus data
 * bytes. Names are matched loosely (mangled or demangled).
 */
export function wasmParts(path) {
  const { imported, sizes, names, dataBytes } = functions(readFileSync(path));
  const by = new Map();
  let total = 0;
  sizes.forEach((size, i) => {
    const name = names.get(imported + i) || '';
    const group = (GROUPS.find(([, re]) => re.test(name)) || ['other'])[0];
    by.set(group, (by.get(group) || 0) + size);
    total += size;
  });
  const parts = [...by].map(([part, bytes]) => ({ part, bytes, share: bytes / (total + dataBytes) }));
  parts.push({ part: 'data (string constants, tables)', bytes: dataBytes, share: dataBytes / (total + dataBytes) });
  return parts.sort((a, b) => b.bytes - a.bytes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const p of wasmParts(process.argv[2])) console.log(`${String(p.bytes).padStart(9)} ${(p.share * 100).toFixed(1).padStart(5)} %  ${p.part}`);
}
