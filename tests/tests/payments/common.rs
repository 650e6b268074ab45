//! Shared setup for the payments tests: a protocol, io-payments, one staked H100 device, and a
//! renter holding USDC and IO.

use anchor_lang::prelude::Pubkey;
use io_payments::ReserveArgs;
use io_staking::catalog::multiplier_centi;
use io_test_harness::{ChainBuilder, DeviceHandle, Payments, Protocol, TestChain, TxResult, USDC};
use solana_keypair::Keypair;
use solana_signer::Signer;

pub const IO: u64 = 100_000_000;
pub const HOUR: i64 = 3_600;

pub struct Renter {
    pub key: Keypair,
    pub usdc: Pubkey,
    pub io: Pubkey,
}

pub struct World {
    pub chain: TestChain,
    pub protocol: Protocol,
    pub payments: Payments,
    pub dev: DeviceHandle,
    /// The device owner's USDC account (its IO account is `dev.owner_token`).
    pub supplier_usdc: Pubkey,
    pub renter: Renter,
    /// The renter's next reservation nonce.
    pub nonce: u64,
    /// `dev` and two more staked H100s of the same owner: a device serves one reservation at a
    /// time, and `reserve` takes the first one free.
    pub devices: Vec<Pubkey>,
    /// The device each of the renter's nonces reserved.
    pub reserved_on: std::collections::HashMap<u64, Pubkey>,
}

pub async fn staked_h100(chain: &mut TestChain, protocol: &Protocol) -> DeviceHandle {
    let now = chain.now().await;
    let required = chain
        .config_state(protocol)
        .await
        .required_stake(now, multiplier_centi("H100").unwrap(), 1)
        .unwrap();
    let dev = chain
        .register_device(protocol, "H100", 1, 2 * required)
        .await;
    chain.stake(protocol, &dev, required).await.expect("stake");
    dev
}

pub async fn new_renter(chain: &mut TestChain, payments: &Payments, usdc: u64, io: u64) -> Renter {
    let key = Keypair::new();
    chain.airdrop(&key.pubkey(), 1_000_000_000).await;
    let usdc = chain.usdc_account(payments, &key.pubkey(), usdc).await;
    let io = chain.fund(&key.pubkey(), io).await;
    Renter { key, usdc, io }
}

pub async fn world() -> World {
    let mut chain = ChainBuilder::new().build().await;
    let protocol = chain.setup_protocol().await;
    let payments = chain.setup_payments(&protocol).await;
    let dev = staked_h100(&mut chain, &protocol).await;
    let supplier_usdc = chain.usdc_account(&payments, &dev.owner.pubkey(), 0).await;
    let renter = new_renter(&mut chain, &payments, 1_000 * USDC, 10_000 * IO).await;
    let mut devices = vec![dev.device];
    for _ in 0..2 {
        let now = chain.now().await;
        let required = chain
            .config_state(&protocol)
            .await
            .required_stake(now, multiplier_centi("H100").unwrap(), 1)
            .unwrap();
        let more = chain
            .register_for(&protocol, &dev.owner, "H100", 1, required)
            .await;
        chain
            .stake(&protocol, &more, required)
            .await
            .expect("stake");
        devices.push(more.device);
    }
    // Their owner rents them out at any price from one base unit, in both mints.
    for device in &devices {
        let ix = protocol.addresses.set_rental_terms(
            dev.owner.pubkey(),
            *device,
            io_staking::RentalTerms {
                min_usdc_per_hour: 1,
                min_io_per_hour: 1,
            },
        );
        chain
            .process(&[ix], &[&dev.owner])
            .await
            .expect("rental terms");
    }
    World {
        chain,
        protocol,
        payments,
        dev,
        supplier_usdc,
        renter,
        nonce: 0,
        devices,
        reserved_on: Default::default(),
    }
}

/// A world whose fee vault holds 0.50 USDC of fees (10 hours at 2.00 USDC reserved and settled),
/// with IO at 1.25 USD (a buy-back share of 75%).
pub async fn world_with_fees() -> World {
    let mut w = world().await;
    let (result, nonce) = w.reserve(true, 10, 2 * USDC).await;
    result.unwrap();
    w.chain.advance(10 * HOUR).await;
    w.settle(true, nonce).await.unwrap();
    let now = w.chain.now().await;
    w.chain
        .set_price(&w.payments, 125_000_000, 100_000, -8, now);
    w
}

