//! The uptime tree of a bonded-quorum ballot (docs/design.md section 14), as pure functions the
//! program and the keepers share: leaf and inner hashes, proof verification (no allocation, for
//! the program), and tree building and proof generation (for the keepers, off chain).
//!
//! Leaf of device `d` in the root of epoch `n`: `sha256(0x00 ‖ d ‖ n as u32 LE ‖ uptime)`, where
//! `uptime` is `d`'s merged up-bit for epochs `n − 719 ..= n` (720 bits, bit 0 = epoch `n`).
//! Inner node `sha256(0x01 ‖ left ‖ right)`, positional (the leaf index travels with the proof);
//! the last node of a level with an odd count is promoted unchanged. The tags keep a leaf from
//! ever being read as an inner node.

use solana_sha256_hasher::hashv;

/// Epochs one leaf covers: the settlement window.
pub const UPTIME_EPOCHS: usize = 720;
pub const UPTIME_BYTES: usize = UPTIME_EPOCHS / 8;
/// 2^20 = 1,048,576 leaves at most (the network's published peak is 600,000 GPUs).
pub const MAX_DEPTH: usize = 20;
pub const MAX_LEAVES: u32 = 1 << MAX_DEPTH;

const LEAF_TAG: [u8; 1] = [0];
const INNER_TAG: [u8; 1] = [1];
const OBSERVATION_TAG: [u8; 1] = [2];

pub type Node = [u8; 32];
pub type Uptime = [u8; UPTIME_BYTES];

pub fn leaf_hash(device: &[u8; 32], epoch: u32, uptime: &Uptime) -> Node {
    hashv(&[&LEAF_TAG, device, &epoch.to_le_bytes(), uptime]).to_bytes()
}

pub fn inner_hash(left: &Node, right: &Node) -> Node {
    hashv(&[&INNER_TAG, left, right]).to_bytes()
}

/// What a keeper commits for its observation of `epoch`: `sha256(0x02 ‖ epoch LE ‖ bitmap)`,
/// the bitmap over the epoch's devices in address order (bit `i`: device `i` was up). It serves
/// the bitmap under this hash.
pub fn observation_hash(epoch: u32, bitmap: &[u8]) -> Node {
    hashv(&[&OBSERVATION_TAG, &epoch.to_le_bytes(), bitmap]).to_bytes()
}

/// Whether `uptime` says the device was up `epochs_back` epochs before the leaf's epoch (0: the
/// leaf's epoch itself). Beyond the window: not up.
pub fn was_up(uptime: &Uptime, epochs_back: u32) -> bool {
    let k = epochs_back as usize;
    k < UPTIME_EPOCHS && uptime[k / 8] >> (k % 8) & 1 == 1
}

/// Sets the up-bit `epochs_back` epochs before the leaf's epoch (no-op beyond the window).
pub fn set_up(uptime: &mut Uptime, epochs_back: u32) {
    let k = epochs_back as usize;
    if k < UPTIME_EPOCHS {
        uptime[k / 8] |= 1 << (k % 8);
    }
}

/// How many proof nodes a leaf of a tree of `leaf_count` leaves needs (levels where it has a
/// sibling), or `None` for an empty or oversized tree, or an index outside it.
pub fn proof_len(index: u32, leaf_count: u32) -> Option<usize> {
    if leaf_count == 0 || leaf_count > MAX_LEAVES || index >= leaf_count {
        return None;
    }
    let (mut index, mut count, mut len) = (index, leaf_count, 0usize);
    while count > 1 {
        if index ^ 1 < count {
            // At most MAX_DEPTH levels: never near the bound.
            len = len.saturating_add(1);
        }
        index /= 2;
        count = count.div_ceil(2);
    }
    Some(len)
}

/// Whether `proof` takes `leaf` at `index` of a `leaf_count`-leaf tree to `root`. Every proof
/// node is used exactly once: a longer or shorter proof is refused. Hashes: one per proof node.
/// The proof does not pin `leaf_count` by itself (a 3-leaf and a 4-leaf tree share leaf 0's
/// path): it must come from the finalized ballot, never from the caller.
pub fn verify(leaf: &Node, index: u32, leaf_count: u32, proof: &[Node], root: &Node) -> bool {
    if proof_len(index, leaf_count) != Some(proof.len()) {
        return false;
    }
    let (mut node, mut index, mut count) = (*leaf, index, leaf_count);
    let mut siblings = proof.iter();
    while count > 1 {
        if index ^ 1 < count {
            let Some(sibling) = siblings.next() else {
                return false;
            };
            node = if index % 2 == 0 {
                inner_hash(&node, sibling)
            } else {
                inner_hash(sibling, &node)
            };
        }
        index /= 2;
        count = count.div_ceil(2);
    }
    node == *root
}

