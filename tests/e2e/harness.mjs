// What the demo's browser tests share: Chromium launched the same way every time (a fresh profile,
// no network of its own), the demo page opened and ready, and the console watched for errors.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const out = path.join(repo, "tests", "out");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Chromium with a fresh user-data-dir: `{ context, consoleErrors, newPage(), close() }`. */
export async function launchBrowser({ width = 1280, height = 900 } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "marketsplit-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
  });
  const consoleErrors = [];
  const watch = (page) => {
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(String(error)));
    return page;
  };
  const handedOut = new WeakSet();
  for (const page of context.pages()) watch(page);
  return {
    context,
    consoleErrors,
    /** A page of this browser, watched for console errors (the first call reuses the blank start page). */
    async newPage() {
      const page = context.pages().find((p) => !handedOut.has(p)) ?? watch(await context.newPage());
      handedOut.add(page);
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the demo and waits for the wasm and the buyer's cart. */
export async function openDemo(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("module-status")?.textContent === "wasm ready");
  await page.waitForFunction(() => /^ord_/.test(document.getElementById("cart-order-id")?.textContent ?? ""));
}

/** Waits until `selector`'s text matches `pattern`; returns the text. */
export async function textMatching(page, selector, pattern, timeout = 15_000) {
  await page.waitForFunction(
    ([sel, source, flags]) => new RegExp(source, flags).test(document.querySelector(sel)?.textContent ?? ""),
    [selector, pattern.source, pattern.flags],
    { timeout },
  );
  return page.locator(selector).textContent();
}

/** The JSON bodies the page POSTs to a path of the proxy, as they leave the browser. */
export function sentBodies(page, pathname) {
  const bodies = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === pathname) bodies.push(JSON.parse(request.postData() ?? "null"));
  });
  return bodies;
}

/** Polls `fn` until it returns a truthy value (for the simulator's records, which the page does not wait on). */
export async function eventually(fn, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${fn}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
