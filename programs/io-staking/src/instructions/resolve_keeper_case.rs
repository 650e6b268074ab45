use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};

use crate::error::StakingError;
use crate::events::KeeperCaseResolved;
use crate::safe_math::{SafeAccumulate, SafeMath};
use crate::state::{
    check_case_step, seeds, CaseStatus, CaseStep, KeeperCase, KeeperSet, StakingConfig,
};

/// How a keeper case ends; the same four ways as a device's (`io_sdk::staking::Resolution`).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeeperRuling {
    /// The arbiter, on an appealed case within the ruling window: burn.
    Uphold,
    /// The arbiter, on an appealed case within the ruling window: back to the bond.
    Overturn,
    /// Anyone, on an unappealed case after the appeal deadline: burn.
    Execute,
    /// Anyone, on an appealed case after the ruling deadline: back to the bond.
    Lapse,
}

#[event_cpi]
#[derive(Accounts)]
pub struct ResolveKeeperCase<'info> {
    /// The case's arbiter for a ruling; anyone to execute or lapse.
    pub resolver: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
        has_one = mint @ StakingError::WrongMint,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch)]
    pub case: Box<Account<'info, KeeperCase>>,
    #[account(mut)]
    pub mint: Box<Account<'info, Mint>>,
    #[account(mut, seeds = [seeds::KEEPER_VAULT, config.key().as_ref()], bump)]
    pub keeper_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

impl ResolveKeeperCase<'_> {
    fn validate(&self, ruling: KeeperRuling) -> Result<()> {
        let case = &self.case;
        let step = match ruling {
            KeeperRuling::Uphold | KeeperRuling::Overturn => {
                // The arbiter of record when the case opened.
                require_keys_eq!(
                    self.resolver.key(),
                    case.arbiter,
                    StakingError::UnauthorizedArbiter
                );
                CaseStep::Rule
            }
            KeeperRuling::Execute => CaseStep::Execute,
            KeeperRuling::Lapse => CaseStep::Lapse,
        };
        check_case_step(
            step,
            case.status,
            case.appeal_deadline,
            case.ruling_deadline,
            Clock::get()?.unix_timestamp,
        )
    }
}

/// Ends a keeper case: upheld or executed, the escrow is burned from the keeper vault (SPL
/// `burn`); overturned or lapsed, it returns to the keeper's bond.
#[access_control(ctx.accounts.validate(ruling))]
pub fn handler(ctx: Context<ResolveKeeperCase>, ruling: KeeperRuling) -> Result<()> {
    let burn = matches!(ruling, KeeperRuling::Uphold | KeeperRuling::Execute);
    let status = match ruling {
        KeeperRuling::Uphold => CaseStatus::Upheld,
        KeeperRuling::Overturn => CaseStatus::Overturned,
        KeeperRuling::Execute => CaseStatus::Executed,
        KeeperRuling::Lapse => CaseStatus::Lapsed,
    };
    let config_key = ctx.accounts.config.key();
    let (amount, slot) = (ctx.accounts.case.amount, ctx.accounts.case.slot as usize);
    {
        let mut set = ctx.accounts.keeper_set.load_mut()?;
        let keeper = &mut set.keepers[slot];
        keeper.escrowed = keeper.escrowed.safe_sub(amount)?;
        if !burn {
            keeper.bonded.add_assign_checked(amount)?;
        }
        set.total_escrowed = set.total_escrowed.safe_sub(amount)?;
        if burn {
            set.total_burned.add_assign_checked(amount)?;
        } else {
            set.total_bonded.add_assign_checked(amount)?;
        }
        set.invariant(&config_key)?;
    }
    if burn {
        crate::vault::burn_from(
            &ctx.accounts.token_program,
            &ctx.accounts.mint,
            &ctx.accounts.keeper_vault,
            &ctx.accounts.config,
            amount,
        )?;
    }
    let case = &mut ctx.accounts.case;
    case.status = status;
    case.resolved_at = Clock::get()?.unix_timestamp;
    emit_cpi!(KeeperCaseResolved {
        case: case.key(),
        operator: case.operator,
        status,
        amount,
        burned: burn,
    });
    Ok(())
}
