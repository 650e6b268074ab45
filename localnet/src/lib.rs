//! `io-localnet`: the whole system on the embedded local chain with an accelerated
//! clock. Bootstrap, SIMULATED GPU workers sending signed heartbeats, the keeper verifying them,
//! cranking each epoch, voting on its uptime root as a bonded keeper of one and settling the
//! devices from it, then a summary.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use anchor_lang::prelude::Pubkey;
use io_emission::schedule;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_sdk::Addresses;
use io_staking::math::rewards::RPW_SCALE;
use io_staking::state::{Device, RewardClass, RewardPool, StakingConfig};
use io_staking::CoStakeTerms;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use solana_keypair::Keypair;
use solana_signer::Signer;
use tokio::sync::watch;

pub mod cli;
mod deployment;
mod follow_local;
pub mod payments;
mod serve;
mod summary;
mod transport;

pub use deployment::{
    bootstrap_local, bootstrap_with, register_simulated, LocalDeployment, Roles, SimulatedDevice,
};
pub use follow_local::{follow_local, ingest_record};
use payments::PaymentsSim;
pub use serve::{serve, ServeOptions};
pub use summary::{ClassLine, DeviceLine, LocalnetSummary};
use transport::Transport;

use io_attestation::verifier::{GpuSnapshot, HeartbeatPolicy, Rejection};
use io_chain::retry::Backoff;
use io_chain::{fetch, Chain, ChainError};
use io_localchain::local::LocalChain;
use io_ops::amount::io_grouped;
use io_ops::crank::{crank_once, CrankError};
use io_ops::quorum::Deactivation;
use io_ops::status;
use io_worker::probe::SimulatedProbe;

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
    /// deployment shape) instead of calling it in process.
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

fn label_error(err: CrankError) -> ChainError {
    match err {
        CrankError::Chain(e) => e,
        CrankError::NotInitialized(what) => {
            ChainError::Rejected(format!("not initialized: {what}"))
        }
    }
}

/// SIMULATED renters reserve devices: 10 hours at 2.00 USDC (the published worked
/// example), 6 hours at 1.5 IO (no fees), and 8 hours at 3.00 USDC cancelled after epoch 4.
async fn rent_out(
    chain: &LocalChain,
    payments: &mut PaymentsSim,
    workers: &[Worker],
) -> Result<(), ChainError> {
    const IO: u64 = 100_000_000;
    let plans = [
        (true, 10, 2 * payments::USDC, None),
        (false, 6, 3 * IO / 2, None),
        (true, 8, 3 * payments::USDC, Some(4)),
    ];
    // Reliable devices first; with fewer of them (a two-device run has none), the others, all
    // staked when the reservations are made. Never the one that unstakes: a rented device
    // cannot leave before its paid hours end.
    let reliable = workers
        .iter()
        .filter(|w| w.behaviour == Behaviour::Reliable);
    let others = workers.iter().filter(|w| {
        w.behaviour != Behaviour::Reliable && !matches!(w.behaviour, Behaviour::UnstakesAt(_))
    });
    for (worker, (in_usdc, hours, price, cancel_at)) in reliable.chain(others).zip(plans) {
        let owner = worker.owner.pubkey();
        payments
            .reserve(
                chain,
                worker.device,
                &owner,
                worker.owner_token,
                in_usdc,
                hours,
                price,
                cancel_at,
            )
            .await?;
    }
    Ok(())
}

/// Runs the simulation. Progress goes to stderr when `options.progress` is set.
pub async fn run(options: &LocalnetOptions) -> Result<LocalnetSummary, ChainError> {
    Ok(run_keeping_chain(options).await?.0)
}

