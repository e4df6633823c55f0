// `marketsplit` on Vercel's edge runtime and Next.js's (the `edge-light` condition): the .wasm is
// imported as a module with the `?module` suffix those bundlers ask for, so a bare
// `await init()` needs no URL. The rest is ./index.js.
import wasm from "./marketsplit_bg.wasm?module";
import { init as load } from "./index.js";

export * from "./index.js";
export const init = (module) => load(module ?? wasm);
