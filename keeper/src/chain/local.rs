//! The embedded backend: the real programs running natively inside solana-program-test's
//! runtime with the real SPL Token program (SYSTEM.md section 8). Its clock can be moved, which
//! is how `io-keeper localnet` runs hours in seconds.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use async_trait::async_trait;
use io_localchain::{ChainBuilder, TestChain};
use solana_keypair::Keypair;
use solana_signer::Signer;
use std::collections::BTreeSet;

use tokio::sync::Mutex;

use super::{Chain, ChainError};

pub struct LocalChain {
    chain: Mutex<TestChain>,
    /// Every account a transaction sent through this chain has named: a bank cannot list the
    /// accounts a program owns, so `program_accounts` looks among these.
    known_accounts: std::sync::Mutex<BTreeSet<Pubkey>>,
    payer: Pubkey,
    mint: Pubkey,
    mint_authority: Keypair,
    treasury: Pubkey,
}

impl LocalChain {
    /// Starts a fresh chain with the IO mint (8 decimals) holding the 500M genesis supply in a
    /// treasury account controlled by [`LocalChain::mint_authority`], clock at `start_time`.
    pub async fn start(start_time: i64) -> Self {
        let chain = ChainBuilder::new().start_time(start_time).build().await;
        Self {
            payer: chain.payer().pubkey(),
            mint: chain.mint_key(),
            mint_authority: chain.mint_authority.insecure_clone(),
            treasury: chain.treasury,
            chain: Mutex::new(chain),
            known_accounts: std::sync::Mutex::new(BTreeSet::new()),
        }
    }

    fn remember(&self, addresses: impl Iterator<Item = Pubkey>) {
        self.known_accounts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend(addresses);
    }

    /// Processes a transaction signed elsewhere (the local RPC node's `sendTransaction`).
    pub async fn send_signed(
        &self,
        transaction: solana_transaction::Transaction,
    ) -> Result<(), io_localchain::BanksClientError> {
        self.remember(transaction.message.account_keys.iter().copied());
        self.chain
            .lock()
            .await
            .process_transaction(transaction)
            .await
    }

    /// The full account (owner, lamports, data), for the local RPC node.
    pub async fn account(&self, address: &Pubkey) -> Option<io_localchain::Account> {
        self.chain.lock().await.account(*address).await
    }

    /// Overwrites an account: a setup shortcut for tests and demos, like moving the clock (for
    /// example a device of another deployment, which no transaction can create here).
    pub async fn write_account(&self, address: Pubkey, account: io_localchain::Account) {
        self.remember(std::iter::once(address));
        self.chain.lock().await.set_account(address, account);
    }

    pub async fn latest_blockhash(&self) -> io_localchain::Hash {
        self.chain.lock().await.latest_blockhash().await
    }

    pub fn mint(&self) -> Pubkey {
        self.mint
    }

    /// Holds the mint authority until bootstrap hands it to the emission program, and owns the
    /// treasury.
    pub fn mint_authority(&self) -> &Keypair {
        &self.mint_authority
    }

    pub fn treasury(&self) -> Pubkey {
        self.treasury
    }

    /// Moves the cluster clock (the accelerated clock of `localnet`).
    pub async fn set_time(&self, unix_timestamp: i64) {
        self.chain.lock().await.set_time(unix_timestamp).await;
    }

    /// Gives `to` SOL for fees and rent.
    pub async fn airdrop(&self, to: &Pubkey, lamports: u64) {
        self.chain.lock().await.airdrop(to, lamports).await;
    }

    /// A new IO token account owned by `owner`, funded with `amount` from the treasury.
    pub async fn fund(&self, owner: &Pubkey, amount: u64) -> Pubkey {
        self.chain.lock().await.fund(owner, amount).await
    }

    pub async fn token_balance(&self, token_account: Pubkey) -> u64 {
        self.chain.lock().await.token_balance(token_account).await
    }

    pub async fn mint_supply(&self) -> u64 {
        self.chain.lock().await.mint_supply().await
    }
}

#[async_trait]
impl Chain for LocalChain {
    fn payer(&self) -> Pubkey {
        self.payer
    }

    async fn account_data(&self, address: &Pubkey) -> Result<Option<Vec<u8>>, ChainError> {
        Ok(self
            .chain
            .lock()
            .await
            .account(*address)
            .await
            .map(|a| a.data))
    }

    async fn send(
        &self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<(), ChainError> {
        // Only a writable account can be created or change owner in a transaction: read-only
        // ones (programs, sysvars, the config) need not be searched by `program_accounts`.
        self.remember(instructions.iter().flat_map(|ix| {
            ix.accounts
                .iter()
                .filter(|a| a.is_writable)
                .map(|a| a.pubkey)
        }));
        let result = self.chain.lock().await.process(instructions, signers).await;
        result.map_err(|err| match io_localchain::custom_error(&err) {
            Some(code) => ChainError::Program { code },
            None => ChainError::Rejected(format!("{err:?}")),
        })
    }

    async fn unix_time(&self) -> Result<i64, ChainError> {
        Ok(self.chain.lock().await.now().await)
    }

    async fn program_accounts(
        &self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> Result<Vec<(Pubkey, Vec<u8>)>, ChainError> {
        let candidates: Vec<Pubkey> = self
            .known_accounts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .copied()
            .collect();
        let mut chain = self.chain.lock().await;
        let mut found = Vec::new();
        for address in candidates {
            if let Some(account) = chain.account(address).await {
                if account.owner == *program && account.data.starts_with(discriminator) {
                    found.push((address, account.data));
                }
            }
        }
        Ok(found)
    }
}
