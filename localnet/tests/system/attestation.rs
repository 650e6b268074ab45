//! Attestation batches through the keeper pay the expected amounts (embedded chain).

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{AccountDeserialize, AccountSerialize, Discriminator};
use io_chain::retry::Backoff;
use io_chain::{fetch, Chain, ChainError};
use io_emission::schedule;
use io_localchain::local::LocalChain;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_localnet::{bootstrap_local, LocalDeployment};
use io_ops::attest::attest_epoch;
use io_ops::crank::crank_once;
use io_ops::upkeep::upkeep;
use io_sdk::Addresses;
use io_staking::error::StakingError;
use io_staking::math::rewards::{split_emission, RPW_SCALE};
use io_staking::state::{Device, RewardPool, StakingConfig};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::register_device;

/// A registered device and its owner (who can close it).
struct Registered {
    device: Pubkey,
    owner: Keypair,
    hardware_hash: [u8; 32],
}

pub(crate) async fn register(
    chain: &LocalChain,
    addresses: &Addresses,
    model_id: u16,
    multiplier: u32,
) -> Pubkey {
    register_staking(chain, addresses, model_id, multiplier, true)
        .await
        .device
}

/// Registers a device of `model_id`; stakes exactly its requirement when `stake` is set.
async fn register_staking(
    chain: &LocalChain,
    addresses: &Addresses,
    model_id: u16,
    multiplier: u32,
    stake: bool,
) -> Registered {
    let config: StakingConfig = fetch(chain, &addresses.config).await.unwrap().unwrap();
    let now = chain.unix_time().await.unwrap();
    let required = config.required_stake(now, multiplier, 1).unwrap();
    let owner = Keypair::new();
    let key = Keypair::new();
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    let token = chain.fund(&owner.pubkey(), required).await;
    let device = addresses.device(&key.pubkey());
    let mut instructions = register_device(addresses, &owner, &key, model_id).to_vec();
    if stake {
        instructions.push(addresses.stake(owner.pubkey(), device, token, required));
    }
    chain.send(&instructions, &[&owner]).await.unwrap();
    Registered {
        device,
        owner,
        hardware_hash: key.pubkey().to_bytes(),
    }
}

/// An H100 (weight 1,000) and an RTX 4090 (125), both up from epoch 1, joined after epoch 5:
/// epoch 6 pays them Enterprise's 95% of epochs 1-6 (carried while nobody was active; both
/// models are Enterprise) in proportion to weight, to the base unit.
pub(crate) async fn assert_paid_the_weighted_share_of_six_epochs(
    chain: &LocalChain,
    h100: Pubkey,
    rtx: Pubkey,
) {
    let pot = (1..=6)
        .map(|n| {
            let parts = split_emission(schedule::epoch_emission(n, 8).unwrap(), &[9_500, 500]);
            parts.unwrap()[0] as u128
        })
        .sum::<u128>()
        * RPW_SCALE;
    let delta = pot / 1_125;
    let credited = |d: Device| d.total_credited as u128;
    let h100_state: Device = fetch(chain, &h100).await.unwrap().unwrap();
    let rtx_state: Device = fetch(chain, &rtx).await.unwrap().unwrap();
    assert_eq!(credited(h100_state), 1_000 * delta / RPW_SCALE);
    assert_eq!(credited(rtx_state), 125 * delta / RPW_SCALE);
}

/// Closes the epoch ending at the chain's next hour boundary through `epoch`, as the crank does.
async fn close_through(chain: &LocalChain, addresses: &Addresses, epoch: u32) {
    chain
        .set_time(schedule::epoch_end(DEFAULT_GENESIS_TIMESTAMP, epoch).unwrap())
        .await;
    let stop = tokio::sync::watch::channel(false).1;
    crank_once(chain, addresses, &Backoff::default(), &stop)
        .await
        .unwrap();
}

/// A fresh embedded chain with the protocol bootstrapped (genesis at the default timestamp).
async fn deployment() -> (LocalChain, LocalDeployment) {
    let chain = LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await;
    let deployment = bootstrap_local(&chain, DEFAULT_GENESIS_TIMESTAMP)
        .await
        .unwrap();
    (chain, deployment)
}

