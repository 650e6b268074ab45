//! `status`, `crank` and `init` against a real cluster.

use std::str::FromStr;
use std::time::Duration;

use anchor_lang::prelude::Pubkey;
use anyhow::{Context, Result};
use io_keeper::bootstrap::{bootstrap, create_mint as create_io_mint, BootstrapKeys};
use io_keeper::chain::rpc::RpcChain;
use std::sync::Arc;

use io_emission::state::EmissionState;
use io_keeper::chain::fetch;
use io_keeper::cli::{ClaimAllArgs, ClusterArgs, CrankArgs, CreateMintArgs, InitArgs, ServeArgs};
use io_keeper::cluster::{read_keypair, resolve, SolanaCliConfig};
use io_keeper::crank::crank_once;
use io_keeper::heartbeat::HeartbeatPolicy;
use io_keeper::retry::Backoff;
use io_keeper::service::{
    router_with_limits, run_chain_loop, ChainLink, HttpLimits, Service, ServiceClock, ServiceConfig,
};
use io_keeper::status;
use io_keeper::upkeep::upkeep;
use io_sdk::Addresses;
use tokio::sync::watch;

fn pubkey(what: &str, text: &str) -> Result<Pubkey> {
    Pubkey::from_str(text).with_context(|| format!("{what} {text:?} is not a base58 public key"))
}

