//! Settling devices from their leaves (docs/design.md section 14): exact accounting, refused
//! proofs, the window edge, the colluding-quorum bound, and the size of a settle transaction.

use anchor_lang::prelude::Pubkey;
use io_sdk::staking::LeafProof;
use io_staking::error::StakingError;
use io_staking::events::DeviceSettled;
use io_staking::math::merkle::MAX_DEPTH;
use io_staking::math::rewards::RPW_SCALE;
use io_test_harness::quorum::{test_quorum_params, Keeper, UptimeBook};
use io_test_harness::{assert_staking_error, events, DeviceHandle, Protocol, TestChain};
use solana_signer::Signer;

use crate::common::*;

async fn with_keepers(count: usize, quorum_bps: u16) -> (TestChain, Protocol, Vec<Keeper>) {
    let (mut chain, protocol) = protocol().await;
    let keepers = chain
        .setup_quorum(&protocol, count, test_quorum_params(quorum_bps))
        .await;
    (chain, protocol, keepers)
}

/// Closes through `epoch`, and the keepers finalize `book`'s tree of it (every keeper votes).
async fn finalize(
    chain: &mut TestChain,
    protocol: &Protocol,
    keepers: &[Keeper],
    book: &UptimeBook,
    epoch: u32,
) -> io_sdk::uptime::UptimeTree {
    chain.close_epochs_through(protocol, epoch).await;
    let tree = book.tree(epoch);
    chain
        .vote_root(protocol, keepers, keepers.len(), &tree)
        .await;
    assert_eq!(chain.keeper_set(protocol).await.latest_root.epoch, epoch);
    tree
}

async fn settled(
    chain: &mut TestChain,
    protocol: &Protocol,
    tree: &io_sdk::uptime::UptimeTree,
    dev: &DeviceHandle,
) -> DeviceSettled {
    let leaf = tree.proof_for(&dev.device).unwrap();
    let ix = protocol.addresses.settle(dev.device, &leaf);
    let (result, emitted) = chain.process_with_events(&[ix], &[]).await;
    result.unwrap();
    events::single(&emitted)
}

/// Section 6 on the pool: nothing credited beyond what was emitted, and emitted = credited +
/// carry + what active devices hold unsettled, less the dust each settlement rounds away.
async fn assert_conserved(chain: &mut TestChain, protocol: &Protocol, devices: &[&DeviceHandle]) {
    let pool = chain.pool_state(protocol).await;
    let mut outstanding = 0u128;
    for dev in devices {
        let d = chain.device_state(dev).await;
        if d.active {
            let rpw = pool.class(d.reward_class).reward_per_weight;
            outstanding += d.weight as u128 * (rpw - d.checkpoint_rpw);
        }
    }
    let emitted = pool.total_emitted as u128 * RPW_SCALE;
    let held = pool.total_credited as u128 * RPW_SCALE + pool.carry_scaled() + outstanding;
    assert!(held <= emitted, "more held than emitted");
    assert!(emitted - held < 10_000 * RPW_SCALE, "dust beyond rounding");
    assert_eq!(
        chain.token_balance(protocol.rewards_vault).await,
        pool.total_emitted - pool.total_claimed
    );
}

#[tokio::test]
async fn a_settle_nominates_then_credits_the_up_epochs() {
    let (mut chain, protocol, keepers) = with_keepers(1, 6_667).await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let mut book = UptimeBook::default();
    book.mark_up_range(dev.device, 1..=5);
    let tree = finalize(&mut chain, &protocol, &keepers, &book, 5).await;
    let first = settled(&mut chain, &protocol, &tree, &dev).await;
    assert!(first.activated && first.active && first.streak == 5);
    assert_eq!((first.credited, first.from_epoch), (0, 1));

    // Up in 6 and 8, down in 7: two epochs credited, one forfeited.
    book.mark_up(dev.device, 6);
    book.mark_up(dev.device, 8);
    let tree = finalize(&mut chain, &protocol, &keepers, &book, 8).await;
    let pool_before = chain.pool_state(&protocol).await;
    let second = settled(&mut chain, &protocol, &tree, &dev).await;
    assert_eq!(second.from_epoch, 6);
    assert!(second.credited > 0 && second.forfeited > 0);
    assert!(second.credited + second.forfeited <= pool_before.total_emitted);
    let state = chain.device_state(&dev).await;
    assert_eq!(
        (state.settled_epoch, state.last_attested_epoch, state.streak),
        (8, 8, 1)
    );
    assert_eq!(state.pending_rewards, second.credited);
    chain.claim(&protocol, &dev).await.unwrap();

    // A claim with the settle in front: epoch 9's credit is claimed in the same transaction.
    book.mark_up(dev.device, 9);
    let tree = finalize(&mut chain, &protocol, &keepers, &book, 9).await;
    let leaf = tree.proof_for(&dev.device).unwrap();
    let a = protocol.addresses;
    let claim = a.claim_rewards(dev.owner.pubkey(), dev.device, dev.owner_token);
    let before = chain.token_balance(dev.owner_token).await;
    chain
        .process(&a.settle_then(dev.device, &leaf, [claim]), &[&dev.owner])
        .await
        .unwrap();
    let state = chain.device_state(&dev).await;
    assert_eq!(state.pending_rewards, 0);
    assert!(chain.token_balance(dev.owner_token).await > before);
    assert_conserved(&mut chain, &protocol, &[&dev]).await;
}