/// Closes and attests `devices` for every epoch in `epochs`, as a keeper does each hour.
async fn attest_through(
    chain: &LocalChain,
    deployment: &LocalDeployment,
    epochs: std::ops::RangeInclusive<u32>,
    devices: &[Pubkey],
) {
    for epoch in epochs {
        close_through(chain, &deployment.addresses, epoch).await;
        attest_epoch(
            chain,
            &deployment.addresses,
            &Backoff::default(),
            &deployment.attester,
            epoch,
            devices,
        )
        .await
        .unwrap();
    }
}

/// A chain that, just before the first `attest` transaction goes out, lets a device owner close
/// their device: the race between a keeper's read and its send (issue 10, finding 3).
struct CloseBeforeAttest<'a> {
    inner: &'a LocalChain,
    close: std::sync::Mutex<Option<(Instruction, Keypair)>>,
}

#[async_trait::async_trait]
impl Chain for CloseBeforeAttest<'_> {
    fn payer(&self) -> Pubkey {
        self.inner.payer()
    }
    async fn account_data(&self, address: &Pubkey) -> Result<Option<Vec<u8>>, ChainError> {
        self.inner.account_data(address).await
    }
    async fn send(
        &self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<(), ChainError> {
        let attest = instructions.iter().any(|ix| {
            ix.data
                .starts_with(io_staking::instruction::Attest::DISCRIMINATOR)
        });
        let close = if attest {
            self.close.lock().unwrap().take()
        } else {
            None
        };
        if let Some((ix, owner)) = close {
            self.inner.send(&[ix], &[&owner]).await?;
        }
        self.inner.send(instructions, signers).await
    }
    async fn unix_time(&self) -> Result<i64, ChainError> {
        self.inner.unix_time().await
    }
    async fn program_accounts(
        &self,
        program: &Pubkey,
        discriminator: &[u8],
    ) -> Result<Vec<(Pubkey, Vec<u8>)>, ChainError> {
        self.inner.program_accounts(program, discriminator).await
    }
}

#[tokio::test]
async fn batches_pay_each_device_its_weighted_share() {
    let chain = LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await;
    let backoff = Backoff::default();
    let LocalDeployment {
        attester,
        addresses,
        ..
    } = bootstrap_local(&chain, DEFAULT_GENESIS_TIMESTAMP)
        .await
        .unwrap();
    let h100 = register(&chain, &addresses, 3, 1_000).await; // weight 1000
    let rtx = register(&chain, &addresses, 10, 125).await; // weight 125
    let stop = tokio::sync::watch::channel(false).1;

    for epoch in 1..=6 {
        chain
            .set_time(schedule::epoch_end(DEFAULT_GENESIS_TIMESTAMP, epoch).unwrap())
            .await;
        crank_once(&chain, &addresses, &backoff, &stop)
            .await
            .unwrap();
        let report = attest_epoch(&chain, &addresses, &backoff, &attester, epoch, &[h100, rtx])
            .await
            .unwrap();
        assert_eq!(
            (report.attested, report.skipped, report.transactions),
            (2, 0, 1)
        );
    }
    assert_paid_the_weighted_share_of_six_epochs(&chain, h100, rtx).await;

    // Attesting the same epoch again is skipped, not a failed batch.
    let again = attest_epoch(&chain, &addresses, &backoff, &attester, 6, &[h100, rtx])
        .await
        .unwrap();
    assert_eq!(
        (again.attested, again.skipped, again.transactions),
        (0, 2, 0)
    );
}

