//! Typed helpers for `io-emission` instructions.

use anchor_lang::prelude::Pubkey;
use io_emission::state::EmissionState;
use io_emission::InitializeArgs;
use io_sdk::Addresses;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::chain::TestChain;
use crate::errors::TxResult;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;

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

/// io-emission's builders against an explicit state account: the suites pass counterfeit
/// ones. The program reads the mint from the state account, so most instructions take none
/// (`Pubkey::default()` then).
pub fn emission_at(state: Pubkey, mint: Pubkey) -> Addresses {
    Addresses {
        emission_state: state,
        ..Addresses::for_mint(mint)
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
        let ix = Addresses::for_mint(self.mint_key()).emission_initialize(
            self.payer().pubkey(),
            authority.pubkey(),
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
        let ix = emission_at(self.emission_state_key(), self.mint_key())
            .mint_epoch(signer.pubkey(), destination);
        self.process(&[ix], &[signer]).await
    }

    pub async fn mint_epoch(&mut self, actors: &EmissionActors) -> TxResult {
        self.mint_epoch_to(&actors.distributor, actors.vault).await
    }

    pub async fn set_distributor(&mut self, admin: &Keypair, new_distributor: Pubkey) -> TxResult {
        let ix = emission_at(self.emission_state_key(), Pubkey::default())
            .set_distributor(admin.pubkey(), new_distributor);
        self.process(&[ix], &[admin]).await
    }

    pub async fn propose_admin(&mut self, admin: &Keypair, new_admin: Pubkey) -> TxResult {
        let ix = emission_at(self.emission_state_key(), Pubkey::default())
            .emission_propose_admin(admin.pubkey(), new_admin);
        self.process(&[ix], &[admin]).await
    }

    pub async fn accept_admin(&mut self, new_admin: &Keypair) -> TxResult {
        let ix = emission_at(self.emission_state_key(), Pubkey::default())
            .emission_accept_admin(new_admin.pubkey());
        self.process(&[ix], &[new_admin]).await
    }

    /// Moves the clock to the first second at which `epoch` may be minted.
    pub async fn warp_to_epoch_end(&mut self, epoch: u32) {
        let genesis = self.emission_state().await.genesis_timestamp;
        let end = io_emission::schedule::epoch_end(genesis, epoch).expect("epoch in range");
        self.set_time(end).await;
    }
}
