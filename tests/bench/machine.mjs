// The machine and toolchain a benchmark run used, for the results header.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  } catch {
    return 'not found';
  }
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux: fall back to Node's view
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function osName() {
  try {
    const m = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m);
    if (m) return `${m[1]}, ${os.type()} ${os.release()}`;
  } catch {
    // no os-release
  }
  return `${os.type()} ${os.release()}`;
}

/** CPU, cores, memory, OS, date and tool versions. */
export function machine() {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: osName(),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: os.loadavg(),
    rustc: run('rustc', ['--version']),
    cargo: run('cargo', ['--version']),
    wasmBindgen: run('wasm-bindgen', ['--version']),
    node: process.version,
  };
}

/** The 1-minute load average now (other processes competing for the CPU). */
export function load() {
  return os.loadavg()[0];
}
