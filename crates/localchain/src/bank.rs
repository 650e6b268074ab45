use std::collections::BTreeSet;
use std::sync::Mutex;

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::clock::Clock;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::solana_program::program_pack::Pack;
use anchor_lang::solana_program::system_instruction;
use anchor_lang::{AccountDeserialize, AccountSerialize};
use anchor_spl::token::spl_token;
use solana_account::{Account, AccountSharedData};
use solana_address_lookup_table_interface::state::AddressLookupTable;
use solana_banks_client::BanksClientError;
use solana_commitment_config::CommitmentLevel;
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_keypair::Keypair;
use solana_program_test::{processor, ProgramTest, ProgramTestContext};
use solana_signer::Signer;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction::Transaction;

use crate::errors::TxResult;

/// What simulating a transaction showed.
#[derive(Debug)]
pub struct Simulated {
    pub result: TxResult,
    pub logs: Vec<String>,
    pub units_consumed: u64,
}

/// Decimals of the IO mint on the local chain (docs/design.md section 1).
pub const IO_DECIMALS: u8 = 8;
/// 2026-01-01T00:00:00Z: a fixed start so tests are reproducible.
pub const DEFAULT_GENESIS_TIMESTAMP: i64 = 1_767_225_600;

/// Events the programs emitted (`emit_cpi!`) during the transaction being processed. The bank
/// executes on its own thread, so the sink is global and [`TRANSACTION_LOCK`] gives one test at
/// a time the right to send a transaction and read what it emitted.
static CAPTURED_EVENTS: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
static TRANSACTION_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn captured_events() -> std::sync::MutexGuard<'static, Vec<Vec<u8>>> {
    // A panicking test may poison the lock; the data (a list of byte strings) stays valid.
    CAPTURED_EVENTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Records the payload of an Anchor event self-CPI (tag, then discriminator and Borsh data).
/// Natively `sol_log_data` is a no-op, so this is how tests see the events an indexer would.
#[doc(hidden)]
pub fn capture_event(data: &[u8]) {
    if let Some(event) = data.strip_prefix(anchor_lang::event::EVENT_IX_TAG_LE) {
        captured_events().push(event.to_vec());
    }
}

/// Defines a native entry point for an Anchor program: bridges Anchor's single-lifetime `entry`
/// to `processor!`'s independent lifetimes (sound: the runtime keeps the account infos alive for
/// the whole call, docs/toolchain.md) and captures the program's events. Exported for integrators'
/// programs that CPI into the IO programs (see `BankBuilder::with_program_test`).
#[macro_export]
macro_rules! native_entry {
    ($name:ident, $program:path) => {
        fn $name(
            program_id: &anchor_lang::prelude::Pubkey,
            accounts: &[anchor_lang::prelude::AccountInfo],
            data: &[u8],
        ) -> anchor_lang::solana_program::entrypoint::ProgramResult {
            $crate::bank::capture_event(data);
            let accounts: &[anchor_lang::prelude::AccountInfo] =
                unsafe { std::mem::transmute(accounts) };
            use $program as program;
            program::entry(program_id, accounts, data)
        }
    };
}

native_entry!(io_emission_entry, io_emission);
native_entry!(io_staking_entry, io_staking);
native_entry!(io_payments_entry, io_payments);

/// A setup step applied to the `ProgramTest` before the chain starts.
type AddToChain = Box<dyn FnOnce(&mut ProgramTest)>;

/// Sets up a local chain: programs deployed, the IO mint created with its genesis supply in a
/// treasury account, and the clock at `genesis - 1h` unless told otherwise.
pub struct BankBuilder {
    decimals: u8,
    genesis_supply: Option<u64>,
    start_time: i64,
    freeze_authority: bool,
    /// Extra programs (an integrator's) added before the chain starts.
    extra: Vec<AddToChain>,
}

impl Default for BankBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl BankBuilder {
    pub fn new() -> Self {
        Self {
            decimals: IO_DECIMALS,
            genesis_supply: None,
            start_time: DEFAULT_GENESIS_TIMESTAMP - 3_600,
            freeze_authority: false,
            extra: Vec::new(),
        }
    }

