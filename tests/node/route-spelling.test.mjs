// Review of issue 9 (branch r9): the routes are "those of ProxyClient", but the handler also
// serves other spellings of them: it percent-decodes the fixed segments (`%72efunds` is
// `refunds`) and skips empty ones (`/juspay//orders`). A guard in front of the handler that
// matches the path as written (an Express route on `/api/juspay/orders/:id/refunds`, a proxy's
// location rule) does not see those spellings as a refund, yet the handler runs one. Only the id
// segment is the browser's to encode; every other segment must be spelt as ProxyClient spells it.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { callHandler, lib, startWorld } from "./helpers.mjs";

let world;
before(async () => {
  world = await startWorld();
});
after(() => world.close());

describe("a route's fixed segments match only as ProxyClient writes them", () => {
  it("percent-encoded letters or empty segments in a back-office route are 404 NOT_FOUND, and authorize is never asked", async () => {
    const asked = [];
    const handler = lib.createProxyHandler({
      juspay: world.juspay, instamojo: world.instamojo, order: world.shop.order,
      authorize: async (request, operation) => {
        asked.push(`${operation} ${new URL(request.url).pathname}`);
        return false;
      },
    });
    const body = { amount: "1.00", uniqueRequestId: "route1", transactionId: "route1", type: "RFD", body: "x" };
    // As ProxyClient writes it, the route is found (and refused here by authorize).
    assert.equal((await callHandler(handler, "POST", "/juspay/orders/o%2F1/refunds", body)).status, 403);
    assert.deepEqual(asked.splice(0), ["juspay.refund /juspay/orders/o%2F1/refunds"]);
    for (const spelling of [
      "/juspay/orders/o1/%72efunds",
      "/%6Auspay/orders/o1/refunds",
      "/juspay//orders/o1/refunds",
      "/juspay/orders/o1//refunds",
      "/instamojo/payments/p1/%66ulfil",
      "/instamojo/payments/p1/%72efunds",
    ]) {
      const reply = await callHandler(handler, "POST", spelling, body);
      assert.equal(`${reply.status} ${reply.json?.error?.code}`, "404 NOT_FOUND", `${spelling}: ${reply.text}`);
    }
    assert.deepEqual(asked, [], "authorize was asked about a path it may not recognise as a back-office route");
  });
});
