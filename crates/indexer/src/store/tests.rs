use super::*;
use anchor_lang::Event;
use io_emission::events::EpochMinted;
use io_staking::events::{
    BallotClosed, BallotOpened, ClassClose, DeviceRegistered, DeviceSettled, EpochClosed,
    ObservationCommitted, RewardsClaimed, RootFinalized, VoteCast,
};
use io_staking::state::RewardClass;

struct Deployment {
    addresses: Addresses,
    device_key: Pubkey,
}

impl Deployment {
    fn new() -> Self {
        Deployment {
            addresses: Addresses::for_mint(Pubkey::new_unique()),
            device_key: Pubkey::new_unique(),
        }
    }

    fn device(&self) -> Pubkey {
        self.addresses.device(&self.device_key)
    }

    /// Registration, epoch 1 minted, closed, its root finalized, the device settled, and a
    /// claim: every kind of
    /// event that names (or does not name) its deployment.
    fn events(&self) -> Vec<Vec<u8>> {
        vec![
            DeviceRegistered {
                device: self.device(),
                owner: Pubkey::new_unique(),
                device_key: self.device_key,
                gpu_model: Pubkey::new_unique(),
                gpu_count: 1,
                multiplier_centi: 1_000,
                hardware_hash: [0; 32],
                required_stake: 7,
                reward_class: RewardClass::Enterprise,
            }
            .data(),
            EpochMinted {
                state: self.addresses.emission_state,
                epoch: 1,
                amount: 100,
                scheduled: 100,
                cumulative_minted: 100,
                cap_remaining: 900,
                destination: Pubkey::new_unique(),
            }
            .data(),
            EpochClosed {
                config: self.addresses.config,
                epoch: 1,
                emission: 100,
                active_devices: 1,
                classes: [ClassClose::default(); 2],
            }
            .data(),
            BallotOpened {
                config: self.addresses.config,
                epoch: 1,
                electorate: 0b11,
                quorum: 2,
                observe_until: 1_600,
            }
            .data(),
            ObservationCommitted {
                config: self.addresses.config,
                epoch: 1,
                slot: 1,
                observation_hash: [0xCD; 32],
            }
            .data(),
            VoteCast {
                config: self.addresses.config,
                epoch: 1,
                slot: 1,
                root: [0x11; 32],
                leaf_count: 1,
                observations: 0b10,
                changed: false,
                votes: 1,
            }
            .data(),
            VoteCast {
                config: self.addresses.config,
                epoch: 1,
                slot: 1,
                root: [0xAB; 32],
                leaf_count: 1,
                observations: 0b10,
                changed: true,
                votes: 1,
            }
            .data(),
            BallotClosed {
                config: self.addresses.config,
                epoch: 1,
                opener: Pubkey::new_unique(),
            }
            .data(),
            RootFinalized {
                config: self.addresses.config,
                epoch: 1,
                root: [0xAB; 32],
                leaf_count: 1,
                observations: 1,
                votes: 1,
                by_admin: false,
            }
            .data(),
            DeviceSettled {
                device: self.device(),
                root_epoch: 1,
                from_epoch: 1,
                credited: 60,
                forfeited: 0,
                streak: 1,
                active: true,
                activated: false,
                deactivated: false,
            }
            .data(),
            RewardsClaimed {
                device: self.device(),
                owner: Pubkey::new_unique(),
                amount: 60,
            }
            .data(),
        ]
    }
}

fn ingest(store: &IndexStore, signature: u8, events: &[Vec<u8>]) -> bool {
    store
        .ingest(&TxEvents {
            signature: &[signature; 64],
            signature_text: format!("sig{signature}"),
            slot: u64::from(signature),
            block_time: 1_000,
            events,
        })
        .unwrap()
}

#[test]
fn another_deployment_of_the_same_programs_is_ignored() {
    let ours = Deployment::new();
    let theirs = Deployment::new();
    let store = IndexStore::in_memory(ours.addresses).unwrap();
    assert!(ingest(&store, 1, &theirs.events()));
    assert!(store.epochs(None, 10).unwrap().is_empty());
    assert!(store
        .history(&theirs.device(), None, 10)
        .unwrap()
        .is_empty());
    let totals = store.totals().unwrap();
    assert_eq!(
        (totals.minted.as_str(), totals.claimed.as_str()),
        ("0", "0")
    );

    assert!(ingest(&store, 2, &ours.events()));
    let epochs = store.epochs(None, 10).unwrap();
    assert_eq!(epochs.len(), 1);
    assert_eq!(epochs[0].minted.as_deref(), Some("100"));
    assert_eq!(epochs[0].credited, "60");
    assert_eq!(epochs[0].attested_devices, 1);
    assert_eq!(epochs[0].root.as_deref(), Some("ab".repeat(32).as_str()));
    assert_eq!(epochs[0].leaf_count, Some(1));
    let ballot = epochs[0].ballot.as_ref().expect("the ballot");
    assert_eq!((ballot.electorate, ballot.quorum), (0b11, 2));
    assert_eq!(ballot.commits.len(), 1);
    assert_eq!(ballot.commits[0].observation_hash, "cd".repeat(32));
    // One row per keeper: its latest vote, and how often it changed.
    assert_eq!(ballot.votes.len(), 1);
    assert_eq!(
        (ballot.votes[0].root.as_str(), ballot.votes[0].changes),
        ("ab".repeat(32).as_str(), 1)
    );
    assert_eq!(ballot.closed_at, Some(1_000));
    let kinds: Vec<String> = store
        .history(&ours.device(), None, 10)
        .unwrap()
        .into_iter()
        .map(|row| row.kind)
        .collect();
    assert_eq!(kinds, ["claimed", "settled", "registered"]);
    let totals = store.totals().unwrap();
    assert_eq!(
        (totals.minted.as_str(), totals.claimed.as_str()),
        ("100", "60")
    );

    // A registration whose device account does not derive from our config and its key
    // (someone else's deployment naming a device address of ours) is not ours either.
    let forged = DeviceRegistered {
        device: Pubkey::new_unique(),
        owner: Pubkey::new_unique(),
        device_key: ours.device_key,
        gpu_model: Pubkey::new_unique(),
        gpu_count: 1,
        multiplier_centi: 1_000,
        hardware_hash: [0; 32],
        required_stake: 7,
        reward_class: RewardClass::Enterprise,
    };
    assert!(ingest(&store, 3, &[forged.data()]));
    assert!(store.history(&forged.device, None, 10).unwrap().is_empty());
}

#[test]
fn a_transaction_is_applied_once_and_a_bad_payload_changes_nothing() {
    let ours = Deployment::new();
    let store = IndexStore::in_memory(ours.addresses).unwrap();
    assert!(ingest(&store, 1, &ours.events()));
    assert!(
        !ingest(&store, 1, &ours.events()),
        "the same signature again"
    );
    assert_eq!(store.totals().unwrap().transactions, 1);
    assert_eq!(store.epochs(None, 10).unwrap()[0].credited, "60");
    let mut garbage = ours.events();
    for payload in &mut garbage {
        payload.truncate(12);
    }
    garbage.push(vec![0xff; 3]);
    assert!(ingest(&store, 2, &garbage));
    assert_eq!(store.epochs(None, 10).unwrap()[0].credited, "60");
}
