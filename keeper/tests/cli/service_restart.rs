//! The deployment shape on one machine: the embedded chain behind a JSON-RPC endpoint in this
//! process, `io-keeper serve` as a separate process talking to it over RPC, and simulated
//! workers posting heartbeats over HTTP. The service is killed with SIGKILL while under load,
//! restarted on the same database, and must have lost no heartbeat it acknowledged; after the
//! epoch closes it attests each device once, and a further kill and restart submits nothing
//! again.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anchor_lang::prelude::Pubkey;
use io_chain::fetch;
use io_emission::schedule;
use io_localchain::local::LocalChain;
use io_localnet::{bootstrap_local, register_simulated, LocalDeployment, SimulatedDevice};
use io_staking::state::{Device, StakingConfig};
use io_worker::probe::{Outcome, ProbeClient, SendError, SimulatedProbe};
use serde_json::Value;
use solana_signer::Signer;
use tokio::sync::watch;

const DEVICES: usize = 60;

struct Serve {
    child: Child,
    url: String,
}

fn start_serve(args: &[String]) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_io-keeper"))
        .arg("serve")
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start io-keeper serve");
    let mut first_line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut first_line).unwrap();
    // Keep reading so the service never writes into a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let url = first_line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("serve did not start: {first_line:?}"))
        .to_string();
    Serve { child, url }
}

