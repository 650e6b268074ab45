//! The embedded backend: the real programs running natively inside solana-program-test's
//! runtime with the real SPL Token program (docs/design.md section 8). Its clock can be moved, which
//! is how `io-localnet` runs hours in seconds.
//!
//! Every transaction, whoever sends it (the keeper in process, or a wallet through the local
//! RPC node), goes through [`LocalChain::submit`]: it is processed, given a slot, kept in a
//! bounded history (what `getTransaction` and `getSignaturesForAddress` answer) and announced
//! to subscribers (what the RPC node's WebSocket notifies).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::{Bank, BankBuilder, BanksClientError, VersionedTransaction};
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::solana_program::program_pack::Pack;
use anchor_lang::solana_program::system_instruction;
use anchor_spl::token::spl_token;
use async_trait::async_trait;
use solana_keypair::Keypair;
use solana_signature::Signature;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;
use tokio::sync::{broadcast, Mutex};

use io_chain::{Chain, ChainError};

/// Transactions kept for `getTransaction`; the oldest are forgotten first.
pub const HISTORY_TRANSACTIONS: usize = 50_000;
/// Signatures kept per address for `getSignaturesForAddress`.
pub const HISTORY_PER_ADDRESS: usize = 1_000;
/// The fee of one signature (the cluster default; program-test charges it too).
pub const LAMPORTS_PER_SIGNATURE: u64 = 5_000;

/// One processed transaction, as the local chain remembers it.
#[derive(Debug)]
pub struct TxRecord {
    pub signature: Signature,
    pub slot: u64,
    pub block_time: i64,
    pub transaction: VersionedTransaction,
    /// `None` when it succeeded.
    pub err: Option<TransactionError>,
    pub logs: Vec<String>,
    pub units_consumed: u64,
    /// Payloads of the programs' `emit_cpi!` events (the data of the self-CPI), in order.
    pub events: Vec<Vec<u8>>,
    pub fee: u64,
    /// Lamports of the transaction's static account keys, before and after (empty unless
    /// [`LocalChain::record_balances`] was called).
    pub pre_balances: Vec<u64>,
    pub post_balances: Vec<u64>,
}

/// What subscribers hear.
#[derive(Clone, Debug)]
pub enum ChainEvent {
    /// A transaction was processed (successfully or not; one refused before running, for
    /// example for a bad signature, is not announced).
    Transaction(Arc<TxRecord>),
    /// A new slot began.
    Slot(u64),
}

#[derive(Default)]
struct History {
    by_signature: HashMap<Signature, Arc<TxRecord>>,
    order: VecDeque<Signature>,
    by_address: HashMap<Pubkey, VecDeque<Signature>>,
    processed: u64,
}

impl History {
    fn insert(&mut self, record: Arc<TxRecord>) {
        for address in record.transaction.message.static_account_keys() {
            let list = self.by_address.entry(*address).or_default();
            list.push_front(record.signature);
            list.truncate(HISTORY_PER_ADDRESS);
        }
        self.processed += 1;
        self.order.push_back(record.signature);
        self.by_signature.insert(record.signature, record);
        while self.order.len() > HISTORY_TRANSACTIONS {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            let Some(forgotten) = self.by_signature.remove(&oldest) else {
                continue;
            };
            // Forget it under each address too, and the addresses left with nothing.
            for address in forgotten.transaction.message.static_account_keys() {
                if let Some(list) = self.by_address.get_mut(address) {
                    list.retain(|signature| *signature != oldest);
                    if list.is_empty() {
                        self.by_address.remove(address);
                    }
                }
            }
        }
    }
}

pub struct LocalChain {
    chain: Mutex<Bank>,
    history: std::sync::Mutex<History>,
    /// Whether records carry lamport balances before and after (two account reads per key
    /// and transaction): on once an RPC node serves the chain, off for a batch run nobody
    /// inspects.
    record_balances: std::sync::atomic::AtomicBool,
    slot: AtomicU64,
    events: broadcast::Sender<ChainEvent>,
    payer: Pubkey,
    mint: Pubkey,
    mint_authority: Keypair,
    treasury: Pubkey,
}

