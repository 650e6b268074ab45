//! io-payments in the local simulation: a USDC mint, the payments config, an oracle account in
//! Pyth's `PriceUpdateV2` layout that the keeper moves, a few SIMULATED reservations settled
//! hour by hour (one cancelled), and one buy-back through the operator's own quote-then-execute
//! path.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::program_pack::Pack;
use anchor_lang::solana_program::system_instruction;
use anchor_spl::token::spl_token;
use io_localchain::Account;
use io_payments::math::fees::hours_ended;
use io_payments::math::price::{encode_price_update, OraclePrice, PYTH_RECEIVER_PROGRAM};
use io_payments::state::{MintTotals, PaymentsConfig};
use io_payments::ReserveArgs;
use io_sdk::payments::{default_buyback_params, PaymentsAddresses};
use io_sdk::Addresses;
use solana_keypair::Keypair;
use solana_signer::Signer;

use io_chain::retry::Backoff;
use io_chain::{fetch, Chain, ChainError};
use io_localchain::local::LocalChain;
use io_ops::payments::{due_reservations, execute_buyback, quote_buyback, BuybackError};

/// The IO/USD feed id the local deployment is configured with (on a cluster: Pyth's).
pub const LOCAL_IO_USD_FEED: [u8; 32] = *b"IO/USD local simulated feed.....";
pub const USDC: u64 = 1_000_000;

/// The local chain's IO/USD price account: a fixed address, as a sponsored Pyth feed has.
pub fn local_price_update() -> Pubkey {
    Pubkey::find_program_address(&[b"io-usd-price"], &PYTH_RECEIVER_PROGRAM).0
}
const IO: u64 = 100_000_000;

/// A SIMULATED reservation and who is paid for it.
struct Rental {
    /// Its reservation account.
    address: Pubkey,
    device: Pubkey,
    mint: Pubkey,
    supplier_token: Pubkey,
    renter: Keypair,
    renter_token: Pubkey,
    /// The renter cancels at this epoch.
    cancel_at: Option<u32>,
    open: bool,
}

/// What the payments part of a run did, for the summary.
#[derive(Clone, Debug, Default)]
pub struct PaymentsLine {
    pub reservations: u64,
    pub cancelled: u32,
    pub usdc: MintTotals,
    pub io: MintTotals,
    pub usdc_bought_back: u64,
    pub io_burned: u64,
    /// The IO supply's fall over the buy-back: equals `io_burned`.
    pub supply_fall: u64,
    /// Why there was no buy-back, if there was none.
    pub buyback_skipped: Option<String>,
}

pub struct PaymentsSim {
    pub addresses: PaymentsAddresses,
    pub price_update: Pubkey,
    usdc_authority: Keypair,
    rentals: Vec<Rental>,
    /// The price the keeper last wrote, USD per IO with 8 decimals.
    price_e8: std::sync::atomic::AtomicI64,
}

impl PaymentsSim {
    /// A 6-decimal USDC mint, io-payments initialized by the staking admin with the published
    /// defaults, and IO at 1.25 USD.
    pub async fn setup(
        chain: &LocalChain,
        admin: &Keypair,
        staking: &Addresses,
    ) -> Result<Self, ChainError> {
        let mint = Keypair::new();
        let usdc_authority = Keypair::new();
        let len = spl_token::state::Mint::LEN;
        let create = system_instruction::create_account(
            &chain.payer(),
            &mint.pubkey(),
            chain.minimum_balance(len).await,
            len as u64,
            &spl_token::ID,
        );
        let init = spl_token::instruction::initialize_mint2(
            &spl_token::ID,
            &mint.pubkey(),
            &usdc_authority.pubkey(),
            None,
            6,
        )
        .map_err(|e| ChainError::Rejected(e.to_string()))?;
        chain.send(&[create, init], &[&mint]).await?;
        let addresses = PaymentsAddresses::new(staking, mint.pubkey());
        let initialize =
            addresses.initialize(admin.pubkey(), default_buyback_params(LOCAL_IO_USD_FEED));
        chain.send(&[initialize], &[admin]).await?;
        let sim = Self {
            addresses,
            // A fixed address, as a sponsored Pyth feed account has.
            price_update: local_price_update(),
            usdc_authority,
            rentals: Vec::new(),
            price_e8: std::sync::atomic::AtomicI64::new(125_000_000),
        };
        sim.set_price(chain, sim.price_e8()).await?;
        Ok(sim)
    }