#[tokio::test]
async fn proofs_of_another_device_epoch_or_uptime_and_unavailable_roots_are_refused() {
    let (mut chain, protocol, keepers) = with_keepers(1, 6_667).await;
    let a = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let b = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let mut book = UptimeBook::default();
    book.mark_up_range(a.device, 1..=5);
    book.mark_up_range(b.device, 2..=5);
    let five = finalize(&mut chain, &protocol, &keepers, &book, 5).await;
    let eight = finalize(&mut chain, &protocol, &keepers, &book, 8).await;
    let leaf_a = eight.proof_for(&a.device).unwrap();
    let leaf_b = eight.proof_for(&b.device).unwrap();

    let result = chain.settle(&protocol, a.device, &leaf_b).await;
    assert_staking_error(result, StakingError::InvalidProof);
    let mut flipped = leaf_a.clone();
    flipped.uptime[0] ^= 1 << 3;
    let result = chain.settle(&protocol, a.device, &flipped).await;
    assert_staking_error(result, StakingError::InvalidProof);
    let other_epoch = LeafProof {
        epoch: 5,
        ..leaf_a.clone()
    };
    let result = chain.settle(&protocol, a.device, &other_epoch).await;
    assert_staking_error(result, StakingError::InvalidProof);
    let not_final = LeafProof {
        epoch: 9,
        ..leaf_a.clone()
    };
    let result = chain.settle(&protocol, a.device, &not_final).await;
    assert_staking_error(result, StakingError::RootNotFinalized);

    // The previous root still lands once a newer one is final; older ones do not.
    let ten = finalize(&mut chain, &protocol, &keepers, &book, 10).await;
    let old = five.proof_for(&a.device).unwrap();
    let result = chain.settle(&protocol, a.device, &old).await;
    assert_staking_error(result, StakingError::RootTooOld);
    let from_eight = settled(&mut chain, &protocol, &eight, &b).await;
    assert_eq!((from_eight.root_epoch, from_eight.streak), (8, 4));
    assert!(!from_eight.activated, "down in epoch 8: not nominated");
    let from_ten = settled(&mut chain, &protocol, &ten, &b).await;
    assert_eq!(from_ten.from_epoch, 9);
}

#[tokio::test]
async fn settling_twice_against_one_root_changes_nothing() {
    let (mut chain, protocol, keepers) = with_keepers(1, 6_667).await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let mut book = UptimeBook::default();
    book.mark_up_range(dev.device, 1..=9);
    let five = finalize(&mut chain, &protocol, &keepers, &book, 5).await;
    settled(&mut chain, &protocol, &five, &dev).await;
    let nine = finalize(&mut chain, &protocol, &keepers, &book, 9).await;
    settled(&mut chain, &protocol, &nine, &dev).await;
    let once = chain.device_state(&dev).await;
    let pool_once = chain.pool_state(&protocol).await;
    let leaf = nine.proof_for(&dev.device).unwrap();
    let (result, emitted) = chain
        .process_with_events(&[protocol.addresses.settle(dev.device, &leaf)], &[])
        .await;
    result.unwrap();
    assert!(events::decode::<DeviceSettled>(&emitted).is_empty());
    // The previous root is older than what the device settled: a no-op too.
    chain
        .settle_from(&protocol, &five, dev.device)
        .await
        .unwrap();
    let twice = chain.device_state(&dev).await;
    let pool_twice = chain.pool_state(&protocol).await;
    assert_eq!(
        (once.total_credited, once.checkpoint_rpw, once.settled_epoch),
        (
            twice.total_credited,
            twice.checkpoint_rpw,
            twice.settled_epoch
        )
    );
    assert_eq!(pool_once.total_credited, pool_twice.total_credited);
    assert_eq!(pool_once.carry_scaled(), pool_twice.carry_scaled());
}

