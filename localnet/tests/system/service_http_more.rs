//! The attestation service over loopback HTTP, continued: restarts, random bodies, the worker's
//! probe loop against the real service, and load shedding.

use io_attestation::HttpLimits;
use io_worker::probe::{ProbeClient, SendError, SimulatedProbe};
use rand::{Rng, SeedableRng};
use serde_json::Value;
use solana_keypair::Keypair;
use solana_signer::Signer;

use super::service_http::{Running, Worker, GENESIS};

#[tokio::test]
async fn the_tally_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let key;
    {
        let running = Running::start(&db, 30).await;
        let worker = Worker::register(&running.service, 1);
        let client = worker.client(&running);
        for slot in 0..3 {
            let now = GENESIS + 10 + slot * 300;
            running.service.set_time(now);
            client.heartbeat(&worker.probe.gpus(), now).await.unwrap();
        }
        key = worker.key.pubkey();
        running.stop().await;
    }
    let running = Running::start(&db, 30).await;
    assert_eq!(running.service.verifier.slots(1, &key), 0b111);
    running.stop().await;
}

#[tokio::test]
async fn random_bodies_get_4xx_and_the_service_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    let running = Running::start(&dir.path().join("db"), 30).await;
    let worker = Worker::register(&running.service, 1);
    let nonce = running.nonce(&worker.key.pubkey()).await;
    let valid = worker.heartbeat(nonce, running.service.now()).encode();
    let mut rng = rand::rngs::StdRng::seed_from_u64(6);
    for i in 0..500 {
        let body = if i % 2 == 0 {
            let len = rng.random_range(0..600);
            (0..len).map(|_| rng.random()).collect()
        } else {
            // Mutations of a valid body reach deeper into the decoder and the checks.
            let mut body = valid.clone();
            let at = rng.random_range(0..body.len());
            body[at] ^= 1 << rng.random_range(0..8);
            body.truncate(rng.random_range(at..=body.len()));
            body
        };
        let (status, answer) = running.post(body).await;
        assert!((400..500).contains(&status), "{status} {answer}");
        assert!(answer["error"].is_string(), "{answer}");
    }
    assert_eq!(
        running.post(valid).await.0,
        200,
        "the valid body still counts"
    );
    running.stop().await;
}

#[test]
fn the_probe_reports_an_unreachable_service_as_retryable() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = ProbeClient::new("http://127.0.0.1:9", Keypair::new());
    let error = runtime
        .block_on(client.heartbeat(&SimulatedProbe::new(1, 1).gpus(), GENESIS))
        .unwrap_err();
    assert!(matches!(error, SendError::Retry(_)), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_probe_loop_sends_one_heartbeat_per_slot_and_labels_simulation() {
    let dir = tempfile::tempdir().unwrap();
    let running = Running::start(&dir.path().join("db"), 30).await;
    let worker = Worker::register(&running.service, 1);
    // The loop signs with the wall clock: put the service's clock there too.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    running.service.set_time(now);
    let epoch_of_now = running.service.config.policy.position(now);
    if epoch_of_now.is_none() {
        return; // the wall clock is outside this test's schedule: nothing to check
    }
    let backoff = io_worker::backoff::Backoff::default();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let client = worker.client(&running);
    let probe = SimulatedProbe::new(2, 1);
    let looping = tokio::spawn(async move {
        let mut out = Vec::new();
        io_worker::probe::run(&probe, &client, &backoff, false, stopped, &mut out)
            .await
            .unwrap();
        String::from_utf8(out).unwrap()
    });
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    stop.send(true).unwrap();
    let printed = looping.await.unwrap();
    assert_eq!(printed.lines().count(), 1, "{printed}");
    assert!(
        printed.starts_with("[SIMULATED] heartbeat accepted"),
        "{printed}"
    );
    let metrics = running.metrics().await;
    assert!(
        metrics.contains("io_keeper_heartbeats_accepted_total 1"),
        "{metrics}"
    );
    assert!(
        !metrics.contains("slot_already_counted"),
        "the loop did not post again within the slot"
    );
    running.stop().await;
}

#[tokio::test]
async fn load_is_shed_and_slow_requests_time_out() {
    use io_attestation::router_with_limits;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let dir = tempfile::tempdir().unwrap();
    let running = Running::start(&dir.path().join("db"), 30).await;
    let serve = |limits: HttpLimits| {
        let app = router_with_limits(running.service.clone(), limits);
        async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let address = listener.local_addr().unwrap();
            tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
            address
        }
    };
    // No room at all: every request is shed with a reason, at once.
    let full = serve(HttpLimits {
        max_in_flight: 0,
        request_timeout: std::time::Duration::from_secs(10),
    })
    .await;
    let response = reqwest::get(format!("http://{full}/healthz"))
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "overloaded");

    // A body that never finishes arriving is cut off after the timeout.
    let slow = serve(HttpLimits {
        max_in_flight: 16,
        request_timeout: std::time::Duration::from_millis(300),
    })
    .await;
    let mut stream = tokio::net::TcpStream::connect(slow).await.unwrap();
    stream
        .write_all(b"POST /v1/heartbeat HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\npartial")
        .await
        .unwrap();
    let mut answer = vec![0u8; 1024];
    let read = stream.read(&mut answer).await.unwrap();
    let head = String::from_utf8_lossy(&answer[..read]);
    assert!(head.starts_with("HTTP/1.1 408"), "{head}");
    assert!(head.contains("request_timeout"), "{head}");
    let metrics = running.metrics().await;
    assert!(metrics.contains("io_keeper_rejections_total{reason=\"overloaded\"} 1"));
    assert!(metrics.contains("io_keeper_rejections_total{reason=\"request_timeout\"} 1"));
    running.stop().await;
}
