//! `planRefundDebits`: which DEBIT settlements take a refund back from the sub-merchants.

use super::ledger::SettlementLedger;
use super::refusal::{refusal, AMOUNT_PATH};
use super::rules::op_amount_error;
use crate::error::{Code, Error, Result};
use crate::money::allocate::allocate;
use crate::money::amount::Paise;
use crate::money::ratio::Ratio;
use crate::prelude::*;

/// Who bears a refund.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlanFrom {
    /// Every party bears the refund in proportion to its part of the payment, as Stripe reverses
    /// transfers: the sub-merchants together bear `refund × Σ credited / amount`, half-up.
    #[default]
    Proportional,
    /// The sub-merchants bear the whole refund.
    Vendors,
}

impl PlanFrom {
    /// The contract's spelling: `PROPORTIONAL` or `VENDORS`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanFrom::Proportional => "PROPORTIONAL",
            PlanFrom::Vendors => "VENDORS",
        }
    }

    /// Reads `"PROPORTIONAL" | "VENDORS"`, exactly as spelt.
    pub fn parse(text: &str) -> Option<PlanFrom> {
        [PlanFrom::Proportional, PlanFrom::Vendors].into_iter().find(|f| f.as_str() == text)
    }
}

impl SettlementLedger {
    /// The debits that take a refund of `refund` back, as `(subMerchantId, amount)` rows in order
    /// of first credit, zero rows left out; nothing is recorded. The refund need not be recorded
    /// yet. Each sub-merchant bears its share by what it still holds (credits less debits), and
    /// never more than that.
    pub fn plan_refund_debits(&self, refund: Paise, from: PlanFrom) -> Result<Vec<(String, Paise)>> {
        let mut rows = Vec::new();
        for (h, &share) in self.holdings().iter().zip(&self.plan_shares(refund, from)?) {
            if share.0 > 0 {
                rows.push((h.sub_merchant_id().to_string(), share));
            }
        }
        Ok(rows)
    }

    /// Each holding's share of the refund, in the order of `holdings` and zeros included; empty
    /// when nothing was credited.
    pub(crate) fn plan_shares(&self, refund: Paise, from: PlanFrom) -> Result<Vec<Paise>> {
        if let Some(e) = op_amount_error(refund) {
            return Err(e);
        }
        let amount = self.amount();
        if refund > amount {
            return Err(refusal(
                Code::RefundExceedsPayment,
                AMOUNT_PATH,
                "a refund of \u{1} is more than the payment of \u{1}",
                &[],
                &[refund, amount],
            ));
        }
        if self.credited().0 == 0 {
            return Ok(Vec::new());
        }
        let borne = match from {
            PlanFrom::Proportional => proportional_part(refund, self.credited(), amount)?,
            PlanFrom::Vendors => refund,
        };
        let mut weights = Vec::new();
        let mut total_held = Paise::ZERO;
        for h in self.holdings() {
            total_held = total_held.checked_add(h.held()).ok_or_else(too_large)?;
            // `held` is never negative: a debit above it is refused.
            weights.push(Ratio::from_int(h.held().0.unsigned_abs()));
        }
        if borne > total_held {
            return Err(refusal(
                Code::DebitExceedsCredit,
                AMOUNT_PATH,
                "the sub-merchants would bear \u{1} of this refund but hold only \u{1} from this payment",
                &[],
                &[borne, total_held],
            ));
        }
        // Nothing held leaves nothing to split (`allocate` refuses all-zero weights): `borne` is
        // then zero, and so is every row.
        if total_held.0 == 0 {
            return Ok(Vec::new());
        }
        // Largest remainders never ask a holding for more than it holds; see `split_by_weights`.
        allocate(borne, &weights).map_err(|_| too_large())
    }
}

/// `refund × credited / amount`, rounded half-up to the paisa.
fn proportional_part(refund: Paise, credited: Paise, amount: Paise) -> Result<Paise> {
    let den = i128::from(amount.0);
    if den <= 0 {
        return Err(too_large());
    }
    let num = i128::from(refund.0) * i128::from(credited.0);
    // All three are non-negative, so floor((2·num + den) / (2·den)) is num/den rounded half-up.
    let rounded = (2 * num + den) / (2 * den);
    i64::try_from(rounded).map(Paise).map_err(|_| too_large())
}

