// `MarketsplitError`, the one class every export throws, and the helper the binding builds its
// errors with. The glue re-exports the class as it is (`reexport` in error.rs): a JS class can
// extend `Error`, an exported Rust struct cannot, and it exists before the wasm module is loaded,
// so the entries throw NOT_INITIALIZED with it.

const own = (o, key, value, enumerable, writable) => Object.defineProperty(o, key, { value, enumerable, writable, configurable: true });

export class MarketsplitError extends Error {
  constructor(code, path, message) {
    super(message ?? "");
    // Own properties, as a native error's message is: console.log and JSON.stringify show them.
    own(this, "code", code, true, false);
    own(this, "path", path ?? "", true, false);
  }
}
own(MarketsplitError.prototype, "name", "MarketsplitError", false, true);

const WASM_FRAME = /wasm-function|wasm:\/\/|\[wasm code\]/;

// An error for the core's, its stack starting at the exported function the caller called, as a
// native error's would: the frames inside wasm and its glue are dropped.
export function makeError(code, path, message) {
  const limit = Error.stackTraceLimit;
  const room = typeof limit === "number" && Object.isExtensible(Error);
  let error;
  try {
    if (room) Error.stackTraceLimit = limit + 100;
    error = new MarketsplitError(code, path, message);
  } finally {
    if (room) Error.stackTraceLimit = limit;
  }
  try {
    let frames = String(error.stack).split("\n");
    // V8 starts with a header line ("MarketsplitError: message"); Firefox and Safari have none.
    if (frames.length > 0 && /^MarketsplitError\b/.test(frames[0])) frames.shift();
    let last = -1;
    frames.forEach((line, i) => { if (WASM_FRAME.test(line)) last = i; });
    frames = frames.slice(last + 1);
    if (room) frames = frames.slice(0, Math.max(limit, 0));
    const header = "MarketsplitError: " + message;
    own(error, "stack", frames.length > 0 ? header + "\n" + frames.join("\n") : header, false, true);
  } catch (_) {
    // A hostile prepareStackTrace or a frozen error loses only the trimming.
  }
  return error;
}
