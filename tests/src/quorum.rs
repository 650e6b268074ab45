//! Helpers for the bonded quorum (docs/design.md section 14): keepers admitted and bonded, a
//! ballot driven to a finalized root, and devices settled from their leaves. Uptime is kept
//! off chain per device, as a keeper's merged observation would be.

use std::collections::{BTreeMap, BTreeSet};

use anchor_lang::prelude::Pubkey;
use io_sdk::staking::LeafProof;
use io_sdk::uptime::{uptime_bits, UptimeTree};
use io_sdk::Addresses;
use io_staking::events::DeviceSettled;
use io_staking::state::{EpochBallot, KeeperSet, QuorumParams};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::chain::TestChain;
use crate::errors::TxResult;
use crate::staking::{DeviceHandle, Protocol};

/// One bonded keeper: its operator (bonds), vote key (commits and votes) and slot.
pub struct Keeper {
    pub operator: Keypair,
    pub vote: Keypair,
    pub operator_token: Pubkey,
    pub slot: u8,
}

impl Keeper {
    pub fn bit(&self) -> u16 {
        1 << self.slot
    }
}

/// Which devices were up in which epochs: what the quorum's merged observations say.
#[derive(Clone, Debug, Default)]
pub struct UptimeBook {
    up: BTreeMap<Pubkey, BTreeSet<u32>>,
    known: BTreeSet<Pubkey>,
}

impl UptimeBook {
    /// `device` is a leaf from now on (up or not).
    pub fn track(&mut self, device: Pubkey) {
        self.known.insert(device);
    }

    pub fn mark_up(&mut self, device: Pubkey, epoch: u32) {
        self.known.insert(device);
        self.up.entry(device).or_default().insert(epoch);
    }

    pub fn mark_up_range(&mut self, device: Pubkey, epochs: std::ops::RangeInclusive<u32>) {
        for epoch in epochs {
            self.mark_up(device, epoch);
        }
    }

    /// The tree of `epoch` over every tracked device.
    pub fn tree(&self, epoch: u32) -> UptimeTree {
        let leaves = self
            .known
            .iter()
            .map(|device| {
                let ups = self.up.get(device).into_iter().flatten().copied();
                (*device, uptime_bits(epoch, ups.filter(|e| *e <= epoch)))
            })
            .collect();
        UptimeTree::build(epoch, leaves).expect("at least one tracked device")
    }
}

/// The quorum's parameters for tests: the published ones with a small bond.
pub fn test_quorum_params(quorum_bps: u16) -> QuorumParams {
    QuorumParams {
        min_keeper_bond: 1_000,
        quorum_bps,
        observe_seconds: QuorumParams::DEFAULT_OBSERVE_SECONDS,
        stall_epochs: QuorumParams::DEFAULT_STALL_EPOCHS,
    }
}

impl TestChain {
    /// Sets the quorum's parameters to `params` (the bootstrap created the keeper set; call this
    /// before any device registers, so they apply at once) and admits, bonds
    /// (`params.min_keeper_bond`) and names `count` keepers.
    pub async fn setup_quorum(
        &mut self,
        protocol: &Protocol,
        count: usize,
        params: QuorumParams,
    ) -> Vec<Keeper> {
        let a = &protocol.addresses;
        let ix = a.update_quorum_params(protocol.admin.pubkey(), params);
        self.process(&[ix], &[&protocol.admin])
            .await
            .expect("quorum parameters");
        let mut keepers = Vec::new();
        for _ in 0..count {
            let keeper = self.admit_keeper(protocol, params.min_keeper_bond).await;
            keepers.push(keeper);
        }
        keepers
    }

