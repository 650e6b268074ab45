//! The SIMULATED probe: fake GPUs for demos, the local simulation and tests. Everything it
//! reports says SIMULATED, so it is never mistaken for a real reading.

use io_heartbeat::GpuSnapshot;
use rand::Rng;

use super::{GpuProbe, ProbeError, Snapshot};

/// SIMULATED GPUs: stable identities (so the hardware hash is stable), changing load.
pub struct SimulatedProbe {
    pub count: u16,
    /// Tells simulated workers apart: each seed is different hardware.
    pub seed: u64,
    pub model: String,
}

impl SimulatedProbe {
    pub fn new(count: u16, seed: u64) -> Self {
        Self {
            count,
            seed,
            model: "H100".into(),
        }
    }

    /// The snapshot without randomness: what `localnet` registers.
    pub fn gpus(&self) -> Vec<GpuSnapshot> {
        (0..self.count)
            .map(|i| GpuSnapshot {
                model: format!("SIMULATED {}", self.model),
                uuid: format!("GPU-SIMULATED-{:016x}-{i}", self.seed),
                serial: format!("SIM{:016x}{i:02}", self.seed),
                memory_total_mib: 81_559,
                memory_used_mib: 40_000,
                utilization_percent: 80,
                temperature_celsius: 60,
            })
            .collect()
    }
}

impl GpuProbe for SimulatedProbe {
    fn read(&self) -> Result<Snapshot, ProbeError> {
        let mut rng = rand::rng();
        let gpus = self
            .gpus()
            .into_iter()
            .map(|gpu| GpuSnapshot {
                memory_used_mib: rng.random_range(1_000..80_000),
                utilization_percent: rng.random_range(40..=100),
                temperature_celsius: rng.random_range(45..=80),
                ..gpu
            })
            .collect();
        Ok(Snapshot {
            simulated: true,
            driver_version: "SIMULATED".into(),
            gpus,
        })
    }
}
