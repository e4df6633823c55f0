// Shared by the two entries built with wasm-bindgen's `web` target (browser and fetch-API server).

/**
 * `init` loads the module once (a failed load may be retried); `guard(fn)` makes a function or
 * class throw NOT_INITIALIZED until then. Classes are wrapped in a Proxy rather than a subclass,
 * so `instanceof` and objects the glue creates itself (`SettlementLedger.fromJSON`) stay the same.
 */
export function guardUntilReady(MarketsplitError, load) {
  // Rust rewires the prototype when the module starts; an error thrown before that must already
  // be an Error, so the same rewiring happens here first.
  if (!(MarketsplitError.prototype instanceof Error)) {
    Object.setPrototypeOf(MarketsplitError.prototype, Error.prototype);
    Object.setPrototypeOf(MarketsplitError, Error);
  }
  let ready = false;
  let loading;

  const notInitialized = () => {
    const message = "marketsplit is not initialized: await init() once before the first call";
    // The real constructor would call into the module that is not loaded yet.
    const error = Object.create(MarketsplitError.prototype);
    const own = (value) => ({ value, writable: true, configurable: true, enumerable: false });
    Object.defineProperties(error, {
      code: own("NOT_INITIALIZED"),
      path: own(""),
      message: own(message),
      name: own("MarketsplitError"),
      stack: own(String(new Error(message).stack).replace(/^Error/, "MarketsplitError")),
    });
    return error;
  };
  const check = () => {
    if (!ready) throw notInitialized();
  };

  const init = (input) => {
    loading ??= load(input).then(
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
