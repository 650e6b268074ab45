//! The randomized run's actors, what the test expects of them, and the invariants checked after
//! every step.

use anchor_lang::prelude::Pubkey;
use io_staking::error::StakingError;
use io_staking::math::rewards::RPW_SCALE;
use io_staking::state::RewardClass;
use io_test_harness::{DeviceHandle, Protocol, TestChain};
use rand::rngs::SmallRng;
use solana_signer::Signer;

pub(super) const MODELS: [(&str, u16); 7] = [
    ("H100", 1),
    ("H100", 2),
    ("RTX 4090", 4),
    ("A100-80GB", 1),
    ("L4", 3),
    ("A10", 1),
    ("B200", 1),
];

pub(super) struct Supplier {
    pub(super) dev: DeviceHandle,
    pub(super) funded: u64,
    pub(super) staked_in: u64,
    pub(super) withdrawn: u64,
    /// Escrow returned straight to the wallet (case overturned or lapsed after withdrawal).
    pub(super) returned: u64,
    /// Claimed by earlier lives of this device key (closed, then registered again).
    pub(super) claimed_before: u64,
}

/// A co-staker wallet and what the test expects its token balance to be made of.
pub(super) struct CoStakerWallet {
    pub(super) wallet: solana_keypair::Keypair,
    pub(super) token: Pubkey,
    pub(super) funded: u64,
    pub(super) deposited: u64,
    pub(super) withdrawn: u64,
    pub(super) claimed: u64,
    /// Its part of overturned or lapsed cases, paid back after it left the device.
    pub(super) returned: u64,
}

pub(super) const CO_STAKERS: usize = 3;

/// A case the test opened, and what it expects of it.
pub(super) struct OpenedCase {
    pub(super) supplier: usize,
    pub(super) device: anchor_lang::prelude::Pubkey,
    pub(super) case: anchor_lang::prelude::Pubkey,
}

pub(super) fn code(error: StakingError) -> Option<u32> {
    Some(error.code())
}

