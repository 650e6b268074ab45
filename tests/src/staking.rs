//! Typed helpers for `io-staking`: protocol bootstrap, one builder per instruction, readers.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_spl::token::spl_token;
use io_sdk::bootstrap::{plan, Observed, Roles, SignedBy, Step};
use io_sdk::consent::SignedConsent;
pub use io_sdk::staking::Resolution;
use io_sdk::Addresses;
use io_staking::state::{Device, RewardPool, StakingConfig};
use io_staking::state::{SlashCase, SlashReason};
use io_staking::OpenCaseArgs;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::chain::TestChain;
use crate::emission::EmissionActors;
use crate::errors::TxResult;

/// Anchor's `#[event_cpi]` authority PDA of io-staking.
pub fn event_authority() -> Pubkey {
    io_sdk::event_authority(&io_staking::ID)
}

/// Everything `setup_protocol` created.
pub struct Protocol {
    /// io-emission's admin and its (now replaced) first distributor.
    pub emission: EmissionActors,
    pub admin: Keypair,
    /// The harness's own keeper, operator and vote key in one: admitted and bonded the first time
    /// [`TestChain::attest`] needs a root.
    pub keeper: Keypair,
    pub slasher: Keypair,
    pub arbiter: Keypair,
    pub addresses: Addresses,
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
    /// Its GPUs' hash: the device key's bytes, so every handle's GPUs are distinct.
    pub hardware_hash: [u8; 32],
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
            hardware_hash: self.hardware_hash,
        }
    }
}

impl Protocol {
    pub fn gpu_model(&self, model_id: u16) -> Pubkey {
        self.addresses.gpu_model(model_id)
    }
}

/// Swaps one account of an instruction for another (by address): how the tests forge calls with
/// a wrong vault, mint, program or device.
pub fn replace_account(ix: &mut Instruction, from: Pubkey, to: Pubkey) {
    let meta = ix
        .accounts
        .iter_mut()
        .find(|m| m.pubkey == from)
        .expect("account in the instruction");
    meta.pubkey = to;
}

impl TestChain {
    /// The full bootstrap: io-emission initialized, io-staking initialized with the published
    /// parameters, minting handed to the staking config PDA, the keeper set, and the published GPU
    /// model table.
    pub async fn setup_protocol(&mut self) -> Protocol {
        let emission = self.initialize_emission_default().await;
        let (admin, keeper, slasher, arbiter) = (
            Keypair::new(),
            Keypair::new(),
            Keypair::new(),
            Keypair::new(),
        );
        self.airdrop(&admin.pubkey(), 1_000_000_000).await;
        self.airdrop(&slasher.pubkey(), 1_000_000_000).await;
        // The ring's keypair signs its creation only: nobody needs it afterwards.
        let ring = Keypair::new();
        let addresses = Addresses::for_mint(self.mint_key()).with_rpw_ring(ring.pubkey());
        // The plan `io-keeper init` follows. io-emission is already initialized above with a
        // distributor of its own, so the plan hands minting over to the staking config, as on a
        // chain whose emission program was set up before staking.
        let roles = Roles {
            payer: self.payer().pubkey(),
            mint_authority: self.mint_authority.pubkey(),
            emission_admin: emission.admin.pubkey(),
            staking_admin: admin.pubkey(),
            keepers: Vec::new(),
            slasher: slasher.pubkey(),
            arbiter: arbiter.pubkey(),
            genesis_timestamp: crate::DEFAULT_GENESIS_TIMESTAMP,
            decimals: self.decimals,
        };
        let observed = Observed {
            emission: Some(self.anchor_account(addresses.emission_state).await),
            config: None,
            rpw_ring_exists: false,
            keeper_operators: None,
            gpu_models: Vec::new(),
        };
        let steps = plan(&addresses, &roles, &observed).expect("published parameters fit");
        let emission_admin = emission.admin.insecure_clone();
        // Consecutive steps of one signer go four to a transaction: the GPU table is most of
        // them, and fewer transactions keep every test's setup short.
        let mut pending: Vec<Step> = Vec::new();
        for step in steps.into_iter().filter(|step| step.needed) {
            let joins = pending
                .last()
                .is_some_and(|last| last.signed_by == step.signed_by && pending.len() < 4);
            if !joins && !pending.is_empty() {
                self.send_steps(&pending, &emission_admin, &admin, &ring)
                    .await;
                pending.clear();
            }
            pending.push(step);
        }
        self.send_steps(&pending, &emission_admin, &admin, &ring)
            .await;
        let config = addresses.config;
        let state: StakingConfig = self.anchor_account(config).await;
        Protocol {
            emission,
            admin,
            keeper,
            slasher,
            arbiter,
            addresses,
            config,
            pool: state.reward_pool,
            stake_vault: state.stake_vault,
            rewards_vault: state.rewards_vault,
        }
    }

