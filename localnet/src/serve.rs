//! `io-localnet --serve`: the embedded chain kept running with the face of
//! `solana-test-validator` (docs/design.md section 12). The protocol is bootstrapped, SIMULATED
//! workers heartbeat, and the crank and the keeper's vote run, on an accelerated clock; the chain
//! answers Solana's JSON-RPC and WebSocket, and the keeper's service answers on `--listen`.
//! Stops cleanly when `shutdown` turns true.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use io_emission::schedule;
use io_staking::state::RewardPool;
use rand::rngs::SmallRng;
use rand::SeedableRng;
use serde_json::json;
use solana_keypair::Keypair;
use solana_signer::Signer;
use tokio::sync::watch;

use super::payments::PaymentsSim;
use super::transport::Transport;
use super::{
    bootstrap_with, heartbeat_round, rent_out, spawn_workers, LocalDeployment, LocalnetOptions,
    Roles, Worker,
};
use crate::follow_local;
use io_attestation::verifier::HeartbeatPolicy;
use io_attestation::ServiceClock;
use io_chain::fetch;
use io_chain::retry::Backoff;
use io_indexer::api::ApiState;
use io_indexer::IndexStore;
use io_localchain::clock::LocalClock;
use io_localchain::local::LocalChain;
use io_localnode::{Node, NodeLimits};
use io_ops::amount::io_grouped;
use io_ops::crank::crank_once;

/// How often the clock is written to the chain and the workers and the keeper look at it.
const TICK: Duration = Duration::from_millis(100);
/// The service reloads the registered devices this often (a wallet may register one any time).
const REGISTRY_EVERY: Duration = Duration::from_secs(1);

#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub devices: usize,
    /// Wall seconds per hourly epoch (3600: real time).
    pub epoch_seconds: u32,
    pub rpc_listen: SocketAddr,
    pub ws_listen: SocketAddr,
    pub listen: SocketAddr,
    /// Where the keypairs of every role are written.
    pub ledger: PathBuf,
    /// The built web app, served at `listen`'s root.
    pub app_dir: PathBuf,
    pub heartbeats_per_epoch: u32,
    pub uptime_threshold_percent: u32,
    pub seed: u64,
}

/// Runs until `shutdown` turns true; prints the URLs, then a line per closed epoch, to `out`.
pub async fn serve(
    options: &ServeOptions,
    mut shutdown: watch::Receiver<bool>,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<()> {
    let mut session = Session::start(options).await?;
    let node = Node::new(
        session.chain.clone(),
        session.clock.clone(),
        session.genesis,
        NodeLimits::default(),
    );
    let (rpc_at, ws_at) = io_localnode::spawn(
        node,
        options.rpc_listen,
        options.ws_listen,
        shutdown.clone(),
    )
    .await
    .with_context(|| format!("binding the RPC on {}", options.rpc_listen))?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .with_context(|| format!("binding the keeper's service on {}", options.listen))?;
    let service_at = listener.local_addr()?;
    let index = IndexStore::in_memory(session.deployment.addresses)?;
    tokio::spawn(follow_local(
        session.chain.clone(),
        index.clone(),
        shutdown.clone(),
    ));
    let api = ApiState {
        store: index,
        client_config: Some(json!({
            "rpc": format!("http://{rpc_at}"),
            "websocket": format!("ws://{ws_at}"),
            "mint": session.chain.mint().to_string(),
            "programs": {
                "io_emission": io_emission::ID.to_string(),
                "io_staking": io_staking::ID.to_string(),
                "io_payments": io_payments::ID.to_string(),
            },
            "payments": payments_json(&session.payments),
            "genesis_timestamp": session.genesis,
            "epoch_seconds": options.epoch_seconds,
            // Where clients fetch proofs and workers post heartbeats: the quorum of one.
            "keepers": [format!("http://{service_at}")],
            // The local face's `surfnet_timeTravel` and `surfnet_setTokenAccount` (a faucet).
            "cheatcodes": true,
        })),
    };
    let extra = io_indexer::api::router(api).merge(web_app(&options.app_dir));
    let http = tokio::spawn(session.transport.service.clone().run_with(
        listener,
        None,
        shutdown.clone(),
        extra,
    ));

    writeln!(
        out,
        "io-localnet --serve: embedded chain, {} SIMULATED workers, one epoch every {} s",
        session.workers.len(),
        options.epoch_seconds
    )?;
    writeln!(out, "  JSON-RPC      http://{rpc_at}")?;
    writeln!(out, "  WebSocket     ws://{ws_at}")?;
    writeln!(out, "  keeper        http://{service_at}")?;
    writeln!(out, "  web app       http://{service_at}/")?;
    writeln!(out, "  IO mint       {}", session.chain.mint())?;
    writeln!(out, "  keypairs      {}", options.ledger.display())?;
    writeln!(out, "  Ctrl-C stops it.")?;
    out.flush()?;

    let mut next_registry = tokio::time::Instant::now() + REGISTRY_EVERY;
    let mut interval = tokio::time::interval(TICK);
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            _ = shutdown.wait_for(|stop| *stop) => break,
        }
        let now = session.clock.sync().await;
        let instant = tokio::time::Instant::now();
        if instant >= next_registry {
            if let Err(error) = session.transport.refresh_registry().await {
                tracing::warn!(%error, "device registry refresh failed; keeping the last one");
            }
            next_registry = instant + REGISTRY_EVERY;
        }
        session.heartbeats(now).await;
        session.settle(now, out).await?;
    }
    writeln!(out, "stopped")?;
    out.flush()?;
    let _ = http.await;
    Ok(())
}

