//! `io-keeper localnet`: the whole system on the embedded local chain with an accelerated
//! clock. Bootstrap, SIMULATED GPU workers sending signed heartbeats, the keeper verifying them,
//! cranking each epoch and attesting devices above the uptime threshold, then a summary.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use anchor_lang::prelude::Pubkey;
use io_emission::schedule;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_sdk::Addresses;
use io_staking::catalog::{model_id, multiplier_centi};
use io_staking::math::rewards::RPW_SCALE;
use io_staking::state::{Device, RewardClass, RewardPool, StakingConfig};
use io_staking::{CoStakeTerms, RegisterDeviceArgs};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use solana_keypair::Keypair;
use solana_signer::Signer;
use tokio::sync::watch;

use crate::amount::io_grouped;
use crate::attest::attest_epoch;
use crate::bootstrap::{bootstrap, BootstrapKeys};
use crate::chain::local::LocalChain;
use crate::chain::{fetch, Chain, ChainError};
use crate::crank::{crank_once, CrankError};
use crate::heartbeat::{
    hardware_hash, GpuSnapshot, HeartbeatMessage, HeartbeatPolicy, HeartbeatVerifier,
    RegisteredDevice, Rejection,
};
use crate::probe::{ProbeClient, SimulatedProbe};
use crate::retry::Backoff;
use crate::service::{
    router, ChainLink, Service, ServiceClock, ServiceConfig, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_RATE_LIMIT_PER_MINUTE,
};
use crate::status;
use crate::upkeep::upkeep;

/// The co-staker's share of the co-staked device's rewards: the published example, 74%.
const CO_STAKER_SHARE_BPS: u16 = 7_400;

/// Models the simulated workers cycle through (a mix of multipliers, including 0).
const ROSTER: [&str; 13] = [
    "H100",
    "RTX 4090",
    "A100-80GB",
    "L40S",
    "RTX 3090",
    "H200",
    "L4",
    "B200",
    "RTX 4080",
    "A100-40GB",
    "T4",
    "RTX 6000 Ada",
    "A10",
];

#[derive(Clone, Debug)]
pub struct LocalnetOptions {
    pub devices: usize,
    pub epochs: u32,
    pub heartbeats_per_epoch: u32,
    pub uptime_threshold_percent: u32,
    pub seed: u64,
    pub progress: bool,
    /// Workers post their heartbeats to the attestation service over loopback HTTP (the
    /// deployment shape) instead of handing them to the verifier in process.
    pub http: bool,
}

/// What a simulated worker does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    Reliable,
    /// Misses this percentage of its heartbeats at random.
    Flaky(u32),
    /// Stops heartbeating from this epoch on.
    StopsAt(u32),
    /// Requests unstake at this epoch.
    UnstakesAt(u32),
}

impl Behaviour {
    fn label(self) -> String {
        match self {
            Behaviour::Reliable => "reliable".into(),
            Behaviour::Flaky(p) => format!("flaky ({p}% missed)"),
            Behaviour::StopsAt(n) => format!("stops at epoch {n}"),
            Behaviour::UnstakesAt(n) => format!("unstakes at epoch {n}"),
        }
    }
}

struct Worker {
    name: String,
    model: &'static str,
    gpu_count: u16,
    behaviour: Behaviour,
    owner: Keypair,
    device_key: Keypair,
    device: Pubkey,
    owner_token: Pubkey,
    gpus: Vec<GpuSnapshot>,
    accepted: u32,
}

/// The outcome, for the summary and for tests.
#[derive(Clone, Debug)]
pub struct LocalnetSummary {
    pub epochs_closed: u32,
    pub minted: u64,
    pub scheduled: u64,
    pub total_credited: u64,
    pub total_forfeited: u64,
    pub carry: u64,
    /// Accrued by active devices but not settled yet (awaiting attestation or staleness),
    /// plus rounding dust below one base unit per settlement.
    pub unsettled: u64,
    pub active_devices: u32,
    /// Devices the keeper deactivated as stale (their unsettled share went back to carry).
    pub stale_deactivated: usize,
    /// What those devices forfeited on deactivation, recycled to everyone else.
    pub stale_forfeited: u64,
    pub heartbeats_accepted: u64,
    pub heartbeats_rejected: Vec<(Rejection, u64)>,
    pub devices: Vec<DeviceLine>,
    /// Enterprise, then Community.
    pub classes: Vec<ClassLine>,
    pub wall_seconds: f64,
    /// `Some(url)` when heartbeats went over loopback HTTP to the service at `url`.
    pub service_url: Option<String>,
}

