//! Shared setup for the staking tests.

use io_emission::schedule;
use io_staking::catalog::multiplier_centi;
use io_test_harness::{ChainBuilder, DeviceHandle, Protocol, TestChain};

pub const IO: u64 = 100_000_000;

pub fn emission(epoch: u32) -> u64 {
    schedule::epoch_emission(epoch, 8).unwrap()
}

/// Enterprise's part of an epoch's emission: 95%, plus the flooring remainder of the split.
pub fn enterprise(epoch: u32) -> u64 {
    emission(epoch) - community(epoch)
}

/// Community's part of an epoch's emission: 5%, rounded down.
pub fn community(epoch: u32) -> u64 {
    emission(epoch) * 500 / 10_000
}

pub async fn protocol() -> (TestChain, Protocol) {
    let mut chain = ChainBuilder::new().build().await;
    let protocol = chain.setup_protocol().await;
    (chain, protocol)
}

pub fn multiplier(model: &str) -> u32 {
    multiplier_centi(model).expect("published model")
}

/// Required stake of `gpus` GPUs of `model` under the current parameters.
pub async fn requirement(
    chain: &mut TestChain,
    protocol: &Protocol,
    model: &str,
    gpus: u16,
) -> u64 {
    let now = chain.now().await;
    chain
        .config_state(protocol)
        .await
        .required_stake(now, multiplier(model), gpus)
        .unwrap()
}

/// Registers a device whose owner holds twice its requirement (or `stake`, if more) and stakes
/// `stake` of it
/// (`None`: exactly the requirement).
pub async fn staked_device(
    chain: &mut TestChain,
    protocol: &Protocol,
    model: &str,
    gpus: u16,
    stake: Option<u64>,
) -> DeviceHandle {
    let required = requirement(chain, protocol, model, gpus).await;
    let funds = (2 * required).max(stake.unwrap_or(0));
    let dev = chain.register_device(protocol, model, gpus, funds).await;
    chain
        .stake(protocol, &dev, stake.unwrap_or(required))
        .await
        .expect("stake");
    dev
}

/// Closes epochs 1..=5 and attests `devices` for each, so eligible ones join the active set.
pub async fn nominate(chain: &mut TestChain, protocol: &Protocol, devices: &[&DeviceHandle]) {
    for epoch in 1..=5 {
        chain.close_epochs_through(protocol, epoch).await;
        chain
            .attest(protocol, epoch, devices)
            .await
            .expect("attest");
    }
}