/// The running deployment: chain, clock, the keeper's service and the SIMULATED workers.
struct Session {
    genesis: i64,
    chain: Arc<LocalChain>,
    clock: Arc<LocalClock>,
    policy: HeartbeatPolicy,
    transport: Transport,
    deployment: LocalDeployment,
    workers: Vec<Worker>,
    /// The (epoch, slot) each worker last heartbeated for.
    sent: Vec<Option<(u32, u32)>>,
    rng: SmallRng,
    /// Epochs up to this one are closed, and covered by a final root.
    settled_through: u32,
    /// io-payments: SIMULATED reservations settled each epoch, the price moved each epoch, one
    /// buy-back once fees have accrued.
    payments: PaymentsSim,
    bought_back: bool,
}

impl Session {
    /// A fresh chain, the protocol bootstrapped, the roles' keys written to the ledger, the
    /// service on the accelerated clock, the workers registered and staked.
    async fn start(options: &ServeOptions) -> anyhow::Result<Self> {
        let genesis = io_localchain::DEFAULT_GENESIS_TIMESTAMP;
        let rate = 3_600 / options.epoch_seconds.clamp(1, 3_600);
        // Start a few slots before epoch 1, so the first epoch is seen whole.
        let chain = Arc::new(LocalChain::start(genesis - 120).await);
        let roles = Roles::generate();
        let deployment = bootstrap_with(&chain, genesis, &roles).await?;

        let clock = LocalClock::accelerated(chain.clone(), genesis - 120, rate);
        clock.sync().await;
        let policy = HeartbeatPolicy {
            heartbeats_per_epoch: options.heartbeats_per_epoch,
            ..HeartbeatPolicy::new(genesis)
        };
        let transport = Transport::in_process(
            policy,
            options.uptime_threshold_percent,
            // The service reads the clock itself, so nonce lifetimes and clock tolerances hold
            // between the loop's ticks.
            ServiceClock::Shared({
                let clock = clock.clone();
                Arc::new(move || clock.now())
            }),
            chain.clone(),
            &deployment.addresses,
            &deployment.keeper,
        )?;
        transport.service.set_clock_rate(rate);
        let simulation = LocalnetOptions {
            devices: options.devices,
            // Far beyond any session: the worker that stops and the one that unstakes never do.
            epochs: 1_000_000,
            heartbeats_per_epoch: options.heartbeats_per_epoch,
            uptime_threshold_percent: options.uptime_threshold_percent,
            seed: options.seed,
            progress: false,
            http: false,
        };
        let workers = spawn_workers(&chain, &deployment.addresses, &simulation).await?;
        transport.refresh_registry().await?;
        let mut payments = PaymentsSim::setup(&chain, &roles.admin, &deployment.addresses).await?;
        rent_out(&chain, &mut payments, &workers).await?;
        write_ledger(
            &options.ledger,
            &chain,
            &deployment,
            &roles,
            &payments,
            options,
        )?;
        Ok(Self {
            genesis,
            sent: vec![None; workers.len()],
            chain,
            clock,
            policy,
            transport,
            deployment,
            workers,
            rng: SmallRng::seed_from_u64(options.seed),
            settled_through: 0,
            payments,
            bought_back: false,
        })
    }