async fn get_json(url: &str) -> Value {
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

async fn metric(url: &str, name: &str) -> u64 {
    let text = reqwest::get(format!("{url}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
        .parse()
        .unwrap()
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_under_load_loses_no_acknowledged_heartbeat_and_attests_once() {
    // Ten minutes into epoch 1 by the wall clock, which the service uses for heartbeats.
    let genesis = unix_now() - 600;
    let chain = Arc::new(LocalChain::start(genesis - 3_600).await);
    // The bootstrap bonded the keeper with its own key as vote key: `serve` votes with its fee
    // payer's key when given no vote key.
    let LocalDeployment {
        keeper, addresses, ..
    } = bootstrap_local(&chain, genesis).await.unwrap();
    chain.set_time(unix_now()).await;
    let config: StakingConfig = fetch(chain.as_ref(), &addresses.config)
        .await
        .unwrap()
        .unwrap();
    let mut devices: Vec<SimulatedDevice> = Vec::with_capacity(DEVICES);
    for i in 0..DEVICES {
        let gpus = SimulatedProbe::new(1, i as u64).gpus();
        devices.push(
            register_simulated(&chain, &addresses, &config, "H100", gpus)
                .await
                .unwrap(),
        );
    }

    let (rpc, _) = io_localnode::spawn_local(chain.clone()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keypair_path = dir.path().join("keeper.json");
    std::fs::write(
        &keypair_path,
        serde_json::to_string(&keeper.to_bytes().to_vec()).unwrap(),
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let args: Vec<String> = [
        "--rpc-url",
        &format!("http://{rpc}"),
        "--keypair",
        keypair_path.to_str().unwrap(),
        "--mint",
        &chain.mint().to_string(),
        "--listen",
        &format!("127.0.0.1:{port}"),
        "--db",
        dir.path().join("tally.redb").to_str().unwrap(),
        "--heartbeats-per-epoch",
        "60",
        "--uptime-threshold-percent",
        "1",
        "--rate-limit-per-minute",
        "100000",
        "--poll-seconds",
        "1",
        "--registry-refresh-seconds",
        "1",
        "--crank",
        "--index-db",
        dir.path().join("index.redb").to_str().unwrap(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();

    let mut serve = start_serve(&args);
    let url = serve.url.clone();

    // Load: every worker keeps posting (one heartbeat per one-minute slot counts; the rest are
    // answered "already counted"). Only a 200 "accepted" is an acknowledged heartbeat.
    let acknowledged: Arc<Mutex<BTreeSet<(Pubkey, u32, u32)>>> = Arc::default();
    let counted: Arc<Mutex<BTreeSet<Pubkey>>> = Arc::default();
    let (stop_load, load_stopped) = watch::channel(false);
    let mut load = Vec::new();
    for device in &devices {
        let client = ProbeClient::new(&url, device.device_key.insecure_clone());
        let gpus = device.gpus.clone();
        let acknowledged = acknowledged.clone();
        let counted = counted.clone();
        let stopped = load_stopped.clone();
        load.push(tokio::spawn(async move {
            let mut requests = 0u32;
            while !*stopped.borrow() {
                requests += 1;
                match client.heartbeat(&gpus, unix_now()).await {
                    Ok(Outcome::Accepted { epoch, slot, .. }) => {
                        acknowledged
                            .lock()
                            .unwrap()
                            .insert((client.device_key(), epoch, slot));
                        counted.lock().unwrap().insert(client.device_key());
                    }
                    // Stored, though perhaps the acknowledgment was lost in the kill.
                    Ok(Outcome::AlreadyCounted { .. }) => {
                        counted.lock().unwrap().insert(client.device_key());
                    }
                    Err(_) => {}
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            requests
        }));
    }
    // Kill as soon as half the devices have an acknowledged heartbeat: the other half are
    // being verified and stored at that moment.
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < DEVICES / 2 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no load got through"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    println!("{:?}: killing under load", started.elapsed());
    serve.child.kill().unwrap(); // SIGKILL
    serve.child.wait().unwrap();
    let killed_with = acknowledged.lock().unwrap().len();
    // The workers keep trying against the dead service for a moment.
    tokio::time::sleep(Duration::from_millis(200)).await;

    let mut serve = start_serve(&args);
    // Every heartbeat acknowledged before the kill is in the restarted service's tally.
    let before_restart: BTreeSet<(Pubkey, u32, u32)> = acknowledged.lock().unwrap().clone();
    assert!(before_restart.len() >= killed_with);
    for (key, epoch, slot) in &before_restart {
        let uptime = get_json(&format!("{}/v1/devices/{key}/uptime", serve.url)).await;
        let entry = uptime["epochs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["epoch"] == *epoch)
            .unwrap_or_else(|| panic!("epoch {epoch} of {key} lost: {uptime}"));
        let slots = u64::from_str_radix(entry["slots"].as_str().unwrap(), 2).unwrap();
        assert!(
            slots & (1 << slot) != 0,
            "slot {slot} of {key} lost: {uptime}"
        );
    }
    // Let the restarted service take load until every device has a heartbeat in.
    let started = Instant::now();
    while counted.lock().unwrap().len() < DEVICES {
        assert!(started.elapsed() < Duration::from_secs(60), "workers stuck");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    println!("{:?}: every device has a heartbeat in", started.elapsed());
    stop_load.send(true).unwrap();
    let mut requests = 0;
    for task in load {
        requests += task.await.unwrap();
    }
    println!(
        "{requests} heartbeat attempts; {killed_with} acknowledged before SIGKILL, all restored"
    );

    // Move the chain past epoch 1 and the tolerance for late heartbeats. The service (run with
    // --crank) closes the epoch itself, votes for the root of epoch 1 (every device up: each
    // earned at least the 1% threshold) and settles every device from it exactly once.
    let epoch_one_end = schedule::epoch_end(genesis, 1).unwrap();
    chain.set_time(epoch_one_end + 61).await;
    let started = Instant::now();
    while get_json(&format!("{}/healthz", serve.url)).await["last_attested_epoch"] != 1 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "epoch 1 never attested"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!("{:?}: epoch 1 closed and attested", started.elapsed());
    assert_eq!(
        metric(&serve.url, "io_keeper_epochs_cranked_total").await,
        1
    );
    assert_eq!(
        metric(&serve.url, "io_keeper_attested_devices_total").await,
        DEVICES as u64
    );
    // Commit (with the ballot's opening) and vote, a settle per device, and the ballot's close.
    assert_eq!(
        metric(&serve.url, "io_keeper_attest_transactions_total").await,
        DEVICES as u64 + 3
    );
    assert_eq!(
        metric(&serve.url, "io_keeper_attest_failures_total").await,
        0
    );
    let mut attested_at: BTreeMap<Pubkey, u32> = BTreeMap::new();
    for device in &devices {
        let state: Device = fetch(chain.as_ref(), &device.device)
            .await
            .unwrap()
            .unwrap();
        attested_at.insert(device.device, state.last_attested_epoch);
    }
    assert!(
        attested_at.values().all(|epoch| *epoch == 1),
        "{attested_at:?}"
    );

    // Epoch 1 is attested for good: a late heartbeat for it is refused, not silently dropped.
    let late = ProbeClient::new(&serve.url, devices[1].device_key.insecure_clone())
        .heartbeat(&devices[1].gpus, unix_now())
        .await;
    match late {
        Err(SendError::Retry(message)) => {
            assert!(message.contains("422 wrong_epoch"), "{message}");
            assert!(message.contains("already attested"), "{message}");
        }
        other => panic!("a heartbeat for an attested epoch was not refused: {other:?}"),
    }

    // Kill and restart once more: the records say epoch 1 is done, nothing is sent again.
    serve.child.kill().unwrap();
    serve.child.wait().unwrap();
    let mut serve = start_serve(&args);
    tokio::time::sleep(Duration::from_millis(2_500)).await; // two attestation passes
    let health = get_json(&format!("{}/healthz", serve.url)).await;
    assert_eq!(health["last_attested_epoch"], 1, "{health}");
    assert_eq!(
        metric(&serve.url, "io_keeper_attest_transactions_total").await,
        0
    );
    assert_eq!(
        metric(&serve.url, "io_keeper_attest_failures_total").await,
        0
    );
    let uptime = get_json(&format!(
        "{}/v1/devices/{}/uptime",
        serve.url,
        devices[0].device_key.pubkey()
    ))
    .await;
    assert_eq!(uptime["epochs"][0]["attested"], true, "{uptime}");
    // The root, observation and proofs survived the kill with the store.
    let leaves: Vec<Pubkey> = devices.iter().map(|d| d.device).collect();
    crate::keeper_api::assert_serves_the_final_root(&serve.url, &chain, &addresses, 1, &leaves)
        .await;
    // `claim-all` asks the keepers for proofs (a dead one first) and settles before claiming:
    // nothing to settle here (the keeper settled every device), and the claim pays.
    let owner = &devices[0];
    let owner_keypair = crate::write_keypair(dir.path(), "owner", &owner.owner);
    let (ok, out) = crate::run_cli(
        vec![
            "claim-all".into(),
            "--rpc-url".into(),
            format!("http://{rpc}"),
            "--keypair".into(),
            owner_keypair.display().to_string(),
            "--mint".into(),
            chain.mint().to_string(),
            "--owner-keypair".into(),
            owner_keypair.display().to_string(),
            "--token-account".into(),
            owner.owner_token.to_string(),
            "--keeper-url".into(),
            format!("http://127.0.0.1:9,{}", serve.url),
        ],
        dir.path().into(),
    )
    .await;
    assert!(ok, "{out}");
    assert!(
        out.contains("settled 0 of 1 device(s) from the keepers' proofs"),
        "{out}"
    );

    // The indexer (--index-db) followed the chain over RPC through both kills: epoch 1 minted,
    // closed, its root final and every device settled once, every device's history once.
    let started = Instant::now();
    let epochs = loop {
        let epochs = get_json(&format!("{}/v1/epochs", serve.url)).await;
        if epochs[0]["attested_devices"] == DEVICES as u64 {
            break epochs;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "epoch 1 not indexed: {epochs}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(epochs.as_array().unwrap().len(), 1, "{epochs}");
    assert_eq!(epochs[0]["epoch"], 1);
    assert_eq!(epochs[0]["minted"], "456621004566");
    assert!(epochs[0]["closed_at"].is_i64(), "{epochs}");
    let history = get_json(&format!(
        "{}/v1/devices/{}/history",
        serve.url,
        devices[0].device_key.pubkey()
    ))
    .await;
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["kind"].as_str().unwrap())
        .collect();
    // Newest first, as a supplier reads a history.
    assert_eq!(kinds, ["settled", "staked", "registered"], "{history}");

    // SIGTERM: a graceful stop.
    unsafe {
        libc::kill(serve.child.id() as i32, libc::SIGTERM);
    }
    let status = serve.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}