    /// Adds to the chain before it starts, e.g. another program that CPIs into the IO
    /// programs: `.with_program_test(|pt| pt.add_program("mine", ID, processor!(entry)))`.
    pub fn with_program_test(mut self, add: impl FnOnce(&mut ProgramTest) + 'static) -> Self {
        self.extra.push(Box::new(add));
        self
    }

    pub fn decimals(mut self, decimals: u8) -> Self {
        self.decimals = decimals;
        self
    }

    /// Mint a supply other than the published 500M IO (to test that initialize rejects it).
    pub fn genesis_supply(mut self, base_units: u64) -> Self {
        self.genesis_supply = Some(base_units);
        self
    }

    /// Create the IO mint with a freeze authority (to test that initialize refuses it).
    pub fn with_freeze_authority(mut self) -> Self {
        self.freeze_authority = true;
        self
    }

    pub fn start_time(mut self, unix_timestamp: i64) -> Self {
        self.start_time = unix_timestamp;
        self
    }

    pub async fn build(self) -> Bank {
        let mut program_test = ProgramTest::default();
        // ProgramTest::default turns on debug logging of every instruction; keep test output
        // readable unless the developer asks for it with RUST_LOG.
        agave_logger::setup_with_default("error");
        program_test.prefer_bpf(false);
        program_test.add_program(
            "io_emission",
            io_emission::ID,
            processor!(io_emission_entry),
        );
        program_test.add_program("io_staking", io_staking::ID, processor!(io_staking_entry));
        program_test.add_program(
            "io_payments",
            io_payments::ID,
            processor!(io_payments_entry),
        );
        for add in self.extra {
            add(&mut program_test);
        }
        let ctx = program_test.start_with_context().await;
        let mut chain = Bank {
            ctx,
            mint: Keypair::new(),
            mint_authority: Keypair::new(),
            treasury: Pubkey::default(),
            decimals: self.decimals,
            nonce: 0,
            known_accounts: BTreeSet::new(),
        };
        chain.set_time(self.start_time).await;
        let supply = self.genesis_supply.unwrap_or_else(|| {
            io_emission::schedule::genesis_supply(self.decimals).unwrap_or(u64::MAX)
        });
        chain.create_mint(self.freeze_authority).await;
        let authority = chain.mint_authority.pubkey();
        chain.treasury = chain.create_token_account(&authority).await;
        let mint_to = spl_token::instruction::mint_to(
            &spl_token::ID,
            &chain.mint.pubkey(),
            &chain.treasury,
            &authority,
            &[],
            supply,
        )
        .expect("mint_to instruction");
        let mint_authority = chain.mint_authority.insecure_clone();
        chain
            .process(&[mint_to], &[&mint_authority])
            .await
            .expect("genesis mint");
        chain
    }
}

/// A running local chain with the IO mint.
pub struct Bank {
    pub ctx: ProgramTestContext,
    pub mint: Keypair,
    /// Holds the mint authority until `initialize` hands it to the emission PDA.
    pub mint_authority: Keypair,
    /// Holds the 500M IO genesis supply.
    pub treasury: Pubkey,
    pub decimals: u8,
    nonce: u32,
    /// Every account a transaction processed here could write, and every account written by
    /// [`Bank::set_account`]. An account is only created, or given to a program, as a
    /// writable account of a transaction, so this holds every account every program has owned
    /// since genesis; the bank behind solana-program-test cannot be scanned, and
    /// `getProgramAccounts` searches these.
    known_accounts: BTreeSet<Pubkey>,
}

/// What processing one transaction did: for the local RPC node's history, subscriptions and
/// `getTransaction`.
#[derive(Debug)]
pub struct Processed {
    pub result: TxResult,
    /// The runtime's log lines (invocations and results). The programs run natively here,
    /// where `msg!` prints to the process's stdout, so their own `Program log:` lines are not
    /// among them.
    pub logs: Vec<String>,
    pub units_consumed: u64,
    /// Payloads of the programs' `emit_cpi!` events, in order.
    pub events: Vec<Vec<u8>>,
}

impl Bank {
    pub fn payer(&self) -> Keypair {
        self.ctx.payer.insecure_clone()
    }

    pub fn mint_key(&self) -> Pubkey {
        self.mint.pubkey()
    }

