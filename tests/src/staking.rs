//! Typed helpers for `io-staking`: protocol bootstrap, one builder per instruction, readers.

use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use anchor_spl::token::spl_token;
use io_staking::catalog::PUBLISHED_GPU_MODELS;
use io_staking::state::{Device, GpuModel, RewardPool, StakingConfig, StakingParams};
use io_staking::state::{SlashCase, SlashReason, SlashingParams};
use io_staking::{InitializeArgs, OpenCaseArgs, RegisterDeviceArgs, SlashingConfigArgs};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::chain::TestChain;
use crate::emission::EmissionActors;
use crate::errors::TxResult;

/// Anchor's `#[event_cpi]` authority PDA of io-staking.
pub fn event_authority() -> Pubkey {
    Pubkey::find_program_address(&[b"__event_authority"], &io_staking::ID).0
}

fn ix(accounts: Vec<AccountMeta>, data: Vec<u8>) -> Instruction {
    Instruction {
        program_id: io_staking::ID,
        accounts,
        data,
    }
}

/// Everything `setup_protocol` created.
pub struct Protocol {
    /// io-emission's admin and its (now replaced) first distributor.
    pub emission: EmissionActors,
    pub admin: Keypair,
    pub attester: Keypair,
    pub slasher: Keypair,
    pub arbiter: Keypair,
    pub config: Pubkey,
    pub pool: Pubkey,
    pub stake_vault: Pubkey,
    pub rewards_vault: Pubkey,
}

/// A registered device and the keys that control it.
pub struct DeviceHandle {
    pub owner: Keypair,
    pub device_key: Keypair,
    pub device: Pubkey,
    /// The owner's IO token account (funded at registration).
    pub owner_token: Pubkey,
    pub model_id: u16,
    pub gpu_count: u16,
}

impl DeviceHandle {
    pub fn insecure_clone(&self) -> DeviceHandle {
        DeviceHandle {
            owner: self.owner.insecure_clone(),
            device_key: self.device_key.insecure_clone(),
            device: self.device,
            owner_token: self.owner_token,
            model_id: self.model_id,
            gpu_count: self.gpu_count,
        }
    }
}

impl Protocol {
    pub fn attester_key(&self) -> Pubkey {
        self.attester.pubkey()
    }

    pub fn gpu_model(&self, model_id: u16) -> Pubkey {
        GpuModel::find_address(&self.config, model_id).0
    }

    pub fn admin_only(&self, admin: Pubkey) -> Vec<AccountMeta> {
        io_staking::accounts::AdminOnly {
            admin,
            config: self.config,
            event_authority: event_authority(),
            program: io_staking::ID,
        }
        .to_account_metas(None)
    }

