//! Prometheus text exposition for the attestation service. A handful of counters, gauges and
//! one histogram do not need a metrics framework: atomics and one render function.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use crate::store::CommitStats;

/// Upper bounds (seconds) of the heartbeat latency histogram.
const LATENCY_BUCKETS: [f64; 12] = [
    0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
];

/// Routes whose 200s are counted without a lock (the hot ones first).
const ROUTES: [&str; 6] = [
    "heartbeat",
    "challenge",
    "uptime",
    "healthz",
    "metrics",
    "other",
];

#[derive(Default)]
pub struct Metrics {
    /// 200 answers per route of [`ROUTES`]: one atomic add on the hot path.
    ok_responses: [AtomicU64; ROUTES.len()],
    pub heartbeats_accepted: AtomicU64,
    pub challenges_issued: AtomicU64,
    /// reason -> heartbeat or challenge requests refused for it.
    rejections: Mutex<BTreeMap<&'static str, u64>>,
    /// (route, status) -> responses.
    responses: Mutex<BTreeMap<(&'static str, u16), u64>>,
    latency_buckets: [AtomicU64; LATENCY_BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_micros: AtomicU64,
    pub store_failures: AtomicU64,
    pub registered_devices: AtomicU64,
    pub registry_refreshes: AtomicU64,
    pub registry_refresh_failures: AtomicU64,
    pub last_closed_epoch: AtomicU64,
    pub last_attested_epoch: AtomicU64,
    pub attested_devices: AtomicU64,
    pub attest_transactions: AtomicU64,
    pub attest_failures: AtomicU64,
    pub attest_refused_devices: AtomicU64,
    pub stale_deactivations: AtomicU64,
    pub multiplier_syncs: AtomicU64,
    pub upkeep_failures: AtomicU64,
    pub epochs_cranked: AtomicU64,
}

impl Metrics {
    pub fn reject(&self, reason: &'static str) {
        *lock(&self.rejections).entry(reason).or_default() += 1;
    }

    pub fn rejected(&self, reason: &str) -> u64 {
        lock(&self.rejections).get(reason).copied().unwrap_or(0)
    }

    pub fn respond(&self, route: &'static str, status: u16) {
        if status == 200 {
            if let Some(index) = ROUTES.iter().position(|r| *r == route) {
                self.ok_responses[index].fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
        *lock(&self.responses).entry((route, status)).or_default() += 1;
    }

    pub fn observe_heartbeat_latency(&self, seconds: f64) {
        for (bound, bucket) in LATENCY_BUCKETS.iter().zip(&self.latency_buckets) {
            if seconds <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        // Whole microseconds are precise enough for a sum and keep the counter an integer.
        self.latency_sum_micros
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
    }

    /// The exposition, with `outstanding_challenges` and the store's commit figures sampled by
    /// the caller.
    pub fn render(&self, outstanding_challenges: usize, store: &CommitStats) -> String {
        let mut out = String::with_capacity(4096);
        let get = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        let mut scalar = |name: &str, kind: &str, help: &str, value: u64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
            );
        };
        scalar(
            "io_keeper_heartbeats_accepted_total",
            "counter",
            "Heartbeats verified and stored.",
            get(&self.heartbeats_accepted),
        );
        scalar(
            "io_keeper_challenges_issued_total",
            "counter",
            "Challenge nonces issued.",
            get(&self.challenges_issued),
        );
        scalar(
            "io_keeper_outstanding_challenges",
            "gauge",
            "Challenges issued and neither used nor expired.",
            outstanding_challenges as u64,
        );
        scalar(
            "io_keeper_store_failures_total",
            "counter",
            "Heartbeats verified but not stored (answered 503).",
            get(&self.store_failures),
        );
        scalar(
            "io_keeper_store_commits_total",
            "counter",
            "fsync'd database transactions storing heartbeats.",
            get(&store.commits),
        );
        scalar(
            "io_keeper_store_heartbeats_total",
            "counter",
            "Heartbeats stored by those transactions (divided by commits: the group size).",
            get(&store.heartbeats),
        );
        scalar(
            "io_keeper_registered_devices",
            "gauge",
            "Devices registered on chain, as of the last refresh.",
            get(&self.registered_devices),
        );
        scalar(
            "io_keeper_registry_refreshes_total",
            "counter",
            "Device registry refreshes from chain.",
            get(&self.registry_refreshes),
        );
        scalar(
            "io_keeper_registry_refresh_failures_total",
            "counter",
            "Device registry refreshes that failed (the previous registry stays in use).",
            get(&self.registry_refresh_failures),
        );
        scalar(
            "io_keeper_last_closed_epoch",
            "gauge",
            "Last epoch closed on chain, as last seen.",
            get(&self.last_closed_epoch),
        );
        scalar(
            "io_keeper_last_attested_epoch",
            "gauge",
            "Last epoch whose up devices are all attested.",
            get(&self.last_attested_epoch),
        );
        scalar(
            "io_keeper_attested_devices_total",
            "counter",
            "Devices attested by this service.",
            get(&self.attested_devices),
        );
        scalar(
            "io_keeper_attest_transactions_total",
            "counter",
            "attest transactions confirmed.",
            get(&self.attest_transactions),
        );
        scalar(
            "io_keeper_attest_failures_total",
            "counter",
            "Attestation passes that failed (retried on the next pass).",
            get(&self.attest_failures),
        );
        scalar(
            "io_keeper_attest_refused_devices_total",
            "counter",
            "Devices the program refused to attest even alone (left out of their epoch).",
            get(&self.attest_refused_devices),
        );
        scalar(
            "io_keeper_stale_deactivations_total",
            "counter",
            "Stale devices this service deactivated (deactivate_stale).",
            get(&self.stale_deactivations),
        );
        scalar(
            "io_keeper_multiplier_syncs_total",
            "counter",
            "Due GPU model multiplier changes this service applied (sync_device_multiplier).",
            get(&self.multiplier_syncs),
        );
        scalar(
            "io_keeper_upkeep_failures_total",
            "counter",
            "Upkeep passes that failed (tried again after the next attestation).",
            get(&self.upkeep_failures),
        );
        scalar(
            "io_keeper_epochs_cranked_total",
            "counter",
            "Epochs this service closed (--crank).",
            get(&self.epochs_cranked),
        );

        let _ = writeln!(
            out,
            "# HELP io_keeper_rejections_total Requests refused, by reason.\n\
             # TYPE io_keeper_rejections_total counter"
        );
        for (reason, count) in lock(&self.rejections).iter() {
            let _ = writeln!(
                out,
                "io_keeper_rejections_total{{reason=\"{reason}\"}} {count}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP io_keeper_http_responses_total HTTP responses, by route and status.\n\
             # TYPE io_keeper_http_responses_total counter"
        );
        let mut responses = lock(&self.responses).clone();
        for (route, count) in ROUTES.iter().zip(&self.ok_responses) {
            let count = get(count);
            if count > 0 {
                responses.insert((route, 200), count);
            }
        }
        for ((route, status), count) in responses.iter() {
            let _ = writeln!(
                out,
                "io_keeper_http_responses_total{{route=\"{route}\",status=\"{status}\"}} {count}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP io_keeper_heartbeat_seconds Time to verify and durably store a heartbeat.\n\
             # TYPE io_keeper_heartbeat_seconds histogram"
        );
        for (bound, bucket) in LATENCY_BUCKETS.iter().zip(&self.latency_buckets) {
            let _ = writeln!(
                out,
                "io_keeper_heartbeat_seconds_bucket{{le=\"{bound}\"}} {}",
                get(bucket)
            );
        }
        let count = get(&self.latency_count);
        let _ = writeln!(
            out,
            "io_keeper_heartbeat_seconds_bucket{{le=\"+Inf\"}} {count}\n\
             io_keeper_heartbeat_seconds_sum {}\n\
             io_keeper_heartbeat_seconds_count {count}",
            get(&self.latency_sum_micros) as f64 / 1e6
        );
        out
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let metrics = Metrics::default();
        metrics.heartbeats_accepted.fetch_add(3, Ordering::Relaxed);
        metrics.reject("bad_signature");
        metrics.reject("bad_signature");
        metrics.respond("heartbeat", 401);
        metrics.respond("heartbeat", 200);
        metrics.observe_heartbeat_latency(0.003);
        let text = metrics.render(5, &CommitStats::default());
        for line in [
            "io_keeper_heartbeats_accepted_total 3",
            "io_keeper_outstanding_challenges 5",
            "io_keeper_rejections_total{reason=\"bad_signature\"} 2",
            "io_keeper_http_responses_total{route=\"heartbeat\",status=\"401\"} 1",
            "io_keeper_http_responses_total{route=\"heartbeat\",status=\"200\"} 1",
            "io_keeper_heartbeat_seconds_bucket{le=\"0.0025\"} 0",
            "io_keeper_heartbeat_seconds_bucket{le=\"0.005\"} 1",
            "io_keeper_heartbeat_seconds_bucket{le=\"+Inf\"} 1",
            "io_keeper_heartbeat_seconds_count 1",
        ] {
            assert!(text.contains(line), "missing {line:?} in\n{text}");
        }
    }
}
