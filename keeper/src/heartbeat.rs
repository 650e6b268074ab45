//! Heartbeats: what a worker signs every interval, how the keeper verifies it, and the uptime
//! tally that decides attestations (SYSTEM.md section 7).
//!
//! A worker first fetches a one-time challenge nonce for its device key, then signs
//! `HEARTBEAT_DOMAIN || borsh(HeartbeatMessage)` with that ed25519 key. The keeper accepts a
//! heartbeat only if: the device key is registered on chain, the GPUs hash to the registered
//! hardware hash, the signature verifies, the nonce was issued to this device recently and is
//! used once, and the epoch matches the heartbeat's own timestamp and the keeper's clock.

use std::collections::{BTreeMap, HashMap};

use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorDeserialize, AnchorSerialize};
use io_emission::schedule::{self, EpochPosition};
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Domain separation: these bytes can never be mistaken for a transaction or another message.
pub const HEARTBEAT_DOMAIN: &[u8] = b"io-network/heartbeat/v1";

/// One GPU as the worker's probe read it.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct GpuSnapshot {
    pub model: String,
    pub uuid: String,
    pub serial: String,
    pub memory_total_mib: u64,
    pub memory_used_mib: u64,
    pub utilization_percent: u8,
    pub temperature_celsius: u8,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct HeartbeatMessage {
    /// The device's signing key (as registered on chain).
    pub device_key: Pubkey,
    pub epoch: u32,
    pub nonce: [u8; 16],
    /// Unix seconds when the worker built the heartbeat.
    pub timestamp: i64,
    pub gpus: Vec<GpuSnapshot>,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct SignedHeartbeat {
    pub message: HeartbeatMessage,
    pub signature: [u8; 64],
}

impl HeartbeatMessage {
    pub fn signing_bytes(&self) -> Vec<u8> {
        let mut bytes = HEARTBEAT_DOMAIN.to_vec();
        // Borsh of plain data cannot fail.
        self.serialize(&mut bytes).expect("serialize heartbeat");
        bytes
    }

    pub fn sign(self, device_key: &Keypair) -> SignedHeartbeat {
        let signature = device_key.sign_message(&self.signing_bytes());
        SignedHeartbeat {
            message: self,
            signature: signature.into(),
        }
    }
}

/// The hash registration stores: SHA-256 over the GPUs' (UUID, serial) pairs in sorted order,
/// so the order in which the driver lists them does not matter.
pub fn hardware_hash(gpus: &[GpuSnapshot]) -> [u8; 32] {
    let mut ids: Vec<(&str, &str)> = gpus
        .iter()
        .map(|g| (g.uuid.as_str(), g.serial.as_str()))
        .collect();
    ids.sort_unstable();
    let mut hasher = Sha256::new();
    hasher.update(b"io-network/hardware/v1");
    for (uuid, serial) in ids {
        hasher.update((uuid.len() as u32).to_le_bytes());
        hasher.update(uuid.as_bytes());
        hasher.update((serial.len() as u32).to_le_bytes());
        hasher.update(serial.as_bytes());
    }
    hasher.finalize().into()
}

/// Why a heartbeat was refused. Each has its own counter and, over HTTP, its own 4xx reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rejection {
    /// The device key is not a registered device.
    UnknownDevice,
    /// The signature does not verify against the device key.
    BadSignature,
    /// The GPUs do not hash to the registered hardware hash.
    HardwareMismatch,
    /// The nonce was never issued to this device (or was already consumed).
    UnknownNonce,
    /// The nonce was issued too long ago.
    StaleNonce,
    /// The epoch does not match the heartbeat's timestamp or the keeper's clock.
    WrongEpoch,
}

impl Rejection {
    pub const ALL: [Rejection; 6] = [
        Rejection::UnknownDevice,
        Rejection::BadSignature,
        Rejection::HardwareMismatch,
        Rejection::UnknownNonce,
        Rejection::StaleNonce,
        Rejection::WrongEpoch,
    ];

