//! The attestation service's Prometheus metrics, kept in a `prometheus-client` registry and
//! served as OpenMetrics text by `GET /metrics`.
//!
//! `prometheus-client` is the Prometheus project's own Rust client: typed counters, gauges,
//! labelled families and histograms whose exposition (escaping, `_total` suffixes, cumulative
//! buckets, `# EOF`) it gets right, so none of that is written by hand here.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric};
use prometheus_client::metrics::counter::{ConstCounter, Counter};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::store::CommitStats;

/// Upper bounds (seconds) of the heartbeat latency histogram.
const LATENCY_BUCKETS: [f64; 12] = [
    0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
];

/// Routes whose 200s are counted through a handle made once: an atomic add on the hot path
/// instead of a label hash and a lock.
const HOT_ROUTES: [&str; 5] = ["heartbeat", "challenge", "uptime", "healthz", "metrics"];

/// The media type of the exposition `render` returns.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// A gauge of a non-negative figure (device counts, epoch numbers).
pub type CountGauge = Gauge<u64, AtomicU64>;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RejectionLabels {
    reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResponseLabels {
    route: &'static str,
    status: u16,
}

pub struct Metrics {
    registry: Registry,
    pub heartbeats_accepted: Counter,
    pub challenges_issued: Counter,
    outstanding_challenges: CountGauge,
    rejections: Family<RejectionLabels, Counter>,
    responses: Family<ResponseLabels, Counter>,
    /// `responses` for (route of [`HOT_ROUTES`], 200): the same counters, held directly.
    ok_responses: [Counter; HOT_ROUTES.len()],
    heartbeat_seconds: Histogram,
    pub store_failures: Counter,
    pub registered_devices: CountGauge,
    pub registry_refreshes: Counter,
    pub registry_refresh_failures: Counter,
    pub last_closed_epoch: CountGauge,
    pub last_attested_epoch: CountGauge,
    pub attested_devices: Counter,
    pub attest_transactions: Counter,
    pub attest_failures: Counter,
    pub multiplier_syncs: Counter,
    pub upkeep_failures: Counter,
    pub epochs_cranked: Counter,
}

impl Metrics {
    /// Every metric, registered under the `io_keeper` prefix; `store` is read at each scrape.
    pub fn new(store: Arc<CommitStats>) -> Self {
        let responses = Family::<ResponseLabels, Counter>::default();
        let ok_responses = HOT_ROUTES.map(|route| {
            responses
                .get_or_create(&ResponseLabels { route, status: 200 })
                .clone()
        });
        let metrics = Self {
            registry: Registry::default(),
            heartbeats_accepted: Counter::default(),
            challenges_issued: Counter::default(),
            outstanding_challenges: CountGauge::default(),
            rejections: Family::default(),
            responses,
            ok_responses,
            heartbeat_seconds: Histogram::new(LATENCY_BUCKETS),
            store_failures: Counter::default(),
            registered_devices: CountGauge::default(),
            registry_refreshes: Counter::default(),
            registry_refresh_failures: Counter::default(),
            last_closed_epoch: CountGauge::default(),
            last_attested_epoch: CountGauge::default(),
            attested_devices: Counter::default(),
            attest_transactions: Counter::default(),
            attest_failures: Counter::default(),
            multiplier_syncs: Counter::default(),
            upkeep_failures: Counter::default(),
            epochs_cranked: Counter::default(),
        };
        let mut registry = Registry::with_prefix("io_keeper");
        metrics.register_counters(&mut registry);
        metrics.register_gauges_families_and_histogram(&mut registry);
        registry.register_collector(Box::new(StoreCollector(store)));
        Self {
            registry,
            ..metrics
        }
    }

    // The registry holds clones: each metric shares its atomic with its field.
    fn register_counters(&self, registry: &mut Registry) {
        let metrics = self;
        let counters: [(&str, &str, &Counter); 11] = [
            (
                "heartbeats_accepted",
                "Heartbeats verified and stored.",
                &metrics.heartbeats_accepted,
            ),
            (
                "challenges_issued",
                "Challenge nonces issued.",
                &metrics.challenges_issued,
            ),
            (
                "store_failures",
                "Heartbeats verified but not stored (answered 503).",
                &metrics.store_failures,
            ),
            (
                "registry_refreshes",
                "Device registry refreshes from chain.",
                &metrics.registry_refreshes,
            ),
            (
                "registry_refresh_failures",
                "Device registry refreshes that failed (the previous registry stays in use).",
                &metrics.registry_refresh_failures,
            ),
            (
                "attested_devices",
                "Devices this service settled from finalized uptime roots.",
                &metrics.attested_devices,
            ),
            (
                "attest_transactions",
                "Ballot (open, commit, vote, close) and settle transactions confirmed.",
                &metrics.attest_transactions,
            ),
            (
                "attest_failures",
                "Vote-and-settle passes that failed (retried on the next pass).",
                &metrics.attest_failures,
            ),
            (
                "multiplier_syncs",
                "Due GPU model multiplier changes this service applied (sync_device_multiplier).",
                &metrics.multiplier_syncs,
            ),
            (
                "upkeep_failures",
                "Upkeep passes that failed (tried again after the next root).",
                &metrics.upkeep_failures,
            ),
            (
                "epochs_cranked",
                "Epochs this service closed (--crank).",
                &metrics.epochs_cranked,
            ),
        ];
        for (name, help, counter) in counters {
            registry.register(name, help, counter.clone());
        }
    }

    fn register_gauges_families_and_histogram(&self, registry: &mut Registry) {
        let metrics = self;
        let gauges: [(&str, &str, &CountGauge); 4] = [
            (
                "outstanding_challenges",
                "Challenges issued and neither used nor expired.",
                &metrics.outstanding_challenges,
            ),
            (
                "registered_devices",
                "Devices registered on chain, as of the last refresh.",
                &metrics.registered_devices,
            ),
            (
                "last_closed_epoch",
                "Last epoch closed on chain, as last seen.",
                &metrics.last_closed_epoch,
            ),
            (
                "last_attested_epoch",
                "Last epoch whose uptime root is final and its devices settled.",
                &metrics.last_attested_epoch,
            ),
        ];
        for (name, help, gauge) in gauges {
            registry.register(name, help, gauge.clone());
        }
        registry.register(
            "rejections",
            "Requests refused, by reason.",
            metrics.rejections.clone(),
        );
        registry.register(
            "http_responses",
            "HTTP responses, by route and status.",
            metrics.responses.clone(),
        );
        registry.register(
            "heartbeat_seconds",
            "Time to verify and durably store a heartbeat.",
            metrics.heartbeat_seconds.clone(),
        );
    }

    pub fn reject(&self, reason: &'static str) {
        self.rejections
            .get_or_create(&RejectionLabels { reason })
            .inc();
    }

    pub fn rejected(&self, reason: &'static str) -> u64 {
        self.rejections
            .get(&RejectionLabels { reason })
            .map_or(0, |counter| counter.get())
    }

    pub fn respond(&self, route: &'static str, status: u16) {
        if status == 200 {
            if let Some(index) = HOT_ROUTES.iter().position(|hot| *hot == route) {
                self.ok_responses[index].inc();
                return;
            }
        }
        self.responses
            .get_or_create(&ResponseLabels { route, status })
            .inc();
    }

    pub fn observe_heartbeat_latency(&self, seconds: f64) {
        self.heartbeat_seconds.observe(seconds);
    }

    /// The OpenMetrics exposition ([`CONTENT_TYPE`]), with `outstanding_challenges` sampled by
    /// the caller.
    pub fn render(&self, outstanding_challenges: usize) -> String {
        self.outstanding_challenges
            .set(u64::try_from(outstanding_challenges).unwrap_or(u64::MAX));
        let mut out = String::with_capacity(8192);
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// The store's commit figures, read from its writer thread's atomics at each scrape.
#[derive(Debug)]
struct StoreCollector(Arc<CommitStats>);

impl Collector for StoreCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let figures = [
            (
                "store_commits",
                "fsync'd database transactions storing heartbeats.",
                &self.0.commits,
            ),
            (
                "store_heartbeats",
                "Heartbeats stored by those transactions (divided by commits: the group size).",
                &self.0.heartbeats,
            ),
        ];
        for (name, help, value) in figures {
            let counter = ConstCounter::new(value.load(Ordering::Relaxed));
            let metric = encoder.encode_descriptor(name, help, None, counter.metric_type())?;
            counter.encode(metric)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_openmetrics_text() {
        let store = Arc::new(CommitStats::default());
        store.commits.store(4, Ordering::Relaxed);
        let metrics = Metrics::new(store);
        metrics.heartbeats_accepted.inc_by(3);
        metrics.last_attested_epoch.set(7);
        metrics.reject("bad_signature");
        metrics.reject("bad_signature");
        metrics.respond("heartbeat", 401);
        metrics.respond("heartbeat", 200);
        metrics.observe_heartbeat_latency(0.003);
        let text = metrics.render(5);
        for line in [
            "io_keeper_heartbeats_accepted_total 3",
            "io_keeper_outstanding_challenges 5",
            "io_keeper_last_attested_epoch 7",
            "io_keeper_store_commits_total 4",
            "io_keeper_store_heartbeats_total 0",
            "io_keeper_rejections_total{reason=\"bad_signature\"} 2",
            "io_keeper_http_responses_total{route=\"heartbeat\",status=\"401\"} 1",
            "io_keeper_http_responses_total{route=\"heartbeat\",status=\"200\"} 1",
            "io_keeper_heartbeat_seconds_bucket{le=\"0.00025\"} 0",
            "io_keeper_heartbeat_seconds_bucket{le=\"0.0025\"} 0",
            "io_keeper_heartbeat_seconds_bucket{le=\"0.005\"} 1",
            "io_keeper_heartbeat_seconds_bucket{le=\"+Inf\"} 1",
            "io_keeper_heartbeat_seconds_count 1",
            "# EOF",
        ] {
            assert!(text.contains(line), "missing {line:?} in\n{text}");
        }
        assert_eq!(metrics.rejected("bad_signature"), 2);
        assert_eq!(metrics.rejected("rate_limited"), 0);
    }
}
