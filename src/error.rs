//! The one error type of the core. Every failure carries a stable `code`, the `path` of the input
//! at fault (`""` for the whole input) and a sentence a developer can act on.

use crate::prelude::*;
use core::fmt;

/// Stable error codes of the public contract. `Http` and `Remote` exist because the client side
/// passes on what a backend answered (`HTTP_<status>`, or the backend's own code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Code {
    /// An amount that is not an amount: not a number or decimal text, or above the maximum.
    InvalidAmount,
    /// An amount below zero where none may be.
    NegativeAmount,
    /// An amount with a non-zero third decimal: amounts are whole paise.
    TooManyDecimals,
    /// A required field is absent, `null` or empty.
    MissingField,
    /// A value of the wrong JSON type.
    InvalidType,
    /// An allocation ratio that is not a non-negative decimal, or every ratio zero.
    RatioInvalid,
    /// `allocate` with no ratio.
    EmptyRatios,
    /// A split with no vendor.
    EmptySplit,
    /// A `sub_mid` named twice in one split.
    DuplicateSubMid,
    /// Vendors given by amount and by weight in one input, or neither.
    MixedShares,
    /// Parts that do not add up to the whole (the order, the refund).
    SumMismatch,
    /// A commission (with its tax) above the vendor's gross.
    CommissionExceedsGross,
    /// A commission whose `min` is above its `max`.
    InvalidCommission,
    /// An `mdr_borne_by` other than `MARKETPLACE`, `VENDOR` or `ALL`.
    InvalidMdrBorneBy,
    /// Text that is not JSON, or a JS value JSON cannot hold.
    InvalidJson,
    /// A CREDIT settlement after the payment was fulfilled.
    CreditAfterFulfil,
    /// Credits past the payment amount.
    CreditExceedsPayment,
    /// Fulfilling a payment twice.
    AlreadyFulfilled,
    /// Refunds past the payment amount.
    RefundExceedsPayment,
    /// A DEBIT settlement on a payment with no refund.
    DebitWithoutRefund,
    /// A DEBIT from a sub-merchant never credited on the payment.
    DebitNotCredited,
    /// A DEBIT above what the sub-merchant still holds from the payment.
    DebitExceedsCredit,
    /// Debits past what was refunded.
    DebitExceedsRefund,
    /// A DEBIT above the sub-merchant's balance with Instamojo.
    InsufficientBalance,
    /// A stored ledger state this ledger could not have produced.
    InvalidState,
    /// An option the call does not take, or of the wrong kind.
    InvalidOption,
    /// A call before the wasm module was initialised.
    NotInitialized,
    /// No answer: the request did not reach the server.
    Network,
    /// No answer in time.
    Timeout,
    /// A `returnUrl` that is not a fully qualified http(s) URL without query parameters.
    InvalidReturnUrl,
    /// A proxy path that names no route.
    NotFound,
    /// A proxy route called with the wrong HTTP method.
    MethodNotAllowed,
    /// A proxy route whose gateway client or order lookup the handler was not given.
    NotConfigured,
    /// A call the proxy handler's `authorize` refused.
    Forbidden,
    /// The gateway refused the credentials.
    GatewayAuth,
    /// The gateway refused the request.
    GatewayRejected,
    /// The gateway failed or could not be reached.
    GatewayUnavailable,
    /// The gateway did not answer in time.
    GatewayTimeout,
    /// The browser's `amount` or `split` differs from the backend's record of the order.
    OrderMismatch,
    /// No order (or none this request may see) for the id.
    OrderNotFound,
    /// An order id that already exists with another amount.
    OrderConflict,
    /// An idempotency key the gateway answers with an earlier, different operation.
    IdempotencyConflict,
    /// A request body above the limit.
    PayloadTooLarge,
    /// A request body that is not JSON.
    UnsupportedMediaType,
    /// A bug: a state the library rules out was reached.
    Internal,
    /// The wasm module could not be initialised.
    InitFailed,
    /// A backend answered with this HTTP status and no code of its own (`HTTP_<status>`).
    Http(u16),
    /// A backend's own error code, passed on as it came.
    Remote(String),
}

