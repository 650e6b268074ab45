use super::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

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

fn setup() -> (HeartbeatVerifier, Keypair) {
    let verifier = HeartbeatVerifier::new(HeartbeatPolicy::new(GENESIS));
    let key = Keypair::new();
    verifier.register(
        key.pubkey(),
        RegisteredDevice {
            account: Pubkey::new_unique(),
            hardware_hash: hardware_hash(&gpus("a")),
        },
    );
    (verifier, key)
}

fn heartbeat(verifier: &HeartbeatVerifier, key: &Keypair, now: i64) -> SignedHeartbeat {
    let nonce = verifier.challenge(&key.pubkey(), now).unwrap();
    let (epoch, _) = verifier.policy().position(now).unwrap();
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
    let (verifier, key) = setup();
    let now = GENESIS + 100;
    let hb = heartbeat(&verifier, &key, now);
    let accepted = verifier.verify(&hb, now).unwrap();
    assert_eq!((accepted.epoch, accepted.slot), (1, 0));
    assert_eq!(verifier.heartbeats(1, &key.pubkey()), 1);
    // The same heartbeat again is a replay: its nonce is spent.
    assert_eq!(verifier.verify(&hb, now + 1), Err(Rejection::UnknownNonce));
    assert_eq!(verifier.heartbeats(1, &key.pubkey()), 1);
    assert_eq!(verifier.up_device_keys(1, 1), vec![key.pubkey()]);
    assert_eq!(verifier.rejected(Rejection::UnknownNonce), 1);
}

#[test]
fn one_heartbeat_per_slot() {
    let (verifier, key) = setup();
    let now = GENESIS + 10;
    verifier
        .verify(&heartbeat(&verifier, &key, now), now)
        .unwrap();
    // A fresh nonce does not buy a second heartbeat in the same five minutes...
    let again = heartbeat(&verifier, &key, now + 200);
    assert_eq!(
        verifier.verify(&again, now + 200),
        Err(Rejection::DuplicateSlot)
    );
    // ...the next slot does.
    let next = heartbeat(&verifier, &key, now + 300);
    assert_eq!(verifier.verify(&next, now + 300).unwrap().slot, 1);
    assert_eq!(verifier.slots(1, &key.pubkey()), 0b11);
}

#[test]
fn a_released_slot_can_be_earned_again() {
    let (verifier, key) = setup();
    let now = GENESIS + 10;
    let accepted = verifier
        .verify(&heartbeat(&verifier, &key, now), now)
        .unwrap();
    verifier.release(&accepted);
    assert_eq!(verifier.heartbeats(1, &key.pubkey()), 0);
    assert_eq!(verifier.accepted(), 0);
    verifier
        .verify(&heartbeat(&verifier, &key, now + 1), now + 1)
        .unwrap();
    verifier.restore(1, key.pubkey(), 0b100);
    assert_eq!(verifier.slots(1, &key.pubkey()), 0b101);
}

#[test]
fn forged_signatures_are_refused_and_do_not_burn_the_nonce() {
    let (verifier, key) = setup();
    let now = GENESIS + 100;
    let mut hb = heartbeat(&verifier, &key, now);
    let original = hb.clone();
    hb.message.gpus[0].utilization_percent = 1;
    assert_eq!(verifier.verify(&hb, now), Err(Rejection::BadSignature));
    let mut forged = original.clone();
    forged.signature = Keypair::new()
        .sign_message(&forged.message.signing_bytes())
        .into();
    assert_eq!(verifier.verify(&forged, now), Err(Rejection::BadSignature));
    assert!(verifier.verify(&original, now).is_ok());
    assert_eq!(verifier.rejected(Rejection::BadSignature), 2);
}

#[test]
fn other_hardware_is_refused() {
    let (verifier, key) = setup();
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
    assert_eq!(verifier.verify(&hb, now), Err(Rejection::HardwareMismatch));
}

