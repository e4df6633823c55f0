// Shared by the entries built with wasm-bindgen's `web` target (browser, fetch-API server, Workers).

/**
 * `init(wasm?)` loads the module once with the glue's `load`, from `wasm` when given (its URL,
 * bytes, a Response or a compiled WebAssembly.Module) and otherwise from what `defaultWasm()`
 * gives, asked only then (a bundle without `import.meta.url` cannot answer). A load that fails
 * rejects with INIT_FAILED, naming what it tried and how to pass the module (`file` is the
 * package's export of this build's .wasm), and may be retried. `guard(fn)` makes a function or
 * class throw NOT_INITIALIZED until then. Classes are wrapped in a Proxy rather than a subclass,
 * so `instanceof` and objects the glue creates itself (`SettlementLedger.fromJSON`) stay the same.
 */
export function guardUntilReady(MarketsplitError, load, defaultWasm, file) {
  let ready = false;
  let loading;

  // The class is plain JS (src/js/error.js), usable before the module is loaded.
  const check = () => {
    if (!ready) throw new MarketsplitError("NOT_INITIALIZED", "", "marketsplit is not initialized: await init() once before the first call");
  };

  // Names what it tried: the URL (given, or found beside the entry), a Response's URL, or the
  // bytes or compiled module given.
  const start = async (wasm) => {
    let tried = "its .wasm (this bundle has no import.meta.url to find it by)";
    try {
      wasm ??= defaultWasm();
      tried = typeof wasm == "string" || wasm instanceof URL ? wasm : wasm.url || "the module given";
      await load({ module_or_path: wasm });
    } catch (error) {
      throw new MarketsplitError(
        "INIT_FAILED",
        "",
        `marketsplit could not load ${tried}: ${error?.message ?? error}. Pass the module to init(): its URL, bytes, a Response or a compiled WebAssembly.Module (e.g. import wasm from "marketsplit/${file}", with esbuild's --loader:.wasm=file)`,
      );
    }
    ready = true;
  };

  const init = (wasm) =>
    (loading ??= start(wasm).catch((error) => {
      loading = undefined;
      throw error;
    }));

  const guard = (target) =>
    new Proxy(target, {
      apply(fn, self, args) {
        check();
        return Reflect.apply(fn, self, args);
      },
      construct(cls, args, newTarget) {
        check();
        return Reflect.construct(cls, args, newTarget);
      },
      get(cls, key, receiver) {
        const value = Reflect.get(cls, key, receiver);
        // Static methods (`SettlementLedger.fromJSON`) call into the module as well.
        return !ready && typeof value === "function" && key !== "prototype" ? guard(value) : value;
      },
    });

  return { init, guard };
}