/// [`run`], handing back the chain too (for tests that read it afterwards, through an RPC node
/// or the indexer).
pub async fn run_keeping_chain(
    options: &LocalnetOptions,
) -> Result<(LocalnetSummary, Arc<LocalChain>), ChainError> {
    let started = Instant::now();
    let genesis = DEFAULT_GENESIS_TIMESTAMP;
    let chain = Arc::new(LocalChain::start(genesis - 3_600).await);
    let LocalDeployment {
        admin,
        keeper,
        addresses,
    } = bootstrap_local(&chain, genesis).await?;
    let policy = HeartbeatPolicy {
        heartbeats_per_epoch: options.heartbeats_per_epoch,
        ..HeartbeatPolicy::new(genesis)
    };
    let transport = Transport::open(policy, options, chain.clone(), &addresses, &keeper).await?;
    let mut workers = spawn_workers(&chain, &addresses, options).await?;
    transport.refresh_registry().await?;
    if workers.len() > 1 {
        co_stake(&chain, &addresses, &workers[1]).await?;
    }
    let mut payments = PaymentsSim::setup(&chain, &admin, &addresses).await?;
    rent_out(&chain, &mut payments, &workers).await?;

    let mut rng = SmallRng::seed_from_u64(options.seed);
    let mut stale = Vec::new();
    for epoch in 1..=options.epochs {
        send_heartbeats(&mut workers, &transport, &mut rng, epoch, options).await;
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
        let settle = Settle {
            chain: &chain,
            addresses: &addresses,
            transport: &transport,
            policy,
        };
        stale.extend(settle.epoch(epoch).await?);
        payments.on_epoch(&chain, epoch).await?;
        if options.progress {
            print_progress(
                &chain,
                &addresses,
                &transport,
                epoch,
                options,
                workers.len(),
            )
            .await?;
        }
    }
    if options.progress {
        eprintln!();
    }
    let payments = payments.finish(&chain).await?;
    let mut summary = summarize(
        &chain, &addresses, &transport, &workers, &stale, options, started,
    )
    .await?;
    summary.payments = Some(payments);
    Ok((summary, chain))
}

/// SIMULATED workers: registered, staked exactly the requirement, known to the verifier. The
/// last one unstakes at three quarters of the run, the one before it stops at half, and every
/// fourth is flaky.
async fn spawn_workers(
    chain: &LocalChain,
    addresses: &Addresses,
    options: &LocalnetOptions,
) -> Result<Vec<Worker>, ChainError> {
    let config: StakingConfig = fetch(chain, &addresses.config)
        .await?
        .ok_or_else(|| ChainError::Rejected("staking not initialized".into()))?;
    let n = options.devices;
    let mut workers = Vec::with_capacity(n);
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
        let SimulatedDevice {
            owner,
            device_key,
            device,
            owner_token,
            gpus,
        } = register_simulated(chain, addresses, &config, model, gpus).await?;
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
    Ok(workers)
}

/// The worker's owner shares its device with a co-staker (docs/design.md section 9): a co-stake as
/// large as the owner's stake (the 50% cap), for the published example's 74% share.
async fn co_stake(
    chain: &LocalChain,
    addresses: &Addresses,
    worker: &Worker,
) -> Result<(), ChainError> {
    let device: Device = fetch(chain, &worker.device).await?.expect("registered");
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
    chain.send(&[accept], &[&co_staker]).await
}

/// One epoch of heartbeats: a slot at a time, every worker that is up sends at once.
async fn send_heartbeats(
    workers: &mut [Worker],
    transport: &Transport,
    rng: &mut SmallRng,
    epoch: u32,
    options: &LocalnetOptions,
) {
    for slot in 0..options.heartbeats_per_epoch {
        let now = transport
            .verifier()
            .policy()
            .slot_start(epoch, slot)
            .expect("in schedule");
        transport.set_time(now);
        let all: Vec<usize> = (0..workers.len()).collect();
        let attacked = |worker: &Worker| slot == 0 && worker.name == "sim-00";
        heartbeat_round(workers, &all, transport, rng, epoch, now, attacked).await;
    }
}

/// One slot's heartbeats from the `candidates`: who is silent (stopped, or a flaky miss) is
/// drawn first, in worker order, so a seed gives the same run whichever way the heartbeats
/// travel; then every other worker sends at once (with the replay and forgery attacks where
/// `attacked` says so). Counts what was accepted.
async fn heartbeat_round(
    workers: &mut [Worker],
    candidates: &[usize],
    transport: &Transport,
    rng: &mut SmallRng,
    epoch: u32,
    now: i64,
    attacked: impl Fn(&Worker) -> bool,
) {
    let sending: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&index| !match workers[index].behaviour {
            Behaviour::StopsAt(at) => epoch >= at,
            Behaviour::Flaky(miss) => rng.random_range(0..100) < miss,
            _ => false,
        })
        .collect();
    let outcomes = futures_util::future::join_all(sending.iter().map(|&index| {
        let worker = &workers[index];
        transport.heartbeat(worker, epoch, now, attacked(worker))
    }))
    .await;
    for (index, accepted) in sending.into_iter().zip(outcomes) {
        if accepted {
            workers[index].accepted += 1;
        }
    }
}

