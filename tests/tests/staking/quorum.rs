//! The bonded quorum (docs/design.md section 14): keeper bonds and the ballot of each epoch.

use io_sdk::uptime::UptimeTree;
use io_staking::error::StakingError;
use io_staking::events::{RootFinalized, VoteCast};
use io_staking::math::ballot::quorum_votes;
use io_staking::state::{ballot_status, QuorumParams, StakingParams};
use io_test_harness::quorum::{test_quorum_params, Keeper, UptimeBook};
use io_test_harness::{assert_staking_error, events, Protocol, TestChain};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

const BOND: u64 = 1_000;

async fn with_keepers(count: usize, quorum_bps: u16) -> (TestChain, Protocol, Vec<Keeper>) {
    let (mut chain, protocol) = protocol().await;
    let keepers = chain
        .setup_quorum(&protocol, count, test_quorum_params(quorum_bps))
        .await;
    (chain, protocol, keepers)
}

/// A one-leaf tree for `epoch` whose root differs with `salt`.
fn tree(epoch: u32, salt: u8) -> UptimeTree {
    let mut book = UptimeBook::default();
    book.track(anchor_lang::prelude::Pubkey::new_from_array([salt; 32]));
    book.tree(epoch)
}

fn all(keepers: &[Keeper]) -> u16 {
    keepers.iter().fold(0, |mask, k| mask | k.bit())
}

#[tokio::test]
async fn a_keeper_bonds_unbonds_and_withdraws_after_the_cooldown() {
    let (mut chain, protocol, keepers) = with_keepers(1, 6_667).await;
    let a = protocol.addresses;
    let k = &keepers[0];
    let set = chain.keeper_set(&protocol).await;
    let bond = &set.keepers[k.slot as usize];
    assert_eq!((bond.bonded, set.total_bonded), (BOND, BOND));
    assert_eq!(bond.vote_key, k.vote.pubkey());
    assert_eq!(bond.url(), "http://keeper.test");
    assert_eq!(chain.token_balance(a.keeper_vault).await, BOND);

    let early = a.withdraw_keeper_bond(k.operator.pubkey(), k.operator_token);
    let result = chain.process(&[early], &[&k.operator]).await;
    assert_staking_error(result, StakingError::KeeperNotUnbonding);
    let unbond = a.request_keeper_unbond(k.operator.pubkey());
    chain.process(&[unbond], &[&k.operator]).await.unwrap();
    let again = a.request_keeper_unbond(k.operator.pubkey());
    let result = chain.process(&[again], &[&k.operator]).await;
    assert_staking_error(result, StakingError::KeeperUnbonding);
    let more = a.bond_keeper(k.operator.pubkey(), k.operator_token, 1);
    let result = chain.process(&[more], &[&k.operator]).await;
    assert_staking_error(result, StakingError::KeeperUnbonding);

    // Unbonding: no more commits, and the bond stays locked for the cooldown.
    chain.close_epochs_through(&protocol, 1).await;
    let result = chain.open_ballot(&protocol, 1).await;
    assert_staking_error(result, StakingError::EmptyElectorate);
    let withdraw = a.withdraw_keeper_bond(k.operator.pubkey(), k.operator_token);
    let result = chain
        .process(std::slice::from_ref(&withdraw), &[&k.operator])
        .await;
    assert_staking_error(result, StakingError::KeeperBondLocked);
    chain.advance(StakingParams::MIN_COOLDOWN_SECONDS).await;
    chain.process(&[withdraw], &[&k.operator]).await.unwrap();
    assert_eq!(chain.token_balance(k.operator_token).await, BOND);
    assert_eq!(chain.token_balance(a.keeper_vault).await, 0);
    let set = chain.keeper_set(&protocol).await;
    assert!(set.keepers[k.slot as usize].is_free());
    assert_eq!(set.total_bonded, 0);
    // The slot is free for another operator.
    let next = chain.admit_keeper(&protocol, BOND).await;
    assert_eq!(next.slot, k.slot);
}

