// `marketsplit/server` on Cloudflare Workers (the `workerd` and `worker` conditions): the .wasm is
// imported as a module, which wrangler ships as a compiled WebAssembly.Module, so a bare
// `await init()` needs no URL (workerd has none to fetch from). The rest is ./index.js.
import wasm from "./marketsplit_bg.wasm";
import { init as load } from "./index.js";

export * from "./index.js";
export const init = (module) => load(module ?? wasm);
