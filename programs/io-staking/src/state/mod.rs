pub mod config;
pub mod device;
pub mod gpu_model;
pub mod pool;
pub mod seeds;
pub mod slash_case;

pub use config::*;
pub use device::*;
pub use gpu_model::*;
pub use pool::*;
pub use slash_case::*;

#[cfg(test)]
mod tests {
    use super::*;

    /// Account sizes never change: new fields take bytes from `reserved`. These are the sizes
    /// of version 1.
    #[test]
    fn sizes_are_stable() {
        assert_eq!(StakingConfig::SIZE, 1_044);
        assert_eq!(RewardPool::SIZE, 2_978);
        assert_eq!(Device::SIZE, 406);
        assert_eq!(GpuModel::SIZE, 165);
    }
}
