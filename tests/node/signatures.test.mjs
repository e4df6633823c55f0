// The two signature checks against vectors computed here with node's crypto, following the
// algorithms of GATEWAYS.md step by step, so the Rust code is checked against an independent
// implementation rather than against itself.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { lib } from "./helpers.mjs";

describe("verifyInstamojoWebhook", () => {
  const SALT = "im_webhook_salt_4f1e";
  const fields = {
    amount: "499.50",
    buyer: "asha@example.test",
    buyer_name: "Asha K",
    buyer_phone: "+919876543210",
    currency: "INR",
    fees: "9.49",
    longurl: "https://www.instamojo.com/@shop/l3f2a1/",
    payment_id: "MOJO5a06005J21512345",
    payment_request_id: "d66cb29dd059482e8072999f995c4eef",
    purpose: "Order #42 (2 items)",
    shorturl: "",
    status: "Credit",
    Buyer_Note: "ring twice | back door",
  };
  /** GATEWAYS.md: drop mac, sort by key case-insensitively, join values with |, HMAC-SHA1, hex. */
  const byBytes = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const macOf = (data, salt = SALT, compare = (a, b) => byBytes(a.toLowerCase(), b.toLowerCase())) => {
    const keys = Object.keys(data).filter((k) => k !== "mac").sort(compare);
    return createHmac("sha1", salt).update(keys.map((k) => data[k]).join("|")).digest("hex");
  };
  const signed = { ...fields, mac: macOf(fields) };

  it("accepts the posted fields as an object, URLSearchParams or the raw form body", () => {
    assert.equal(lib.verifyInstamojoWebhook(signed, SALT), true);
    const params = new URLSearchParams(signed);
    assert.equal(lib.verifyInstamojoWebhook(params, SALT), true);
    const raw = params.toString();
    assert.match(raw, /Asha\+K/, "the raw body has form encoding to undo");
    assert.equal(lib.verifyInstamojoWebhook(raw, SALT), true);
  });

  it("refuses a changed field, an added field, a wrong salt or a missing mac", () => {
    assert.equal(lib.verifyInstamojoWebhook({ ...signed, amount: "4995.00" }, SALT), false);
    assert.equal(lib.verifyInstamojoWebhook({ ...signed, extra: "x" }, SALT), false);
    assert.equal(lib.verifyInstamojoWebhook(signed, "another_salt"), false);
    assert.equal(lib.verifyInstamojoWebhook(fields, SALT), false);
    assert.equal(lib.verifyInstamojoWebhook({ ...signed, mac: "" }, SALT), false);
  });

  it("sorts keys case-insensitively: a mac over a case-sensitive order is refused", () => {
    const caseSensitive = macOf(fields, SALT, byBytes);
    assert.notEqual(caseSensitive, signed.mac, "the vector must tell the two orders apart");
    assert.equal(lib.verifyInstamojoWebhook({ ...fields, mac: caseSensitive }, SALT), false);
  });
});

