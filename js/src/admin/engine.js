// The engine as the worker uses it: calls the wasm bindings and turns their
// output into the EngineResult of model.js.

export function wasmEngine(wasm, ready) {
  const need = (name) => {
    if (typeof wasm[name] !== 'function') throw new Error(`this engine build has no ${name}(); rebuild dist/pkg with the admin feature`);
    return wasm[name];
  };
  return {
    async version() {
      await ready;
      return wasm.version();
    },
    async compute(data, options, progress) {
      await ready;
      progress('read', 0);
      need('readOrders');
      throw new Error('not wired yet');
    },
    matchRule() {
      need('parseRule');
      return new Set();
    },
  };
}
