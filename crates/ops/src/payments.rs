//! io-payments from the keeper's side: the totals for `status`, settling due reservations, and
//! the buy-back an operator runs (`io-keeper buyback`): quote from the chain's own accounts with
//! the program's own math, then execute asking a little less than the quote.

use std::fmt;

use anchor_lang::prelude::Pubkey;
use anchor_lang::{AccountDeserialize, Discriminator};
use io_payments::error::PaymentsError;
use io_payments::math::buyback::{buyback_budget, quote, usdc_value};
use io_payments::math::fees::{hours_ended, BPS_DENOMINATOR};
use io_payments::math::price::OraclePrice;
use io_payments::state::{PaymentsConfig, Reservation};
use io_payments::BuyBackArgs;
use io_sdk::payments::PaymentsAddresses;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::amount::io_grouped;
use io_chain::retry::Backoff;
use io_chain::{decode, fetch, Chain, ChainError};

/// The payments config of the staking deployment at `staking_config`, if initialized.
pub async fn config(
    chain: &dyn Chain,
    staking_config: &Pubkey,
) -> Result<Option<PaymentsConfig>, ChainError> {
    fetch(chain, &PaymentsConfig::find_address(staking_config).0).await
}

/// The payments totals, printed under `io-keeper status`.
pub struct PaymentsTotals<'a>(pub &'a PaymentsConfig);

impl fmt::Display for PaymentsTotals<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let config = self.0;
        let usdc = |amount: u64| io_grouped(amount, 6);
        let io = |amount: u64| io_grouped(amount, config.io_decimals);
        writeln!(
            f,
            "  reservations         {} made",
            config.next_reservation_id
        )?;
        writeln!(
            f,
            "  paid in USDC         {} deposited · {} to suppliers · {} fees · {} refunded · {} \
             fees to the treasury",
            usdc(config.usdc.deposited),
            usdc(config.usdc.paid),
            usdc(config.usdc.fees),
            usdc(config.usdc.refunded),
            usdc(config.usdc.withdrawn)
        )?;
        writeln!(
            f,
            "  paid in IO           {} deposited · {} to suppliers · {} refunded (no fees)",
            io(config.io.deposited),
            io(config.io.paid),
            io(config.io.refunded)
        )?;
        write!(
            f,
            "  buy-back and burn    {} buy-back(s): {} USDC of fees bought {} IO, burned",
            config.buybacks,
            usdc(config.usdc_bought_back),
            io(config.io_burned)
        )
    }
}

/// Why a buy-back was not sent.
#[derive(Debug, thiserror::Error)]
pub enum BuybackError {
    #[error(transparent)]
    Chain(#[from] ChainError),
    #[error("io-payments is not initialized for this deployment")]
    NotInitialized,
    #[error("the price account {0} does not exist")]
    NoPriceAccount(Pubkey),
    #[error("the price account is not usable: {0}")]
    Price(PaymentsError),
    #[error("nothing to buy: the buy-back budget is 0 USDC at this price")]
    NoBudget,
    #[error("{io} IO base units are worth less than one USDC base unit after the discount")]
    TooLittle { io: u64 },
}

impl From<PaymentsError> for BuybackError {
    fn from(error: PaymentsError) -> Self {
        BuybackError::Price(error)
    }
}

/// What a buy-back of `io_amount` would get now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuybackQuote {
    pub price: OraclePrice,
    pub share_bps: u16,
    /// USDC the buy-back may still spend at this price.
    pub budget: u64,
    /// `io_amount` at the oracle price.
    pub value: u64,
    /// `value` less the discount: what the program would pay with an unlimited budget.
    pub discounted: u64,
    /// The most the program pays for it (value less the discount, within the budget).
    pub most: u64,
    /// What the keeper asks: `most` less the slippage allowance.
    pub ask: u64,
    pub io_amount: u64,
}

