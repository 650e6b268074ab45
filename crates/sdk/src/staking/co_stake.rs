//! Builders for co-staking (docs/design.md section 9): offers, acceptance, exit and the
//! co-staker's withdrawal and rewards.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, ToAccountMetas};
use anchor_spl::token::spl_token;
use io_staking::state::{CoStakeOffer, CoStakerAccount};
use io_staking::CoStakeTerms;

use super::instruction;
use crate::{event_authority, Addresses};

impl Addresses {
    /// The co-staking offer account of a device.
    pub fn co_stake_offer(&self, device: &Pubkey) -> Pubkey {
        CoStakeOffer::find_address(device).0
    }

    /// A co-staker wallet's account (its count of accepted offers).
    pub fn co_staker_account(&self, wallet: &Pubkey) -> Pubkey {
        CoStakerAccount::find_address(&self.config, wallet).0
    }

    /// `create_co_stake_offer`: the owner offers `amount` of co-stake for `share_bps` of the
    /// device's rewards.
    pub fn create_co_stake_offer(
        &self,
        owner: Pubkey,
        device: Pubkey,
        terms: CoStakeTerms,
    ) -> Instruction {
        instruction(
            io_staking::accounts::CreateCoStakeOffer {
                owner,
                config: self.config,
                device,
                offer: self.co_stake_offer(&device),
                system_program: system_program::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::CreateCoStakeOffer { terms },
        )
    }

    pub fn cancel_co_stake_offer(&self, owner: Pubkey, device: Pubkey) -> Instruction {
        instruction(
            io_staking::accounts::CancelCoStakeOffer {
                owner,
                config: self.config,
                device,
                offer: self.co_stake_offer(&device),
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::CancelCoStakeOffer {},
        )
    }

    /// `accept_co_stake_offer` with the terms the co-staker read (refused if they changed).
    pub fn accept_co_stake_offer(
        &self,
        co_staker: Pubkey,
        device: Pubkey,
        co_staker_token: Pubkey,
        terms: CoStakeTerms,
    ) -> Instruction {
        instruction(
            io_staking::accounts::AcceptCoStakeOffer {
                co_staker,
                config: self.config,
                reward_pool: self.reward_pool,
                device,
                offer: self.co_stake_offer(&device),
                co_staker_account: self.co_staker_account(&co_staker),
                co_staker_token,
                stake_vault: self.stake_vault,
                token_program: spl_token::ID,
                system_program: system_program::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::AcceptCoStakeOffer { terms },
        )
    }

    pub fn request_co_stake_exit(&self, co_staker: Pubkey, device: Pubkey) -> Instruction {
        instruction(
            io_staking::accounts::RequestCoStakeExit {
                co_staker,
                config: self.config,
                device,
                offer: self.co_stake_offer(&device),
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::RequestCoStakeExit {},
        )
    }

    /// `withdraw_co_stake`, signed by `authority` (the co-staker, or the owner on its behalf):
    /// pays `co_staker`'s token account; `owner` is the device owner, who gets the offer's rent
    /// back.
    pub fn withdraw_co_stake(
        &self,
        authority: Pubkey,
        co_staker: Pubkey,
        device: Pubkey,
        owner: Pubkey,
        co_staker_token: Pubkey,
    ) -> Instruction {
        instruction(
            io_staking::accounts::WithdrawCoStake {
                authority,
                config: self.config,
                reward_pool: self.reward_pool,
                device,
                offer: self.co_stake_offer(&device),
                owner,
                co_staker_account: self.co_staker_account(&co_staker),
                co_staker_token,
                stake_vault: self.stake_vault,
                rewards_vault: self.rewards_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::WithdrawCoStake {},
        )
    }

    pub fn claim_co_stake_rewards(
        &self,
        co_staker: Pubkey,
        device: Pubkey,
        co_staker_token: Pubkey,
    ) -> Instruction {
        instruction(
            io_staking::accounts::ClaimCoStakeRewards {
                co_staker,
                config: self.config,
                reward_pool: self.reward_pool,
                device,
                co_staker_token,
                rewards_vault: self.rewards_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::ClaimCoStakeRewards {},
        )
    }
}
