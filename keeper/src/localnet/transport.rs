//! How the SIMULATED workers reach the keeper: in process, or over loopback HTTP to the
//! attestation service (the deployment shape).

use std::sync::Arc;

use rand::Rng;
use solana_keypair::Keypair;
use solana_signer::Signer;

use super::{LocalnetOptions, Worker};
use crate::chain::local::LocalChain;
use crate::chain::ChainError;
use crate::heartbeat::{HeartbeatMessage, HeartbeatPolicy, HeartbeatVerifier};
use crate::retry::Backoff;
use crate::service::{
    ChainLink, HttpLimits, Service, ServiceClock, ServiceConfig, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_RATE_LIMIT_PER_MINUTE,
};
use io_sdk::Addresses;
use io_worker::probe::ProbeClient;

/// How the SIMULATED workers reach the keeper.
pub(super) enum Transport {
    /// Heartbeats handed to the verifier directly.
    InProcess(HeartbeatVerifier),
    /// Heartbeats posted over loopback HTTP to the attestation service, which also attests.
    Http {
        service: Arc<Service>,
        link: Box<ChainLink>,
        url: String,
        http: reqwest::Client,
        server: tokio::task::JoinHandle<std::io::Result<()>>,
        db: std::path::PathBuf,
    },
}

impl Transport {
    pub(super) async fn http(
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
            http: HttpLimits::default(),
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
        // Attestation is stepped by the run itself (on its accelerated clock): no chain duty.
        let (_, never_stopped) = tokio::sync::watch::channel(false);
        let server = tokio::spawn(service.clone().run(listener, None, never_stopped));
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

    pub(super) fn verifier(&self) -> &HeartbeatVerifier {
        match self {
            Transport::InProcess(verifier) => verifier,
            Transport::Http { service, .. } => &service.verifier,
        }
    }

    pub(super) fn url(&self) -> Option<String> {
        match self {
            Transport::InProcess(_) => None,
            Transport::Http { url, .. } => Some(url.clone()),
        }
    }

    pub(super) fn set_time(&self, now: i64) {
        if let Transport::Http { service, .. } = self {
            service.set_time(now);
        }
    }

    /// The service learns the devices from chain, as `serve` does.
    pub(super) async fn refresh_registry(&self) -> Result<(), ChainError> {
        if let Transport::Http { service, link, .. } = self {
            service.refresh_registry(link).await?;
        }
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
