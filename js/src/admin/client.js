// The page's side of the worker protocol (see worker.js): requests with ids,
// progress callbacks, and cancellation by terminating the worker (the wasm
// computes synchronously, so stopping the thread is the only way to stop it
// at once; the next request starts a fresh worker).

const defaultWorker = new URL('./stammkunde-worker.js', import.meta.url);

/**
 * Where the worker script is: next to the admin bundle, unless the page sets
 * `window.StammkundeAdmin = { workerUrl }` (e.g. for a CDN) before the first
 * computation.
 */
export const config = {
  get workerUrl() {
    return globalThis.StammkundeAdmin?.workerUrl || defaultWorker;
  },
};

/** The error of a cancelled request (`name` is `AbortError`). */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

/** An error from the worker; `detail` carries structured fields (e.g. a rule's position). */
export class WorkerError extends Error {
  constructor(error) {
    super(error?.message || String(error));
    this.name = 'WorkerError';
    this.detail = error || {};
  }
}

export class WorkerClient {
  constructor(url) {
    this.url = url;
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
  }

  start() {
    if (this.worker) return this.worker;
    const url = this.url || config.workerUrl;
    const w = new Worker(url, { type: 'module', name: 'stammkunde' });
    w.onmessage = (event) => this.receive(event.data);
    w.onerror = (event) => {
      event.preventDefault?.();
      this.fail(new WorkerError({ message: `the worker failed to start (${event.message || url}); check that stammkunde-worker.js and admin-engine/ lie next to stammkunde-admin.js`, code: 'worker_failed' }));
    };
    this.worker = w;
    return w;
  }

  receive(msg) {
    const p = msg && this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new WorkerError(msg.error));
  }

  /**
   * Sends a request; resolves with its result. `transfer` lists transferables.
   * @param {{ onProgress?: (msg: any) => void, transfer?: Transferable[] }} [options]
   */
  request(type, payload = {}, options = {}) {
    const { onProgress, transfer } = options;
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, type, ...payload }, transfer || []);
    });
  }

  fail(error) {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
  }

  /** Stops all work: pending requests reject with CancelledError. */
  cancel() {
    this.fail(new CancelledError());
  }
}

let shared;
/** A worker for small requests that need no order data (version, event logs). */
export function sharedClient() {
  shared ??= new WorkerClient();
  return shared;
}
