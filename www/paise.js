// Amounts as the library returns them ("1234.50") read into integer paise (BigInt) and back, for
// the page's own sums (a cart's lines) and the split bar's widths. No float ever holds money here.

const SHAPE = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** 123450n from "1234.50", "1234.5" or "1234"; null for anything else. */
export function toPaise(text) {
  const m = typeof text === "string" ? SHAPE.exec(text) : null;
  if (!m) return null;
  const paise = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -paise : paise;
}

/** "1234.50" from 123450n. */
export function paiseText(paise) {
  const sign = paise < 0n ? "-" : "";
  const abs = paise < 0n ? -paise : paise;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** Paise of a plan's amount text, throwing when the library ever returned something else. */
export function paiseOf(text) {
  const paise = toPaise(text);
  if (paise === null) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  return paise;
}