    /// Writes the oracle account as Pyth's receiver would: `price × 10^-8` USD per IO, published
    /// now, with a confidence of 0.1%.
    pub async fn set_price(&self, chain: &LocalChain, price_e8: i64) -> Result<(), ChainError> {
        let publish_time = chain.unix_time().await?;
        let price = OraclePrice {
            feed_id: LOCAL_IO_USD_FEED,
            price: price_e8,
            conf: u64::try_from(price_e8 / 1_000).unwrap_or(0),
            exponent: -8,
            publish_time,
        };
        let data = encode_price_update(&Pubkey::default(), &price, chain.slot());
        let lamports = chain.minimum_balance(data.len()).await;
        chain
            .write_account(
                self.price_update,
                Account {
                    lamports,
                    data,
                    owner: PYTH_RECEIVER_PROGRAM,
                    executable: false,
                    rent_epoch: 0,
                },
            )
            .await;
        Ok(())
    }

    async fn usdc_account(
        &self,
        chain: &LocalChain,
        owner: &Pubkey,
        amount: u64,
    ) -> Result<Pubkey, ChainError> {
        let account = chain
            .create_token_account(owner, &self.addresses.usdc_mint)
            .await;
        if amount > 0 {
            let mint_to = spl_token::instruction::mint_to(
                &spl_token::ID,
                &self.addresses.usdc_mint,
                &account,
                &self.usdc_authority.pubkey(),
                &[],
                amount,
            )
            .map_err(|e| ChainError::Rejected(e.to_string()))?;
            chain.send(&[mint_to], &[&self.usdc_authority]).await?;
        }
        Ok(account)
    }

    /// A new renter reserves `device` (owned by `supplier`, paid into `supplier_io` when in IO)
    /// for `hours` at `price_per_hour` base units.
    #[allow(clippy::too_many_arguments)]
    pub async fn reserve(
        &mut self,
        chain: &LocalChain,
        device: Pubkey,
        supplier: &Pubkey,
        supplier_io: Pubkey,
        in_usdc: bool,
        hours: u32,
        price_per_hour: u64,
        cancel_at: Option<u32>,
    ) -> Result<(), ChainError> {
        let renter = Keypair::new();
        chain.airdrop(&renter.pubkey(), 100_000_000).await;
        let deposit = price_per_hour
            .saturating_mul(u64::from(hours))
            .saturating_mul(2);
        let (mint, renter_token, supplier_token) = if in_usdc {
            let renter_token = self.usdc_account(chain, &renter.pubkey(), deposit).await?;
            let supplier_token = self.usdc_account(chain, supplier, 0).await?;
            (self.addresses.usdc_mint, renter_token, supplier_token)
        } else {
            (
                self.addresses.io_mint,
                chain.fund(&renter.pubkey(), deposit).await,
                supplier_io,
            )
        };
        // Each SIMULATED renter is new, so its first nonce is free.
        let nonce = 1;
        let ix = self.addresses.reserve(
            renter.pubkey(),
            device,
            mint,
            renter_token,
            ReserveArgs {
                nonce,
                hours,
                price_per_hour,
            },
        );
        chain.send(&[ix], &[&renter]).await?;
        self.rentals.push(Rental {
            address: self.addresses.reservation(&renter.pubkey(), nonce),
            device,
            mint,
            supplier_token,
            renter,
            renter_token,
            cancel_at,
            open: true,
        });
        Ok(())
    }

