//! The example program on the embedded chain with both IO programs: its `crank` closes epoch 1
//! through io-staking, and io-staking's errors come back through the CPI unchanged.
// solana-program-test 3.1 marks its whole API deprecated ahead of the agave-unstable-api
// feature; it is still the supported way to run programs natively.
#![allow(deprecated)]

use anchor_lang::{InstructionData, ToAccountMetas};
use io_sdk::{event_authority, Addresses};
use io_staking::state::RewardPool;
use io_test_harness::{assert_emission_error, ChainBuilder, DEFAULT_GENESIS_TIMESTAMP};
use solana_program_test::processor;

io_localchain::native_entry!(example_entry, io_example_cpi_crank);

fn crank(addresses: &Addresses) -> anchor_lang::solana_program::instruction::Instruction {
    anchor_lang::solana_program::instruction::Instruction {
        program_id: io_example_cpi_crank::ID,
        accounts: io_example_cpi_crank::accounts::Crank {
            config: addresses.config,
            reward_pool: addresses.reward_pool,
            rpw_ring: addresses.rpw_ring,
            emission_state: addresses.emission_state,
            mint: addresses.mint,
            rewards_vault: addresses.rewards_vault,
            emission_event_authority: event_authority(&io_emission::ID),
            emission_program: io_emission::ID,
            token_program: anchor_spl::token::ID,
            staking_event_authority: event_authority(&io_staking::ID),
            staking_program: io_staking::ID,
        }
        .to_account_metas(None),
        data: io_example_cpi_crank::instruction::Crank {}.data(),
    }
}

#[tokio::test]
async fn a_program_closes_an_epoch_through_io_staking() {
    let mut chain = ChainBuilder::new()
        .with_program_test(|program_test| {
            program_test.add_program(
                "io_example_cpi_crank",
                io_example_cpi_crank::ID,
                processor!(example_entry),
            )
        })
        .build()
        .await;
    let protocol = chain.setup_protocol().await;
    let addresses = protocol.addresses;

    // Epoch 1 has not ended: io-emission's refusal reaches the caller unchanged.
    let early = chain.process(&[crank(&addresses)], &[]).await;
    assert_emission_error(early, io_emission::error::EmissionError::EpochNotEnded);

    // Once it has, the example's instruction closes it: the hour's emission is in the vault.
    chain.set_time(DEFAULT_GENESIS_TIMESTAMP + 3_600).await;
    chain
        .process(&[crank(&addresses)], &[])
        .await
        .expect("crank through the CPI");
    let pool: RewardPool = chain.anchor_account(addresses.reward_pool).await;
    assert_eq!(pool.last_closed_epoch, 1);
    let first_epoch = io_emission::schedule::epoch_emission(1, 8).unwrap();
    assert_eq!(pool.total_emitted, first_epoch);
    assert_eq!(
        chain.token_balance(addresses.rewards_vault).await,
        first_epoch
    );
}
