//! Typed helpers for `io-emission` instructions.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use io_emission::state::EmissionState;
use io_emission::InitializeArgs;
use io_sdk::Addresses;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::chain::{TestChain, DEFAULT_GENESIS_TIMESTAMP};
use crate::errors::TxResult;

/// Anchor's `#[event_cpi]` authority PDA of io-emission.
pub fn event_authority() -> Pubkey {
    io_sdk::event_authority(&io_emission::ID)
}

/// Keys created by [`TestChain::initialize_emission_default`].
pub struct EmissionActors {
    pub admin: Keypair,
    pub distributor: Keypair,
    /// IO token account owned by the distributor, where epochs are minted.
    pub vault: Pubkey,
}

fn addresses(state: Pubkey, mint: Pubkey) -> Addresses {
    Addresses {
        emission_state: state,
        ..Addresses::for_mint(mint)
    }
}

pub fn initialize_ix(
    payer: Pubkey,
    mint_authority: Pubkey,
    mint: Pubkey,
    args: InitializeArgs,
) -> Instruction {
    Addresses::for_mint(mint).emission_initialize(payer, mint_authority, args)
}

/// `mint_epoch` against an explicit state account (tests pass counterfeit ones).
pub fn mint_epoch_ix(
    state: Pubkey,
    distributor: Pubkey,
    mint: Pubkey,
    destination: Pubkey,
) -> Instruction {
    addresses(state, mint).mint_epoch(distributor, destination)
}

// The program reads the mint from the state account; these instructions take no mint account.
pub fn set_distributor_ix(state: Pubkey, admin: Pubkey, new_distributor: Pubkey) -> Instruction {
    addresses(state, Pubkey::default()).set_distributor(admin, new_distributor)
}

pub fn propose_admin_ix(state: Pubkey, admin: Pubkey, new_admin: Pubkey) -> Instruction {
    addresses(state, Pubkey::default()).emission_propose_admin(admin, new_admin)
}

pub fn accept_admin_ix(state: Pubkey, new_admin: Pubkey) -> Instruction {
    addresses(state, Pubkey::default()).emission_accept_admin(new_admin)
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
