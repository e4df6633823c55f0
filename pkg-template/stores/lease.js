// What the two stores share: an owner token for each lease, and waiting for a held lease with a
// bounded backoff. Plain JS with no imports (scripts/lib/stores-cjs.mjs makes the Node copies).

/** A random owner token: only the caller that took a lease can renew or release it. */
export function ownerToken() {
  const bytes = new Uint8Array(16);
  const crypto = globalThis.crypto;
  if (crypto && typeof crypto.getRandomValues === "function") {
    crypto.getRandomValues(bytes);
  } else {
    // Node 18 without the global `crypto`: uniqueness is what matters here, not secrecy (the
    // token only tells this caller's lease from another's).
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Calls `attempt()` until it takes the lease (resolves truthy), sleeping 5 ms, 10 ms, … doubling
 * up to 100 ms between attempts (with jitter, so waiting processes do not move in step), for at
 * most `waitMs`; then rejects.
 */
export async function waitForLease(attempt, key, waitMs) {
  const deadline = Date.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    if (await attempt()) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`the lease on ${JSON.stringify(key)} was still held after ${waitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, pause / 2 + Math.random() * pause)));
  }
}

/** `waitMs` as given, or the default: a positive finite number of milliseconds. */
export function waitOption(value, who) {
  if (value === undefined) return 30_000;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${who}: waitMs must be a positive number of milliseconds`);
  }
  return value;
}
