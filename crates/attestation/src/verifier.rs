//! Heartbeats: what a worker signs every interval, how the keeper verifies it, and the uptime
//! tally that decides attestations (docs/design.md section 7).
//!
//! A worker first fetches a one-time challenge nonce for its device key, then signs
//! `HEARTBEAT_DOMAIN || borsh(HeartbeatMessage)` with that ed25519 key. The keeper accepts a
//! heartbeat only if: the device key is registered on chain, the GPUs hash to the registered
//! hardware hash, the signature verifies, the nonce was issued to this device recently and is
//! used once, and the epoch matches the heartbeat's own timestamp and the keeper's clock.
//!
//! Uptime is counted in slots: an epoch is cut into `heartbeats_per_epoch` equal slots and a
//! device earns at most one heartbeat per slot, so a worker that was up for ten minutes cannot
//! make up for the rest of the hour by sending a burst.
//!
//! The verifier is shared between threads (`&self` everywhere): signatures are checked outside
//! any lock, and the locks it takes are held for a map lookup.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

use anchor_lang::prelude::Pubkey;
use io_emission::schedule::{self, EpochPosition};
use rand::Rng;
use solana_ed25519::ed_sigs::VerificationKey;

pub use io_heartbeat::{
    decode_heartbeat, hardware_hash, DecodeError, GpuSnapshot, HeartbeatMessage, SignedHeartbeat,
    HEARTBEAT_DOMAIN, MAX_GPUS, MAX_GPU_STRING_BYTES, MAX_HEARTBEATS_PER_EPOCH,
};

/// Why a heartbeat was refused. Each has its own counter and, over HTTP, its own 4xx reason.
/// New variants go at the end: the order is part of the metrics' and clients' vocabulary.
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
    /// The epoch does not match the heartbeat's own timestamp, or the timestamp is too far from
    /// the keeper's clock.
    WrongEpoch,
    /// This device already has a heartbeat counted for this slot of the epoch.
    DuplicateSlot,
}

impl Rejection {
    pub const ALL: [Rejection; 7] = [
        Rejection::UnknownDevice,
        Rejection::BadSignature,
        Rejection::HardwareMismatch,
        Rejection::UnknownNonce,
        Rejection::StaleNonce,
        Rejection::WrongEpoch,
        Rejection::DuplicateSlot,
    ];

    pub fn reason(self) -> &'static str {
        match self {
            Rejection::UnknownDevice => "unknown_device",
            Rejection::BadSignature => "bad_signature",
            Rejection::HardwareMismatch => "hardware_mismatch",
            Rejection::UnknownNonce => "unknown_or_replayed_nonce",
            Rejection::StaleNonce => "stale_nonce",
            Rejection::WrongEpoch => "wrong_epoch",
            Rejection::DuplicateSlot => "slot_already_counted",
        }
    }

    /// What to tell the worker's operator.
    pub fn explanation(self) -> &'static str {
        match self {
            Rejection::UnknownDevice => "this device key is not registered on chain",
            Rejection::BadSignature => "the signature does not verify against the device key",
            Rejection::HardwareMismatch => {
                "the GPUs do not hash to the hardware hash registered for this device"
            }
            Rejection::UnknownNonce => {
                "the nonce was not issued to this device or was already used; fetch a new challenge"
            }
            Rejection::StaleNonce => "the challenge expired; fetch a new one",
            Rejection::WrongEpoch => {
                "the epoch does not match the timestamp, or the worker's clock is off"
            }
            Rejection::DuplicateSlot => "a heartbeat is already counted for this slot",
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

/// The rules every heartbeat is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeartbeatPolicy {
    /// Start of epoch 1, unix seconds.
    pub genesis: i64,
    /// Slots per epoch, 1 to [`MAX_HEARTBEATS_PER_EPOCH`]: the heartbeats a fully-up device
    /// earns in an epoch.
    pub heartbeats_per_epoch: u32,
    /// How long an issued challenge may be used.
    pub nonce_ttl_seconds: i64,
    /// How far a heartbeat's timestamp may be from the keeper's clock.
    pub clock_tolerance_seconds: i64,
}