    /// Each worker heartbeats once per slot of the keeper's schedule (flaky ones miss some).
    async fn heartbeats(&mut self, now: i64) {
        let Some((epoch, slot)) = self.policy.position(now) else {
            return;
        };
        let due: Vec<usize> = (0..self.workers.len())
            .filter(|i| self.sent[*i] != Some((epoch, slot)))
            .collect();
        heartbeat_round(
            &mut self.workers,
            &due,
            &self.transport,
            &mut self.rng,
            epoch,
            now,
            |_| false,
        )
        .await;
        for i in due {
            self.sent[i] = Some((epoch, slot));
        }
    }

    /// Once an epoch is over and late heartbeats can no longer arrive, the crank closes every
    /// ended epoch and the service votes on the newest and settles the devices from its root.
    async fn settle(&mut self, now: i64, out: &mut (dyn Write + Send)) -> anyhow::Result<()> {
        let due =
            schedule::last_ended_epoch(self.genesis, now - self.policy.clock_tolerance_seconds);
        if due <= self.settled_through {
            return Ok(());
        }
        let never_stop = watch::channel(false).1;
        let addresses = &self.deployment.addresses;
        if let Err(error) = crank_once(
            self.chain.as_ref(),
            addresses,
            &Backoff::default(),
            &never_stop,
        )
        .await
        {
            tracing::warn!(%error, "crank failed; retrying");
            return Ok(());
        }
        match self
            .transport
            .service
            .attest_closed_epochs(&self.transport.link, &never_stop)
            .await
        {
            Ok(pass) => {
                for (epoch, settled) in pass.epochs.iter().zip(&pass.attested_per_epoch) {
                    report_epoch(out, &self.chain, &self.deployment, *epoch, *settled).await?;
                }
                self.settled_through = due;
                self.payments_step(due).await;
            }
            Err(error) => tracing::warn!(%error, "vote and settle failed; retrying"),
        }
        Ok(())
    }
}

impl Session {
    /// After `epoch`: the price moves up to 3% either way, due hours are settled, and once the
    /// 10-hour USDC reservation is paid the buy-back runs once. A failure is logged and retried
    /// on the next epoch; it never stops the chain.
    async fn payments_step(&mut self, epoch: u32) {
        use rand::Rng;
        let step = self.rng.random_range(-300..=300);
        if let Err(error) = self.payments.move_price(&self.chain, step).await {
            tracing::warn!(%error, "moving the price failed");
        }
        if let Err(error) = self.payments.on_epoch(&self.chain, epoch).await {
            tracing::warn!(%error, "settling reservations failed; retrying next epoch");
        }
        if !self.bought_back && epoch >= 10 {
            match self.payments.buy_back(&self.chain).await {
                Ok(skipped) => {
                    self.bought_back = true;
                    if let Some(reason) = skipped {
                        tracing::info!(%reason, "no buy-back");
                    }
                }
                Err(error) => tracing::warn!(%error, "buy-back failed; retrying next epoch"),
            }
        }
    }
}