#[tokio::test]
async fn epochs_older_than_the_720_epoch_window_are_forfeited() {
    let (mut chain, protocol, keepers) = with_keepers(1, 6_667).await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let mut book = UptimeBook::default();
    book.mark_up_range(dev.device, 1..=730);
    let five = finalize(&mut chain, &protocol, &keepers, &book, 5).await;
    settled(&mut chain, &protocol, &five, &dev).await;
    let late = finalize(&mut chain, &protocol, &keepers, &book, 730).await;
    let leaf = late.proof_for(&dev.device).unwrap();
    let ix = protocol.addresses.settle(dev.device, &leaf);
    let (result, emitted) = chain.process_with_events(&[ix], &[]).await;
    result.unwrap();
    let event: DeviceSettled = events::single(&emitted);
    // 730 − 719: epochs 6..=10 are outside the leaf and go back to the pool.
    assert_eq!(event.from_epoch, 11);
    assert!(event.forfeited > 0 && event.credited > event.forfeited);
    assert!(event.active);
    assert_conserved(&mut chain, &protocol, &[&dev]).await;
}

#[tokio::test]
async fn two_colluding_keepers_of_three_pay_a_down_device_at_most_its_full_uptime_share() {
    // Two of three finalize (quorum 60% of 3, rounded up).
    let (mut chain, protocol, keepers) = with_keepers(3, 6_000).await;
    let honest = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let down = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let mut truth = UptimeBook::default();
    truth.mark_up_range(honest.device, 1..=30);
    truth.track(down.device);
    let mut lie = truth.clone();
    lie.mark_up_range(down.device, 1..=30);
    let a = protocol.addresses;
    let every = keepers.iter().fold(0u16, |m, k| m | k.bit());
    for epoch in [5, 30] {
        chain.close_epochs_through(&protocol, epoch).await;
        let (honest_tree, lying_tree) = (truth.tree(epoch), lie.tree(epoch));
        chain.open_ballot(&protocol, epoch).await.unwrap();
        for k in &keepers {
            chain.commit(&a, k, epoch).await.unwrap();
        }
        chain
            .vote(&a, &keepers[2], &honest_tree, every)
            .await
            .unwrap();
        chain
            .vote(&a, &keepers[0], &lying_tree, every)
            .await
            .unwrap();
        chain
            .vote(&a, &keepers[1], &lying_tree, every)
            .await
            .unwrap();
        assert_eq!(
            chain.keeper_set(&protocol).await.latest_root.root,
            lying_tree.root()
        );
        for dev in [&honest, &down] {
            chain
                .settle_from(&protocol, &lying_tree, dev.device)
                .await
                .unwrap();
        }
    }
    let (h, d) = (
        chain.device_state(&honest).await,
        chain.device_state(&down).await,
    );
    let pool = chain.pool_state(&protocol).await;
    // Equal weights, both "up" from the same epoch: the down device gets what an up one
    // gets, and together never more than was emitted.
    assert!(d.total_credited > 0);
    assert!(d.total_credited <= h.total_credited + 1);
    assert!(h.total_credited + d.total_credited <= pool.total_emitted);
    assert_conserved(&mut chain, &protocol, &[&honest, &down]).await;
    let supply = chain.mint_supply().await;
    let minted = chain.pool_state(&protocol).await.total_emitted;
    assert_eq!(
        supply,
        io_emission::schedule::genesis_supply(8).unwrap() + minted
    );
}

#[test]
fn a_settle_at_depth_twenty_fits_a_legacy_transaction() {
    let addresses =
        io_sdk::Addresses::for_mint(Pubkey::new_unique()).with_rpw_ring(Pubkey::new_unique());
    let leaf = LeafProof {
        epoch: 175_319,
        uptime: [0xff; 90],
        index: (1 << MAX_DEPTH) - 1,
        proof: vec![[7; 32]; MAX_DEPTH],
    };
    let payer = solana_keypair::Keypair::new();
    let budget =
        solana_compute_budget_interface::ComputeBudgetInstruction::set_compute_unit_limit(400_000);
    let settle = addresses.settle(Pubkey::new_unique(), &leaf);
    let tx = solana_transaction::Transaction::new_signed_with_payer(
        &[budget, settle],
        Some(&payer.pubkey()),
        &[&payer],
        Default::default(),
    );
    let bytes = bincode::serialize(&tx).unwrap().len();
    println!("settle at depth 20 with a compute-unit limit: {bytes} bytes of 1,232");
    assert!(bytes <= solana_packet::PACKET_DATA_SIZE, "{bytes} bytes");
}
