//! The deployment's one bonded keeper votes alone on each epoch's uptime root and settles the
//! devices from it, through `io-ops` on the embedded chain (docs/design.md section 14): the
//! expected amounts to the base unit, the ballot's rent back, a device closed mid-pass, a pause,
//! a stale device, and a due multiplier change.

use std::ops::RangeInclusive;

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use io_chain::retry::Backoff;
use io_chain::{fetch, Chain, ChainError};
use io_emission::schedule;
use io_localchain::local::LocalChain;
use io_localchain::DEFAULT_GENESIS_TIMESTAMP;
use io_localnet::{bootstrap_local, LocalDeployment};
use io_ops::crank::crank_once;
use io_ops::quorum::{
    close_ballot, settle_devices, settle_with, vote_alone, SettlePolicy, SettleReport,
};
use io_ops::upkeep::upkeep;
use io_sdk::uptime::{uptime_bits, UptimeTree};
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

/// Closes the epochs through `epoch` at its end, as the crank does.
async fn close_through(chain: &LocalChain, addresses: &Addresses, epoch: u32) {
    chain
        .set_time(schedule::epoch_end(DEFAULT_GENESIS_TIMESTAMP, epoch).unwrap())
        .await;
    let stop = tokio::sync::watch::channel(false).1;
    crank_once(chain, addresses, &Backoff::default(), &stop)
        .await
        .unwrap();
}

/// A fresh embedded chain with the protocol bootstrapped (genesis at the default timestamp) and
/// its keeper bonded.
async fn deployment() -> (LocalChain, LocalDeployment) {
    let chain = LocalChain::start(DEFAULT_GENESIS_TIMESTAMP - 3_600).await;
    let deployment = bootstrap_local(&chain, DEFAULT_GENESIS_TIMESTAMP)
        .await
        .unwrap();
    (chain, deployment)
}

/// The tree of `epoch`: each device up in its range of epochs.
fn tree(epoch: u32, ups: &[(Pubkey, RangeInclusive<u32>)]) -> UptimeTree {
    let leaves = ups
        .iter()
        .map(|(device, up)| (*device, uptime_bits(epoch, up.clone())))
        .collect();
    UptimeTree::build(epoch, leaves).unwrap()
}

/// The deployment's keeper votes alone for `tree` (a quorum of one: it finalizes), then every
/// device of it settles through `chain`.
async fn vote_and_settle(
    chain: &dyn Chain,
    deployment: &LocalDeployment,
    tree: &UptimeTree,
) -> Result<SettleReport, ChainError> {
    let (addresses, backoff) = (&deployment.addresses, Backoff::default());
    let vote = vote_alone(chain, addresses, &backoff, &deployment.keeper, tree).await?;
    assert!(vote.finalized, "the keeper is the whole quorum");
    settle_devices(chain, addresses, &backoff, tree).await
}