impl Code {
    /// The stable text of the code: `SUM_MISMATCH`, `HTTP_503`, or a backend's own code.
    pub fn as_str(&self) -> alloc::borrow::Cow<'static, str> {
        // One table of texts and a match to small numbers: a match to texts compiled to a branch per code.
        const NAMES: [&str; 46] = [
            "INVALID_AMOUNT",
            "NEGATIVE_AMOUNT",
            "TOO_MANY_DECIMALS",
            "MISSING_FIELD",
            "INVALID_TYPE",
            "RATIO_INVALID",
            "EMPTY_RATIOS",
            "EMPTY_SPLIT",
            "DUPLICATE_SUB_MID",
            "MIXED_SHARES",
            "SUM_MISMATCH",
            "COMMISSION_EXCEEDS_GROSS",
            "INVALID_COMMISSION",
            "INVALID_MDR_BORNE_BY",
            "INVALID_JSON",
            "CREDIT_AFTER_FULFIL",
            "CREDIT_EXCEEDS_PAYMENT",
            "ALREADY_FULFILLED",
            "REFUND_EXCEEDS_PAYMENT",
            "DEBIT_WITHOUT_REFUND",
            "DEBIT_NOT_CREDITED",
            "DEBIT_EXCEEDS_CREDIT",
            "DEBIT_EXCEEDS_REFUND",
            "INSUFFICIENT_BALANCE",
            "INVALID_STATE",
            "INVALID_OPTION",
            "NOT_INITIALIZED",
            "NETWORK",
            "TIMEOUT",
            "INVALID_RETURN_URL",
            "NOT_FOUND",
            "METHOD_NOT_ALLOWED",
            "NOT_CONFIGURED",
            "FORBIDDEN",
            "GATEWAY_AUTH",
            "GATEWAY_REJECTED",
            "GATEWAY_UNAVAILABLE",
            "GATEWAY_TIMEOUT",
            "ORDER_MISMATCH",
            "ORDER_NOT_FOUND",
            "ORDER_CONFLICT",
            "IDEMPOTENCY_CONFLICT",
            "PAYLOAD_TOO_LARGE",
            "UNSUPPORTED_MEDIA_TYPE",
            "INTERNAL",
            "INIT_FAILED",
        ];
        use Code::*;
        let index = match self {
            InvalidAmount => 0,
            NegativeAmount => 1,
            TooManyDecimals => 2,
            MissingField => 3,
            InvalidType => 4,
            RatioInvalid => 5,
            EmptyRatios => 6,
            EmptySplit => 7,
            DuplicateSubMid => 8,
            MixedShares => 9,
            SumMismatch => 10,
            CommissionExceedsGross => 11,
            InvalidCommission => 12,
            InvalidMdrBorneBy => 13,
            InvalidJson => 14,
            CreditAfterFulfil => 15,
            CreditExceedsPayment => 16,
            AlreadyFulfilled => 17,
            RefundExceedsPayment => 18,
            DebitWithoutRefund => 19,
            DebitNotCredited => 20,
            DebitExceedsCredit => 21,
            DebitExceedsRefund => 22,
            InsufficientBalance => 23,
            InvalidState => 24,
            InvalidOption => 25,
            NotInitialized => 26,
            Network => 27,
            Timeout => 28,
            InvalidReturnUrl => 29,
            NotFound => 30,
            MethodNotAllowed => 31,
            NotConfigured => 32,
            Forbidden => 33,
            GatewayAuth => 34,
            GatewayRejected => 35,
            GatewayUnavailable => 36,
            GatewayTimeout => 37,
            OrderMismatch => 38,
            OrderNotFound => 39,
            OrderConflict => 40,
            IdempotencyConflict => 41,
            PayloadTooLarge => 42,
            UnsupportedMediaType => 43,
            Internal => 44,
            InitFailed => 45,
            Http(status) => return cat(&["HTTP_", &int_text(u64::from(*status))]).into(),
            Remote(code) => return code.clone().into(),
        };
        NAMES.get(index).copied().unwrap_or_default().into()
    }

    /// Reads a code back from its text (a backend's error reply); unknown text stays `Remote`.
    /// Not `FromStr`: it cannot fail, and `str::parse` would make callers handle an error.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str) -> Code {
        use Code::*;
        const KNOWN: &[Code] = &[
            InvalidAmount,
            NegativeAmount,
            TooManyDecimals,
            MissingField,
            InvalidType,
            RatioInvalid,
            EmptyRatios,
            EmptySplit,
            DuplicateSubMid,
            MixedShares,
            SumMismatch,
            CommissionExceedsGross,
            InvalidCommission,
            InvalidMdrBorneBy,
            InvalidJson,
            CreditAfterFulfil,
            CreditExceedsPayment,
            AlreadyFulfilled,
            RefundExceedsPayment,
            DebitWithoutRefund,
            DebitNotCredited,
            DebitExceedsCredit,
            DebitExceedsRefund,
            InsufficientBalance,
            InvalidState,
            InvalidOption,
            NotInitialized,
            Network,
            Timeout,
            InvalidReturnUrl,
            NotFound,
            MethodNotAllowed,
            NotConfigured,
            Forbidden,
            GatewayAuth,
            GatewayRejected,
            GatewayUnavailable,
            GatewayTimeout,
            OrderMismatch,
            OrderNotFound,
            OrderConflict,
            IdempotencyConflict,
            PayloadTooLarge,
            UnsupportedMediaType,
            Internal,
            InitFailed,
        ];
        if let Some(code) = KNOWN.iter().find(|c| c.as_str() == text) {
            return code.clone();
        }
        if let Some(status) = text.strip_prefix("HTTP_").and_then(|s| s.parse::<u16>().ok()) {
            return Http(status);
        }
        Remote(text.to_string())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

