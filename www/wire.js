// What this browser sent and what the proxy answered, for every ProxyClient call on the page: the
// boundary made visible. Each call gets its own ProxyClient whose `fetch` records the exchange
// (never its headers: the operator's token travels in one), so an error can be shown with its
// HTTP status and the proxy's own JSON even while other calls (status polling) are in flight.
import { ProxyClient } from "marketsplit";
import { h } from "./dom.js";

const KEEP = 12;
const TIMEOUT_MS = 15000;

export function setupWireLog() {
  const list = document.getElementById("wire-log");
  const entries = [];

  const show = () => {
    list.replaceChildren(
      ...entries.map((e) =>
        h(
          "li",
          { class: e.status >= 200 && e.status < 300 ? "ok" : "error" },
          h("p", {}, h("code", {}, `${e.method} ${e.path}`), " → ", h("strong", {}, e.status ? `HTTP ${e.status}` : "no answer")),
          e.sent ? h("pre", { class: "json small" }, `sent: ${e.sent}`) : "",
          e.reply ? h("pre", { class: "json small" }, `answer: ${e.reply}`) : "",
        ),
      ),
    );
  };

  /**
   * Runs `fn(client)` with a ProxyClient for the proxy at /api (with `headers`, say the operator's
   * token) and resolves `{ ok, value | error, exchange }`, never rejecting.
   */
  async function call(fn, headers = {}) {
    let exchange = null;
    const fetchAndRecord = async (url, init = {}) => {
      const entry = {
        method: init.method ?? "GET",
        path: new URL(String(url), location.href).pathname,
        sent: typeof init.body === "string" ? init.body : "",
        status: 0,
        reply: "",
      };
      exchange = entry;
      entries.unshift(entry);
      entries.length = Math.min(entries.length, KEEP);
      try {
        const response = await fetch(url, init);
        entry.status = response.status;
        entry.reply = await response.clone().text();
        return response;
      } finally {
        show();
      }
    };
    try {
      const client = new ProxyClient({ baseUrl: "/api", timeoutMs: TIMEOUT_MS, headers, fetch: fetchAndRecord });
      return { ok: true, value: await fn(client), exchange };
    } catch (error) {
      return { ok: false, error, exchange };
    }
  }

  return { call };
}

/**
 * An error as the page shows it: the HTTP status of the exchange, and the code, path and message
 * (the path from the MarketsplitError, else from the proxy's own JSON).
 */
export function errorParts(error, exchange) {
  let reply = null;
  try {
    reply = JSON.parse(exchange?.reply ?? "");
  } catch {
    reply = null;
  }
  const body = reply?.error ?? null;
  // A 409 or 422 lists its problems with their paths in `errors`; the first is the one `error` names.
  const listed = Array.isArray(reply?.errors) ? reply.errors.find((e) => e?.code === body?.code) : null;
  const path = error?.path || [body?.path, listed?.path].find((p) => typeof p === "string" && p !== "") || "";
  return {
    status: exchange?.status || null,
    code: error?.code ?? body?.code ?? "ERROR",
    path,
    message: error?.message ?? String(error),
    idempotencyKey: typeof error?.idempotencyKey === "string" ? error.idempotencyKey : null,
  };
}

/** `<p>` lines for an error: status, code, path, message. */
export function errorView(parts) {
  return h(
    "div",
    { class: "error-parts" },
    h(
      "p",
      {},
      parts.status ? h("strong", { "data-field": "status" }, `HTTP ${parts.status}`) : "",
      " ",
      h("code", { "data-field": "code" }, parts.code),
      parts.path ? [" at ", h("code", { "data-field": "path" }, parts.path)] : "",
    ),
    h("p", { "data-field": "message" }, parts.message),
  );
}
