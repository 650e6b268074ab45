//! `io-staking` instruction builders and address helpers.

use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use anchor_spl::token::spl_token;
use io_staking::state::{Device, GpuModel, SlashCase, StakingParams};
use io_staking::{InitializeArgs, OpenCaseArgs, RewardClass, SlashingSetup};

use crate::{event_authority, Addresses};

mod co_stake;
mod quorum;
mod register;

pub use quorum::LeafProof;

pub(crate) fn instruction(accounts: Vec<AccountMeta>, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: io_staking::ID,
        accounts,
        data: data.data(),
    }
}

/// How a slash case is resolved: one account set, three instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// `rule_case { uphold: true }` (arbiter): burn.
    Uphold,
    /// `rule_case { uphold: false }` (arbiter): return.
    Overturn,
    /// `execute_case` (anyone, unappealed after the deadline): burn.
    Execute,
    /// `lapse_case` (anyone, appealed and not ruled on in time): return.
    Lapse,
}

impl Addresses {
    pub fn gpu_model(&self, model_id: u16) -> Pubkey {
        GpuModel::find_address(&self.config, model_id).0
    }

    pub fn device(&self, device_key: &Pubkey) -> Pubkey {
        Device::find_address(&self.config, device_key).0
    }

    /// The case with config-wide id `case_id` (`RewardPool.cases_opened` before it opened).
    pub fn slash_case(&self, case_id: u64) -> Pubkey {
        SlashCase::find_address(&self.config, case_id).0
    }

    fn admin_only(&self, admin: Pubkey) -> Vec<AccountMeta> {
        io_staking::accounts::AdminOnly {
            admin,
            config: self.config,
            reward_pool: self.reward_pool,
            event_authority: event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None)
    }

    /// The system `create_account` of the accumulator ring at `self.rpw_ring` (signed by the
    /// payer and the ring's keypair): top level, since an account this large cannot be created
    /// through a CPI. `initialize` then takes it zeroed.
    pub fn create_rpw_ring(&self, payer: Pubkey, lamports: u64) -> Instruction {
        anchor_lang::solana_program::system_instruction::create_account(
            &payer,
            &self.rpw_ring,
            lamports,
            io_staking::state::RpwRing::SIZE as u64,
            &io_staking::ID,
        )
    }

