//! Scale: closing an epoch does not depend on the number of devices, and how many devices one
//! legacy transaction can claim for. (A settle's size at depth 20 is in `settle.rs`.)

use anchor_lang::prelude::Pubkey;
use anchor_lang::AccountSerialize;
use io_staking::math::rewards::RPW_SCALE;
use io_staking::state::{Device, DeviceStatus, RewardClass, RewardPool, StakingConfig};
use io_test_harness::{Protocol, TestChain};
use solana_account::{Account, AccountSharedData};
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;

use crate::common::*;

/// Writes `count` H100 devices straight into the bank: real io-staking Device accounts, staked
/// and active, as if registered and nominated. Setup only (like moving the clock): 10,000
/// registrations through transactions would take minutes and test nothing new.
async fn write_active_devices(
    chain: &mut TestChain,
    protocol: &Protocol,
    count: usize,
) -> Vec<Pubkey> {
    let config: StakingConfig = chain.anchor_account(protocol.config).await;
    let mut pool: RewardPool = chain.anchor_account(protocol.pool).await;
    let rent = chain.ctx.banks_client.get_rent().await.unwrap();
    let lamports = rent.minimum_balance(Device::SIZE);
    let mut keys = Vec::with_capacity(count);
    for _ in 0..count {
        let device_key = Pubkey::new_unique();
        let (address, bump) = Device::find_address(&protocol.config, &device_key);
        let device = Device {
            version: Device::VERSION,
            bump,
            config: protocol.config,
            owner: Pubkey::new_unique(),
            device_key,
            gpu_model: protocol.gpu_model(3),
            hardware_hash: [1; 32],
            gpu_count: 1,
            multiplier_centi: 1_000,
            status: DeviceStatus::Staking,
            stake: config.required_stake(0, 1_000, 1).unwrap(),
            active: true,
            weight: 1_000,
            checkpoint_rpw: pool.classes[0].reward_per_weight,
            registered_after_epoch: pool.last_closed_epoch,
            last_attested_epoch: pool.last_closed_epoch,
            streak: 5,
            pending_rewards: 0,
            total_credited: 0,
            total_forfeited: 0,
            total_claimed: 0,
            registered_at: 0,
            escrowed: 0,
            open_cases: 0,
            cases_opened: 0,
            rewards_slashed: 0,
            reward_class: RewardClass::Enterprise,
            co_staker: Pubkey::default(),
            co_stake: 0,
            co_share_bps: 0,
            co_accepted_at: 0,
            co_exit_requested_at: 0,
            co_pending_rewards: 0,
            co_total_credited: 0,
            co_total_claimed: 0,
            co_rewards_slashed: 0,
            has_co_stake_offer: false,
            rented_until: 0,
            min_usdc_per_hour: 0,
            min_io_per_hour: 0,
            settled_epoch: pool.last_closed_epoch,
            reserved: [0; 32],
        };
        let mut data = Vec::with_capacity(Device::SIZE);
        device.try_serialize(&mut data).unwrap();
        data.resize(Device::SIZE, 0);
        let account = Account {
            lamports,
            data,
            owner: io_staking::ID,
            executable: false,
            rent_epoch: 0,
        };
        chain
            .ctx
            .set_account(&address, &AccountSharedData::from(account));
        keys.push(address);
    }
    pool.classes[0].total_weight += 1_000 * count as u128;
    pool.classes[0].active_devices += count as u32;
    pool.active_devices += count as u32;
    pool.registered_devices += count as u32;
    chain.write_anchor_account(protocol.pool, &pool).await;
    keys
}

#[tokio::test]
async fn closing_an_epoch_uses_the_same_accounts_with_10000_devices_as_with_one() {
    let (mut one_chain, one_protocol) = protocol().await;
    let one = staked_device(&mut one_chain, &one_protocol, "H100", 1, None).await;
    nominate(&mut one_chain, &one_protocol, &[&one]).await;
    one_chain.close_epochs_through(&one_protocol, 6).await;
    let one_accounts = one_protocol.addresses.close_epoch().accounts;

    let (mut chain, protocol) = protocol().await;
    chain.close_epochs_through(&protocol, 5).await;
    let devices = write_active_devices(&mut chain, &protocol, 10_000).await;
    let before = chain.pool_state(&protocol).await;
    assert_eq!(before.active_devices, 10_000);
    let ix = protocol.addresses.close_epoch();
    let close_accounts = ix.accounts.len();
    assert_eq!(close_accounts, one_accounts.len());
    assert_eq!(
        ix.accounts.len(),
        11,
        "config, pool, ring, emission state, mint, vault, 3 programs, 2 event authorities"
    );
    chain.warp_to_epoch_end(6).await;
    chain.process(&[ix], &[]).await.unwrap();
    let after = chain.pool_state(&protocol).await;
    let pot = (before.classes[0].carry_scaled + enterprise(6) as u128 * RPW_SCALE) / 10_000_000;
    assert_eq!(after.classes[0].reward_per_weight, pot);
    println!("close_epoch with 10,000 active devices: {close_accounts} accounts (same as with 1)");
    // Those devices are real: some of them settle from a root of epoch 6 and are credited.
    for device in &devices[..20] {
        chain.uptime.mark_up(*device, 6);
    }
    let tree = chain.finalize_uptime(&protocol, 6).await;
    for device in &devices[..20] {
        chain.settle_from(&protocol, &tree, *device).await.unwrap();
    }
    let first: Device = chain.anchor_account(devices[0]).await;
    assert_eq!(
        first.total_credited,
        (1_000 * after.classes[0].reward_per_weight / RPW_SCALE) as u64
    );
}

#[tokio::test]
async fn the_largest_claim_all_fits_one_legacy_transaction() {
    let (mut chain, protocol) = protocol().await;
    let owner = Keypair::new();
    let owner_token = Pubkey::new_unique();
    let devices: Vec<Pubkey> = (0..64).map(|_| Pubkey::new_unique()).collect();
    let blockhash = chain.latest_blockhash().await;
    let size = |n: usize, with_compute_limit: bool| {
        let mut instructions = Vec::new();
        if with_compute_limit {
            instructions.push(ComputeBudgetInstruction::set_compute_unit_limit(1_400_000));
        }
        instructions.push(
            protocol
                .addresses
                .claim_all(owner.pubkey(), owner_token, &devices[..n]),
        );
        let tx = Transaction::new_signed_with_payer(
            &instructions,
            Some(&owner.pubkey()),
            &[&owner],
            blockhash,
        );
        bincode::serialize(&tx).unwrap().len()
    };
    let largest = (1..=devices.len())
        .take_while(|n| size(*n, false) <= solana_packet::PACKET_DATA_SIZE)
        .last()
        .unwrap();
    println!(
        "largest claim_all in one legacy transaction: {largest} devices; the program takes {}",
        io_staking::MAX_CLAIM_ALL_DEVICES
    );
    assert!(largest >= io_staking::MAX_CLAIM_ALL_DEVICES);
    assert!(
        size(io_staking::MAX_CLAIM_ALL_DEVICES, true) <= solana_packet::PACKET_DATA_SIZE,
        "the program's limit fits even with a compute-unit limit instruction"
    );
}
