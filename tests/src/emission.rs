//! Typed helpers for `io-emission` instructions.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use anchor_spl::token::spl_token;
use io_emission::state::EmissionState;
use io_emission::InitializeArgs;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::chain::{TestChain, DEFAULT_GENESIS_TIMESTAMP};
use crate::errors::TxResult;

/// Anchor's `#[event_cpi]` authority PDA of io-emission.
pub fn event_authority() -> Pubkey {
    Pubkey::find_program_address(&[b"__event_authority"], &io_emission::ID).0
}

/// Keys created by [`TestChain::initialize_emission_default`].
pub struct EmissionActors {
    pub admin: Keypair,
    pub distributor: Keypair,
    /// IO token account owned by the distributor, where epochs are minted.
    pub vault: Pubkey,
}

pub fn initialize_ix(
    payer: Pubkey,
    mint_authority: Pubkey,
    mint: Pubkey,
    args: InitializeArgs,
) -> Instruction {
    let (state, _) = EmissionState::find_address(&mint);
    Instruction {
        program_id: io_emission::ID,
        accounts: io_emission::accounts::Initialize {
            payer,
            mint_authority,
            mint,
            state,
            token_program: spl_token::ID,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: io_emission::ID,
        }
        .to_account_metas(None),
        data: io_emission::instruction::Initialize { args }.data(),
    }
}

pub fn mint_epoch_ix(
    state: Pubkey,
    distributor: Pubkey,
    mint: Pubkey,
    destination: Pubkey,
) -> Instruction {
    Instruction {
        program_id: io_emission::ID,
        accounts: io_emission::accounts::MintEpoch {
            distributor,
            state,
            mint,
            destination,
            token_program: spl_token::ID,
            event_authority: event_authority(),
            program: io_emission::ID,
        }
        .to_account_metas(None),
        data: io_emission::instruction::MintEpoch {}.data(),
    }
}

pub fn set_distributor_ix(state: Pubkey, admin: Pubkey, new_distributor: Pubkey) -> Instruction {
    Instruction {
        program_id: io_emission::ID,
        accounts: io_emission::accounts::SetDistributor {
            admin,
            state,
            event_authority: event_authority(),
            program: io_emission::ID,
        }
        .to_account_metas(None),
        data: io_emission::instruction::SetDistributor { new_distributor }.data(),
    }
}

pub fn propose_admin_ix(state: Pubkey, admin: Pubkey, new_admin: Pubkey) -> Instruction {
    Instruction {
        program_id: io_emission::ID,
        accounts: io_emission::accounts::ProposeAdmin {
            admin,
            state,
            event_authority: event_authority(),
            program: io_emission::ID,
        }
        .to_account_metas(None),
        data: io_emission::instruction::ProposeAdmin { new_admin }.data(),
    }
}

pub fn accept_admin_ix(state: Pubkey, new_admin: Pubkey) -> Instruction {
    Instruction {
        program_id: io_emission::ID,
        accounts: io_emission::accounts::AcceptAdmin {
            new_admin,
            state,
            event_authority: event_authority(),
            program: io_emission::ID,
        }
        .to_account_metas(None),
        data: io_emission::instruction::AcceptAdmin {}.data(),
    }
}

impl TestChain {
    pub fn emission_state_key(&self) -> Pubkey {
        EmissionState::find_address(&self.mint_key()).0
    }

    pub async fn emission_state(&mut self) -> EmissionState {
        let key = self.emission_state_key();
        self.anchor_account(key).await
    }

    /// Runs `initialize`, signed by the mint's current authority.
    pub async fn initialize_emission(&mut self, args: InitializeArgs) -> TxResult {
        let authority = self.mint_authority.insecure_clone();
        let ix = initialize_ix(
            self.payer().pubkey(),
            authority.pubkey(),
            self.mint_key(),
            args,
        );
        self.process(&[ix], &[&authority]).await
    }

    /// Initializes with genesis at [`DEFAULT_GENESIS_TIMESTAMP`], fresh admin and distributor keys,
    /// and a distributor vault. Panics on failure.
    pub async fn initialize_emission_default(&mut self) -> EmissionActors {
        let admin = Keypair::new();
        let distributor = Keypair::new();
        self.initialize_emission(InitializeArgs {
            genesis_timestamp: DEFAULT_GENESIS_TIMESTAMP,
            distributor: distributor.pubkey(),
            admin: admin.pubkey(),
        })
        .await
        .expect("initialize io-emission");
        let vault = self.create_token_account(&distributor.pubkey()).await;
        EmissionActors {
            admin,
            distributor,
            vault,
        }
    }

    /// `mint_epoch` signed by `signer`, minting into `destination`.
    pub async fn mint_epoch_to(&mut self, signer: &Keypair, destination: Pubkey) -> TxResult {
        let ix = mint_epoch_ix(
            self.emission_state_key(),
            signer.pubkey(),
            self.mint_key(),
            destination,
        );
        self.process(&[ix], &[signer]).await
    }

    pub async fn mint_epoch(&mut self, actors: &EmissionActors) -> TxResult {
        self.mint_epoch_to(&actors.distributor, actors.vault).await
    }

    pub async fn set_distributor(&mut self, admin: &Keypair, new_distributor: Pubkey) -> TxResult {
        let ix = set_distributor_ix(self.emission_state_key(), admin.pubkey(), new_distributor);
        self.process(&[ix], &[admin]).await
    }

    pub async fn propose_admin(&mut self, admin: &Keypair, new_admin: Pubkey) -> TxResult {
        let ix = propose_admin_ix(self.emission_state_key(), admin.pubkey(), new_admin);
        self.process(&[ix], &[admin]).await
    }

    pub async fn accept_admin(&mut self, new_admin: &Keypair) -> TxResult {
        let ix = accept_admin_ix(self.emission_state_key(), new_admin.pubkey());
        self.process(&[ix], &[new_admin]).await
    }

    /// Moves the clock to the first second at which `epoch` may be minted.
    pub async fn warp_to_epoch_end(&mut self, epoch: u32) {
        let genesis = self.emission_state().await.genesis_timestamp;
        let end = io_emission::schedule::epoch_end(genesis, epoch).expect("epoch in range");
        self.set_time(end).await;
    }
}