    pub fn reason(self) -> &'static str {
        match self {
            Rejection::UnknownDevice => "unknown_device",
            Rejection::BadSignature => "bad_signature",
            Rejection::HardwareMismatch => "hardware_mismatch",
            Rejection::UnknownNonce => "unknown_or_replayed_nonce",
            Rejection::StaleNonce => "stale_nonce",
            Rejection::WrongEpoch => "wrong_epoch",
        }
    }
}

/// A device as registered on chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegisteredDevice {
    /// The device's account (what attestation lists).
    pub account: Pubkey,
    pub hardware_hash: [u8; 32],
}

/// Verifies heartbeats and tallies uptime per device per epoch.
pub struct HeartbeatVerifier {
    genesis: i64,
    nonce_ttl_seconds: i64,
    /// How far a heartbeat's timestamp may be from the keeper's clock.
    clock_tolerance_seconds: i64,
    devices: HashMap<Pubkey, RegisteredDevice>,
    /// Outstanding challenges: (device key, nonce) -> issued at.
    challenges: HashMap<(Pubkey, [u8; 16]), i64>,
    /// (epoch, device key) -> accepted heartbeats.
    tally: BTreeMap<(u32, Pubkey), u32>,
    accepted: u64,
    rejected: BTreeMap<Rejection, u64>,
    rng: rand::rngs::StdRng,
}

impl HeartbeatVerifier {
    pub fn new(genesis: i64, nonce_ttl_seconds: i64) -> Self {
        Self {
            genesis,
            nonce_ttl_seconds,
            clock_tolerance_seconds: nonce_ttl_seconds,
            devices: HashMap::new(),
            challenges: HashMap::new(),
            tally: BTreeMap::new(),
            accepted: 0,
            rejected: BTreeMap::new(),
            rng: rand::rngs::StdRng::from_os_rng(),
        }
    }

    /// Registers (or refreshes) what the chain says about a device key.
    pub fn register(&mut self, device_key: Pubkey, device: RegisteredDevice) {
        self.devices.insert(device_key, device);
    }

    pub fn forget(&mut self, device_key: &Pubkey) {
        self.devices.remove(device_key);
    }

    /// Issues a one-time nonce for a device key (`None` if the key is not registered).
    pub fn challenge(&mut self, device_key: &Pubkey, now: i64) -> Option<[u8; 16]> {
        if !self.devices.contains_key(device_key) {
            return None;
        }
        // Expired challenges are dropped so the map stays bounded by live devices.
        let ttl = self.nonce_ttl_seconds;
        self.challenges.retain(|_, issued| now - *issued <= ttl);
        let nonce: [u8; 16] = self.rng.random();
        self.challenges.insert((*device_key, nonce), now);
        Some(nonce)
    }

    /// Verifies a heartbeat at keeper time `now`; on success counts one heartbeat for its
    /// device and epoch. Every outcome is counted.
    pub fn submit(&mut self, heartbeat: &SignedHeartbeat, now: i64) -> Result<(), Rejection> {
        let outcome = self.check(heartbeat, now);
        match outcome {
            Ok(()) => {
                self.accepted += 1;
                let key = (heartbeat.message.epoch, heartbeat.message.device_key);
                *self.tally.entry(key).or_default() += 1;
            }
            Err(rejection) => *self.rejected.entry(rejection).or_default() += 1,
        }
        outcome
    }