#[tokio::test]
async fn only_the_admin_admits_and_at_most_sixteen_keepers() {
    let (mut chain, protocol, keepers) = with_keepers(1, 6_667).await;
    let a = protocol.addresses;
    let stranger = Keypair::new();
    let ix = a.admit_keeper(stranger.pubkey(), stranger.pubkey());
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::UnauthorizedAdmin);
    let ix = a.admit_keeper(protocol.admin.pubkey(), keepers[0].operator.pubkey());
    let result = chain.process(&[ix], &[&protocol.admin]).await;
    assert_staking_error(result, StakingError::KeeperExists);
    let other = chain.admit_keeper(&protocol, BOND).await;
    for _ in 2..16 {
        let ix = a.admit_keeper(protocol.admin.pubkey(), Keypair::new().pubkey());
        chain.process(&[ix], &[&protocol.admin]).await.unwrap();
    }
    let ix = a.admit_keeper(protocol.admin.pubkey(), Keypair::new().pubkey());
    let result = chain.process(&[ix], &[&protocol.admin]).await;
    assert_staking_error(result, StakingError::KeeperSetFull);

    // Operators' own settings.
    let k = &keepers[0];
    let stranger_token = chain.fund(&stranger.pubkey(), 1).await;
    chain.airdrop(&stranger.pubkey(), 1_000_000_000).await;
    let ix = a.bond_keeper(stranger.pubkey(), stranger_token, 1);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::NotKeeper);
    let long = "h".repeat(129);
    let ix = a.set_keeper_info(k.operator.pubkey(), k.vote.pubkey(), &long);
    let result = chain.process(&[ix], &[&k.operator]).await;
    assert_staking_error(result, StakingError::KeeperUrlTooLong);
    let ix = a.set_keeper_info(k.operator.pubkey(), other.vote.pubkey(), "http://x");
    let result = chain.process(&[ix], &[&k.operator]).await;
    assert_staking_error(result, StakingError::InvalidVoteKey);
}

#[tokio::test]
async fn the_quorum_for_one_two_three_four_seven_and_sixteen_keepers() {
    for (count, needed) in [(1usize, 1usize), (2, 2), (3, 3), (4, 3), (7, 5), (16, 11)] {
        assert_eq!(quorum_votes(count as u32, 6_667), Some(needed as u32));
        let (mut chain, protocol, keepers) = with_keepers(count, 6_667).await;
        let a = protocol.addresses;
        chain.close_epochs_through(&protocol, 1).await;
        let root = tree(1, 1);
        chain.open_ballot(&protocol, 1).await.unwrap();
        for k in &keepers {
            chain.commit(&a, k, 1).await.unwrap();
        }
        let ballot = chain.ballot(&protocol, 1).await;
        assert_eq!(ballot.quorum as usize, needed, "{count} keepers");
        assert_eq!(ballot.electorate, all(&keepers));
        for (i, k) in keepers[..needed].iter().enumerate() {
            let ix = a.cast_vote(k.vote.pubkey(), 1, root.root(), 1, all(&keepers));
            let (result, emitted) = chain.process_with_events(&[ix], &[&k.vote]).await;
            result.unwrap();
            let finalized = events::decode::<RootFinalized>(&emitted);
            assert_eq!(
                finalized.len(),
                usize::from(i + 1 == needed),
                "{count}: vote {i}"
            );
        }
        let set = chain.keeper_set(&protocol).await;
        assert_eq!(
            (set.latest_root.epoch, set.latest_root.root),
            (1, root.root())
        );
    }
}