/// What the app needs to read io-payments.
fn payments_json(payments: &PaymentsSim) -> serde_json::Value {
    let addresses = &payments.addresses;
    json!({
        "config": addresses.config.to_string(),
        "usdc_mint": addresses.usdc_mint.to_string(),
        "usdc_fee_vault": addresses.usdc_fee_vault.to_string(),
        "io_fee_vault": addresses.io_fee_vault.to_string(),
        "price_update": payments.price_update.to_string(),
    })
}

async fn report_epoch(
    out: &mut (dyn Write + Send),
    chain: &LocalChain,
    deployment: &LocalDeployment,
    epoch: u32,
    settled: usize,
) -> anyhow::Result<()> {
    let pool: Option<RewardPool> = fetch(chain, &deployment.addresses.reward_pool).await?;
    let Some(pool) = pool else {
        return Ok(());
    };
    writeln!(
        out,
        "epoch {epoch} root final: {settled} devices settled · {} IO minted so far · {} devices active",
        io_grouped(pool.total_emitted, 8),
        pool.active_devices,
    )?;
    out.flush()?;
    Ok(())
}

/// Writes every role's keypair (Solana CLI JSON format) and `localnet.json` (addresses and
/// URLs) under `dir`, replacing those of an earlier run: each run is a fresh chain.
fn write_ledger(
    dir: &Path,
    chain: &LocalChain,
    deployment: &LocalDeployment,
    roles: &Roles,
    payments: &PaymentsSim,
    options: &ServeOptions,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let keys: [(&str, &Keypair); 5] = [
        ("admin", &roles.admin),
        ("keeper", &roles.keeper),
        ("slasher", &roles.slasher),
        ("arbiter", &roles.arbiter),
        ("treasury", chain.mint_authority()),
    ];
    for (name, key) in keys {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, serde_json::to_string(&key.to_bytes().to_vec())?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let addresses = &deployment.addresses;
    let manifest = json!({
        "rpc": format!("http://{}", options.rpc_listen),
        "websocket": format!("ws://{}", options.ws_listen),
        "keeper": format!("http://{}", options.listen),
        "keepers": [format!("http://{}", options.listen)],
        "genesis_timestamp": io_localchain::DEFAULT_GENESIS_TIMESTAMP,
        "epoch_seconds": options.epoch_seconds,
        "programs": {
            "io_emission": io_emission::ID.to_string(),
            "io_staking": io_staking::ID.to_string(),
            "io_payments": io_payments::ID.to_string(),
        },
        "mint": addresses.mint.to_string(),
        "treasury": chain.treasury().to_string(),
        "config": addresses.config.to_string(),
        "reward_pool": addresses.reward_pool.to_string(),
        "payments": payments_json(payments),
        "keys": {
            "admin": roles.admin.pubkey().to_string(),
            "keeper": roles.keeper.pubkey().to_string(),
            "slasher": roles.slasher.pubkey().to_string(),
            "arbiter": roles.arbiter.pubkey().to_string(),
            "treasury": chain.mint_authority().pubkey().to_string(),
        },
    });
    std::fs::write(
        dir.join("localnet.json"),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    Ok(())
}

/// The built web app: `index.html` at the root, its hashed files under `/assets`. Without a
/// build, the root says how to make one (the API and the chain work regardless).
fn web_app(dir: &Path) -> axum::Router {
    use tower_http::services::{ServeDir, ServeFile};
    let index = dir.join("index.html");
    if !index.is_file() {
        let message = format!(
            "<!doctype html><title>IO network</title><p>The web app is not built in {}: run \
             <code>make run</code> (or <code>npm ci && npm run build --workspace app</code>) and \
             reload. The JSON-RPC and the keeper's API are up.</p>",
            dir.display()
        );
        return axum::Router::new().route(
            "/",
            axum::routing::get(move || async move { axum::response::Html(message) }),
        );
    }
    axum::Router::new()
        .route_service("/", ServeFile::new(index))
        .nest_service("/assets", ServeDir::new(dir.join("assets")))
}
