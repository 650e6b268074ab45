//! One function per kind of step the randomized run takes. Each draws its own random numbers in
//! the order the run always has, predicts the outcome and checks it.

use anchor_lang::prelude::Pubkey;
use io_emission::error::EmissionError;
use io_emission::schedule;
use io_staking::error::StakingError;
use io_staking::state::DeviceStatus;
use io_test_harness::anchor_code;
use rand::Rng;
use solana_signer::Signer;

use io_staking::state::{Device, RewardPool};

use super::model::*;

/// Close: the next epoch, moving time forward when it has not ended.
pub(super) async fn close(run: &mut Run, context: &str, pool: &RewardPool) {
    let Run {
        rng,
        chain,
        protocol,
        closes,
        ..
    } = run;
    let genesis = chain.emission_state().await.genesis_timestamp;
    let next = pool.last_closed_epoch + 1;
    let end = schedule::epoch_end(genesis, next).unwrap();
    if chain.now().await < end && rng.random_bool(0.5) {
        let result = chain.close_epoch(protocol).await;
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
            .close_epoch(protocol)
            .await
            .unwrap_or_else(|e| panic!("{context}: {e:?}"));
        *closes += 1;
    }
}

/// Overflow: stake above the requirement leaves without a cooldown.
pub(super) async fn withdraw_overflow(run: &mut Run, context: &str, i: usize, device: &Device) {
    let Run {
        rng,
        chain,
        protocol,
        suppliers,
        overflow_withdrawals,
        ..
    } = run;
    let s = &mut suppliers[i];
    let required = chain.required_stake(protocol, &s.dev).await;
    let now = chain.now().await;
    let co_counts = device.co_staker != Pubkey::default()
        && (device.co_exit_requested_at == 0 || now < device.co_exit_requested_at + 7 * 86_400);
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
        *overflow_withdrawals += 1;
    }
}

/// Stake or top up: sometimes exactly to the requirement, sometimes a little.
pub(super) async fn stake(run: &mut Run, context: &str, i: usize, device: &Device) {
    let Run {
        rng,
        chain,
        protocol,
        suppliers,
        ..
    } = run;
    let s = &mut suppliers[i];
    let required = chain.required_stake(protocol, &s.dev).await;
    let wallet =
        s.funded + s.withdrawn + device.total_claimed + s.claimed_before + s.returned - s.staked_in;
    let amount = if device.stake < required && rng.random_bool(0.6) {
        required - device.stake
    } else {
        rng.random_range(1..=required / 4 + 1)
    }
    .min(wallet);
    let result = chain.stake(protocol, &s.dev, amount).await;
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

/// Unstake (rarely: it is for good); a withdrawn supplier closes the device, recovers
/// its rent, and registers a new one.
pub(super) async fn unstake_or_close(run: &mut Run, context: &str, i: usize, device: &Device) {
    let Run {
        chain,
        protocol,
        suppliers,
        retired,
        reregistered,
        ..
    } = run;
    let co_open = device.has_co_stake_offer || device.co_pending_rewards > 0;
    if device.status == DeviceStatus::Withdrawn && (device.open_cases > 0 || co_open) {
        let s = &suppliers[i];
        let ix = protocol.addresses.close_device(
            s.dev.owner.pubkey(),
            s.dev.device,
            &s.dev.hardware_hash,
        );
        let result = chain.process(&[ix], &[&s.dev.owner]).await;
        let expected = if device.open_cases > 0 {
            code(StakingError::OpenCases)
        } else {
            code(StakingError::CoStakeOpen)
        };
        assert_eq!(anchor_code(&result), expected, "{context}");
    } else if device.status == DeviceStatus::Withdrawn {
        // Closed, then the same worker key registered again by the same owner: a
        // new life at the same address, which must settle and be slashable.
        let s = &mut suppliers[i];
        let ix = protocol.addresses.close_device(
            s.dev.owner.pubkey(),
            s.dev.device,
            &s.dev.hardware_hash,
        );
        chain
            .process(&[ix], &[&s.dev.owner])
            .await
            .unwrap_or_else(|e| panic!("{context}: {e:?}"));
        retired.credited += device.total_credited;
        retired.credited_by_class[device.reward_class.index()] += device.total_credited;
        retired.claimed += device.total_claimed + device.co_total_claimed;
        s.claimed_before += device.total_claimed;
        chain
            .register_again(protocol, &s.dev)
            .await
            .unwrap_or_else(|e| panic!("{context}: {e:?}"));
        *reregistered += 1;
    } else {
        let now = chain.now().await;
        let result = chain.request_unstake(protocol, &suppliers[i].dev).await;
        let expected = match device.status {
            DeviceStatus::Staking if device.is_rented(now) => code(StakingError::DeviceRented),
            DeviceStatus::Staking if device.stake == 0 && device.co_stake == 0 => {
                code(StakingError::NothingStaked)
            }
            DeviceStatus::Unstaking { .. } => code(StakingError::AlreadyUnstaking),
            _ => None,
        };
        assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
    }
}

/// Withdraw.
pub(super) async fn withdraw(run: &mut Run, context: &str, i: usize, device: &Device) {
    let Run {
        chain,
        protocol,
        suppliers,
        withdrawals,
        ..
    } = run;
    let now = chain.now().await;
    let result = chain.withdraw(protocol, &suppliers[i].dev).await;
    match device.status {
        DeviceStatus::Unstaking { unlocks_at, .. } if now >= unlocks_at => {
            result.unwrap_or_else(|e| panic!("{context}: {e:?}"));
            suppliers[i].withdrawn += device.stake;
            *withdrawals += 1;
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

pub(super) async fn claim(run: &mut Run, context: &str, i: usize, device: &Device) {
    let Run {
        rng,
        chain,
        protocol,
        suppliers,
        claims,
        ..
    } = run;
    let dev = &suppliers[i].dev;
    // `claim_rewards`, or `claim_all` (sometimes listing the device twice).
    let result = match rng.random_range(0..3) {
        0 => chain.claim(protocol, dev).await,
        n => {
            let devices = vec![dev.device; n];
            let ix = protocol
                .addresses
                .claim_all(dev.owner.pubkey(), dev.owner_token, &devices);
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
        *claims += 1;
    }
}
