//! The randomized run's co-staking step: offers, acceptance, exits and withdrawals, predicted
//! and checked.

use anchor_lang::prelude::Pubkey;
use io_staking::error::StakingError;
use io_staking::state::CoStakeStatus;
use io_staking::state::DeviceStatus;
use io_staking::CoStakeTerms;
use io_test_harness::anchor_code;
use rand::Rng;
use solana_signer::Signer;

use io_staking::state::Device;

use super::model::*;

/// Claim (twice in a row fails).
/// Co-staking: offers, acceptances, exits, withdrawals and the co-staker's claims.
pub(super) async fn co_stake(run: &mut Run, context: &str, i: usize, device: &Device) {
    let Run {
        rng,
        chain,
        protocol,
        genesis_supply: _,
        suppliers,
        co_stakers,
        co_accepted,
        co_withdrawn,
        retired: _,
        burned: _,
        opened: _,
        ..
    } = run;
    let j = rng.random_range(0..CO_STAKERS);
    let s = &suppliers[i];
    let a = protocol.addresses;
    let offer_address = a.co_stake_offer(&s.dev.device);
    let offer: Option<io_staking::state::CoStakeOffer> = match chain.account(offer_address).await {
        Some(account) => Some(
            anchor_lang::AccountDeserialize::try_deserialize(&mut account.data.as_slice()).unwrap(),
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
            let (amount, share) = offer.as_ref().map_or((1, 0), |o| (o.amount, o.share_bps));
            let ix = a.accept_co_stake_offer(
                c.wallet.pubkey(),
                s.dev.device,
                c.token,
                CoStakeTerms {
                    amount,
                    share_bps: share,
                },
            );
            let held = match chain.account(a.co_staker_account(&c.wallet.pubkey())).await {
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
                Some(o) if o.amount > device.stake => code(StakingError::CoStakeAboveHalf),
                Some(_) if held >= 2 => code(StakingError::TooManyCoStakes),
                Some(_) => None,
            };
            assert_eq!(anchor_code(&result), expected, "{context}: {result:?}");
            if expected.is_none() {
                co_stakers[j].deposited += amount;
                *co_accepted += 1;
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
                return;
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
                    let own_exit_done =
                        offer.status == CoStakeStatus::Exiting && now >= offer.unlocks_at;
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
                        *co_withdrawn += 1;
                    }
                }
                _ => {
                    let ix = a.claim_co_stake_rewards(c.wallet.pubkey(), s.dev.device, c.token);
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