fn connect(args: &ClusterArgs) -> Result<(RpcChain, Addresses, Backoff)> {
    let (url, keypair_path) = resolve(
        args.rpc_url.clone(),
        args.keypair.clone(),
        &SolanaCliConfig::load_default(),
    )?;
    let payer = read_keypair(&keypair_path)?;
    let addresses = Addresses::for_mint(pubkey("--mint", &args.mint)?);
    let backoff = Backoff {
        max_attempts: args.rpc_attempts,
        ..Backoff::default()
    };
    Ok((RpcChain::new(url, payer), addresses, backoff))
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

pub fn status(args: &ClusterArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(args)?;
    runtime()?.block_on(async {
        let state = backoff
            .retry("read status", || status::collect(&chain, &addresses))
            .await?;
        match state {
            Some(state) => println!("IO protocol for mint {}\n{state}", addresses.mint),
            None => println!("IO protocol for mint {}: not initialized", addresses.mint),
        }
        Ok(())
    })
}

pub fn claim_all(args: &ClaimAllArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    let owner = read_keypair(&args.owner_keypair)?;
    let token = pubkey("--token-account", &args.token_account)?;
    runtime()?.block_on(async {
        let report =
            io_keeper::claim::claim_all(&chain, &addresses, &backoff, &owner, token).await?;
        println!(
            "claimed {} base units from {} device(s) in {} transaction(s)",
            report.claimed, report.devices, report.transactions
        );
        Ok(())
    })
}

/// Flips the shutdown signal on SIGINT or SIGTERM; the crank stops between transactions.
pub async fn shutdown_on_signal(stop: watch::Sender<bool>) {
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match terminate.as_mut() {
                Some(signal) => { signal.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
    tracing::info!("shutdown requested");
    let _ = stop.send(true);
}

pub fn crank(args: &CrankArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    runtime()?.block_on(async {
        let (stop, mut stopped) = watch::channel(false);
        tokio::spawn(shutdown_on_signal(stop));
        loop {
            let report = crank_once(&chain, &addresses, &backoff, &stopped).await?;
            tracing::info!(
                closed = report.closed,
                lost_races = report.lost_races,
                last_closed = report.last_closed,
                "crank pass"
            );
            println!(
                "closed {} epoch(s), lost {} race(s); last closed epoch {}",
                report.closed, report.lost_races, report.last_closed
            );
            // Permissionless upkeep rides along: stale devices out, due multipliers in. Its
            // failure must not stop the closes, so it is logged and tried on the next pass.
            match upkeep(&chain, &addresses, &backoff, &stopped).await {
                Ok(upkept) if !upkept.deactivated.is_empty() || !upkept.synced.is_empty() => {
                    println!(
                        "deactivated {} stale device(s), applied {} due multiplier change(s)",
                        upkept.deactivated.len(),
                        upkept.synced.len()
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "upkeep failed; trying again next pass"),
            }
            if args.once || *stopped.borrow() {
                return Ok(());
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(args.interval_seconds)) => {}
                _ = stopped.changed() => return Ok(()),
            }
        }
    })
}

pub fn init(args: &InitArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    let admin = read_keypair(&args.admin_keypair)?;
    let mint_authority = read_keypair(&args.mint_authority_keypair)?;
    let attesters = args
        .attesters
        .iter()
        .map(|a| pubkey("--attester", a))
        .collect::<Result<Vec<_>>>()?;
    let keys = BootstrapKeys {
        mint_authority: &mint_authority,
        admin: &admin,
        attesters,
        slasher: pubkey("--slasher", &args.slasher)?,
        arbiter: pubkey("--arbiter", &args.arbiter)?,
    };
    runtime()?.block_on(async {
        let steps = bootstrap(
            &chain,
            &backoff,
            addresses.mint,
            args.genesis_timestamp,
            &keys,
        )
        .await?;
        for step in &steps {
            println!(
                "{:<10} {}",
                if step.changed { "done" } else { "unchanged" },
                step.name
            );
        }
        if steps.iter().all(|s| !s.changed) {
            println!("already initialized: nothing changed");
        }
        Ok(())
    })
}

pub fn create_mint(args: &CreateMintArgs) -> Result<()> {
    let (url, keypair_path) = resolve(
        args.rpc_url.clone(),
        args.keypair.clone(),
        &SolanaCliConfig::load_default(),
    )?;
    let chain = RpcChain::new(url, read_keypair(&keypair_path)?);
    let mint = read_keypair(&args.mint_keypair)?;
    let authority = read_keypair(&args.mint_authority_keypair)?;
    let owner = pubkey("--treasury-owner", &args.treasury_owner)?;
    let treasury = solana_keypair::Keypair::new();
    runtime()?.block_on(async {
        let treasury = create_io_mint(
            &chain,
            &Backoff::default(),
            &mint,
            &authority,
            &treasury,
            owner,
        )
        .await?;
        use solana_signer::Signer;
        println!(
            "IO mint {} created: 500,000,000 IO in treasury {treasury}",
            mint.pubkey()
        );
        Ok(())
    })
}

pub fn serve(args: &ServeArgs) -> Result<()> {
    let (chain, addresses, backoff) = connect(&args.cluster)?;
    // The fee payer attests too: one key for the service.
    let attester = chain.payer_keypair().insecure_clone();
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
        };
        let service = Service::open(config, &args.db, ServiceClock::Wall)
            .with_context(|| format!("opening the tally database {}", args.db.display()))?;
        let link = ChainLink {
            chain: Arc::new(chain),
            addresses,
            backoff,
            attester,
            crank: args.crank,
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
        let chain_loop = tokio::spawn(run_chain_loop(
            service.clone(),
            link,
            Duration::from_secs(args.poll_seconds),
            Duration::from_secs(args.registry_refresh_seconds),
            stopped.clone(),
        ));
        let mut until_stopped = stopped.clone();
        let limits = HttpLimits {
            max_in_flight: args.max_in_flight as usize,
            request_timeout: Duration::from_secs(args.request_timeout_seconds),
        };
        axum::serve(listener, router_with_limits(service, limits))
            .with_graceful_shutdown(async move {
                let _ = until_stopped.wait_for(|stop| *stop).await;
            })
            .await?;
        chain_loop.await?;
        // Stdout may be gone by now (a supervisor closed the pipe): not worth a panic.
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "io-keeper serve: stopped");
        Ok(())
    })
}
