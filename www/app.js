// The demo page: loads the wasm once, then wires the panels. Every number on the page comes from
// the library; the page only reads inputs and draws what it returns. The buyer checkout and the
// back office talk to the demo server's proxy (/api) through ProxyClient; the workbench and the
// local ledger never leave the browser.
import { init } from "marketsplit";
import { setupBackOffice } from "./backoffice.js";
import { setupCheckout } from "./checkout.js";
import { setupLedger } from "./ledger.js";
import { setupSplit } from "./split.js";
import { setupTamper } from "./tamper.js";
import { setupWireLog } from "./wire.js";

const status = document.getElementById("module-status");

init().then(
  () => {
    status.textContent = "wasm ready";
    status.classList.add("ok");
    const wire = setupWireLog();
    const checkout = setupCheckout(wire);
    setupTamper(checkout, wire);
    setupBackOffice(checkout, wire);
    const split = setupSplit();
    setupLedger(split);
  },
  (error) => {
    status.textContent = `wasm failed to load: ${error.message}`;
    status.classList.add("bad");
  },
);