impl HeartbeatPolicy {
    /// 12 heartbeats an epoch (one every 5 minutes), 2-minute challenges, 1 minute of clock skew.
    pub fn new(genesis: i64) -> Self {
        Self {
            genesis,
            heartbeats_per_epoch: 12,
            nonce_ttl_seconds: 120,
            clock_tolerance_seconds: 60,
        }
    }

    /// Seconds per slot, rounded down (the last slot takes the remainder).
    pub fn slot_seconds(&self) -> i64 {
        schedule::EPOCH_DURATION_SECONDS / i64::from(self.heartbeats_per_epoch.max(1))
    }

    /// The epoch and slot that `timestamp` falls in, if inside the schedule.
    pub fn position(&self, timestamp: i64) -> Option<(u32, u32)> {
        let EpochPosition::Epoch(epoch) = schedule::epoch_at(self.genesis, timestamp) else {
            return None;
        };
        let start = schedule::epoch_start(self.genesis, epoch).ok()?;
        let offset = timestamp.checked_sub(start)?;
        let slots = i64::from(self.heartbeats_per_epoch.clamp(1, MAX_HEARTBEATS_PER_EPOCH));
        let slot = offset.checked_mul(slots)? / schedule::EPOCH_DURATION_SECONDS;
        Some((epoch, u32::try_from(slot).ok()?))
    }

    /// First second of `slot` in `epoch`.
    pub fn slot_start(&self, epoch: u32, slot: u32) -> Option<i64> {
        let slots = i64::from(self.heartbeats_per_epoch.clamp(1, MAX_HEARTBEATS_PER_EPOCH));
        let numerator = i64::from(slot) * schedule::EPOCH_DURATION_SECONDS;
        let offset = (numerator + slots - 1) / slots;
        schedule::epoch_start(self.genesis, epoch)
            .ok()?
            .checked_add(offset)
    }

    /// Heartbeats a device needs in an epoch to count as up (rounded up: the protocol's side).
    pub fn needed(&self, threshold_percent: u32) -> u32 {
        (self.heartbeats_per_epoch * threshold_percent.min(100)).div_ceil(100)
    }
}

/// A heartbeat that passed every check; its slot is reserved in the tally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub device_key: Pubkey,
    pub epoch: u32,
    pub slot: u32,
}

impl Accepted {
    pub fn mask(&self) -> u64 {
        1u64 << self.slot
    }
}

/// The live challenge of each device, expired in issue order so issuing stays O(1) amortized.
/// One per device: asking again returns the same nonce, so a stranger asking on a device's
/// behalf changes nothing for it, and memory is bounded by the number of devices.
#[derive(Default)]
struct Challenges {
    live: HashMap<Pubkey, ([u8; 16], i64)>,
    by_age: VecDeque<(i64, Pubkey, [u8; 16])>,
}

impl Challenges {
    /// The message carries its device's live nonce, issued no more than `ttl` ago (a stale one
    /// is dropped).
    fn check(&mut self, message: &HeartbeatMessage, now: i64, ttl: i64) -> Result<(), Rejection> {
        let &(nonce, issued) = self
            .live
            .get(&message.device_key)
            .ok_or(Rejection::UnknownNonce)?;
        if nonce != message.nonce {
            return Err(Rejection::UnknownNonce);
        }
        if now - issued > ttl {
            self.live.remove(&message.device_key);
            return Err(Rejection::StaleNonce);
        }
        Ok(())
    }

    fn expire(&mut self, now: i64, ttl: i64) {
        while let Some(&(issued, key, nonce)) = self.by_age.front() {
            if now - issued <= ttl {
                break;
            }
            self.by_age.pop_front();
            if self.live.get(&key) == Some(&(nonce, issued)) {
                self.live.remove(&key);
            }
        }
    }
}

/// A registered device with its public key already decompressed: decompression is a quarter of
/// the cost of a signature check, and a device key is checked every few minutes for months.
#[derive(Clone, Copy)]
struct Known {
    device: RegisteredDevice,
    /// `None` if the key is not a curve point: nothing can verify against it.
    verification_key: Option<VerificationKey>,
}

