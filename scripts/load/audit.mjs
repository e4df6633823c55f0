// Reconciles what the load generator saw (every id it sent, every reply it got) with what the
// simulator holds (what it applied, and every call the proxy made to it). The checks are the
// promises a caller relies on: a 200 means applied exactly once; nothing is applied twice; every
// write the proxy sends, retries included, carries its idempotency key.

export function toPaise(text) {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(text));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const countBy = (items, keyOf) => {
  const counts = new Map();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

const sample = (items, n = 5) => [...items].slice(0, n);

function faultKind(fault) {
  if (!fault) return null;
  if (fault.drop) return fault.delay ? `drop after ${fault.delay} ms` : 'drop';
  if (fault.status) return fault.delay ? `${fault.status} after ${fault.delay} ms` : `${fault.status}`;
  return `delay ${fault.delay} ms`;
}

/** What the proxy's replies were: by status, and by status and error code. */
export function replySummary(sent, replies) {
  const byStatus = {};
  const byError = {};
  for (const reply of replies.values()) {
    byStatus[reply.status] = (byStatus[reply.status] ?? 0) + 1;
    if (reply.status !== 200) {
      const key = `${reply.status} ${reply.code ?? '(no code)'}`;
      byError[key] = (byError[key] ?? 0) + 1;
    }
  }
  return { sent: sent.size, replied: replies.size, noReply: sent.size - replies.size, byStatus, byError };
}

/** How the proxy called the simulator for one route: keys, retries, faults met. */
function callSummary(calls) {
  const keyless = calls.filter((c) => !c.key).length;
  const perKey = countBy(calls.filter((c) => c.key), (c) => c.key);
  const attempts = [...perKey.values()];
  const faults = {};
  for (const c of calls) {
    const kind = faultKind(c.fault);
    if (kind) faults[kind] = (faults[kind] ?? 0) + 1;
  }
  return {
    calls: calls.length,
    keyless,
    distinctKeys: perKey.size,
    keysRetried: attempts.filter((n) => n > 1).length,
    maxAttemptsPerKey: attempts.length ? Math.max(...attempts) : 0,
    faultsMet: faults,
  };
}

function check(name, ok, detail) {
  return { name, ok, detail };
}

/**
 * Orders: `sent` (Map orderId -> { amount }), `replies` (Map orderId -> { status, code, bodyId }),
 * `plan` (the split marketsplit computes for the order, in paise), `sim` (stack.mjs's audit).
 */
export function auditOrders({ sent, replies, plan }, sim) {
  const atSim = new Map(sim.orders.map((o) => [o.orderId, o]));
  const ok = [...replies].filter(([, r]) => r.status === 200).map(([id]) => id);
  const failed = [...replies].filter(([, r]) => r.status !== 200).map(([id]) => id);
  const unanswered = [...sent.keys()].filter((id) => !replies.has(id));
  const lost = ok.filter((id) => !atSim.has(id));
  const foreign = [...atSim.keys()].filter((id) => !sent.has(id));
  const wrongReplyId = ok.filter((id) => replies.get(id).bodyId !== id);
  const wrongAmount = [...atSim.values()].filter((o) => sent.has(o.orderId) && o.amount !== toPaise(sent.get(o.orderId).amount));
  const wrongSplit = [...atSim.values()].filter((o) => {
    if (!o.split) return true;
    if (o.split.marketplace !== plan.marketplace) return true;
    const vendors = Object.entries(o.split.vendors);
    return vendors.length !== Object.keys(plan.vendors).length || vendors.some(([sub, paise]) => plan.vendors[sub] !== paise);
  });
  const calls = callSummary(sim.calls.filter((c) => c.route === 'juspay.createOrder'));
  const checks = [
    check('every 200 is an order at the gateway', lost.length === 0, { lost: lost.length, sample: sample(lost) }),
    check('the gateway holds no order the load did not send', foreign.length === 0, { foreign: foreign.length, sample: sample(foreign) }),
    check('every 200 names the order that was sent', wrongReplyId.length === 0, { mismatched: wrongReplyId.length }),
    check('every order has the amount sent', wrongAmount.length === 0, { wrong: wrongAmount.length }),
    check("every order carries marketsplit's split", wrongSplit.length === 0, { wrong: wrongSplit.length }),
    check('every create-order call carries its order_id', calls.keyless === 0, { keyless: calls.keyless }),
    check('the load got at least one 200', ok.length > 0, { ok: ok.length }),
  ];
  return {
    replies: replySummary(sent, replies),
    gateway: {
      orders: atSim.size,
      ordersFromThisLoad: [...atSim.keys()].filter((id) => sent.has(id)).length,
      appliedAfterErrorReply: failed.filter((id) => atSim.has(id)).length,
      errorReplyNotApplied: failed.filter((id) => !atSim.has(id)).length,
      appliedWithoutReply: unanswered.filter((id) => atSim.has(id)).length,
      calls,
    },
    checks,
  };
}

/**
 * Settlements: `sent` (Map settlementId -> { paymentId, subMerchantId, amount }), `replies`
 * (Map settlementId -> { status, code }), `sim` (stack.mjs's audit).
 */
export function auditSettlements({ sent, replies }, sim) {
  const applied = sim.payments.flatMap((p) => p.settlements.map((s) => ({ ...s, paymentId: p.id })));
  const appliedCount = countBy(applied, (s) => s.id);
  const twice = [...appliedCount].filter(([, n]) => n > 1).map(([id]) => id);
  const foreign = [...appliedCount.keys()].filter((id) => !sent.has(id));
  const ok = [...replies].filter(([, r]) => r.status === 200).map(([id]) => id);
  const failed = [...replies].filter(([, r]) => r.status !== 200).map(([id]) => id);
  const unanswered = [...sent.keys()].filter((id) => !replies.has(id));
  const lost = ok.filter((id) => !appliedCount.has(id));
  const wrong = applied.filter((s) => {
    const mine = sent.get(s.id);
    return mine && (mine.paymentId !== s.paymentId || mine.subMerchantId !== s.submerchant ||
      toPaise(mine.amount) !== toPaise(s.amount) || s.type !== 'CREDIT');
  });
  // The simulator's books must agree with its list of settlements: Σ applied amounts per payment
  // equals its recorded credits, and its own counter equals the number applied.
  const booksDisagree = sim.payments.filter((p) => {
    const listed = p.settlements.reduce((sum, s) => sum + toPaise(s.amount), 0);
    const booked = Object.values(p.credits).reduce((sum, v) => sum + v, 0);
    return listed !== booked;
  });
  const calls = callSummary(sim.calls.filter((c) => c.route === 'instamojo.settle'));
  const expectedTotal = [...appliedCount.keys()].filter((id) => sent.has(id))
    .reduce((sum, id) => sum + toPaise(sent.get(id).amount), 0);
  const creditedTotal = sim.payments.reduce((sum, p) => sum + Object.values(p.credits).reduce((a, v) => a + v, 0), 0);
  const checks = [
    check('no settlement id applied twice', twice.length === 0, { twice: twice.length, sample: sample(twice) }),
    check('no settlement applied under an id the load did not send (no regenerated ids)', foreign.length === 0,
      { foreign: foreign.length, sample: sample(foreign) }),
    check('every 200 is exactly one applied settlement', lost.length === 0, { lost: lost.length, sample: sample(lost) }),
    check('every applied settlement is the one sent (payment, sub-merchant, amount, CREDIT)', wrong.length === 0,
      { wrong: wrong.length }),
    check('credited total at the gateway = sum of the applied settlements sent', creditedTotal === expectedTotal,
      { creditedPaise: creditedTotal, expectedPaise: expectedTotal }),
    check("the gateway's books agree with its settlement list and counter",
      booksDisagree.length === 0 && sim.counts.settlementsApplied === applied.length,
      { paymentsDisagreeing: booksDisagree.length, counter: sim.counts.settlementsApplied, listed: applied.length }),
    check('every settlement call (retries included) carries its settlement id', calls.keyless === 0, { keyless: calls.keyless }),
    check('the load got at least one 200', ok.length > 0, { ok: ok.length }),
  ];
  return {
    replies: replySummary(sent, replies),
    gateway: {
      settlementsApplied: applied.length,
      appliedFromThisLoad: applied.filter((s) => sent.has(s.id)).length,
      appliedAfterErrorReply: failed.filter((id) => appliedCount.has(id)).length,
      errorReplyNotApplied: failed.filter((id) => !appliedCount.has(id)).length,
      appliedWithoutReply: unanswered.filter((id) => appliedCount.has(id)).length,
      calls,
    },
    checks,
  };
}

/**
 * The third phase: settlements with hostile requests mixed in. `sent` (Map id -> meta, with
 * `hostile: kind` on the hostile ones), `replies` as above; `before` is the simulator's audit
 * after phase 2 and `sim` the one after phase 3, so what this phase applied is told apart.
 */
export function auditHostile({ sent, replies }, sim, before) {
  const earlier = new Set(before.payments.flatMap((p) => p.settlements.map((s) => s.id)));
  const applied = sim.payments.flatMap((p) => p.settlements.map((s) => ({ ...s, paymentId: p.id })));
  const appliedNow = applied.filter((s) => !earlier.has(s.id));
  const hostileIds = [...sent].filter(([, m]) => m.hostile).map(([id]) => id);
  const normal = new Map([...sent].filter(([, m]) => !m.hostile));
  const normalReplies = new Map([...replies].filter(([id]) => normal.has(id)));
  const appliedCount = countBy(appliedNow, (s) => s.id);
  const hostileApplied = hostileIds.filter((id) => appliedCount.has(id));
  const foreign = [...appliedCount.keys()].filter((id) => !normal.has(id));
  const twice = [...appliedCount].filter(([, n]) => n > 1).map(([id]) => id);
  const ok = [...normalReplies].filter(([, r]) => r.status === 200).map(([id]) => id);
  const lost = ok.filter((id) => !appliedCount.has(id));
  const wrong = appliedNow.filter((s) => {
    const mine = normal.get(s.id);
    return mine && (mine.paymentId !== s.paymentId || mine.subMerchantId !== s.submerchant ||
      toPaise(mine.amount) !== toPaise(s.amount) || s.type !== 'CREDIT');
  });
  const byKind = {};
  const badStatus = [];
  for (const id of hostileIds) {
    const kind = sent.get(id).hostile;
    const reply = replies.get(id);
    const key = reply ? `${reply.status} ${reply.code ?? ''}`.trim() : 'no reply';
    byKind[kind] = byKind[kind] ?? {};
    byKind[kind][key] = (byKind[kind][key] ?? 0) + 1;
    // A refusal is a 4xx; a 200 would be a hostile body served, a 5xx a crash or an unhandled case.
    if (reply && !(reply.status >= 400 && reply.status < 500)) badStatus.push({ id, kind, status: reply.status, code: reply.code });
  }
  const listed = applied.length;
  const checks = [
    check('no hostile request was applied at the gateway', hostileApplied.length === 0, { applied: hostileApplied.length, sample: sample(hostileApplied) }),
    check('every hostile request that got a reply got a 4xx refusal (no 200, no 5xx)', badStatus.length === 0, { bad: badStatus.length, sample: sample(badStatus) }),
    check('nothing applied in this phase but the normal settlements sent', foreign.length === 0, { foreign: foreign.length, sample: sample(foreign) }),
    check('no settlement id applied twice', twice.length === 0, { twice: twice.length, sample: sample(twice) }),
    check('every 200 is exactly one applied settlement', lost.length === 0, { lost: lost.length, sample: sample(lost) }),
    check('every applied settlement is the one sent (payment, sub-merchant, amount, CREDIT)', wrong.length === 0, { wrong: wrong.length }),
    check("the gateway's counter agrees with its settlement list", sim.counts.settlementsApplied === listed, { counter: sim.counts.settlementsApplied, listed }),
    check('normal traffic got 200s among the hostile requests', ok.length > 0, { ok: ok.length }),
    check('every kind of hostile request was sent', Object.keys(byKind).length >= 5, { kinds: Object.keys(byKind) }),
  ];
  const failed = [...normalReplies].filter(([, r]) => r.status !== 200).map(([id]) => id);
  const unanswered = [...normal.keys()].filter((id) => !replies.has(id));
  return {
    replies: replySummary(sent, replies),
    hostile: { sent: hostileIds.length, byKind },
    gateway: {
      settlementsApplied: appliedNow.length,
      appliedAfterErrorReply: failed.filter((id) => appliedCount.has(id)).length,
      errorReplyNotApplied: failed.filter((id) => !appliedCount.has(id)).length,
      appliedWithoutReply: unanswered.filter((id) => appliedCount.has(id)).length,
      calls: callSummary(sim.calls.slice(before.calls.length).filter((c) => c.route === 'instamojo.settle')),
    },
    checks,
  };
}