/// A failure: what went wrong (`code`), where in the input (`path`), and a sentence about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The stable code a program tests.
    pub code: Code,
    /// The path of the field at fault (`vendors[1].amount`), `""` for the whole input.
    pub path: String,
    /// A sentence a developer can act on; never a secret.
    pub message: String,
}

impl Error {
    // Out of line: it is called from a few hundred places, and inlined each would copy its text.
    /// An error of `code` at `path`.
    #[inline(never)]
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Error {
        Error { code, path: path.into(), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at {}: {}", self.code, self.path, self.message)
        }
    }
}

impl core::error::Error for Error {}

/// A result whose error is the library's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;

/// Joins a field name onto a path: `join("vendors[1]", "commission")` is `vendors[1].commission`.
pub fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        cat(&[path, ".", field])
    }
}

/// Text in double quotes for a message, with quotes, backslashes and control characters escaped
/// as Rust's `{:?}` escapes them (`"a\"b"`, `"\n"`, `"\u{1b}"`); other characters are kept.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_ascii_control() => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let b = c as u8;
                out.push_str("\\u{");
                if b >= 16 {
                    out.push(char::from(HEX[usize::from(b >> 4)]));
                }
                out.push(char::from(HEX[usize::from(b & 15)]));
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Appends an index to a path: `index("ratios", 2)` is `ratios[2]`.
pub fn index(path: &str, i: usize) -> String {
    cat(&[path, "[", &int_text(i as u64), "]"])
}

/// An integer in decimal, for messages: written digit by digit, so a message needs no
/// `format!` (whose machinery the browser build would otherwise carry for each call site).
pub fn int_text(n: u64) -> String {
    digits_text(n, 10, 0)
}

