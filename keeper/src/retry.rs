//! Jittered exponential backoff with a cap, for every call to a chain.

use std::future::Future;
use std::time::Duration;

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use crate::chain::ChainError;

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
    /// [`ChainError::is_transient`] failures are retried.
    pub async fn retry<T, F, Fut>(&self, what: &str, mut operation: F) -> Result<T, ChainError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, ChainError>>,
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    fn fast() -> Backoff {
        Backoff {
            initial: Duration::from_millis(1),
            max_delay: Duration::from_millis(4),
            max_attempts: 5,
        }
    }

    #[test]
    fn delays_grow_exponentially_with_jitter_and_a_cap() {
        let backoff = Backoff::default();
        let mut rng = SmallRng::seed_from_u64(1);
        for retry in 0..40 {
            let delay = backoff.delay(retry, &mut rng);
            let ceiling =
                (backoff.initial * 2u32.saturating_pow(retry.min(31))).min(backoff.max_delay);
            assert!(
                delay <= ceiling && delay >= ceiling / 2,
                "retry {retry}: {delay:?}"
            );
        }
        assert!(backoff.delay(30, &mut rng) <= Duration::from_secs(10));
    }

    #[tokio::test]
    async fn transient_failures_are_retried_until_success() {
        let calls = AtomicU32::new(0);
        let result = fast()
            .retry("test", || async {
                if calls.fetch_add(1, Ordering::SeqCst) < 3 {
                    Err(ChainError::Unavailable("down".into()))
                } else {
                    Ok(7)
                }
            })
            .await;
        assert_eq!(result, Ok(7));
        assert_eq!(calls.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn gives_up_after_max_attempts() {
        let calls = AtomicU32::new(0);
        let result: Result<(), _> = fast()
            .retry("test", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(ChainError::Unavailable("down".into()))
            })
            .await;
        assert!(result.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 5);
    }

    #[tokio::test]
    async fn program_errors_are_not_retried() {
        let calls = AtomicU32::new(0);
        let result: Result<(), _> = fast()
            .retry("test", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(ChainError::Program { code: 6000 })
            })
            .await;
        assert_eq!(result, Err(ChainError::Program { code: 6000 }));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
