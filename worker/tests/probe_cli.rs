//! `io-worker probe` as an operator runs it on a machine without an NVIDIA driver.

use assert_cmd::Command;

#[test]
fn inspect_without_a_driver_exits_non_zero_with_a_clear_message() {
    let output = Command::cargo_bin("io-worker")
        .unwrap()
        // A library name that cannot exist, so the test means the same on a GPU machine.
        .args([
            "probe",
            "--inspect",
            "--nvml-library",
            "libnvidia-ml-absent.so.1",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no NVIDIA driver found"), "{stderr}");
    assert!(stderr.contains("--simulate"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing half-printed");
}

#[test]
fn inspect_with_the_default_library_on_this_driverless_machine_says_so() {
    if std::path::Path::new("/proc/driver/nvidia").exists() {
        return; // a real GPU machine: the NVML path is checked by hand there
    }
    let output = Command::cargo_bin("io-worker")
        .unwrap()
        .args(["probe", "--inspect"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("libnvidia-ml.so.1"), "{stderr}");
}

fn inspect_simulated(seed: &str) -> std::process::Output {
    Command::cargo_bin("io-worker")
        .unwrap()
        .args([
            "probe",
            "--inspect",
            "--simulate",
            "2",
            "--simulate-seed",
            seed,
        ])
        .output()
        .unwrap()
}

#[test]
fn simulated_inspection_is_labelled_on_every_line() {
    let output = inspect_simulated("9");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().count() > 10);
    assert!(
        stdout.lines().all(|l| l.starts_with("[SIMULATED]")),
        "{stdout}"
    );
    assert!(stdout.contains("hardware hash"));
    // The same seed is the same hardware: the hash registration needs is stable.
    let again = inspect_simulated("9");
    let hash = |text: &str| {
        text.lines()
            .find(|l| l.contains("hardware hash"))
            .map(str::to_string)
    };
    assert_eq!(
        hash(&stdout),
        hash(&String::from_utf8(again.stdout).unwrap())
    );
}

#[test]
fn the_worker_mode_needs_a_keeper_and_a_key() {
    let output = Command::cargo_bin("io-worker")
        .unwrap()
        .args(["probe", "--simulate", "1"])
        .env_remove("IO_KEEPER_URL")
        .env_remove("IO_DEVICE_KEYPAIR")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--keeper-url"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_simulated_worker_process_delivers_one_heartbeat_with_once() {
    use solana_signer::Signer;

    let dir = tempfile::tempdir().unwrap();
    let device = solana_keypair::Keypair::new();
    // Ten minutes into epoch 1 by the wall clock, which the probe signs with.
    let (service, url) = keeper_knowing(&device, &dir.path().join("tally.redb")).await;
    let keypair = device_keypair_file(dir.path(), &device);

    let output = probe_once(keypair.clone(), url.clone(), "42").await;
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("[SIMULATED] heartbeat accepted: epoch 1"),
        "{stdout}"
    );
    assert_eq!(service.verifier.heartbeats(1, &device.pubkey()), 1);

    // Other hardware under the same key: refused, and `--once` gives up with a non-zero exit.
    let output = probe_once(keypair, url, "43").await;
    assert!(!output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("REFUSED"), "{stdout}");
    assert!(stdout.contains("hardware_mismatch"), "{stdout}");
}

#[test]
fn register_signs_a_consent_line_for_the_probed_gpus() {
    use solana_signer::Signer;
    let dir = tempfile::tempdir().unwrap();
    let key = solana_keypair::Keypair::new();
    let key_file = dir.path().join("device.json");
    std::fs::write(&key_file, format!("{:?}", key.to_bytes().to_vec())).unwrap();
    let out_file = dir.path().join("consent.txt");
    let owner = solana_pubkey::Pubkey::new_unique();
    let config = solana_pubkey::Pubkey::new_unique();
    let output = Command::cargo_bin("io-worker")
        .unwrap()
        .args(["register", "--owner", &owner.to_string(), "--config"])
        .arg(config.to_string())
        .args(["--model-id", "3", "--simulate", "2", "--simulate-seed", "9"])
        .args([
            "--gpu-count",
            "2",
            "--expires-at",
            "1800000000",
            "--device-keypair",
        ])
        .arg(&key_file)
        .arg("--out")
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.starts_with("io-consent-v1:"))
        .expect("the consent line");
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        format!("{line}\n")
    );
    let (consent, _signature) = io_consent::from_text(line).unwrap();
    assert_eq!(consent.owner, owner.to_bytes());
    assert_eq!(consent.config, config.to_bytes());
    assert_eq!(consent.device_key, key.pubkey().to_bytes());
    assert_eq!((consent.model_id, consent.gpu_count), (3, 2));
    assert_eq!(consent.expires_at, 1_800_000_000);
    // The same GPUs as `probe --inspect` reports.
    let inspect = String::from_utf8(inspect_simulated("9").stdout).unwrap();
    let hash: String = consent
        .hardware_hash
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(inspect.contains(&hash), "{inspect}");
    assert!(stdout.contains("[SIMULATED]"), "{stdout}");

    // More GPUs than the probe sees is refused before anything is signed.
    let output = Command::cargo_bin("io-worker")
        .unwrap()
        .args(["register", "--owner", &owner.to_string(), "--config"])
        .arg(config.to_string())
        .args([
            "--model-id",
            "3",
            "--simulate",
            "2",
            "--gpu-count",
            "3",
            "--device-keypair",
        ])
        .arg(&key_file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("--gpu-count 3"));
}

/// A keeper's service on a loopback port, in process, that knows `device` with the SIMULATED
/// GPUs of seed 42; its URL.
async fn keeper_knowing(
    device: &solana_keypair::Keypair,
    db: &std::path::Path,
) -> (std::sync::Arc<io_attestation::Service>, String) {
    use io_attestation::verifier::{hardware_hash, HeartbeatPolicy, RegisteredDevice};
    use io_attestation::{HttpLimits, Service, ServiceClock, ServiceConfig};
    use solana_signer::Signer;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let service = Service::open(
        ServiceConfig {
            policy: HeartbeatPolicy::new(now - 600),
            uptime_threshold_percent: 90,
            max_body_bytes: io_attestation::DEFAULT_MAX_BODY_BYTES,
            rate_limit_per_minute: 30,
            http: HttpLimits::default(),
        },
        db,
        ServiceClock::Wall,
    )
    .unwrap();
    service.verifier.register(
        device.pubkey(),
        RegisteredDevice {
            account: anchor_lang::prelude::Pubkey::new_unique(),
            hardware_hash: hardware_hash(&io_worker::probe::SimulatedProbe::new(2, 42).gpus()),
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (_, never_stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(service.clone().run(listener, None, never_stopped));
    (service, url)
}

/// The device's keypair as a Solana CLI file in `dir`.
fn device_keypair_file(
    dir: &std::path::Path,
    device: &solana_keypair::Keypair,
) -> std::path::PathBuf {
    let path = dir.join("device.json");
    std::fs::write(
        &path,
        serde_json::to_string(&device.to_bytes().to_vec()).unwrap(),
    )
    .unwrap();
    path
}

/// `io-worker probe --once` with the SIMULATED GPUs of `seed`, to `keepers`.
async fn probe_once(
    keypair: std::path::PathBuf,
    keepers: String,
    seed: &str,
) -> std::process::Output {
    let seed = seed.to_string();
    tokio::task::spawn_blocking(move || {
        Command::cargo_bin("io-worker")
            .unwrap()
            .args([
                "probe",
                "--once",
                "--simulate",
                "2",
                "--simulate-seed",
                &seed,
            ])
            .args(["--attempts", "2", "--keeper-url", &keepers])
            .arg("--device-keypair")
            .arg(&keypair)
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_heartbeat_to_three_keepers_one_down_is_counted_by_the_other_two() {
    use solana_signer::Signer;
    let dir = tempfile::tempdir().unwrap();
    let device = solana_keypair::Keypair::new();
    let (first, first_url) = keeper_knowing(&device, &dir.path().join("a.redb")).await;
    let (second, second_url) = keeper_knowing(&device, &dir.path().join("b.redb")).await;
    // A port nobody listens on: that keeper is down.
    let down = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let down_url = format!("http://{}", down.local_addr().unwrap());
    drop(down);
    let keypair = device_keypair_file(dir.path(), &device);
    let output = probe_once(
        keypair,
        format!("{first_url},{down_url},{second_url}"),
        "42",
    )
    .await;
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    for (service, url) in [(&first, &first_url), (&second, &second_url)] {
        assert_eq!(service.verifier.heartbeats(1, &device.pubkey()), 1);
        assert!(
            stdout.contains(&format!("[{url}] [SIMULATED] heartbeat accepted: epoch 1")),
            "{stdout}"
        );
    }
    assert!(
        stdout.contains(&format!("[{down_url}] [SIMULATED] heartbeat not delivered")),
        "{stdout}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_keeper_url_is_named_as_such() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // Some other web server: it answers 404 in plain text.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 1024];
            let _ = socket.read(&mut request).await;
            let _ = socket
                .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 9\r\nconnection: close\r\n\r\nnot found")
                .await;
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let keypair = device_keypair_file(dir.path(), &solana_keypair::Keypair::new());
    let output = probe_once(keypair, url.clone(), "42").await;
    assert!(!output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("not_a_keeper"), "{stdout}");
    assert!(
        stdout.contains(&format!("{url} answered 404 without a keeper's JSON")),
        "{stdout}"
    );
}
