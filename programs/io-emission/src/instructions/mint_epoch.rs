use anchor_lang::prelude::*;
use anchor_spl::token::{self, Mint, MintTo, Token, TokenAccount};

use crate::error::EmissionError;
use crate::events::EpochMinted;
use crate::schedule;
use crate::state::{seeds, EmissionState};

#[event_cpi]
#[derive(Accounts)]
pub struct MintEpoch<'info> {
    pub distributor: Signer<'info>,
    // Seeds come from the state's own mint so that a wrong `mint` account is reported as
    // `WrongMint` rather than as a seeds mismatch.
    #[account(
        mut,
        seeds = [seeds::EMISSION_STATE, state.mint.as_ref()],
        bump = state.bump,
        has_one = distributor @ EmissionError::UnauthorizedDistributor,
        has_one = mint @ EmissionError::WrongMint,
    )]
    pub state: Box<Account<'info, EmissionState>>,
    #[account(mut)]
    pub mint: Account<'info, Mint>,
    #[account(
        mut,
        constraint = destination.mint == state.mint @ EmissionError::WrongMint,
        constraint = destination.owner == distributor.key() @ EmissionError::DestinationNotOwnedByDistributor,
    )]
    pub destination: Account<'info, TokenAccount>,
    pub token_program: Program<'info, Token>,
}

impl MintEpoch<'_> {
    /// Never early, never past the last epoch: the next epoch must have ended.
    fn validate(&self) -> Result<()> {
        let epoch = self.state.next_epoch()?;
        require!(
            epoch <= schedule::LAST_EPOCH,
            EmissionError::ScheduleComplete
        );
        let ends_at = schedule::epoch_end(self.state.genesis_timestamp, epoch)?;
        require!(
            Clock::get()?.unix_timestamp >= ends_at,
            EmissionError::EpochNotEnded
        );
        Ok(())
    }
}

#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<MintEpoch>) -> Result<()> {
    let state = &ctx.accounts.state;
    let epoch = state.next_epoch()?;

    let scheduled = schedule::epoch_emission(epoch, state.decimals)?;
    let amount = schedule::epoch_mint_amount(epoch, state.decimals, state.cumulative_minted)?;
    let cumulative_minted = state
        .cumulative_minted
        .checked_add(amount)
        .ok_or(EmissionError::MathOverflow)?;

    // Once the cap is reached the epoch still advances (with nothing to mint), so a distributor
    // that closes every epoch never stalls on the final hours.
    if amount > 0 {
        let mint_key = state.mint;
        let signer_seeds: &[&[&[u8]]] =
            &[&[seeds::EMISSION_STATE, mint_key.as_ref(), &[state.bump]]];
        token::mint_to(
            CpiContext::new_with_signer(
                ctx.accounts.token_program.key(),
                MintTo {
                    mint: ctx.accounts.mint.to_account_info(),
                    to: ctx.accounts.destination.to_account_info(),
                    authority: ctx.accounts.state.to_account_info(),
                },
                signer_seeds,
            ),
            amount,
        )?;
    }

    let state = &mut ctx.accounts.state;
    state.last_minted_epoch = epoch;
    state.cumulative_minted = cumulative_minted;
    state.invariant()?;

    // Defence in depth: only this PDA can mint, and burns only lower the supply, so the mint
    // can never hold more than genesis + what the schedule released.
    ctx.accounts.mint.reload()?;
    let ceiling = state
        .initial_supply
        .checked_add(state.cumulative_minted)
        .ok_or(EmissionError::MathOverflow)?;
    require!(
        ctx.accounts.mint.supply <= ceiling,
        EmissionError::CapExceeded
    );

    emit_cpi!(EpochMinted {
        state: state.key(),
        epoch,
        amount,
        scheduled,
        cumulative_minted,
        cap_remaining: state.cap_remaining()?,
        destination: ctx.accounts.destination.key(),
    });
    Ok(())
}