/// One reward class over the run.
#[derive(Clone, Debug)]
pub struct ClassLine {
    pub class: RewardClass,
    pub share_bps: u16,
    pub devices: usize,
    pub active_devices: u32,
    /// This class's part of everything minted.
    pub emitted: u64,
    /// Credited to this class's devices.
    pub credited: u64,
    pub carry: u64,
}

#[derive(Clone, Debug)]
pub struct DeviceLine {
    pub name: String,
    pub hardware: String,
    pub behaviour: String,
    pub heartbeats: u32,
    pub reward_class: RewardClass,
    pub active: bool,
    pub unstaking: bool,
    /// Deactivated by the keeper's upkeep as stale.
    pub stale: bool,
    /// The co-staker's stake and share (0 without one), and what it was credited.
    pub co_stake: u64,
    pub co_share_bps: u16,
    pub co_credited: u64,
    pub credited: u64,
    pub forfeited: u64,
}

/// A deployment bootstrapped on the embedded chain.
pub struct LocalDeployment {
    pub admin: Keypair,
    /// The one authorized attester.
    pub attester: Keypair,
    pub addresses: Addresses,
}

/// Bootstraps the protocol on `chain` with epoch 1 starting at `genesis`: a new admin, one
/// attester (both funded), and slasher and arbiter keys nobody holds.
pub async fn bootstrap_local(
    chain: &LocalChain,
    genesis: i64,
) -> Result<LocalDeployment, ChainError> {
    let admin = Keypair::new();
    let attester = Keypair::new();
    chain.airdrop(&admin.pubkey(), 10_000_000_000).await;
    chain.airdrop(&attester.pubkey(), 10_000_000_000).await;
    bootstrap(
        chain,
        &Backoff::default(),
        chain.mint(),
        genesis,
        &BootstrapKeys {
            mint_authority: chain.mint_authority(),
            admin: &admin,
            attesters: vec![attester.pubkey()],
            slasher: Keypair::new().pubkey(),
            arbiter: Keypair::new().pubkey(),
        },
    )
    .await?;
    Ok(LocalDeployment {
        admin,
        attester,
        addresses: Addresses::for_mint(chain.mint()),
    })
}

/// A device registered and staked for a SIMULATED worker.
pub struct SimulatedDevice {
    pub owner: Keypair,
    pub device_key: Keypair,
    pub device: Pubkey,
    pub owner_token: Pubkey,
    pub gpus: Vec<GpuSnapshot>,
}

/// Registers a device for `gpus` (all of catalog `model`) with a new owner, and stakes exactly
/// the requirement.
pub async fn register_simulated(
    chain: &LocalChain,
    addresses: &Addresses,
    config: &StakingConfig,
    model: &str,
    gpus: Vec<GpuSnapshot>,
) -> Result<SimulatedDevice, ChainError> {
    let unknown = || ChainError::Rejected(format!("{model} is not a published GPU model"));
    let gpu_count = u16::try_from(gpus.len()).map_err(|_| unknown())?;
    let owner = Keypair::new();
    let device_key = Keypair::new();
    let now = chain.unix_time().await?;
    let required = config
        .required_stake(now, multiplier_centi(model).ok_or_else(unknown)?, gpu_count)
        .map_err(|e| ChainError::Rejected(e.to_string()))?;
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    let owner_token = chain.fund(&owner.pubkey(), required).await;
    let register = addresses.register_device(
        owner.pubkey(),
        device_key.pubkey(),
        model_id(model).ok_or_else(unknown)?,
        RegisterDeviceArgs {
            gpu_count,
            hardware_hash: hardware_hash(&gpus),
        },
    );
    let device = addresses.device(&device_key.pubkey());
    let stake = addresses.stake(owner.pubkey(), device, owner_token, required);
    chain
        .send(&[register, stake], &[&owner, &device_key])
        .await?;
    Ok(SimulatedDevice {
        owner,
        device_key,
        device,
        owner_token,
        gpus,
    })
}