impl Known {
    fn new(device_key: &Pubkey, device: RegisteredDevice) -> Self {
        Self {
            device,
            verification_key: VerificationKey::try_from(device_key.to_bytes()).ok(),
        }
    }
}

/// Verifies heartbeats and tallies uptime slots per device per epoch. Thread-safe.
pub struct HeartbeatVerifier {
    policy: HeartbeatPolicy,
    devices: RwLock<HashMap<Pubkey, Known>>,
    challenges: Mutex<Challenges>,
    /// (epoch, device key) -> bitmask of slots with an accepted heartbeat.
    tally: Mutex<BTreeMap<(u32, Pubkey), u64>>,
    accepted: AtomicU64,
    rejected: [AtomicU64; Rejection::ALL.len()],
}

impl HeartbeatVerifier {
    pub fn new(policy: HeartbeatPolicy) -> Self {
        Self {
            policy,
            devices: RwLock::new(HashMap::new()),
            challenges: Mutex::new(Challenges::default()),
            tally: Mutex::new(BTreeMap::new()),
            accepted: AtomicU64::new(0),
            rejected: Default::default(),
        }
    }

    pub fn policy(&self) -> &HeartbeatPolicy {
        &self.policy
    }

    /// Registers (or refreshes) what the chain says about a device key.
    pub fn register(&self, device_key: Pubkey, device: RegisteredDevice) {
        let known = Known::new(&device_key, device);
        write(&self.devices).insert(device_key, known);
    }

    /// Replaces the whole registry (a refresh from chain); returns how many devices it holds.
    pub fn replace_registry(&self, devices: HashMap<Pubkey, RegisteredDevice>) -> usize {
        let count = devices.len();
        let known: HashMap<Pubkey, Known> = {
            let current = read(&self.devices);
            devices
                .into_iter()
                .map(|(key, device)| {
                    let cached = current
                        .get(&key)
                        .map(|k| k.verification_key)
                        .unwrap_or_else(|| VerificationKey::try_from(key.to_bytes()).ok());
                    let entry = Known {
                        device,
                        verification_key: cached,
                    };
                    (key, entry)
                })
                .collect()
        };
        *write(&self.devices) = known;
        count
    }

    pub fn forget(&self, device_key: &Pubkey) {
        write(&self.devices).remove(device_key);
    }

    pub fn registered(&self, device_key: &Pubkey) -> Option<RegisteredDevice> {
        read(&self.devices).get(device_key).map(|k| k.device)
    }

    /// The device accounts of every registered device key.
    pub fn registered_accounts(&self) -> Vec<Pubkey> {
        read(&self.devices)
            .values()
            .map(|k| k.device.account)
            .collect()
    }

    pub fn registered_count(&self) -> usize {
        read(&self.devices).len()
    }

    /// The device's one-time nonce (`None` if the key is not registered): its live one while
    /// that has at least half its lifetime left, else a new one that replaces it.
    pub fn challenge(&self, device_key: &Pubkey, now: i64) -> Option<[u8; 16]> {
        if !read(&self.devices).contains_key(device_key) {
            return None;
        }
        let ttl = self.policy.nonce_ttl_seconds;
        let mut challenges = lock(&self.challenges);
        challenges.expire(now, ttl);
        if let Some(&(nonce, issued)) = challenges.live.get(device_key) {
            if (now - issued) * 2 <= ttl && now >= issued {
                return Some(nonce);
            }
        }
        let nonce: [u8; 16] = rand::rng().random();
        challenges.live.insert(*device_key, (nonce, now));
        challenges.by_age.push_back((now, *device_key, nonce));
        Some(nonce)
    }

    /// Live (unexpired, unused) challenges, for metrics.
    pub fn outstanding_challenges(&self) -> usize {
        lock(&self.challenges).live.len()
    }

