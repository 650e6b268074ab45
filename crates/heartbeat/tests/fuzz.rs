//! Throws 120,000 random and mutated bodies at the heartbeat decoder: it never panics, never
//! allocates without bound, and whatever it accepts re-encodes to exactly the bytes it read
//! and respects the documented bounds.

use io_heartbeat::{
    decode_heartbeat, GpuSnapshot, HeartbeatMessage, MAX_GPUS, MAX_GPU_STRING_BYTES,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use solana_keypair::Keypair;
use solana_signer::Signer;

const BODIES: usize = 120_000;

fn valid_body(rng: &mut StdRng) -> Vec<u8> {
    let key = Keypair::new();
    let gpus = (0..rng.random_range(1..=8))
        .map(|i| GpuSnapshot {
            model: "NVIDIA H100 80GB HBM3".into(),
            uuid: format!("GPU-{:032x}", rng.random::<u128>()),
            serial: format!("{i:013}"),
            memory_total_mib: 81_559,
            memory_used_mib: rng.random_range(0..81_559),
            utilization_percent: rng.random_range(0..=100),
            temperature_celsius: rng.random_range(30..=90),
        })
        .collect();
    HeartbeatMessage {
        device_key: key.pubkey(),
        epoch: rng.random(),
        nonce: rng.random(),
        timestamp: rng.random(),
        gpus,
    }
    .sign(&key)
    .encode()
}

fn mutate(rng: &mut StdRng, mut body: Vec<u8>) -> Vec<u8> {
    for _ in 0..rng.random_range(1..=4) {
        if body.is_empty() {
            break;
        }
        let at = rng.random_range(0..body.len());
        match rng.random_range(0..6) {
            0 => body[at] ^= 1 << rng.random_range(0..8),
            1 => body[at] = rng.random(),
            2 => body.truncate(at),
            3 => body.insert(at, rng.random()),
            4 => {
                body.remove(at);
            }
            // A length prefix (Vec or String) blown up to a huge value.
            _ => {
                let end = (at + 4).min(body.len());
                for byte in &mut body[at..end] {
                    *byte = 0xff;
                }
            }
        }
    }
    body
}

#[test]
fn the_decoder_survives_random_bodies() {
    let mut rng = StdRng::seed_from_u64(0x10_0e7);
    let seeds: Vec<Vec<u8>> = (0..64).map(|_| valid_body(&mut rng)).collect();
    let (mut accepted, mut refused) = (0usize, 0usize);
    for i in 0..BODIES {
        let body = match i % 3 {
            0 => {
                let mut body = vec![0u8; rng.random_range(0..2_048)];
                rng.fill(&mut body[..]);
                body
            }
            1 => mutate(&mut rng, seeds[i % seeds.len()].clone()),
            _ => {
                // A plausible prefix followed by noise.
                let mut body = seeds[i % seeds.len()].clone();
                let keep = rng.random_range(0..body.len());
                body.truncate(keep);
                body.extend((0..rng.random_range(0..64)).map(|_| rng.random::<u8>()));
                body
            }
        };
        match decode_heartbeat(&body) {
            Ok(heartbeat) => {
                accepted += 1;
                assert_eq!(heartbeat.encode(), body, "decoding is exact");
                let gpus = &heartbeat.message.gpus;
                assert!(!gpus.is_empty() && gpus.len() <= MAX_GPUS);
                assert!(gpus.iter().all(|g| g.model.len() <= MAX_GPU_STRING_BYTES
                    && g.uuid.len() <= MAX_GPU_STRING_BYTES
                    && g.serial.len() <= MAX_GPU_STRING_BYTES));
            }
            Err(error) => {
                refused += 1;
                assert!(!error.to_string().is_empty());
            }
        }
    }
    assert_eq!(accepted + refused, BODIES);
    assert!(refused > BODIES / 2, "most random bodies are refused");
    println!("{BODIES} bodies: {accepted} decoded (mutations that stayed well-formed), {refused} refused");
}
