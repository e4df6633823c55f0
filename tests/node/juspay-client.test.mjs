// JuspayClient against the simulator: the exact requests it puts on the wire (GATEWAYS.md), the
// camelCase replies, and the checks that stop a bad request before anything is sent.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { toPaise } from "../sim/paise.mjs";
import { JUSPAY, SPLIT_INPUT, lib, rejection, startWorld } from "./helpers.mjs";

let world;
before(async () => {
  world = await startWorld();
});
after(() => world.close());

const SPLIT_KEY = "metadata.split_settlement_details";
const last = (route) => world.sim.requestsTo(route).at(-1);

describe("JuspayClient.createOrder", () => {
  it("sends a form-encoded POST /orders with Basic auth of API_KEY:, x-merchantid and version", async () => {
    const reply = await world.juspay.createOrder({ orderId: "ord_wire_1", amount: "100", returnUrl: "https://shop.example/done" });
    const req = last("juspay.createOrder");
    assert.equal(req.method, "POST");
    assert.equal(req.path, "/orders");
    assert.equal(req.headers.authorization, `Basic ${Buffer.from(`${JUSPAY.apiKey}:`).toString("base64")}`);
    assert.equal(req.headers["x-merchantid"], JUSPAY.merchantId);
    assert.equal(req.headers.version, "2019-05-07");
    assert.match(req.headers["content-type"], /^application\/x-www-form-urlencoded/);
    assert.equal(req.fields.order_id, "ord_wire_1");
    assert.equal(toPaise(req.fields.amount), 10000);
    assert.equal(req.fields.return_url, "https://shop.example/done");
    assert.equal(req.fields[SPLIT_KEY], undefined, "no split was asked for");

    const order = world.sim.state.juspay.orders.get("ord_wire_1");
    assert.deepEqual(reply, {
      id: order.id, orderId: "ord_wire_1", status: "CREATED", statusId: 1, paymentLinks: order.paymentLinks,
    });
  });

  it("sends a split as the flat metadata.split_settlement_details key holding its JSON text", async () => {
    const split = { ...SPLIT_INPUT, vendors: [{ subMid: "V1", amount: "50.00", commission: { percent: "10", taxPercent: "18" } }, SPLIT_INPUT.vendors[1]] };
    await world.juspay.createOrder({ orderId: "ord_split_1", amount: "100.00", split });
    const req = last("juspay.createOrder");
    assert.match(req.body, /(^|&)metadata\.split_settlement_details=/, "the key is literal, not nested or bracketed");
    assert.deepEqual(JSON.parse(req.fields[SPLIT_KEY]), {
      mdr_borne_by: "ALL",
      marketplace: { amount: 25.9 },
      vendor: { split: [
        { sub_mid: "V1", amount: 44.1, merchant_commission: 5.9 },
        { sub_mid: "V2", amount: 30, merchant_commission: 0 },
      ] },
    });
  });

  it("accepts the split as a SplitPlan or as split_settlement_details and sends the same details", async () => {
    const plan = lib.calculateSplit(SPLIT_INPUT);
    await world.juspay.createOrder({ orderId: "ord_plan", amount: "100.00", split: plan });
    const fromPlan = JSON.parse(last("juspay.createOrder").fields[SPLIT_KEY]);
    await world.juspay.createOrder({ orderId: "ord_details", amount: "100.00", split: plan.splitSettlementDetails });
    const fromDetails = JSON.parse(last("juspay.createOrder").fields[SPLIT_KEY]);
    const expected = {
      mdr_borne_by: "ALL",
      marketplace: { amount: 20 },
      vendor: { split: [{ sub_mid: "V1", amount: 50, merchant_commission: 0 }, { sub_mid: "V2", amount: 30, merchant_commission: 0 }] },
    };
    assert.deepEqual(fromPlan, expected);
    assert.deepEqual(fromDetails, expected);
  });

  it("refuses a split that does not sum to the order before sending anything", async () => {
    const before = world.sim.requests.length;
    const err = await rejection(world.juspay.createOrder({
      orderId: "ord_bad_split", amount: "100.00",
      split: { ...SPLIT_INPUT, orderAmount: "100.00", vendors: [{ subMid: "V1", amount: "50.00" }, { subMid: "V2", amount: "20.00" }] },
    }));
    assert.ok(err instanceof lib.MarketsplitError);
    assert.equal(err.code, "SUM_MISMATCH");
    const details = { mdr_borne_by: "ALL", marketplace: { amount: 20 }, vendor: { split: [{ sub_mid: "V1", amount: 90, merchant_commission: 0 }] } };
    const err2 = await rejection(world.juspay.createOrder({ orderId: "ord_bad_split", amount: "100.00", split: details }));
    assert.equal(err2.code, "SUM_MISMATCH");
    assert.equal(world.sim.requests.length, before, "nothing reached the gateway");
  });

  it("refuses a return URL with query parameters or that is not http(s)", async () => {
    const before = world.sim.requests.length;
    for (const returnUrl of ["https://shop.example/done?x=1", "ftp://shop.example/", "/relative"]) {
      const err = await rejection(world.juspay.createOrder({ orderId: "ord_url", amount: "10", returnUrl }));
      assert.equal(err.code, "INVALID_RETURN_URL", returnUrl);
    }
    assert.equal(world.sim.requests.length, before);
  });

  it("returns the current status when the order id already exists", async () => {
    await world.juspay.createOrder({ orderId: "ord_again", amount: "10" });
    world.sim.juspay.setStatus("ord_again", "CHARGED");
    const again = await world.juspay.createOrder({ orderId: "ord_again", amount: "10" });
    assert.equal(again.orderId, "ord_again");
    assert.equal(again.status, "CHARGED");
    assert.equal(again.statusId, 21);
    assert.equal(again.id, world.sim.state.juspay.orders.get("ord_again").id);
  });
});