impl LocalChain {
    /// Starts a fresh chain with the IO mint (8 decimals) holding the 500M genesis supply in a
    /// treasury account controlled by [`LocalChain::mint_authority`], clock at `start_time`.
    pub async fn start(start_time: i64) -> Self {
        let chain = BankBuilder::new().start_time(start_time).build().await;
        Self {
            payer: chain.payer().pubkey(),
            mint: chain.mint_key(),
            mint_authority: chain.mint_authority.insecure_clone(),
            treasury: chain.treasury,
            chain: Mutex::new(chain),
            history: std::sync::Mutex::new(History::default()),
            record_balances: std::sync::atomic::AtomicBool::new(false),
            slot: AtomicU64::new(1),
            events: broadcast::channel(4_096).0,
        }
    }

    /// Processes a transaction signed elsewhere, legacy or v0, and records it. A transaction
    /// that ran and failed is recorded too (with its logs) and comes back as
    /// [`SubmitError::Failed`].
    pub async fn submit(
        &self,
        transaction: VersionedTransaction,
    ) -> Result<Arc<TxRecord>, SubmitError> {
        let signature = transaction.signatures.first().copied().unwrap_or_default();
        let keys: Vec<Pubkey> = transaction.message.static_account_keys().to_vec();
        let with_balances = self.record_balances.load(Ordering::Relaxed);
        let mut chain = self.chain.lock().await;
        let pre_balances = balances(&mut chain, &keys, with_balances).await;
        let block_time = chain.now().await;
        let processed = chain.process_versioned(transaction.clone()).await;
        let error = match processed.result {
            Ok(()) => None,
            Err(BanksClientError::TransactionError(error)) if ran(&error) => Some(error),
            // Refused before running (bad signature, unknown blockhash, already processed,
            // a fee payer without funds): nothing changed, nothing to record.
            Err(other) => {
                return Err(SubmitError::NotProcessed {
                    error: crate::transaction_error(&other).cloned(),
                    message: other.to_string(),
                    logs: processed.logs,
                })
            }
        };
        let post_balances = balances(&mut chain, &keys, with_balances).await;
        drop(chain);
        // Like a validator's block, a slot holds every transaction processed during it.
        let slot = self.slot();
        let signatures = transaction.signatures.len() as u64;
        let record = Arc::new(TxRecord {
            signature,
            slot,
            block_time,
            transaction,
            err: error,
            logs: processed.logs,
            units_consumed: processed.units_consumed,
            events: processed.events,
            fee: LAMPORTS_PER_SIGNATURE.saturating_mul(signatures),
            pre_balances,
            post_balances,
        });
        self.history
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(record.clone());
        let _ = self.events.send(ChainEvent::Transaction(record.clone()));
        match &record.err {
            None => Ok(record),
            Some(_) => Err(SubmitError::Failed(record)),
        }
    }

