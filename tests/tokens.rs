//! The token decisions a process makes beside a shared store (`server::tokens`): a pair whose
//! write failed is kept and written again, a spent refresh token is never named again, and the
//! lease's timing.
#![cfg(feature = "server")]

use marketsplit::server::tokens::{
    lease_ms, renew_every_ms, spending, Current, Grant, KeyMemory, Renewal, Spending, TokenKey, Tokens,
    REFRESH_MARGIN_MS, SPENT_REMEMBERED,
};

const NOW: i64 = 1_700_000_000_000;

fn pair(access: &str, refresh: Option<&str>, expires_at: i64) -> Tokens {
    Tokens { access_token: access.into(), refresh_token: refresh.map(str::to_string), expires_at }
}

fn seller() -> TokenKey {
    TokenKey::User("seller".into())
}

#[test]
fn without_an_unsaved_pair_the_store_is_read_as_it_is() {
    let mut m = KeyMemory::default();
    let stored = pair("a1", Some("r1"), NOW + 36_000_000);
    assert_eq!(m.reconcile(Some(stored.clone())), Current { tokens: Some(stored), write: false });
    assert_eq!(m.reconcile(None), Current { tokens: None, write: false });
}

#[test]
fn a_new_pair_whose_write_failed_is_used_and_written_again_while_the_store_holds_the_old_one() {
    let old = pair("a1", Some("r1"), NOW + 100_000);
    let new = pair("a2", Some("r2"), NOW + 36_000_000);
    let mut m = KeyMemory::default();
    m.spend("r1");
    m.issued(&new, Some(&old));
    // The store still holds the replaced pair (the write failed): use the new one and write it.
    assert_eq!(m.reconcile(Some(old.clone())), Current { tokens: Some(new.clone()), write: true });
    // So the plan uses the new pair, never the spent refresh token.
    assert_eq!(m.plan(&seller(), Some(&new), None, NOW), Renewal::Use(new.clone()));
    // An empty store is behind too.
    assert_eq!(m.reconcile(None), Current { tokens: Some(new.clone()), write: true });
    // Once the store holds it, it is read from the store.
    assert_eq!(m.reconcile(Some(new.clone())), Current { tokens: Some(new.clone()), write: false });
    // A store that loses the write later (a failover, a restored backup) is behind again: the
    // spent refresh token it holds is never used.
    assert_eq!(m.reconcile(Some(old)), Current { tokens: Some(new), write: true });
}

#[test]
fn a_pair_another_process_wrote_after_the_failed_write_wins_over_the_unsaved_one() {
    let old = pair("a1", Some("r1"), NOW + 100_000);
    let mine = pair("a2", Some("r2"), NOW + 36_000_000);
    let theirs = pair("a9", Some("r9"), NOW + 36_000_000);
    let mut m = KeyMemory::default();
    m.issued(&mine, Some(&old));
    assert_eq!(m.reconcile(Some(theirs.clone())), Current { tokens: Some(theirs), write: false });
    assert_eq!(m.latest, None, "forgotten: writing it again would overwrite the newer pair");
}

#[test]
fn an_application_token_whose_write_failed_is_kept_the_same_way() {
    let old = pair("app1", None, NOW + 10_000);
    let new = pair("app2", None, NOW + 36_000_000);
    let mut m = KeyMemory::default();
    m.issued(&new, Some(&old));
    assert_eq!(m.reconcile(Some(old)), Current { tokens: Some(new.clone()), write: true });
    assert_eq!(m.plan(&TokenKey::App, Some(&new), None, NOW), Renewal::Use(new));
}

#[test]
fn a_spent_refresh_token_is_never_planned_again() {
    let closing = pair("a1", Some("r1"), NOW + REFRESH_MARGIN_MS - 1);
    let mut m = KeyMemory::default();
    assert_eq!(
        m.plan(&seller(), Some(&closing), None, NOW),
        Renewal::Grant(Grant::Refresh { refresh_token: "r1".into() })
    );
    m.spend("r1");
    assert_eq!(m.plan(&seller(), Some(&closing), None, NOW), Renewal::Spent);
    // After a 401 too.
    let fresh = pair("a1", Some("r1"), NOW + 36_000_000);
    assert_eq!(m.plan(&seller(), Some(&fresh), Some("a1"), NOW), Renewal::Spent);
    // Another token is planned as before; a fresh pair is used whatever its refresh token.
    let next = pair("a2", Some("r2"), NOW + REFRESH_MARGIN_MS - 1);
    assert_eq!(
        m.plan(&seller(), Some(&next), None, NOW),
        Renewal::Grant(Grant::Refresh { refresh_token: "r2".into() })
    );
    assert_eq!(m.plan(&seller(), Some(&fresh), None, NOW), Renewal::Use(fresh));
}

#[test]
fn memory_per_key_is_bounded_and_keeps_the_latest() {
    let mut m = KeyMemory::default();
    for i in 0..100 {
        m.spend(&format!("r{i}"));
    }
    m.spend("r99");
    assert!(m.is_spent("r99"));
    assert!(m.is_spent(&format!("r{}", 100 - SPENT_REMEMBERED)));
    assert!(!m.is_spent(&format!("r{}", 99 - SPENT_REMEMBERED)));
}

#[test]
fn a_refresh_token_is_spent_by_a_new_pair_or_a_refusal_and_unknown_otherwise() {
    assert_eq!(spending(Some(200), true), Spending::Spent);
    assert_eq!(spending(Some(400), false), Spending::Spent, "invalid_grant: dead, never sent again");
    // The gateway may never have seen it: sending it again is the only way to keep the pair.
    assert_eq!(spending(None, false), Spending::Unknown);
    assert_eq!(spending(Some(503), false), Spending::Unknown);
    assert_eq!(spending(Some(401), false), Spending::Unknown, "invalid_client says nothing of the token");
    assert_eq!(spending(Some(200), false), Spending::Unknown, "a reply without a pair");
}

#[test]
fn the_lease_is_a_third_of_the_timeout_within_bounds_and_renewed_thrice_per_length() {
    assert_eq!(lease_ms(30_000), 10_000);
    assert_eq!(lease_ms(3_000), 1_000);
    assert_eq!(lease_ms(100), 300);
    assert_eq!(lease_ms(u32::MAX), 10_000);
    assert_eq!(renew_every_ms(9_000), 3_000);
    assert_eq!(renew_every_ms(60), 50);
}
