//! Rented devices cannot leave (docs/design.md section 17): io-payments records a device's paid
//! hours on it through a CPI signed by its config PDA, which io-staking's config names.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{InstructionData, ToAccountMetas};
use io_payments::error::PaymentsError;
use io_staking::error::StakingError;
use io_staking::state::Device;
use io_test_harness::{assert_payments_error, assert_staking_error, USDC};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

async fn device(w: &mut World) -> Device {
    let address = w.dev.device;
    w.chain.anchor_account(address).await
}

async fn request_unstake(w: &mut World) -> io_test_harness::TxResult {
    let dev = w.dev.insecure_clone();
    w.chain.request_unstake(&w.protocol, &dev).await
}

/// `record_rental` signed by `signer` directly, as a payments program would through a CPI.
fn record_rental(w: &World, signer: Pubkey, device: Pubkey, rented_until: i64) -> Instruction {
    Instruction {
        program_id: io_staking::ID,
        accounts: io_staking::accounts::RecordRental {
            payments_authority: signer,
            config: w.protocol.config,
            device,
            event_authority: io_sdk::event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None),
        data: io_staking::instruction::RecordRental { rented_until }.data(),
    }
}

#[tokio::test]
async fn a_rented_device_cannot_request_unstake_until_its_hours_end() {
    let mut w = world().await;
    let start = w.chain.now().await;
    let (result, _) = w.reserve(true, 3, USDC).await;
    result.unwrap();
    let rented = device(&mut w).await;
    assert_eq!(rented.rented_until, start + 3 * HOUR);
    w.chain.advance(3 * HOUR - 1).await;
    assert_staking_error(request_unstake(&mut w).await, StakingError::DeviceRented);
    w.chain.advance(1).await;
    request_unstake(&mut w).await.unwrap();
}

#[tokio::test]
async fn one_reservation_at_a_time_per_device() {
    let mut w = world().await;
    let device_key = w.dev.device;
    let (result, _) = w.reserve(true, 2, USDC).await;
    result.unwrap();
    let usdc_mint = w.payments.addresses.usdc_mint;
    let from = w.renter.usdc;
    let (result, _) = w.reserve_with(device_key, usdc_mint, from, 1, USDC).await;
    assert_payments_error(result, PaymentsError::DeviceAlreadyRented);
    // Once its hours end, it can be reserved again.
    w.chain.advance(2 * HOUR).await;
    let (result, _) = w.reserve_with(device_key, usdc_mint, from, 1, USDC).await;
    result.unwrap();
}

#[tokio::test]
async fn a_cancel_shortens_the_rental_to_the_hour_begun() {
    let mut w = world().await;
    let start = w.chain.now().await;
    let (result, nonce) = w.reserve(true, 10, USDC).await;
    result.unwrap();
    w.chain.advance(HOUR + 10).await;
    assert_staking_error(request_unstake(&mut w).await, StakingError::DeviceRented);
    w.cancel(true, nonce).await.unwrap();
    // Two hours begun: the device is held until the second ends, then free.
    assert_eq!(device(&mut w).await.rented_until, start + 2 * HOUR);
    assert_staking_error(request_unstake(&mut w).await, StakingError::DeviceRented);
    w.chain.advance(HOUR - 10).await;
    request_unstake(&mut w).await.unwrap();
}

#[tokio::test]
async fn nobody_but_the_named_payments_config_records_a_rental() {
    let mut w = world().await;
    let now = w.chain.now().await;
    // A stranger signing directly.
    let stranger = Keypair::new();
    w.chain.airdrop(&stranger.pubkey(), 1_000_000_000).await;
    let ix = record_rental(&w, stranger.pubkey(), w.dev.device, now + HOUR);
    assert_staking_error(
        w.chain.process(&[ix], &[&stranger]).await,
        StakingError::NotPaymentsAuthority,
    );
    // The staking admin is not the payments authority either.
    let admin = w.protocol.admin.insecure_clone();
    let ix = record_rental(&w, admin.pubkey(), w.dev.device, now + HOUR);
    assert_staking_error(
        w.chain.process(&[ix], &[&admin]).await,
        StakingError::NotPaymentsAuthority,
    );
    assert_eq!(device(&mut w).await.rented_until, 0);
    request_unstake(&mut w).await.unwrap();
}

#[tokio::test]
async fn a_device_is_rented_only_on_its_owners_terms() {
    let mut w = world().await;
    let device_key = w.dev.device;
    let (usdc_mint, from) = (w.payments.addresses.usdc_mint, w.renter.usdc);
    let set_terms = |w: &World, signer: Pubkey, usdc: u64, io: u64| {
        w.protocol.addresses.set_rental_terms(
            signer,
            device_key,
            io_staking::RentalTerms {
                min_usdc_per_hour: usdc,
                min_io_per_hour: io,
            },
        )
    };
    // Only the owner sets them.
    let stranger = Keypair::new();
    w.chain.airdrop(&stranger.pubkey(), 1_000_000_000).await;
    let ix = set_terms(&w, stranger.pubkey(), 1, 1);
    assert_staking_error(
        w.chain.process(&[ix], &[&stranger]).await,
        StakingError::NotDeviceOwner,
    );
    // 1.50 USDC an hour and no IO rentals.
    let owner = w.dev.owner.insecure_clone();
    let ix = set_terms(&w, owner.pubkey(), 3 * USDC / 2, 0);
    w.chain.process(&[ix], &[&owner]).await.unwrap();
    // A dust price cannot hold the device (the audit's lock for 720 base units of IO).
    let (result, _) = w.reserve_with(device_key, usdc_mint, from, 720, 1).await;
    assert_payments_error(result, PaymentsError::BelowRentalTerms);
    let (io_mint, io_from) = (w.payments.addresses.io_mint, w.renter.io);
    let (result, _) = w.reserve_with(device_key, io_mint, io_from, 720, IO).await;
    assert_payments_error(result, PaymentsError::NotForRent);
    let (result, _) = w
        .reserve_with(device_key, usdc_mint, from, 2, 3 * USDC / 2)
        .await;
    result.unwrap();
    assert!(device(&mut w).await.rented_until > 0);
}

#[tokio::test]
async fn the_payments_authority_can_only_be_this_deployments_payments_config() {
    let mut w = world().await;
    let admin = w.protocol.admin.insecure_clone();
    let set = |authority: Pubkey| Instruction {
        program_id: io_staking::ID,
        accounts: io_staking::accounts::AdminOnly {
            admin: admin.pubkey(),
            config: w.protocol.config,
            reward_pool: w.protocol.pool,
            event_authority: io_sdk::event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None),
        data: io_staking::instruction::SetPaymentsAuthority { authority }.data(),
    };
    // The admin's own key would let it hold every device for 720 hours at a time.
    for key in [admin.pubkey(), Pubkey::new_unique()] {
        assert_staking_error(
            w.chain.process(&[set(key)], &[&admin]).await,
            StakingError::InvalidPaymentsAuthority,
        );
    }
    // io-payments' own program id agrees with the one io-staking names.
    assert_eq!(
        io_staking::instructions::IO_PAYMENTS_PROGRAM_ID,
        io_payments::ID
    );
    // Naming it again (staged, devices exist) or naming none is allowed.
    w.chain
        .process(&[set(w.payments.addresses.config)], &[&admin])
        .await
        .unwrap();
    w.chain
        .process(&[set(Pubkey::default())], &[&admin])
        .await
        .unwrap();
}
