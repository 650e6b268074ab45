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
}

#[allow(clippy::too_many_arguments)]
async fn check_invariants(
    chain: &mut TestChain,
    protocol: &Protocol,
    suppliers: &[Supplier],
    retired: &Retired,
    burned: u64,
    cases_opened: u64,
    genesis_supply: u64,
    context: &str,
) {
    let pool = chain.pool_state(protocol).await;
    let (mut stakes, mut escrowed, mut outstanding_scaled) = (0u64, 0u64, 0u128);
    let (mut credited, mut claimed) = (retired.credited, retired.claimed);
    for s in suppliers {
        let d = chain.device_state(&s.dev).await;
        stakes += d.stake;
        escrowed += d.escrowed;
        credited += d.total_credited;
        claimed += d.total_claimed;
        // Every credited unit is pending, claimed, or was taken by a slash case.
        assert_eq!(
            d.total_credited,
            d.pending_rewards + d.total_claimed + d.rewards_slashed,
            "{context}"
        );
        if d.active {
            let class_rpw = pool.class(d.reward_class).reward_per_weight;
            outstanding_scaled += d.weight as u128 * (class_rpw - d.checkpoint_rpw);
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
                let overflow = device.stake.saturating_sub(required);
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
                if device.status == DeviceStatus::Withdrawn && device.open_cases > 0 {
                    let s = &suppliers[i];
                    let ix = protocol.close_device_ix(s.dev.owner.pubkey(), s.dev.device);
                    let result = chain.process(&[ix], &[&s.dev.owner]).await;
                    assert_eq!(
                        anchor_code(&result),
                        code(StakingError::OpenCases),
                        "{context}"
                    );
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
                    retired.claimed += device.total_claimed;
                    s.claimed_before += device.total_claimed;
                    chain
                        .register_again(&protocol, &s.dev)
                        .await
                        .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                    reregistered += 1;
                } else {
                    let result = chain.request_unstake(&protocol, &suppliers[i].dev).await;
                    let expected = match device.status {
                        DeviceStatus::Staking if device.stake == 0 => {
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
            73..=84 => {
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
                    let available = device.stake + device.pending_rewards;
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
                            (chain.resolve(&protocol, &dev, case_key, r).await, Some(r))
                        }
                        2 => (
                            chain
                                .resolve(&protocol, &dev, case_key, Resolution::Execute)
                                .await,
                            Some(Resolution::Execute),
                        ),
                        _ => (
                            chain
                                .resolve(&protocol, &dev, case_key, Resolution::Lapse)
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
                                if device_status(&mut chain, &dev).await == DeviceStatus::Withdrawn
                                {
                                    suppliers[supplier].returned += case.amount;
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
         {reregistered} re-registrations, {param_changes} governance changes, {opened} cases opened, {resolved} resolved; emitted {} credited {} \
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

async fn device_status(chain: &mut TestChain, dev: &DeviceHandle) -> DeviceStatus {
    chain.device_state(dev).await.status
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
