//! The attestation service over real loopback HTTP: every refusal is a clear 4xx with a reason
//! and a metric, good heartbeats are counted once per slot, and the tally survives a restart.

use std::sync::atomic::AtomicI64;
use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use io_attestation::verifier::{
    hardware_hash, HeartbeatMessage, HeartbeatPolicy, RegisteredDevice, SignedHeartbeat,
};
use io_attestation::{HttpLimits, Service, ServiceClock, ServiceConfig};
use io_worker::probe::{GpuProbe, Outcome, ProbeClient, SimulatedProbe};
use serde_json::Value;
use solana_keypair::Keypair;
use solana_signer::Signer;

pub(crate) const GENESIS: i64 = 1_767_225_600;

pub(crate) struct Running {
    pub(crate) service: Arc<Service>,
    pub(crate) url: String,
    pub(crate) http: reqwest::Client,
    pub(crate) server: tokio::task::JoinHandle<std::io::Result<()>>,
    pub(crate) shutdown: tokio::sync::watch::Sender<bool>,
}

impl Running {
    pub(crate) async fn start(db: &std::path::Path, rate_limit_per_minute: u32) -> Self {
        let config = ServiceConfig {
            policy: HeartbeatPolicy::new(GENESIS),
            uptime_threshold_percent: 90,
            max_body_bytes: 4_096,
            rate_limit_per_minute,
            http: HttpLimits::default(),
        };
        let service = Service::open(
            config,
            db,
            ServiceClock::Manual(AtomicI64::new(GENESIS + 10)),
        )
        .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (shutdown, stopped) = tokio::sync::watch::channel(false);
        let server = tokio::spawn(service.clone().run(listener, None, stopped));
        Self {
            service,
            url,
            http: reqwest::Client::new(),
            server,
            shutdown,
        }
    }

    /// Stops as `serve` does on SIGTERM: open connections finish, then the database closes.
    pub(crate) async fn stop(self) {
        let Self {
            service,
            http,
            server,
            shutdown,
            ..
        } = self;
        drop((service, http));
        shutdown.send(true).unwrap();
        server.await.unwrap().unwrap();
    }

