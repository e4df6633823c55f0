// Review of issue 9 (branch r9): createOrder on an order id Juspay already has. Juspay answers an
// existing order_id with that order's status instead of creating another; the client refuses one
// of another amount (ORDER_CONFLICT) but compares nothing else, so an order created earlier with
// another split is answered 200 and the buyer is sent to pay an order whose money goes to other
// parties than the shop's record says. Through a real server and ProxyClient, the simulator's own
// record of the order showing what Juspay would settle.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { serveFetch } from "../../scripts/lib/fetch-server.mjs";
import { toPaise } from "../sim/paise.mjs";
import { lib, startWorld } from "./helpers.mjs";

let world;
let server;
before(async () => {
  world = await startWorld();
  server = await serveFetch(world.proxy);
});
after(async () => {
  await server.close();
  await world.close();
});

/** Who a split_settlement_details pays, in paise, as the simulator keeps an order's split. */
function payees(details) {
  return {
    marketplace: toPaise(details.marketplace.amount),
    vendors: new Map(details.vendor.split.map((v) => [v.sub_mid, toPaise(v.amount)])),
  };
}

describe("createOrder on an order id the gateway already has", () => {
  it("never answers 200 for an existing order that settles other amounts to other parties than the record (ORDER_CONFLICT)", async () => {
    const buyer = new lib.ProxyClient({ baseUrl: server.url });
    world.shop.addCart("exist_1", { items: { V1: "600.00", V2: "400.00" } });
    await buyer.juspay.createOrder({ orderId: "exist_1" });
    // Before paying, the cart changes to the same total with the sellers' shares the other way
    // round (items swapped between sellers; a buyer colluding with V1 can do it on purpose). The
    // shop's record, priced by its own rules, now pays V2 more than V1.
    const record = world.shop.addCart("exist_1", { items: { V1: "400.00", V2: "600.00" } });
    let answer;
    try {
      answer = await buyer.juspay.createOrder({ orderId: "exist_1", amount: record.amount, split: record.split });
    } catch (err) {
      assert.ok(err instanceof lib.MarketsplitError, String(err));
      assert.equal(err.code, "ORDER_CONFLICT", err.message);
      return;
    }
    // A 200 sends the buyer to answer.paymentLinks.web: the order behind it must be the record's.
    const atGateway = world.sim.state.juspay.orders.get("exist_1");
    assert.deepEqual(
      atGateway.split,
      payees(record.split.splitSettlementDetails),
      `answered 200 (${answer.status}) with an order that settles ${JSON.stringify([...atGateway.split.vendors])} ` +
        `where the record settles ${JSON.stringify(record.split.splitSettlementDetails.vendor.split)}`,
    );
  });

  it("answers a browser's createOrder with { id, orderId, status, statusId, paymentLinks } only, not the existing order's details", async () => {
    // API.md: ProxyClient's createOrder → { id, orderId, status, statusId, paymentLinks }. On an
    // existing order Juspay answers with the whole order status (customer, amounts, refunds, and
    // at Juspay the payment method too); the proxy passes all of it to whoever names the order id.
    const record = world.shop.addCart("exist_2", { items: { V1: "600.00", V2: "400.00" } });
    world.shop.orders.set("exist_2", { ...record, customer: { id: "cust_exist_2", email: "asha@example.test", phone: "9000000002" } });
    const shopper = new lib.ProxyClient({ baseUrl: server.url });
    await shopper.juspay.createOrder({ orderId: "exist_2" });
    world.sim.juspay.setStatus("exist_2", "CHARGED");
    await world.juspay.refund("exist_2", { amount: "100.00", uniqueRequestId: "exist2r1" });
    const anyone = new lib.ProxyClient({ baseUrl: server.url });
    const answer = await anyone.juspay.createOrder({ orderId: "exist_2" });
    assert.deepEqual(Object.keys(answer).sort(), ["id", "orderId", "paymentLinks", "status", "statusId"], JSON.stringify(answer));
  });
});