/// What the keeper does once an epoch is over: close it, then let the service vote on its root,
/// settle the devices from it and run the upkeep, as `serve --crank` does.
struct Settle<'a> {
    chain: &'a Arc<LocalChain>,
    addresses: &'a Addresses,
    transport: &'a Transport,
    policy: HeartbeatPolicy,
}

impl Settle<'_> {
    /// Returns the devices the settles took out of the active set (stale, or no longer
    /// eligible).
    async fn epoch(&self, epoch: u32) -> Result<Vec<Deactivation>, ChainError> {
        let (chain, addresses) = (self.chain.as_ref(), self.addresses);
        let never_stop = watch::channel(false).1;
        // The service votes only once late heartbeats can no longer arrive.
        let end = schedule::epoch_end(self.policy.genesis, epoch).expect("in schedule");
        let late = end + self.policy.clock_tolerance_seconds;
        chain.set_time(late).await;
        self.transport.set_time(late);
        crank_once(chain, addresses, &Backoff::default(), &never_stop)
            .await
            .map_err(label_error)?;
        let Transport { service, link, .. } = self.transport;
        Ok(service
            .attest_closed_epochs(link, &never_stop)
            .await?
            .deactivated)
    }
}

async fn print_progress(
    chain: &LocalChain,
    addresses: &Addresses,
    transport: &Transport,
    epoch: u32,
    options: &LocalnetOptions,
    workers: usize,
) -> Result<(), ChainError> {
    let pool: Option<RewardPool> = fetch(chain, &addresses.reward_pool).await?;
    let pool = pool.expect("initialized");
    let verifier = transport.verifier();
    let done = (epoch as usize * 30) / options.epochs.max(1) as usize;
    eprint!(
        "\r[{}{}] epoch {epoch}/{} · minted {} IO · active {}/{} · heartbeats ok {} refused {}   ",
        "#".repeat(done),
        "-".repeat(30 - done),
        options.epochs,
        io_grouped(pool.total_emitted, 8),
        pool.active_devices,
        workers,
        verifier.accepted(),
        Rejection::ALL
            .iter()
            .map(|r| verifier.rejected(*r))
            .sum::<u64>(),
    );
    let _ = std::io::stderr().flush();
    Ok(())
}

/// Reads the final state of the chain into the summary.
async fn summarize(
    chain: &LocalChain,
    addresses: &Addresses,
    transport: &Transport,
    workers: &[Worker],
    stale: &[Deactivation],
    options: &LocalnetOptions,
    started: Instant,
) -> Result<LocalnetSummary, ChainError> {
    let pool: RewardPool = fetch(chain, &addresses.reward_pool)
        .await?
        .expect("initialized");
    let mut devices = Vec::with_capacity(workers.len());
    for worker in workers {
        let state: Device = fetch(chain, &worker.device).await?.expect("registered");
        devices.push(DeviceLine {
            name: worker.name.clone(),
            hardware: format!("{} x{}", worker.model, worker.gpu_count),
            behaviour: worker.behaviour.label(),
            heartbeats: worker.accepted,
            reward_class: state.reward_class,
            active: state.active,
            unstaking: state.is_unstaking(),
            stale: stale.iter().any(|s| s.device == worker.device),
            co_stake: state.co_stake,
            co_share_bps: state.co_share_bps,
            co_credited: state.co_total_credited,
            credited: state.total_credited,
            forfeited: state.total_forfeited,
        });
    }
    let carry = u64::try_from(pool.carry_scaled() / RPW_SCALE).unwrap_or(u64::MAX);
    let config: StakingConfig = fetch(chain, &addresses.config).await?.expect("initialized");
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
    if options.progress {
        if let Some(status) = status::collect(chain, addresses).await? {
            eprintln!("chain status:\n{status}");
        }
    }
    let verifier = transport.verifier();
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
        stale_forfeited: stale
            .iter()
            .fold(0u64, |sum, s| sum.saturating_add(s.forfeited)),
        service_url: transport.url(),
        heartbeats_accepted: verifier.accepted(),
        heartbeats_rejected: Rejection::ALL
            .iter()
            .map(|r| (*r, verifier.rejected(*r)))
            .collect(),
        devices,
        classes,
        wall_seconds: started.elapsed().as_secs_f64(),
        payments: None,
    })
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

impl SilencedStdout {
    /// The real stdout, for what this process itself prints while the programs are silenced.
    pub fn original(&self) -> std::io::Result<std::fs::File> {
        Ok(std::fs::File::from(self.saved.try_clone()?))
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
