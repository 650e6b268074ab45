//! Library side of `io-worker`, the GPU worker: the NVML probe (and its SIMULATED stand-in),
//! the client of the keeper's heartbeat service, the heartbeat loop, and the registration
//! consent the device key signs. The keeper's
//! `localnet` and tests drive simulated workers through it in-process.

pub mod cli;
pub mod probe;
pub mod register;

pub use io_heartbeat as heartbeat;
pub use io_runtime::backoff;
