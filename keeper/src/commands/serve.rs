//! `io-keeper serve`: the attestation service.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use io_attestation::verifier::HeartbeatPolicy;
use io_attestation::{ChainDuty, ChainLink, HttpLimits, Service, ServiceClock, ServiceConfig};
use io_chain::fetch;
use io_emission::state::EmissionState;
use io_indexer::api::ApiState;
use io_indexer::follow::follow_cluster;
use io_indexer::IndexStore;
use io_keeper::cli::{ServeArgs, SettleMode};
use io_ops::quorum::SettlePolicy;
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_commitment_config::CommitmentConfig;
use tokio::sync::watch;

use super::{connect, shutdown_on_signal};

pub fn run(args: &ServeArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    // Without a vote key of its own, the fee payer votes too: one key for the service.
    let vote_key = match &args.vote_keypair {
        Some(path) => io_chain::cluster::read_keypair(path)?,
        None => chain.payer_keypair().insecure_clone(),
    };
    let index = args.index_db.clone().map(|path| {
        let client = RpcClient::new_with_commitment(chain.url(), CommitmentConfig::confirmed());
        (client, path)
    });
    let index_addresses = addresses;
    let index_backoff = backoff.clone();
    // Two workers: heartbeats are verified on both cores; the database writer has its own
    // thread.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let emission: EmissionState = backoff
            .retry("read emission state", || {
                fetch(&chain, &addresses.emission_state)
            })
            .await?
            .with_context(|| {
                format!(
                    "the IO protocol is not initialized for mint {} (run `io-keeper init`)",
                    addresses.mint
                )
            })?;
        let config = ServiceConfig {
            policy: HeartbeatPolicy {
                genesis: emission.genesis_timestamp,
                heartbeats_per_epoch: args.heartbeats_per_epoch,
                nonce_ttl_seconds: args.nonce_ttl_seconds,
                clock_tolerance_seconds: args.clock_tolerance_seconds,
            },
            uptime_threshold_percent: args.uptime_threshold_percent,
            max_body_bytes: usize::try_from(args.max_body_bytes)?,
            rate_limit_per_minute: args.rate_limit_per_minute,
            http: HttpLimits {
                max_in_flight: args.max_in_flight as usize,
                request_timeout: Duration::from_secs(args.request_timeout_seconds),
            },
        };
        let service = Service::open(config, &args.db, ServiceClock::Wall)
            .with_context(|| format!("opening the tally database {}", args.db.display()))?;
        let link = ChainLink {
            chain: Arc::new(chain),
            addresses,
            backoff,
            vote_key,
            crank: args.crank,
            settle: match args.settle {
                SettleMode::Every => SettlePolicy::EveryDevice,
                SettleMode::AsNeeded => SettlePolicy::AsNeeded,
            },
        };
        // Heartbeats can only be checked against a registry: load it before listening.
        let devices = service.refresh_registry(&link).await?;
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("listening on {}", args.listen))?;
        let address = listener.local_addr()?;
        {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            writeln!(
                stdout,
                "io-keeper serve: listening on http://{address} ({devices} registered devices, \
                 database {})",
                args.db.display()
            )?;
            stdout.flush()?;
        }
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(shutdown_on_signal(stop));
        let duty = ChainDuty {
            link,
            poll: Duration::from_secs(args.poll_seconds),
            registry_refresh: Duration::from_secs(args.registry_refresh_seconds),
        };
        let extra = match index {
            Some((client, path)) => start_indexer(
                client,
                &path,
                index_addresses,
                index_backoff,
                Duration::from_secs(args.poll_seconds),
                stopped.clone(),
            )?,
            None => axum::Router::new(),
        };
        service
            .run_with(listener, Some(duty), stopped, extra)
            .await?;
        // Stdout may be gone by now (a supervisor closed the pipe): not worth a panic.
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "io-keeper serve: stopped");
        Ok(())
    })
}

/// `--index-db`: follows both programs into the database and answers the indexer's routes.
fn start_indexer(
    client: RpcClient,
    path: &std::path::Path,
    addresses: io_sdk::Addresses,
    backoff: io_chain::retry::Backoff,
    every: Duration,
    stopped: watch::Receiver<bool>,
) -> Result<axum::Router> {
    let store = IndexStore::open(path, addresses)
        .with_context(|| format!("opening the index database {}", path.display()))?;
    tokio::spawn(follow_cluster(
        client,
        vec![io_emission::ID, io_staking::ID, io_payments::ID],
        store.clone(),
        backoff,
        every,
        stopped,
    ));
    Ok(io_indexer::api::router(ApiState {
        store,
        client_config: None,
    }))
}
