// The hostile requests of the load test's third phase, mixed into normal settlement traffic:
// what an attacker in the browser (or a broken client) sends the proxy. Each keeps the settlement
// id of the request it replaces, so the audit can prove that none of them was applied.

/** Which requests of ten (by sequence number modulo 10) are hostile. */
export const HOSTILE_EVERY = [2, 5, 8];

const deep = (n, inner) => '{"a":'.repeat(n) + inner + '}'.repeat(n);
const wide = (n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;

// kind -> the request's text (and headers), from the settlement it stands in for.
const KINDS = [
  // 100 KB, over the 64 KiB default limit: 413 from its Content-Length.
  ['oversized', (s) => ({ text: JSON.stringify({ ...s, pad: 'x'.repeat(100_000) }) })],
  // Nested far past the parser's limit of 64.
  ['deep', (s) => ({ text: JSON.stringify(s).slice(0, -1) + ',"pad":' + deep(5000, '1') + '}' })],
  // A wide object of distinct keys (50 KB, under the limit) where the amount goes.
  ['wide', (s) => ({ text: JSON.stringify({ ...s, amount: 'WIDE' }).replace('"WIDE"', wide(5000)) })],
  // The sub-merchant as a lone surrogate escape: read as U+FFFD it would settle to another id.
  ['lone surrogate', (s) => ({ text: JSON.stringify({ ...s, subMerchantId: 'SURROGATE' }).replace('SURROGATE', '\\ud800') })],
  // Keys that mean something to JS objects, an amount that is an object with toString/valueOf.
  ['getter-shaped', (s) => ({
    text: `{"__proto__":{"amount":"1.00","type":"CREDIT"},"constructor":{"prototype":{"id":"x"}},"id":${JSON.stringify(s.id)},` +
      `"type":"CREDIT","subMerchantId":${JSON.stringify(s.subMerchantId)},"amount":{"toString":"10.00","valueOf":10,"get":"x"}}`,
  })],
  // A repeated key whose last value is not an amount.
  ['repeated keys', (s) => ({ text: JSON.stringify(s).slice(0, -1) + ',"amount":"10.00","amount":{"x":1}}' })],
  // Not JSON at all.
  ['not JSON', (s) => ({ text: `type=CREDIT&id=${s.id}&amount=10.00` })],
  // The right body under a content type a cross-site form could send.
  ['text/plain', (s) => ({ text: JSON.stringify(s), headers: { 'content-type': 'text/plain' } })],
  ['form content type', (s) => ({ text: JSON.stringify(s), headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
  // Huge numbers where the amount goes.
  ['huge number', (s) => ({ text: JSON.stringify(s).replace('"10.00"', '1' + '0'.repeat(5000)) })],
];

/** The n-th hostile request: `{ id, path, text, headers?, meta: { hostile: kind } }`. */
export function hostileRequest(n, id, path, settlement) {
  const [kind, make] = KINDS[Math.floor(n / 10) % KINDS.length];
  return { id, path, ...make(settlement), meta: { hostile: kind, ...settlementMeta(settlement) } };
}

function settlementMeta(s) {
  return { subMerchantId: s.subMerchantId, amount: s.amount };
}

export const HOSTILE_KINDS = KINDS.map(([kind]) => kind);