/// Lifetime totals of devices that were closed during the run.
#[derive(Default)]
pub(super) struct Retired {
    pub(super) credited: u64,
    pub(super) claimed: u64,
    /// Credited, by reward class.
    pub(super) credited_by_class: [u64; RewardClass::COUNT],
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn check_invariants(
    chain: &mut TestChain,
    protocol: &Protocol,
    suppliers: &[Supplier],
    retired: &Retired,
    burned: u64,
    cases_opened: u64,
    co_stakers: &[CoStakerWallet],
    genesis_supply: u64,
    context: &str,
) {
    let pool = chain.pool_state(protocol).await;
    let (mut stakes, mut escrowed, mut outstanding_scaled) = (0u64, 0u64, 0u128);
    let (mut credited, mut claimed) = (retired.credited, retired.claimed);
    let mut class_credited = retired.credited_by_class;
    let mut class_outstanding = [0u128; RewardClass::COUNT];
    for s in suppliers {
        let d = chain.device_state(&s.dev).await;
        stakes += d.stake + d.co_stake;
        escrowed += d.escrowed;
        credited += d.total_credited;
        claimed += d.total_claimed + d.co_total_claimed;
        // Every credited unit is pending, claimed, or was taken by a slash case, on one side
        // or the other.
        assert_eq!(
            d.total_credited,
            d.pending_rewards
                + d.total_claimed
                + d.rewards_slashed
                + d.co_pending_rewards
                + d.co_total_claimed
                + d.co_rewards_slashed,
            "{context}"
        );
        class_credited[d.reward_class.index()] += d.total_credited;
        if d.active {
            let class_rpw = pool.class(d.reward_class).reward_per_weight;
            let owed = d.weight as u128 * (class_rpw - d.checkpoint_rpw);
            outstanding_scaled += owed;
            class_outstanding[d.reward_class.index()] += owed;
        }
        let wallet = chain.token_balance(s.dev.owner_token).await;
        assert_eq!(
            wallet,
            s.funded + s.withdrawn + d.total_claimed + s.claimed_before + s.returned - s.staked_in,
            "{context}: wallet of {}",
            s.dev.device
        );
    }
    assert_eq!(pool.total_staked, stakes, "{context}");
    // A co-staker's stake only ever moves back to that co-staker or into a slash case: every
    // wallet's balance is explained by what it deposited, withdrew, claimed and got back.
    for c in co_stakers {
        assert_eq!(
            chain.token_balance(c.token).await,
            c.funded - c.deposited + c.withdrawn + c.claimed + c.returned,
            "{context}: co-staker wallet {}",
            c.wallet.pubkey()
        );
    }
    assert_eq!(
        pool.cases_opened, cases_opened,
        "{context}: case ids never reused"
    );
    assert_eq!(
        escrowed,
        pool.escrowed_stake + pool.escrowed_rewards,
        "{context}"
    );
    assert_eq!(
        chain.token_balance(protocol.stake_vault).await,
        stakes + pool.escrowed_stake,
        "{context}: stake vault == stakes + stake in escrow"
    );
    assert_eq!(pool.total_credited, credited, "{context}");
    assert_eq!(pool.total_claimed, claimed, "{context}");
    assert_eq!(
        chain.token_balance(protocol.rewards_vault).await,
        pool.total_emitted - pool.total_claimed - pool.rewards_slashed_out,
        "{context}: rewards vault"
    );
    assert_eq!(
        pool.total_burned, burned,
        "{context}: burned == upheld + executed"
    );
    assert_eq!(
        chain.mint_supply().await,
        genesis_supply + pool.total_emitted - burned,
        "{context}: supply"
    );

    let emitted_scaled = pool.total_emitted as u128 * RPW_SCALE;
    let accounted = credited as u128 * RPW_SCALE + pool.carry_scaled() + outstanding_scaled;
    assert!(
        accounted <= emitted_scaled,
        "{context}: value created from nothing"
    );
    let dust = (emitted_scaled - accounted) / RPW_SCALE;
    let bound = suppliers.len() as u128 * pool.last_closed_epoch.max(1) as u128;
    assert!(dust <= bound, "{context}: dust {dust} above {bound}");
    // The same within each reward class: its part of the emission is its devices' credits,
    // its carry, its unsettled accruals and dust, nothing crossing over to the other class.
    for class in RewardClass::ALL {
        let i = class.index();
        let side = pool.class(class);
        let emitted = side.emitted as u128 * RPW_SCALE;
        let accounted =
            class_credited[i] as u128 * RPW_SCALE + side.carry_scaled + class_outstanding[i];
        assert!(
            accounted <= emitted,
            "{context}: {} created value",
            class.name()
        );
        let dust = (emitted - accounted) / RPW_SCALE;
        assert!(dust <= bound, "{context}: {} dust {dust}", class.name());
    }
}

/// Everything one randomized run keeps between steps: the chain, the actors, and what the test
/// expects of them.
pub(super) struct Run {
    pub(super) rng: SmallRng,
    pub(super) chain: TestChain,
    pub(super) protocol: Protocol,
    pub(super) genesis_supply: u64,
    pub(super) suppliers: Vec<Supplier>,
    pub(super) co_stakers: Vec<CoStakerWallet>,
    pub(super) co_accepted: usize,
    pub(super) co_withdrawn: usize,
    pub(super) closes: usize,
    pub(super) claims: usize,
    pub(super) withdrawals: usize,
    pub(super) overflow_withdrawals: usize,
    pub(super) retired: Retired,
    pub(super) cases: Vec<OpenedCase>,
    pub(super) burned: u64,
    pub(super) opened: u64,
    pub(super) resolved: usize,
    pub(super) reregistered: usize,
    pub(super) param_changes: usize,
}
