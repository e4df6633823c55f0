// Amounts in the simulator are integer paise, read from decimal text, exactly like the library
// under test is required to do: a simulator that rounded floats could hide the very bugs it checks.

const SHAPE = /^(\d+)(?:\.(\d{1,2}))?$/;

/** Paise from "100", "100.5", "100.50" or a JSON number with at most two decimals; null otherwise. */
export function toPaise(value) {
  let text;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === "string") {
    text = value.trim();
  } else {
    return null;
  }
  const m = SHAPE.exec(text);
  if (!m) return null;
  const paise = BigInt(m[1]) * 100n + BigInt((m[2] ?? "").padEnd(2, "0") || "0");
  return paise > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(paise);
}

/** "123.45" from 12345. */
export function paiseText(paise) {
  const sign = paise < 0 ? "-" : "";
  const abs = Math.abs(paise);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** The JSON number a gateway would print for an amount (100.5 for 10050 paise). */
export function paiseNumber(paise) {
  return Number(paiseText(paise));
}
