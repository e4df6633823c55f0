// Reading requests and writing replies, shared by the two gateways.

import { randomBytes } from "node:crypto";

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The body as flat fields: form-encoded as both gateways document, JSON accepted too. */
export function parseFields(contentType, text) {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (text === "") return {};
  if (type === "application/x-www-form-urlencoded") {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (type === "application/json") {
    try {
      const value = JSON.parse(text);
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch {
      return null;
    }
  }
  return null;
}

export function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** A reply as route handlers return it. */
export const reply = (status, body) => ({ status, body });

export function randomId(prefix, bytes = 8) {
  return `${prefix}${randomBytes(bytes).toString("hex")}`;
}

/** Present and non-empty text, or null. */
export function text(value) {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}
