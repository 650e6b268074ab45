use anchor_lang::prelude::*;
use anchor_spl::token::{self, spl_token::instruction::AuthorityType, Mint, SetAuthority, Token};

use crate::error::EmissionError;
use crate::events::EmissionInitialized;
use crate::schedule;
use crate::state::{seeds, EmissionState};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct InitializeArgs {
    /// Start of epoch 1, unix seconds. May lie in the past: missed epochs are caught up in order.
    pub genesis_timestamp: i64,
    /// The only key allowed to call `mint_epoch` (the staking program's PDA once it exists).
    pub distributor: Pubkey,
    /// Governance key; may differ from the mint authority that runs this instruction.
    pub admin: Pubkey,
}

#[event_cpi]
#[derive(Accounts)]
pub struct Initialize<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The mint's current mint authority; hands its power to the emission PDA here, for good.
    pub mint_authority: Signer<'info>,
    #[account(mut)]
    pub mint: Account<'info, Mint>,
    #[account(
        init,
        payer = payer,
        space = EmissionState::SIZE,
        seeds = [seeds::EMISSION_STATE, mint.key().as_ref()],
        bump,
    )]
    pub state: Box<Account<'info, EmissionState>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl Initialize<'_> {
    fn validate(&self, args: &InitializeArgs) -> Result<()> {
        let mint = &self.mint;
        require!(
            mint.mint_authority == Some(self.mint_authority.key()).into(),
            EmissionError::MintAuthorityMismatch
        );
        // A freeze authority could freeze the stake and rewards vaults (stake held hostage,
        // every exit stopped). SPL Token cannot add one later, so refusing it here settles it
        // for good.
        require!(
            mint.freeze_authority.is_none(),
            EmissionError::FreezeAuthoritySet
        );
        require_eq!(
            mint.supply,
            schedule::genesis_supply(mint.decimals)?,
            EmissionError::GenesisSupplyMismatch
        );
        require!(
            args.genesis_timestamp > 0
                && schedule::epoch_end(args.genesis_timestamp, schedule::LAST_EPOCH).is_ok(),
            EmissionError::InvalidGenesisTimestamp
        );
        require!(
            args.distributor != Pubkey::default() && args.admin != Pubkey::default(),
            EmissionError::InvalidAuthority
        );
        Ok(())
    }
}

#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
    let decimals = ctx.accounts.mint.decimals;
    let initial_supply = schedule::genesis_supply(decimals)?;
    let max_supply = schedule::max_supply(decimals)?;
    let emission_cap = schedule::emission_cap(decimals)?;

    let state_key = ctx.accounts.state.key();
    token::set_authority(
        CpiContext::new(
            ctx.accounts.token_program.key(),
            SetAuthority {
                current_authority: ctx.accounts.mint_authority.to_account_info(),
                account_or_mint: ctx.accounts.mint.to_account_info(),
            },
        ),
        AuthorityType::MintTokens,
        Some(state_key),
    )?;

    let state = &mut ctx.accounts.state;
    state.set_inner(EmissionState {
        version: EmissionState::VERSION,
        bump: ctx.bumps.state,
        decimals,
        mint: ctx.accounts.mint.key(),
        admin: args.admin,
        pending_admin: Pubkey::default(),
        distributor: args.distributor,
        genesis_timestamp: args.genesis_timestamp,
        initial_supply,
        max_supply,
        emission_cap,
        last_minted_epoch: 0,
        cumulative_minted: 0,
        reserved: [0; 128],
    });
    state.invariant()?;

    emit_cpi!(EmissionInitialized {
        state: state_key,
        mint: state.mint,
        admin: state.admin,
        distributor: state.distributor,
        genesis_timestamp: state.genesis_timestamp,
        decimals,
        initial_supply,
        max_supply,
        emission_cap,
    });
    Ok(())
}
