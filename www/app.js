// The demo page: loads the wasm once, then wires the three panels. Every number on the page comes
// from the library; the page only reads inputs and draws what it returns.
import { init } from "marketsplit";
import { setupSplit } from "./split.js";
import { setupCheckout } from "./checkout.js";
import { setupLedger } from "./ledger.js";

const status = document.getElementById("module-status");

init().then(
  () => {
    status.textContent = "wasm ready";
    status.classList.add("ok");
    const split = setupSplit();
    setupCheckout(split);
    setupLedger(split);
  },
  (error) => {
    status.textContent = `wasm failed to load: ${error.message}`;
    status.classList.add("bad");
  },
);