    /// Verifies a heartbeat at keeper time `now` and reserves its slot: [`authenticate`] then
    /// [`admit`]. The caller persists the result and calls [`HeartbeatVerifier::release`] if
    /// that fails. Every outcome is counted.
    ///
    /// [`authenticate`]: HeartbeatVerifier::authenticate
    /// [`admit`]: HeartbeatVerifier::admit
    pub fn verify(&self, heartbeat: &SignedHeartbeat, now: i64) -> Result<Accepted, Rejection> {
        self.authenticate(heartbeat, now)?;
        self.admit(heartbeat, now)
    }

    /// The checks that prove who sent the heartbeat: a registered device key, its live nonce
    /// (checked, not spent: a replay is refused before costing a signature check), its
    /// signature, and its registered hardware. A service applies its per-device rate limit after
    /// this step, so a stranger cannot spend a device's budget.
    pub fn authenticate(&self, heartbeat: &SignedHeartbeat, now: i64) -> Result<(), Rejection> {
        let outcome = self.check_identity(heartbeat, now);
        if let Err(rejection) = outcome {
            self.count_rejection(rejection);
        }
        outcome
    }

    /// The checks that make an authenticated heartbeat count once: its epoch and clock, a fresh
    /// one-time nonce, and a slot not counted yet. On success the nonce is spent and the slot is
    /// reserved.
    pub fn admit(&self, heartbeat: &SignedHeartbeat, now: i64) -> Result<Accepted, Rejection> {
        let outcome = self.check_freshness(heartbeat, now);
        match outcome {
            Ok(_) => {
                self.accepted.fetch_add(1, Ordering::Relaxed);
            }
            Err(rejection) => self.count_rejection(rejection),
        }
        outcome
    }

    fn check_identity(&self, heartbeat: &SignedHeartbeat, now: i64) -> Result<(), Rejection> {
        let message = &heartbeat.message;
        let known = read(&self.devices)
            .get(&message.device_key)
            .copied()
            .ok_or(Rejection::UnknownDevice)?;
        self.nonce_is_live(heartbeat, now)?;
        // The same check as `solana_signature::Signature::verify`, with the key decompressed
        // once at registration.
        let signature = solana_ed25519::ed_sigs::Signature::from_bytes(&heartbeat.signature);
        known
            .verification_key
            .ok_or(Rejection::BadSignature)?
            .verify_dalek(&signature, &message.signing_bytes())
            .map_err(|_| Rejection::BadSignature)?;
        hardware_matches(heartbeat, &known.device)
    }

    /// For callers that check signatures themselves (the service batches them): the first
    /// step of [`HeartbeatVerifier::authenticate`], the registered device. Counted.
    pub fn lookup(&self, heartbeat: &SignedHeartbeat) -> Result<RegisteredDevice, Rejection> {
        let found = self
            .registered(&heartbeat.message.device_key)
            .ok_or(Rejection::UnknownDevice);
        if let Err(rejection) = found {
            self.count_rejection(rejection);
        }
        found
    }

    /// The second step of [`HeartbeatVerifier::authenticate`]: the heartbeat carries its
    /// device's live nonce. Checked, not spent. Counted.
    pub fn check_nonce(&self, heartbeat: &SignedHeartbeat, now: i64) -> Result<(), Rejection> {
        let outcome = self.nonce_is_live(heartbeat, now);
        if let Err(rejection) = outcome {
            self.count_rejection(rejection);
        }
        outcome
    }

    fn nonce_is_live(&self, heartbeat: &SignedHeartbeat, now: i64) -> Result<(), Rejection> {
        let mut challenges = lock(&self.challenges);
        challenges.check(&heartbeat.message, now, self.policy.nonce_ttl_seconds)
    }

    /// The last step of [`HeartbeatVerifier::authenticate`], after the signature: the GPUs are
    /// the registered ones. Counted.
    pub fn check_hardware(
        &self,
        heartbeat: &SignedHeartbeat,
        device: &RegisteredDevice,
    ) -> Result<(), Rejection> {
        let outcome = hardware_matches(heartbeat, device);
        if let Err(rejection) = outcome {
            self.count_rejection(rejection);
        }
        outcome
    }

    /// Counts a rejection decided by the caller (a signature checked in a batch).
    pub fn count_rejection(&self, rejection: Rejection) {
        self.rejected[rejection as usize].fetch_add(1, Ordering::Relaxed);
    }