/// An integer in lowercase hexadecimal, left-padded with zeros to at least `width` digits: what
/// `{:x}` (`width` 0 or 1) and `{:08x}` write.
pub fn hex_text(n: u64, width: usize) -> String {
    digits_text(n, 16, width)
}

/// `n` in `base` (at most 16), at least `width` digits.
fn digits_text(n: u64, base: u64, width: usize) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    // Filled from the right; u64::MAX has 64 binary digits at the most, so the buffer never runs out.
    let mut digits = [0u8; 64];
    let mut at = digits.len();
    // Both callers pass 10 or 16; clamped so that no base can divide by zero.
    let base = base.clamp(2, 16);
    let mut rest = n;
    for slot in digits.iter_mut().rev() {
        *slot = DIGITS.get((rest % base) as usize).copied().unwrap_or(b'0');
        at -= 1;
        rest /= base;
        if rest == 0 {
            break;
        }
    }
    let used = digits.get(at..).unwrap_or_default();
    let mut out = String::with_capacity(width.max(used.len()));
    for _ in used.len()..width {
        out.push('0');
    }
    out.extend(used.iter().map(|&d| char::from(d)));
    out
}

/// Joins message parts. `[..].concat()` would do, but links a generic joiner several times the
/// size of this loop.
pub fn cat(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        out.push_str(part);
    }
    out
}

/// An error whose message is `parts` joined. Out of line: the readers and the calculator build
/// dozens of messages, and each inlined site would carry the joining and the `Error` itself.
#[inline(never)]
pub(crate) fn fail(code: Code, path: &str, parts: &[&str]) -> Error {
    Error::new(code, path, cat(parts))
}

/// `MISSING_FIELD` at `path`: `<name> is required`.
pub(crate) fn required(path: &str, name: &str) -> Error {
    fail(Code::MissingField, path, &[name, " is required"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_paths_read_as_format_would_write_them() {
        for n in [0, 7, 10, 99, 100, 4_294_967_295, u64::MAX] {
            assert_eq!(int_text(n), n.to_string());
        }
        for n in [0u64, 1, 15, 16, 255, 0xdead_beef, u64::MAX] {
            assert_eq!(hex_text(n, 0), format!("{n:x}"));
            assert_eq!(hex_text(n, 8), format!("{n:08x}"));
        }
        assert_eq!(Code::Http(503).as_str(), "HTTP_503");
        assert_eq!(index("vendors", 12), "vendors[12]");
        assert_eq!(join(&index("vendors", 0), "commission"), "vendors[0].commission");
        assert_eq!(join("", "total"), "total");
        assert_eq!(cat(&["a", "", "bc"]), "abc");
    }

    #[test]
    fn quoted_text_escapes_like_debug_for_ascii() {
        let mut every_ascii = String::new();
        for b in 0u8..128 {
            every_ascii.push(char::from(b));
        }
        for text in ["", "C", "a\"b\\c", "tab\there\nand\r", "\0\u{1b}\u{7f}", "₹ 1499 é", every_ascii.as_str()] {
            assert_eq!(quoted(text), format!("{text:?}"));
        }
    }
}

#[cfg(test)]
mod code_tests {
    use super::Code;

    #[test]
    fn every_code_reads_back_from_its_text() {
        for text in [
            "INVALID_AMOUNT",
            "ORDER_MISMATCH",
            "ORDER_NOT_FOUND",
            "ORDER_CONFLICT",
            "IDEMPOTENCY_CONFLICT",
            "PAYLOAD_TOO_LARGE",
            "UNSUPPORTED_MEDIA_TYPE",
            "INTERNAL",
            "INIT_FAILED",
            "GATEWAY_TIMEOUT",
        ] {
            let code = Code::from_str(text);
            assert!(!matches!(code, Code::Remote(_)), "{text} is a known code");
            assert_eq!(code.as_str(), text);
        }
    }
}
