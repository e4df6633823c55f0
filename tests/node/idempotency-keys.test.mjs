// Review of issue 9 (branch r9): the idempotency keys themselves. A key is what makes a retry
// safe, so two different keys must never become one, and a key must be one the gateway takes as
// given. Juspay's refund docs ("Refund Order API", docs.juspay.io): "The length of the
// unique_request_id should be less than 21 characters and alphanumeric" (ProxyClient's own
// newKey() cites it). Through a real server and ProxyClient; the simulator's record shows what
// reached the gateway.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { lib, rejection, startWorld } from "./helpers.mjs";

let world;
let server;
let operator;
before(async () => {
  world = await startWorld();
  server = await serveFetch(world.proxy);
  operator = new lib.ProxyClient({ baseUrl: server.url, headers: world.operator });
});
after(async () => {
  await server.close();
  await world.close();
});

async function chargedOrder(id) {
  await world.juspay.createOrder({ orderId: id, amount: "1000.00" });
  world.sim.juspay.setStatus(id, "CHARGED");
}

/** The refunds that reached the gateway from here on. */
function refundLog() {
  const since = world.sim.requests.length;
  return () => world.sim.requests.slice(since).filter((r) => r.route === "juspay.refund");
}

const JUSPAY_KEY = /^[A-Za-z0-9]{1,20}$/;

describe("Juspay's unique_request_id: fewer than 21 characters, alphanumeric", () => {
  it("JuspayClient.refund makes one Juspay takes when the caller gives none (not a 36-character UUID)", async () => {
    await chargedOrder("key_1");
    const log = refundLog();
    await world.juspay.refund("key_1", { amount: "10.00" });
    const [sent] = log();
    assert.match(sent.fields.unique_request_id, JUSPAY_KEY);
  });

  it("the proxy refuses a key Juspay's docs do not take (21 characters or more) before anything is sent, at uniqueRequestId", async () => {
    await chargedOrder("key_2");
    const log = refundLog();
    for (const key of ["k".repeat(21), "k".repeat(4000)]) {
      const err = await rejection(operator.juspay.refund("key_2", { amount: "10.00", uniqueRequestId: key }));
      assert.ok(err instanceof lib.MarketsplitError, String(err));
      assert.equal(err.path, "uniqueRequestId", `${err.code}: ${err.message}`);
      assert.equal(err.idempotencyKey, key);
    }
    assert.deepEqual(log(), [], "a key Juspay may cut short or refuse reached the gateway");
  });
});

describe("two different keys or ids never become one (lone surrogates)", () => {
  it("a refund whose key holds a lone surrogate is refused with INVALID_TYPE at uniqueRequestId, never answered as done without refunding", async () => {
    await chargedOrder("key_3");
    const log = refundLog();
    // ProxyClient sends JSON.stringify's text: "r\ud800" and "r\udbff" as their \u escapes. Read as
    // U+FFFD both are the key "r\ufffd": the second refund is then "a duplicate" of the first and is
    // answered 200 although Juspay refunded nothing for it.
    const outcomes = [];
    for (const key of ["r\ud800", "r\udbff"]) {
      try {
        await operator.juspay.refund("key_3", { amount: "10.00", uniqueRequestId: key });
        outcomes.push("resolved");
      } catch (err) {
        outcomes.push(`${err.code} at ${err.path}`);
      }
    }
    const refunds = world.sim.state.juspay.orders.get("key_3").refunds;
    assert.deepEqual(
      outcomes,
      ["INVALID_TYPE at uniqueRequestId", "INVALID_TYPE at uniqueRequestId"],
      `gateway refunds: ${JSON.stringify(refunds.map((r) => [r.uniqueRequestId, r.amount]))}`,
    );
    assert.deepEqual(log(), []);
  });

  it("a checkout orderId that holds a lone surrogate is refused with INVALID_TYPE at orderId before the order hook is asked", async () => {
    world.shop.addCart("o\ufffd", { items: { V1: "600.00", V2: "400.00" } });
    const asked = world.shop.asked.length;
    const buyer = new lib.ProxyClient({ baseUrl: server.url });
    const err = await rejection(buyer.juspay.createOrder({ orderId: "o\ud800" }));
    assert.equal(`${err.code} at ${err.path}`, "INVALID_TYPE at orderId", err.message);
    assert.deepEqual(world.shop.asked.slice(asked), [], "the order hook was asked about another id than the browser sent");
    assert.equal(world.sim.state.juspay.orders.has("o\ufffd"), false);
  });
});