describe("verifyJuspaySignature", () => {
  const KEY = "jp_response_key_91c0";
  /**
   * Java's URLEncoder, written out by hand (GATEWAYS.md): letters, digits and `.-*_` kept, a space
   * as `+`, every other byte of the UTF-8 text as `%XX`. Not URLSearchParams, so that the library's
   * encoder is checked against an independent one.
   */
  const formEncode = (text) => {
    let out = "";
    for (const byte of Buffer.from(text, "utf8")) {
      const c = String.fromCharCode(byte);
      if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
      else if (c === " ") out += "+";
      else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return out;
  };
  /** GATEWAYS.md: drop signature(_algorithm), sort by key, form-encode keys and values, join, form-encode, HMAC-SHA256, base64. */
  const signatureOf = (params, key = KEY, encode = formEncode) => {
    const pairs = Object.entries(params)
      .filter(([k]) => k !== "signature" && k !== "signature_algorithm")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [encode(k), encode(v)]);
    const text = encode(pairs.map(([k, v]) => `${k}=${v}`).join("&"));
    return createHmac("sha256", key).update(text).digest("base64");
  };

  it("accepts Juspay's own published test vector", () => {
    const sample = { order_id: "order_1727694028", status: "AUTHORIZATION_FAILED", status_id: "27", myQP: "aGVsbG9Xb3JsZA==" };
    const key = "92206A0A4A75499C9B11206C2B3B9A53";
    const signature = "8Esx2nrz3KE059rdsTkffYKu6AXXk07KzBo3KOexl3I=";
    assert.equal(signatureOf(sample, key), signature, "the encoder here reproduces Juspay's vector");
    assert.equal(lib.verifyJuspaySignature({ ...sample, signature, signature_algorithm: "HMAC-SHA256" }, key), true);
    const url = new URL("https://shop.example/return");
    for (const [k, v] of Object.entries({ ...sample, signature: encodeURIComponent(signature) })) url.searchParams.set(k, v);
    assert.equal(lib.verifyJuspaySignature(url.searchParams, key), true);
  });

  it("signs form-encoded text where it differs from encodeURIComponent: a space, ~, ( and )", () => {
    const params = { order_id: "o~1", status: "AUTHORIZATION_FAILED", status_id: "27", udf1: "gift (2 items)" };
    const key = "92206A0A4A75499C9B11206C2B3B9A53";
    const signature = signatureOf(params, key);
    // The same value the Rust test (tests/signatures.rs) checks with the hmac crate.
    assert.equal(signature, "UrKZcJU8QxLl/3tiQnMXZg0FBIA3vJAgoJfCtNEppyI=");
    assert.equal(lib.verifyJuspaySignature({ ...params, signature }, key), true);
    const uriComponent = signatureOf(params, key, encodeURIComponent);
    assert.notEqual(uriComponent, signature, "the vector tells the two encodings apart");
    assert.equal(lib.verifyJuspaySignature({ ...params, signature: uriComponent }, key), false);
  });
  // A vector whose signature has '+' and '/' in it, so every way of mangling its encoding shows.
  const params = (() => {
    for (let i = 0; ; i++) {
      const p = { order_id: `ord-7/A${i}`, status: "CHARGED", status_id: "21", customer_id: "cust@shop" };
      const signature = signatureOf(p);
      if (signature.includes("+") && signature.includes("/")) return { ...p, signature, signature_algorithm: "HMAC-SHA256" };
    }
  })();

  it("accepts the return URL's parameters as an object or URLSearchParams", () => {
    assert.equal(lib.verifyJuspaySignature(params, KEY), true);
    const query = Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
    assert.equal(lib.verifyJuspaySignature(new URLSearchParams(query), KEY), true);
  });

  it("accepts a signature still percent-encoded once, as the docs' double-encoded example arrives", () => {
    const url = new URL("https://shop.example/return");
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, k === "signature" ? encodeURIComponent(v) : v);
    assert.match(url.search, /signature=[^&]*%25(3D|2B|2F)/, "double-encoded on the wire");
    assert.equal(lib.verifyJuspaySignature(url.searchParams, KEY), true);
    assert.equal(lib.verifyJuspaySignature({ ...params, signature: encodeURIComponent(params.signature) }, KEY), true);
  });

  it("does not depend on signature_algorithm being present", () => {
    const { signature_algorithm, ...withoutAlgorithm } = params;
    assert.equal(lib.verifyJuspaySignature(withoutAlgorithm, KEY), true);
  });

  it("refuses a changed parameter, a wrong key, a mangled or missing signature", () => {
    assert.equal(lib.verifyJuspaySignature({ ...params, status: "AUTHORIZATION_FAILED" }, KEY), false);
    assert.equal(lib.verifyJuspaySignature({ ...params, amount: "1.00" }, KEY), false);
    assert.equal(lib.verifyJuspaySignature(params, "another_key"), false);
    const flipped = (params.signature[0] === "A" ? "B" : "A") + params.signature.slice(1);
    assert.equal(lib.verifyJuspaySignature({ ...params, signature: flipped }, KEY), false);
    const { signature, ...unsigned } = params;
    assert.equal(lib.verifyJuspaySignature(unsigned, KEY), false);
  });
});
