//! Rentals and hardware markers in the randomized run: a renter reserves devices in USDC (so no
//! IO moves and every IO invariant keeps its meaning), cancels some, and a copycat tries to
//! register a supplier's GPUs under a new device key.

use anchor_lang::prelude::Pubkey;
use io_payments::error::PaymentsError;
use io_payments::ReserveArgs;
use io_staking::error::StakingError;
use io_staking::state::{Device, DeviceStatus, HardwareMarker};
use io_test_harness::{anchor_code, Payments, USDC};
use rand::Rng;
use solana_keypair::Keypair;
use solana_signer::Signer;

use super::model::*;

const HOUR: i64 = 3_600;

/// What the run's renter holds and has open.
pub(super) struct Rentals {
    /// Its own draws, so adding rentals did not change the rest of the run's steps.
    pub(super) rng: rand::rngs::SmallRng,
    pub(super) payments: Payments,
    pub(super) renter: Keypair,
    pub(super) renter_usdc: Pubkey,
    /// Each supplier's USDC account, paid at a cancel.
    pub(super) supplier_usdc: Vec<Pubkey>,
    /// Open reservations: nonce, supplier index, device, start, hours.
    pub(super) open: Vec<(u64, usize, Pubkey, i64, u32)>,
    pub(super) next_nonce: u64,
    pub(super) reserved: usize,
    pub(super) refused: usize,
    pub(super) cancelled: usize,
    pub(super) copycats: usize,
}

impl Rentals {
    pub(super) async fn new(run: &mut Run, seed: u64) -> Self {
        let payments = run.chain.setup_payments(&run.protocol).await;
        let renter = Keypair::new();
        run.chain.airdrop(&renter.pubkey(), 10_000_000_000).await;
        let renter_usdc = run
            .chain
            .usdc_account(&payments, &renter.pubkey(), 1_000_000_000 * USDC)
            .await;
        let mut supplier_usdc = Vec::new();
        for s in &run.suppliers {
            let owner = s.dev.owner.pubkey();
            supplier_usdc.push(run.chain.usdc_account(&payments, &owner, 0).await);
        }
        Self {
            rng: rand::SeedableRng::seed_from_u64(seed ^ 0x5E17_0015),
            payments,
            renter,
            renter_usdc,
            supplier_usdc,
            open: Vec::new(),
            next_nonce: 0,
            reserved: 0,
            refused: 0,
            cancelled: 0,
            copycats: 0,
        }
    }
}

/// Why reserving `device` at `now` is refused, if it is.
fn refusal(device: &Device, now: i64, required: u64) -> Option<u32> {
    let payments_code = |e: PaymentsError| Some(u32::from(e));
    if device.status != DeviceStatus::Staking {
        payments_code(PaymentsError::DeviceNotStaking)
    } else if device.open_cases > 0 {
        payments_code(PaymentsError::DeviceSlashed)
    } else if device.is_rented(now) {
        payments_code(PaymentsError::DeviceAlreadyRented)
    } else if device.counted_stake(now).unwrap() < required {
        payments_code(PaymentsError::DeviceUnderStaked)
    } else if device.min_usdc_per_hour == 0 {
        payments_code(PaymentsError::NotForRent)
    } else if USDC < device.min_usdc_per_hour {
        payments_code(PaymentsError::BelowRentalTerms)
    } else {
        None
    }
}