    /// Admits a new operator, funds and bonds it with `bond`, and gives it its own vote key.
    pub async fn admit_keeper(&mut self, protocol: &Protocol, bond: u64) -> Keeper {
        let a = &protocol.addresses;
        let (operator, vote) = (Keypair::new(), Keypair::new());
        self.airdrop(&operator.pubkey(), 1_000_000_000).await;
        self.airdrop(&vote.pubkey(), 1_000_000_000).await;
        let ix = a.admit_keeper(protocol.admin.pubkey(), operator.pubkey());
        self.process(&[ix], &[&protocol.admin])
            .await
            .expect("admit keeper");
        let operator_token = self.fund(&operator.pubkey(), bond).await;
        let bond_ix = a.bond_keeper(operator.pubkey(), operator_token, bond);
        let info = a.set_keeper_info(operator.pubkey(), vote.pubkey(), "http://keeper.test");
        self.process(&[bond_ix, info], &[&operator])
            .await
            .expect("bond keeper");
        let set = self.keeper_set(protocol).await;
        let slot = set.slot_of_operator(&operator.pubkey()).expect("admitted") as u8;
        Keeper {
            operator,
            vote,
            operator_token,
            slot,
        }
    }

    /// A zero-copy account of io-staking (`KeeperSet`, `EpochBallot`, `RpwRing`); panics if it
    /// does not exist or is another type.
    pub async fn zero_copy_account<T>(&mut self, address: Pubkey) -> T
    where
        T: anchor_lang::ZeroCopy + anchor_lang::Discriminator,
    {
        let account = self.account(address).await.expect("account exists");
        io_sdk::decode_zero_copy(&account.data).expect("account of this type")
    }

    pub async fn keeper_set(&mut self, protocol: &Protocol) -> KeeperSet {
        self.zero_copy_account(protocol.addresses.keeper_set).await
    }

    pub async fn ballot(&mut self, protocol: &Protocol, epoch: u32) -> EpochBallot {
        self.zero_copy_account(protocol.addresses.ballot(epoch))
            .await
    }

    pub async fn open_ballot(&mut self, protocol: &Protocol, epoch: u32) -> TxResult {
        let ix = protocol.addresses.open_ballot(self.payer().pubkey(), epoch);
        self.process(&[ix], &[]).await
    }

    pub async fn commit(&mut self, a: &Addresses, keeper: &Keeper, epoch: u32) -> TxResult {
        let hash = [keeper.slot.wrapping_add(1); 32];
        let ix = a.commit_observation(keeper.vote.pubkey(), epoch, hash);
        self.process(&[ix], &[&keeper.vote]).await
    }

    pub async fn vote(
        &mut self,
        a: &Addresses,
        keeper: &Keeper,
        tree: &UptimeTree,
        observations: u16,
    ) -> TxResult {
        let ix = a.cast_vote(
            keeper.vote.pubkey(),
            tree.epoch,
            tree.root(),
            tree.leaf_count(),
            observations,
        );
        self.process(&[ix], &[&keeper.vote]).await
    }

    /// Opens the ballot of `tree.epoch`, has every keeper commit and the first `voters` vote
    /// for `tree` (merging every keeper's observation): with enough voters it finalizes.
    pub async fn vote_root(
        &mut self,
        protocol: &Protocol,
        keepers: &[Keeper],
        voters: usize,
        tree: &UptimeTree,
    ) {
        let a = protocol.addresses;
        self.open_ballot(protocol, tree.epoch)
            .await
            .expect("open ballot");
        for keeper in keepers {
            self.commit(&a, keeper, tree.epoch).await.expect("commit");
        }
        let all = keepers.iter().fold(0u16, |mask, k| mask | k.bit());
        for keeper in &keepers[..voters] {
            self.vote(&a, keeper, tree, all).await.expect("vote");
        }
    }

    pub async fn settle(
        &mut self,
        protocol: &Protocol,
        device: Pubkey,
        leaf: &LeafProof,
    ) -> TxResult {
        let ix = protocol.addresses.settle(device, leaf);
        self.process(&[ix], &[]).await
    }

    /// Settles `device` from `tree` (it must be a leaf).
    pub async fn settle_from(
        &mut self,
        protocol: &Protocol,
        tree: &UptimeTree,
        device: Pubkey,
    ) -> TxResult {
        let leaf = tree.proof_for(&device).expect("device is a leaf");
        self.settle(protocol, device, &leaf).await
    }

