//! The local chain's clock: the programs read `Clock::unix_timestamp`, and on the local chain
//! that is whatever this says. `localnet` steps it epoch by epoch; `localnet --serve` runs it
//! accelerated (`--epoch-seconds`), and the `surfnet_timeTravel` cheatcode moves it forward.
//! It never goes back.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::local::LocalChain;
use io_chain::Chain;

pub struct LocalClock {
    chain: Arc<LocalChain>,
    state: Mutex<ClockState>,
}

struct ClockState {
    /// Chain time at `anchor`.
    chain_at_anchor: i64,
    anchor: Instant,
    /// Chain seconds per wall second; 0 for a clock that moves only when told.
    rate: u32,
    /// The last time written to the chain (it never goes back).
    written: i64,
}

impl ClockState {
    fn now(&self) -> i64 {
        let elapsed_ms = i64::try_from(self.anchor.elapsed().as_millis()).unwrap_or(i64::MAX);
        let advanced = elapsed_ms.saturating_mul(i64::from(self.rate)) / 1_000;
        self.chain_at_anchor
            .saturating_add(advanced)
            .max(self.written)
    }
}

impl LocalClock {
    /// A clock that moves only by [`LocalClock::travel`] (and by whoever sets the chain's time).
    pub async fn manual(chain: Arc<LocalChain>) -> Arc<Self> {
        let now = chain.unix_time().await.unwrap_or(0);
        Self::new(chain, now, 0)
    }

    /// A clock running `rate` chain seconds per wall second from `start`.
    pub fn accelerated(chain: Arc<LocalChain>, start: i64, rate: u32) -> Arc<Self> {
        Self::new(chain, start, rate)
    }

    fn new(chain: Arc<LocalChain>, start: i64, rate: u32) -> Arc<Self> {
        Arc::new(Self {
            chain,
            state: Mutex::new(ClockState {
                chain_at_anchor: start,
                anchor: Instant::now(),
                rate,
                written: start,
            }),
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ClockState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Chain seconds per wall second (0: manual).
    pub fn rate(&self) -> u32 {
        self.state().rate
    }

    /// What the chain's clock should read now.
    pub fn now(&self) -> i64 {
        self.state().now()
    }

    /// Writes [`LocalClock::now`] to the chain; returns it. Two writers racing (the serve loop
    /// and a time travel) cannot move the chain back: `LocalChain::set_time` ignores an older
    /// time.
    pub async fn sync(&self) -> i64 {
        let now = {
            let mut state = self.state();
            let now = state.now();
            state.written = now;
            now
        };
        self.chain.set_time(now).await;
        now
    }

    /// Moves the clock forward by `seconds` (at least 1); returns the new time.
    pub async fn travel(&self, seconds: i64) -> Result<i64, String> {
        if seconds <= 0 {
            return Err("time only travels forward: give a positive number of seconds".into());
        }
        {
            let mut state = self.state();
            let now = state.now();
            state.chain_at_anchor = now.saturating_add(seconds);
            state.anchor = Instant::now();
            state.written = state.chain_at_anchor;
        }
        Ok(self.sync().await)
    }

    /// Moves the clock forward to `timestamp`; returns it.
    pub async fn travel_to(&self, timestamp: i64) -> Result<i64, String> {
        let now = self.now();
        if timestamp <= now {
            return Err(format!(
                "time only travels forward: {timestamp} is not after the chain's {now}"
            ));
        }
        self.travel(timestamp - now).await
    }
}
