use anchor_lang::prelude::*;
use anchor_spl::token::{self, Mint, Token, TokenAccount, Transfer};
use io_staking::program::IoStaking;
use io_staking::state::{Device, DeviceStatus, StakingConfig};

use crate::error::PaymentsError;
use crate::events::Reserved;
use crate::math::fees::{hourly_split, hours_end, MAX_HOURS};
use crate::rental::record_rental;
use crate::state::{seeds, PaymentsConfig, Reservation};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReserveArgs {
    /// Any number the renter has not used for a reservation still open (e.g. a timestamp).
    pub nonce: u64,
    /// Whole hours, 1 to 720, starting now.
    pub hours: u32,
    /// Base units of `mint` per hour, before fees.
    pub price_per_hour: u64,
}

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: ReserveArgs)]
pub struct Reserve<'info> {
    #[account(mut)]
    pub renter: Signer<'info>,
    #[account(
        mut,
        seeds = [seeds::PAYMENTS_CONFIG, staking_config.key().as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, PaymentsConfig>>,
    #[account(address = config.staking_config @ PaymentsError::AccountMismatch)]
    pub staking_config: Box<Account<'info, StakingConfig>>,
    /// Owner-checked by Anchor (io-staking's account type); must be of this deployment.
    /// Writable: io-staking records the end of the paid hours on it (no unstake before).
    #[account(mut, constraint = device.config == staking_config.key() @ PaymentsError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    #[account(
        constraint = mint.key() == config.usdc_mint || mint.key() == config.io_mint
            @ PaymentsError::WrongMint,
    )]
    pub mint: Box<Account<'info, Mint>>,
    #[account(mut, token::mint = mint, token::authority = renter)]
    pub renter_token: Box<Account<'info, TokenAccount>>,
    #[account(
        init,
        payer = renter,
        space = Reservation::SIZE,
        seeds = [
            seeds::RESERVATION,
            config.key().as_ref(),
            renter.key().as_ref(),
            &args.nonce.to_le_bytes(),
        ],
        bump,
    )]
    pub reservation: Box<Account<'info, Reservation>>,
    #[account(
        init,
        payer = renter,
        seeds = [seeds::ESCROW, reservation.key().as_ref()],
        bump,
        token::mint = mint,
        token::authority = config,
    )]
    pub escrow: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
    pub staking_program: Program<'info, IoStaking>,
    /// CHECK: io-staking's `#[event_cpi]` authority; io-staking verifies it.
    pub staking_event_authority: UncheckedAccount<'info>,
}

impl Reserve<'_> {
    fn validate(&self, args: &ReserveArgs) -> Result<()> {
        require!(
            (1..=MAX_HOURS).contains(&args.hours),
            PaymentsError::InvalidHours
        );
        require!(args.price_per_hour > 0, PaymentsError::InvalidPrice);
        require!(
            self.device.status == DeviceStatus::Staking,
            PaymentsError::DeviceNotStaking
        );
        require!(self.device.open_cases == 0, PaymentsError::DeviceSlashed);
        let now = Clock::get()?.unix_timestamp;
        // One renter at a time: a device's GPUs serve one reservation, and io-staking keeps
        // one end of paid hours per device.
        require!(
            !self.device.is_rented(now),
            PaymentsError::DeviceAlreadyRented
        );
        let required = self.staking_config.required_stake(
            now,
            self.device.multiplier_centi,
            self.device.gpu_count,
        )?;
        require!(
            self.device.counted_stake(now)? >= required,
            PaymentsError::DeviceUnderStaked
        );
        // The owner's terms: a rental blocks unstake, so nobody may hold a device for less
        // than its owner asks (0: no rentals in this mint).
        let floor = if self.mint.key() == self.config.usdc_mint {
            self.device.min_usdc_per_hour
        } else {
            self.device.min_io_per_hour
        };
        require!(floor > 0, PaymentsError::NotForRent);
        require!(
            args.price_per_hour >= floor,
            PaymentsError::BelowRentalTerms
        );
        Ok(())
    }
}

/// Renter: reserves a staked device that nobody rents for whole hours from now, escrowing
/// every hour's price and fee in USDC or IO; io-staking then refuses the device's unstake until
/// the hours end.
#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<Reserve>, args: ReserveArgs) -> Result<()> {
    let pays_in_usdc = ctx.accounts.mint.key() == ctx.accounts.config.usdc_mint;
    let split = hourly_split(args.price_per_hour, pays_in_usdc)?;
    let deposited = split
        .renter_pays
        .checked_mul(u64::from(args.hours))
        .ok_or(PaymentsError::MathOverflow)?;
    token::transfer(
        CpiContext::new(
            ctx.accounts.token_program.key(),
            Transfer {
                from: ctx.accounts.renter_token.to_account_info(),
                to: ctx.accounts.escrow.to_account_info(),
                authority: ctx.accounts.renter.to_account_info(),
            },
        ),
        deposited,
    )?;

    let now = Clock::get()?.unix_timestamp;
    let config_key = ctx.accounts.config.key();
    let mint = ctx.accounts.mint.key();
    let config = &mut ctx.accounts.config;
    let id = config.next_reservation_id;
    config.next_reservation_id = id.checked_add(1).ok_or(PaymentsError::MathOverflow)?;
    let totals = config.totals_mut(&mint)?;
    totals.deposited = totals
        .deposited
        .checked_add(deposited)
        .ok_or(PaymentsError::MathOverflow)?;

    let reservation = Reservation {
        version: Reservation::VERSION,
        bump: ctx.bumps.reservation,
        escrow_bump: ctx.bumps.escrow,
        config: config_key,
        id,
        renter: ctx.accounts.renter.key(),
        nonce: args.nonce,
        device: ctx.accounts.device.key(),
        supplier: ctx.accounts.device.owner,
        mint,
        price_per_hour: args.price_per_hour,
        hours: args.hours,
        starts_at: now,
        hours_settled: 0,
        renter_per_hour: split.renter_pays,
        supplier_per_hour: split.supplier_gets,
        fee_per_hour: split.fees,
        reserved: [0; 32],
    };
    emit_cpi!(Reserved {
        config: config_key,
        reservation: ctx.accounts.reservation.key(),
        id,
        renter: reservation.renter,
        device: reservation.device,
        supplier: reservation.supplier,
        mint,
        hours: args.hours,
        price_per_hour: args.price_per_hour,
        renter_per_hour: split.renter_pays,
        supplier_per_hour: split.supplier_gets,
        fee_per_hour: split.fees,
        deposited,
        starts_at: now,
    });
    ctx.accounts.reservation.set_inner(reservation);
    record_rental(
        &ctx.accounts.config,
        &ctx.accounts.staking_config.to_account_info(),
        &ctx.accounts.device.to_account_info(),
        &ctx.accounts.staking_program,
        &ctx.accounts.staking_event_authority,
        hours_end(now, args.hours)?,
    )
}