/// Reserves a device for 1 to 6 hours: most often the first from supplier `i` on that can be
/// rented, sometimes `i`'s whatever its state; predicts the refusal if any.
pub(super) async fn rent(run: &mut Run, rentals: &mut Rentals, context: &str, i: usize) {
    let hours = rentals.rng.random_range(1..=6u32);
    let any = rentals.rng.random_bool(0.3);
    let now = run.chain.now().await;
    let config = run.chain.config_state(&run.protocol).await;
    let count = run.suppliers.len();
    let mut pick = (i, run.chain.device_state(&run.suppliers[i].dev).await);
    if !any {
        for step in 0..count {
            let j = (i + step) % count;
            let state = run.chain.device_state(&run.suppliers[j].dev).await;
            let required = config
                .required_stake(now, state.multiplier_centi, state.gpu_count)
                .unwrap();
            // Terms are set below when missing.
            let not_for_rent = Some(u32::from(PaymentsError::NotForRent));
            let refused = refusal(&state, now, required);
            if refused.is_none() || refused == not_for_rent {
                pick = (j, state);
                break;
            }
        }
    }
    let (i, mut device) = pick;
    // Most owners rent out (a fresh life starts with no terms): 0.5 or 2 USDC an hour.
    if device.min_usdc_per_hour == 0 && rentals.rng.random_bool(0.8) {
        let floor = if rentals.rng.random_bool(0.8) {
            USDC / 2
        } else {
            2 * USDC
        };
        let s = &run.suppliers[i];
        let ix = run.protocol.addresses.set_rental_terms(
            s.dev.owner.pubkey(),
            s.dev.device,
            io_staking::RentalTerms {
                min_usdc_per_hour: floor,
                min_io_per_hour: 0,
            },
        );
        let owner = s.dev.owner.insecure_clone();
        run.chain
            .process(&[ix], &[&owner])
            .await
            .unwrap_or_else(|e| panic!("{context}: terms {e:?}"));
        device = run.chain.device_state(&run.suppliers[i].dev).await;
    }
    let required = config
        .required_stake(now, device.multiplier_centi, device.gpu_count)
        .unwrap();
    rentals.next_nonce += 1;
    let nonce = rentals.next_nonce;
    let address = run.suppliers[i].dev.device;
    let ix = rentals.payments.addresses.reserve(
        rentals.renter.pubkey(),
        address,
        rentals.payments.addresses.usdc_mint,
        rentals.renter_usdc,
        ReserveArgs {
            nonce,
            hours,
            price_per_hour: USDC,
        },
    );
    let renter = rentals.renter.insecure_clone();
    let result = run.chain.process(&[ix], &[&renter]).await;
    let expected = refusal(&device, now, required);
    assert_eq!(
        anchor_code(&result),
        expected,
        "{context}: reserve {result:?}"
    );
    if expected.is_none() {
        rentals.reserved += 1;
        rentals.open.push((nonce, i, address, now, hours));
        let after = run.chain.device_state(&run.suppliers[i].dev).await;
        assert_eq!(
            after.rented_until,
            now + i64::from(hours) * HOUR,
            "{context}"
        );
    } else {
        rentals.refused += 1;
    }
}

/// Cancels a random open reservation: the device's rental ends with the hour begun.
pub(super) async fn cancel(run: &mut Run, rentals: &mut Rentals, context: &str) {
    if rentals.open.is_empty() {
        return;
    }
    let pick = rentals.rng.random_range(0..rentals.open.len());
    let (nonce, i, address, starts_at, hours) = rentals.open.remove(pick);
    let before: Device = run.chain.anchor_account(address).await;
    let now = run.chain.now().await;
    let reservation = rentals
        .payments
        .addresses
        .reservation(&rentals.renter.pubkey(), nonce);
    let ix = rentals.payments.addresses.cancel(
        reservation,
        address,
        rentals.payments.addresses.usdc_mint,
        rentals.supplier_usdc[i],
        rentals.renter.pubkey(),
        rentals.renter_usdc,
    );
    let renter = rentals.renter.insecure_clone();
    run.chain
        .process(&[ix], &[&renter])
        .await
        .unwrap_or_else(|e| panic!("{context}: cancel {e:?}"));
    rentals.cancelled += 1;
    let booked_until = starts_at + i64::from(hours) * HOUR;
    let after: Device = run.chain.anchor_account(address).await;
    if before.rented_until == booked_until {
        let begun = ((now - starts_at + HOUR - 1) / HOUR).min(i64::from(hours));
        assert_eq!(after.rented_until, starts_at + begun * HOUR, "{context}");
    } else {
        assert_eq!(after.rented_until, before.rented_until, "{context}");
    }
}

/// Someone registers supplier `i`'s GPUs under a new device key: refused while the device
/// holds them, and the marker names that device.
pub(super) async fn copycat(run: &mut Run, rentals: &mut Rentals, context: &str, i: usize) {
    let s = &run.suppliers[i];
    let (hash, device, model_id, gpus) = (
        s.dev.hardware_hash,
        s.dev.device,
        s.dev.model_id,
        s.dev.gpu_count,
    );
    let marker: HardwareMarker = run
        .chain
        .anchor_account(run.protocol.addresses.hardware_marker(&hash))
        .await;
    assert_eq!(marker.device, device, "{context}: marker");
    let copycat = Keypair::new();
    run.chain.airdrop(&copycat.pubkey(), 100_000_000).await;
    let key = Keypair::new();
    let consent = run
        .chain
        .consent(&run.protocol, &copycat, &key, model_id, gpus, hash)
        .await;
    let result = run
        .chain
        .register_with(&run.protocol, &copycat, &consent)
        .await;
    assert_eq!(
        anchor_code(&result),
        code(StakingError::HardwareAlreadyRegistered),
        "{context}: copycat"
    );
    rentals.copycats += 1;
}