    fn check_freshness(
        &self,
        heartbeat: &SignedHeartbeat,
        now: i64,
    ) -> Result<Accepted, Rejection> {
        let message = &heartbeat.message;
        let Some((epoch, slot)) = self.policy.position(message.timestamp) else {
            return Err(Rejection::WrongEpoch);
        };
        let skew = message.timestamp.abs_diff(now);
        if epoch != message.epoch || skew > self.policy.clock_tolerance_seconds.unsigned_abs() {
            return Err(Rejection::WrongEpoch);
        }
        let mut challenges = lock(&self.challenges);
        challenges.check(message, now, self.policy.nonce_ttl_seconds)?;
        // Only an authenticated heartbeat spends its nonce: a forged copy cannot burn a worker's
        // challenge. Spent and the slot reserved under this lock: of two copies racing, one
        // finds the nonce gone, and two heartbeats for one slot cannot both count.
        challenges.live.remove(&message.device_key);
        let accepted = Accepted {
            device_key: message.device_key,
            epoch,
            slot,
        };
        let mut tally = lock(&self.tally);
        let mask = tally.entry((epoch, message.device_key)).or_default();
        if *mask & accepted.mask() != 0 {
            return Err(Rejection::DuplicateSlot);
        }
        *mask |= accepted.mask();
        Ok(accepted)
    }

    /// Gives back a reserved slot whose heartbeat could not be stored.
    pub fn release(&self, accepted: &Accepted) {
        let mut tally = lock(&self.tally);
        if let Some(mask) = tally.get_mut(&(accepted.epoch, accepted.device_key)) {
            *mask &= !accepted.mask();
        }
        self.accepted.fetch_sub(1, Ordering::Relaxed);
    }

    /// Restores slots recorded before a restart.
    pub fn restore(&self, epoch: u32, device_key: Pubkey, slots: u64) {
        *lock(&self.tally).entry((epoch, device_key)).or_default() |= slots;
    }

    /// Bitmask of the slots of `epoch` in which `device_key` has a heartbeat counted.
    pub fn slots(&self, epoch: u32, device_key: &Pubkey) -> u64 {
        lock(&self.tally)
            .get(&(epoch, *device_key))
            .copied()
            .unwrap_or(0)
    }

    /// Accepted heartbeats of `device_key` during `epoch`.
    pub fn heartbeats(&self, epoch: u32, device_key: &Pubkey) -> u32 {
        self.slots(epoch, device_key).count_ones()
    }

    /// Device keys with at least `threshold_percent` of the expected heartbeats in `epoch`,
    /// registered or not (a registry refresh that misses a device must not cost it an
    /// attestation it earned), sorted.
    pub fn up_device_keys(&self, epoch: u32, threshold_percent: u32) -> Vec<Pubkey> {
        let needed = self.policy.needed(threshold_percent);
        lock(&self.tally)
            .range((epoch, Pubkey::default())..)
            .take_while(|((e, _), _)| *e == epoch)
            .filter(|(_, mask)| mask.count_ones() >= needed)
            .map(|((_, key), _)| *key)
            .collect()
    }

    /// Drops the tally of epochs before `epoch` (attested or out of the window).
    pub fn prune_before(&self, epoch: u32) {
        let mut tally = lock(&self.tally);
        *tally = tally.split_off(&(epoch, Pubkey::default()));
    }

    pub fn accepted(&self) -> u64 {
        self.accepted.load(Ordering::Relaxed)
    }

    pub fn rejected(&self, reason: Rejection) -> u64 {
        self.rejected[reason as usize].load(Ordering::Relaxed)
    }
}

fn hardware_matches(
    heartbeat: &SignedHeartbeat,
    device: &RegisteredDevice,
) -> Result<(), Rejection> {
    if hardware_hash(&heartbeat.message.gpus) == device.hardware_hash {
        Ok(())
    } else {
        Err(Rejection::HardwareMismatch)
    }
}

// A panic while a lock is held leaves plain maps behind, still consistent: keep serving.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests;