    fn check(&mut self, heartbeat: &SignedHeartbeat, now: i64) -> Result<(), Rejection> {
        let message = &heartbeat.message;
        let device = self
            .devices
            .get(&message.device_key)
            .ok_or(Rejection::UnknownDevice)?;
        let signature = solana_signature::Signature::from(heartbeat.signature);
        if !signature.verify(message.device_key.as_ref(), &message.signing_bytes()) {
            return Err(Rejection::BadSignature);
        }
        if hardware_hash(&message.gpus) != device.hardware_hash {
            return Err(Rejection::HardwareMismatch);
        }
        let issued = *self
            .challenges
            .get(&(message.device_key, message.nonce))
            .ok_or(Rejection::UnknownNonce)?;
        if now - issued > self.nonce_ttl_seconds {
            self.challenges.remove(&(message.device_key, message.nonce));
            return Err(Rejection::StaleNonce);
        }
        let claimed = schedule::epoch_at(self.genesis, message.timestamp);
        let current = schedule::epoch_at(self.genesis, now);
        if claimed != EpochPosition::Epoch(message.epoch)
            || (message.timestamp - now).abs() > self.clock_tolerance_seconds
            || !matches!(current, EpochPosition::Epoch(_))
        {
            return Err(Rejection::WrongEpoch);
        }
        // Only now is the nonce spent: a forged copy cannot burn a worker's challenge.
        self.challenges.remove(&(message.device_key, message.nonce));
        Ok(())
    }

    /// Accepted heartbeats of `device_key` during `epoch`.
    pub fn heartbeats(&self, epoch: u32, device_key: &Pubkey) -> u32 {
        self.tally.get(&(epoch, *device_key)).copied().unwrap_or(0)
    }

    /// Device accounts with at least `threshold_percent` of `expected` heartbeats in `epoch`.
    pub fn up_devices(&self, epoch: u32, expected: u32, threshold_percent: u32) -> Vec<Pubkey> {
        let needed = (u64::from(expected) * u64::from(threshold_percent)).div_ceil(100);
        let mut up: Vec<Pubkey> = self
            .devices
            .iter()
            .filter(|(key, _)| u64::from(self.heartbeats(epoch, key)) >= needed)
            .map(|(_, device)| device.account)
            .collect();
        up.sort();
        up
    }