/// Closes, votes and settles every epoch of `epochs`, each device up in its range.
async fn settle_through(
    chain: &LocalChain,
    deployment: &LocalDeployment,
    epochs: RangeInclusive<u32>,
    ups: &[(Pubkey, RangeInclusive<u32>)],
) {
    for epoch in epochs {
        close_through(chain, &deployment.addresses, epoch).await;
        vote_and_settle(chain, deployment, &tree(epoch, ups))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn one_keeper_voting_alone_pays_each_device_its_weighted_share() {
    let (chain, deployment) = deployment().await;
    let backoff = Backoff::default();
    let (addresses, keeper) = (&deployment.addresses, &deployment.keeper);
    let h100 = register(&chain, addresses, 3, 1_000).await; // weight 1000
    let rtx = register(&chain, addresses, 10, 125).await; // weight 125
    for epoch in 1..=6 {
        close_through(&chain, addresses, epoch).await;
        let tree = tree(epoch, &[(h100, 1..=epoch), (rtx, 1..=epoch)]);
        let report = vote_alone(&chain, addresses, &backoff, keeper, &tree)
            .await
            .unwrap();
        assert_eq!(
            (report.transactions, report.finalized),
            (2, true),
            "epoch {epoch}: commit (with the opening), then vote"
        );
        let again = vote_alone(&chain, addresses, &backoff, keeper, &tree)
            .await
            .unwrap();
        assert_eq!((again.transactions, again.finalized), (0, true));
        let settled = settle_devices(&chain, addresses, &backoff, &tree)
            .await
            .unwrap();
        assert_eq!((settled.sent, settled.refused), (2, 0));
        // Settled against this root already: nothing to send.
        let again = settle_devices(&chain, addresses, &backoff, &tree)
            .await
            .unwrap();
        assert_eq!(again, SettleReport::default());
        // The finished ballot's rent goes back to the vote key that opened it.
        let lamports = |a: Option<io_localchain::Account>| a.map_or(0, |a| a.lamports);
        let before = lamports(chain.account(&keeper.pubkey()).await);
        let opener = keeper.pubkey();
        assert!(close_ballot(&chain, addresses, &backoff, opener, epoch)
            .await
            .unwrap());
        assert!(lamports(chain.account(&keeper.pubkey()).await) > before);
        assert!(!close_ballot(&chain, addresses, &backoff, opener, epoch)
            .await
            .unwrap());
    }
    assert_paid_the_weighted_share_of_six_epochs(&chain, h100, rtx).await;
}

/// A chain that, just before the first `settle` transaction goes out, lets a device owner close
/// their device: the race between a keeper's read and its send.
struct CloseBeforeSettle<'a> {
    inner: &'a LocalChain,
    close: std::sync::Mutex<Option<(Instruction, Keypair)>>,
}

#[async_trait::async_trait]
impl Chain for CloseBeforeSettle<'_> {
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
        use anchor_lang::Discriminator;
        let settle = instructions.iter().any(|ix| {
            ix.data
                .starts_with(io_staking::instruction::Settle::DISCRIMINATOR)
        });
        let close = if settle {
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

/// A device closed between the keeper's read and its settle costs only itself: the others are
/// settled, and the keeper goes on with the next root.
#[tokio::test]
async fn a_device_closed_between_read_and_send_costs_only_itself() {
    let (chain, deployment) = deployment().await;
    let addresses = &deployment.addresses;
    let h100 = register(&chain, addresses, 3, 1_000).await;
    let gone = register_staking(&chain, addresses, 10, 125, false).await;
    let rtx = register(&chain, addresses, 10, 125).await;
    let ups = |epoch| {
        [
            (h100, 1..=epoch),
            (gone.device, 1..=epoch),
            (rtx, 1..=epoch),
        ]
    };
    settle_through(&chain, &deployment, 1..=5, &ups(5)).await;
    close_through(&chain, addresses, 6).await;
    let racing = CloseBeforeSettle {
        inner: &chain,
        close: std::sync::Mutex::new(Some((
            addresses.close_device(gone.owner.pubkey(), gone.device, &gone.hardware_hash),
            gone.owner.insecure_clone(),
        ))),
    };
    let report = vote_and_settle(&racing, &deployment, &tree(6, &ups(6)))
        .await
        .unwrap();
    assert!(
        racing.close.lock().unwrap().is_none(),
        "the owner closed it mid-pass"
    );
    assert!(chain.account(&gone.device).await.is_none());
    // Its settle was sent (the keeper had read it) and refused; the others landed.
    assert_eq!((report.sent, report.refused), (2, 1), "{report:?}");
    for device in [h100, rtx] {
        let state: Device = fetch(&chain, &device).await.unwrap().unwrap();
        assert_eq!((state.settled_epoch, state.last_attested_epoch), (6, 6));
        assert!(state.total_credited > 0);
    }
    // The next root: the closed device is skipped without a transaction.
    close_through(&chain, addresses, 7).await;
    let next = vote_and_settle(&chain, &deployment, &tree(7, &ups(7)))
        .await
        .unwrap();
    assert_eq!((next.sent, next.refused), (2, 0));
}

/// A refusal of the whole call (the protocol is paused) fails the pass, so the service does not
/// record the epoch as done and tries again; a refusal about one device (another deployment's)
/// costs only that device.
#[tokio::test]
async fn a_pause_fails_the_pass_and_a_refused_device_costs_only_itself() {
    use anchor_lang::{AccountDeserialize, AccountSerialize};
    let (chain, deployment) = deployment().await;
    let LocalDeployment {
        admin, addresses, ..
    } = &deployment;
    let h100 = register(&chain, addresses, 3, 1_000).await;
    let rtx = register(&chain, addresses, 10, 125).await;
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
    close_through(&chain, addresses, 1).await;
    let tree = tree(1, &[(h100, 1..=1), (foreign, 1..=1), (rtx, 1..=1)]);

    let pause = |paused| addresses.set_paused(admin.pubkey(), paused);
    chain.send(&[pause(true)], &[admin]).await.unwrap();
    let refused = vote_and_settle(&chain, &deployment, &tree).await;
    assert_eq!(
        refused.unwrap_err().program_code(),
        Some(StakingError::Paused.code())
    );
    chain.send(&[pause(false)], &[admin]).await.unwrap();

    let report = vote_and_settle(&chain, &deployment, &tree).await.unwrap();
    assert_eq!((report.sent, report.refused), (2, 1), "{report:?}");
    for device in [h100, rtx] {
        let state: Device = fetch(&chain, &device).await.unwrap().unwrap();
        assert_eq!(state.settled_epoch, 1);
    }
}

/// A device down for the staleness (168 epochs) leaves the active set at the first settle that
/// shows it, and what it had accrued unsettled goes back to carry for everyone else.
#[tokio::test]
async fn a_settle_deactivates_a_stale_device_and_recycles_its_share() {
    let (chain, deployment) = deployment().await;
    let addresses = &deployment.addresses;
    let up = register(&chain, addresses, 3, 1_000).await;
    let stopped = register(&chain, addresses, 3, 1_000).await;
    settle_through(&chain, &deployment, 1..=5, &[(up, 1..=5), (stopped, 1..=5)]).await;
    // The second worker goes silent after epoch 5. A root of 172: 167 epochs later, kept.
    let ups = |epoch| [(up, 1..=epoch), (stopped, 1..=5)];
    close_through(&chain, addresses, 172).await;
    let kept = vote_and_settle(&chain, &deployment, &tree(172, &ups(172)))
        .await
        .unwrap();
    assert_eq!((kept.sent, kept.deactivated.len()), (2, 0));
    close_through(&chain, addresses, 173).await;
    let before: RewardPool = fetch(&chain, &addresses.reward_pool)
        .await
        .unwrap()
        .unwrap();
    let report = vote_and_settle(&chain, &deployment, &tree(173, &ups(173)))
        .await
        .unwrap();
    assert_eq!(report.deactivated.len(), 1, "{report:?}");
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
}

/// The keeper's upkeep applies a multiplier change right after the settles that follow its due
/// time: a lowered multiplier is in force from the epoch after the one it fell due in.
#[tokio::test]
async fn a_lowered_multiplier_takes_effect_within_one_epoch_of_its_due_time() {
    let (chain, deployment) = deployment().await;
    let backoff = Backoff::default();
    let LocalDeployment {
        admin, addresses, ..
    } = &deployment;
    let h100 = register(&chain, addresses, 3, 1_000).await;
    let stop = tokio::sync::watch::channel(false).1;
    settle_through(&chain, &deployment, 1..=5, &[(h100, 1..=5)]).await;
    let lower = addresses.schedule_multiplier_change(admin.pubkey(), 3, 500);
    chain.send(&[lower], &[admin]).await.unwrap();
    let due = chain.unix_time().await.unwrap() + 30 * 86_400;
    // Before the due time the upkeep leaves it alone.
    assert!(upkeep(&chain, addresses, &backoff, &stop)
        .await
        .unwrap()
        .synced
        .is_empty());

    // The due time falls inside epoch `k`; the keeper closes it, settles from its root, then
    // upkeeps.
    let k = match schedule::epoch_at(DEFAULT_GENESIS_TIMESTAMP, due) {
        schedule::EpochPosition::Epoch(k) => k,
        other => panic!("{other:?}"),
    };
    close_through(&chain, addresses, k).await;
    vote_and_settle(&chain, &deployment, &tree(k, &[(h100, 1..=k)]))
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

/// `SettlePolicy::AsNeeded`: the keeper settles only the devices a root moves into or out of
/// the active set; an active device up all along is left for its owner to settle.
#[tokio::test]
async fn as_needed_the_keeper_settles_only_who_joins_or_leaves() {
    let (chain, deployment) = deployment().await;
    let addresses = &deployment.addresses;
    let up = register(&chain, addresses, 3, 1_000).await;
    let stops = register(&chain, addresses, 3, 1_000).await;
    let as_needed = |epoch: u32, ups: [(Pubkey, RangeInclusive<u32>); 2]| {
        let chain = &chain;
        let deployment = &deployment;
        async move {
            close_through(chain, &deployment.addresses, epoch).await;
            let tree = tree(epoch, &ups);
            let vote = vote_alone(
                chain,
                &deployment.addresses,
                &Backoff::default(),
                &deployment.keeper,
                &tree,
            )
            .await
            .unwrap();
            assert!(vote.finalized);
            settle_with(
                chain,
                &deployment.addresses,
                &Backoff::default(),
                &tree,
                SettlePolicy::AsNeeded,
            )
            .await
            .unwrap()
        }
    };
    for epoch in 1..=4 {
        let report = as_needed(epoch, [(up, 1..=epoch), (stops, 1..=epoch)]).await;
        assert_eq!(
            (report.sent, report.skipped),
            (0, 2),
            "epoch {epoch}: streak too short"
        );
    }
    let report = as_needed(5, [(up, 1..=5), (stops, 1..=5)]).await;
    assert_eq!((report.sent, report.skipped), (2, 0), "both join");
    for epoch in 6..=7 {
        let report = as_needed(epoch, [(up, 1..=epoch), (stops, 1..=5)]).await;
        assert_eq!(
            (report.sent, report.skipped),
            (0, 2),
            "epoch {epoch}: nothing changes"
        );
    }
    // Down since 5: the root of 173 makes it stale, and only its settle goes out.
    let report = as_needed(173, [(up, 1..=173), (stops, 1..=5)]).await;
    assert_eq!((report.sent, report.skipped), (1, 1), "{report:?}");
    assert_eq!(report.deactivated.len(), 1);
    assert_eq!(report.deactivated[0].device, stops);
    // The device up all along is still settled only to 5: its owner's settle collects the rest.
    let state: Device = fetch(&chain, &up).await.unwrap().unwrap();
    assert_eq!((state.settled_epoch, state.active), (5, true));
}
