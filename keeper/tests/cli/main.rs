//! `io-keeper`'s integration tests, one binary: the CLI run as an operator runs it, against an
//! embedded chain kept running in process by `io-localnet` where it needs a cluster.

mod cluster_cli;
mod keeper_cli;
mod payments_cli;
mod schedule_cli;
mod service_restart;
