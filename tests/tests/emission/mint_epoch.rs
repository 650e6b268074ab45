use anchor_lang::error::ErrorCode as AnchorErrorCode;
use anchor_lang::prelude::Pubkey;
use io_emission::error::EmissionError;
use io_emission::events::EpochMinted;
use io_emission::schedule::{self, LAST_EPOCH};
use io_emission::state::EmissionState;
use io_test_harness::emission::emission_at;
use io_test_harness::{
    assert_anchor_error, assert_emission_error, events, ChainBuilder, EmissionActors, TestChain,
    DEFAULT_GENESIS_TIMESTAMP,
};
use solana_account::{Account, AccountSharedData};
use solana_keypair::Keypair;
use solana_signer::Signer;

async fn setup() -> (TestChain, EmissionActors) {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    (chain, actors)
}

/// Rewrites the state as if `last_epoch` epochs had been minted (the schedule's running total),
/// to reach the end of the schedule without 175k transactions.
async fn fast_forward_state(chain: &mut TestChain, last_epoch: u32, cumulative: u64) {
    let key = chain.emission_state_key();
    let mut state: EmissionState = chain.anchor_account(key).await;
    state.last_minted_epoch = last_epoch;
    state.cumulative_minted = cumulative;
    chain.write_anchor_account(key, &state).await;
}

#[tokio::test]
async fn mints_the_first_epoch_once_it_has_ended() {
    let (mut chain, actors) = setup().await;
    chain.warp_to_epoch_end(1).await;
    let ix = emission_at(chain.emission_state_key(), chain.mint_key())
        .mint_epoch(actors.distributor.pubkey(), actors.vault);
    let (result, emitted) = chain
        .process_with_events(&[ix], &[&actors.distributor])
        .await;
    result.unwrap();

    let expected = 456_621_004_566; // 4,566.21004566 IO (published: 4,566.21)
    assert_eq!(chain.token_balance(actors.vault).await, expected);
    assert_eq!(
        chain.mint_supply().await,
        schedule::genesis_supply(8).unwrap() + expected
    );
    let state = chain.emission_state().await;
    assert_eq!(state.last_minted_epoch, 1);
    assert_eq!(state.cumulative_minted, expected);

    let event: EpochMinted = events::single(&emitted);
    assert_eq!(event.epoch, 1);
    assert_eq!(event.amount, expected);
    assert_eq!(event.scheduled, expected);
    assert_eq!(event.cumulative_minted, expected);
    assert_eq!(event.cap_remaining, state.emission_cap - expected);
    assert_eq!(event.destination, actors.vault);
}

#[tokio::test]
async fn never_early() {
    let (mut chain, actors) = setup().await;
    // Before genesis, during epoch 1, and one second before it ends.
    for at in [
        DEFAULT_GENESIS_TIMESTAMP - 1,
        DEFAULT_GENESIS_TIMESTAMP,
        DEFAULT_GENESIS_TIMESTAMP + 3_599,
    ] {
        chain.set_time(at).await;
        let result = chain.mint_epoch(&actors).await;
        assert_emission_error(result, EmissionError::EpochNotEnded);
    }
    assert_eq!(chain.token_balance(actors.vault).await, 0);
    assert_eq!(chain.emission_state().await.last_minted_epoch, 0);
}

#[tokio::test]
async fn never_twice() {
    let (mut chain, actors) = setup().await;
    chain.warp_to_epoch_end(1).await;
    chain.mint_epoch(&actors).await.unwrap();
    // Same instant: epoch 1 is minted and epoch 2 has not ended.
    let result = chain.mint_epoch(&actors).await;
    assert_emission_error(result, EmissionError::EpochNotEnded);
    assert_eq!(
        chain.token_balance(actors.vault).await,
        schedule::epoch_emission(1, 8).unwrap()
    );
}

#[tokio::test]
async fn catches_up_missed_epochs_one_per_call_in_order() {
    let (mut chain, actors) = setup().await;
    chain.warp_to_epoch_end(10).await;
    let mut total = 0;
    for epoch in 1..=10 {
        let ix = emission_at(chain.emission_state_key(), chain.mint_key())
            .mint_epoch(actors.distributor.pubkey(), actors.vault);
        let (result, emitted) = chain
            .process_with_events(&[ix], &[&actors.distributor])
            .await;
        result.unwrap();
        let event: EpochMinted = events::single(&emitted);
        assert_eq!(event.epoch, epoch);
        assert_eq!(event.amount, schedule::epoch_emission(epoch, 8).unwrap());
        total += event.amount;
    }
    assert_emission_error(
        chain.mint_epoch(&actors).await,
        EmissionError::EpochNotEnded,
    );
    assert_eq!(total, schedule::cumulative_emission(10, 8).unwrap());
    assert_eq!(chain.token_balance(actors.vault).await, total);
    assert_eq!(chain.emission_state().await.cumulative_minted, total);
}

#[tokio::test]
async fn rejects_a_signer_other_than_the_distributor() {
    let (mut chain, _actors) = setup().await;
    chain.warp_to_epoch_end(1).await;
    let impostor = Keypair::new();
    let impostor_vault = chain.create_token_account(&impostor.pubkey()).await;
    let result = chain.mint_epoch_to(&impostor, impostor_vault).await;
    assert_emission_error(result, EmissionError::UnauthorizedDistributor);
    assert_eq!(chain.token_balance(impostor_vault).await, 0);
}

#[tokio::test]
async fn rejects_an_unsigned_distributor() {
    let (mut chain, actors) = setup().await;
    chain.warp_to_epoch_end(1).await;
    let mut ix = emission_at(chain.emission_state_key(), chain.mint_key())
        .mint_epoch(actors.distributor.pubkey(), actors.vault);
    ix.accounts[0].is_signer = false;
    let result = chain.process(&[ix], &[]).await;
    assert_anchor_error(result, AnchorErrorCode::AccountNotSigner.into());
}

