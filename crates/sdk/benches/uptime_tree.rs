//! The bonded quorum's costs (docs/design.md section 14), printed: building one epoch's uptime
//! root and every proof for the network's published peak of 600,000 devices with 720-bit
//! histories (seconds, peak memory), the proof length, the settle transaction's bytes at depth
//! 20, the hashes one settle verifies, and on-chain transactions per epoch for 1, 3 and 7 keepers
//! next to the single attester's batches it replaced.
//!
//! `cargo bench -p io-sdk --bench uptime_tree`
//! Environment: IO_BENCH_DEVICES (default 600000).

use std::time::Instant;

use anchor_lang::prelude::Pubkey;
use io_sdk::staking::LeafProof;
use io_sdk::uptime::UptimeTree;
use io_sdk::Addresses;
use io_staking::math::merkle::{self, MAX_DEPTH, UPTIME_BYTES};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Devices the removed `attest` instruction settled per transaction.
const ATTEST_BATCH: u64 = 27;
/// A keeper settles a device at least once every this many epochs so it never leaves the
/// 720-epoch window (section 14: about 600).
const REFRESH_EPOCHS: u64 = 600;

/// Peak resident memory of this process, from `/proc/self/status` (Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let devices: usize = std::env::var("IO_BENCH_DEVICES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(600_000);
    let epoch = 10_000u32;
    // Deterministic, mostly-up histories: each device down in a few epochs of its own.
    let leaves: Vec<(Pubkey, [u8; UPTIME_BYTES])> = (0..devices)
        .map(|i| {
            let mut uptime = [0xff; UPTIME_BYTES];
            uptime[i % UPTIME_BYTES] &= !(1 << (i % 8));
            let mut key = [0u8; 32];
            key[..8].copy_from_slice(&(i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).to_le_bytes());
            (Pubkey::new_from_array(key), uptime)
        })
        .collect();
    let before = peak_rss_mib().unwrap_or(0.0);
    let started = Instant::now();
    let tree = UptimeTree::build(epoch, leaves).expect("a tree");
    let built = started.elapsed();
    let all: Vec<Pubkey> = tree.devices().copied().collect();
    let started = Instant::now();
    let mut proof_nodes = 0usize;
    let mut longest = 0usize;
    for device in &all {
        let leaf = tree.proof_for(device).expect("a leaf");
        proof_nodes += leaf.proof.len();
        longest = longest.max(leaf.proof.len());
    }
    let proved = started.elapsed();
    let peak = peak_rss_mib().unwrap_or(0.0);
    println!("uptime tree of {devices} devices, 720-bit histories (release build):");
    println!("  root built in {:.2} s", built.as_secs_f64());
    println!("  every proof generated in {:.2} s", proved.as_secs_f64());
    println!("  peak memory {peak:.0} MiB (before building: {before:.0} MiB)");
    println!(
        "  proof length: {longest} nodes ({} bytes), {:.1} on average",
        longest * 32,
        proof_nodes as f64 / devices as f64
    );

    // One settle at the deepest tree the program accepts.
    let addresses = Addresses::for_mint(Pubkey::new_unique()).with_rpw_ring(Pubkey::new_unique());
    let deepest = LeafProof {
        epoch,
        uptime: [0xff; UPTIME_BYTES],
        index: merkle::MAX_LEAVES - 1,
        proof: vec![[7; 32]; MAX_DEPTH],
    };
    let payer = Keypair::new();
    let settle = addresses.settle(Pubkey::new_unique(), &deepest);
    let tx = solana_transaction::Transaction::new_signed_with_payer(
        &[settle],
        Some(&payer.pubkey()),
        &[&payer],
        Default::default(),
    );
    let bytes = bincode::serialize(&tx).expect("serializes").len();
    println!("settle at depth {MAX_DEPTH}: {bytes} bytes of a 1,232-byte legacy transaction");
    println!(
        "  hashes per settle: {} (the leaf and one per proof node)",
        1 + MAX_DEPTH
    );

    println!("on-chain transactions per epoch (close + 2 per keeper; settles a keeper cranks to keep every device inside the window):");
    println!(
        "  {:>8}  {:>14}  {:>8}  {:>8}  {:>8}",
        "devices", "attest (old)", "1 keeper", "3", "7"
    );
    for count in [20u64, 10_000, 600_000] {
        let attest = 1 + count.div_ceil(ATTEST_BATCH);
        let refresh = count.div_ceil(REFRESH_EPOCHS);
        let quorum = |keepers: u64| format!("{}+{refresh}", 1 + 2 * keepers);
        println!(
            "  {count:>8}  {attest:>14}  {:>8}  {:>8}  {:>8}",
            quorum(1),
            quorum(3),
            quorum(7)
        );
    }
}