#[test]
fn stale_nonces_skewed_clocks_and_wrong_epochs_are_refused() {
    let (verifier, key) = setup();
    let now = GENESIS + 100;
    let mut hb = heartbeat(&verifier, &key, now);
    hb.message.timestamp = now + 121;
    let hb = hb.message.sign(&key);
    assert_eq!(verifier.verify(&hb, now + 121), Err(Rejection::StaleNonce));

    let nonce = verifier.challenge(&key.pubkey(), now).unwrap();
    let wrong_epoch = HeartbeatMessage {
        device_key: key.pubkey(),
        epoch: 2,
        nonce,
        timestamp: now,
        gpus: gpus("a"),
    }
    .sign(&key);
    assert_eq!(
        verifier.verify(&wrong_epoch, now),
        Err(Rejection::WrongEpoch)
    );
    let skewed = HeartbeatMessage {
        epoch: 1,
        timestamp: now + 61,
        ..wrong_epoch.message
    }
    .sign(&key);
    assert_eq!(verifier.verify(&skewed, now), Err(Rejection::WrongEpoch));
    let before_genesis = HeartbeatMessage {
        timestamp: GENESIS - 1,
        ..skewed.message
    }
    .sign(&key);
    assert_eq!(
        verifier.verify(&before_genesis, GENESIS - 1),
        Err(Rejection::WrongEpoch)
    );
}

#[test]
fn unknown_devices_get_no_challenge_and_no_credit() {
    let (verifier, _) = setup();
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
    assert_eq!(verifier.verify(&hb, GENESIS), Err(Rejection::UnknownDevice));
}

#[test]
fn a_device_has_one_live_challenge_at_a_time() {
    let (verifier, key) = setup();
    let first = verifier.challenge(&key.pubkey(), GENESIS).unwrap();
    // Asking again (the device, or anyone on its behalf) returns the same nonce...
    assert_eq!(verifier.challenge(&key.pubkey(), GENESIS + 60), Some(first));
    assert_eq!(verifier.outstanding_challenges(), 1);
    // ...until it is half expired: then a new one replaces it.
    let second = verifier.challenge(&key.pubkey(), GENESIS + 61).unwrap();
    assert_ne!(second, first);
    let stale = HeartbeatMessage {
        device_key: key.pubkey(),
        epoch: 1,
        nonce: first,
        timestamp: GENESIS + 61,
        gpus: gpus("a"),
    }
    .sign(&key);
    assert_eq!(
        verifier.verify(&stale, GENESIS + 61),
        Err(Rejection::UnknownNonce)
    );
    // Expired challenges are dropped as others are issued.
    let other = Keypair::new();
    verifier.register(
        other.pubkey(),
        RegisteredDevice {
            account: Pubkey::new_unique(),
            hardware_hash: hardware_hash(&gpus("a")),
        },
    );
    verifier.challenge(&other.pubkey(), GENESIS + 200).unwrap();
    assert_eq!(verifier.outstanding_challenges(), 1);
}

#[test]
fn the_threshold_decides_who_is_up() {
    let (verifier, key) = setup();
    for slot in 0..9 {
        let now = GENESIS + slot * 300;
        let hb = heartbeat(&verifier, &key, now);
        verifier.verify(&hb, now).unwrap();
    }
    assert_eq!(
        verifier.up_device_keys(1, 75),
        vec![key.pubkey()],
        "9 of 12 is 75%"
    );
    assert!(
        verifier.up_device_keys(1, 90).is_empty(),
        "9 of 12 is under 90%"
    );
    verifier.prune_before(2);
    assert_eq!(verifier.heartbeats(1, &key.pubkey()), 0);
}

#[test]
fn slots_cut_the_epoch_evenly() {
    let mut policy = HeartbeatPolicy::new(GENESIS);
    assert_eq!(policy.position(GENESIS), Some((1, 0)));
    assert_eq!(policy.position(GENESIS + 3_599), Some((1, 11)));
    assert_eq!(policy.position(GENESIS + 3_600), Some((2, 0)));
    assert_eq!(policy.position(GENESIS - 1), None);
    policy.heartbeats_per_epoch = 64;
    assert_eq!(policy.position(GENESIS + 3_599), Some((1, 63)));
    assert_eq!(policy.needed(90), 58);
    policy.heartbeats_per_epoch = 12;
    assert_eq!(policy.needed(90), 11, "10.8 rounds up");
    for n in 1..=MAX_HEARTBEATS_PER_EPOCH {
        policy.heartbeats_per_epoch = n;
        for slot in 0..n {
            let start = policy.slot_start(7, slot).unwrap();
            assert_eq!(policy.position(start), Some((7, slot)), "{n} slots");
        }
    }
}