/// How the SIMULATED workers reach the keeper.
enum Transport {
    /// Heartbeats handed to the verifier directly.
    InProcess(HeartbeatVerifier),
    /// Heartbeats posted over loopback HTTP to the attestation service, which also attests.
    Http {
        service: Arc<Service>,
        link: Box<ChainLink>,
        url: String,
        http: reqwest::Client,
        server: tokio::task::JoinHandle<()>,
        db: std::path::PathBuf,
    },
}

impl Transport {
    async fn http(
        policy: HeartbeatPolicy,
        options: &LocalnetOptions,
        chain: Arc<LocalChain>,
        addresses: &Addresses,
        attester: &Keypair,
    ) -> Result<Self, ChainError> {
        let unavailable = |e: &dyn std::fmt::Display| ChainError::Unavailable(e.to_string());
        let db = std::env::temp_dir().join(format!(
            "io-keeper-localnet-{}-{}.redb",
            std::process::id(),
            rand::rng().random::<u32>()
        ));
        let config = ServiceConfig {
            policy,
            uptime_threshold_percent: options.uptime_threshold_percent,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            rate_limit_per_minute: DEFAULT_RATE_LIMIT_PER_MINUTE,
        };
        let clock = ServiceClock::Manual(std::sync::atomic::AtomicI64::new(policy.genesis));
        let service = Service::open(config, &db, clock).map_err(|e| unavailable(&e))?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| unavailable(&e))?;
        let url = format!(
            "http://{}",
            listener.local_addr().map_err(|e| unavailable(&e))?
        );
        let app = router(service.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let link = Box::new(ChainLink {
            chain,
            addresses: *addresses,
            backoff: Backoff::default(),
            attester: attester.insecure_clone(),
            crank: false,
        });
        Ok(Transport::Http {
            service,
            link,
            url,
            http: reqwest::Client::new(),
            server,
            db,
        })
    }

    fn verifier(&self) -> &HeartbeatVerifier {
        match self {
            Transport::InProcess(verifier) => verifier,
            Transport::Http { service, .. } => &service.verifier,
        }
    }

    fn url(&self) -> Option<String> {
        match self {
            Transport::InProcess(_) => None,
            Transport::Http { url, .. } => Some(url.clone()),
        }
    }

    fn set_time(&self, now: i64) {
        if let Transport::Http { service, .. } = self {
            service.set_time(now);
        }
    }

    /// The service learns the devices from chain, as `serve` does.
    async fn refresh_registry(&self) -> Result<(), ChainError> {
        if let Transport::Http { service, link, .. } = self {
            service.refresh_registry(link).await?;
        }
        Ok(())
    }

    /// One heartbeat from `worker` at `now`; with `attacked`, also a replay of it and a copy
    /// re-signed by a stranger (both must be refused). Whether the heartbeat was accepted.
    async fn heartbeat(&self, worker: &Worker, epoch: u32, now: i64, attacked: bool) -> bool {
        let verifier = self.verifier();
        let key = worker.device_key.pubkey();
        let nonce = match self {
            Transport::InProcess(_) => verifier.challenge(&key, now),
            Transport::Http { url, http, .. } => {
                let client =
                    ProbeClient::with_http(http.clone(), url, worker.device_key.insecure_clone());
                client
                    .challenge()
                    .await
                    .ok()
                    .and_then(|c| crate::probe::parse_nonce(&c.nonce))
            }
        };
        let Some(nonce) = nonce else {
            return false;
        };
        let heartbeat = HeartbeatMessage {
            device_key: key,
            epoch,
            nonce,
            timestamp: now,
            gpus: worker.gpus.clone(),
        }
        .sign(&worker.device_key);
        let mut forged = heartbeat.clone();
        forged.signature = Keypair::new()
            .sign_message(&forged.message.signing_bytes())
            .into();
        // The attacks: a forgery carrying the worker's live nonce (refused for its signature,
        // and it does not spend the nonce), then after the real one, a replay of it.
        let mut sends = Vec::with_capacity(3);
        if attacked {
            sends.push(forged);
        }
        sends.push(heartbeat.clone());
        if attacked {
            sends.push(heartbeat);
        }
        let genuine = usize::from(attacked);
        let mut accepted = false;
        for (i, heartbeat) in sends.iter().enumerate() {
            let ok = match self {
                Transport::InProcess(verifier) => verifier.verify(heartbeat, now).is_ok(),
                Transport::Http { url, http, .. } => http
                    .post(format!("{url}/v1/heartbeat"))
                    .body(heartbeat.encode())
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success()),
            };
            if i == genuine {
                accepted = ok;
            }
        }
        accepted
    }
}

