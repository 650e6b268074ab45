pub mod co_stake;
pub mod config;
pub mod device;
pub mod gpu_model;
pub mod hardware_marker;
pub mod pool;
pub mod quorum;
pub mod reward_class;
pub mod seeds;
pub mod slash_case;

pub use co_stake::*;
pub use config::*;
pub use device::*;
pub use gpu_model::*;
pub use hardware_marker::*;
pub use pool::*;
pub use quorum::*;
pub use reward_class::*;
pub use slash_case::*;

#[cfg(test)]
mod tests {
    use super::*;

    /// Account sizes are part of the layout: a change here is a version bump. Version 4 of the
    /// config (no attester list, no attestation window), 4 of the device (settled epoch), 3 of
    /// the pool (no attestation progress) and of the ring (720 closes).
    #[test]
    fn sizes_are_stable() {
        assert_eq!(StakingConfig::SIZE, 652);
        assert_eq!(RewardPool::SIZE, 338);
        assert_eq!(RpwRing::SIZE, 23_178);
        assert_eq!(Device::SIZE, 454);
        assert_eq!(KeeperSet::SIZE, 4_088);
        assert_eq!(KeeperCase::SIZE, 261);
        assert_eq!(EpochBallot::SIZE, 1_360);
        assert_eq!(GpuModel::SIZE, 165);
        assert_eq!(HardwareMarker::SIZE, 122);
        assert_eq!(SlashCase::SIZE, 344);
    }

    /// Anchor builds an `Account<T>` on the stack before boxing it, and SBF frames are 4 KB: any
    /// account deserialized by value must stay well under that. Larger state is zero-copy
    /// (`RpwRing`, read in place through `AccountLoader`).
    #[test]
    fn accounts_deserialized_by_value_fit_an_sbf_stack_frame() {
        const LIMIT: usize = 1_024;
        let by_value = [
            ("StakingConfig", core::mem::size_of::<StakingConfig>()),
            ("RewardPool", core::mem::size_of::<RewardPool>()),
            ("Device", core::mem::size_of::<Device>()),
            ("GpuModel", core::mem::size_of::<GpuModel>()),
            ("HardwareMarker", core::mem::size_of::<HardwareMarker>()),
            ("SlashCase", core::mem::size_of::<SlashCase>()),
            ("KeeperCase", core::mem::size_of::<KeeperCase>()),
            ("CoStakeOffer", core::mem::size_of::<CoStakeOffer>()),
            ("CoStakerAccount", core::mem::size_of::<CoStakerAccount>()),
            (
                "io_emission::EmissionState",
                core::mem::size_of::<io_emission::state::EmissionState>(),
            ),
        ];
        for (name, size) in by_value {
            assert!(
                size <= LIMIT,
                "{name} is {size} bytes by value (limit {LIMIT})"
            );
        }
        // The zero-copy ring would not fit: it must never be read by value.
        assert!(core::mem::size_of::<RpwRing>() > LIMIT);
    }
}
