//! Load benchmark of the attestation service over loopback: this process runs `io-keeper
//! serve`'s service (verifier, redb tally with fsync'd group commits, HTTP) and starts a
//! second process, the load generator, which fetches challenges, signs heartbeats and posts
//! them over keep-alive HTTP/1.1 connections. Prints accepted heartbeats per second and the
//! latency percentiles of the posting phase, plus the challenge and signing phases on their own.
//!
//! `cargo bench -p io-localnet --bench heartbeat_load`
//! Environment: IO_BENCH_DEVICES (default 100000), IO_BENCH_CONNECTIONS (default 128).
//!
//! Both processes share this machine's cores, so the figure is a floor for a service that
//! has the machine to itself.

use std::time::{Duration, Instant};

use anchor_lang::prelude::Pubkey;
use io_attestation::verifier::{
    hardware_hash, HeartbeatMessage, HeartbeatPolicy, RegisteredDevice,
};
use io_attestation::{HttpLimits, Service, ServiceClock, ServiceConfig};
use io_worker::probe::{parse_nonce, SimulatedProbe};
use sha2::{Digest, Sha256};
use solana_keypair::Keypair;
use solana_signer::Signer;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn device_key(index: usize) -> Keypair {
    let seed: [u8; 32] = Sha256::digest(format!("io-keeper bench device {index}")).into();
    Keypair::new_from_array(seed)
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn main() {
    // `cargo bench` passes `--bench`; the role comes from the environment.
    if std::env::var("IO_BENCH_ROLE").as_deref() == Ok("client") {
        client();
    } else {
        server();
    }
}

fn server() {
    let devices = setting("IO_BENCH_DEVICES", 100_000);
    let connections = setting("IO_BENCH_CONNECTIONS", 128);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Slot 0 of epoch 1 starts now and lasts five minutes: every device earns one slot.
    let genesis = unix_now() - 1;
    let config = ServiceConfig {
        policy: HeartbeatPolicy {
            nonce_ttl_seconds: 600,
            ..HeartbeatPolicy::new(genesis)
        },
        uptime_threshold_percent: 90,
        max_body_bytes: io_attestation::DEFAULT_MAX_BODY_BYTES,
        rate_limit_per_minute: 1_000,
        http: HttpLimits::default(),
    };
    let service = Service::open(config, &dir.path().join("tally.redb"), ServiceClock::Wall)
        .expect("open the tally");
    let registering = Instant::now();
    for index in 0..devices {
        service.verifier.register(
            device_key(index).pubkey(),
            RegisteredDevice {
                account: Pubkey::new_unique(),
                hardware_hash: hardware_hash(&SimulatedProbe::new(1, index as u64).gpus()),
            },
        );
    }
    eprintln!(
        "server: {devices} devices registered in {:.1} s",
        registering.elapsed().as_secs_f64()
    );
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let address = listener.local_addr().unwrap();
    let (_, never_stopped) = tokio::sync::watch::channel(false);
    runtime.spawn(service.clone().run(listener, None, never_stopped));

    let cpu_before = cpu_seconds();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .env("IO_BENCH_ROLE", "client")
        .env("IO_BENCH_ADDRESS", address.to_string())
        .env("IO_BENCH_DEVICES", devices.to_string())
        .env("IO_BENCH_CONNECTIONS", connections.to_string())
        .status()
        .expect("start the load generator");
    assert!(status.success(), "load generator failed: {status:?}");
    let accepted = service.metrics.heartbeats_accepted.get();
    let server_cpu = cpu_seconds() - cpu_before;
    let stats = service.store.commit_stats();
    let commits = stats.commits.load(std::sync::atomic::Ordering::Relaxed);
    println!(
        "server: {commits} fsync'd commits, {:.1} heartbeats per commit",
        accepted as f64 / commits.max(1) as f64
    );
    println!("server: {accepted} heartbeats verified and stored (fsync'd group commits)");
    println!(
        "server: {:.1} µs of CPU per challenge + heartbeat pair ({:.2} CPU-seconds in all)",
        server_cpu * 1e6 / devices as f64,
        server_cpu
    );
    assert_eq!(accepted as usize, devices, "every heartbeat accepted");
}

/// One keep-alive HTTP/1.1 connection; requests one at a time.
struct Connection {
    stream: BufReader<TcpStream>,
    host: String,
}

impl Connection {
    async fn open(address: &str) -> Self {
        let stream = TcpStream::connect(address).await.unwrap();
        stream.set_nodelay(true).unwrap();
        Self {
            stream: BufReader::new(stream),
            host: address.to_string(),
        }
    }

    async fn request(&mut self, head: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let mut request = format!(
            "{head} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n\r\n",
            self.host,
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body);
        self.stream.get_mut().write_all(&request).await.unwrap();
        let mut line = String::new();
        self.stream.read_line(&mut line).await.unwrap();
        let status: u16 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        let mut length = 0usize;
        loop {
            line.clear();
            self.stream.read_line(&mut line).await.unwrap();
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap();
                }
            }
        }
        let mut answer = vec![0u8; length];
        self.stream.read_exact(&mut answer).await.unwrap();
        (status, answer)
    }
}