    /// Records `devices` up in `epoch` and settles each from the root of `epoch`: what one
    /// attestation of them used to do. The harness's keeper finalizes that root alone the first
    /// time it is needed ([`TestChain::finalize_uptime`]), so mark every device of an epoch up in
    /// one call, or before the root of that epoch finalizes: a root is final for good.
    pub async fn attest(
        &mut self,
        protocol: &Protocol,
        epoch: u32,
        devices: &[&DeviceHandle],
    ) -> TxResult {
        let tree = self.mark_up_and_finalize(protocol, epoch, devices).await;
        for device in devices {
            self.settle_from(protocol, &tree, device.device).await?;
        }
        Ok(())
    }

    /// As [`TestChain::attest`], returning each device's `DeviceSettled`, in order; panics if a
    /// settle fails.
    pub async fn attest_settled(
        &mut self,
        protocol: &Protocol,
        epoch: u32,
        devices: &[&DeviceHandle],
    ) -> Vec<DeviceSettled> {
        let tree = self.mark_up_and_finalize(protocol, epoch, devices).await;
        let mut settled = Vec::new();
        for device in devices {
            let leaf = tree.proof_for(&device.device).expect("a tracked device");
            let ix = protocol.addresses.settle(device.device, &leaf);
            let (result, emitted) = self.process_with_events(&[ix], &[]).await;
            result.expect("settle");
            settled.push(crate::events::single(&emitted));
        }
        settled
    }

    /// Marks `devices` up in `epoch` and finalizes the root of `epoch` over the book.
    async fn mark_up_and_finalize(
        &mut self,
        protocol: &Protocol,
        epoch: u32,
        devices: &[&DeviceHandle],
    ) -> UptimeTree {
        for device in devices {
            self.uptime.mark_up(device.device, epoch);
        }
        self.finalize_uptime(protocol, epoch).await
    }

    /// The tree of `epoch` over the uptime book, its root finalized: by the harness's keeper
    /// voting alone if no root of `epoch` is final yet. Panics if one is final with other
    /// uptime, or if a newer root is final (roots only move forward).
    pub async fn finalize_uptime(&mut self, protocol: &Protocol, epoch: u32) -> UptimeTree {
        let tree = self.uptime.tree(epoch);
        let set = self.keeper_set(protocol).await;
        if set.latest_root.epoch >= epoch {
            let root = [set.latest_root, set.previous_root]
                .into_iter()
                .find(|root| root.epoch == epoch)
                .unwrap_or_else(|| panic!("a root newer than epoch {epoch} is already final"));
            assert_eq!(
                root.root,
                tree.root(),
                "the root of epoch {epoch} is final with other uptime: mark every device of an \
                 epoch up before its root finalizes"
            );
            return tree;
        }
        let keeper = self.harness_keeper(protocol).await;
        self.vote_root(protocol, std::slice::from_ref(&keeper), 1, &tree)
            .await;
        let set = self.keeper_set(protocol).await;
        assert_eq!(
            set.latest_root.epoch, epoch,
            "the harness keeper alone did not reach the quorum: other keepers are bonded"
        );
        tree
    }

    /// `protocol.keeper` as a bonded keeper (operator and vote key in one), admitted and bonded
    /// with the minimum bond in force the first time it is asked for.
    pub async fn harness_keeper(&mut self, protocol: &Protocol) -> Keeper {
        let key = protocol.keeper.pubkey();
        let set = self.keeper_set(protocol).await;
        let slot = match set.slot_of_operator(&key) {
            Some(slot) => slot,
            None => {
                let a = &protocol.addresses;
                let bond = set.params_at(self.now().await).min_keeper_bond;
                self.airdrop(&key, 1_000_000_000).await;
                let ix = a.admit_keeper(protocol.admin.pubkey(), key);
                self.process(&[ix], &[&protocol.admin])
                    .await
                    .expect("admit the harness keeper");
                let token = self.fund(&key, bond).await;
                let bond_ix = a.bond_keeper(key, token, bond);
                let info = a.set_keeper_info(key, key, "http://keeper.test");
                self.process(&[bond_ix, info], &[&protocol.keeper])
                    .await
                    .expect("bond the harness keeper");
                self.keeper_set(protocol)
                    .await
                    .slot_of_operator(&key)
                    .expect("admitted")
            }
        };
        Keeper {
            operator: protocol.keeper.insecure_clone(),
            vote: protocol.keeper.insecure_clone(),
            operator_token: Pubkey::default(),
            slot: slot as u8,
        }
    }
}