/// The service's server task and temporary database go with the run, however it ends.
impl Drop for Transport {
    fn drop(&mut self) {
        if let Transport::Http { server, db, .. } = self {
            server.abort();
            let _ = std::fs::remove_file(db);
        }
    }
}

fn label_error(err: CrankError) -> ChainError {
    match err {
        CrankError::Chain(e) => e,
        CrankError::NotInitialized(what) => {
            ChainError::Rejected(format!("not initialized: {what}"))
        }
    }
}

/// Runs the simulation. Progress goes to stderr when `options.progress` is set.
pub async fn run(options: &LocalnetOptions) -> Result<LocalnetSummary, ChainError> {
    let started = Instant::now();
    let genesis = DEFAULT_GENESIS_TIMESTAMP;
    let chain = Arc::new(LocalChain::start(genesis - 3_600).await);
    let backoff = Backoff::default();
    let LocalDeployment {
        attester,
        addresses,
        ..
    } = bootstrap_local(&chain, genesis).await?;
    let config: StakingConfig = fetch(chain.as_ref(), &addresses.config)
        .await?
        .ok_or_else(|| ChainError::Rejected("staking not initialized".into()))?;

    let policy = HeartbeatPolicy {
        heartbeats_per_epoch: options.heartbeats_per_epoch,
        ..HeartbeatPolicy::new(genesis)
    };
    let transport = if options.http {
        Transport::http(policy, options, chain.clone(), &addresses, &attester).await?
    } else {
        Transport::InProcess(HeartbeatVerifier::new(policy))
    };
    let verifier = transport.verifier();

    // SIMULATED workers: register, stake exactly the requirement, register with the verifier.
    let mut workers = Vec::with_capacity(options.devices);
    let n = options.devices;
    for i in 0..n {
        let model = ROSTER[i % ROSTER.len()];
        let gpu_count = 1 + (i % 4) as u16;
        let behaviour = if n >= 2 && i == n - 1 {
            Behaviour::UnstakesAt(options.epochs * 3 / 4)
        } else if n >= 2 && i == n - 2 {
            Behaviour::StopsAt(options.epochs / 2)
        } else if i % 4 == 3 {
            Behaviour::Flaky(8)
        } else {
            Behaviour::Reliable
        };
        let gpus = SimulatedProbe {
            count: gpu_count,
            seed: i as u64,
            model: model.into(),
        }
        .gpus();
        let registered =
            register_simulated(chain.as_ref(), &addresses, &config, model, gpus).await?;
        verifier.register(
            registered.device_key.pubkey(),
            RegisteredDevice {
                account: registered.device,
                hardware_hash: hardware_hash(&registered.gpus),
            },
        );
        let SimulatedDevice {
            owner,
            device_key,
            device,
            owner_token,
            gpus,
        } = registered;
        workers.push(Worker {
            name: format!("sim-{i:02}"),
            model,
            gpu_count,
            behaviour,
            owner,
            device_key,
            device,
            owner_token,
            gpus,
            accepted: 0,
        });
    }

    transport.refresh_registry().await?;

    // One worker's owner shares its device with a co-staker (SYSTEM.md section 9): a co-stake
    // as large as the owner's stake (the 50% cap), for the published example's 74% share.
    let co_staked = if workers.len() > 1 { Some(1) } else { None };
    if let Some(index) = co_staked {
        let worker = &workers[index];
        let device: Device = fetch(chain.as_ref(), &worker.device)
            .await?
            .expect("registered");
        let terms = CoStakeTerms {
            amount: device.stake,
            share_bps: CO_STAKER_SHARE_BPS,
        };
        let offer =
            addresses.create_co_stake_offer(worker.owner.pubkey(), worker.device, terms.clone());
        chain.send(&[offer], &[&worker.owner]).await?;
        let co_staker = Keypair::new();
        chain.airdrop(&co_staker.pubkey(), 100_000_000).await;
        let co_token = chain.fund(&co_staker.pubkey(), device.stake).await;
        let accept =
            addresses.accept_co_stake_offer(co_staker.pubkey(), worker.device, co_token, terms);
        chain.send(&[accept], &[&co_staker]).await?;
    }

    let mut rng = SmallRng::seed_from_u64(options.seed);
    let never_stop = watch::channel(false).1;
    let mut stale: Vec<Pubkey> = Vec::new();
    let mut stale_forfeited = 0u64;
    for epoch in 1..=options.epochs {
        for slot in 0..options.heartbeats_per_epoch {
            let now = verifier
                .policy()
                .slot_start(epoch, slot)
                .expect("in schedule");
            transport.set_time(now);
            // Who is silent is drawn first, in worker order, so a seed gives the same run
            // whichever way the heartbeats travel; then every worker sends at once.
            let sending: Vec<usize> = workers
                .iter()
                .enumerate()
                .filter(|(_, worker)| !match worker.behaviour {
                    Behaviour::StopsAt(at) => epoch >= at,
                    Behaviour::Flaky(miss) => rng.random_range(0..100) < miss,
                    _ => false,
                })
                .map(|(index, _)| index)
                .collect();
            let outcomes = futures_util::future::join_all(sending.iter().map(|&index| {
                let worker = &workers[index];
                let attacked = slot == 0 && worker.name == "sim-00";
                transport.heartbeat(worker, epoch, now, attacked)
            }))
            .await;
            for (index, accepted) in sending.into_iter().zip(outcomes) {
                if accepted {
                    workers[index].accepted += 1;
                }
            }
        }

        for worker in &workers {
            if worker.behaviour == Behaviour::UnstakesAt(epoch) {
                let ix = addresses.request_unstake(
                    worker.owner.pubkey(),
                    worker.device,
                    worker.owner_token,
                );
                chain.send(&[ix], &[&worker.owner]).await?;
            }
        }

        // The service attests only once late heartbeats can no longer arrive.
        let end = schedule::epoch_end(genesis, epoch).expect("in schedule");
        chain.set_time(end + policy.clock_tolerance_seconds).await;
        transport.set_time(end + policy.clock_tolerance_seconds);
        crank_once(chain.as_ref(), &addresses, &backoff, &never_stop)
            .await
            .map_err(label_error)?;
        let deactivated = match &transport {
            Transport::InProcess(verifier) => {
                let up: Vec<Pubkey> = verifier
                    .up_device_keys(epoch, options.uptime_threshold_percent)
                    .iter()
                    .map(|key| addresses.device(key))
                    .collect();
                attest_epoch(chain.as_ref(), &addresses, &backoff, &attester, epoch, &up).await?;
                verifier.prune_before(epoch);
                upkeep(chain.as_ref(), &addresses, &backoff, &never_stop)
                    .await?
                    .deactivated
            }
            Transport::Http { service, link, .. } => {
                service
                    .attest_closed_epochs(link, &never_stop)
                    .await?
                    .upkeep
                    .deactivated
            }
        };
        for deactivation in deactivated {
            stale_forfeited = stale_forfeited.saturating_add(deactivation.forfeited);
            stale.push(deactivation.device);
        }

        if options.progress {
            let pool: Option<RewardPool> = fetch(chain.as_ref(), &addresses.reward_pool).await?;
            let pool = pool.expect("initialized");
            let done = (epoch as usize * 30) / options.epochs.max(1) as usize;
            eprint!(
                "\r[{}{}] epoch {epoch}/{} · minted {} IO · active {}/{} · heartbeats ok {} refused {}   ",
                "#".repeat(done),
                "-".repeat(30 - done),
                options.epochs,
                io_grouped(pool.total_emitted, 8),
                pool.active_devices,
                workers.len(),
                verifier.accepted(),
                Rejection::ALL.iter().map(|r| verifier.rejected(*r)).sum::<u64>(),
            );
            let _ = std::io::stderr().flush();
        }
    }
    if options.progress {
        eprintln!();
    }

    let pool: RewardPool = fetch(chain.as_ref(), &addresses.reward_pool)
        .await?
        .expect("initialized");
    let mut devices = Vec::with_capacity(workers.len());
    for worker in &workers {
        let state: Device = fetch(chain.as_ref(), &worker.device)
            .await?
            .expect("registered");
        devices.push(DeviceLine {
            name: worker.name.clone(),
            hardware: format!("{} x{}", worker.model, worker.gpu_count),
            behaviour: worker.behaviour.label(),
            heartbeats: worker.accepted,
            reward_class: state.reward_class,
            active: state.active,
            unstaking: state.is_unstaking(),
            stale: stale.contains(&worker.device),
            co_stake: state.co_stake,
            co_share_bps: state.co_share_bps,
            co_credited: state.co_total_credited,
            credited: state.total_credited,
            forfeited: state.total_forfeited,
        });
    }
    let carry = u64::try_from(pool.carry_scaled() / RPW_SCALE).unwrap_or(u64::MAX);
    let config: StakingConfig = fetch(chain.as_ref(), &addresses.config)
        .await?
        .expect("initialized");
    let shares = config.class_shares_at(chain.unix_time().await?);
    let classes = RewardClass::ALL
        .iter()
        .map(|class| {
            let side = pool.class(*class);
            let of_class = devices.iter().filter(|d| d.reward_class == *class);
            ClassLine {
                class: *class,
                share_bps: shares[class.index()],
                devices: of_class.clone().count(),
                active_devices: side.active_devices,
                emitted: side.emitted,
                credited: of_class.map(|d| d.credited).sum(),
                carry: u64::try_from(side.carry_scaled / RPW_SCALE).unwrap_or(u64::MAX),
            }
        })
        .collect();
    let status = status::collect(chain.as_ref(), &addresses).await?;
    if options.progress {
        if let Some(status) = status {
            eprintln!("chain status:\n{status}");
        }
    }
    Ok(LocalnetSummary {
        epochs_closed: pool.last_closed_epoch,
        minted: pool.total_emitted,
        scheduled: schedule::cumulative_emission(options.epochs, 8).unwrap_or(0),
        total_credited: pool.total_credited,
        total_forfeited: pool.total_forfeited,
        carry,
        unsettled: pool
            .total_emitted
            .saturating_sub(pool.total_credited)
            .saturating_sub(carry),
        active_devices: pool.active_devices,
        stale_deactivated: stale.len(),
        stale_forfeited,
        service_url: transport.url(),
        heartbeats_accepted: verifier.accepted(),
        heartbeats_rejected: Rejection::ALL
            .iter()
            .map(|r| (*r, verifier.rejected(*r)))
            .collect(),
        devices,
        classes,
        wall_seconds: started.elapsed().as_secs_f64(),
    })
}

