//! How the SIMULATED workers reach the keeper. Either way they reach the attestation service
//! `serve` runs (its admission pipeline, its database, its vote); with `--http` they post
//! over loopback HTTP (the deployment shape), otherwise they call it in process.

use std::sync::Arc;

use solana_keypair::Keypair;
use solana_signer::Signer;

use super::{LocalnetOptions, Worker};
use io_attestation::store::{Store, StoreError};
use io_attestation::verifier::{
    HeartbeatMessage, HeartbeatPolicy, HeartbeatVerifier, SignedHeartbeat,
};
use io_attestation::{
    ChainLink, HttpLimits, Service, ServiceClock, ServiceConfig, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_RATE_LIMIT_PER_MINUTE,
};
use io_chain::retry::Backoff;
use io_chain::ChainError;
use io_localchain::local::LocalChain;
use io_sdk::Addresses;
use io_worker::probe::ProbeClient;

/// The attestation service of the run, and how the workers reach it.
pub(super) struct Transport {
    pub(super) service: Arc<Service>,
    pub(super) link: ChainLink,
    http: Option<HttpFace>,
}

/// The service's HTTP face on loopback, for `--http`.
struct HttpFace {
    url: String,
    client: reqwest::Client,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Transport {
    /// The attestation service on a database in memory (the chain is in memory too, so an
    /// fsync would buy nothing), on `clock`, voting through `chain` with `vote_key` (a bonded
    /// keeper's). The run steps the votes itself on its accelerated clock: no chain duty.
    /// Workers call it in process.
    pub(super) fn in_process(
        policy: HeartbeatPolicy,
        uptime_threshold_percent: u32,
        clock: ServiceClock,
        chain: Arc<LocalChain>,
        addresses: &Addresses,
        vote_key: &Keypair,
    ) -> Result<Self, StoreError> {
        let config = ServiceConfig {
            policy,
            uptime_threshold_percent,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            rate_limit_per_minute: DEFAULT_RATE_LIMIT_PER_MINUTE,
            http: HttpLimits::default(),
        };
        let service = Service::with_store(config, Store::in_memory(&policy)?, clock)?;
        let link = ChainLink {
            chain,
            addresses: *addresses,
            backoff: Backoff::default(),
            vote_key: vote_key.insecure_clone(),
            crank: false,
            // The summary reads every device's credit from the chain.
            settle: io_ops::quorum::SettlePolicy::EveryDevice,
        };
        Ok(Transport {
            service,
            link,
            http: None,
        })
    }

    /// [`Transport::in_process`] on a clock the run moves; with `options.http`, the service
    /// also answers on a loopback port and the workers post to it.
    pub(super) async fn open(
        policy: HeartbeatPolicy,
        options: &LocalnetOptions,
        chain: Arc<LocalChain>,
        addresses: &Addresses,
        vote_key: &Keypair,
    ) -> Result<Self, ChainError> {
        let unavailable = |e: &dyn std::fmt::Display| ChainError::Unavailable(e.to_string());
        let clock = ServiceClock::Manual(std::sync::atomic::AtomicI64::new(policy.genesis));
        let mut transport = Self::in_process(
            policy,
            options.uptime_threshold_percent,
            clock,
            chain,
            addresses,
            vote_key,
        )
        .map_err(|e| unavailable(&e))?;
        if options.http {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .map_err(|e| unavailable(&e))?;
            let url = format!(
                "http://{}",
                listener.local_addr().map_err(|e| unavailable(&e))?
            );
            let (_, never_stopped) = tokio::sync::watch::channel(false);
            let server = tokio::spawn(transport.service.clone().run(listener, None, never_stopped));
            transport.http = Some(HttpFace {
                url,
                client: reqwest::Client::new(),
                server,
            });
        }
        Ok(transport)
    }

    pub(super) fn verifier(&self) -> &HeartbeatVerifier {
        &self.service.verifier
    }

    pub(super) fn url(&self) -> Option<String> {
        self.http.as_ref().map(|face| face.url.clone())
    }

    pub(super) fn set_time(&self, now: i64) {
        self.service.set_time(now);
    }

    /// The service learns the devices from chain, as `serve` does.
    pub(super) async fn refresh_registry(&self) -> Result<(), ChainError> {
        self.service.refresh_registry(&self.link).await?;
        Ok(())
    }

    /// One heartbeat from `worker` at `now`; with `attacked`, also a replay of it and a copy
    /// re-signed by a stranger (both must be refused). Whether the heartbeat was accepted.
    pub(super) async fn heartbeat(
        &self,
        worker: &Worker,
        epoch: u32,
        now: i64,
        attacked: bool,
    ) -> bool {
        let key = worker.device_key.pubkey();
        let nonce = match &self.http {
            None => self.service.challenge(&key).ok().map(|c| c.nonce),
            Some(face) => {
                let client = ProbeClient::with_http(
                    face.client.clone(),
                    &face.url,
                    worker.device_key.insecure_clone(),
                );
                client
                    .challenge()
                    .await
                    .ok()
                    .and_then(|c| io_heartbeat::parse_nonce(&c.nonce))
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
            let ok = self.send(heartbeat).await;
            if i == genuine {
                accepted = ok;
            }
        }
        accepted
    }

    async fn send(&self, heartbeat: &SignedHeartbeat) -> bool {
        match &self.http {
            None => self.service.admit(heartbeat).await.is_ok(),
            Some(face) => face
                .client
                .post(format!("{}/v1/heartbeat", face.url))
                .body(heartbeat.encode())
                .send()
                .await
                .is_ok_and(|r| r.status().is_success()),
        }
    }
}

/// The service's server task goes with the run, however it ends.
impl Drop for Transport {
    fn drop(&mut self) {
        if let Some(face) = &self.http {
            face.server.abort();
        }
    }
}