    /// Drops the tally of epochs before `epoch` (attested or out of the window).
    pub fn prune_before(&mut self, epoch: u32) {
        self.tally = self.tally.split_off(&(epoch, Pubkey::default()));
    }

    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    pub fn rejected(&self, reason: Rejection) -> u64 {
        self.rejected.get(&reason).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENESIS: i64 = 1_767_225_600;

    fn gpus(tag: &str) -> Vec<GpuSnapshot> {
        vec![GpuSnapshot {
            model: "SIMULATED H100".into(),
            uuid: format!("GPU-SIMULATED-{tag}"),
            serial: format!("SIM-{tag}"),
            memory_total_mib: 81_559,
            memory_used_mib: 1_024,
            utilization_percent: 87,
            temperature_celsius: 61,
        }]
    }

    fn setup() -> (HeartbeatVerifier, Keypair, Pubkey) {
        let mut verifier = HeartbeatVerifier::new(GENESIS, 600);
        let key = Keypair::new();
        let account = Pubkey::new_unique();
        verifier.register(
            key.pubkey(),
            RegisteredDevice {
                account,
                hardware_hash: hardware_hash(&gpus("a")),
            },
        );
        (verifier, key, account)
    }

    fn heartbeat(verifier: &mut HeartbeatVerifier, key: &Keypair, now: i64) -> SignedHeartbeat {
        let nonce = verifier.challenge(&key.pubkey(), now).unwrap();
        let schedule::EpochPosition::Epoch(epoch) = schedule::epoch_at(GENESIS, now) else {
            panic!("inside the schedule")
        };
        HeartbeatMessage {
            device_key: key.pubkey(),
            epoch,
            nonce,
            timestamp: now,
            gpus: gpus("a"),
        }
        .sign(key)
    }

    #[test]
    fn a_valid_heartbeat_is_counted_once() {
        let (mut verifier, key, account) = setup();
        let now = GENESIS + 100;
        let hb = heartbeat(&mut verifier, &key, now);
        assert_eq!(verifier.submit(&hb, now), Ok(()));
        assert_eq!(verifier.heartbeats(1, &key.pubkey()), 1);
        // The same heartbeat again is a replay: its nonce is spent.
        assert_eq!(verifier.submit(&hb, now + 1), Err(Rejection::UnknownNonce));
        assert_eq!(verifier.heartbeats(1, &key.pubkey()), 1);
        assert_eq!(verifier.up_devices(1, 1, 90), vec![account]);
        assert_eq!(verifier.rejected(Rejection::UnknownNonce), 1);
    }

    #[test]
    fn forged_signatures_are_refused_and_do_not_burn_the_nonce() {
        let (mut verifier, key, _) = setup();
        let now = GENESIS + 100;
        let mut hb = heartbeat(&mut verifier, &key, now);
        let original = hb.clone();
        hb.message.gpus[0].utilization_percent = 1;
        assert_eq!(verifier.submit(&hb, now), Err(Rejection::BadSignature));
        let mut forged = original.clone();
        forged.signature = Keypair::new()
            .sign_message(&forged.message.signing_bytes())
            .into();
        assert_eq!(verifier.submit(&forged, now), Err(Rejection::BadSignature));
        assert_eq!(verifier.submit(&original, now), Ok(()));
        assert_eq!(verifier.rejected(Rejection::BadSignature), 2);
    }

    #[test]
    fn other_hardware_is_refused() {
        let (mut verifier, key, _) = setup();
        let now = GENESIS + 100;
        let nonce = verifier.challenge(&key.pubkey(), now).unwrap();
        let hb = HeartbeatMessage {
            device_key: key.pubkey(),
            epoch: 1,
            nonce,
            timestamp: now,
            gpus: gpus("b"),
        }
        .sign(&key);
        assert_eq!(verifier.submit(&hb, now), Err(Rejection::HardwareMismatch));
    }

    #[test]
    fn stale_nonces_and_wrong_epochs_are_refused() {
        let (mut verifier, key, _) = setup();
        let now = GENESIS + 100;
        let hb = heartbeat(&mut verifier, &key, now);
        assert_eq!(verifier.submit(&hb, now + 601), Err(Rejection::StaleNonce));

        let nonce = verifier.challenge(&key.pubkey(), now).unwrap();
        let hb = HeartbeatMessage {
            device_key: key.pubkey(),
            epoch: 2,
            nonce,
            timestamp: now,
            gpus: gpus("a"),
        }
        .sign(&key);
        assert_eq!(verifier.submit(&hb, now), Err(Rejection::WrongEpoch));
    }

    #[test]
    fn unknown_devices_get_no_challenge_and_no_credit() {
        let (mut verifier, _, _) = setup();
        let stranger = Keypair::new();
        assert_eq!(verifier.challenge(&stranger.pubkey(), GENESIS), None);
        let hb = HeartbeatMessage {
            device_key: stranger.pubkey(),
            epoch: 1,
            nonce: [0; 16],
            timestamp: GENESIS,
            gpus: gpus("a"),
        }
        .sign(&stranger);
        assert_eq!(verifier.submit(&hb, GENESIS), Err(Rejection::UnknownDevice));
    }

    #[test]
    fn the_threshold_decides_who_is_up() {
        let (mut verifier, key, account) = setup();
        for slot in 0..9 {
            let now = GENESIS + slot * 300;
            let hb = heartbeat(&mut verifier, &key, now);
            verifier.submit(&hb, now).unwrap();
        }
        assert_eq!(
            verifier.up_devices(1, 12, 75),
            vec![account],
            "9 of 12 is 75%"
        );
        assert!(
            verifier.up_devices(1, 12, 90).is_empty(),
            "9 of 12 is under 90%"
        );
        verifier.prune_before(2);
        assert_eq!(verifier.heartbeats(1, &key.pubkey()), 0);
    }

    #[test]
    fn the_hardware_hash_ignores_gpu_order() {
        let mut two = gpus("a");
        two.extend(gpus("b"));
        let mut reversed = two.clone();
        reversed.reverse();
        assert_eq!(hardware_hash(&two), hardware_hash(&reversed));
        assert_ne!(hardware_hash(&two), hardware_hash(&gpus("a")));
    }
}