/// Sends `requests` (request line, body) over keep-alive connections, `per_connection` each,
/// one at a time per connection; every answer must be 200. Answers and latencies, in order.
fn exchange(
    runtime: &tokio::runtime::Runtime,
    address: &str,
    requests: Vec<(String, Vec<u8>)>,
    per_connection: usize,
) -> Vec<(Vec<u8>, Duration)> {
    runtime.block_on(async {
        let mut tasks = Vec::new();
        let mut requests = requests.into_iter().peekable();
        while requests.peek().is_some() {
            let chunk: Vec<(String, Vec<u8>)> = requests.by_ref().take(per_connection).collect();
            let address = address.to_string();
            tasks.push(tokio::spawn(async move {
                let mut connection = Connection::open(&address).await;
                let mut answers = Vec::with_capacity(chunk.len());
                for (head, body) in chunk {
                    let sent = Instant::now();
                    let (status, answer) = connection.request(&head, &body).await;
                    let latency = sent.elapsed();
                    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
                    answers.push((answer, latency));
                }
                answers
            }));
        }
        let mut all = Vec::new();
        for task in tasks {
            all.extend(task.await.unwrap());
        }
        all
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

fn client() {
    let address = std::env::var("IO_BENCH_ADDRESS").unwrap();
    let devices = setting("IO_BENCH_DEVICES", 100_000);
    let connections = setting("IO_BENCH_CONNECTIONS", 128);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let keys: Vec<Keypair> = (0..devices).map(device_key).collect();
    let per_connection = devices.div_ceil(connections);

    // Phase 1: a challenge per device.
    let started = Instant::now();
    let challenges = exchange(
        &runtime,
        &address,
        keys.iter()
            .map(|k| (format!("GET /v1/challenge/{}", k.pubkey()), Vec::new()))
            .collect(),
        per_connection,
    );
    let nonces: Vec<(u32, [u8; 16])> = challenges
        .iter()
        .map(|(body, _)| {
            let json: serde_json::Value = serde_json::from_slice(body).unwrap();
            let nonce = parse_nonce(json["nonce"].as_str().unwrap()).unwrap();
            (json["epoch"].as_u64().unwrap() as u32, nonce)
        })
        .collect();
    let challenge_seconds = started.elapsed().as_secs_f64();

    // Phase 2: sign (the workers' cost, one heartbeat each).
    let started = Instant::now();
    let now = unix_now();
    let bodies: Vec<Vec<u8>> = keys
        .iter()
        .zip(&nonces)
        .enumerate()
        .map(|(index, (key, (epoch, nonce)))| {
            HeartbeatMessage {
                device_key: key.pubkey(),
                epoch: *epoch,
                nonce: *nonce,
                timestamp: now,
                gpus: SimulatedProbe::new(1, index as u64).gpus(),
            }
            .sign(key)
            .encode()
        })
        .collect();
    let signing_seconds = started.elapsed().as_secs_f64();

    // Phase 3: post every heartbeat; each is verified and durably stored before its 200.
    let started = Instant::now();
    let posts = bodies
        .into_iter()
        .map(|body| ("POST /v1/heartbeat".to_string(), body))
        .collect();
    let latencies: Vec<Duration> = exchange(&runtime, &address, posts, per_connection)
        .into_iter()
        .map(|(_, latency)| latency)
        .collect();
    let post_seconds = started.elapsed().as_secs_f64();
    let mut sorted = latencies;
    sorted.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1_000.0;
    let total = challenge_seconds + signing_seconds + post_seconds;
    println!("heartbeat load over loopback: {devices} devices, {connections} connections, 2 cores shared by both processes");
    println!(
        "  challenges      {:>9.0} /s   ({devices} in {challenge_seconds:.2} s)",
        devices as f64 / challenge_seconds
    );
    println!(
        "  signing         {:>9.0} /s   (load generator, {devices} in {signing_seconds:.2} s)",
        devices as f64 / signing_seconds
    );
    println!(
        "  heartbeats      {:>9.0} accepted/s   ({devices} verified and stored in {post_seconds:.2} s)",
        devices as f64 / post_seconds
    );
    println!(
        "  latency         p50 {:.2} ms   p99 {:.2} ms   max {:.2} ms",
        ms(percentile(&sorted, 0.50)),
        ms(percentile(&sorted, 0.99)),
        ms(sorted[sorted.len() - 1])
    );
    println!(
        "  full cycle      {:>9.0} heartbeats/s   (challenge + sign + post, {total:.2} s)",
        devices as f64 / total
    );
}

/// CPU time (user + system) this process has used so far.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the struct we pass.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
