use anchor_lang::prelude::Pubkey;
use io_emission::error::EmissionError;
use io_emission::events::DistributorChanged;
use io_emission::schedule;
use io_test_harness::emission::emission_at;
use io_test_harness::{assert_emission_error, events, ChainBuilder};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn the_admin_hands_minting_to_a_new_distributor() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    let successor = Keypair::new();
    let ix = emission_at(chain.emission_state_key(), Pubkey::default())
        .set_distributor(actors.admin.pubkey(), successor.pubkey());
    let (result, emitted) = chain.process_with_events(&[ix], &[&actors.admin]).await;
    result.unwrap();
    let event: DistributorChanged = events::single(&emitted);
    assert_eq!(event.old_distributor, actors.distributor.pubkey());
    assert_eq!(event.new_distributor, successor.pubkey());

    chain.warp_to_epoch_end(1).await;
    assert_emission_error(
        chain.mint_epoch(&actors).await,
        EmissionError::UnauthorizedDistributor,
    );
    let vault = chain.create_token_account(&successor.pubkey()).await;
    chain.mint_epoch_to(&successor, vault).await.unwrap();
    assert_eq!(
        chain.token_balance(vault).await,
        schedule::epoch_emission(1, 8).unwrap()
    );
}

#[tokio::test]
async fn only_the_admin() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    for impostor in [Keypair::new(), actors.distributor.insecure_clone()] {
        let result = chain.set_distributor(&impostor, impostor.pubkey()).await;
        assert_emission_error(result, EmissionError::UnauthorizedAdmin);
    }
    assert_eq!(
        chain.emission_state().await.distributor,
        actors.distributor.pubkey()
    );
}

#[tokio::test]
async fn rejects_the_default_key() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    let result = chain
        .set_distributor(&actors.admin, Pubkey::default())
        .await;
    assert_emission_error(result, EmissionError::InvalidAuthority);
}
