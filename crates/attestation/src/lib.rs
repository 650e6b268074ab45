//! `io-keeper serve`: the keeper's attestation service (docs/design.md section 7).
//!
//! Workers fetch a challenge, sign a heartbeat and post it over HTTP. The service verifies it,
//! stores the earned slot durably before answering, and after each epoch closes (and the
//! clock tolerance for late heartbeats has passed) builds the uptime tree of that epoch from
//! its tally (a device is up in an epoch when it earned the uptime threshold), votes for its
//! root as a bonded keeper (docs/design.md section 14), and once the root is final settles
//! every device from its leaf. Settling against a root twice is a no-op on chain, so a restart
//! or another keeper settling the same devices never pays twice.

pub mod admission;
pub mod batch;
mod chain_loop;
mod http;
pub mod metrics;
pub mod rate_limit;
pub mod roots;
pub mod store;
pub mod verifier;
mod voter;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use chain_loop::{run_chain_loop, AttestPass, ChainLink};
pub use http::{hex_string, router, router_with_limits, HttpLimits};

use crate::store::{Store, StoreError};
use crate::verifier::{HeartbeatPolicy, HeartbeatVerifier};
use batch::SignatureBatcher;
use metrics::Metrics;
use rate_limit::RateLimiter;

/// Defaults for `serve`'s flags, shared with `localnet --http`.
/// Room for the largest heartbeat the decoder accepts (64 GPUs with 128-byte strings, about
/// 26 KiB; a test checks it).
pub const DEFAULT_MAX_BODY_BYTES: usize = 32 * 1024;
pub const DEFAULT_RATE_LIMIT_PER_MINUTE: u32 = 30;

#[derive(Clone, Copy, Debug)]
pub struct ServiceConfig {
    pub policy: HeartbeatPolicy,
    /// Share of an epoch's slots a device must have earned to be up in it.
    pub uptime_threshold_percent: u32,
    /// Larger heartbeat bodies are refused with 413 before being read.
    pub max_body_bytes: usize,
    /// Requests per minute per device key (challenges and authenticated heartbeats).
    pub rate_limit_per_minute: u32,
    /// Load shedding and the request deadline of [`Service::run`] and [`router`].
    pub http: HttpLimits,
}

/// The chain side of [`Service::run`]: vote and settle (and crank) every `poll`, reload the device
/// registry every `registry_refresh`.
pub struct ChainDuty {
    pub link: ChainLink,
    pub poll: Duration,
    pub registry_refresh: Duration,
}

/// Where the service reads the time: the wall clock, or a clock the caller moves (the
/// accelerated clock of `localnet --http`).
pub enum ServiceClock {
    Wall,
    Manual(AtomicI64),
    /// Read from a clock the caller runs (the accelerated clock of `localnet --serve`), so that
    /// nonce lifetimes and clock tolerances hold between its ticks.
    Shared(Arc<dyn Fn() -> i64 + Send + Sync>),
}

pub struct Service {
    pub config: ServiceConfig,
    pub verifier: HeartbeatVerifier,
    pub store: Store,
    pub metrics: Metrics,
    limiter: RateLimiter,
    batcher: SignatureBatcher,
    clock: ServiceClock,
    /// Epochs covered by a final root this service settled from: epoch -> devices settled.
    epochs_done: Mutex<BTreeMap<u32, u64>>,
    /// The uptime trees built for recent epochs, and which are final (served by [`roots`]).
    trees: Mutex<roots::TreeBook>,
    /// Service seconds per wall second: 1, except on the accelerated clock of
    /// `localnet --serve`. Told to workers with each challenge so they pace themselves.
    clock_rate: std::sync::atomic::AtomicU32,
}

impl Service {
    /// Opens the database at `db` and restores every slot and attestation recorded in it.
    pub fn open(
        config: ServiceConfig,
        db: &Path,
        clock: ServiceClock,
    ) -> Result<Arc<Self>, StoreError> {
        Self::with_store(config, Store::open(db, &config.policy)?, clock)
    }

