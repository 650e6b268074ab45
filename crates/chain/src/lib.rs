//! One chain interface, several backends. Keeper logic (bootstrap, crank, attestation, status)
//! is written against [`Chain`] and never knows whether it talks to the embedded local chain or
//! a real cluster.

pub mod cluster;
pub mod retry;
pub mod rpc;

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::AccountDeserialize;
use async_trait::async_trait;
use solana_keypair::Keypair;

/// Why a chain call failed.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ChainError {
    /// A program rejected the transaction with this custom error code. Final: retrying the same
    /// transaction gives the same answer.
    #[error("program error {code}")]
    Program { code: u32 },
    /// The transaction failed for a non-custom reason (signature, account, runtime). Final.
    #[error("transaction failed: {0}")]
    Rejected(String),
    /// The chain could not be reached or did not answer in time. Worth retrying.
    #[error("chain unavailable: {0}")]
    Unavailable(String),
    /// An account did not decode as the expected type.
    #[error("account {address} does not decode: {reason}")]
    Decode { address: Pubkey, reason: String },
}

impl ChainError {
    /// Whether a retry (with backoff) may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, ChainError::Unavailable(_))
    }

    /// The custom program error code, if a program rejected the transaction.
    pub fn program_code(&self) -> Option<u32> {
        match self {
            ChainError::Program { code, .. } => Some(*code),
            _ => None,
        }
    }
}

#[async_trait]
pub trait Chain: Send + Sync {
    /// The fee payer of transactions sent through [`Chain::send`].
    fn payer(&self) -> Pubkey;

    /// Raw account data, or `None` if the account does not exist.
    async fn account_data(&self, address: &Pubkey) -> Result<Option<Vec<u8>>, ChainError>;

    /// Raw data of many accounts, in order (`None` for each that does not exist). The RPC
    /// backend answers with `getMultipleAccounts`, 100 addresses a round trip; this default
    /// asks one by one.
    async fn accounts_data(
        &self,
        addresses: &[Pubkey],
    ) -> Result<Vec<Option<Vec<u8>>>, ChainError> {
        let mut found = Vec::with_capacity(addresses.len());
        for address in addresses {
            found.push(self.account_data(address).await?);
        }
        Ok(found)
    }

    /// Sends one transaction paid by [`Chain::payer`] and signed by it and `signers`, and waits
    /// until it is processed.
    async fn send(
        &self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<(), ChainError>;

    /// The cluster's clock (unix seconds), as programs see it.
    async fn unix_time(&self) -> Result<i64, ChainError>;

    /// Every account owned by `program` whose data starts with `discriminator`, with its data.
    async fn program_accounts(
        &self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> Result<Vec<(Pubkey, Vec<u8>)>, ChainError>;
}

/// Reads and decodes many accounts of one type in one round trip where the backend can. An
/// address with nothing there, or with something that does not decode as `T` (closed, or
/// another type), reads as `None`.
pub async fn fetch_all<T: AccountDeserialize>(
    chain: &dyn Chain,
    addresses: &[Pubkey],
) -> Result<Vec<Option<T>>, ChainError> {
    Ok(chain
        .accounts_data(addresses)
        .await?
        .into_iter()
        .map(|data| data.and_then(|data| T::try_deserialize(&mut data.as_slice()).ok()))
        .collect())
}

/// Reads and decodes an Anchor account; `None` if it does not exist.
pub async fn fetch<T: AccountDeserialize>(
    chain: &dyn Chain,
    address: &Pubkey,
) -> Result<Option<T>, ChainError> {
    decode(address, chain.account_data(address).await?)
}

/// Decodes an account's data as `T`; `None` if there was no account, an error if it is not a
/// `T`.
pub fn decode<T: AccountDeserialize>(
    address: &Pubkey,
    data: Option<Vec<u8>>,
) -> Result<Option<T>, ChainError> {
    match data {
        None => Ok(None),
        Some(data) => T::try_deserialize(&mut data.as_slice())
            .map(Some)
            .map_err(|e| ChainError::Decode {
                address: *address,
                reason: e.to_string(),
            }),
    }
}