/// Every level of the tree over `leaves`, leaves first, the root last (off chain: keepers build
/// it once per epoch and serve proofs from it).
#[cfg(not(target_os = "solana"))]
pub fn build_levels(leaves: Vec<Node>) -> Vec<Vec<Node>> {
    let mut levels = vec![leaves];
    while levels.last().is_some_and(|level| level.len() > 1) {
        let below = levels.last().map(Vec::as_slice).unwrap_or_default();
        let above = below
            .chunks(2)
            .map(|pair| match pair {
                [left, right] => inner_hash(left, right),
                [promoted] => *promoted,
                _ => unreachable!("chunks(2) yields one or two"),
            })
            .collect();
        levels.push(above);
    }
    levels
}

/// The root of a tree built by [`build_levels`] (`None` when it has no leaf).
#[cfg(not(target_os = "solana"))]
pub fn root(levels: &[Vec<Node>]) -> Option<Node> {
    levels.last().and_then(|level| level.first()).copied()
}

/// The proof of leaf `index` in a tree built by [`build_levels`].
#[cfg(not(target_os = "solana"))]
pub fn proof(levels: &[Vec<Node>], index: u32) -> Option<Vec<Node>> {
    let leaf_count = u32::try_from(levels.first()?.len()).ok()?;
    proof_len(index, leaf_count)?;
    let mut index = index as usize;
    let mut out = Vec::new();
    let (_root, below_root) = levels.split_last()?;
    for level in below_root {
        if let Some(sibling) = level.get(index ^ 1) {
            out.push(*sibling);
        }
        index /= 2;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(count: u32) -> Vec<Node> {
        (0..count)
            .map(|i| {
                let mut uptime = [0u8; UPTIME_BYTES];
                set_up(&mut uptime, i % 720);
                let mut device = [0u8; 32];
                device[..4].copy_from_slice(&i.to_le_bytes());
                leaf_hash(&device, 1_000, &uptime)
            })
            .collect()
    }

    #[test]
    fn every_leaf_of_every_small_tree_proves_and_nothing_else_does() {
        for count in 1..=33u32 {
            let leaves = leaves(count);
            let levels = build_levels(leaves.clone());
            let root = root(&levels).unwrap();
            for (i, leaf) in leaves.iter().enumerate() {
                let i = i as u32;
                let proof = proof(&levels, i).unwrap();
                assert!(
                    verify(leaf, i, count, &proof, &root),
                    "{count} leaves, leaf {i}"
                );
                // Another position, another leaf count, a flipped bit, a proof node short.
                if count > 1 {
                    let other = (i + 1) % count;
                    assert!(!verify(leaf, other, count, &proof, &root));
                }
                let mut flipped = *leaf;
                flipped[0] ^= 1;
                assert!(!verify(&flipped, i, count, &proof, &root));
                if let Some((_, shorter)) = proof.split_last() {
                    assert!(!verify(leaf, i, count, shorter, &root));
                }
                let mut longer = proof.clone();
                longer.push(root);
                assert!(!verify(leaf, i, count, &longer, &root));
            }
        }
    }

    #[test]
    fn a_single_leaf_is_its_own_root_and_inner_nodes_are_tagged() {
        let leaf = leaves(1)[0];
        assert_eq!(root(&build_levels(vec![leaf])), Some(leaf));
        assert!(verify(&leaf, 0, 1, &[], &leaf));
        // An inner node is never a leaf: the tags differ.
        let (a, b) = (leaves(2)[0], leaves(2)[1]);
        assert_ne!(inner_hash(&a, &b), hashv(&[&a, &b]).to_bytes());
        assert!(root(&build_levels(Vec::new())).is_none());
    }

    #[test]
    fn depth_twenty_bounds_the_proof() {
        assert_eq!(proof_len(0, MAX_LEAVES), Some(MAX_DEPTH));
        assert_eq!(proof_len(0, 600_000), Some(MAX_DEPTH));
        // The last leaf of 600,000 is promoted where its level is odd: a shorter proof.
        assert_eq!(proof_len(599_999, 600_000), Some(13));
        assert_eq!(proof_len(0, MAX_LEAVES + 1), None);
        assert_eq!(proof_len(5, 5), None);
        assert_eq!(proof_len(0, 0), None);
        // The promoted last leaf of an odd level has no sibling there.
        assert_eq!(proof_len(4, 5), Some(1));
    }

    #[test]
    fn uptime_bits_count_back_from_the_leafs_epoch() {
        let mut uptime = [0u8; UPTIME_BYTES];
        set_up(&mut uptime, 0);
        set_up(&mut uptime, 719);
        set_up(&mut uptime, 720);
        assert!(was_up(&uptime, 0) && was_up(&uptime, 719));
        assert!(!was_up(&uptime, 1) && !was_up(&uptime, 720));
        assert_eq!(uptime[0], 1);
        assert_eq!(uptime[89], 0x80);
    }
}
