// Writes BENCHMARKS.md: machine, a table of every target (met or not, with
// the cause of each shortfall), then one section per area with medians and
// spread, and how each figure is measured.

/** `1234.5` -> `1,234.5` with `digits` decimals. */
export function num(x, digits = 1) {
  if (!Number.isFinite(x)) return 'n/a';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A duration in ms with a sensible unit and precision. */
export function time(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 1000) return `${num(ms / 1000, 2)} s`;
  if (ms >= 100) return `${num(ms, 0)} ms`;
  if (ms >= 10) return `${num(ms, 1)} ms`;
  if (ms >= 1) return `${num(ms, 2)} ms`;
  if (ms >= 0.001) return `${num(ms * 1000, ms >= 0.01 ? 1 : 2)} µs`;
  return `${num(ms * 1e6, 1)} ns`;
}

/** Spread of a summary (same unit as `fmt`): min–max and the IQR. */
export function spread(sum, fmt = time) {
  if (!sum || !sum.n) return 'n/a';
  return `${fmt(sum.min)} – ${fmt(sum.max)} (IQR ${fmt(sum.q1)} – ${fmt(sum.q3)}, n = ${sum.n})`;
}

export function bytes(n) {
  if (!Number.isFinite(n)) return 'n/a';
  if (n >= 1e6) return `${num(n / 1e6, 1)} MB`;
  if (n >= 1e4) return `${num(n / 1e3, 1)} KB`;
  return `${num(n, 0)} B`;
}

const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(columns, rows) {
  const out = [`| ${columns.map(esc).join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`];
  for (const r of rows) out.push(`| ${r.map(esc).join(' | ')} |`);
  return out.join('\n');
}

export class Report {
  constructor(machine) {
    this.machine = machine;
    this.targets = [];
    this.sections = [];
    this.notes = [];
  }

  /**
   * One target: `met` is true, false, or null when it could not be
   * measured; every false or null needs a `cause`.
   */
  target({ area, what, measured, target, met, cause = '' }) {
    this.targets.push({ area, what, measured, target, met, cause });
  }

  section({ title, text = '', columns, rows, after = '' }) {
    this.sections.push({ title, text, columns, rows, after });
  }

  note(text) {
    this.notes.push(text);
  }

  /** Targets not met or not measured and without a named cause. */
  unexplained() {
    return this.targets.filter((t) => t.met !== true && !t.cause);
  }

  markdown() {
    const m = this.machine;
    const met = this.targets.filter((t) => t.met === true).length;
    const lines = [
      '# Benchmarks',
      '',
      'Written by `make bench` (see [docs/internals.md](docs/internals.md#benchmarks)); every number below comes from the run described here. Timings are medians over repeated runs with their spread; they are never asserted in tests.',
      '',
      '## Machine',
      '',
      table(
        ['', ''],
        [
          ['CPU', `${m.cpu}`],
          ['cores', `${m.cores}`],
          ['memory', m.memory],
          ['OS', m.os],
          ['date', m.date],
          ['load average (1 min) during the native benchmarks, start / end', `${num(m.loadNative?.[0] ?? NaN, 2)} / ${num(m.loadNative?.[1] ?? NaN, 2)}`],
          ['load average (1 min) during the browser benchmarks, start / end', `${num(m.load[0], 2)} / ${num(m.loadEnd ?? NaN, 2)}`],
          ['duration of this run', m.duration ?? 'n/a'],
          ['Rust', `${m.rustc}; ${m.cargo}`],
          ['wasm-bindgen', m.wasmBindgen],
          ['Node.js', m.node],
          ['browser', m.browser ?? 'n/a'],
        ],
      ),
      '',
      ...this.notes.flatMap((n) => [n, '']),
      `## Targets (${met} of ${this.targets.length} met)`,
      '',
      table(
        ['area', 'what', 'measured (median)', 'target', 'met', 'cause of the shortfall'],
        this.targets.map((t) => [
          t.area,
          t.what,
          t.measured,
          t.target,
          t.met === true ? 'yes' : t.met === false ? '**no**' : 'not measured',
          t.met === true ? '' : t.cause,
        ]),
      ),
      '',
    ];
    for (const s of this.sections) {
      lines.push(`## ${s.title}`, '');
      if (s.text) lines.push(s.text, '');
      if (s.rows && s.rows.length) lines.push(table(s.columns, s.rows), '');
      if (s.after) lines.push(s.after, '');
    }
    return lines.join('\n').replace(/\n{3,}/g, '\n\n');
  }
}
