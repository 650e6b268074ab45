//! Jittered exponential backoff with a cap, between failed heartbeat rounds. The keeper's
//! `retry::Backoff` uses the same schedule around chain calls; the worker keeps its own copy so
//! that it links nothing of the keeper.

use std::time::Duration;

use rand::Rng;

#[derive(Clone, Debug)]
pub struct Backoff {
    /// Delay before the first retry.
    pub initial: Duration,
    /// Upper bound of any single delay.
    pub max_delay: Duration,
    /// Attempts in total before `--once` gives up (the loop itself never does).
    pub max_attempts: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            initial: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            max_attempts: 8,
        }
    }
}

impl Backoff {
    /// The delay before retry number `retry` (0-based): `initial * 2^retry`, capped, then a
    /// random fraction of it so that workers that failed together (a keeper restart) do not
    /// all come back at the same instant.
    pub fn delay(&self, retry: u32, rng: &mut impl Rng) -> Duration {
        let exponential = self
            .initial
            .saturating_mul(2u32.saturating_pow(retry.min(31)));
        exponential
            .min(self.max_delay)
            .mul_f64(rng.random_range(0.5..=1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_exponentially_with_jitter_and_a_cap() {
        let backoff = Backoff::default();
        let mut rng = rand::rng();
        for retry in 0..40 {
            let delay = backoff.delay(retry, &mut rng);
            let full =
                (backoff.initial * 2u32.saturating_pow(retry.min(31))).min(backoff.max_delay);
            assert!(delay <= full && delay >= full / 2, "{retry}: {delay:?}");
        }
    }
}
