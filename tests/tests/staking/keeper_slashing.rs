//! Keeper bonds are slashed through the slash-case machinery (docs/design.md sections 5 and 14):
//! escrow at opening, the operator's appeal, the arbiter's ruling, burn or return, lapse.

use io_staking::error::StakingError;
use io_staking::state::{KeeperCase, SlashReason, SlashingParams};
use io_staking::{KeeperRuling, OpenKeeperCaseArgs};
use io_test_harness::quorum::{test_quorum_params, Keeper};
use io_test_harness::{assert_staking_error, Protocol, TestChain};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

const BOND: u64 = 1_000;

async fn one_keeper() -> (TestChain, Protocol, Keeper) {
    let (mut chain, protocol) = protocol().await;
    let mut keepers = chain
        .setup_quorum(&protocol, 1, test_quorum_params(6_667))
        .await;
    (chain, protocol, keepers.remove(0))
}

/// Opens case `case_id` for `amount` of keeper `k`'s bond.
async fn open(
    chain: &mut TestChain,
    protocol: &Protocol,
    k: &Keeper,
    case_id: u64,
    amount: u64,
) -> io_test_harness::TxResult {
    let args = OpenKeeperCaseArgs {
        case_id,
        slot: k.slot,
        amount,
        reason: SlashReason::CompromisedData,
        evidence_hash: [9; 32],
    };
    let ix = protocol
        .addresses
        .open_keeper_case(protocol.slasher.pubkey(), args);
    chain.process(&[ix], &[&protocol.slasher]).await
}

#[tokio::test]
async fn an_upheld_keeper_case_burns_the_escrow_and_the_keeper_stops_voting() {
    let (mut chain, protocol, k) = one_keeper().await;
    let a = protocol.addresses;
    let stranger = Keypair::new();
    chain.airdrop(&stranger.pubkey(), 1_000_000_000).await;
    let args = OpenKeeperCaseArgs {
        case_id: 0,
        slot: k.slot,
        amount: 10,
        reason: SlashReason::Other,
        evidence_hash: [0; 32],
    };
    let ix = a.open_keeper_case(stranger.pubkey(), args);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::UnauthorizedSlasher);
    let result = open(&mut chain, &protocol, &k, 0, BOND + 1).await;
    assert_staking_error(result, StakingError::SlashExceedsBalance);
    let result = open(&mut chain, &protocol, &k, 1, 10).await;
    assert_staking_error(result, StakingError::AccountMismatch);
    open(&mut chain, &protocol, &k, 0, 400).await.unwrap();
    let set = chain.keeper_set(&protocol).await;
    let bond = &set.keepers[k.slot as usize];
    assert_eq!((bond.bonded, bond.escrowed), (BOND - 400, 400));
    assert_eq!(
        (set.total_bonded, set.total_escrowed, set.cases_opened),
        (600, 400, 1)
    );
    // Below the minimum bond: no vote.
    chain.close_epochs_through(&protocol, 1).await;
    let result = chain.open_ballot(&protocol, 1).await;
    assert_staking_error(result, StakingError::EmptyElectorate);

    let case = a.keeper_case(0);
    let ix = a.appeal_keeper_case(stranger.pubkey(), case, [1; 32]);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::NotKeeper);
    let appeal = a.appeal_keeper_case(k.operator.pubkey(), case, [1; 32]);
    chain
        .process(std::slice::from_ref(&appeal), &[&k.operator])
        .await
        .unwrap();
    let result = chain.process(&[appeal], &[&k.operator]).await;
    assert_staking_error(result, StakingError::AlreadyAppealed);
    let ix = a.resolve_keeper_case(stranger.pubkey(), case, KeeperRuling::Execute);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::CaseAppealed);
    let ix = a.resolve_keeper_case(stranger.pubkey(), case, KeeperRuling::Uphold);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::UnauthorizedArbiter);

    let supply = chain.mint_supply().await;
    let uphold = a.resolve_keeper_case(protocol.arbiter.pubkey(), case, KeeperRuling::Uphold);
    chain
        .airdrop(&protocol.arbiter.pubkey(), 1_000_000_000)
        .await;
    chain
        .process(std::slice::from_ref(&uphold), &[&protocol.arbiter])
        .await
        .unwrap();
    assert_eq!(chain.mint_supply().await, supply - 400);
    assert_eq!(chain.token_balance(a.keeper_vault).await, BOND - 400);
    let set = chain.keeper_set(&protocol).await;
    assert_eq!((set.total_escrowed, set.total_burned), (0, 400));
    let result = chain.process(&[uphold], &[&protocol.arbiter]).await;
    assert_staking_error(result, StakingError::CaseResolved);
}

