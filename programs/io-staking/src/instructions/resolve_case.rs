//! The three ways a slash case ends, sharing one account set: `rule_case` (the arbiter, on an
//! appealed case), `execute_case` (anyone, an unappealed case after its deadline: burn) and
//! `lapse_case` (anyone, an appealed case not ruled on in time: return).

use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};

use crate::error::StakingError;
use crate::events::SlashCaseResolved;
use crate::safe_math::{decrement_count, SafeAccumulate, SafeMath};
use crate::state::{
    check_case_step, seeds, CaseStatus, CaseStep, Device, DeviceStatus, RewardPool, SlashCase,
    StakingConfig,
};
use crate::vault::{burn_from, pay_out};

#[event_cpi]
#[derive(Accounts)]
pub struct ResolveCase<'info> {
    /// The arbiter for `rule_case`; anyone for `execute_case` and `lapse_case`.
    pub authority: Signer<'info>,
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(mut, has_one = config @ StakingError::AccountMismatch)]
    pub device: Box<Account<'info, Device>>,
    #[account(
        mut,
        has_one = device @ StakingError::AccountMismatch,
        has_one = config @ StakingError::AccountMismatch,
    )]
    pub case: Box<Account<'info, SlashCase>>,
    #[account(mut, address = config.mint @ StakingError::WrongMint)]
    pub mint: Box<Account<'info, Mint>>,
    #[account(mut, address = config.stake_vault @ StakingError::WrongVault)]
    pub stake_vault: Box<Account<'info, TokenAccount>>,
    #[account(mut, address = config.rewards_vault @ StakingError::WrongVault)]
    pub rewards_vault: Box<Account<'info, TokenAccount>>,
    /// Needed only to return escrow to a device that was withdrawn meanwhile: the owner's IO
    /// token account.
    #[account(
        mut,
        constraint = owner_token.mint == config.mint @ StakingError::WrongMint,
        constraint = owner_token.owner == case.owner @ StakingError::NotOwnersTokenAccount,
    )]
    pub owner_token: Option<Box<Account<'info, TokenAccount>>>,
    /// Needed only to return a co-staker's part after it left the device: its IO token account.
    #[account(
        mut,
        constraint = co_staker_token.mint == config.mint @ StakingError::WrongMint,
        constraint = co_staker_token.owner == case.co_staker @ StakingError::NotOwnersTokenAccount,
    )]
    pub co_staker_token: Option<Box<Account<'info, TokenAccount>>>,
    pub token_program: Program<'info, Token>,
}

impl<'info> ResolveCase<'info> {
    fn validate_rule(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        // The arbiter of record when the case opened, not whoever holds the role now.
        require_keys_eq!(
            self.authority.key(),
            self.case.arbiter,
            StakingError::UnauthorizedArbiter
        );
        self.step(CaseStep::Rule, now)
    }

    fn step(&self, step: CaseStep, now: i64) -> Result<()> {
        let case = &self.case;
        check_case_step(
            step,
            case.status,
            case.appeal_deadline,
            case.ruling_deadline,
            now,
        )
    }

    fn validate_execute(&self) -> Result<()> {
        self.step(CaseStep::Execute, Clock::get()?.unix_timestamp)
    }

    fn validate_lapse(&self) -> Result<()> {
        self.step(CaseStep::Lapse, Clock::get()?.unix_timestamp)
    }

    /// Releases the escrow from the books of the case, the device and the pool.
    fn release(&mut self, final_status: CaseStatus) -> Result<()> {
        let case = &mut self.case;
        let device = &mut self.device;
        let pool = &mut self.reward_pool;
        device.escrowed.sub_assign_checked(case.amount)?;
        decrement_count(&mut device.open_cases)?;
        pool.escrowed_stake.sub_assign_checked(case.stake_part()?)?;
        pool.escrowed_rewards
            .sub_assign_checked(case.rewards_part()?)?;
        pool.rewards_slashed_out
            .add_assign_checked(case.rewards_part()?)?;
        decrement_count(&mut pool.open_cases)?;
        case.status = final_status;
        case.resolved_at = Clock::get()?.unix_timestamp;
        Ok(())
    }

    /// Upheld or executed: the escrow is burned from the vaults that hold it.
    fn burn(&mut self, final_status: CaseStatus) -> Result<SlashCaseResolved> {
        self.release(final_status)?;
        let (stake_part, rewards_part, amount) = (
            self.case.stake_part()?,
            self.case.rewards_part()?,
            self.case.amount,
        );
        burn_from(
            &self.token_program,
            &self.mint,
            &self.stake_vault,
            &self.config,
            stake_part,
        )?;
        burn_from(
            &self.token_program,
            &self.mint,
            &self.rewards_vault,
            &self.config,
            rewards_part,
        )?;
        self.reward_pool.total_burned.add_assign_checked(amount)?;
        Ok(self.resolved(amount, 0))
    }