#[test]
fn the_decoder_bounds_what_it_accepts() {
    let key = Keypair::new();
    let message = HeartbeatMessage {
        device_key: key.pubkey(),
        epoch: 1,
        nonce: [7; 16],
        timestamp: GENESIS,
        gpus: gpus("a"),
    };
    let good = borsh_bytes(&message.clone().sign(&key));
    assert!(decode_heartbeat(&good).is_ok());
    let mut trailing = good.clone();
    trailing.push(0);
    assert!(matches!(
        decode_heartbeat(&trailing),
        Err(DecodeError::Malformed(_))
    ));
    assert!(decode_heartbeat(&good[..good.len() - 1]).is_err());
    let none = HeartbeatMessage {
        gpus: vec![],
        ..message.clone()
    };
    assert!(matches!(
        decode_heartbeat(&borsh_bytes(&none.sign(&key))),
        Err(DecodeError::OutOfBounds(_))
    ));
    let mut long = message.clone();
    long.gpus[0].serial = "x".repeat(129);
    assert!(matches!(
        decode_heartbeat(&borsh_bytes(&long.sign(&key))),
        Err(DecodeError::OutOfBounds(_))
    ));
    let many = HeartbeatMessage {
        gpus: vec![gpus("a")[0].clone(); 65],
        ..message
    };
    assert!(matches!(
        decode_heartbeat(&borsh_bytes(&many.sign(&key))),
        Err(DecodeError::OutOfBounds(_))
    ));
}

#[test]
fn the_largest_acceptable_heartbeat_fits_the_default_body_limit() {
    let key = Keypair::new();
    let long = "x".repeat(MAX_GPU_STRING_BYTES);
    let gpu = GpuSnapshot {
        model: long.clone(),
        uuid: long.clone(),
        serial: long,
        memory_total_mib: u64::MAX,
        memory_used_mib: u64::MAX,
        utilization_percent: 100,
        temperature_celsius: 255,
    };
    let largest = HeartbeatMessage {
        device_key: key.pubkey(),
        epoch: u32::MAX,
        nonce: [0xff; 16],
        timestamp: i64::MAX,
        gpus: vec![gpu; MAX_GPUS],
    }
    .sign(&key)
    .encode();
    assert!(decode_heartbeat(&largest).is_ok());
    assert!(
        largest.len() <= crate::DEFAULT_MAX_BODY_BYTES,
        "{} bytes",
        largest.len()
    );
}

fn borsh_bytes(heartbeat: &SignedHeartbeat) -> Vec<u8> {
    heartbeat.encode()
}

#[test]
fn the_cached_key_check_agrees_with_solana_signature_verify() {
    let (verifier, key) = setup();
    let mut rng = rand::rng();
    let nonce = verifier.challenge(&key.pubkey(), GENESIS).unwrap();
    for i in 0..50 {
        let mut heartbeat = HeartbeatMessage {
            device_key: key.pubkey(),
            epoch: 1,
            nonce,
            timestamp: GENESIS + i,
            gpus: gpus("a"),
        }
        .sign(&key);
        if i % 2 == 1 {
            heartbeat.signature[rng.random_range(0..64)] ^= 1 << rng.random_range(0..8);
        }
        let reference = solana_signature::Signature::from(heartbeat.signature)
            .verify(key.pubkey().as_ref(), &heartbeat.message.signing_bytes());
        assert_eq!(
            verifier.authenticate(&heartbeat, GENESIS + i).is_ok(),
            reference,
            "case {i}"
        );
    }
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
