//! Jittered exponential backoff with a cap: around every chain call of the keeper, and between
//! the GPU worker's failed heartbeat rounds.

use std::future::Future;
use std::time::Duration;

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// A failure worth trying again (a timeout, a 5xx) as opposed to a final answer (a program
/// error, a refusal).
pub trait Transient {
    fn is_transient(&self) -> bool;
}

/// How to retry transient failures.
#[derive(Clone, Debug)]
pub struct Backoff {
    /// Delay before the first retry.
    pub initial: Duration,
    /// Upper bound of any single delay.
    pub max_delay: Duration,
    /// Attempts in total, the first one included.
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
    /// uniformly random "full jitter" fraction of it so that keepers that failed together do
    /// not retry together.
    pub fn delay(&self, retry: u32, rng: &mut impl Rng) -> Duration {
        let exponential = self
            .initial
            .saturating_mul(2u32.saturating_pow(retry.min(31)));
        let capped = exponential.min(self.max_delay);
        capped.mul_f64(rng.random_range(0.5..=1.0))
    }

    /// Runs `operation` until it succeeds, fails permanently, or runs out of attempts. Only
    /// [`Transient`] failures are retried.
    pub async fn retry<T, E, F, Fut>(&self, what: &str, mut operation: F) -> Result<T, E>
    where
        E: Transient + std::fmt::Display,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let mut rng = SmallRng::from_os_rng();
        let mut attempt = 0;
        loop {
            attempt += 1;
            match operation().await {
                Err(err) if err.is_transient() && attempt < self.max_attempts => {
                    let delay = self.delay(attempt - 1, &mut rng);
                    tracing::warn!(what, attempt, ?delay, error = %err, "retrying");
                    tokio::time::sleep(delay).await;
                }
                other => return other,
            }
        }
    }
}
