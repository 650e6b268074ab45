//! The system on the embedded chain, one test binary: the keepers' operations (`io-ops`), the
//! attestation service (`io-attestation`), the indexer (`io-indexer`), the RPC face
//! (`io-localnode`) against standard clients, and `io-localnet` itself.

mod attestation;
mod claim_all;
mod crank;
mod indexer;
mod local_rpc;
mod localnet;
mod rpc_backend;
mod service_http;
mod service_http_more;