impl LocalnetSummary {
    pub fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        let io = |amount: u64| io_grouped(amount, 8);
        writeln!(
            out,
            "io-keeper localnet: embedded chain, SIMULATED GPU workers"
        )?;
        match &self.service_url {
            Some(url) => writeln!(
                out,
                "  heartbeats sent        over loopback HTTP to the attestation service at {url}"
            )?,
            None => writeln!(out, "  heartbeats sent        in process to the verifier")?,
        }
        writeln!(out, "  epochs closed          {}", self.epochs_closed)?;
        let verdict = if self.minted == self.scheduled {
            "matches the schedule"
        } else {
            "DOES NOT MATCH the schedule"
        };
        writeln!(
            out,
            "  IO minted              {} IO (schedule: {} IO) {verdict}",
            io(self.minted),
            io(self.scheduled)
        )?;
        writeln!(
            out,
            "  rewards credited       {} IO",
            io(self.total_credited)
        )?;
        writeln!(
            out,
            "  forfeited (recycled)   {} IO",
            io(self.total_forfeited)
        )?;
        writeln!(out, "  carry                  {} IO", io(self.carry))?;
        writeln!(
            out,
            "  accrued, unsettled     {} IO (awaiting attestation or staleness; includes dust)",
            io(self.unsettled)
        )?;
        writeln!(
            out,
            "  devices active         {} of {}",
            self.active_devices,
            self.devices.len()
        )?;
        for class in &self.classes {
            writeln!(
                out,
                "  {:<22} {}.{:02}% of each epoch: {} IO emitted, {} IO credited, {} IO carry; \
                 {} of {} devices active",
                format!("class {}", class.class.name()),
                class.share_bps / 100,
                class.share_bps % 100,
                io(class.emitted),
                io(class.credited),
                io(class.carry),
                class.active_devices,
                class.devices
            )?;
        }
        for d in self.devices.iter().filter(|d| d.co_stake > 0) {
            writeln!(
                out,
                "  co-staked              {} ({}): {} IO co-stake for {}.{:02}% of its rewards; \
                 co-staker credited {} IO, owner {} IO",
                d.name,
                d.hardware,
                io(d.co_stake),
                d.co_share_bps / 100,
                d.co_share_bps % 100,
                io(d.co_credited),
                io(d.credited - d.co_credited)
            )?;
        }
        writeln!(
            out,
            "  stale, deactivated     {} device(s) by the keeper; their {} IO forfeited went back \
             to carry for the others",
            self.stale_deactivated,
            io(self.stale_forfeited)
        )?;
        let refused: Vec<String> = self
            .heartbeats_rejected
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| format!("{n} {}", r.reason()))
            .collect();
        writeln!(
            out,
            "  heartbeats             {} accepted; refused: {}",
            self.heartbeats_accepted,
            if refused.is_empty() {
                "none".to_string()
            } else {
                refused.join(", ")
            }
        )?;
        writeln!(out, "  wall time              {:.1} s", self.wall_seconds)?;
        writeln!(out)?;
        writeln!(
            out,
            "{:<8} {:<16} {:<10} {:<22} {:>10} {:<10} {:>18} {:>18}",
            "device",
            "hardware",
            "class",
            "behaviour (SIMULATED)",
            "heartbeats",
            "state",
            "credited (IO)",
            "forfeited (IO)"
        )?;
        for d in &self.devices {
            let state = if d.unstaking {
                "unstaking"
            } else if d.stale {
                "stale"
            } else if d.active {
                "active"
            } else {
                "inactive"
            };
            writeln!(
                out,
                "{:<8} {:<16} {:<10} {:<22} {:>10} {:<10} {:>18} {:>18}",
                d.name,
                d.hardware,
                d.reward_class.name(),
                d.behaviour,
                d.heartbeats,
                state,
                io(d.credited),
                io(d.forfeited)
            )?;
        }
        Ok(())
    }
}

/// Points file descriptor 1 at /dev/null until dropped. The programs run natively inside the
/// embedded chain, where `msg!` is a plain `println!`; on a validator those lines are program
/// logs, here they would bury the summary. Progress and logs go to stderr and are unaffected.
pub struct SilencedStdout {
    saved: std::os::fd::OwnedFd,
}

impl SilencedStdout {
    pub fn new() -> std::io::Result<Self> {
        use std::os::fd::{AsFd, AsRawFd};
        std::io::stdout().flush()?;
        let saved = std::io::stdout().as_fd().try_clone_to_owned()?;
        let null = std::fs::OpenOptions::new().write(true).open("/dev/null")?;
        // SAFETY: dup2 on two open descriptors we own or that the process owns (1).
        if unsafe { libc::dup2(null.as_raw_fd(), 1) } < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(Self { saved })
    }
}

impl Drop for SilencedStdout {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        // SAFETY: restores the descriptor saved in `new`.
        unsafe {
            libc::dup2(self.saved.as_raw_fd(), 1);
        }
    }
}
