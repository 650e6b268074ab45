//! Heartbeat admission: every check a decoded heartbeat goes through before it counts, in the
//! order that spends the least on the cheapest refusals, and the durable write; and the
//! challenge a device asks for first. The HTTP routes and in-process `localnet` both come
//! through here; the routes only decode the request and turn the outcome into a response.

use anchor_lang::prelude::Pubkey;

use crate::verifier::{Accepted, Rejection, SignedHeartbeat};

use super::Service;

/// A challenge issued to a device: its live nonce and where the clock stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub nonce: [u8; 16],
    pub epoch: u32,
    pub slot: u32,
    pub now: i64,
}

/// Why no challenge was issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChallengeRefused {
    UnknownDevice,
    /// The emission schedule has not started or has ended: no heartbeat would count.
    OutsideSchedule,
}

/// Why a decoded heartbeat was not admitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The verifier's verdict (unknown device, spent nonce, bad signature, wrong hardware,
    /// wrong epoch, slot already counted, ...).
    Heartbeat(Rejection),
    /// Its epoch is attested: a heartbeat for it would never count.
    EpochAttested,
    /// Too many requests for this device key; retry after this many seconds.
    RateLimited { retry_after: u64 },
    /// Verified, but the database did not store it; the slot is released.
    StoreUnavailable,
}

impl Service {
    /// The device's live nonce at the service's clock. There is no per-device limit here: a
    /// device has one live challenge and asking again returns it, so a stranger asking on its
    /// behalf costs it nothing (limit per source IP at the proxy).
    pub fn challenge(&self, device_key: &Pubkey) -> Result<Challenge, ChallengeRefused> {
        let now = self.now();
        let nonce = self
            .verifier
            .challenge(device_key, now)
            .ok_or(ChallengeRefused::UnknownDevice)?;
        let (epoch, slot) = self
            .config
            .policy
            .position(now)
            .ok_or(ChallengeRefused::OutsideSchedule)?;
        self.metrics.challenges_issued.inc();
        Ok(Challenge {
            nonce,
            epoch,
            slot,
            now,
        })
    }

    /// Admits `heartbeat` at the service's clock: a registered device, its live nonce (a replay
    /// stops here, before a signature check), its signature (checked in batches with other
    /// heartbeats arriving at the same time), its hardware, an epoch not yet attested, the
    /// device's rate limit, a slot not yet counted, then the fsync'd write. Counted in the
    /// metrics either way.
    pub async fn admit(&self, heartbeat: &SignedHeartbeat) -> Result<Accepted, Refused> {
        let now = self.now();
        let device = self
            .verifier
            .lookup(heartbeat)
            .map_err(Refused::Heartbeat)?;
        self.verifier
            .check_nonce(heartbeat, now)
            .map_err(Refused::Heartbeat)?;
        let signed = self
            .batcher
            .verify(
                heartbeat.message.device_key.to_bytes(),
                heartbeat.signature,
                heartbeat.message.signing_bytes(),
            )
            .await;
        if !signed {
            self.verifier.count_rejection(Rejection::BadSignature);
            return Err(Refused::Heartbeat(Rejection::BadSignature));
        }
        self.verifier
            .check_hardware(heartbeat, &device)
            .map_err(Refused::Heartbeat)?;
        if self.epoch_done(heartbeat.message.epoch) {
            self.verifier.count_rejection(Rejection::WrongEpoch);
            return Err(Refused::EpochAttested);
        }
        self.limiter
            .take(&heartbeat.message.device_key, now)
            .map_err(|retry_after| Refused::RateLimited { retry_after })?;
        let accepted = self
            .verifier
            .admit(heartbeat, now)
            .map_err(Refused::Heartbeat)?;
        if let Err(error) = self.store.record(accepted).await {
            self.verifier.release(&accepted);
            self.metrics.store_failures.inc();
            tracing::error!(%error, "could not store a heartbeat");
            return Err(Refused::StoreUnavailable);
        }
        self.metrics.heartbeats_accepted.inc();
        Ok(accepted)
    }
}
