use anchor_lang::prelude::Pubkey;
use io_emission::error::EmissionError;
use io_emission::events::AdminTransferProposed;
use io_test_harness::emission::emission_at;
use io_test_harness::{assert_emission_error, events, ChainBuilder};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn records_a_nomination_without_changing_the_admin() {
    let mut chain = ChainBuilder::new().build().await;
    let actors = chain.initialize_emission_default().await;
    let nominee = Pubkey::new_unique();
    let ix = emission_at(chain.emission_state_key(), Pubkey::default())
        .emission_propose_admin(actors.admin.pubkey(), nominee);
    let (result, emitted) = chain.process_with_events(&[ix], &[&actors.admin]).await;
    result.unwrap();
    let state = chain.emission_state().await;
    assert_eq!(state.pending_admin, nominee);
    assert_eq!(state.admin, actors.admin.pubkey());
    let event: AdminTransferProposed = events::single(&emitted);
    assert_eq!(event.old_pending_admin, Pubkey::default());
    assert_eq!(event.new_pending_admin, nominee);
}

#[tokio::test]
async fn only_the_admin_nominates() {
    let mut chain = ChainBuilder::new().build().await;
    chain.initialize_emission_default().await;
    let impostor = Keypair::new();
    let result = chain.propose_admin(&impostor, impostor.pubkey()).await;
    assert_emission_error(result, EmissionError::UnauthorizedAdmin);
}
