//! Per-device token buckets, on the service's clock (which `localnet` accelerates).

use std::collections::HashMap;
use std::sync::Mutex;

use anchor_lang::prelude::Pubkey;

/// Thousandths of a request, so refill needs no floating point.
const MILLI: u64 = 1_000;

pub struct RateLimiter {
    capacity_milli: u64,
    refill_milli_per_second: u64,
    buckets: Mutex<HashMap<Pubkey, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens_milli: u64,
    updated: i64,
}

impl RateLimiter {
    /// Allows bursts of `per_minute` requests and `per_minute` a minute on average.
    pub fn per_minute(per_minute: u32) -> Self {
        let per_minute = u64::from(per_minute.max(1));
        Self {
            capacity_milli: per_minute * MILLI,
            refill_milli_per_second: per_minute * MILLI / 60,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `key`'s bucket at time `now`; `Err(seconds)` to wait if empty.
    pub fn take(&self, key: &Pubkey, now: i64) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = buckets.entry(*key).or_insert(Bucket {
            tokens_milli: self.capacity_milli,
            updated: now,
        });
        let elapsed = u64::try_from(now.saturating_sub(bucket.updated)).unwrap_or(0);
        bucket.tokens_milli = bucket
            .tokens_milli
            .saturating_add(elapsed.saturating_mul(self.refill_milli_per_second))
            .min(self.capacity_milli);
        bucket.updated = bucket.updated.max(now);
        if bucket.tokens_milli >= MILLI {
            bucket.tokens_milli -= MILLI;
            Ok(())
        } else {
            let missing = MILLI - bucket.tokens_milli;
            Err(missing.div_ceil(self.refill_milli_per_second.max(1)))
        }
    }

    /// Drops the buckets of keys no longer registered (called on registry refresh).
    pub fn retain(&self, keep: impl Fn(&Pubkey) -> bool) {
        self.buckets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|key, _| keep(key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_then_refills() {
        let limiter = RateLimiter::per_minute(3);
        let (a, b) = (Pubkey::new_unique(), Pubkey::new_unique());
        for _ in 0..3 {
            limiter.take(&a, 100).unwrap();
        }
        assert_eq!(limiter.take(&a, 100), Err(20), "one request per 20 s");
        limiter.take(&b, 100).expect("buckets are per device");
        assert!(limiter.take(&a, 119).is_err());
        limiter.take(&a, 120).unwrap();
        // A clock that goes backwards refills nothing and breaks nothing.
        assert!(limiter.take(&a, 50).is_err());
        limiter.retain(|key| *key == b);
        limiter.take(&a, 50).expect("a forgotten key starts full");
    }
}