#[tokio::test]
async fn unappealed_cases_are_executed_after_the_deadline_and_unruled_ones_lapse() {
    let (mut chain, protocol, k) = one_keeper().await;
    let a = protocol.addresses;
    let anyone = Keypair::new();
    chain.airdrop(&anyone.pubkey(), 1_000_000_000).await;
    open(&mut chain, &protocol, &k, 0, 100).await.unwrap();
    open(&mut chain, &protocol, &k, 1, 200).await.unwrap();
    let (first, second) = (a.keeper_case(0), a.keeper_case(1));
    let appeal = a.appeal_keeper_case(k.operator.pubkey(), second, [2; 32]);
    chain.process(&[appeal], &[&k.operator]).await.unwrap();
    let execute = a.resolve_keeper_case(anyone.pubkey(), first, KeeperRuling::Execute);
    let result = chain
        .process(std::slice::from_ref(&execute), &[&anyone])
        .await;
    assert_staking_error(result, StakingError::AppealPeriodNotOver);
    let lapse = a.resolve_keeper_case(anyone.pubkey(), second, KeeperRuling::Lapse);
    let result = chain
        .process(std::slice::from_ref(&lapse), &[&anyone])
        .await;
    assert_staking_error(result, StakingError::RulingWindowNotOver);

    let published = SlashingParams::published();
    chain.advance(published.appeal_period_seconds).await;
    let late = a.appeal_keeper_case(k.operator.pubkey(), first, [3; 32]);
    let result = chain.process(&[late], &[&k.operator]).await;
    assert_staking_error(result, StakingError::AppealPeriodOver);
    chain.process(&[execute], &[&anyone]).await.unwrap();
    chain.advance(published.ruling_window_seconds).await;
    let overturn = a.resolve_keeper_case(protocol.arbiter.pubkey(), second, KeeperRuling::Overturn);
    chain
        .airdrop(&protocol.arbiter.pubkey(), 1_000_000_000)
        .await;
    let result = chain.process(&[overturn], &[&protocol.arbiter]).await;
    assert_staking_error(result, StakingError::RulingWindowOver);
    chain.process(&[lapse], &[&anyone]).await.unwrap();
    let set = chain.keeper_set(&protocol).await;
    let bond = &set.keepers[k.slot as usize];
    // 100 burned; 200 back to the bond.
    assert_eq!((bond.bonded, bond.escrowed), (BOND - 100, 0));
    assert_eq!((set.total_burned, set.total_bonded), (100, BOND - 100));
    let lapsed: KeeperCase = chain.anchor_account(second).await;
    assert_eq!(lapsed.status, io_staking::state::CaseStatus::Lapsed);
}

#[tokio::test]
async fn an_overturned_case_returns_the_bond_and_an_unbonding_keeper_stays_slashable() {
    let (mut chain, protocol, k) = one_keeper().await;
    let a = protocol.addresses;
    let unbond = a.request_keeper_unbond(k.operator.pubkey());
    chain.process(&[unbond], &[&k.operator]).await.unwrap();
    open(&mut chain, &protocol, &k, 0, 300).await.unwrap();
    let case = a.keeper_case(0);
    let appeal = a.appeal_keeper_case(k.operator.pubkey(), case, [4; 32]);
    chain.process(&[appeal], &[&k.operator]).await.unwrap();
    // The bond unlocks, but the escrow stays until the ruling; the slot is not free meanwhile.
    chain
        .advance(io_staking::state::StakingParams::MIN_COOLDOWN_SECONDS)
        .await;
    let withdraw = a.withdraw_keeper_bond(k.operator.pubkey(), k.operator_token);
    chain
        .process(std::slice::from_ref(&withdraw), &[&k.operator])
        .await
        .unwrap();
    assert_eq!(chain.token_balance(k.operator_token).await, BOND - 300);
    assert!(!chain.keeper_set(&protocol).await.keepers[k.slot as usize].is_free());
    let overturn = a.resolve_keeper_case(protocol.arbiter.pubkey(), case, KeeperRuling::Overturn);
    chain
        .airdrop(&protocol.arbiter.pubkey(), 1_000_000_000)
        .await;
    chain
        .process(&[overturn], &[&protocol.arbiter])
        .await
        .unwrap();
    chain.process(&[withdraw], &[&k.operator]).await.unwrap();
    assert_eq!(chain.token_balance(k.operator_token).await, BOND);
    let set = chain.keeper_set(&protocol).await;
    assert!(set.keepers[k.slot as usize].is_free());
    assert_eq!(chain.token_balance(a.keeper_vault).await, 0);
    // The next operator of the slot starts afresh: none of the last one's cases are its own.
    assert_eq!(set.keepers[k.slot as usize].cases_opened, 1);
    let next = chain.admit_keeper(&protocol, BOND).await;
    assert_eq!(next.slot, k.slot);
    let fresh = chain.keeper_set(&protocol).await.keepers[next.slot as usize];
    assert_eq!(
        (fresh.cases_opened, fresh.escrowed, fresh.bonded),
        (0, 0, BOND)
    );
}
