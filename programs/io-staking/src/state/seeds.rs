//! PDA seeds, in one place so clients and programs derive the same addresses.

/// `[STAKING_CONFIG, mint]`: parameters and roles; also the io-emission distributor and the
/// authority of both vaults.
pub const STAKING_CONFIG: &[u8] = b"staking_config";
/// `[REWARD_POOL, config]`: the reward accumulator.
pub const REWARD_POOL: &[u8] = b"reward_pool";
/// `[STAKE_VAULT, config]`: IO token account holding every device's stake.
pub const STAKE_VAULT: &[u8] = b"stake_vault";
/// `[REWARDS_VAULT, config]`: IO token account receiving each epoch's emission.
pub const REWARDS_VAULT: &[u8] = b"rewards_vault";
/// `[GPU_MODEL, config, model_id (u16 little-endian)]`.
pub const GPU_MODEL: &[u8] = b"gpu_model";
/// `[DEVICE, config, device_key]`: one per worker signing key.
pub const DEVICE: &[u8] = b"device";
/// `[SLASH_CASE, config, case_id (u64 little-endian)]`: ids come from a config-wide counter, so
/// an address is never reused, not even by a device key registered again.
pub const SLASH_CASE: &[u8] = b"slash_case";
/// `[CO_STAKE, device]`: the device's co-staking offer.
pub const CO_STAKE: &[u8] = b"co_stake";
/// `[CO_STAKER, config, wallet]`: a co-staker wallet's count of accepted offers.
pub const CO_STAKER: &[u8] = b"co_staker";
/// `[HARDWARE, config, hardware_hash]`: which device holds a set of GPUs, so the same GPUs cannot
/// be registered twice under two device keys.
pub const HARDWARE: &[u8] = b"hardware";
/// `[KEEPER_SET, config]`: the bonded keepers, the quorum's parameters and the finalized roots.
pub const KEEPER_SET: &[u8] = b"keeper_set";
/// `[KEEPER_VAULT, config]`: IO token account holding every keeper's bond (apart from the stake
/// vault, so the stake vault stays explained by device stake alone).
pub const KEEPER_VAULT: &[u8] = b"keeper_vault";
/// `[BALLOT, config, epoch (u32 little-endian)]`: the quorum's ballot on one epoch's uptime root.
pub const BALLOT: &[u8] = b"ballot";
/// `[KEEPER_CASE, config, case_id (u64 little-endian)]`: a slash case against a keeper's bond.
pub const KEEPER_CASE: &[u8] = b"keeper_case";
