//! The uptime tree of one epoch (docs/design.md section 14), off chain: leaves in device address
//! order, the root a ballot votes for, and each device's proof for `settle`. Keepers build it
//! from their merged observation; tests and the benchmark build it the same way.

use std::collections::HashMap;

use anchor_lang::prelude::Pubkey;
use io_staking::math::merkle::{self, Node, Uptime};

use crate::staking::LeafProof;

/// One epoch's tree: every level, and where each device's leaf is.
#[derive(Clone, Debug)]
pub struct UptimeTree {
    pub epoch: u32,
    levels: Vec<Vec<Node>>,
    leaves: Vec<(Pubkey, Uptime)>,
    index: HashMap<Pubkey, u32>,
}

impl UptimeTree {
    /// The tree over `devices` (each with its 720-bit uptime ending at `epoch`), sorted by
    /// address as the merge rule fixes them. `None` for no device or more than 2^20.
    pub fn build(epoch: u32, mut devices: Vec<(Pubkey, Uptime)>) -> Option<Self> {
        if devices.is_empty() || devices.len() > merkle::MAX_LEAVES as usize {
            return None;
        }
        devices.sort_by_key(|a| a.0);
        devices.dedup_by(|a, b| a.0 == b.0);
        let hashes = devices
            .iter()
            .map(|(device, uptime)| merkle::leaf_hash(&device.to_bytes(), epoch, uptime))
            .collect();
        let levels = merkle::build_levels(hashes);
        let index = devices
            .iter()
            .enumerate()
            .map(|(i, (device, _))| (*device, i as u32))
            .collect();
        Some(Self {
            epoch,
            levels,
            leaves: devices,
            index,
        })
    }

    pub fn root(&self) -> Node {
        merkle::root(&self.levels).unwrap_or_default()
    }

    pub fn leaf_count(&self) -> u32 {
        self.leaves.len() as u32
    }

    pub fn devices(&self) -> impl Iterator<Item = &Pubkey> {
        self.leaves.iter().map(|(device, _)| device)
    }

    /// Every leaf's device and uptime, in address order (what [`UptimeTree::build`] rebuilds
    /// the same tree from).
    pub fn leaves(&self) -> &[(Pubkey, Uptime)] {
        &self.leaves
    }

    /// The observation this tree's own epoch amounts to: one bit per leaf (bit `i` of byte
    /// `i / 8`: device `i` was up in the tree's epoch), and its hash, which a keeper commits.
    pub fn observation(&self) -> (Vec<u8>, Node) {
        let mut bitmap = vec![0u8; self.leaves.len().div_ceil(8)];
        for (i, (_, uptime)) in self.leaves.iter().enumerate() {
            if merkle::was_up(uptime, 0) {
                bitmap[i / 8] |= 1 << (i % 8);
            }
        }
        let hash = merkle::observation_hash(self.epoch, &bitmap);
        (bitmap, hash)
    }

    /// What `settle` needs for `device`, if it is a leaf.
    pub fn proof_for(&self, device: &Pubkey) -> Option<LeafProof> {
        let index = *self.index.get(device)?;
        Some(LeafProof {
            epoch: self.epoch,
            uptime: self.leaves[index as usize].1,
            index,
            proof: merkle::proof(&self.levels, index)?,
        })
    }
}

/// The 720-bit uptime ending at `epoch` of a device up in `up_epochs` (others are ignored).
pub fn uptime_bits(epoch: u32, up_epochs: impl IntoIterator<Item = u32>) -> Uptime {
    let mut bits = [0u8; merkle::UPTIME_BYTES];
    for up in up_epochs {
        if let Some(back) = epoch.checked_sub(up) {
            merkle::set_up(&mut bits, back);
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_proof_verifies_and_leaves_are_in_address_order() {
        let devices: Vec<(Pubkey, Uptime)> = (0..37u32)
            .map(|i| (Pubkey::new_unique(), uptime_bits(100, [100 - i % 5])))
            .rev()
            .collect();
        let tree = UptimeTree::build(100, devices.clone()).unwrap();
        assert_eq!(tree.leaf_count(), 37);
        let sorted: Vec<&Pubkey> = tree.devices().collect();
        assert!(sorted.windows(2).all(|w| w[0] < w[1]));
        for (device, uptime) in &devices {
            let leaf = tree.proof_for(device).unwrap();
            assert_eq!(leaf.uptime, *uptime);
            let hash = merkle::leaf_hash(&device.to_bytes(), 100, uptime);
            assert!(merkle::verify(
                &hash,
                leaf.index,
                37,
                &leaf.proof,
                &tree.root()
            ));
        }
        assert!(tree.proof_for(&Pubkey::new_unique()).is_none());
        assert!(UptimeTree::build(1, Vec::new()).is_none());
    }
}
