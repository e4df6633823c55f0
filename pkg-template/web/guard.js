// Shared by the two entries built with wasm-bindgen's `web` target (browser and fetch-API server).

/**
 * `init(wasm?)` loads the module once with the glue's `load`, from `wasm` when given (bytes, a
 * compiled module, a URL or a Response) and otherwise from what `defaultWasm()` gives, asked only
 * then (a runtime without a usable `import.meta.url` passes the module); a failed load may be
 * retried. `guard(fn)` makes a function or class throw NOT_INITIALIZED until then. Classes are
 * wrapped in a Proxy rather than a subclass, so `instanceof` and objects the glue creates itself
 * (`SettlementLedger.fromJSON`) stay the same.
 */
export function guardUntilReady(MarketsplitError, load, defaultWasm) {
  let ready = false;
  let loading;

  // The class is plain JS (src/js/error.rs), usable before the module is loaded.
  const check = () => {
    if (!ready) throw new MarketsplitError("NOT_INITIALIZED", "", "marketsplit is not initialized: await init() once before the first call");
  };

  const init = (wasm) => {
    loading ??= load({ module_or_path: wasm ?? defaultWasm() }).then(
      () => {
        ready = true;
      },
      (error) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };

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
