//! `SettlementLedger`: the Instamojo settlement rules of one payment, as a JS class.

use super::{from_js, from_js_at, optional_arg, to_js, to_js_error};
use crate::contract::validation_result;
use crate::instamojo::{OpType, SettlementLedger as Core};
use crate::prelude::*;
use wasm_bindgen::prelude::*;

/// Follows one Instamojo payment through credits, fulfilment, refunds and debits, and refuses what
/// Instamojo refuses, with a `MarketsplitError` naming the rule.
/// @example
/// ```ts
/// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
/// ledger.credit("A", "60");
/// ledger.credit("B", "30");
/// ledger.refund("50");
/// ledger.planRefundDebits("50"); // [{ subMerchantId: "A", amount: "30.00" }, { subMerchantId: "B", amount: "15.00" }]
/// ```
#[wasm_bindgen]
pub struct SettlementLedger {
    core: Core,
}

#[wasm_bindgen]
impl SettlementLedger {
    /// A ledger of one payment with nothing recorded: `{ paymentId, amount }` (an amount in rupees,
    /// at most two decimals). A missing `paymentId` or a bad amount throws a `MarketsplitError`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "LedgerOptions")] options: &JsValue,
    ) -> Result<SettlementLedger, JsValue> {
        let options = from_js(options).map_err(to_js_error)?;
        let core = Core::from_options_json(&options).map_err(to_js_error)?;
        Ok(SettlementLedger { core })
    }

    /// Records a CREDIT settlement to a sub-merchant. Refused once fulfilled, or past the payment
    /// amount. `id` is the settlement id sent to Instamojo, which `reconcile` matches by.
    /// @example
    /// ```ts
    /// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
    /// ledger.credit("A", "60", { id: "set_1" });
    /// ledger.credited; // => "60.00"
    /// ledger.credit("B", "50"); // throws CREDIT_EXCEEDS_PAYMENT
    /// ```
    pub fn credit(
        &mut self,
        #[wasm_bindgen(js_name = subMerchantId, unchecked_param_type = "string")] sub_merchant_id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Amount")] amount: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "{ id?: string }")] options: &JsValue,
    ) -> Result<(), JsValue> {
        self.record(OpType::Credit, Some(sub_merchant_id), amount, Some(options))
    }

    /// Marks the payment fulfilled: what was not credited is the marketplace's commission.
    /// @example
    /// ```ts
    /// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
    /// ledger.credit("A", "60");
    /// ledger.fulfil();
    /// ledger.marketplaceShare; // => "40.00"
    /// ledger.credit("A", "1"); // throws CREDIT_AFTER_FULFIL
    /// ```
    pub fn fulfil(&mut self) -> Result<(), JsValue> {
        self.core.fulfil().map_err(to_js_error)
    }

    /// Records a refund to the buyer.
    /// @example
    /// ```ts
    /// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
    /// ledger.refund("30");
    /// ledger.refunded; // => "30.00"
    /// ledger.refund("80"); // throws REFUND_EXCEEDS_PAYMENT
    /// ```
    pub fn refund(&mut self, #[wasm_bindgen(unchecked_param_type = "Amount")] amount: &JsValue) -> Result<(), JsValue> {
        self.record(OpType::Refund, None, amount, None)
    }

    /// Records a DEBIT settlement taking a refund back from a sub-merchant.
    /// @example
    /// ```ts
    /// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
    /// ledger.credit("A", "60");
    /// ledger.refund("50");
    /// ledger.debit("A", "30");
    /// ledger.debited; // => "30.00"
    /// ```
    pub fn debit(
        &mut self,
        #[wasm_bindgen(js_name = subMerchantId, unchecked_param_type = "string")] sub_merchant_id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Amount")] amount: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "{ balance?: Amount; id?: string }")] options: &JsValue,
    ) -> Result<(), JsValue> {
        self.record(OpType::Debit, Some(sub_merchant_id), amount, Some(options))
    }

    /// Runs the checks of an operation without recording it; returns every rule it breaks.
    /// @example
    /// ```ts
    /// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
    /// ledger.check({ type: "CREDIT", subMerchantId: "A", amount: "120" }).ok; // => false
    /// ledger.check({ type: "CREDIT", subMerchantId: "A", amount: "60" }); // => { ok: true, errors: [] }
    /// ```
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn check(&self, #[wasm_bindgen(unchecked_param_type = "LedgerOp")] op: &JsValue) -> JsValue {
        match optional_arg(op, "") {
            Ok(op) => to_js(&self.core.check_json(op.as_ref())),
            Err(problem) => to_js(&validation_result(&[problem])),
        }
    }

    /// The DEBIT settlements that take a refund back from the sub-merchants; nothing is recorded.
    /// @example
    /// ```ts
    /// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
    /// ledger.credit("A", "60");
    /// ledger.credit("B", "30");
    /// ledger.refund("50");
    /// ledger.planRefundDebits("50"); // => [{ subMerchantId: "A", amount: "30.00" }, { subMerchantId: "B", amount: "15.00" }]
    /// ```
    #[wasm_bindgen(js_name = planRefundDebits, unchecked_return_type = "PlannedDebit[]")]
    pub fn plan_refund_debits(
        &self,
        #[wasm_bindgen(js_name = refundAmount, unchecked_param_type = "Amount")] refund_amount: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "{ from?: \"PROPORTIONAL\" | \"VENDORS\" }")] options: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let refund_amount = optional_arg(refund_amount, "refundAmount").map_err(to_js_error)?;
        let options = optional_arg(options, "").map_err(to_js_error)?;
        let plan = self.core.plan_refund_debits_json(refund_amount.as_ref(), options.as_ref()).map_err(to_js_error)?;
        Ok(to_js(&plan))
    }

    /// Compares the ledger's settlements with what `InstamojoClient.listSettlements` returned:
    /// which recorded ones Instamojo does not have, and which of Instamojo's the ledger lacks.
    /// Matched by settlement id where both sides have one, else by type, sub-merchant and amount.
    /// Not in the browser module: reconciling needs `listSettlements`, which only the server has,
    /// and it would cost the browser entry about 2.7 KB gzip (README, "Size and speed").
    /// @example
    /// ```ts
    /// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
    /// ledger.credit("A", "60", { id: "set_1" });
    /// // In a backend: await mojo.listSettlements(paymentId)
    /// ledger.reconcile([{ type: "CREDIT", subMerchantId: "A", amount: "60.00", id: "set_1" }]).ok; // => true
    /// ledger.reconcile([]).missingAtInstamojo.length; // => 1
    /// ```
    #[cfg(not(feature = "browser"))]
    #[wasm_bindgen(unchecked_return_type = "Reconciliation")]
    pub fn reconcile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InstamojoSettlementInput[]")] settlements: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let settlements = optional_arg(settlements, "settlements").map_err(to_js_error)?;
        Ok(to_js(&self.core.reconcile_json(settlements.as_ref()).map_err(to_js_error)?))
    }

    /// The whole state as plain JSON-safe data, to store and load back with `fromJSON`.
    /// @example
    /// ```ts
    /// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
    /// ledger.credit("A", "60");
    /// const saved = JSON.stringify(ledger.toJSON());
    /// SettlementLedger.fromJSON(saved).credited; // => "60.00"
    /// ```
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "LedgerState")]
    pub fn to_json(&self) -> JsValue {
        to_js(&self.core.to_json())
    }

    /// A ledger from what `toJSON` returned, or its JSON text. `INVALID_STATE` for anything else.
    ///
    /// It checks that the state is consistent (every entry replayed through Instamojo's rules),
    /// not that it is authentic: a state someone edited consistently (a smaller credit, an entry
    /// left out) loads. Keep states on your server; sign one that must travel and check the
    /// signature before loading it; or rebuild the ledger from Instamojo's records of the payment.
    /// @example
    /// ```ts
    /// const ledger = new SettlementLedger({ paymentId: "MOJO123", amount: "100" });
    /// ledger.credit("A", "60");
    /// const again = SettlementLedger.fromJSON(ledger.toJSON());
    /// again.credited; // => "60.00"
    /// SettlementLedger.fromJSON({ paymentId: "MOJO123" }); // throws INVALID_STATE
    /// ```
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "LedgerState | string")] value: &JsValue,
    ) -> Result<SettlementLedger, JsValue> {
        let value = from_js_at(value, "")
            .map_err(|e| to_js_error(crate::Error::new(crate::Code::InvalidState, e.path, e.message)))?;
        let core = Core::from_json(&value).map_err(to_js_error)?;
        Ok(SettlementLedger { core })
    }

    /// The payment amount.
    #[wasm_bindgen(getter)]
    pub fn amount(&self) -> String {
        self.core.amount().to_text()
    }

    /// Σ credits.
    #[wasm_bindgen(getter)]
    pub fn credited(&self) -> String {
        self.core.credited().to_text()
    }

    /// Σ debits.
    #[wasm_bindgen(getter)]
    pub fn debited(&self) -> String {
        self.core.debited().to_text()
    }

    /// Σ refunds.
    #[wasm_bindgen(getter)]
    pub fn refunded(&self) -> String {
        self.core.refunded().to_text()
    }

    /// Whether `fulfil()` was called: from then on a credit is refused.
    #[wasm_bindgen(getter)]
    pub fn fulfilled(&self) -> bool {
        self.core.fulfilled()
    }

    /// What the marketplace keeps: amount − refunded − credited + debited (may be negative).
    #[wasm_bindgen(getter, js_name = marketplaceShare)]
    pub fn marketplace_share(&self) -> String {
        self.core.marketplace_share().to_text()
    }

    /// Every recorded operation in order, `fulfil` included; refused ones are not recorded.
    #[wasm_bindgen(getter, unchecked_return_type = "LedgerEntry[]")]
    pub fn entries(&self) -> JsValue {
        to_js(&self.core.entries_json())
    }
}

impl SettlementLedger {
    /// `credit`, `refund` and `debit`: converts the arguments the method takes, in order, then
    /// records. One body for the three exports, which would each carry a copy inlined.
    #[inline(never)]
    fn record(
        &mut self,
        kind: OpType,
        sub: Option<&JsValue>,
        amount: &JsValue,
        options: Option<&JsValue>,
    ) -> Result<(), JsValue> {
        let read = |arg: Option<&JsValue>, path: &str| match arg {
            Some(value) => optional_arg(value, path).map_err(to_js_error),
            None => Ok(None),
        };
        let sub = read(sub, "subMerchantId")?;
        let amount = read(Some(amount), "amount")?;
        let options = read(options, "")?;
        self.core.record_json(kind, sub.as_ref(), amount.as_ref(), options.as_ref()).map_err(to_js_error)
    }
}
