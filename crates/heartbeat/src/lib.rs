//! The heartbeat wire format, shared by the GPU worker (`io-worker`), which signs, and the
//! keeper (`io-keeper serve`), which verifies (docs/design.md section 7).
//!
//! A worker fetches a one-time challenge nonce for its device key, then signs
//! `HEARTBEAT_DOMAIN || borsh(HeartbeatMessage)` with that ed25519 key and posts the Borsh of
//! [`SignedHeartbeat`]. The registered hardware hash is [`hardware_hash`] of the GPUs the probe
//! reads. Both sides use this crate, so what one signs is byte for byte what the other checks.

use borsh::{BorshDeserialize, BorshSerialize};
use sha2::{Digest, Sha256};
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

/// Domain separation: these bytes can never be mistaken for a transaction or another message.
pub const HEARTBEAT_DOMAIN: &[u8] = b"io-network/heartbeat/v1";

/// Most slots an epoch can be cut into: a device's slots in one epoch fit a `u64` bitmask.
pub const MAX_HEARTBEATS_PER_EPOCH: u32 = 64;
/// Most GPUs one heartbeat may list (the largest servers carry 8 or 16).
pub const MAX_GPUS: usize = 64;
/// Longest model, UUID or serial string a heartbeat may carry.
pub const MAX_GPU_STRING_BYTES: usize = 128;

/// One GPU as the worker's probe read it.
#[derive(BorshSerialize, BorshDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct GpuSnapshot {
    pub model: String,
    pub uuid: String,
    pub serial: String,
    pub memory_total_mib: u64,
    pub memory_used_mib: u64,
    pub utilization_percent: u8,
    pub temperature_celsius: u8,
}

#[derive(BorshSerialize, BorshDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct HeartbeatMessage {
    /// The device's signing key (as registered on chain).
    pub device_key: Pubkey,
    pub epoch: u32,
    pub nonce: [u8; 16],
    /// Unix seconds when the worker built the heartbeat.
    pub timestamp: i64,
    pub gpus: Vec<GpuSnapshot>,
}

#[derive(BorshSerialize, BorshDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct SignedHeartbeat {
    pub message: HeartbeatMessage,
    pub signature: [u8; 64],
}

impl SignedHeartbeat {
    /// The HTTP body: borsh, what [`decode_heartbeat`] reads.
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(256);
        self.serialize(&mut bytes).expect("serialize heartbeat");
        bytes
    }
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

/// Why a heartbeat body could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("not a borsh-encoded SignedHeartbeat: {0}")]
    Malformed(String),
    #[error("{0}")]
    OutOfBounds(&'static str),
}

/// Decodes a heartbeat as posted over HTTP: borsh, nothing trailing, bounded lists and strings.
/// Never panics, whatever the bytes (a fuzz test throws random bodies at it).
pub fn decode_heartbeat(bytes: &[u8]) -> Result<SignedHeartbeat, DecodeError> {
    let heartbeat = borsh::from_slice::<SignedHeartbeat>(bytes)
        .map_err(|e| DecodeError::Malformed(e.to_string()))?;
    let gpus = &heartbeat.message.gpus;
    if gpus.is_empty() {
        return Err(DecodeError::OutOfBounds(
            "a heartbeat lists at least one GPU",
        ));
    }
    if gpus.len() > MAX_GPUS {
        return Err(DecodeError::OutOfBounds("too many GPUs in one heartbeat"));
    }
    let too_long = |text: &String| text.len() > MAX_GPU_STRING_BYTES;
    if gpus
        .iter()
        .any(|g| too_long(&g.model) || too_long(&g.uuid) || too_long(&g.serial))
    {
        return Err(DecodeError::OutOfBounds(
            "a GPU model, UUID or serial is longer than 128 bytes",
        ));
    }
    Ok(heartbeat)
}

/// Lower-case hex, as nonces and hardware hashes travel in JSON and print for operators.
pub fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The nonce of a challenge, from its hex text.
pub fn parse_nonce(text: &str) -> Option<[u8; 16]> {
    if text.len() != 32 {
        return None;
    }
    let mut nonce = [0u8; 16];
    for (i, byte) in nonce.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gpu(uuid: &str, serial: &str) -> GpuSnapshot {
        GpuSnapshot {
            model: "H100".into(),
            uuid: uuid.into(),
            serial: serial.into(),
            memory_total_mib: 81_559,
            memory_used_mib: 0,
            utilization_percent: 0,
            temperature_celsius: 30,
        }
    }

    #[test]
    fn a_signed_heartbeat_round_trips_and_verifies() {
        let key = Keypair::new();
        let signed = HeartbeatMessage {
            device_key: key.pubkey(),
            epoch: 3,
            nonce: [7; 16],
            timestamp: 1_767_232_800,
            gpus: vec![gpu("GPU-a", "1")],
        }
        .sign(&key);
        let decoded = decode_heartbeat(&signed.encode()).unwrap();
        assert_eq!(decoded, signed);
        // Ed25519 is deterministic: signing the same bytes again gives the same signature.
        let again = key.sign_message(&decoded.message.signing_bytes());
        assert_eq!(<[u8; 64]>::from(again), signed.signature);
        assert!(decoded
            .message
            .signing_bytes()
            .starts_with(HEARTBEAT_DOMAIN));
    }

    #[test]
    fn the_hardware_hash_ignores_the_drivers_order() {
        let (a, b) = (gpu("GPU-a", "1"), gpu("GPU-b", "2"));
        assert_eq!(
            hardware_hash(&[a.clone(), b.clone()]),
            hardware_hash(&[b, a.clone()])
        );
        assert_ne!(
            hardware_hash(std::slice::from_ref(&a)),
            hardware_hash(&[gpu("GPU-a", "9")])
        );
    }

    #[test]
    fn bounds_and_trailing_bytes_are_refused() {
        let key = Keypair::new();
        let message = |gpus| HeartbeatMessage {
            device_key: key.pubkey(),
            epoch: 1,
            nonce: [0; 16],
            timestamp: 0,
            gpus,
        };
        let mut bytes = message(vec![gpu("GPU-a", "1")]).sign(&key).encode();
        bytes.push(0);
        assert!(matches!(
            decode_heartbeat(&bytes),
            Err(DecodeError::Malformed(_))
        ));
        let none = message(vec![]).sign(&key).encode();
        assert!(matches!(
            decode_heartbeat(&none),
            Err(DecodeError::OutOfBounds(_))
        ));
        let long = message(vec![gpu(&"u".repeat(MAX_GPU_STRING_BYTES + 1), "1")])
            .sign(&key)
            .encode();
        assert!(matches!(
            decode_heartbeat(&long),
            Err(DecodeError::OutOfBounds(_))
        ));
    }

    #[test]
    fn nonces_parse_from_hex() {
        assert_eq!(
            parse_nonce("000102030405060708090a0b0c0d0eff"),
            Some([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255])
        );
        assert_eq!(parse_nonce(&hex_string(&[9; 16])), Some([9; 16]));
        assert_eq!(parse_nonce("00"), None);
        assert_eq!(parse_nonce("zz0102030405060708090a0b0c0d0eff"), None);
    }
}