impl World {
    /// A nonce the renter has not used.
    pub fn fresh_nonce(&mut self) -> u64 {
        self.nonce += 1;
        self.nonce
    }

    /// The renter's reservation made with `nonce`.
    pub fn reservation(&self, nonce: u64) -> Pubkey {
        self.payments
            .addresses
            .reservation(&self.renter.key.pubkey(), nonce)
    }

    pub fn escrow(&self, nonce: u64) -> Pubkey {
        self.payments
            .addresses
            .escrow(&self.renter.key.pubkey(), nonce)
    }

    /// Reserves the device for `hours` at `price_per_hour` in USDC (`in_usdc`) or IO; returns
    /// the reservation id.
    pub async fn reserve(
        &mut self,
        in_usdc: bool,
        hours: u32,
        price_per_hour: u64,
    ) -> (TxResult, u64) {
        let (mint, from) = if in_usdc {
            (self.payments.addresses.usdc_mint, self.renter.usdc)
        } else {
            (self.payments.addresses.io_mint, self.renter.io)
        };
        let device = self.free_device().await;
        self.reserve_with(device, mint, from, hours, price_per_hour)
            .await
    }

    /// The first of `devices` nobody rents now (`dev` when all are rented).
    pub async fn free_device(&mut self) -> Pubkey {
        let now = self.chain.now().await;
        for device in self.devices.clone() {
            let state: io_staking::state::Device = self.chain.anchor_account(device).await;
            if !state.is_rented(now) {
                return device;
            }
        }
        self.dev.device
    }

    /// The renter reserves `device`, paying in `mint` from `from` (any accounts, for the
    /// failure paths); returns the result and the nonce used.
    pub async fn reserve_with(
        &mut self,
        device: Pubkey,
        mint: Pubkey,
        from: Pubkey,
        hours: u32,
        price_per_hour: u64,
    ) -> (TxResult, u64) {
        let nonce = self.fresh_nonce();
        let args = ReserveArgs {
            nonce,
            hours,
            price_per_hour,
        };
        let renter = self.renter.key.insecure_clone();
        let ix = self
            .payments
            .addresses
            .reserve(renter.pubkey(), device, mint, from, args);
        self.reserved_on.insert(nonce, device);
        (self.chain.process(&[ix], &[&renter]).await, nonce)
    }

    fn supplier_account(&self, in_usdc: bool) -> Pubkey {
        if in_usdc {
            self.supplier_usdc
        } else {
            self.dev.owner_token
        }
    }

    pub fn mint(&self, in_usdc: bool) -> Pubkey {
        if in_usdc {
            self.payments.addresses.usdc_mint
        } else {
            self.payments.addresses.io_mint
        }
    }

    pub async fn settle(&mut self, in_usdc: bool, id: u64) -> TxResult {
        let ix = self.payments.addresses.settle(
            self.reservation(id),
            self.mint(in_usdc),
            self.supplier_account(in_usdc),
            self.renter.key.pubkey(),
        );
        self.chain.process(&[ix], &[]).await
    }

    pub async fn cancel(&mut self, in_usdc: bool, id: u64) -> TxResult {
        let ix = self.payments.addresses.cancel(
            self.reservation(id),
            self.device_of(id),
            self.mint(in_usdc),
            self.supplier_account(in_usdc),
            self.renter.key.pubkey(),
            if in_usdc {
                self.renter.usdc
            } else {
                self.renter.io
            },
        );
        let renter = self.renter.key.insecure_clone();
        self.chain.process(&[ix], &[&renter]).await
    }

    /// The device the renter's reservation `nonce` is for.
    pub fn device_of(&self, nonce: u64) -> Pubkey {
        self.reserved_on
            .get(&nonce)
            .copied()
            .unwrap_or(self.dev.device)
    }

    pub async fn balance(&mut self, account: Pubkey) -> u64 {
        self.chain.token_balance(account).await
    }
}
