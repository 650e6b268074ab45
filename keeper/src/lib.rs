//! Library side of `io-keeper`, so its flags and the schedule command can be tested and
//! benchmarked in-process. The operations themselves live in `io-ops`, the attestation service
//! in `io-attestation`, the indexer in `io-indexer`.

pub mod cli;
pub mod proofs;
pub mod schedule_cmd;