    /// `initialize`, signed by the payer and io-emission's admin.
    pub fn staking_initialize(
        &self,
        payer: Pubkey,
        emission_admin: Pubkey,
        args: InitializeArgs,
    ) -> Instruction {
        instruction(
            io_staking::accounts::Initialize {
                payer,
                emission_admin,
                mint: self.mint,
                emission_state: self.emission_state,
                config: self.config,
                reward_pool: self.reward_pool,
                rpw_ring: self.rpw_ring,
                stake_vault: self.stake_vault,
                rewards_vault: self.rewards_vault,
                token_program: spl_token::ID,
                system_program: system_program::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::Initialize { args },
        )
    }

    pub fn update_params(&self, admin: Pubkey, params: StakingParams) -> Instruction {
        instruction(
            self.admin_only(admin),
            io_staking::instruction::UpdateParams { params },
        )
    }

    pub fn set_paused(&self, admin: Pubkey, paused: bool) -> Instruction {
        instruction(
            self.admin_only(admin),
            io_staking::instruction::SetPaused { paused },
        )
    }

    pub fn staking_propose_admin(&self, admin: Pubkey, new_admin: Pubkey) -> Instruction {
        instruction(
            self.admin_only(admin),
            io_staking::instruction::ProposeAdmin { new_admin },
        )
    }

    pub fn staking_accept_admin(&self, new_admin: Pubkey) -> Instruction {
        instruction(
            io_staking::accounts::AcceptAdmin {
                new_admin,
                config: self.config,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::AcceptAdmin {},
        )
    }

    /// `set_slashing_config`: staged for after the cooldown once any device is registered.
    pub fn set_slashing_config(&self, admin: Pubkey, setup: SlashingSetup) -> Instruction {
        instruction(
            self.admin_only(admin),
            io_staking::instruction::SetSlashingConfig { setup },
        )
    }

    pub fn add_gpu_model(
        &self,
        admin: Pubkey,
        model_id: u16,
        name: &str,
        multiplier_centi: u32,
        reward_class: RewardClass,
    ) -> Instruction {
        instruction(
            io_staking::accounts::AddGpuModel {
                admin,
                config: self.config,
                gpu_model: self.gpu_model(model_id),
                system_program: system_program::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::AddGpuModel {
                model_id,
                name: name.to_string(),
                multiplier_centi,
                reward_class,
            },
        )
    }

    /// `schedule_class_shares`: basis points per class (Enterprise, Community), summing to
    /// 10,000; in force after the grace period.
    pub fn schedule_class_shares(&self, admin: Pubkey, shares_bps: [u16; 2]) -> Instruction {
        instruction(
            self.admin_only(admin),
            io_staking::instruction::ScheduleClassShares { shares_bps },
        )
    }

    pub fn schedule_multiplier_change(
        &self,
        admin: Pubkey,
        model_id: u16,
        new_multiplier_centi: u32,
    ) -> Instruction {
        instruction(
            io_staking::accounts::ScheduleMultiplierChange {
                admin,
                config: self.config,
                gpu_model: self.gpu_model(model_id),
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::ScheduleMultiplierChange {
                new_multiplier_centi,
            },
        )
    }

    pub fn stake(
        &self,
        owner: Pubkey,
        device: Pubkey,
        owner_token: Pubkey,
        amount: u64,
    ) -> Instruction {
        instruction(
            io_staking::accounts::Stake {
                owner,
                config: self.config,
                reward_pool: self.reward_pool,
                device,
                owner_token,
                stake_vault: self.stake_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::Stake { amount },
        )
    }

    pub fn request_unstake(
        &self,
        owner: Pubkey,
        device: Pubkey,
        owner_token: Pubkey,
    ) -> Instruction {
        self.request_unstake_with_co_staker(owner, device, owner_token, None)
    }

    /// `request_unstake` of a co-staked device, also paying the co-staker's pending rewards to
    /// its token account.
    pub fn request_unstake_with_co_staker(
        &self,
        owner: Pubkey,
        device: Pubkey,
        owner_token: Pubkey,
        co_staker_token: Option<Pubkey>,
    ) -> Instruction {
        instruction(
            io_staking::accounts::RequestUnstake {
                owner,
                config: self.config,
                reward_pool: self.reward_pool,
                device,
                owner_token,
                co_staker_token,
                rewards_vault: self.rewards_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::RequestUnstake {},
        )
    }

    fn withdraw_accounts(
        &self,
        owner: Pubkey,
        device: Pubkey,
        owner_token: Pubkey,
    ) -> Vec<AccountMeta> {
        io_staking::accounts::Withdraw {
            owner,
            config: self.config,
            reward_pool: self.reward_pool,
            device,
            owner_token,
            stake_vault: self.stake_vault,
            token_program: spl_token::ID,
            event_authority: event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None)
    }

    pub fn withdraw(&self, owner: Pubkey, device: Pubkey, owner_token: Pubkey) -> Instruction {
        instruction(
            self.withdraw_accounts(owner, device, owner_token),
            io_staking::instruction::Withdraw {},
        )
    }

    /// `withdraw_overflow { amount }`: stake above the requirement, no cooldown.
    pub fn withdraw_overflow(
        &self,
        owner: Pubkey,
        device: Pubkey,
        owner_token: Pubkey,
        amount: u64,
    ) -> Instruction {
        instruction(
            self.withdraw_accounts(owner, device, owner_token),
            io_staking::instruction::WithdrawOverflow { amount },
        )
    }

    /// `claim_all` for up to [`io_staking::MAX_CLAIM_ALL_DEVICES`] devices (passed writable).
    pub fn claim_all(&self, owner: Pubkey, owner_token: Pubkey, devices: &[Pubkey]) -> Instruction {
        let mut accounts = io_staking::accounts::ClaimAll {
            owner,
            config: self.config,
            reward_pool: self.reward_pool,
            owner_token,
            rewards_vault: self.rewards_vault,
            token_program: spl_token::ID,
            event_authority: event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None);
        accounts.extend(devices.iter().map(|d| AccountMeta::new(*d, false)));
        instruction(accounts, io_staking::instruction::ClaimAll {})
    }

    /// A wallet's devices split into as few `claim_all` instructions as fit, one per
    /// transaction: [`io_staking::MAX_CLAIM_ALL_DEVICES`] each fit a legacy transaction with
    /// the owner as fee payer (measured by the staking scale test).
    pub fn claim_all_batches(
        &self,
        owner: Pubkey,
        owner_token: Pubkey,
        devices: &[Pubkey],
    ) -> Vec<Instruction> {
        devices
            .chunks(io_staking::MAX_CLAIM_ALL_DEVICES)
            .map(|chunk| self.claim_all(owner, owner_token, chunk))
            .collect()
    }

    pub fn claim_rewards(&self, owner: Pubkey, device: Pubkey, owner_token: Pubkey) -> Instruction {
        instruction(
            io_staking::accounts::ClaimRewards {
                owner,
                config: self.config,
                reward_pool: self.reward_pool,
                device,
                owner_token,
                rewards_vault: self.rewards_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::ClaimRewards {},
        )
    }

    /// Closes `device` and the marker of the GPUs it registered (`hardware_hash`).
    pub fn close_device(
        &self,
        owner: Pubkey,
        device: Pubkey,
        hardware_hash: &[u8; 32],
    ) -> Instruction {
        instruction(
            io_staking::accounts::CloseDevice {
                owner,
                config: self.config,
                reward_pool: self.reward_pool,
                device,
                hardware_marker: self.hardware_marker(hardware_hash),
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::CloseDevice {},
        )
    }

    /// `close_epoch`: no signer, the same 11 accounts whatever the number of devices.
    pub fn close_epoch(&self) -> Instruction {
        instruction(
            io_staking::accounts::CloseEpoch {
                config: self.config,
                reward_pool: self.reward_pool,
                rpw_ring: self.rpw_ring,
                emission_state: self.emission_state,
                mint: self.mint,
                rewards_vault: self.rewards_vault,
                emission_event_authority: event_authority(&io_emission::ID),
                emission_program: io_emission::ID,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::CloseEpoch {},
        )
    }

    pub fn sync_device_multiplier(&self, device: Pubkey, gpu_model: Pubkey) -> Instruction {
        instruction(
            io_staking::accounts::SyncDeviceMultiplier {
                config: self.config,
                reward_pool: self.reward_pool,
                device,
                gpu_model,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::SyncDeviceMultiplier {},
        )
    }

    /// `open_case`: `case_id` is the pool's `cases_opened` now (the case's address seed). If
    /// another case opens first, this one fails on the address and is sent again with the next.
    pub fn open_case(
        &self,
        slasher: Pubkey,
        device: Pubkey,
        case_id: u64,
        args: OpenCaseArgs,
    ) -> Instruction {
        instruction(
            io_staking::accounts::OpenCase {
                slasher,
                config: self.config,
                reward_pool: self.reward_pool,
                device,
                case: self.slash_case(case_id),
                system_program: system_program::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::OpenCase { args },
        )
    }

    /// `appeal_case`, signed by the device owner or the co-staker the case took from.
    pub fn appeal_case(
        &self,
        owner: Pubkey,
        device: Pubkey,
        case: Pubkey,
        statement_hash: [u8; 32],
    ) -> Instruction {
        instruction(
            io_staking::accounts::AppealCase {
                appellant: owner,
                config: self.config,
                device,
                case,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::AppealCase { statement_hash },
        )
    }

    /// Resolves a case. `owner_token` is needed only to return escrow to a withdrawn device.
    pub fn resolve_case(
        &self,
        resolution: Resolution,
        authority: Pubkey,
        device: Pubkey,
        case: Pubkey,
        owner_token: Option<Pubkey>,
    ) -> Instruction {
        self.resolve_case_with_co_staker(resolution, authority, device, case, owner_token, None)
    }

    /// Resolves a case of a co-staked device: `co_staker_token` is needed only to return the
    /// co-staker's part after it left the device.
    pub fn resolve_case_with_co_staker(
        &self,
        resolution: Resolution,
        authority: Pubkey,
        device: Pubkey,
        case: Pubkey,
        owner_token: Option<Pubkey>,
        co_staker_token: Option<Pubkey>,
    ) -> Instruction {
        let accounts = io_staking::accounts::ResolveCase {
            authority,
            config: self.config,
            reward_pool: self.reward_pool,
            device,
            case,
            mint: self.mint,
            stake_vault: self.stake_vault,
            rewards_vault: self.rewards_vault,
            owner_token,
            co_staker_token,
            token_program: spl_token::ID,
            event_authority: event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None);
        match resolution {
            Resolution::Uphold => {
                instruction(accounts, io_staking::instruction::RuleCase { uphold: true })
            }
            Resolution::Overturn => instruction(
                accounts,
                io_staking::instruction::RuleCase { uphold: false },
            ),
            Resolution::Execute => instruction(accounts, io_staking::instruction::ExecuteCase {}),
            Resolution::Lapse => instruction(accounts, io_staking::instruction::LapseCase {}),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_match_the_programs_pdas() {
        let mint = Pubkey::new_unique();
        let a = Addresses::for_mint(mint);
        assert_eq!(
            a.config,
            io_staking::state::StakingConfig::find_address(&mint).0
        );
        assert_eq!(
            a.emission_state,
            io_emission::state::EmissionState::find_address(&mint).0
        );
        let key = Pubkey::new_unique();
        assert_eq!(a.device(&key), Device::find_address(&a.config, &key).0);
        assert_eq!(
            a.keeper_set,
            io_staking::state::KeeperSet::find_address(&a.config).0
        );
        assert_eq!(a.slash_case(7), SlashCase::find_address(&a.config, 7).0);
    }

    #[test]
    fn close_epoch_has_a_fixed_signer_free_account_list() {
        let ix = Addresses::for_mint(Pubkey::new_unique()).close_epoch();
        assert_eq!(ix.accounts.len(), 11);
        assert!(ix.accounts.iter().all(|m| !m.is_signer));
    }
}
