//! Jittered exponential backoff with a cap, for every call to a chain: the schedule is
//! `io_runtime::backoff` (shared with the GPU worker); what is worth retrying is
//! [`ChainError::is_transient`].

pub use io_runtime::backoff::{Backoff, Transient};

use crate::ChainError;

impl Transient for ChainError {
    fn is_transient(&self) -> bool {
        ChainError::is_transient(self)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    use rand::rngs::SmallRng;
    use rand::SeedableRng;

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