#[tokio::test]
async fn outsiders_early_votes_late_commits_and_second_commits_are_refused() {
    let (mut chain, protocol, keepers) = with_keepers(3, 6_667).await;
    let a = protocol.addresses;
    let result = chain.open_ballot(&protocol, 1).await;
    assert_staking_error(result, StakingError::EpochNotClosed);
    chain.close_epochs_through(&protocol, 2).await;
    chain.open_ballot(&protocol, 1).await.unwrap();
    let result = chain.open_ballot(&protocol, 1).await;
    assert!(result.is_err(), "a ballot opens once");

    let outsider = Keeper {
        operator: Keypair::new(),
        vote: Keypair::new(),
        operator_token: keepers[0].operator_token,
        slot: 9,
    };
    chain.airdrop(&outsider.vote.pubkey(), 1_000_000_000).await;
    assert_staking_error(
        chain.commit(&a, &outsider, 1).await,
        StakingError::NotKeeper,
    );
    // Admitted but bonded below the minimum; then bonded, but after the ballot opened.
    let late = chain.admit_keeper(&protocol, BOND - 1).await;
    assert_staking_error(
        chain.commit(&a, &late, 1).await,
        StakingError::KeeperBondTooLow,
    );
    let top_up = a.bond_keeper(late.operator.pubkey(), late.operator_token, 1);
    chain.fund_into(late.operator_token, 1).await;
    chain.process(&[top_up], &[&late.operator]).await.unwrap();
    assert_staking_error(
        chain.commit(&a, &late, 1).await,
        StakingError::NotInElectorate,
    );

    chain.commit(&a, &keepers[0], 1).await.unwrap();
    assert_staking_error(
        chain.commit(&a, &keepers[0], 1).await,
        StakingError::ObservationAlreadyCommitted,
    );
    let root = tree(1, 1);
    assert_staking_error(
        chain.vote(&a, &keepers[0], &root, keepers[0].bit()).await,
        StakingError::ObservePhaseOpen,
    );
    chain.commit(&a, &keepers[1], 1).await.unwrap();
    chain.advance(QuorumParams::DEFAULT_OBSERVE_SECONDS).await;
    assert_staking_error(
        chain.commit(&a, &keepers[2], 1).await,
        StakingError::ObservePhaseOver,
    );
    // Only committed observations may be merged; a tree has leaves.
    assert_staking_error(
        chain.vote(&a, &keepers[0], &root, all(&keepers)).await,
        StakingError::ObservationNotCommitted,
    );
    let ix = a.cast_vote(
        keepers[0].vote.pubkey(),
        1,
        root.root(),
        0,
        keepers[0].bit(),
    );
    let result = chain.process(&[ix], &[&keepers[0].vote]).await;
    assert_staking_error(result, StakingError::InvalidLeafCount);

    // An unbonding keeper neither commits nor votes.
    let k = &keepers[2];
    let unbond = a.request_keeper_unbond(k.operator.pubkey());
    chain.process(&[unbond], &[&k.operator]).await.unwrap();
    let committed = keepers[0].bit() | keepers[1].bit();
    assert_staking_error(
        chain.vote(&a, k, &root, committed).await,
        StakingError::KeeperUnbonding,
    );
}

#[tokio::test]
async fn a_vote_changes_until_the_ballot_finalizes_and_roots_only_move_forward() {
    let (mut chain, protocol, keepers) = with_keepers(3, 6_667).await;
    let a = protocol.addresses;
    chain.close_epochs_through(&protocol, 3).await;
    chain.open_ballot(&protocol, 2).await.unwrap();
    for k in &keepers {
        chain.commit(&a, k, 2).await.unwrap();
    }
    let (good, bad) = (tree(2, 1), tree(2, 2));
    let set = all(&keepers);
    chain.vote(&a, &keepers[0], &good, set).await.unwrap();
    chain.vote(&a, &keepers[1], &good, set).await.unwrap();
    chain.vote(&a, &keepers[2], &bad, set).await.unwrap();
    assert_eq!(chain.ballot(&protocol, 2).await.status, ballot_status::OPEN);
    let ix = a.cast_vote(keepers[2].vote.pubkey(), 2, good.root(), 1, set);
    let (result, emitted) = chain.process_with_events(&[ix], &[&keepers[2].vote]).await;
    result.unwrap();
    let vote: VoteCast = events::single(&emitted);
    assert!(vote.changed && vote.votes == 3);
    let finalized: RootFinalized = events::single(&emitted);
    assert!(!finalized.by_admin);
    let ballot = chain.ballot(&protocol, 2).await;
    assert_eq!(ballot.status, ballot_status::FINALIZED_BY_QUORUM);
    assert_staking_error(
        chain.vote(&a, &keepers[0], &bad, set).await,
        StakingError::BallotFinalized,
    );
    // Epoch 1 is behind the finalized root: its ballot can no longer open.
    assert_staking_error(
        chain.open_ballot(&protocol, 1).await,
        StakingError::BallotSuperseded,
    );

    // Epoch 3's ballot is open and may still finalize; epoch 2's is final and closes, its rent
    // back to the opener (the harness's payer).
    chain.open_ballot(&protocol, 3).await.unwrap();
    let opener = chain.payer().pubkey();
    let result = chain.process(&[a.close_ballot(3, opener)], &[]).await;
    assert_staking_error(result, StakingError::BallotStillOpen);
    let wrong = a.close_ballot(2, keepers[0].vote.pubkey());
    assert_staking_error(
        chain.process(&[wrong], &[]).await,
        StakingError::AccountMismatch,
    );
    chain
        .process(&[a.close_ballot(2, opener)], &[])
        .await
        .unwrap();
    assert!(chain.account(a.ballot(2)).await.is_none());
    // Once a later root is final, the stale ballot of 3 closes too.
    chain.close_epochs_through(&protocol, 4).await;
    chain.vote_root(&protocol, &keepers, 3, &tree(4, 1)).await;
    chain
        .process(&[a.close_ballot(3, opener)], &[])
        .await
        .unwrap();
}