    /// Sends one transaction, paid by the test payer.
    pub async fn process(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> TxResult {
        self.process_with_events(instructions, signers).await.0
    }

    /// Sends one transaction and returns the events it emitted (none if it failed), to decode
    /// with the test harness's `events::decode`. Each transaction carries a distinct compute-unit limit so that
    /// resending the same instructions is a new transaction rather than a deduplicated replay: a
    /// "twice" test really executes twice.
    pub async fn process_with_events(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> (TxResult, Vec<Vec<u8>>) {
        let tx = self.signed_transaction(instructions, signers).await;
        self.send_capturing(tx).await
    }

    /// The transaction [`Bank::process`] sends: paid and signed by the test payer too,
    /// with a compute-unit limit that makes it distinct from any earlier one.
    pub async fn signed_transaction(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Transaction {
        self.nonce = self.nonce.wrapping_add(1);
        let mut all = Vec::with_capacity(instructions.len() + 1);
        all.push(ComputeBudgetInstruction::set_compute_unit_limit(
            1_400_000 - (self.nonce % 100_000),
        ));
        all.extend_from_slice(instructions);
        let payer = self.payer();
        let mut all_signers: Vec<&Keypair> = vec![&payer];
        all_signers.extend(
            signers
                .iter()
                .copied()
                .filter(|k| k.pubkey() != payer.pubkey()),
        );
        let blockhash = self.latest_blockhash().await;
        Transaction::new_signed_with_payer(&all, Some(&payer.pubkey()), &all_signers, blockhash)
    }

    /// Sends a transaction exactly as given (its own fee payer and instructions), for tests that
    /// measure transaction size or exercise a custom layout.
    pub async fn process_transaction(&mut self, tx: Transaction) -> TxResult {
        self.send_capturing(tx).await.0
    }

    /// Processes a transaction signed elsewhere, legacy or v0, exactly as given, and reports
    /// its logs, compute units and events.
    pub async fn process_versioned(&mut self, tx: VersionedTransaction) -> Processed {
        let outcome = {
            let _exclusive = TRANSACTION_LOCK.lock().await;
            captured_events().clear();
            let outcome = self
                .ctx
                .banks_client
                .process_transaction_with_metadata(tx.clone())
                .await;
            (outcome, std::mem::take(&mut *captured_events()))
        };
        match outcome {
            (Ok(outcome), events) => {
                let ok = outcome.result.is_ok();
                // Only a transaction that ran can have created an account: one refused before
                // running (signature, blockhash, fee payer) adds nothing to search.
                if outcome.metadata.is_some() {
                    self.remember_keys(&tx).await;
                }
                let (logs, units_consumed) = outcome
                    .metadata
                    .map(|m| (m.log_messages, m.compute_units_consumed))
                    .unwrap_or_default();
                Processed {
                    result: outcome.result.map_err(BanksClientError::TransactionError),
                    logs,
                    units_consumed,
                    events: if ok { events } else { Vec::new() },
                }
            }
            (Err(error), _) => Processed {
                result: Err(error),
                logs: Vec::new(),
                units_consumed: 0,
                events: Vec::new(),
            },
        }
    }

    /// Runs a transaction without committing it (no signature check, as `simulateTransaction`
    /// with `sigVerify: false`).
    pub async fn simulate_versioned(&mut self, tx: VersionedTransaction) -> Simulated {
        // A simulation runs the natively compiled programs, whose event capture is global.
        let _exclusive = TRANSACTION_LOCK.lock().await;
        let outcome = self.ctx.banks_client.simulate_transaction(tx).await;
        captured_events().clear();
        match outcome {
            Ok(outcome) => {
                let details = outcome.simulation_details;
                Simulated {
                    result: outcome
                        .result
                        .unwrap_or(Ok(()))
                        .map_err(BanksClientError::TransactionError),
                    logs: details.as_ref().map(|d| d.logs.clone()).unwrap_or_default(),
                    units_consumed: details.as_ref().map_or(0, |d| d.units_consumed),
                }
            }
            Err(error) => Simulated {
                result: Err(error),
                logs: Vec::new(),
                units_consumed: 0,
            },
        }
    }

    /// The hash of the chain's genesis configuration (`getGenesisHash`).
    pub fn genesis_hash(&self) -> solana_hash::Hash {
        self.ctx.genesis_config().hash()
    }

    /// Rent-exempt minimum balance for `len` bytes of data.
    pub async fn minimum_balance(&mut self, len: usize) -> u64 {
        let rent = self.ctx.banks_client.get_rent().await.expect("rent");
        rent.minimum_balance(len)
    }

    /// Every account known to exist or to have existed here (see the field's note).
    pub fn known_accounts(&self) -> &BTreeSet<Pubkey> {
        &self.known_accounts
    }

    /// Records the accounts `tx` may write, including those its address lookup tables load:
    /// an account can only be created, or change owner, as a writable account of some
    /// transaction.
    async fn remember_keys(&mut self, tx: &VersionedTransaction) {
        let keys = tx.message.static_account_keys();
        let writable = (0..keys.len())
            .filter(|i| tx.message.is_maybe_writable(*i, None))
            .map(|i| keys[i]);
        self.known_accounts.extend(writable);
        if let Some(lookups) = tx.message.address_table_lookups() {
            for lookup in lookups {
                let Some(table) = self.account(lookup.account_key).await else {
                    continue;
                };
                let Ok(table) = AddressLookupTable::deserialize(&table.data) else {
                    continue;
                };
                for index in &lookup.writable_indexes {
                    if let Some(address) = table.addresses.get(usize::from(*index)) {
                        self.known_accounts.insert(*address);
                    }
                }
            }
        }
    }

    /// Processes `tx` holding [`TRANSACTION_LOCK`], and returns the events it emitted (none if
    /// it failed).
    async fn send_capturing(&mut self, tx: Transaction) -> (TxResult, Vec<Vec<u8>>) {
        let writable = (0..tx.message.account_keys.len())
            .filter(|i| tx.message.is_maybe_writable(*i, None))
            .map(|i| tx.message.account_keys[i]);
        self.known_accounts.extend(writable);
        let _exclusive = TRANSACTION_LOCK.lock().await;
        captured_events().clear();
        // Processed is enough for a single local bank and much faster than waiting on Finalized.
        let result = self
            .ctx
            .banks_client
            .process_transaction_with_commitment(tx, CommitmentLevel::Processed)
            .await;
        let events = std::mem::take(&mut *captured_events());
        match result {
            Ok(()) => (Ok(()), events),
            Err(err) => (Err(err), Vec::new()),
        }
    }

    pub async fn latest_blockhash(&mut self) -> solana_hash::Hash {
        self.ctx
            .banks_client
            .get_latest_blockhash()
            .await
            .expect("blockhash")
    }

    pub async fn clock(&mut self) -> Clock {
        self.ctx
            .banks_client
            .get_sysvar::<Clock>()
            .await
            .expect("clock sysvar")
    }

    pub async fn now(&mut self) -> i64 {
        self.clock().await.unix_timestamp
    }

    /// Moves the cluster clock; programs see it through `Clock::get()`.
    pub async fn set_time(&mut self, unix_timestamp: i64) {
        let mut clock = self.clock().await;
        clock.unix_timestamp = unix_timestamp;
        self.ctx.set_sysvar(&clock);
    }

    pub async fn advance(&mut self, seconds: i64) {
        let now = self.now().await;
        self.set_time(now + seconds).await;
    }

    pub async fn account(&mut self, address: Pubkey) -> Option<Account> {
        self.ctx
            .banks_client
            .get_account(address)
            .await
            .expect("get_account")
    }

    /// Writes an account as it is given (owner, lamports, data): a test-setup shortcut.
    pub fn set_account(&mut self, address: Pubkey, account: Account) {
        self.known_accounts.insert(address);
        self.ctx
            .set_account(&address, &AccountSharedData::from(account));
    }

    /// Places a copy of the account at `from` (owner, lamports, data) at `to`: a test-setup
    /// shortcut to forge look-alike accounts, e.g. a device that belongs to another config.
    pub async fn copy_account(&mut self, from: Pubkey, to: Pubkey) {
        let account = self.account(from).await.expect("account exists");
        self.set_account(to, account);
    }

    /// Reads an Anchor account (discriminator checked).
    pub async fn anchor_account<T: AccountDeserialize>(&mut self, address: Pubkey) -> T {
        let account = self.account(address).await.expect("account exists");
        T::try_deserialize(&mut account.data.as_slice()).expect("deserialize")
    }

    /// Overwrites an Anchor account in place: a test-setup shortcut (like moving the clock) to
    /// reach states that would take 175k transactions, e.g. the end of the schedule.
    pub async fn write_anchor_account<T: AccountSerialize>(&mut self, address: Pubkey, value: &T) {
        let mut account = self.account(address).await.expect("account exists");
        let mut data = Vec::with_capacity(account.data.len());
        value.try_serialize(&mut data).expect("serialize");
        data.resize(account.data.len(), 0);
        account.data = data;
        self.ctx
            .set_account(&address, &AccountSharedData::from(account));
    }

    async fn create_mint(&mut self, freeze_authority: bool) {
        let (mint, authority) = (self.mint.insecure_clone(), self.mint_authority.pubkey());
        let freeze = freeze_authority.then_some(authority);
        self.create_mint_account(&mint, &authority, freeze.as_ref(), self.decimals)
            .await;
    }

    /// Creates a new SPL mint (for wrong-mint tests), authority = the test payer.
    pub async fn create_other_mint(&mut self, decimals: u8) -> Pubkey {
        let mint = Keypair::new();
        let authority = self.payer().pubkey();
        self.create_mint_account(&mint, &authority, None, decimals)
            .await;
        mint.pubkey()
    }

    async fn create_mint_account(
        &mut self,
        mint: &Keypair,
        authority: &Pubkey,
        freeze_authority: Option<&Pubkey>,
        decimals: u8,
    ) {
        let rent = self.ctx.banks_client.get_rent().await.expect("rent");
        let create = system_instruction::create_account(
            &self.payer().pubkey(),
            &mint.pubkey(),
            rent.minimum_balance(spl_token::state::Mint::LEN),
            spl_token::state::Mint::LEN as u64,
            &spl_token::ID,
        );
        let init = spl_token::instruction::initialize_mint2(
            &spl_token::ID,
            &mint.pubkey(),
            authority,
            freeze_authority,
            decimals,
        )
        .expect("initialize_mint2");
        self.process(&[create, init], &[mint])
            .await
            .expect("create mint");
    }

    /// Gives `to` SOL from the test payer (for rent and fees of accounts it creates).
    pub async fn airdrop(&mut self, to: &Pubkey, lamports: u64) {
        let payer = self.payer();
        let transfer = system_instruction::transfer(&payer.pubkey(), to, lamports);
        self.process(&[transfer], &[]).await.expect("airdrop");
    }

    /// A fresh IO token account owned by `owner`.
    pub async fn create_token_account(&mut self, owner: &Pubkey) -> Pubkey {
        let mint = self.mint_key();
        self.create_token_account_for_mint(owner, &mint).await
    }

    pub async fn create_token_account_for_mint(&mut self, owner: &Pubkey, mint: &Pubkey) -> Pubkey {
        let rent = self.ctx.banks_client.get_rent().await.expect("rent");
        let payer = self.payer();
        let account = Keypair::new();
        let create = system_instruction::create_account(
            &payer.pubkey(),
            &account.pubkey(),
            rent.minimum_balance(spl_token::state::Account::LEN),
            spl_token::state::Account::LEN as u64,
            &spl_token::ID,
        );
        let init = spl_token::instruction::initialize_account3(
            &spl_token::ID,
            &account.pubkey(),
            mint,
            owner,
        )
        .expect("initialize_account3");
        self.process(&[create, init], &[&account])
            .await
            .expect("create token account");
        account.pubkey()
    }

    pub async fn token_balance(&mut self, token_account: Pubkey) -> u64 {
        let account = self
            .account(token_account)
            .await
            .expect("token account exists");
        spl_token::state::Account::unpack(&account.data)
            .expect("token account")
            .amount
    }

    pub async fn mint_state(&mut self) -> spl_token::state::Mint {
        let mint = self.mint_key();
        let account = self.account(mint).await.expect("mint exists");
        spl_token::state::Mint::unpack(&account.data).expect("mint")
    }

    pub async fn mint_supply(&mut self) -> u64 {
        self.mint_state().await.supply
    }
}