describe("JuspayClient.orderStatus", () => {
  it("sends GET /orders/:id with the same headers and maps the reply to camelCase", async () => {
    await world.juspay.createOrder({ orderId: "ord/status 1", amount: "10" });
    world.sim.juspay.setStatus("ord/status 1", "PENDING_VBV");
    const status = await world.juspay.orderStatus("ord/status 1");
    const req = last("juspay.orderStatus");
    assert.equal(req.method, "GET");
    assert.equal(req.path, "/orders/ord%2Fstatus%201", "the id is one encoded path segment");
    assert.equal(req.headers.authorization, `Basic ${Buffer.from(`${JUSPAY.apiKey}:`).toString("base64")}`);
    assert.equal(req.headers["x-merchantid"], JUSPAY.merchantId);
    assert.equal(status.orderId, "ord/status 1");
    assert.equal(status.status, "PENDING_VBV");
    assert.equal(status.statusId, 23);
    assert.equal(status.id, world.sim.state.juspay.orders.get("ord/status 1").id);
  });
});

describe("JuspayClient.refund", () => {
  before(async () => {
    await world.juspay.createOrder({ orderId: "ord_refund", amount: "100.00", split: SPLIT_INPUT });
    world.sim.juspay.setStatus("ord_refund", "CHARGED");
  });

  it("sends unique_request_id, amount and the refund split as Juspay documents it", async () => {
    await world.juspay.refund("ord_refund", {
      uniqueRequestId: "rf1", amount: "10",
      split: { marketplace: "2", vendors: [{ subMid: "V1", amount: "5" }, { subMid: "V2", amount: "3" }] },
    });
    const req = last("juspay.refund");
    assert.equal(req.method, "POST");
    assert.equal(req.path, "/orders/ord_refund/refunds");
    assert.match(req.headers["content-type"], /^application\/x-www-form-urlencoded/);
    assert.equal(req.fields.unique_request_id, "rf1");
    assert.equal(toPaise(req.fields.amount), 1000);
    assert.deepEqual(JSON.parse(req.fields[SPLIT_KEY]), {
      marketplace: { refund_amount: 2 },
      vendor: { split: [{ sub_mid: "V1", refund_amount: 5 }, { sub_mid: "V2", refund_amount: 3 }] },
    });
    assert.equal(world.sim.state.juspay.orders.get("ord_refund").refunds.length, 1);
  });

  it("generates a fresh unique_request_id when none is given", async () => {
    await world.juspay.refund("ord_refund", { amount: "1" });
    await world.juspay.refund("ord_refund", { amount: "1" });
    const [a, b] = world.sim.requestsTo("juspay.refund").slice(-2).map((r) => r.fields.unique_request_id);
    assert.ok(a && b, "both carry an idempotency key");
    assert.notEqual(a, b);
    assert.equal(world.sim.state.juspay.orders.get("ord_refund").refunds.length, 3);
  });

  it("refuses a refund split that does not sum to the refund, before sending", async () => {
    const before = world.sim.requests.length;
    const err = await rejection(world.juspay.refund("ord_refund", {
      amount: "10", split: { marketplace: "1", vendors: [{ subMid: "V1", amount: "5" }] },
    }));
    assert.equal(err.code, "SUM_MISMATCH");
    assert.equal(world.sim.requests.length, before);
  });

  it("passes on the gateway's refusal without the API key it may quote", async () => {
    world.sim.faults.inject("juspay.refund", {
      status: 400,
      body: { status: "error", error_code: "BAD_REQUEST", error_message: `Refund refused for key ${JUSPAY.apiKey}` },
    });
    const err = await rejection(world.juspay.refund("ord_refund", { amount: "1" }));
    assert.ok(err instanceof lib.MarketsplitError);
    assert.match(err.message, /Refund refused/);
    assert.ok(!err.message.includes(JUSPAY.apiKey), err.message);
  });
});