    /// The service over an opened `store` (a file, or memory for `localnet`), restoring every
    /// slot and attestation recorded in it.
    pub fn with_store(
        config: ServiceConfig,
        store: Store,
        clock: ServiceClock,
    ) -> Result<Arc<Self>, StoreError> {
        let restored = store.restore(0)?;
        let trees = store.trees()?;
        let verifier = HeartbeatVerifier::new(config.policy);
        for (epoch, device_key, slots) in &restored.slots {
            verifier.restore(*epoch, *device_key, *slots);
        }
        let metrics = Metrics::new(store.commit_stats());
        if let Some((&epoch, _)) = restored.epochs_done.last_key_value() {
            metrics.last_attested_epoch.set(u64::from(epoch));
        }
        tracing::info!(
            slots = restored.slots.len(),
            epochs_attested = restored.epochs_done.len(),
            db = store.location(),
            "restored the tally"
        );
        let batcher = SignatureBatcher::start().map_err(|e| StoreError::Database(e.to_string()))?;
        Ok(Arc::new(Self {
            limiter: RateLimiter::per_minute(config.rate_limit_per_minute),
            batcher,
            config,
            verifier,
            store,
            metrics,
            clock,
            trees: Mutex::new(roots::TreeBook::restore(
                trees,
                restored.epochs_done.keys().copied(),
            )),
            epochs_done: Mutex::new(restored.epochs_done),
            clock_rate: std::sync::atomic::AtomicU32::new(1),
        }))
    }

    /// Answers HTTP on `listener` and, given a [`ChainDuty`], runs the attestation loop beside
    /// it, until `shutdown` turns true: then in-flight requests finish, the loop ends after its
    /// current step, and `run` returns. `serve`, `localnet --http`, the benchmark and the tests
    /// all start the service this way. A shutdown channel whose sender is gone never stops it.
    pub async fn run(
        self: Arc<Self>,
        listener: TcpListener,
        chain: Option<ChainDuty>,
        shutdown: watch::Receiver<bool>,
    ) -> std::io::Result<()> {
        self.run_with(listener, chain, shutdown, axum::Router::new())
            .await
    }

    /// [`Service::run`], also answering `extra`'s routes (the indexer's API, the web app) on
    /// the same listener.
    pub async fn run_with(
        self: Arc<Self>,
        listener: TcpListener,
        chain: Option<ChainDuty>,
        shutdown: watch::Receiver<bool>,
        extra: axum::Router,
    ) -> std::io::Result<()> {
        let chain_loop = chain.map(|duty| {
            tokio::spawn(run_chain_loop(
                self.clone(),
                duty.link,
                duty.poll,
                duty.registry_refresh,
                shutdown.clone(),
            ))
        });
        let mut until_stopped = shutdown;
        let limits = self.config.http;
        let app = http::router_with(self, limits, extra);
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                if until_stopped.wait_for(|stop| *stop).await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await?;
        if let Some(chain_loop) = chain_loop {
            chain_loop.await.map_err(std::io::Error::other)?;
        }
        Ok(())
    }

    pub fn now(&self) -> i64 {
        match &self.clock {
            ServiceClock::Wall => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or(0),
            ServiceClock::Manual(now) => now.load(Ordering::SeqCst),
            ServiceClock::Shared(now) => now(),
        }
    }

    /// Moves a manual clock (no effect on the wall clock).
    pub fn set_time(&self, unix_timestamp: i64) {
        if let ServiceClock::Manual(now) = &self.clock {
            now.store(unix_timestamp, Ordering::SeqCst);
        }
    }

    /// Service seconds per wall second (1 unless the clock is accelerated).
    pub fn clock_rate(&self) -> u32 {
        self.clock_rate.load(Ordering::Relaxed)
    }

    /// Declares the manual clock accelerated: `rate` service seconds pass per wall second.
    pub fn set_clock_rate(&self, rate: u32) {
        self.clock_rate.store(rate.max(1), Ordering::Relaxed);
    }

    /// Whether a final root covers `epoch` and its devices were settled (the service will not
    /// vote on it again).
    pub fn epoch_done(&self, epoch: u32) -> bool {
        self.epochs_done
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(&epoch)
    }

    fn record_epoch_done(&self, epoch: u32, attested: u64) {
        self.epochs_done
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(epoch, attested);
        self.metrics
            .last_attested_epoch
            .inner()
            .fetch_max(u64::from(epoch), Ordering::Relaxed);
    }

    /// The trees built for recent epochs.
    pub fn trees(&self) -> std::sync::MutexGuard<'_, roots::TreeBook> {
        self.trees.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn forget_epochs_before(&self, epoch: u32) {
        let mut done = self.epochs_done.lock().unwrap_or_else(|p| p.into_inner());
        *done = done.split_off(&epoch);
    }
}