    async fn send_steps(
        &mut self,
        steps: &[Step],
        emission_admin: &Keypair,
        admin: &Keypair,
        ring: &Keypair,
    ) {
        let Some(first) = steps.first() else {
            return;
        };
        let signer = match first.signed_by {
            SignedBy::MintAuthority => self.mint_authority.insecure_clone(),
            SignedBy::EmissionAdmin => emission_admin.insecure_clone(),
            SignedBy::StakingAdmin => admin.insecure_clone(),
            SignedBy::RingKeypair => ring.insecure_clone(),
        };
        let instructions: Vec<Instruction> =
            steps.iter().map(|step| step.instruction.clone()).collect();
        let names: Vec<&str> = steps.iter().map(|step| step.name.as_str()).collect();
        self.process(&instructions, &[&signer])
            .await
            .unwrap_or_else(|e| panic!("bootstrap {names:?}: {e:?}"));
    }

    /// Sends `amount` IO base units from the genesis treasury to a new token account of `owner`.
    pub async fn fund(&mut self, owner: &Pubkey, amount: u64) -> Pubkey {
        let account = self.create_token_account(owner).await;
        self.fund_into(account, amount).await;
        account
    }

    /// Sends `amount` IO base units from the genesis treasury to an existing token account.
    pub async fn fund_into(&mut self, account: Pubkey, amount: u64) {
        if amount == 0 {
            return;
        }
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

    /// Registers a device of a published model for a new owner funded with `funds`.
    pub async fn register_device(
        &mut self,
        protocol: &Protocol,
        model: &str,
        gpu_count: u16,
        funds: u64,
    ) -> DeviceHandle {
        let owner = Keypair::new();
        self.airdrop(&owner.pubkey(), 100_000_000).await;
        self.register_for(protocol, &owner, model, gpu_count, funds)
            .await
    }

    /// Registers another device of a published model for `owner` (who pays the rent), with a
    /// new token account of `owner` funded with `funds`.
    pub async fn register_for(
        &mut self,
        protocol: &Protocol,
        owner: &Keypair,
        model: &str,
        gpu_count: u16,
        funds: u64,
    ) -> DeviceHandle {
        let model_id = io_staking::catalog::model_id(model).expect("published model");
        let device_key = Keypair::new();
        let owner_token = self.fund(&owner.pubkey(), funds).await;
        let hardware_hash = device_key.pubkey().to_bytes();
        let consent = self
            .consent(
                protocol,
                owner,
                &device_key,
                model_id,
                gpu_count,
                hardware_hash,
            )
            .await;
        self.register_with(protocol, owner, &consent)
            .await
            .expect("register device");
        let device = Device::find_address(&protocol.config, &device_key.pubkey()).0;
        // A leaf of every root from now on, up or not, as a keeper's observation would make it.
        self.uptime.track(device);
        DeviceHandle {
            device,
            owner: owner.insecure_clone(),
            device_key,
            owner_token,
            model_id,
            gpu_count,
            hardware_hash,
        }
    }

    /// The consent `device_key` gives `owner`, as `io-worker register` signs it, valid for an
    /// hour of chain time.
    pub async fn consent(
        &mut self,
        protocol: &Protocol,
        owner: &Keypair,
        device_key: &Keypair,
        model_id: u16,
        gpu_count: u16,
        hardware_hash: [u8; 32],
    ) -> SignedConsent {
        let expires_at = self.now().await + 3_600;
        SignedConsent::sign(
            protocol.addresses.consent(
                &owner.pubkey(),
                &device_key.pubkey(),
                model_id,
                gpu_count,
                hardware_hash,
                expires_at,
            ),
            device_key,
        )
    }

    /// Registers with `consent`, the owner alone signing.
    pub async fn register_with(
        &mut self,
        protocol: &Protocol,
        owner: &Keypair,
        consent: &SignedConsent,
    ) -> TxResult {
        let instructions = protocol.addresses.register_device(owner.pubkey(), consent);
        self.process(&instructions, &[owner]).await
    }

    /// Registers `dev`'s device key and GPUs again under the same owner, after the device was
    /// closed: a new life at the same address.
    pub async fn register_again(&mut self, protocol: &Protocol, dev: &DeviceHandle) -> TxResult {
        let consent = self
            .consent(
                protocol,
                &dev.owner,
                &dev.device_key,
                dev.model_id,
                dev.gpu_count,
                dev.hardware_hash,
            )
            .await;
        self.register_with(protocol, &dev.owner, &consent).await
    }

    pub async fn stake(
        &mut self,
        protocol: &Protocol,
        dev: &DeviceHandle,
        amount: u64,
    ) -> TxResult {
        let ix = protocol
            .addresses
            .stake(dev.owner.pubkey(), dev.device, dev.owner_token, amount);
        self.process(&[ix], &[&dev.owner]).await
    }

    pub async fn request_unstake(&mut self, protocol: &Protocol, dev: &DeviceHandle) -> TxResult {
        let ix =
            protocol
                .addresses
                .request_unstake(dev.owner.pubkey(), dev.device, dev.owner_token);
        self.process(&[ix], &[&dev.owner]).await
    }

    pub async fn withdraw(&mut self, protocol: &Protocol, dev: &DeviceHandle) -> TxResult {
        let ix = protocol
            .addresses
            .withdraw(dev.owner.pubkey(), dev.device, dev.owner_token);
        self.process(&[ix], &[&dev.owner]).await
    }

    pub async fn claim(&mut self, protocol: &Protocol, dev: &DeviceHandle) -> TxResult {
        let ix = protocol
            .addresses
            .claim_rewards(dev.owner.pubkey(), dev.device, dev.owner_token);
        self.process(&[ix], &[&dev.owner]).await
    }

    pub async fn close_epoch(&mut self, protocol: &Protocol) -> TxResult {
        let ix = protocol.addresses.close_epoch();
        self.process(&[ix], &[]).await
    }

    /// Moves the clock to the end of `epoch` and closes every epoch up to it.
    pub async fn close_epochs_through(&mut self, protocol: &Protocol, epoch: u32) {
        self.warp_to_epoch_end(epoch).await;
        while self.pool_state(protocol).await.last_closed_epoch < epoch {
            self.close_epoch(protocol).await.expect("close epoch");
        }
    }

    /// Opens a case against `dev` signed by the protocol's slasher; returns the case address.
    pub async fn open_case(
        &mut self,
        protocol: &Protocol,
        dev: &DeviceHandle,
        amount: u64,
        reason: SlashReason,
    ) -> (TxResult, Pubkey) {
        let case_id = self.pool_state(protocol).await.cases_opened;
        let slasher = protocol.slasher.insecure_clone();
        let ix = protocol.addresses.open_case(
            slasher.pubkey(),
            dev.device,
            case_id,
            OpenCaseArgs {
                amount,
                reason,
                evidence_hash: [0xEE; 32],
            },
        );
        let result = self.process(&[ix], &[&slasher]).await;
        (result, SlashCase::find_address(&protocol.config, case_id).0)
    }

    pub async fn appeal(
        &mut self,
        protocol: &Protocol,
        dev: &DeviceHandle,
        case: Pubkey,
    ) -> TxResult {
        let ix = protocol
            .addresses
            .appeal_case(dev.owner.pubkey(), dev.device, case, [0xAA; 32]);
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
        self.resolve_with_co_staker(protocol, dev, case, resolution, None)
            .await
    }

    /// `resolve`, also passing the co-staker's token account (needed to return its part of a
    /// case after it left the device).
    pub async fn resolve_with_co_staker(
        &mut self,
        protocol: &Protocol,
        dev: &DeviceHandle,
        case: Pubkey,
        resolution: Resolution,
        co_staker_token: Option<Pubkey>,
    ) -> TxResult {
        let signer = match resolution {
            Resolution::Uphold | Resolution::Overturn => protocol.arbiter.insecure_clone(),
            Resolution::Execute | Resolution::Lapse => self.payer(),
        };
        let ix = protocol.addresses.resolve_case_with_co_staker(
            resolution,
            signer.pubkey(),
            dev.device,
            case,
            Some(dev.owner_token),
            co_staker_token,
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
        let now = self.now().await;
        config
            .required_stake(now, device.multiplier_centi, device.gpu_count)
            .expect("required stake")
    }
}
