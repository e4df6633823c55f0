// The benchmark's inputs: deterministic (a fixed-seed generator), realistic in shape, and built in
// integer paise so the expected sums are exact.

function generator(seed) {
  // A 32-bit LCG: reproducible inputs across runs and machines; quality is beside the point.
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

export function paiseText(paise) {
  return `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, '0')}`;
}

/** `n` whole-number ratios from 1 to 100. */
export function ratios(n, seed = 7) {
  const next = generator(seed + n);
  return Array.from({ length: n }, () => 1 + next(100));
}

const COMMISSIONS = [
  { percent: '12.5', flat: '5', min: '15', max: '2500', taxPercent: '18' },
  { percent: '7.25', min: '10', taxPercent: '18' },
  { percent: '10', flat: '2.50', max: '400', taxPercent: '18' },
  { percent: '15', taxPercent: '18' },
];

/**
 * A `calculateSplit` input with `n` vendors, each with an `amount` and a commission. The first
 * vendor's 12.5% of 101.00 is 12.625, a half-up tie (12.63) that half-even would get wrong; some
 * amounts are JS numbers, as callers pass them.
 */
export function splitInput(n, seed = 11) {
  const next = generator(seed + n);
  const marketplacePaise = 25000;
  let total = marketplacePaise;
  const vendors = [];
  for (let i = 0; i < n; i++) {
    const paise = i === 0 ? 10100 : 10000 + next(500000);
    total += paise;
    const amount = i % 3 === 2 ? paise / 100 : paiseText(paise);
    vendors.push({ subMid: `vendor_${i + 1}`, amount, commission: { ...COMMISSIONS[i % COMMISSIONS.length] } });
  }
  return { orderAmount: paiseText(total), mdrBorneBy: 'VENDOR', marketplaceAmount: paiseText(marketplacePaise), vendors };
}

/** A valid `split_settlement_details` object with `n` splits, and the order amount it sums to. */
export function juspayDetails(n, seed = 13) {
  const next = generator(seed + n);
  const marketplacePaise = 2050;
  let total = marketplacePaise;
  const split = [];
  for (let i = 0; i < n; i++) {
    const paise = 1000 + next(300000);
    const commission = Math.trunc(paise / 10);
    total += paise;
    split.push({ sub_mid: `vendor_${i + 1}`, amount: paise / 100, merchant_commission: commission / 100 });
  }
  return {
    orderAmount: paiseText(total),
    details: { mdr_borne_by: 'ALL', marketplace: { amount: marketplacePaise / 100 }, vendor: { split } },
  };
}
