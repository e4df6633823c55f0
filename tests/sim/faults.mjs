// Per-route fault injection: the next N requests to a route are delayed, answered with a status,
// or have their connection dropped. Routes are named (see ROUTES in simulator.mjs); "*" is any.

export function createFaults() {
  const queue = [];

  return {
    /**
     * inject(route, { status?, body?, delay?, drop?, times = 1 }).
     * `body` may be a function of the recorded request, so a fault can echo what the client sent
     * (a hostile gateway quoting a token back), which is how redaction is tested.
     */
    inject(route, { status, body, delay = 0, drop = false, times = 1 } = {}) {
      if (!status && !delay && !drop) throw new Error("a fault needs status, delay or drop");
      const fault = { route, status, body, delay, drop, remaining: times, hits: 0 };
      queue.push(fault);
      return fault;
    },

    /** The fault that applies to this request, if any, counting it as used. */
    take(route) {
      const fault = queue.find((f) => f.remaining > 0 && (f.route === route || f.route === "*"));
      if (!fault) return null;
      fault.remaining -= 1;
      fault.hits += 1;
      return fault;
    },

    clear() {
      queue.length = 0;
    },

    get pending() {
      return queue.filter((f) => f.remaining > 0);
    },
  };
}

/** The body a faulted reply carries when the fault gives none, shaped like each gateway's errors;
 * with a 2xx status, the error a gateway reports inside a successful reply. */
export function defaultFaultBody(route, status) {
  if (status < 300) {
    return route.startsWith("juspay.")
      ? { status: "ERROR", error_code: "invalid_request_error", error_message: "The request was refused." }
      : { success: false, message: "The request was refused." };
  }
  const message = status >= 500 ? "Internal server error" : status === 401 ? "Unauthorized" : `Error ${status}`;
  return route.startsWith("juspay.")
    ? { status: "error", error_code: `HTTP_${status}`, error_message: message }
    : { success: false, message };
}
