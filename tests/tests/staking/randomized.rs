//! Randomized multi-step test of the staking protocol's accounting (SYSTEM.md section 6).
//!
//! Mixes stake, top-up, overflow withdrawal, unstake, withdraw, claim and claim-all, attest (in batches, late, skipping devices, with
//! replays, closed and re-registered devices the program must skip), close (including multi-day
//! catch-ups), claim, staleness, slash cases (open, appeal, uphold, overturn, execute, lapse),
//! closing a device and registering the same device key again, governance changes of the
//! staking and slashing parameters (staged behind the cooldown, some out of bounds), and clock
//! moves over several devices of different models. Every failure is predicted and must carry
//! its exact error code. After every step it checks, from chain state alone:
//! - stake vault == sum of device stakes + stake held in escrow;
//! - rewards vault == emitted - claimed - rewards that left through slashing;
//! - mint supply == genesis + emitted - burned, and burned == sum of upheld and executed cases;
//! - every owner's wallet == funded - staked + withdrawn + claimed + escrow returned to it
//!   (nothing paid twice);
//! - emitted == credited + carry + accrued-but-unsettled + dust, with 0 <= dust, and dust below
//!   one base unit per device per closed epoch;
//! - case ids are never reused (the pool's counter equals the cases opened), and the attesters'
//!   progress never runs ahead of the closes.

use anchor_lang::prelude::Pubkey;
use io_emission::error::EmissionError;
use io_emission::schedule;
use io_localchain::{anchor_code, DeviceHandle, Protocol, Resolution, TestChain};
use io_staking::error::StakingError;
use io_staking::math::eligibility::is_stale;
use io_staking::math::rewards::RPW_SCALE;
use io_staking::state::{
    CaseStatus, DeviceStatus, SlashReason, SlashingParams, SlashingSetup, StakingParams,
};
use io_staking::state::{CoStakeStatus, RewardClass};
use io_staking::CoStakeTerms;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use solana_signer::Signer;

use crate::common::*;

const MODELS: [(&str, u16); 7] = [
    ("H100", 1),
    ("H100", 2),
    ("RTX 4090", 4),
    ("A100-80GB", 1),
    ("L4", 3),
    ("A10", 1),
    ("B200", 1),
];

struct Supplier {
    dev: DeviceHandle,
    funded: u64,
    staked_in: u64,
    withdrawn: u64,
    /// Escrow returned straight to the wallet (case overturned or lapsed after withdrawal).
    returned: u64,
    /// Claimed by earlier lives of this device key (closed, then registered again).
    claimed_before: u64,
}

/// A co-staker wallet and what the test expects its token balance to be made of.
struct CoStakerWallet {
    wallet: solana_keypair::Keypair,
    token: Pubkey,
    funded: u64,
    deposited: u64,
    withdrawn: u64,
    claimed: u64,
    /// Its part of overturned or lapsed cases, paid back after it left the device.
    returned: u64,
}

const CO_STAKERS: usize = 3;

/// A case the test opened, and what it expects of it.
struct OpenedCase {
    supplier: usize,
    device: anchor_lang::prelude::Pubkey,
    case: anchor_lang::prelude::Pubkey,
}

fn code(error: StakingError) -> Option<u32> {
    Some(error.code())
}

/// Lifetime totals of devices that were closed during the run.
#[derive(Default)]
struct Retired {
    credited: u64,
    claimed: u64,
    /// Credited, by reward class.
    credited_by_class: [u64; RewardClass::COUNT],
}

