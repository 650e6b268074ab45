//! The system on the embedded chain, one test binary: the keepers' operations (`io-ops`), the
//! attestation service (`io-attestation`), the indexer (`io-indexer`), the RPC face
//! (`io-localnode`) against standard clients, and `io-localnet` itself.

mod claim_all;
mod crank;
mod indexer;
mod local_rpc;
mod localnet;
mod rpc_backend;
mod service_http;
mod service_http_more;
mod settlement;

use anchor_lang::solana_program::instruction::Instruction;
use io_sdk::consent::SignedConsent;
use solana_signer::Signer;

/// `key`'s consent (one GPU of `model_id`, its GPUs hashed to the key's bytes, never expiring)
/// and the registration by `owner`, as the SDK builds them.
pub fn register_device(
    addresses: &io_sdk::Addresses,
    owner: &solana_keypair::Keypair,
    key: &solana_keypair::Keypair,
    model_id: u16,
) -> [Instruction; 2] {
    let consent = SignedConsent::sign(
        addresses.consent(
            &owner.pubkey(),
            &key.pubkey(),
            model_id,
            1,
            key.pubkey().to_bytes(),
            i64::MAX,
        ),
        key,
    );
    addresses.register_device(owner.pubkey(), &consent)
}
