//! The accounts and the two outcomes (burn, return) shared by `rule_case`, `execute_case` and
//! `lapse_case`.

use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};

use crate::error::StakingError;
use crate::events::SlashCaseResolved;
use crate::state::{seeds, CaseStatus, Device, DeviceStatus, RewardPool, SlashCase, StakingConfig};
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
    pub token_program: Program<'info, Token>,
}

impl ResolveCase<'_> {
    /// Releases the escrow from the books of the case, the device and the pool.
    fn release(&mut self, final_status: CaseStatus) -> Result<()> {
        let case = &mut self.case;
        let device = &mut self.device;
        let pool = &mut self.reward_pool;
        let sub = |a: u64, b: u64| a.checked_sub(b).ok_or(StakingError::MathOverflow);
        device.escrowed = sub(device.escrowed, case.amount)?;
        let one_less = |n: u32| n.checked_sub(1).ok_or(StakingError::AccountingInvariant);
        device.open_cases = one_less(device.open_cases)?;
        pool.escrowed_stake = sub(pool.escrowed_stake, case.from_stake)?;
        pool.escrowed_rewards = sub(pool.escrowed_rewards, case.from_rewards)?;
        RewardPool::add(&mut pool.rewards_slashed_out, case.from_rewards)?;
        pool.open_cases = one_less(pool.open_cases)?;
        case.status = final_status;
        case.resolved_at = Clock::get()?.unix_timestamp;
        Ok(())
    }

    /// Upheld or executed: the escrow is burned from the vaults that hold it.
    pub fn burn(&mut self, final_status: CaseStatus) -> Result<SlashCaseResolved> {
        self.release(final_status)?;
        let (from_stake, from_rewards, amount) = (
            self.case.from_stake,
            self.case.from_rewards,
            self.case.amount,
        );
        burn_from(
            &self.token_program,
            &self.mint,
            &self.stake_vault,
            &self.config,
            from_stake,
        )?;
        burn_from(
            &self.token_program,
            &self.mint,
            &self.rewards_vault,
            &self.config,
            from_rewards,
        )?;
        RewardPool::add(&mut self.reward_pool.total_burned, amount)?;
        Ok(self.resolved(amount, 0))
    }

    /// Overturned or lapsed: the escrow goes back to the device's stake (the rewards part moves
    /// into the stake vault), or straight to the owner if the device has been withdrawn.
    pub fn give_back(&mut self, final_status: CaseStatus) -> Result<SlashCaseResolved> {
        self.release(final_status)?;
        let (from_stake, from_rewards, amount) = (
            self.case.from_stake,
            self.case.from_rewards,
            self.case.amount,
        );
        if self.device.status == DeviceStatus::Withdrawn {
            let owner_token = self
                .owner_token
                .as_ref()
                .ok_or(StakingError::NotOwnersTokenAccount)?;
            pay_out(
                &self.token_program,
                &self.stake_vault,
                owner_token,
                &self.config,
                from_stake,
            )?;
            pay_out(
                &self.token_program,
                &self.rewards_vault,
                owner_token,
                &self.config,
                from_rewards,
            )?;
        } else {
            pay_out(
                &self.token_program,
                &self.rewards_vault,
                &self.stake_vault,
                &self.config,
                from_rewards,
            )?;
            self.device.stake = self
                .device
                .stake
                .checked_add(amount)
                .ok_or(StakingError::MathOverflow)?;
            RewardPool::add(&mut self.reward_pool.total_staked, amount)?;
        }
        Ok(self.resolved(0, amount))
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
}
