//! The real-cluster backend: any Solana RPC endpoint through `solana-client`.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use async_trait::async_trait;
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_client::client_error::{ClientError, ClientErrorKind};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_client::rpc_config::{RpcAccountInfoConfig, RpcProgramAccountsConfig};
use solana_client::rpc_filter::{Memcmp, RpcFilterType};
use solana_commitment_config::CommitmentConfig;
use solana_instruction::error::InstructionError;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_error::TransactionError;

use super::{Chain, ChainError};

/// The Clock sysvar's address.
const CLOCK_SYSVAR: Pubkey = anchor_lang::pubkey!("SysvarC1ock11111111111111111111111111111111");
/// Offset of `unix_timestamp` in the Clock sysvar (slot, epoch_start_timestamp, epoch,
/// leader_schedule_epoch, unix_timestamp: five 8-byte fields).
const CLOCK_UNIX_TIMESTAMP_OFFSET: usize = 32;

pub struct RpcChain {
    client: RpcClient,
    payer: Keypair,
}

impl RpcChain {
    /// Talks to `url` at `confirmed` commitment, paying fees with `payer`.
    pub fn new(url: String, payer: Keypair) -> Self {
        Self::with_client(
            RpcClient::new_with_commitment(url, CommitmentConfig::confirmed()),
            payer,
        )
    }

    /// The RPC endpoint.
    pub fn url(&self) -> String {
        self.client.url()
    }

    /// The keypair that pays (and, for `serve`, attests).
    pub fn payer_keypair(&self) -> &Keypair {
        &self.payer
    }

    /// Any `RpcClient` (tests pass one with a scripted transport).
    pub fn with_client(client: RpcClient, payer: Keypair) -> Self {
        Self { client, payer }
    }
}

/// Classifies a client error: program errors and rejected transactions are final; transport
/// trouble is worth retrying.
pub fn classify(error: &ClientError) -> ChainError {
    if let Some(transaction_error) = error.get_transaction_error() {
        return match transaction_error {
            TransactionError::InstructionError(_, InstructionError::Custom(code)) => {
                ChainError::Program { code }
            }
            // The blockhash expired or the node has not seen it yet: a fresh attempt may pass.
            TransactionError::BlockhashNotFound => {
                ChainError::Unavailable(transaction_error.to_string())
            }
            other => ChainError::Rejected(other.to_string()),
        };
    }
    match error.kind() {
        ClientErrorKind::Io(_) | ClientErrorKind::Reqwest(_) | ClientErrorKind::Middleware(_) => {
            ChainError::Unavailable(error.to_string())
        }
        // The node answered with an error (rate limit, node behind, internal): retry.
        ClientErrorKind::RpcError(_) => ChainError::Unavailable(error.to_string()),
        _ => ChainError::Rejected(error.to_string()),
    }
}

#[async_trait]
impl Chain for RpcChain {
    fn payer(&self) -> Pubkey {
        self.payer.pubkey()
    }

    async fn account_data(&self, address: &Pubkey) -> Result<Option<Vec<u8>>, ChainError> {
        let response = self
            .client
            .get_account_with_commitment(address, self.client.commitment())
            .await
            .map_err(|e| classify(&e))?;
        Ok(response.value.map(|account| account.data))
    }

    async fn accounts_data(
        &self,
        addresses: &[Pubkey],
    ) -> Result<Vec<Option<Vec<u8>>>, ChainError> {
        // The RPC limit of getMultipleAccounts.
        const PER_CALL: usize = 100;
        let mut found = Vec::with_capacity(addresses.len());
        for chunk in addresses.chunks(PER_CALL) {
            let response = self
                .client
                .get_multiple_accounts_with_commitment(chunk, self.client.commitment())
                .await
                .map_err(|e| classify(&e))?;
            found.extend(response.value.into_iter().map(|a| a.map(|a| a.data)));
        }
        Ok(found)
    }

    async fn send(
        &self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<(), ChainError> {
        let blockhash = self
            .client
            .get_latest_blockhash()
            .await
            .map_err(|e| classify(&e))?;
        let mut all_signers: Vec<&Keypair> = vec![&self.payer];
        all_signers.extend(
            signers
                .iter()
                .copied()
                .filter(|k| k.pubkey() != self.payer.pubkey()),
        );
        let transaction = Transaction::new_signed_with_payer(
            instructions,
            Some(&self.payer.pubkey()),
            &all_signers,
            blockhash,
        );
        self.client
            .send_and_confirm_transaction(&transaction)
            .await
            .map(|_| ())
            .map_err(|e| classify(&e))
    }

    async fn program_accounts(
        &self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> Result<Vec<(Pubkey, Vec<u8>)>, ChainError> {
        let config = RpcProgramAccountsConfig {
            filters: Some(vec![RpcFilterType::Memcmp(Memcmp::new_raw_bytes(
                0,
                discriminator.to_vec(),
            ))]),
            account_config: RpcAccountInfoConfig {
                encoding: Some(UiAccountEncoding::Base64),
                commitment: Some(self.client.commitment()),
                ..RpcAccountInfoConfig::default()
            },
            with_context: None,
            sort_results: None,
        };
        let accounts = self
            .client
            .get_program_ui_accounts_with_config(program, config)
            .await
            .map_err(|e| classify(&e))?;
        accounts
            .into_iter()
            .map(|(address, account)| {
                let data = account.data.decode().ok_or_else(|| ChainError::Decode {
                    address,
                    reason: "the node did not answer in base64".into(),
                })?;
                Ok((address, data))
            })
            .collect()
    }

    async fn unix_time(&self) -> Result<i64, ChainError> {
        let data = self
            .account_data(&CLOCK_SYSVAR)
            .await?
            .ok_or_else(|| ChainError::Rejected("no Clock sysvar".into()))?;
        let bytes = data
            .get(CLOCK_UNIX_TIMESTAMP_OFFSET..CLOCK_UNIX_TIMESTAMP_OFFSET + 8)
            .ok_or_else(|| ChainError::Decode {
                address: CLOCK_SYSVAR,
                reason: "Clock sysvar too short".into(),
            })?;
        Ok(i64::from_le_bytes(bytes.try_into().expect("8 bytes")))
    }
}