#[allow(clippy::too_many_arguments)]
async fn check_invariants(
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
    assert!(
        pool.finished_attested_epoch <= pool.newest_attested_epoch
            && pool.newest_attested_epoch <= pool.last_closed_epoch,
        "{context}: attesters ahead of the closes"
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

async fn run(seed: u64, steps: usize) -> usize {
    let mut rng = SmallRng::seed_from_u64(seed);
    let (mut chain, protocol) = protocol().await;
    let genesis_supply = schedule::genesis_supply(8).unwrap();
    let mut suppliers = Vec::new();
    for (model, gpus) in MODELS {
        let required = requirement(&mut chain, &protocol, model, gpus).await;
        let funded = 3 * required;
        let dev = chain.register_device(&protocol, model, gpus, funded).await;
        suppliers.push(Supplier {
            dev,
            funded,
            staked_in: 0,
            withdrawn: 0,
            returned: 0,
            claimed_before: 0,
        });
    }
    let mut co_stakers = Vec::new();
    for _ in 0..CO_STAKERS {
        let wallet = solana_keypair::Keypair::new();
        chain.airdrop(&wallet.pubkey(), 1_000_000_000).await;
        let funded = 100_000 * 100_000_000;
        let token = chain.fund(&wallet.pubkey(), funded).await;
        co_stakers.push(CoStakerWallet {
            wallet,
            token,
            funded,
            deposited: 0,
            withdrawn: 0,
            claimed: 0,
            returned: 0,
        });
    }
    let (mut co_accepted, mut co_withdrawn) = (0, 0);
    let (mut closes, mut attestations, mut claims, mut withdrawals) = (0, 0, 0, 0);
    let mut skipped_attestations = 0;
    let mut overflow_withdrawals = 0;
    let mut retired = Retired::default();
    let mut cases: Vec<OpenedCase> = Vec::new();
    let mut burned = 0u64;
    let (mut opened, mut resolved) = (0u64, 0);
    let (mut reregistered, mut param_changes) = (0, 0);

    for step in 0..steps {
        let context = format!("seed {seed} step {step}");
        let roll = rng.random_range(0..100);
        let i = rng.random_range(0..suppliers.len());
        let device = chain.device_state(&suppliers[i].dev).await;
        let pool = chain.pool_state(&protocol).await;
        match roll {
            // Close: the next epoch, moving time forward when it has not ended.
            0..=17 => {
                let genesis = chain.emission_state().await.genesis_timestamp;
                let next = pool.last_closed_epoch + 1;
                let end = schedule::epoch_end(genesis, next).unwrap();
                if chain.now().await < end && rng.random_bool(0.5) {
                    let result = chain.close_epoch(&protocol).await;
                    assert_eq!(
                        anchor_code(&result),
                        Some(u32::from(EmissionError::EpochNotEnded)),
                        "{context}"
                    );
                } else {
                    // Time only moves forward: after a long jump this is a keeper catching up.
                    if chain.now().await < end {
                        chain.set_time(end).await;
                    }
                    chain
                        .close_epoch(&protocol)
                        .await
                        .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                    closes += 1;
                }
            }
            // Attest the latest epoch for a random subset (the rest skip it).
            18..=47 if pool.last_closed_epoch > pool.first_epoch => {
                let epoch = pool.last_closed_epoch;
                // Attestable devices, most of the time; now and then one the program must skip
                // (already attested, registered after the epoch, or nothing at the address),
                // as when keepers race or a device changed after the keeper read it.
                let mut batch: Vec<Pubkey> = Vec::new();
                let mut attestable = Vec::new();
                for s in &suppliers {
                    let d = chain.device_state(&s.dev).await;
                    let ok = d.last_attested_epoch < epoch && d.registered_after_epoch < epoch;
                    if ok && rng.random_bool(0.75) {
                        batch.push(s.dev.device);
                        attestable.push(s.dev.device);
                    } else if !ok && rng.random_bool(0.1) {
                        batch.push(s.dev.device);
                        skipped_attestations += 1;
                    }
                }
                if rng.random_bool(0.05) {
                    batch.push(Pubkey::new_unique());
                    skipped_attestations += 1;
                }
                if !batch.is_empty() {
                    let attester = protocol.attester.insecure_clone();
                    let ix = protocol.attest_ix(attester.pubkey(), epoch, &batch);
                    chain
                        .process(&[ix], &[&attester])
                        .await
                        .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                    for s in &suppliers {
                        let after = chain.device_state(&s.dev).await.last_attested_epoch;
                        if attestable.contains(&s.dev.device) {
                            assert_eq!(after, epoch, "{context}");
                        }
                    }
                    attestations += attestable.len();
                }
            }
            // A late attestation of one device, or a replay of one already attested.
            48..=54 => {
                let last = pool.last_closed_epoch;
                let now = chain.now().await;
                let window = chain
                    .config_state(&protocol)
                    .await
                    .params_at(now)
                    .attestation_window_epochs;
                let lowest = (device.last_attested_epoch + 1)
                    .max(device.registered_after_epoch + 1)
                    .max(last.saturating_sub(window - 1))
                    .max(1);
                if device.last_attested_epoch > 0 && rng.random_bool(0.3) {
                    // A replay (a racing keeper) is skipped: nothing paid, nothing changed.
                    chain
                        .attest(&protocol, device.last_attested_epoch, &[&suppliers[i].dev])
                        .await
                        .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                    let after = chain.device_state(&suppliers[i].dev).await;
                    assert_eq!(
                        (after.total_credited, after.streak),
                        (device.total_credited, device.streak),
                        "{context}"
                    );
                    skipped_attestations += 1;
                } else if lowest <= last && lowest > pool.first_epoch {
                    let epoch = rng.random_range(lowest..=last);
                    chain
                        .attest(&protocol, epoch, &[&suppliers[i].dev])
                        .await
                        .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                    attestations += 1;
                }
            }
            // Stake or top up: sometimes exactly to the requirement, sometimes a little.
            // Overflow: stake above the requirement leaves without a cooldown.
            55..=57 => {
                let s = &mut suppliers[i];
                let required = chain.required_stake(&protocol, &s.dev).await;
                let now = chain.now().await;
                let co_counts = device.co_staker != Pubkey::default()
                    && (device.co_exit_requested_at == 0
                        || now < device.co_exit_requested_at + 7 * 86_400);
                let counted = device.stake + if co_counts { device.co_stake } else { 0 };
                let overflow = counted.saturating_sub(required).min(device.stake);
                let amount = rng.random_range(1..=overflow + 1);
                let ix = protocol.addresses.withdraw_overflow(
                    s.dev.owner.pubkey(),
                    s.dev.device,
                    s.dev.owner_token,
                    amount,
                );
                let result = chain.process(&[ix], &[&s.dev.owner]).await;
                let expected = match device.status {
                    DeviceStatus::Unstaking { .. } => code(StakingError::AlreadyUnstaking),
                    DeviceStatus::Withdrawn => code(StakingError::DeviceWithdrawn),
                    DeviceStatus::Staking if amount > overflow => code(StakingError::AboveOverflow),
                    DeviceStatus::Staking if device.co_stake > device.stake - amount => {
                        code(StakingError::CoStakeAboveHalf)
                    }
                    DeviceStatus::Staking => None,
                };
                assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                if expected.is_none() {
                    s.withdrawn += amount;
                    overflow_withdrawals += 1;
                }
            }
            58..=64 => {
                let s = &mut suppliers[i];
                let required = chain.required_stake(&protocol, &s.dev).await;
                let wallet =
                    s.funded + s.withdrawn + device.total_claimed + s.claimed_before + s.returned
                        - s.staked_in;
                let amount = if device.stake < required && rng.random_bool(0.6) {
                    required - device.stake
                } else {
                    rng.random_range(1..=required / 4 + 1)
                }
                .min(wallet);
                let result = chain.stake(&protocol, &s.dev, amount).await;
                match device.status {
                    _ if amount == 0 => {
                        assert_eq!(anchor_code(&result), code(StakingError::ZeroAmount))
                    }
                    DeviceStatus::Staking => {
                        result.unwrap_or_else(|e| panic!("{context}: {e:?}"));
                        s.staked_in += amount;
                    }
                    DeviceStatus::Unstaking { .. } => assert_eq!(
                        anchor_code(&result),
                        code(StakingError::StakeDuringCooldown),
                        "{context}"
                    ),
                    DeviceStatus::Withdrawn => assert_eq!(
                        anchor_code(&result),
                        code(StakingError::DeviceWithdrawn),
                        "{context}"
                    ),
                }
            }
            // Unstake (rarely: it is for good); a withdrawn supplier closes the device, recovers
            // its rent, and registers a new one.
            65..=66 => {
                let co_open = device.has_co_stake_offer || device.co_pending_rewards > 0;
                if device.status == DeviceStatus::Withdrawn && (device.open_cases > 0 || co_open) {
                    let s = &suppliers[i];
                    let ix = protocol.close_device_ix(s.dev.owner.pubkey(), s.dev.device);
                    let result = chain.process(&[ix], &[&s.dev.owner]).await;
                    let expected = if device.open_cases > 0 {
                        code(StakingError::OpenCases)
                    } else {
                        code(StakingError::CoStakeOpen)
                    };
                    assert_eq!(anchor_code(&result), expected, "{context}");
                } else if device.status == DeviceStatus::Withdrawn {
                    // Closed, then the same worker key registered again by the same owner: a
                    // new life at the same address, which must be attestable and slashable.
                    let s = &mut suppliers[i];
                    let ix = protocol.close_device_ix(s.dev.owner.pubkey(), s.dev.device);
                    chain
                        .process(&[ix], &[&s.dev.owner])
                        .await
                        .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                    retired.credited += device.total_credited;
                    retired.credited_by_class[device.reward_class.index()] += device.total_credited;
                    retired.claimed += device.total_claimed + device.co_total_claimed;
                    s.claimed_before += device.total_claimed;
                    chain
                        .register_again(&protocol, &s.dev)
                        .await
                        .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                    reregistered += 1;
                } else {
                    let result = chain.request_unstake(&protocol, &suppliers[i].dev).await;
                    let expected = match device.status {
                        DeviceStatus::Staking if device.stake == 0 && device.co_stake == 0 => {
                            code(StakingError::NothingStaked)
                        }
                        DeviceStatus::Unstaking { .. } => code(StakingError::AlreadyUnstaking),
                        _ => None,
                    };
                    assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                }
            }
            // Withdraw.
            67..=72 => {
                let now = chain.now().await;
                let result = chain.withdraw(&protocol, &suppliers[i].dev).await;
                match device.status {
                    DeviceStatus::Unstaking { unlocks_at, .. } if now >= unlocks_at => {
                        result.unwrap_or_else(|e| panic!("{context}: {e:?}"));
                        suppliers[i].withdrawn += device.stake;
                        withdrawals += 1;
                    }
                    DeviceStatus::Unstaking { .. } => assert_eq!(
                        anchor_code(&result),
                        code(StakingError::CooldownNotOver),
                        "{context}"
                    ),
                    DeviceStatus::Staking => {
                        assert_eq!(
                            anchor_code(&result),
                            code(StakingError::NotUnstaking),
                            "{context}"
                        )
                    }
                    DeviceStatus::Withdrawn => {
                        assert_eq!(
                            anchor_code(&result),
                            code(StakingError::DeviceWithdrawn),
                            "{context}"
                        )
                    }
                }
            }
            // Claim (twice in a row fails).
            // Co-staking: offers, acceptances, exits, withdrawals and the co-staker's claims.
            78..=84 => {
                let j = rng.random_range(0..CO_STAKERS);
                let s = &suppliers[i];
                let a = protocol.addresses;
                let offer_address = a.co_stake_offer(&s.dev.device);
                let offer: Option<io_staking::state::CoStakeOffer> =
                    match chain.account(offer_address).await {
                        Some(account) => Some(
                            anchor_lang::AccountDeserialize::try_deserialize(
                                &mut account.data.as_slice(),
                            )
                            .unwrap(),
                        ),
                        None => None,
                    };
                let staking = device.status == DeviceStatus::Staking;
                // Lean toward the step that moves this device's offer along.
                let open = offer
                    .as_ref()
                    .is_some_and(|o| o.status == CoStakeStatus::Open);
                let step = if open && rng.random_bool(0.6) {
                    1
                } else if device.co_staker != Pubkey::default() && rng.random_bool(0.6) {
                    rng.random_range(3..6)
                } else {
                    rng.random_range(0..6)
                };
                match step {
                    0 => {
                        let above = rng.random_bool(0.15);
                        let amount = if above {
                            device.stake + 1
                        } else {
                            rng.random_range(1..=device.stake.max(1))
                        };
                        let share = rng.random_range(0..=10_000);
                        let ix = a.create_co_stake_offer(
                            s.dev.owner.pubkey(),
                            s.dev.device,
                            CoStakeTerms {
                                amount,
                                share_bps: share,
                            },
                        );
                        let result = chain.process(&[ix], &[&s.dev.owner]).await;
                        let expected = if !staking {
                            code(StakingError::StakeDuringCooldown)
                        } else if device.has_co_stake_offer {
                            code(StakingError::CoStakeOfferExists)
                        } else if amount > device.stake {
                            code(StakingError::CoStakeAboveHalf)
                        } else {
                            None
                        };
                        assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                    }
                    1 => {
                        let c = &co_stakers[j];
                        let (amount, share) =
                            offer.as_ref().map_or((1, 0), |o| (o.amount, o.share_bps));
                        let ix = a.accept_co_stake_offer(
                            c.wallet.pubkey(),
                            s.dev.device,
                            c.token,
                            CoStakeTerms {
                                amount,
                                share_bps: share,
                            },
                        );
                        let held =
                            match chain.account(a.co_staker_account(&c.wallet.pubkey())).await {
                                Some(account) => {
                                    let account: io_staking::state::CoStakerAccount =
                                        anchor_lang::AccountDeserialize::try_deserialize(
                                            &mut account.data.as_slice(),
                                        )
                                        .unwrap();
                                    account.accepted_offers
                                }
                                None => 0,
                            };
                        let result = chain.process(&[ix], &[&c.wallet]).await;
                        let expected = match &offer {
                            None => Some(u32::from(
                                anchor_lang::error::ErrorCode::AccountNotInitialized,
                            )),
                            Some(o) if o.status != CoStakeStatus::Open => {
                                code(StakingError::CoStakeAlreadyAccepted)
                            }
                            Some(_) if !staking => code(StakingError::StakeDuringCooldown),
                            Some(o) if o.amount > device.stake => {
                                code(StakingError::CoStakeAboveHalf)
                            }
                            Some(_) if held >= 2 => code(StakingError::TooManyCoStakes),
                            Some(_) => None,
                        };
                        assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                        if expected.is_none() {
                            co_stakers[j].deposited += amount;
                            co_accepted += 1;
                        }
                    }
                    2 => {
                        let ix = a.cancel_co_stake_offer(s.dev.owner.pubkey(), s.dev.device);
                        let result = chain.process(&[ix], &[&s.dev.owner]).await;
                        let expected = match &offer {
                            None => Some(u32::from(
                                anchor_lang::error::ErrorCode::AccountNotInitialized,
                            )),
                            Some(o) if o.status != CoStakeStatus::Open => {
                                code(StakingError::CoStakeAlreadyAccepted)
                            }
                            Some(_) => None,
                        };
                        assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                    }
                    action => {
                        // The device's co-staker acts, if it has one.
                        let Some(k) = co_stakers
                            .iter()
                            .position(|c| c.wallet.pubkey() == device.co_staker)
                        else {
                            // No co-staker on this device: nothing to do this step.
                            check_invariants(
                                &mut chain,
                                &protocol,
                                &suppliers,
                                &retired,
                                burned,
                                opened,
                                &co_stakers,
                                genesis_supply,
                                &context,
                            )
                            .await;
                            continue;
                        };
                        let c = &co_stakers[k];
                        let offer = offer.expect("an accepted offer");
                        let now = chain.now().await;
                        match action {
                            3 => {
                                let ix = a.request_co_stake_exit(c.wallet.pubkey(), s.dev.device);
                                let result = chain.process(&[ix], &[&c.wallet]).await;
                                let expected = if offer.status == CoStakeStatus::Exiting {
                                    code(StakingError::AlreadyExiting)
                                } else if !staking {
                                    code(StakingError::AlreadyUnstaking)
                                } else {
                                    None
                                };
                                assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                            }
                            4 => {
                                let ix = a.withdraw_co_stake(
                                    c.wallet.pubkey(),
                                    c.wallet.pubkey(),
                                    s.dev.device,
                                    s.dev.owner.pubkey(),
                                    c.token,
                                );
                                let result = chain.process(&[ix], &[&c.wallet]).await;
                                let own_exit_done = offer.status == CoStakeStatus::Exiting
                                    && now >= offer.unlocks_at;
                                let device_unlocked = match device.status {
                                    DeviceStatus::Unstaking { unlocks_at, .. } => now >= unlocks_at,
                                    DeviceStatus::Withdrawn => true,
                                    DeviceStatus::Staking => false,
                                };
                                let expected = if own_exit_done || device_unlocked {
                                    None
                                } else if offer.status == CoStakeStatus::Exiting || !staking {
                                    code(StakingError::CooldownNotOver)
                                } else {
                                    code(StakingError::NotExiting)
                                };
                                assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                                if expected.is_none() {
                                    co_stakers[k].withdrawn += device.co_stake;
                                    co_stakers[k].claimed += device.co_pending_rewards;
                                    co_withdrawn += 1;
                                }
                            }
                            _ => {
                                let ix = a.claim_co_stake_rewards(
                                    c.wallet.pubkey(),
                                    s.dev.device,
                                    c.token,
                                );
                                let result = chain.process(&[ix], &[&c.wallet]).await;
                                let expected = if device.co_pending_rewards == 0 {
                                    code(StakingError::NothingToClaim)
                                } else {
                                    None
                                };
                                assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                                if expected.is_none() {
                                    co_stakers[k].claimed += device.co_pending_rewards;
                                }
                            }
                        }
                    }
                }
            }
            73..=77 => {
                let dev = &suppliers[i].dev;
                // `claim_rewards`, or `claim_all` (sometimes listing the device twice).
                let result = match rng.random_range(0..3) {
                    0 => chain.claim(&protocol, dev).await,
                    n => {
                        let devices = vec![dev.device; n];
                        let ix = protocol.addresses.claim_all(
                            dev.owner.pubkey(),
                            dev.owner_token,
                            &devices,
                        );
                        chain.process(&[ix], &[&dev.owner]).await
                    }
                };
                if device.pending_rewards == 0 {
                    assert_eq!(
                        anchor_code(&result),
                        code(StakingError::NothingToClaim),
                        "{context}"
                    );
                } else {
                    result.unwrap_or_else(|e| panic!("{context}: {e:?}"));
                    claims += 1;
                }
            }
            // Staleness sweep by anyone.
            85..=87 => {
                let ix = protocol.deactivate_stale_ix(suppliers[i].dev.device);
                let result = chain.process(&[ix], &[]).await;
                let now = chain.now().await;
                let staleness = chain
                    .config_state(&protocol)
                    .await
                    .params_at(now)
                    .staleness_epochs;
                let expected = if !device.active {
                    code(StakingError::DeviceNotActive)
                } else if is_stale(
                    pool.finished_attested_epoch,
                    device.last_attested_epoch,
                    staleness,
                ) {
                    None
                } else {
                    code(StakingError::NotStale)
                };
                assert_eq!(anchor_code(&result), expected, "{context}");
            }
            // Slashing: open a case, or move a random open case along.
            88..=93 => {
                if rng.random_bool(0.4) {
                    let available = device.stake
                        + device.co_stake
                        + device.pending_rewards
                        + device.co_pending_rewards;
                    let amount = match rng.random_range(0..10) {
                        0 => available + 1,
                        _ if available == 0 => 0,
                        _ => rng.random_range(1..=available.div_ceil(10)),
                    };
                    let now = chain.now().await;
                    let cap_bps = chain
                        .config_state(&protocol)
                        .await
                        .slashing_at(now)
                        .params
                        .max_slash_bps as u128;
                    let cap = available as u128 * cap_bps / 10_000;
                    let (result, case) = chain
                        .open_case(&protocol, &suppliers[i].dev, amount, SlashReason::Other)
                        .await;
                    if amount == 0 {
                        assert_eq!(
                            anchor_code(&result),
                            code(StakingError::ZeroAmount),
                            "{context}"
                        );
                    } else if amount > available {
                        assert_eq!(
                            anchor_code(&result),
                            code(StakingError::SlashExceedsBalance),
                            "{context}"
                        );
                    } else if amount as u128 > cap {
                        assert_eq!(
                            anchor_code(&result),
                            code(StakingError::SlashAboveCap),
                            "{context}"
                        );
                    } else {
                        result.unwrap_or_else(|e| panic!("{context}: {e:?}"));
                        cases.push(OpenedCase {
                            supplier: i,
                            device: suppliers[i].dev.device,
                            case,
                        });
                        opened += 1;
                    }
                } else if !cases.is_empty() {
                    let k = rng.random_range(0..cases.len());
                    let (supplier, case_key) = (cases[k].supplier, cases[k].case);
                    let dev = suppliers[supplier].dev.insecure_clone();
                    assert_eq!(dev.device, cases[k].device, "{context}");
                    let case = chain.case_state(case_key).await;
                    let device_before = chain.device_state(&dev).await;
                    let co_token = co_stakers
                        .iter()
                        .find(|c| c.wallet.pubkey() == case.co_staker)
                        .map(|c| c.token);
                    let now = chain.now().await;
                    let action = rng.random_range(0..4);
                    let (result, outcome) = match action {
                        0 => (chain.appeal(&protocol, &dev, case_key).await, None),
                        1 => {
                            let uphold = rng.random_bool(0.5);
                            let r = if uphold {
                                Resolution::Uphold
                            } else {
                                Resolution::Overturn
                            };
                            (
                                chain
                                    .resolve_with_co_staker(&protocol, &dev, case_key, r, co_token)
                                    .await,
                                Some(r),
                            )
                        }
                        2 => (
                            chain
                                .resolve_with_co_staker(
                                    &protocol,
                                    &dev,
                                    case_key,
                                    Resolution::Execute,
                                    co_token,
                                )
                                .await,
                            Some(Resolution::Execute),
                        ),
                        _ => (
                            chain
                                .resolve_with_co_staker(
                                    &protocol,
                                    &dev,
                                    case_key,
                                    Resolution::Lapse,
                                    co_token,
                                )
                                .await,
                            Some(Resolution::Lapse),
                        ),
                    };
                    let expected = match (action, case.status) {
                        (
                            _,
                            CaseStatus::Upheld
                            | CaseStatus::Overturned
                            | CaseStatus::Executed
                            | CaseStatus::Lapsed,
                        ) => code(StakingError::CaseResolved),
                        (0, CaseStatus::Appealed) => code(StakingError::AlreadyAppealed),
                        (0, _) if now >= case.appeal_deadline => {
                            code(StakingError::AppealPeriodOver)
                        }
                        (0, _) => None,
                        (1, CaseStatus::Open) => code(StakingError::CaseNotAppealed),
                        (1, _) if now >= case.ruling_deadline => {
                            code(StakingError::RulingWindowOver)
                        }
                        (1, _) => None,
                        (2, CaseStatus::Appealed) => code(StakingError::CaseAppealed),
                        (2, _) if now < case.appeal_deadline => {
                            code(StakingError::AppealPeriodNotOver)
                        }
                        (2, _) => None,
                        (_, CaseStatus::Open) => code(StakingError::CaseNotAppealed),
                        (_, _) if now < case.ruling_deadline => {
                            code(StakingError::RulingWindowNotOver)
                        }
                        (_, _) => None,
                    };
                    assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                    if expected.is_none() {
                        match outcome {
                            Some(Resolution::Uphold | Resolution::Execute) => {
                                burned += case.amount;
                                resolved += 1;
                            }
                            Some(Resolution::Overturn | Resolution::Lapse) => {
                                if device_before.status == DeviceStatus::Withdrawn {
                                    suppliers[supplier].returned +=
                                        case.from_stake + case.from_rewards;
                                }
                                let co_stays = device_before.co_staker == case.co_staker
                                    && case.co_staker != Pubkey::default();
                                let co_part = case.from_co_stake + case.from_co_rewards;
                                if co_part > 0 && !co_stays {
                                    let c = co_stakers
                                        .iter_mut()
                                        .find(|c| c.wallet.pubkey() == case.co_staker)
                                        .expect("a co-staker of the run");
                                    c.returned += co_part;
                                }
                                resolved += 1;
                            }
                            None => {}
                        }
                    }
                    if !chain.case_state(case_key).await.is_open() {
                        cases.swap_remove(k);
                    }
                }
            }
            // Governance: a parameter or slashing change, staged behind the cooldown in force;
            // sometimes out of bounds, refused with its exact error.
            94..=95 => {
                let admin = protocol.admin.insecure_clone();
                let day = 86_400;
                if rng.random_bool(0.5) {
                    let window = rng.random_range(24..=168);
                    let mut params = StakingParams {
                        base_stake_per_gpu: rng.random_range(150..=250) * 100_000_000,
                        cooldown_seconds: rng.random_range(14 * day..=20 * day),
                        staleness_epochs: rng.random_range(window..=300),
                        nomination_streak: rng.random_range(1..=8),
                        attestation_window_epochs: window,
                        multiplier_grace_seconds: rng.random_range(30 * day..=40 * day),
                    };
                    let expected = match rng.random_range(0..6) {
                        0 => {
                            params.cooldown_seconds = 13 * day;
                            code(StakingError::CooldownOutOfRange)
                        }
                        1 => {
                            params.staleness_epochs = window - 1;
                            code(StakingError::EpochParamsOutOfRange)
                        }
                        _ => None,
                    };
                    let ix = protocol.update_params_ix(admin.pubkey(), params);
                    let result = chain.process(&[ix], &[&admin]).await;
                    assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                    param_changes += usize::from(expected.is_none());
                } else {
                    let mut setup = SlashingSetup {
                        slasher: protocol.slasher.pubkey(),
                        arbiter: protocol.arbiter.pubkey(),
                        params: SlashingParams {
                            max_slash_bps: rng.random_range(500..=10_000),
                            appeal_period_seconds: rng.random_range(30 * day..=35 * day),
                            ruling_window_seconds: rng.random_range(day..=30 * day),
                        },
                    };
                    let expected = if rng.random_bool(0.2) {
                        setup.params.appeal_period_seconds = 29 * day;
                        code(StakingError::AppealPeriodOutOfRange)
                    } else {
                        None
                    };
                    let ix = protocol.set_slashing_config_ix(admin.pubkey(), setup);
                    let result = chain.process(&[ix], &[&admin]).await;
                    assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
                    param_changes += usize::from(expected.is_none());
                }
            }
            // Time passes: minutes, hours, or (rarely) past a whole cooldown.
            _ => {
                let seconds = match rng.random_range(0..20) {
                    0 => 15 * 86_400,
                    1..=5 => rng.random_range(3_600..4 * 3_600),
                    _ => rng.random_range(0..3_600),
                };
                chain.advance(seconds).await;
            }
        }
        check_invariants(
            &mut chain,
            &protocol,
            &suppliers,
            &retired,
            burned,
            opened,
            &co_stakers,
            genesis_supply,
            &context,
        )
        .await;
    }

    let pool = chain.pool_state(&protocol).await;
    println!(
        "seed {seed}: {steps} steps, invariants checked after each; {closes} close steps ({} \
         epochs), {attestations} device attestations, {skipped_attestations} skipped, {claims} \
         claims, {withdrawals} withdrawals, {overflow_withdrawals} overflow withdrawals, \
         {reregistered} re-registrations, {param_changes} governance changes, {co_accepted} \
         co-stakes accepted, {co_withdrawn} withdrawn, {opened} cases opened, {resolved} resolved; emitted {} credited {} \
         forfeited {} claimed {} burned {}",
        pool.last_closed_epoch,
        pool.total_emitted,
        pool.total_credited,
        pool.total_forfeited,
        pool.total_claimed,
        pool.total_burned
    );
    assert!(
        opened > 0 && resolved > 0,
        "the run should exercise slashing"
    );
    assert!(
        pool.total_credited > 0 && claims > 0,
        "the run should pay someone"
    );
    assert!(
        param_changes > 0 && skipped_attestations > 0,
        "the run should change parameters and skip attestations"
    );
    steps
}

// 10,000 steps in all, in four runs the test harness spreads over the cores.
const STEPS_PER_SEED: usize = 2_500;

#[tokio::test]
async fn conservation_over_random_steps_seed_7() {
    run(7, STEPS_PER_SEED).await;
}

#[tokio::test]
async fn conservation_over_random_steps_seed_11() {
    run(11, STEPS_PER_SEED).await;
}

#[tokio::test]
async fn conservation_over_random_steps_seed_23() {
    run(23, STEPS_PER_SEED).await;
}

#[tokio::test]
async fn conservation_over_random_steps_seed_42() {
    run(42, STEPS_PER_SEED).await;
}