fn too_large() -> Error {
    Error::new(Code::InvalidAmount, AMOUNT_PATH, "the amounts add up to more than can be represented")
}

/// Splits `total` paise by non-negative integer `weights` with the largest-remainder (Hamilton)
/// method of `crate::money::allocate`, as `plan_shares` does: each share is the floor of its exact
/// value `total·wᵢ/W`, and the paise left over go one each to the largest remainders, ties to the
/// lower index. `None` when the weights are negative or all zero while `total` is not, or `total`
/// is negative.
///
/// No share exceeds its weight when `total ≤ W`: the floor is at most `total·wᵢ/W ≤ wᵢ`; and a
/// share that gets a leftover paisa has a positive remainder, so `total·wᵢ/W` is not a whole
/// number, its floor is strictly below `wᵢ`, and floor + 1 ≤ `wᵢ` as both are integers. Leftover
/// paise only reach positive remainders because the leftover equals Σ(remainders)/W, which is
/// less than the count of positive remainders (each is below W). So a plan never asks a
/// sub-merchant for more than it holds (asserted by tests/props_ledger.rs and the tests below).
#[cfg(all(test, not(target_arch = "wasm32")))]
fn split_by_weights(total: i64, weights: &[i64]) -> Option<Vec<i64>> {
    let mut ratios = Vec::with_capacity(weights.len());
    for w in weights {
        ratios.push(Ratio::from_int(u64::try_from(*w).ok()?));
    }
    // `allocate` refuses all-zero (and no) weights; here they split a zero total into zeros.
    if ratios.iter().all(Ratio::is_zero) {
        return (total == 0).then(|| vec![0; weights.len()]);
    }
    let shares = allocate(Paise(total), &ratios).ok()?;
    Some(shares.into_iter().map(|p| p.0).collect())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::split_by_weights;
    use proptest::prelude::*;

    #[test]
    fn hands_leftover_paise_to_the_largest_remainders_then_the_lower_index() {
        assert_eq!(split_by_weights(10_000, &[1, 1, 1]), Some(vec![3334, 3333, 3333]));
        assert_eq!(split_by_weights(1000, &[0, 1, 2]), Some(vec![0, 333, 667]));
        assert_eq!(split_by_weights(5000, &[6000, 3000]), Some(vec![3333, 1667]));
        assert_eq!(split_by_weights(2, &[1, 1, 1, 1]), Some(vec![1, 1, 0, 0]));
    }

    #[test]
    fn refuses_what_it_cannot_split() {
        assert_eq!(split_by_weights(1, &[0, 0]), None);
        assert_eq!(split_by_weights(0, &[0, 0]), Some(vec![0, 0]));
        assert_eq!(split_by_weights(1, &[1, -1]), None);
        assert_eq!(split_by_weights(-1, &[1]), None);
        assert_eq!(
            split_by_weights(i64::MAX, &[i64::MAX, 1]).map(|s| s.iter().map(|x| i128::from(*x)).sum::<i128>()),
            Some(i128::from(i64::MAX))
        );
    }

    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]

        /// With the weights as holdings and a total no larger than their sum, every share is the
        /// floor or ceiling of its exact value, never above its weight, and they sum to the total.
        #[test]
        fn never_gives_a_share_above_its_weight(
            (weights, total) in prop::collection::vec(0i64..1_000_000, 1..8)
                .prop_filter("some weight", |w| w.iter().any(|x| *x > 0))
                .prop_flat_map(|w| { let sum: i64 = w.iter().sum(); (Just(w), 0..=sum) })
        ) {
            let sum: i64 = weights.iter().sum();
            let shares = split_by_weights(total, &weights).unwrap();
            prop_assert_eq!(shares.iter().sum::<i64>(), total);
            for (s, w) in shares.iter().zip(&weights) {
                prop_assert!(*s <= *w, "share {} above weight {}", s, w);
                let exact_floor = i128::from(total) * i128::from(*w) / i128::from(sum);
                prop_assert!(i128::from(*s) == exact_floor || i128::from(*s) == exact_floor + 1);
            }
        }
    }
}