    /// Overturned or lapsed: each side gets back exactly what was taken from it. The owner's
    /// part returns to the device's stake (its rewards part moves into the stake vault), or to
    /// the owner's token account if the device has been withdrawn; the co-staker's returns to
    /// the co-stake while it is still the device's co-staker, else to its token account.
    fn give_back(&mut self, final_status: CaseStatus) -> Result<SlashCaseResolved> {
        self.release(final_status)?;
        let case = (
            self.case.from_stake,
            self.case.from_rewards,
            self.case.from_co_stake,
            self.case.from_co_rewards,
        );
        let (from_stake, from_rewards, from_co_stake, from_co_rewards) = case;
        if self.device.status == DeviceStatus::Withdrawn {
            let owner_token = self
                .owner_token
                .as_ref()
                .ok_or(StakingError::NotOwnersTokenAccount)?;
            self.pay_back(owner_token, from_stake, from_rewards)?;
        } else {
            self.restake(from_rewards)?;
            let returned = from_stake.safe_add(from_rewards)?;
            self.device.stake.add_assign_checked(returned)?;
            self.reward_pool.total_staked.add_assign_checked(returned)?;
        }
        let co_returned = from_co_stake.safe_add(from_co_rewards)?;
        if co_returned > 0 {
            let co_staker_stays =
                self.device.has_co_staker() && self.device.co_staker == self.case.co_staker;
            if co_staker_stays {
                self.restake(from_co_rewards)?;
                self.device.co_stake.add_assign_checked(co_returned)?;
                self.reward_pool
                    .total_staked
                    .add_assign_checked(co_returned)?;
            } else {
                let co_staker_token = self
                    .co_staker_token
                    .as_ref()
                    .ok_or(StakingError::NotOwnersTokenAccount)?;
                self.pay_back(co_staker_token, from_co_stake, from_co_rewards)?;
            }
        }
        Ok(self.resolved(0, self.case.amount))
    }

    /// Moves a returned rewards part into the stake vault, where it becomes stake again.
    fn restake(&self, from_rewards: u64) -> Result<()> {
        pay_out(
            &self.token_program,
            &self.rewards_vault,
            &self.stake_vault,
            &self.config,
            from_rewards,
        )
    }

    /// Pays a returned part straight to a wallet that has left the device.
    fn pay_back(
        &self,
        to: &Account<'info, TokenAccount>,
        from_stake: u64,
        from_rewards: u64,
    ) -> Result<()> {
        pay_out(
            &self.token_program,
            &self.stake_vault,
            to,
            &self.config,
            from_stake,
        )?;
        pay_out(
            &self.token_program,
            &self.rewards_vault,
            to,
            &self.config,
            from_rewards,
        )
    }

    fn resolved(&self, burned: u64, returned: u64) -> SlashCaseResolved {
        SlashCaseResolved {
            case: self.case.key(),
            device: self.device.key(),
            amount: self.case.amount,
            status: self.case.status,
            burned,
            returned,
        }
    }

    fn check_invariants(&self) -> Result<()> {
        self.case.invariant()?;
        self.device.invariant()?;
        self.reward_pool.invariant()
    }
}

/// Arbiter: rules on an appealed case before the ruling deadline. Upheld: the escrow is burned.
/// Overturned: it returns to the device's stake (the device may rejoin when eligible).
#[access_control(ctx.accounts.validate_rule())]
pub fn rule_case(ctx: Context<ResolveCase>, uphold: bool) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    let event = if uphold {
        accounts.burn(CaseStatus::Upheld)?
    } else {
        accounts.give_back(CaseStatus::Overturned)?
    };
    accounts.check_invariants()?;
    emit_cpi!(event);
    Ok(())
}

/// Anyone: burns the escrow of a case that was not appealed by its deadline.
#[access_control(ctx.accounts.validate_execute())]
pub fn execute_case(ctx: Context<ResolveCase>) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    let event = accounts.burn(CaseStatus::Executed)?;
    accounts.check_invariants()?;
    emit_cpi!(event);
    Ok(())
}

/// Anyone: returns the escrow of an appealed case the arbiter did not rule on in time, so no
/// one can hold a supplier's stake hostage.
#[access_control(ctx.accounts.validate_lapse())]
pub fn lapse_case(ctx: Context<ResolveCase>) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    let event = accounts.give_back(CaseStatus::Lapsed)?;
    accounts.check_invariants()?;
    emit_cpi!(event);
    Ok(())
}
