//! The randomized run's slashing, governance and clock steps, predicted and checked.

use anchor_lang::prelude::Pubkey;
use io_staking::error::StakingError;
use io_staking::state::{
    CaseStatus, DeviceStatus, SlashReason, SlashingParams, SlashingSetup, StakingParams,
};
use io_test_harness::{anchor_code, Resolution};
use rand::Rng;
use solana_signer::Signer;

use io_staking::state::Device;

use super::model::*;

/// Slashing: open a case, or move a random open case along.
pub(super) async fn slash(run: &mut Run, context: &str, i: usize, device: &Device) {
    let Run {
        rng,
        chain,
        protocol,
        suppliers,
        co_stakers,
        cases,
        burned,
        opened,
        resolved,
        ..
    } = run;
    if rng.random_bool(0.4) {
        let available =
            device.stake + device.co_stake + device.pending_rewards + device.co_pending_rewards;
        let amount = match rng.random_range(0..10) {
            0 => available + 1,
            _ if available == 0 => 0,
            _ => rng.random_range(1..=available.div_ceil(10)),
        };
        let now = chain.now().await;
        let cap_bps = chain
            .config_state(protocol)
            .await
            .slashing_at(now)
            .params
            .max_slash_bps as u128;
        let cap = available as u128 * cap_bps / 10_000;
        let (result, case) = chain
            .open_case(protocol, &suppliers[i].dev, amount, SlashReason::Other)
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
            *opened += 1;
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
            0 => (chain.appeal(protocol, &dev, case_key).await, None),
            1 => {
                let uphold = rng.random_bool(0.5);
                let r = if uphold {
                    Resolution::Uphold
                } else {
                    Resolution::Overturn
                };
                (
                    chain
                        .resolve_with_co_staker(protocol, &dev, case_key, r, co_token)
                        .await,
                    Some(r),
                )
            }
            2 => (
                chain
                    .resolve_with_co_staker(protocol, &dev, case_key, Resolution::Execute, co_token)
                    .await,
                Some(Resolution::Execute),
            ),
            _ => (
                chain
                    .resolve_with_co_staker(protocol, &dev, case_key, Resolution::Lapse, co_token)
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
            (0, _) if now >= case.appeal_deadline => code(StakingError::AppealPeriodOver),
            (0, _) => None,
            (1, CaseStatus::Open) => code(StakingError::CaseNotAppealed),
            (1, _) if now >= case.ruling_deadline => code(StakingError::RulingWindowOver),
            (1, _) => None,
            (2, CaseStatus::Appealed) => code(StakingError::CaseAppealed),
            (2, _) if now < case.appeal_deadline => code(StakingError::AppealPeriodNotOver),
            (2, _) => None,
            (_, CaseStatus::Open) => code(StakingError::CaseNotAppealed),
            (_, _) if now < case.ruling_deadline => code(StakingError::RulingWindowNotOver),
            (_, _) => None,
        };
        assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
        if expected.is_none() {
            match outcome {
                Some(Resolution::Uphold | Resolution::Execute) => {
                    *burned += case.amount;
                    *resolved += 1;
                }
                Some(Resolution::Overturn | Resolution::Lapse) => {
                    if device_before.status == DeviceStatus::Withdrawn {
                        suppliers[supplier].returned += case.from_stake + case.from_rewards;
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
                    *resolved += 1;
                }
                None => {}
            }
        }
        if !chain.case_state(case_key).await.is_open() {
            cases.swap_remove(k);
        }
    }
}

/// Governance: a parameter or slashing change, staged behind the cooldown in force;
/// sometimes out of bounds, refused with its exact error.
pub(super) async fn govern(run: &mut Run, context: &str) {
    let Run {
        rng,
        chain,
        protocol,
        param_changes,
        ..
    } = run;
    let admin = protocol.admin.insecure_clone();
    let day = 86_400;
    if rng.random_bool(0.5) {
        let mut params = StakingParams {
            base_stake_per_gpu: rng.random_range(150..=250) * 100_000_000,
            cooldown_seconds: rng.random_range(14 * day..=20 * day),
            staleness_epochs: rng.random_range(168..=300),
            nomination_streak: rng.random_range(1..=8),
            multiplier_grace_seconds: rng.random_range(30 * day..=40 * day),
        };
        let expected = match rng.random_range(0..6) {
            0 => {
                params.cooldown_seconds = 13 * day;
                code(StakingError::CooldownOutOfRange)
            }
            1 => {
                params.staleness_epochs = 167;
                code(StakingError::EpochParamsOutOfRange)
            }
            _ => None,
        };
        let ix = protocol.addresses.update_params(admin.pubkey(), params);
        let result = chain.process(&[ix], &[&admin]).await;
        assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
        *param_changes += usize::from(expected.is_none());
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
        let ix = protocol
            .addresses
            .set_slashing_config(admin.pubkey(), setup);
        let result = chain.process(&[ix], &[&admin]).await;
        assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
        *param_changes += usize::from(expected.is_none());
    }
}

/// Time passes: minutes, hours, or (rarely) past a whole cooldown.
pub(super) async fn time_passes(run: &mut Run) {
    let Run { rng, chain, .. } = run;
    let seconds = match rng.random_range(0..20) {
        0 => 15 * 86_400,
        1..=5 => rng.random_range(3_600..4 * 3_600),
        _ => rng.random_range(0..3_600),
    };
    chain.advance(seconds).await;
}