    /// After `epoch`: the renters due to cancel do, and every whole hour ended is settled (as any
    /// keeper or supplier may).
    pub async fn on_epoch(&mut self, chain: &LocalChain, epoch: u32) -> Result<(), ChainError> {
        for rental in self
            .rentals
            .iter_mut()
            // `<=`: a time travel may close several epochs at once.
            .filter(|r| r.open && r.cancel_at.is_some_and(|at| at <= epoch))
        {
            let ix = self.addresses.cancel(
                rental.address,
                rental.device,
                rental.mint,
                rental.supplier_token,
                rental.renter.pubkey(),
                rental.renter_token,
            );
            chain.send(&[ix], &[&rental.renter]).await?;
            rental.open = false;
        }
        let now = chain.unix_time().await?;
        for (address, reservation) in due_reservations(chain, &self.addresses, now).await? {
            let Some(rental) = self.rentals.iter_mut().find(|r| r.address == address) else {
                continue;
            };
            let ix = self.addresses.settle(
                address,
                rental.mint,
                rental.supplier_token,
                reservation.renter,
            );
            chain.send(&[ix], &[]).await?;
            // This settlement paid every hour ended; all of them ended means it closed.
            if hours_ended(reservation.starts_at, now, reservation.hours) >= reservation.hours {
                rental.open = false;
            }
        }
        Ok(())
    }

    /// One buy-back of up to 100 IO at a fresh price, quoted and executed as `io-keeper buyback`
    /// does. `Ok(Some(reason))` when there was nothing to buy.
    pub async fn buy_back(&self, chain: &LocalChain) -> Result<Option<String>, ChainError> {
        let seller = Keypair::new();
        chain.airdrop(&seller.pubkey(), 100_000_000).await;
        let seller_io = chain.fund(&seller.pubkey(), 100 * IO).await;
        let seller_usdc = self.usdc_account(chain, &seller.pubkey(), 0).await?;
        self.set_price(chain, self.price_e8()).await?;
        let quote =
            match quote_buyback(chain, &self.addresses, &self.price_update, 100 * IO, 50).await {
                Ok(quote) => quote,
                Err(BuybackError::Chain(error)) => return Err(error),
                Err(other) => return Ok(Some(other.to_string())),
            };
        // Deliver only the IO the budget buys (rounded up), not all 100.
        let io_needed = u64::try_from(
            (u128::from(quote.io_amount) * u128::from(quote.most))
                .div_ceil(u128::from(quote.discounted.max(1))),
        )
        .unwrap_or(quote.io_amount)
        .clamp(1, quote.io_amount);
        let quote =
            match quote_buyback(chain, &self.addresses, &self.price_update, io_needed, 50).await {
                Ok(quote) => quote,
                Err(BuybackError::Chain(error)) => return Err(error),
                Err(other) => return Ok(Some(other.to_string())),
            };
        execute_buyback(
            chain,
            &Backoff::default(),
            &self.addresses,
            &self.price_update,
            &seller,
            (seller_io, seller_usdc),
            &quote,
        )
        .await?;
        Ok(None)
    }

    /// The batch run's ending: one buy-back, then the totals.
    pub async fn finish(&self, chain: &LocalChain) -> Result<PaymentsLine, ChainError> {
        let supply_before = chain.mint_supply().await;
        let skipped = self.buy_back(chain).await?;
        let config: PaymentsConfig = fetch(chain, &self.addresses.config)
            .await?
            .ok_or_else(|| ChainError::Rejected("io-payments is not initialized".into()))?;
        Ok(PaymentsLine {
            reservations: config.next_reservation_id,
            cancelled: u32::try_from(
                self.rentals
                    .iter()
                    .filter(|r| r.cancel_at.is_some())
                    .count(),
            )
            .unwrap_or(u32::MAX),
            usdc: config.usdc,
            io: config.io,
            usdc_bought_back: config.usdc_bought_back,
            io_burned: config.io_burned,
            supply_fall: supply_before.saturating_sub(chain.mint_supply().await),
            buyback_skipped: skipped,
        })
    }

    pub fn price_e8(&self) -> i64 {
        self.price_e8.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Moves the price by `step_bps` (positive or negative), as a market would, and writes it.
    pub async fn move_price(&self, chain: &LocalChain, step_bps: i64) -> Result<(), ChainError> {
        let price = self.price_e8();
        let moved = (price + price * step_bps / 10_000).max(1_000_000);
        self.price_e8
            .store(moved, std::sync::atomic::Ordering::Relaxed);
        self.set_price(chain, moved).await
    }
}