/// Finding 3: a device closed between the keeper's read and its send used to revert the whole
/// batch and abort the pass. Now the program skips it and the others are attested.
#[tokio::test]
async fn a_device_closed_between_read_and_send_costs_only_itself() {
    let (chain, deployment) = deployment().await;
    let backoff = Backoff::default();
    let LocalDeployment {
        attester,
        addresses,
        ..
    } = &deployment;
    let h100 = register(&chain, addresses, 3, 1_000).await;
    let gone = register_staking(&chain, addresses, 10, 125, false).await;
    let rtx = register(&chain, addresses, 10, 125).await;
    let all = [h100, gone.device, rtx];
    attest_through(&chain, &deployment, 1..=5, &all).await;
    close_through(&chain, addresses, 6).await;
    let racing = CloseBeforeAttest {
        inner: &chain,
        close: std::sync::Mutex::new(Some((
            addresses.close_device(gone.owner.pubkey(), gone.device, &gone.hardware_hash),
            gone.owner.insecure_clone(),
        ))),
    };
    let report = attest_epoch(&racing, addresses, &backoff, attester, 6, &all)
        .await
        .unwrap();
    assert!(
        racing.close.lock().unwrap().is_none(),
        "the owner closed it mid-pass"
    );
    assert!(chain.account(&gone.device).await.is_none());
    assert_eq!(
        (
            report.attested,
            report.skipped,
            report.refused,
            report.transactions
        ),
        (2, 1, 0, 1)
    );
    assert_eq!(report.settled, vec![h100, rtx]);
    for device in [h100, rtx] {
        let state: Device = fetch(&chain, &device).await.unwrap().unwrap();
        assert_eq!(state.last_attested_epoch, 6);
        assert!(state.total_credited > 0);
    }
    // The keeper goes on with the next epoch.
    close_through(&chain, addresses, 7).await;
    let next = attest_epoch(&chain, addresses, &backoff, attester, 7, &all)
        .await
        .unwrap();
    assert_eq!((next.attested, next.skipped), (2, 1));
}

/// A refusal that is about the whole call (here: paused) fails it, so the service does not record
/// the epoch as done and tries again next pass. A refusal that is about one account costs only
/// that account: the batch is sent again one device at a time.
#[tokio::test]
async fn a_refused_call_fails_and_a_refused_device_costs_only_itself() {
    let (chain, deployment) = deployment().await;
    let backoff = Backoff::default();
    let LocalDeployment {
        admin,
        attester,
        addresses,
    } = &deployment;
    let h100 = register(&chain, addresses, 3, 1_000).await;
    let rtx = register(&chain, addresses, 10, 125).await;
    close_through(&chain, addresses, 1).await;
    let pause = |paused| addresses.set_paused(admin.pubkey(), paused);
    chain.send(&[pause(true)], &[admin]).await.unwrap();
    let refused = attest_epoch(&chain, addresses, &backoff, attester, 1, &[h100, rtx]).await;
    assert_eq!(
        refused.unwrap_err().program_code(),
        Some(StakingError::Paused.code())
    );
    chain.send(&[pause(false)], &[admin]).await.unwrap();

    // A device of another deployment: it decodes as a device, so only the program catches it.
    let mut forged = chain.account(&h100).await.unwrap();
    let mut device: Device = Device::try_deserialize(&mut forged.data.as_slice()).unwrap();
    device.config = Pubkey::new_unique();
    let mut data = Vec::new();
    device.try_serialize(&mut data).unwrap();
    data.resize(forged.data.len(), 0);
    forged.data = data;
    let foreign = Pubkey::new_unique();
    chain.write_account(foreign, forged).await;

    let report = attest_epoch(
        &chain,
        addresses,
        &backoff,
        attester,
        1,
        &[h100, foreign, rtx],
    )
    .await
    .unwrap();
    assert_eq!(
        (report.attested, report.refused, report.transactions),
        (2, 1, 2)
    );
    assert_eq!(report.settled, vec![h100, rtx]);
}

