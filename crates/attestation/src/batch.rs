//! Batched signature checks for the HTTP path. Under load many heartbeats are waiting at once;
//! checking them as one batch shares most of the curve arithmetic and roughly halves the cost
//! per signature. A batch that fails is re-checked one signature at a time, so a forged
//! heartbeat only costs its own rejection.
//!
//! Both the batch and the single checks follow ZIP-215 (the rules under which batch and single
//! verification always agree). For heartbeats, which are off-chain and protected against
//! replay by one-time nonces, the rare signatures ZIP-215 accepts and the strict check refuses
//! make no difference: only the holder of the device key can produce either.

use std::sync::mpsc;

use solana_ed25519::ed_sigs::batch::{Item, Verifier};
use solana_ed25519::ed_sigs::{Signature, VerificationKeyBytes};
use tokio::sync::oneshot;

/// Most signatures checked as one batch.
const MAX_BATCH: usize = 64;

struct Job {
    key: [u8; 32],
    signature: [u8; 64],
    message: Vec<u8>,
    done: oneshot::Sender<bool>,
}

/// A thread that checks signatures in batches; dropping the last handle stops it.
pub struct SignatureBatcher {
    jobs: mpsc::Sender<Job>,
}

impl SignatureBatcher {
    pub fn start() -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel();
        std::thread::Builder::new()
            .name("io-keeper-verify".into())
            .spawn(move || check_loop(&queue))?;
        Ok(Self { jobs })
    }

    /// Whether `signature` by `key` over `message` is valid.
    pub async fn verify(&self, key: [u8; 32], signature: [u8; 64], message: Vec<u8>) -> bool {
        let (done, verdict) = oneshot::channel();
        let job = Job {
            key,
            signature,
            message,
            done,
        };
        if self.jobs.send(job).is_err() {
            return false;
        }
        verdict.await.unwrap_or(false)
    }
}

fn check_loop(queue: &mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    while let Ok(first) = queue.recv() {
        jobs.push(first);
        while jobs.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let verdicts = check(&jobs);
        for (job, valid) in jobs.drain(..).zip(verdicts) {
            // The handler may be gone (client hung up): nothing to tell.
            let _ = job.done.send(valid);
        }
    }
}

/// The verdict for each job, in order.
fn check(jobs: &[Job]) -> Vec<bool> {
    let items: Vec<Item> = jobs
        .iter()
        .map(|job| {
            Item::from((
                VerificationKeyBytes::from(job.key),
                Signature::from_bytes(&job.signature),
                &job.message[..],
            ))
        })
        .collect();
    if items.len() > 1 {
        let mut batch = Verifier::new();
        for item in &items {
            batch.queue(item.clone());
        }
        if batch.verify().is_ok() {
            return vec![true; items.len()];
        }
    }
    items
        .into_iter()
        .map(|item| item.verify_single().is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use solana_keypair::Keypair;
    use solana_signer::Signer;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn batches_agree_with_single_checks_and_isolate_forgeries() {
        let batcher = std::sync::Arc::new(SignatureBatcher::start().unwrap());
        let mut tasks = Vec::new();
        for i in 0..300u32 {
            let batcher = batcher.clone();
            tasks.push(tokio::spawn(async move {
                let key = Keypair::new();
                let message = format!("heartbeat {i}").into_bytes();
                let mut signature: [u8; 64] = key.sign_message(&message).into();
                let forged = i % 7 == 3;
                if forged {
                    signature[5] ^= 0x10;
                }
                let reference = solana_signature::Signature::from(signature)
                    .verify(key.pubkey().as_ref(), &message);
                let verdict = batcher
                    .verify(key.pubkey().to_bytes(), signature, message)
                    .await;
                (forged, reference, verdict)
            }));
        }
        for task in tasks {
            let (forged, reference, verdict) = task.await.unwrap();
            assert_eq!(verdict, !forged);
            assert_eq!(verdict, reference);
        }
    }
}