    pub fn close_epoch_ix(&self, chain: &TestChain) -> Instruction {
        ix(
            io_staking::accounts::CloseEpoch {
                config: self.config,
                reward_pool: self.pool,
                emission_state: chain.emission_state_key(),
                mint: chain.mint_key(),
                rewards_vault: self.rewards_vault,
                emission_event_authority: crate::emission::event_authority(),
                emission_program: io_emission::ID,
                token_program: spl_token::ID,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::CloseEpoch {}.data(),
        )
    }

    pub fn attest_ix(&self, attester: Pubkey, epoch: u32, devices: &[Pubkey]) -> Instruction {
        let mut accounts = io_staking::accounts::Attest {
            attester,
            config: self.config,
            reward_pool: self.pool,
            event_authority: event_authority(),
            program: io_staking::ID,
        }
        .to_account_metas(None);
        accounts.extend(devices.iter().map(|d| AccountMeta::new(*d, false)));
        ix(accounts, io_staking::instruction::Attest { epoch }.data())
    }

    pub fn register_ix(
        &self,
        owner: Pubkey,
        device_key: Pubkey,
        model_id: u16,
        args: RegisterDeviceArgs,
    ) -> Instruction {
        ix(
            io_staking::accounts::RegisterDevice {
                owner,
                device_signer: device_key,
                config: self.config,
                reward_pool: self.pool,
                gpu_model: self.gpu_model(model_id),
                device: Device::find_address(&self.config, &device_key).0,
                system_program: system_program::ID,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::RegisterDevice { args }.data(),
        )
    }

    pub fn stake_ix(
        &self,
        owner: Pubkey,
        device: Pubkey,
        owner_token: Pubkey,
        amount: u64,
    ) -> Instruction {
        ix(
            io_staking::accounts::Stake {
                owner,
                config: self.config,
                reward_pool: self.pool,
                device,
                owner_token,
                stake_vault: self.stake_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::Stake { amount }.data(),
        )
    }

    pub fn request_unstake_ix(
        &self,
        owner: Pubkey,
        device: Pubkey,
        owner_token: Pubkey,
    ) -> Instruction {
        ix(
            io_staking::accounts::RequestUnstake {
                owner,
                config: self.config,
                reward_pool: self.pool,
                device,
                owner_token,
                rewards_vault: self.rewards_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::RequestUnstake {}.data(),
        )
    }

    pub fn withdraw_ix(&self, owner: Pubkey, device: Pubkey, owner_token: Pubkey) -> Instruction {
        ix(
            io_staking::accounts::Withdraw {
                owner,
                config: self.config,
                reward_pool: self.pool,
                device,
                owner_token,
                stake_vault: self.stake_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::Withdraw {}.data(),
        )
    }

    pub fn claim_ix(&self, owner: Pubkey, device: Pubkey, owner_token: Pubkey) -> Instruction {
        ix(
            io_staking::accounts::ClaimRewards {
                owner,
                config: self.config,
                reward_pool: self.pool,
                device,
                owner_token,
                rewards_vault: self.rewards_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::ClaimRewards {}.data(),
        )
    }

    pub fn close_device_ix(&self, owner: Pubkey, device: Pubkey) -> Instruction {
        ix(
            io_staking::accounts::CloseDevice {
                owner,
                config: self.config,
                reward_pool: self.pool,
                device,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::CloseDevice {}.data(),
        )
    }

    pub fn deactivate_stale_ix(&self, device: Pubkey) -> Instruction {
        ix(
            io_staking::accounts::DeactivateStale {
                config: self.config,
                reward_pool: self.pool,
                device,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::DeactivateStale {}.data(),
        )
    }

    pub fn sync_multiplier_ix(&self, device: Pubkey, gpu_model: Pubkey) -> Instruction {
        ix(
            io_staking::accounts::SyncDeviceMultiplier {
                config: self.config,
                reward_pool: self.pool,
                device,
                gpu_model,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::SyncDeviceMultiplier {}.data(),
        )
    }

    pub fn add_gpu_model_ix(
        &self,
        admin: Pubkey,
        model_id: u16,
        name: &str,
        multiplier_centi: u32,
    ) -> Instruction {
        ix(
            io_staking::accounts::AddGpuModel {
                admin,
                config: self.config,
                gpu_model: self.gpu_model(model_id),
                system_program: system_program::ID,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::AddGpuModel {
                model_id,
                name: name.to_string(),
                multiplier_centi,
            }
            .data(),
        )
    }

    pub fn schedule_multiplier_ix(
        &self,
        admin: Pubkey,
        model_id: u16,
        new_multiplier_centi: u32,
    ) -> Instruction {
        ix(
            io_staking::accounts::ScheduleMultiplierChange {
                admin,
                config: self.config,
                gpu_model: self.gpu_model(model_id),
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::ScheduleMultiplierChange {
                new_multiplier_centi,
            }
            .data(),
        )
    }

    pub fn update_params_ix(&self, admin: Pubkey, params: StakingParams) -> Instruction {
        ix(
            self.admin_only(admin),
            io_staking::instruction::UpdateParams { params }.data(),
        )
    }

    pub fn add_attester_ix(&self, admin: Pubkey, attester: Pubkey) -> Instruction {
        ix(
            self.admin_only(admin),
            io_staking::instruction::AddAttester { attester }.data(),
        )
    }

    pub fn remove_attester_ix(&self, admin: Pubkey, attester: Pubkey) -> Instruction {
        ix(
            self.admin_only(admin),
            io_staking::instruction::RemoveAttester { attester }.data(),
        )
    }

    pub fn set_paused_ix(&self, admin: Pubkey, paused: bool) -> Instruction {
        ix(
            self.admin_only(admin),
            io_staking::instruction::SetPaused { paused }.data(),
        )
    }

    pub fn propose_admin_ix(&self, admin: Pubkey, new_admin: Pubkey) -> Instruction {
        ix(
            self.admin_only(admin),
            io_staking::instruction::ProposeAdmin { new_admin }.data(),
        )
    }

    pub fn accept_admin_ix(&self, new_admin: Pubkey) -> Instruction {
        ix(
            io_staking::accounts::AcceptAdmin {
                new_admin,
                config: self.config,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::AcceptAdmin {}.data(),
        )
    }
}

/// How a case is resolved (one `ResolveCase` account set, three instructions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    Uphold,
    Overturn,
    Execute,
    Lapse,
}

impl Protocol {
    pub fn set_slashing_config_ix(&self, admin: Pubkey, args: SlashingConfigArgs) -> Instruction {
        ix(
            self.admin_only(admin),
            io_staking::instruction::SetSlashingConfig { args }.data(),
        )
    }

    pub fn open_case_ix(
        &self,
        slasher: Pubkey,
        device: Pubkey,
        case_index: u32,
        args: OpenCaseArgs,
    ) -> Instruction {
        ix(
            io_staking::accounts::OpenCase {
                slasher,
                config: self.config,
                reward_pool: self.pool,
                device,
                case: SlashCase::find_address(&device, case_index).0,
                system_program: system_program::ID,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::OpenCase { args }.data(),
        )
    }

    pub fn appeal_ix(
        &self,
        owner: Pubkey,
        device: Pubkey,
        case: Pubkey,
        statement_hash: [u8; 32],
    ) -> Instruction {
        ix(
            io_staking::accounts::AppealCase {
                owner,
                config: self.config,
                device,
                case,
                event_authority: event_authority(),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::AppealCase { statement_hash }.data(),
        )
    }

    pub fn resolve_ix(
        &self,
        chain: &TestChain,
        resolution: Resolution,
        authority: Pubkey,
        device: Pubkey,
        case: Pubkey,
        owner_token: Option<Pubkey>,
    ) -> Instruction {
        let accounts = io_staking::accounts::ResolveCase {
            authority,
            config: self.config,
            reward_pool: self.pool,
            device,
            case,
            mint: chain.mint_key(),
            stake_vault: self.stake_vault,
            rewards_vault: self.rewards_vault,
            owner_token,
            token_program: spl_token::ID,
            event_authority: event_authority(),
            program: io_staking::ID,
        }
        .to_account_metas(None);
        let data = match resolution {
            Resolution::Uphold => io_staking::instruction::RuleCase { uphold: true }.data(),
            Resolution::Overturn => io_staking::instruction::RuleCase { uphold: false }.data(),
            Resolution::Execute => io_staking::instruction::ExecuteCase {}.data(),
            Resolution::Lapse => io_staking::instruction::LapseCase {}.data(),
        };
        ix(accounts, data)
    }
}

/// `initialize` for io-staking, signed by io-emission's admin.
pub fn initialize_ix(
    chain: &TestChain,
    payer: Pubkey,
    emission_admin: Pubkey,
    args: InitializeArgs,
) -> Instruction {
    let mint = chain.mint_key();
    let config = StakingConfig::find_address(&mint).0;
    let pda =
        |seed: &[u8]| Pubkey::find_program_address(&[seed, config.as_ref()], &io_staking::ID).0;
    ix(
        io_staking::accounts::Initialize {
            payer,
            emission_admin,
            mint,
            emission_state: chain.emission_state_key(),
            config,
            reward_pool: pda(io_staking::state::seeds::REWARD_POOL),
            stake_vault: pda(io_staking::state::seeds::STAKE_VAULT),
            rewards_vault: pda(io_staking::state::seeds::REWARDS_VAULT),
            token_program: spl_token::ID,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: io_staking::ID,
        }
        .to_account_metas(None),
        io_staking::instruction::Initialize { args }.data(),
    )
}

impl TestChain {
    /// The full bootstrap: io-emission initialized, io-staking initialized with the published
    /// parameters, minting handed to the staking config PDA, one attester, and the published GPU
    /// model table.
    pub async fn setup_protocol(&mut self) -> Protocol {
        let emission = self.initialize_emission_default().await;
        let admin = Keypair::new();
        let params = StakingParams::published(self.decimals).expect("published params");
        let init = initialize_ix(
            self,
            self.payer().pubkey(),
            emission.admin.pubkey(),
            InitializeArgs {
                admin: admin.pubkey(),
                params,
            },
        );
        let emission_admin = emission.admin.insecure_clone();
        self.process(&[init], &[&emission_admin])
            .await
            .expect("initialize io-staking");
        let config = StakingConfig::find_address(&self.mint_key()).0;
        self.set_distributor(&emission_admin, config)
            .await
            .expect("hand minting to the staking config");
        let state: StakingConfig = self.anchor_account(config).await;
        let protocol = Protocol {
            emission,
            admin,
            attester: Keypair::new(),
            slasher: Keypair::new(),
            arbiter: Keypair::new(),
            config,
            pool: state.reward_pool,
            stake_vault: state.stake_vault,
            rewards_vault: state.rewards_vault,
        };
        let admin_key = protocol.admin.insecure_clone();
        self.airdrop(&admin_key.pubkey(), 1_000_000_000).await;
        let add = protocol.add_attester_ix(admin_key.pubkey(), protocol.attester.pubkey());
        self.process(&[add], &[&admin_key])
            .await
            .expect("add attester");
        let roles = protocol.set_slashing_config_ix(
            admin_key.pubkey(),
            SlashingConfigArgs {
                slasher: protocol.slasher.pubkey(),
                arbiter: protocol.arbiter.pubkey(),
                params: SlashingParams::published(),
            },
        );
        self.process(&[roles], &[&admin_key])
            .await
            .expect("set slashing roles");
        self.airdrop(&protocol.slasher.pubkey(), 1_000_000_000)
            .await;
        for chunk in PUBLISHED_GPU_MODELS.chunks(4) {
            let ixs: Vec<Instruction> = chunk
                .iter()
                .map(|(id, name, m)| protocol.add_gpu_model_ix(admin_key.pubkey(), *id, name, *m))
                .collect();
            self.process(&ixs, &[&admin_key])
                .await
                .expect("seed GPU models");
        }
        protocol
    }

    /// Sends `amount` IO base units from the genesis treasury to a new token account of `owner`.
    pub async fn fund(&mut self, owner: &Pubkey, amount: u64) -> Pubkey {
        let account = self.create_token_account(owner).await;
        if amount > 0 {
            let authority = self.mint_authority.insecure_clone();
            let transfer = spl_token::instruction::transfer(
                &spl_token::ID,
                &self.treasury,
                &account,
                &authority.pubkey(),
                &[],
                amount,
            )
            .expect("transfer instruction");
            self.process(&[transfer], &[&authority])
                .await
                .expect("fund");
        }
        account
    }

    /// Registers a device of a published model for a new owner funded with `funds`.
    pub async fn register_device(
        &mut self,
        protocol: &Protocol,
        model: &str,
        gpu_count: u16,
        funds: u64,
    ) -> DeviceHandle {
        let model_id = io_staking::catalog::model_id(model).expect("published model");
        let owner = Keypair::new();
        let device_key = Keypair::new();
        let owner_token = self.fund(&owner.pubkey(), funds).await;
        self.airdrop(&owner.pubkey(), 100_000_000).await;
        let register = protocol.register_ix(
            owner.pubkey(),
            device_key.pubkey(),
            model_id,
            RegisterDeviceArgs {
                gpu_count,
                hardware_hash: [7; 32],
            },
        );
        self.process(&[register], &[&owner, &device_key])
            .await
            .expect("register device");
        DeviceHandle {
            device: Device::find_address(&protocol.config, &device_key.pubkey()).0,
            owner,
            device_key,
            owner_token,
            model_id,
            gpu_count,
        }
    }

    pub async fn stake(
        &mut self,
        protocol: &Protocol,
        dev: &DeviceHandle,
        amount: u64,
    ) -> TxResult {
        let ix = protocol.stake_ix(dev.owner.pubkey(), dev.device, dev.owner_token, amount);
        self.process(&[ix], &[&dev.owner]).await
    }

    pub async fn request_unstake(&mut self, protocol: &Protocol, dev: &DeviceHandle) -> TxResult {
        let ix = protocol.request_unstake_ix(dev.owner.pubkey(), dev.device, dev.owner_token);
        self.process(&[ix], &[&dev.owner]).await
    }

    pub async fn withdraw(&mut self, protocol: &Protocol, dev: &DeviceHandle) -> TxResult {
        let ix = protocol.withdraw_ix(dev.owner.pubkey(), dev.device, dev.owner_token);
        self.process(&[ix], &[&dev.owner]).await
    }

    pub async fn claim(&mut self, protocol: &Protocol, dev: &DeviceHandle) -> TxResult {
        let ix = protocol.claim_ix(dev.owner.pubkey(), dev.device, dev.owner_token);
        self.process(&[ix], &[&dev.owner]).await
    }

    pub async fn close_epoch(&mut self, protocol: &Protocol) -> TxResult {
        let ix = protocol.close_epoch_ix(self);
        self.process(&[ix], &[]).await
    }

    /// Moves the clock to the end of `epoch` and closes every epoch up to it.
    pub async fn close_epochs_through(&mut self, protocol: &Protocol, epoch: u32) {
        self.warp_to_epoch_end(epoch).await;
        while self.pool_state(protocol).await.last_closed_epoch < epoch {
            self.close_epoch(protocol).await.expect("close epoch");
        }
    }

    pub async fn attest(
        &mut self,
        protocol: &Protocol,
        epoch: u32,
        devices: &[&DeviceHandle],
    ) -> TxResult {
        let keys: Vec<Pubkey> = devices.iter().map(|d| d.device).collect();
        let attester = protocol.attester.insecure_clone();
        let ix = protocol.attest_ix(attester.pubkey(), epoch, &keys);
        self.process(&[ix], &[&attester]).await
    }

    /// Opens a case against `dev` signed by the protocol's slasher; returns the case address.
    pub async fn open_case(
        &mut self,
        protocol: &Protocol,
        dev: &DeviceHandle,
        amount: u64,
        reason: SlashReason,
    ) -> (TxResult, Pubkey) {
        let index = self.device_state(dev).await.cases_opened;
        let slasher = protocol.slasher.insecure_clone();
        let ix = protocol.open_case_ix(
            slasher.pubkey(),
            dev.device,
            index,
            OpenCaseArgs {
                amount,
                reason,
                evidence_hash: [0xEE; 32],
            },
        );
        let result = self.process(&[ix], &[&slasher]).await;
        (result, SlashCase::find_address(&dev.device, index).0)
    }

    pub async fn appeal(
        &mut self,
        protocol: &Protocol,
        dev: &DeviceHandle,
        case: Pubkey,
    ) -> TxResult {
        let ix = protocol.appeal_ix(dev.owner.pubkey(), dev.device, case, [0xAA; 32]);
        self.process(&[ix], &[&dev.owner]).await
    }

    /// Resolves a case: `Uphold`/`Overturn` signed by the arbiter, `Execute`/`Lapse` by the
    /// test payer (anyone). Passes the owner's token account for returns to withdrawn devices.
    pub async fn resolve(
        &mut self,
        protocol: &Protocol,
        dev: &DeviceHandle,
        case: Pubkey,
        resolution: Resolution,
    ) -> TxResult {
        let signer = match resolution {
            Resolution::Uphold | Resolution::Overturn => protocol.arbiter.insecure_clone(),
            Resolution::Execute | Resolution::Lapse => self.payer(),
        };
        let ix = protocol.resolve_ix(
            self,
            resolution,
            signer.pubkey(),
            dev.device,
            case,
            Some(dev.owner_token),
        );
        self.process(&[ix], &[&signer]).await
    }

    pub async fn case_state(&mut self, case: Pubkey) -> SlashCase {
        self.anchor_account(case).await
    }

    pub async fn config_state(&mut self, protocol: &Protocol) -> StakingConfig {
        self.anchor_account(protocol.config).await
    }

    pub async fn pool_state(&mut self, protocol: &Protocol) -> RewardPool {
        self.anchor_account(protocol.pool).await
    }

    pub async fn device_state(&mut self, dev: &DeviceHandle) -> Device {
        self.anchor_account(dev.device).await
    }

    /// Required stake of a device under the current parameters.
    pub async fn required_stake(&mut self, protocol: &Protocol, dev: &DeviceHandle) -> u64 {
        let config = self.config_state(protocol).await;
        let device = self.device_state(dev).await;
        config
            .required_stake(device.multiplier_centi, device.gpu_count)
            .expect("required stake")
    }
}