/// Finding 8: nothing ever deactivated a stale device. The keeper's upkeep does, and the
/// device's unsettled share goes back to carry for everyone else.
#[tokio::test]
async fn upkeep_deactivates_a_stale_device_and_recycles_its_share() {
    let (chain, deployment) = deployment().await;
    let backoff = Backoff::default();
    let LocalDeployment {
        attester,
        addresses,
        ..
    } = &deployment;
    let up = register(&chain, addresses, 3, 1_000).await;
    let stopped = register(&chain, addresses, 3, 1_000).await;
    let stop = tokio::sync::watch::channel(false).1;
    attest_through(&chain, &deployment, 1..=5, &[up, stopped]).await;
    // The second worker goes silent after epoch 5; the keepers carry on with the first.
    for epoch in 6..=175 {
        close_through(&chain, addresses, epoch).await;
        attest_epoch(&chain, addresses, &backoff, attester, epoch, &[up])
            .await
            .unwrap();
        if epoch == 174 {
            let report = upkeep(&chain, addresses, &backoff, &stop).await.unwrap();
            // Attesters finished 173: 168 epochs past its last, not more.
            assert!(report.deactivated.is_empty(), "168 behind is not stale yet");
        }
    }
    let before: RewardPool = fetch(&chain, &addresses.reward_pool)
        .await
        .unwrap()
        .unwrap();
    let report = upkeep(&chain, addresses, &backoff, &stop).await.unwrap();
    assert_eq!(report.deactivated.len(), 1);
    let deactivation = report.deactivated[0];
    assert_eq!(deactivation.device, stopped);
    assert!(deactivation.forfeited > 0);
    let after: RewardPool = fetch(&chain, &addresses.reward_pool)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.active_devices, 1);
    assert_eq!(
        after.carry_scaled() - before.carry_scaled(),
        deactivation.forfeited as u128 * RPW_SCALE,
        "recycled: the next close pays it to the devices still up"
    );
    let state: Device = fetch(&chain, &stopped).await.unwrap().unwrap();
    assert!(!state.active);
    // A second pass has nothing to do.
    let again = upkeep(&chain, addresses, &backoff, &stop).await.unwrap();
    assert!(again.deactivated.is_empty() && again.synced.is_empty());
}

/// Finding 7: a multiplier change reached a device only by a manual sync. The keeper's upkeep
/// applies it right after the attestation that follows its due time: a lowered multiplier is in
/// force from the epoch after the one it fell due in.
#[tokio::test]
async fn a_lowered_multiplier_takes_effect_within_one_epoch_of_its_due_time() {
    let (chain, deployment) = deployment().await;
    let backoff = Backoff::default();
    let LocalDeployment {
        admin,
        attester,
        addresses,
    } = &deployment;
    let h100 = register(&chain, addresses, 3, 1_000).await;
    let stop = tokio::sync::watch::channel(false).1;
    attest_through(&chain, &deployment, 1..=5, &[h100]).await;
    let lower = addresses.schedule_multiplier_change(admin.pubkey(), 3, 500);
    chain.send(&[lower], &[admin]).await.unwrap();
    let due = chain.unix_time().await.unwrap() + 30 * 86_400;
    // Before the due time the upkeep leaves it alone.
    assert!(upkeep(&chain, addresses, &backoff, &stop)
        .await
        .unwrap()
        .synced
        .is_empty());

    // The due time falls inside epoch `k`; the keeper closes it, attests it, then upkeeps.
    let k = match schedule::epoch_at(DEFAULT_GENESIS_TIMESTAMP, due) {
        schedule::EpochPosition::Epoch(k) => k,
        other => panic!("{other:?}"),
    };
    close_through(&chain, addresses, k).await;
    attest_epoch(&chain, addresses, &backoff, attester, k, &[h100])
        .await
        .unwrap();
    let before: Device = fetch(&chain, &h100).await.unwrap().unwrap();
    assert_eq!(before.multiplier_centi, 1_000);
    let report = upkeep(&chain, addresses, &backoff, &stop).await.unwrap();
    assert_eq!(report.synced, vec![h100]);
    let after: Device = fetch(&chain, &h100).await.unwrap().unwrap();
    assert_eq!((after.multiplier_centi, after.weight), (500, 500));
    assert!(after.active, "2,000 IO still covers the lower requirement");
    let pool: RewardPool = fetch(&chain, &addresses.reward_pool)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        pool.classes[0].total_weight, 500,
        "epoch k + 1 is paid at the new weight"
    );
}
