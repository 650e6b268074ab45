use anchor_lang::prelude::Pubkey;
use io_emission::error::EmissionError;
use io_emission::events::AdminTransferred;
use io_test_harness::emission::emission_at;
use io_test_harness::{assert_emission_error, events, ChainBuilder};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn the_nominee_becomes_admin_and_the_old_admin_loses_power() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    let nominee = Keypair::new();
    chain
        .propose_admin(&actors.admin, nominee.pubkey())
        .await
        .unwrap();
    let ix = emission_at(chain.emission_state_key(), Pubkey::default())
        .emission_accept_admin(nominee.pubkey());
    let (result, emitted) = chain.process_with_events(&[ix], &[&nominee]).await;
    result.unwrap();
    let event: AdminTransferred = events::single(&emitted);
    assert_eq!(event.old_admin, actors.admin.pubkey());
    assert_eq!(event.new_admin, nominee.pubkey());

    let state = chain.emission_state().await;
    assert_eq!(state.admin, nominee.pubkey());
    assert_eq!(state.pending_admin, Pubkey::default());
    assert_emission_error(
        chain
            .set_distributor(&actors.admin, Pubkey::new_unique())
            .await,
        EmissionError::UnauthorizedAdmin,
    );
    chain
        .set_distributor(&nominee, Pubkey::new_unique())
        .await
        .unwrap();
    // A nomination is used once.
    assert_emission_error(
        chain.accept_admin(&nominee).await,
        EmissionError::NoPendingAdmin,
    );
}

#[tokio::test]
async fn nothing_to_accept_without_a_nomination() {
    let mut chain = ChainBuilder::new().build().await;
    chain.initialize_emission_default().await;
    let result = chain.accept_admin(&Keypair::new()).await;
    assert_emission_error(result, EmissionError::NoPendingAdmin);
}

#[tokio::test]
async fn only_the_nominee_accepts() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    chain
        .propose_admin(&actors.admin, Pubkey::new_unique())
        .await
        .unwrap();
    for impostor in [Keypair::new(), actors.admin.insecure_clone()] {
        let result = chain.accept_admin(&impostor).await;
        assert_emission_error(result, EmissionError::NotPendingAdmin);
    }
}

#[tokio::test]
async fn a_cancelled_nomination_cannot_be_accepted() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    let nominee = Keypair::new();
    chain
        .propose_admin(&actors.admin, nominee.pubkey())
        .await
        .unwrap();
    chain
        .propose_admin(&actors.admin, Pubkey::default())
        .await
        .unwrap();
    let result = chain.accept_admin(&nominee).await;
    assert_emission_error(result, EmissionError::NoPendingAdmin);
}