#[tokio::test]
async fn the_admin_finalizes_only_a_voted_root_and_only_after_the_stall() {
    let (mut chain, protocol, keepers) = with_keepers(3, 6_667).await;
    let a = protocol.addresses;
    chain.close_epochs_through(&protocol, 1).await;
    chain.open_ballot(&protocol, 1).await.unwrap();
    for k in &keepers {
        chain.commit(&a, k, 1).await.unwrap();
    }
    let (first, second, never) = (tree(1, 1), tree(1, 2), tree(1, 3));
    let set = all(&keepers);
    chain.vote(&a, &keepers[0], &first, set).await.unwrap();
    chain.vote(&a, &keepers[1], &second, set).await.unwrap();
    let admin = protocol.admin.pubkey();
    let finalize = |t: &UptimeTree| a.finalize_stalled(admin, 1, t.root(), 1, set);
    let result = chain.process(&[finalize(&first)], &[&protocol.admin]).await;
    assert_staking_error(result, StakingError::NotStalled);
    let stall = QuorumParams::DEFAULT_STALL_EPOCHS;
    chain.close_epochs_through(&protocol, 1 + stall).await;
    let result = chain.process(&[finalize(&never)], &[&protocol.admin]).await;
    assert_staking_error(result, StakingError::RootNotVoted);
    let stranger = Keypair::new();
    let ix = a.finalize_stalled(stranger.pubkey(), 1, first.root(), 1, set);
    let result = chain.process(&[ix], &[&stranger]).await;
    assert_staking_error(result, StakingError::UnauthorizedAdmin);
    let (result, emitted) = chain
        .process_with_events(&[finalize(&first)], &[&protocol.admin])
        .await;
    result.unwrap();
    let finalized: RootFinalized = events::single(&emitted);
    assert!(finalized.by_admin && finalized.votes == 1);
    let ballot = chain.ballot(&protocol, 1).await;
    assert_eq!(ballot.status, ballot_status::FINALIZED_BY_ADMIN);
}

#[tokio::test]
async fn quorum_parameters_are_bounded_and_staged_once_devices_exist() {
    let (mut chain, protocol, _keepers) = with_keepers(1, 6_667).await;
    let a = protocol.addresses;
    let admin = protocol.admin.pubkey();
    let mut params = test_quorum_params(5_000);
    let ix = a.update_quorum_params(admin, params);
    let result = chain.process(&[ix], &[&protocol.admin]).await;
    assert_staking_error(result, StakingError::QuorumParamsOutOfRange);
    params.quorum_bps = 7_500;
    params.stall_epochs = 0;
    let ix = a.update_quorum_params(admin, params);
    let result = chain.process(&[ix], &[&protocol.admin]).await;
    assert_staking_error(result, StakingError::QuorumParamsOutOfRange);
    params.stall_epochs = 10;
    // No device yet: at once.
    let ix = a.update_quorum_params(admin, params);
    chain.process(&[ix], &[&protocol.admin]).await.unwrap();
    let now = chain.now().await;
    assert_eq!(chain.keeper_set(&protocol).await.params_at(now), params);
    // With a device registered: after the governance delay.
    staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let mut later = params;
    later.min_keeper_bond = 5_000;
    let ix = a.update_quorum_params(admin, later);
    chain.process(&[ix], &[&protocol.admin]).await.unwrap();
    let set = chain.keeper_set(&protocol).await;
    let now = chain.now().await;
    assert_eq!(set.params_at(now), params);
    let delay = chain
        .config_state(&protocol)
        .await
        .governance_delay(now)
        .unwrap();
    assert_eq!(set.params_at(now + delay), later);
}