    /// Signs with the chain's payer (and `signers`), processes and records.
    pub async fn send_recorded(
        &self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<Arc<TxRecord>, SubmitError> {
        let transaction = self
            .chain
            .lock()
            .await
            .signed_transaction(instructions, signers)
            .await;
        self.submit(transaction.into()).await
    }

    /// Runs a transaction without committing it, signatures unchecked.
    pub async fn simulate(&self, transaction: VersionedTransaction) -> crate::Simulated {
        self.chain
            .lock()
            .await
            .simulate_versioned(transaction)
            .await
    }

    /// A recorded transaction.
    pub fn transaction(&self, signature: &Signature) -> Option<Arc<TxRecord>> {
        self.history
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .by_signature
            .get(signature)
            .cloned()
    }

    /// Every recorded transaction still in memory, oldest first.
    pub fn history(&self) -> Vec<Arc<TxRecord>> {
        let history = self.history.lock().unwrap_or_else(|p| p.into_inner());
        history
            .order
            .iter()
            .filter_map(|signature| history.by_signature.get(signature).cloned())
            .collect()
    }

    /// The recorded transactions naming `address`, newest first.
    pub fn transactions_for(&self, address: &Pubkey) -> Vec<Arc<TxRecord>> {
        let history = self.history.lock().unwrap_or_else(|p| p.into_inner());
        history
            .by_address
            .get(address)
            .map(|list| {
                list.iter()
                    .filter_map(|signature| history.by_signature.get(signature).cloned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Records lamport balances before and after each transaction from now on (for
    /// `getTransaction`'s `preBalances` and `postBalances`).
    pub fn record_balances(&self) {
        self.record_balances.store(true, Ordering::Relaxed);
    }

    /// Hear every transaction and slot from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<ChainEvent> {
        self.events.subscribe()
    }

    /// The current slot: it advances with [`LocalChain::tick`] (every 400 ms while an RPC node
    /// serves the chain, as the bank's own slots do), and holds every transaction processed in
    /// it.
    pub fn slot(&self) -> u64 {
        self.slot.load(Ordering::SeqCst)
    }

    /// Starts a new slot (the RPC node does, every 400 ms).
    pub fn tick(&self) -> u64 {
        self.next_slot()
    }

    fn next_slot(&self) -> u64 {
        let slot = self.slot.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.events.send(ChainEvent::Slot(slot));
        slot
    }

    /// Transactions processed so far (kept or forgotten).
    pub fn transaction_count(&self) -> u64 {
        self.history
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .processed
    }

    /// Every account known to exist here: a bank cannot be scanned, but a program can only
    /// create or own an account that some transaction named (see `Bank::known_accounts`).
    pub async fn known_accounts(&self) -> Vec<Pubkey> {
        self.chain
            .lock()
            .await
            .known_accounts()
            .iter()
            .copied()
            .collect()
    }

    /// Rent-exempt minimum for `len` bytes.
    pub async fn minimum_balance(&self, len: usize) -> u64 {
        self.chain.lock().await.minimum_balance(len).await
    }

    /// The full account (owner, lamports, data), for the local RPC node.
    pub async fn account(&self, address: &Pubkey) -> Option<crate::Account> {
        self.chain.lock().await.account(*address).await
    }

    /// Overwrites an account: a setup shortcut for tests and demos, like moving the clock (for
    /// example a device of another deployment, which no transaction can create here).
    pub async fn write_account(&self, address: Pubkey, account: crate::Account) {
        self.chain.lock().await.set_account(address, account);
    }

    pub async fn latest_blockhash(&self) -> crate::Hash {
        self.chain.lock().await.latest_blockhash().await
    }

    pub fn mint(&self) -> Pubkey {
        self.mint
    }

    /// The chain's fee payer (its `requestAirdrop` source and the node's identity).
    pub fn payer_key(&self) -> Pubkey {
        self.payer
    }

    pub async fn genesis_hash(&self) -> crate::Hash {
        self.chain.lock().await.genesis_hash()
    }

    /// Holds the mint authority until bootstrap hands it to the emission program, and owns the
    /// treasury.
    pub fn mint_authority(&self) -> &Keypair {
        &self.mint_authority
    }

    pub fn treasury(&self) -> Pubkey {
        self.treasury
    }

    /// The chain's clock now.
    pub async fn unix_time_now(&self) -> i64 {
        self.chain.lock().await.now().await
    }

    /// Moves the cluster clock (the accelerated clock of `localnet`). Never backwards: a
    /// write older than the chain's time (two writers racing) is ignored.
    pub async fn set_time(&self, unix_timestamp: i64) {
        let mut chain = self.chain.lock().await;
        if unix_timestamp > chain.now().await {
            chain.set_time(unix_timestamp).await;
        }
    }

    /// Gives `to` SOL for fees and rent, from the chain's payer (the keeper's own setup: a
    /// wallet's request goes through [`LocalChain::try_airdrop`]).
    pub async fn airdrop(&self, to: &Pubkey, lamports: u64) -> Signature {
        self.try_airdrop(to, lamports)
            .await
            .expect("the local payer funds the keeper's own accounts")
    }

    /// Gives `to` SOL from the chain's payer, or says why the transfer failed (an amount below
    /// rent exemption for a new account, a recipient that cannot receive).
    pub async fn try_airdrop(&self, to: &Pubkey, lamports: u64) -> Result<Signature, SubmitError> {
        let transfer = system_instruction::transfer(&self.payer, to, lamports);
        Ok(self.send_recorded(&[transfer], &[]).await?.signature)
    }

    /// A new account keypair and the instructions that make it a token account of `mint` owned
    /// by `owner` (rent from the chain's payer).
    async fn new_token_account(
        &self,
        owner: &Pubkey,
        mint: &Pubkey,
    ) -> (Keypair, Vec<Instruction>) {
        let account = Keypair::new();
        let len = spl_token::state::Account::LEN;
        let rent = self.minimum_balance(len).await;
        let instructions = vec![
            system_instruction::create_account(
                &self.payer,
                &account.pubkey(),
                rent,
                len as u64,
                &spl_token::ID,
            ),
            spl_token::instruction::initialize_account3(
                &spl_token::ID,
                &account.pubkey(),
                mint,
                owner,
            )
            .expect("initialize_account3"),
        ];
        (account, instructions)
    }

    /// A new, empty token account of `mint` (any mint) owned by `owner`.
    pub async fn create_token_account(&self, owner: &Pubkey, mint: &Pubkey) -> Pubkey {
        let (account, instructions) = self.new_token_account(owner, mint).await;
        self.send_recorded(&instructions, &[&account])
            .await
            .expect("the local payer pays for a token account");
        account.pubkey()
    }

    /// A new IO token account owned by `owner`, funded with `amount` from the treasury.
    pub async fn fund(&self, owner: &Pubkey, amount: u64) -> Pubkey {
        let (account, mut instructions) = self.new_token_account(owner, &self.mint).await;
        if amount > 0 {
            instructions.push(
                spl_token::instruction::transfer(
                    &spl_token::ID,
                    &self.treasury,
                    &account.pubkey(),
                    &self.mint_authority.pubkey(),
                    &[],
                    amount,
                )
                .expect("transfer"),
            );
        }
        self.send_recorded(&instructions, &[&account, &self.mint_authority])
            .await
            .expect("the treasury holds the genesis supply");
        account.pubkey()
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
        match self.send_recorded(instructions, signers).await {
            Ok(_) => Ok(()),
            Err(error) => Err(match error.transaction_error() {
                Some(TransactionError::InstructionError(
                    _,
                    solana_instruction::error::InstructionError::Custom(code),
                )) => ChainError::Program { code: *code },
                _ => ChainError::Rejected(error.to_string()),
            }),
        }
    }

    async fn unix_time(&self) -> Result<i64, ChainError> {
        Ok(self.chain.lock().await.now().await)
    }

    async fn program_accounts(
        &self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> Result<Vec<(Pubkey, Vec<u8>)>, ChainError> {
        let candidates = self.known_accounts().await;
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

/// Why [`LocalChain::submit`] did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    /// It ran and failed: recorded, with its logs.
    #[error("transaction failed: {}", .0.err.as_ref().map(ToString::to_string).unwrap_or_default())]
    Failed(Arc<TxRecord>),
    /// Refused before running (signature, blockhash, duplicate, fee payer), or not understood.
    #[error("{message}")]
    NotProcessed {
        error: Option<TransactionError>,
        message: String,
        logs: Vec<String>,
    },
}

impl SubmitError {
    pub fn transaction_error(&self) -> Option<&TransactionError> {
        match self {
            SubmitError::Failed(record) => record.err.as_ref(),
            SubmitError::NotProcessed { error, .. } => error.as_ref(),
        }
    }

    pub fn logs(&self) -> &[String] {
        match self {
            SubmitError::Failed(record) => &record.logs,
            SubmitError::NotProcessed { logs, .. } => logs,
        }
    }
}

/// Whether a failed transaction got as far as running its instructions (and so was charged
/// and is recorded).
fn ran(error: &TransactionError) -> bool {
    matches!(
        error,
        TransactionError::InstructionError(..)
            | TransactionError::InsufficientFundsForRent { .. }
            | TransactionError::ProgramExecutionTemporarilyRestricted { .. }
    )
}

async fn balances(chain: &mut Bank, keys: &[Pubkey], wanted: bool) -> Vec<u64> {
    if !wanted {
        return Vec::new();
    }
    let mut lamports = Vec::with_capacity(keys.len());
    for key in keys {
        lamports.push(chain.account(*key).await.map_or(0, |a| a.lamports));
    }
    lamports
}