    pub(crate) async fn post(&self, body: Vec<u8>) -> (u16, Value) {
        let response = self
            .http
            .post(format!("{}/v1/heartbeat", self.url))
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub(crate) async fn get(&self, path: &str) -> (u16, Value) {
        let response = self
            .http
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub(crate) async fn metrics(&self) -> String {
        self.http
            .get(format!("{}/metrics", self.url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// A fresh challenge nonce for `key`.
    pub(crate) async fn nonce(&self, key: &Pubkey) -> [u8; 16] {
        let (status, body) = self.get(&format!("/v1/challenge/{key}")).await;
        assert_eq!(status, 200, "{body}");
        io_worker::probe::parse_nonce(body["nonce"].as_str().unwrap()).unwrap()
    }
}

pub(crate) struct Worker {
    pub(crate) key: Keypair,
    pub(crate) probe: SimulatedProbe,
}

impl Worker {
    pub(crate) fn register(service: &Service, seed: u64) -> Self {
        let key = Keypair::new();
        let probe = SimulatedProbe::new(2, seed);
        service.verifier.register(
            key.pubkey(),
            RegisteredDevice {
                account: Pubkey::new_unique(),
                hardware_hash: hardware_hash(&probe.gpus()),
            },
        );
        Self { key, probe }
    }

    pub(crate) fn client(&self, running: &Running) -> ProbeClient {
        ProbeClient::new(&running.url, self.key.insecure_clone())
    }

    pub(crate) fn heartbeat(&self, nonce: [u8; 16], now: i64) -> SignedHeartbeat {
        HeartbeatMessage {
            device_key: self.key.pubkey(),
            epoch: 1,
            nonce,
            timestamp: now,
            gpus: self.probe.read().unwrap().gpus,
        }
        .sign(&self.key)
    }
}

pub(crate) fn assert_refused(answer: (u16, Value), status: u16, reason: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["error"], reason, "{}", answer.1);
    assert!(
        answer.1["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{}",
        answer.1
    );
}

#[tokio::test]
async fn a_worker_earns_one_heartbeat_per_slot() {
    let dir = tempfile::tempdir().unwrap();
    let running = Running::start(&dir.path().join("db"), 30).await;
    let worker = Worker::register(&running.service, 1);
    let client = worker.client(&running);
    let gpus = worker.probe.gpus();
    let now = running.service.now();

    let outcome = client.heartbeat(&gpus, now).await.unwrap();
    assert_eq!(
        outcome,
        Outcome::Accepted {
            epoch: 1,
            slot: 0,
            heartbeats_in_epoch: 1,
            heartbeats_needed: 11,
        }
    );
    // A second heartbeat in the same five minutes is not counted again.
    assert_eq!(
        client.heartbeat(&gpus, now).await.unwrap(),
        Outcome::AlreadyCounted { epoch: 1, slot: 0 }
    );
    running.service.set_time(GENESIS + 310);
    let outcome = client.heartbeat(&gpus, GENESIS + 310).await.unwrap();
    assert!(matches!(
        outcome,
        Outcome::Accepted {
            slot: 1,
            heartbeats_in_epoch: 2,
            ..
        }
    ));

    let (status, uptime) = running
        .get(&format!("/v1/devices/{}/uptime", worker.key.pubkey()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(uptime["registered"], true);
    assert_eq!(uptime["epochs"][0]["epoch"], 1);
    assert_eq!(uptime["epochs"][0]["heartbeats"], 2);
    assert_eq!(uptime["epochs"][0]["slots"], "11");
    assert_eq!(uptime["epochs"][0]["attested"], false);

    let (status, health) = running.get("/healthz").await;
    assert_eq!(status, 200);
    assert_eq!(health["registered_devices"], 1);
    assert_eq!(health["heartbeats_accepted"], 2);
    let metrics = running.metrics().await;
    assert!(metrics.contains("io_keeper_heartbeats_accepted_total 2"));
    assert!(metrics.contains("io_keeper_rejections_total{reason=\"slot_already_counted\"} 1"));
    running.stop().await;
}

#[tokio::test]
async fn every_bad_heartbeat_gets_its_own_4xx_reason_and_metric() {
    let dir = tempfile::tempdir().unwrap();
    let running = Running::start(&dir.path().join("db"), 1_000).await;
    let worker = Worker::register(&running.service, 1);
    let other = Worker::register(&running.service, 2);
    let now = running.service.now();

    // Forged: signed by a key that is not the device's.
    let nonce = running.nonce(&worker.key.pubkey()).await;
    let mut forged = worker.heartbeat(nonce, now);
    forged.signature = Keypair::new()
        .sign_message(&forged.message.signing_bytes())
        .into();
    assert_refused(running.post(forged.encode()).await, 401, "bad_signature");
    // Tampered after signing.
    let mut tampered = worker.heartbeat(nonce, now);
    tampered.message.gpus[0].temperature_celsius = 1;
    assert_refused(running.post(tampered.encode()).await, 401, "bad_signature");

    // The genuine one still goes through (the forgeries did not burn its nonce)...
    let good = worker.heartbeat(nonce, now);
    assert_eq!(running.post(good.encode()).await.0, 200);
    // ...and replaying it is refused.
    assert_refused(
        running.post(good.encode()).await,
        409,
        "unknown_or_replayed_nonce",
    );

    // Someone else's GPUs.
    let nonce = running.nonce(&worker.key.pubkey()).await;
    let mut wrong_hardware = worker.heartbeat(nonce, now);
    wrong_hardware.message.gpus = other.probe.gpus();
    let wrong_hardware = wrong_hardware.message.sign(&worker.key);
    assert_refused(
        running.post(wrong_hardware.encode()).await,
        403,
        "hardware_mismatch",
    );

    // A stale challenge: fetched, then used after its two minutes.
    let nonce = running.nonce(&other.key.pubkey()).await;
    running.service.set_time(now + 121);
    assert_refused(
        running
            .post(other.heartbeat(nonce, now + 121).encode())
            .await,
        409,
        "stale_nonce",
    );
    // A clock more than a minute off.
    let nonce = running.nonce(&other.key.pubkey()).await;
    assert_refused(
        running
            .post(other.heartbeat(nonce, now + 200).encode())
            .await,
        422,
        "wrong_epoch",
    );

    // An unknown device gets neither a challenge nor credit.
    let stranger = Keypair::new();
    assert_refused(
        running
            .get(&format!("/v1/challenge/{}", stranger.pubkey()))
            .await,
        404,
        "unknown_device",
    );
    let unknown = HeartbeatMessage {
        device_key: stranger.pubkey(),
        ..worker.heartbeat([0; 16], now).message
    }
    .sign(&stranger);
    assert_refused(running.post(unknown.encode()).await, 404, "unknown_device");

    // Bodies that are not heartbeats at all.
    assert_refused(
        running.post(b"{\"json\": true}".to_vec()).await,
        400,
        "malformed_body",
    );
    assert_refused(running.post(Vec::new()).await, 400, "malformed_body");
    let mut trailing = good.encode();
    trailing.push(0);
    assert_refused(running.post(trailing).await, 400, "malformed_body");
    assert_refused(running.post(vec![7u8; 4_097]).await, 413, "body_too_large");
    // Oversized without a Content-Length (chunked): refused while reading.
    assert_eq!(chunked_post(&running.url, 20, 1_000).await, 413);
    // Broken chunking is not "too large": the body could not be read.
    assert_eq!(broken_chunked_post(&running.url).await, 400);
    // Not a public key; not a route.
    assert_refused(
        running.get("/v1/challenge/not-a-key").await,
        400,
        "bad_device_key",
    );
    assert_refused(running.get("/v1/nothing").await, 404, "no_such_route");
    assert_refused(
        running.get("/v1/heartbeat").await,
        405,
        "method_not_allowed",
    );

    let metrics = running.metrics().await;
    for (reason, count) in [
        ("bad_signature", 2),
        ("unknown_or_replayed_nonce", 1),
        ("hardware_mismatch", 1),
        ("stale_nonce", 1),
        ("wrong_epoch", 1),
        ("unknown_device", 2),
        ("malformed_body", 3),
        ("unreadable_body", 1),
        ("body_too_large", 2),
        ("bad_device_key", 1),
        ("no_such_route", 1),
        ("method_not_allowed", 1),
    ] {
        let line = format!("io_keeper_rejections_total{{reason=\"{reason}\"}} {count}");
        assert!(metrics.contains(&line), "missing {line} in\n{metrics}");
    }
    assert!(metrics.contains("io_keeper_heartbeats_accepted_total 1"));
    // Still serving after all that.
    assert_eq!(running.get("/healthz").await.0, 200);
    running.stop().await;
}

/// Posts a chunked body whose chunk size is not hex; the status code.
async fn broken_chunked_post(url: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!(
        "POST /v1/heartbeat HTTP/1.1\r\nHost: {address}\r\nTransfer-Encoding: chunked\r\n\r\n\
         zz\r\nxx\r\n0\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 1024];
    let read = stream.read(&mut answer).await.unwrap();
    let head = String::from_utf8_lossy(&answer[..read]);
    assert!(head.contains("unreadable_body"), "{head}");
    head.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Posts `chunks` chunks of `size` bytes with chunked transfer encoding; the status code.
async fn chunked_post(url: &str, chunks: usize, size: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut request = format!(
        "POST /v1/heartbeat HTTP/1.1\r\nHost: {address}\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .into_bytes();
    for _ in 0..chunks {
        request.extend_from_slice(format!("{size:x}\r\n").as_bytes());
        request.extend(std::iter::repeat_n(b'x', size));
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    // The server may answer and close before reading everything.
    let _ = stream.write_all(&request).await;
    let mut answer = vec![0u8; 1024];
    let read = stream.read(&mut answer).await.unwrap();
    let head = String::from_utf8_lossy(&answer[..read]);
    head.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test]
async fn each_device_is_rate_limited_separately() {
    let dir = tempfile::tempdir().unwrap();
    let running = Running::start(&dir.path().join("db"), 3).await;
    let noisy = Worker::register(&running.service, 1);
    let quiet = Worker::register(&running.service, 2);
    let now = running.service.now();
    // Challenges are not limited: a device has one live nonce, asking again returns it.
    let nonce = running.nonce(&noisy.key.pubkey()).await;
    for _ in 0..10 {
        assert_eq!(running.nonce(&noisy.key.pubkey()).await, nonce);
    }
    // Three authenticated heartbeats a minute (one counts, two find the slot taken)...
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let nonce = running.nonce(&noisy.key.pubkey()).await;
        let response = running
            .http
            .post(format!("{}/v1/heartbeat", running.url))
            .body(noisy.heartbeat(nonce, now).encode())
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
        if response.status().as_u16() == 429 {
            assert_eq!(response.headers()["retry-after"], "20");
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"], "rate_limited");
        }
    }
    assert_eq!(statuses, [200, 409, 409, 429]);
    // Forgeries carrying the quiet device's (public) live nonce are refused for their signature
    // and spend none of its budget; replays are refused before that.
    let quiet_nonce = running.nonce(&quiet.key.pubkey()).await;
    for _ in 0..5 {
        let mut forged = quiet.heartbeat(quiet_nonce, now);
        forged.signature = [1; 64];
        assert_refused(running.post(forged.encode()).await, 401, "bad_signature");
    }
    let genuine = quiet.heartbeat(quiet_nonce, now);
    assert_eq!(running.post(genuine.encode()).await.0, 200);
    for _ in 0..5 {
        assert_refused(
            running.post(genuine.encode()).await,
            409,
            "unknown_or_replayed_nonce",
        );
    }
    for _ in 0..2 {
        let nonce = running.nonce(&quiet.key.pubkey()).await;
        assert_refused(
            running.post(quiet.heartbeat(nonce, now).encode()).await,
            409,
            "slot_already_counted",
        );
    }
    assert!(running
        .metrics()
        .await
        .contains("io_keeper_rejections_total{reason=\"rate_limited\"} 1"));
    // The bucket refills on the service's clock.
    running.service.set_time(now + 20);
    let nonce = running.nonce(&noisy.key.pubkey()).await;
    assert_refused(
        running
            .post(noisy.heartbeat(nonce, now + 20).encode())
            .await,
        409,
        "slot_already_counted",
    );
    running.stop().await;
}