/// Quotes a buy-back of `io_amount` from the chain's accounts, with the program's checks and
/// math; `slippage_bps` is taken off the most the program would pay, so a price moving that
/// much before the transaction lands still passes.
pub async fn quote_buyback(
    chain: &dyn Chain,
    addresses: &PaymentsAddresses,
    price_update: &Pubkey,
    io_amount: u64,
    slippage_bps: u16,
) -> Result<BuybackQuote, BuybackError> {
    // One round trip for the config, the price and the vault.
    let wanted = [addresses.config, *price_update, addresses.usdc_fee_vault];
    let [config, price_account, vault]: [Option<Vec<u8>>; 3] = chain
        .accounts_data(&wanted)
        .await?
        .try_into()
        .map_err(|_| {
            ChainError::Rejected("the node answered the wrong number of accounts".into())
        })?;
    let config: PaymentsConfig =
        decode(&addresses.config, config)?.ok_or(BuybackError::NotInitialized)?;
    let data = price_account.ok_or(BuybackError::NoPriceAccount(*price_update))?;
    let params = &config.params;
    let price = params.fresh_price(&data, chain.unix_time().await?)?;
    let vault_balance = vault
        .as_deref()
        .and_then(|data| anchor_spl::token::TokenAccount::try_deserialize(&mut &data[..]).ok())
        .map_or(0, |account| account.amount);
    let share_bps = params.share_bps_at(&price)?;
    let budget =
        buyback_budget(config.usdc.fees, share_bps, config.usdc_bought_back)?.min(vault_balance);
    if budget == 0 {
        return Err(BuybackError::NoBudget);
    }
    let value = usdc_value(io_amount, price.price, price.exponent, config.io_decimals)?;
    let discounted = quote(
        io_amount,
        price.price,
        price.exponent,
        config.io_decimals,
        params.discount_bps,
    )?;
    let most = discounted.min(budget);
    let kept = BPS_DENOMINATOR.saturating_sub(u64::from(slippage_bps));
    let ask = u64::try_from(u128::from(most) * u128::from(kept) / u128::from(BPS_DENOMINATOR))
        .unwrap_or(0);
    if ask == 0 {
        return Err(BuybackError::TooLittle { io: io_amount });
    }
    Ok(BuybackQuote {
        price,
        share_bps,
        budget,
        value,
        discounted,
        most,
        ask,
        io_amount,
    })
}

/// Sends the buy-back `quote` describes: `seller` delivers the IO from `seller_io` (burned) and
/// receives `quote.ask` USDC into `seller_usdc`.
pub async fn execute_buyback(
    chain: &dyn Chain,
    backoff: &Backoff,
    addresses: &PaymentsAddresses,
    price_update: &Pubkey,
    seller: &Keypair,
    (seller_io, seller_usdc): (Pubkey, Pubkey),
    quote: &BuybackQuote,
) -> Result<(), ChainError> {
    let ix = addresses.buy_back(
        seller.pubkey(),
        seller_io,
        seller_usdc,
        *price_update,
        BuyBackArgs {
            io_amount: quote.io_amount,
            usdc_out: quote.ask,
        },
    );
    let signers = [seller];
    backoff
        .retry("buy back", || {
            chain.send(std::slice::from_ref(&ix), &signers)
        })
        .await
}

/// This deployment's open reservations with whole hours due at `now`.
pub async fn due_reservations(
    chain: &dyn Chain,
    addresses: &PaymentsAddresses,
    now: i64,
) -> Result<Vec<(Pubkey, Reservation)>, ChainError> {
    let raw = chain
        .program_accounts(&io_payments::ID, Reservation::DISCRIMINATOR)
        .await?;
    let mut due: Vec<(Pubkey, Reservation)> = raw
        .into_iter()
        .filter_map(|(address, data)| {
            let reservation = Reservation::try_deserialize(&mut data.as_slice()).ok()?;
            let ended = hours_ended(reservation.starts_at, now, reservation.hours);
            (reservation.config == addresses.config && ended > reservation.hours_settled)
                .then_some((address, reservation))
        })
        .collect();
    due.sort_by_key(|(_, reservation)| reservation.id);
    Ok(due)
}