#[tokio::test]
async fn rejects_a_wrong_mint() {
    let (mut chain, actors) = setup().await;
    chain.warp_to_epoch_end(1).await;
    let other_mint = chain.create_other_mint(8).await;
    let ix = emission_at(chain.emission_state_key(), other_mint)
        .mint_epoch(actors.distributor.pubkey(), actors.vault);
    let result = chain.process(&[ix], &[&actors.distributor]).await;
    assert_emission_error(result, EmissionError::WrongMint);
}

#[tokio::test]
async fn rejects_a_destination_of_another_mint() {
    let (mut chain, actors) = setup().await;
    chain.warp_to_epoch_end(1).await;
    let other_mint = chain.create_other_mint(8).await;
    let wrong_vault = chain
        .create_token_account_for_mint(&actors.distributor.pubkey(), &other_mint)
        .await;
    let result = chain.mint_epoch_to(&actors.distributor, wrong_vault).await;
    assert_emission_error(result, EmissionError::WrongMint);
}

#[tokio::test]
async fn rejects_a_destination_not_owned_by_the_distributor() {
    let (mut chain, actors) = setup().await;
    chain.warp_to_epoch_end(1).await;
    let thief = chain.create_token_account(&Pubkey::new_unique()).await;
    let result = chain.mint_epoch_to(&actors.distributor, thief).await;
    assert_emission_error(result, EmissionError::DestinationNotOwnedByDistributor);
}

#[tokio::test]
async fn rejects_a_counterfeit_state_account() {
    let (mut chain, actors) = setup().await;
    chain.warp_to_epoch_end(1).await;
    // Same bytes as the real state, but owned by another program.
    let state = chain.emission_state_key();
    let real = chain.account(state).await.unwrap();
    let fake_key = Pubkey::new_unique();
    let fake = Account {
        owner: Pubkey::new_unique(),
        ..real
    };
    chain
        .ctx
        .set_account(&fake_key, &AccountSharedData::from(fake));
    let ix = emission_at(fake_key, chain.mint_key())
        .mint_epoch(actors.distributor.pubkey(), actors.vault);
    let result = chain.process(&[ix], &[&actors.distributor]).await;
    assert_anchor_error(result, AnchorErrorCode::AccountOwnedByWrongProgram.into());
}

#[tokio::test]
async fn never_after_the_last_epoch() {
    let (mut chain, actors) = setup().await;
    let total = schedule::cumulative_emission(LAST_EPOCH, 8).unwrap();
    fast_forward_state(&mut chain, LAST_EPOCH, total).await;
    chain.warp_to_epoch_end(LAST_EPOCH).await;
    chain.advance(365 * 86_400).await;
    let result = chain.mint_epoch(&actors).await;
    assert_emission_error(result, EmissionError::ScheduleComplete);
    assert_eq!(chain.token_balance(actors.vault).await, 0);
}

#[tokio::test]
async fn the_final_epochs_stop_exactly_at_the_cap() {
    // With 10 decimals the floored schedule overshoots the cap, so the last epoch is clamped.
    let mut chain = ChainBuilder::new().decimals(10).build().await;
    let actors = chain.initialize_emission_default().await;
    let start = LAST_EPOCH - 5;
    let before = schedule::cumulative_emission(start, 10).unwrap();
    fast_forward_state(&mut chain, start, before).await;
    chain.warp_to_epoch_end(LAST_EPOCH).await;

    let mut minted = Vec::new();
    for _ in 0..5 {
        let ix = emission_at(chain.emission_state_key(), chain.mint_key())
            .mint_epoch(actors.distributor.pubkey(), actors.vault);
        let (result, emitted) = chain
            .process_with_events(&[ix], &[&actors.distributor])
            .await;
        result.unwrap();
        minted.push(events::single::<EpochMinted>(&emitted));
    }
    let last = minted.last().unwrap();
    assert_eq!(last.epoch, LAST_EPOCH);
    assert!(
        last.amount < last.scheduled,
        "the clamp binds in the last epoch"
    );
    assert_eq!(last.cap_remaining, 0);

    let state = chain.emission_state().await;
    assert_eq!(state.cumulative_minted, schedule::emission_cap(10).unwrap());
    assert_eq!(
        chain.token_balance(actors.vault).await,
        state.emission_cap - before
    );
    assert_emission_error(
        chain.mint_epoch(&actors).await,
        EmissionError::ScheduleComplete,
    );
}

#[tokio::test]
async fn an_exhausted_cap_mints_nothing_but_the_epoch_still_advances() {
    let (mut chain, actors) = setup().await;
    let cap = schedule::emission_cap(8).unwrap();
    fast_forward_state(&mut chain, 100, cap - 5).await;
    chain.warp_to_epoch_end(102).await;
    chain.mint_epoch(&actors).await.unwrap();
    assert_eq!(chain.token_balance(actors.vault).await, 5);
    chain.mint_epoch(&actors).await.unwrap();
    assert_eq!(chain.token_balance(actors.vault).await, 5);
    let state = chain.emission_state().await;
    assert_eq!(state.last_minted_epoch, 102);
    assert_eq!(state.cumulative_minted, cap);
}

#[tokio::test]
async fn corrupt_books_above_the_cap_are_refused() {
    let (mut chain, actors) = setup().await;
    let cap = schedule::emission_cap(8).unwrap();
    fast_forward_state(&mut chain, 10, cap + 1).await;
    chain.warp_to_epoch_end(11).await;
    let result = chain.mint_epoch(&actors).await;
    assert_emission_error(result, EmissionError::CapExceeded);
}
