//! Whatever the order and timing of calls, io-emission never mints a base unit more than the
//! schedule allows, never early, never twice. Random call sequences (right and wrong signers and
//! accounts, distributor hand-overs) under random clock moves (forward and backward), checked
//! against a model after every step.

use io_emission::error::EmissionError;
use io_emission::schedule::{self, LAST_EPOCH};
use io_emission::state::EmissionState;
use io_test_harness::{anchor_code, ChainBuilder};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use solana_keypair::Keypair;
use solana_signer::Signer;

const STEPS: usize = 300;

struct Distributor {
    key: Keypair,
    vault: anchor_lang::prelude::Pubkey,
}

async fn run_scenario(seed: u64, decimals: u8, start_epoch: u32) {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut chain = ChainBuilder::new().decimals(decimals).build().await;
    let actors = chain.initialize_emission_default().await;
    let genesis = chain.emission_state().await.genesis_timestamp;
    let genesis_supply = schedule::genesis_supply(decimals).unwrap();
    let cap = schedule::emission_cap(decimals).unwrap();

    // Model of what may have been minted.
    let mut last_epoch = start_epoch;
    let mut cumulative = schedule::cumulative_emission(start_epoch, decimals).unwrap();
    if start_epoch > 0 {
        let key = chain.emission_state_key();
        let mut state: EmissionState = chain.anchor_account(key).await;
        state.last_minted_epoch = start_epoch;
        state.cumulative_minted = cumulative;
        chain.write_anchor_account(key, &state).await;
        chain
            .set_time(schedule::epoch_end(genesis, start_epoch).unwrap())
            .await;
    }
    // What the chain minted on top of the fast-forwarded starting point.
    let minted_before_start = cumulative;

    let mut distributors = vec![Distributor {
        key: actors.distributor.insecure_clone(),
        vault: actors.vault,
    }];
    let mut current = 0usize;
    let impostor = Keypair::new();
    let impostor_vault = chain.create_token_account(&impostor.pubkey()).await;

    for step in 0..STEPS {
        let roll = rng.random_range(0..100);
        if roll < 30 {
            // Clock moves: small, about an hour, many hours, or backwards.
            let delta = match rng.random_range(0..5) {
                0 => rng.random_range(0..120),
                1 => 3_600,
                2 => rng.random_range(3_000..4_000),
                3 => rng.random_range(3_600..36_000),
                _ => -rng.random_range(1..7_200),
            };
            chain.advance(delta).await;
        } else if roll < 85 {
            // Mint with a random caller and destination; predict the outcome exactly.
            let now = chain.now().await;
            let next = last_epoch + 1;
            let who = rng.random_range(0..10);
            let (signer, destination, wrong_signer, wrong_destination) = match who {
                0 => (&impostor, impostor_vault, true, false),
                1 => (&distributors[current].key, impostor_vault, false, true),
                2 if current > 0 => (
                    &distributors[current - 1].key,
                    distributors[current - 1].vault,
                    true,
                    false,
                ),
                _ => (
                    &distributors[current].key,
                    distributors[current].vault,
                    false,
                    false,
                ),
            };
            let signer = signer.insecure_clone();
            let result = chain.mint_epoch_to(&signer, destination).await;
            let expected_error = if wrong_signer {
                Some(EmissionError::UnauthorizedDistributor)
            } else if wrong_destination {
                Some(EmissionError::DestinationNotOwnedByDistributor)
            } else if next > LAST_EPOCH {
                Some(EmissionError::ScheduleComplete)
            } else if now < schedule::epoch_end(genesis, next).unwrap() {
                Some(EmissionError::EpochNotEnded)
            } else {
                None
            };
            match expected_error {
                Some(error) => assert_eq!(
                    anchor_code(&result),
                    Some(6000 + error as u32),
                    "seed {seed} step {step}: expected {error:?}, got {result:?}"
                ),
                None => {
                    result.unwrap_or_else(|e| panic!("seed {seed} step {step}: {e:?}"));
                    let amount = schedule::epoch_mint_amount(next, decimals, cumulative).unwrap();
                    cumulative += amount;
                    last_epoch = next;
                    assert!(now >= schedule::epoch_end(genesis, next).unwrap());
                }
            }
        } else if roll < 90 {
            // Governance hands minting to a new distributor.
            let key = Keypair::new();
            chain
                .set_distributor(&actors.admin, key.pubkey())
                .await
                .unwrap();
            let vault = chain.create_token_account(&key.pubkey()).await;
            distributors.push(Distributor { key, vault });
            current = distributors.len() - 1;
        } else {
            // A burst: catch up every ended epoch, as a keeper after downtime would.
            let now = chain.now().await;
            let ended = schedule::last_ended_epoch(genesis, now);
            while last_epoch < ended {
                let d = &distributors[current];
                let (key, vault) = (d.key.insecure_clone(), d.vault);
                chain.mint_epoch_to(&key, vault).await.unwrap();
                let next = last_epoch + 1;
                cumulative += schedule::epoch_mint_amount(next, decimals, cumulative).unwrap();
                last_epoch = next;
            }
        }

        // Invariants after every step.
        let state = chain.emission_state().await;
        assert_eq!(
            state.last_minted_epoch, last_epoch,
            "seed {seed} step {step}"
        );
        assert_eq!(
            state.cumulative_minted, cumulative,
            "seed {seed} step {step}"
        );
        assert!(state.cumulative_minted <= cap);
        let mut held = 0;
        for d in &distributors {
            held += chain.token_balance(d.vault).await;
        }
        held += chain.token_balance(impostor_vault).await;
        assert_eq!(
            held,
            cumulative - minted_before_start,
            "seed {seed} step {step}"
        );
        assert_eq!(
            chain.mint_supply().await,
            genesis_supply + cumulative - minted_before_start
        );
    }
    assert_eq!(
        cumulative,
        schedule::cumulative_emission(last_epoch, decimals).unwrap(),
        "the chain's total equals the schedule's total through the last minted epoch"
    );
}

#[tokio::test]
async fn random_call_sequences_from_genesis() {
    for seed in 0..4 {
        run_scenario(seed, 8, 0).await;
    }
}

#[tokio::test]
async fn random_call_sequences_across_the_end_of_the_schedule() {
    // 10 decimals: the cap binds in the final epoch, and nothing may follow it.
    for seed in 100..104 {
        run_scenario(seed, 10, LAST_EPOCH - 40).await;
    }
}
