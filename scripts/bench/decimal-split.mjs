// The peer for the `calculateSplit` benchmark: the same calculation as API.md's split calculator,
// written the way a JavaScript shop would without marketsplit, with decimal.js. It covers what the
// benchmark inputs use (vendors with `amount`, commission percent half-up + flat held within
// [min, max], GST on the commission, no `mdr` fee preview) and checks what the contract checks on
// that path, so neither side gets to skip work. run.mjs asserts that its output equals marketsplit's
// on every benchmark input before timing anything.
import DecimalBase from 'decimal.js';

// 40 significant digits hold any product of two contract amounts exactly; rounding happens only
// where the contract says (toDecimalPlaces half-up).
const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
const HUNDRED = new Decimal(100);
const MAX = new Decimal('10000000000');
const AMOUNT_TEXT = /^-?\d+(\.\d+)?$/;
const BORNE_BY = new Set(['MARKETPLACE', 'VENDOR', 'ALL']);

function fail(code, path, message) {
  const error = new Error(message);
  error.code = code;
  error.path = path;
  throw error;
}

function amount(value, path, { required = true } = {}) {
  if (value === undefined || value === null) {
    if (required) fail('MISSING_FIELD', path, `${path} is required`);
    return new Decimal(0);
  }
  if (typeof value !== 'string' && typeof value !== 'number') fail('INVALID_TYPE', path, `${path} must be a string or a number`);
  const text = typeof value === 'number' ? String(value) : value;
  if (!AMOUNT_TEXT.test(text)) fail('INVALID_AMOUNT', path, `${path} is not an amount`);
  const d = new Decimal(text);
  if (d.isNegative() && !d.isZero()) fail('NEGATIVE_AMOUNT', path, `${path} is negative`);
  if (d.decimalPlaces() > 2) fail('TOO_MANY_DECIMALS', path, `${path} has more than two decimals`);
  if (d.greaterThan(MAX)) fail('INVALID_AMOUNT', path, `${path} is above the maximum`);
  return d;
}

// A percentage of an amount, rounded half-up to the paisa.
function percentOf(base, percent) {
  return base.times(percent).dividedBy(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

function commissionOf(gross, commission = {}, path) {
  const percent = amount(commission.percent, `${path}.percent`, { required: false });
  const flat = amount(commission.flat, `${path}.flat`, { required: false });
  const taxPercent = amount(commission.taxPercent, `${path}.taxPercent`, { required: false });
  let value = percentOf(gross, percent).plus(flat);
  const hasMin = commission.min !== undefined && commission.min !== null;
  const hasMax = commission.max !== undefined && commission.max !== null;
  const min = hasMin ? amount(commission.min, `${path}.min`) : null;
  const max = hasMax ? amount(commission.max, `${path}.max`) : null;
  if (min && max && min.greaterThan(max)) fail('INVALID_COMMISSION', `${path}.min`, 'min is above max');
  if (min && value.lessThan(min)) value = min;
  if (max && value.greaterThan(max)) value = max;
  return { commission: value, tax: percentOf(value, taxPercent) };
}

const text = (d) => d.toFixed(2);
const number = (d) => Number(d.toFixed(2));

/** `calculateSplit(input)` for amount-based vendors without an `mdr` preview, with decimal.js. */
export function decimalCalculateSplit(input) {
  const orderAmount = amount(input.orderAmount, 'orderAmount');
  const mdrBorneBy = input.mdrBorneBy ?? 'MARKETPLACE';
  if (!BORNE_BY.has(mdrBorneBy)) fail('INVALID_MDR_BORNE_BY', 'mdrBorneBy', 'mdrBorneBy must be MARKETPLACE, VENDOR or ALL');
  if (input.mdr !== undefined) throw new Error('the decimal.js peer does not implement the mdr fee preview');
  const ownAmount = amount(input.marketplaceAmount, 'marketplaceAmount', { required: false });
  const vendorsIn = input.vendors;
  if (!Array.isArray(vendorsIn) || vendorsIn.length === 0) fail('EMPTY_SPLIT', 'vendors', 'vendors is empty');

  const seen = new Set();
  let grossSum = new Decimal(0);
  let commissionSum = new Decimal(0);
  let taxSum = new Decimal(0);
  const vendors = [];
  const split = [];
  vendorsIn.forEach((v, i) => {
    const path = `vendors[${i}]`;
    if (typeof v.subMid !== 'string' || v.subMid === '') fail('MISSING_FIELD', `${path}.subMid`, 'subMid is required');
    if (seen.has(v.subMid)) fail('DUPLICATE_SUB_MID', `${path}.subMid`, `${v.subMid} appears twice`);
    seen.add(v.subMid);
    if (v.weight !== undefined) throw new Error('the decimal.js peer does not implement weights');
    const gross = amount(v.amount, `${path}.amount`);
    const { commission, tax } = commissionOf(gross, v.commission, `${path}.commission`);
    const taken = commission.plus(tax);
    if (taken.greaterThan(gross)) fail('COMMISSION_EXCEEDS_GROSS', `${path}.commission`, 'commission exceeds gross');
    const settled = gross.minus(taken);
    grossSum = grossSum.plus(gross);
    commissionSum = commissionSum.plus(commission);
    taxSum = taxSum.plus(tax);
    vendors.push({
      subMid: v.subMid,
      gross: text(gross),
      commission: text(commission),
      commissionTax: text(tax),
      amount: text(settled),
      fee: '0.00',
      net: text(settled),
    });
    split.push({ sub_mid: v.subMid, amount: number(settled), merchant_commission: number(taken) });
  });

  const actual = ownAmount.plus(grossSum);
  if (!actual.equals(orderAmount)) {
    fail('SUM_MISMATCH', 'vendors', `vendors sum to ${text(actual)} but the order is ${text(orderAmount)}`);
  }
  const marketplaceAmount = ownAmount.plus(commissionSum).plus(taxSum);
  return {
    orderAmount: text(orderAmount),
    mdrBorneBy,
    marketplace: {
      amount: text(marketplaceAmount),
      ownAmount: text(ownAmount),
      commission: text(commissionSum),
      commissionTax: text(taxSum),
      fee: '0.00',
      net: text(marketplaceAmount),
    },
    vendors,
    splitSettlementDetails: {
      mdr_borne_by: mdrBorneBy,
      marketplace: { amount: number(marketplaceAmount) },
      vendor: { split },
    },
  };
}
