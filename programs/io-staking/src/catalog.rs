//! The GPU model table the bootstrap seeds (model id, name, multiplier in hundredths, reward
//! class). Ids are stable identifiers: never reuse or renumber one.
//!
//! Classes as published (docs/design.md section 10): data-center GPUs (B200, H200, H100, both
//! A100s, L40S, RTX 4090) are Enterprise; consumer and workstation GPUs are Community.

use crate::state::RewardClass::{self, Community, Enterprise};

pub const PUBLISHED_GPU_MODELS: &[(u16, &str, u32, RewardClass)] = &[
    (1, "B200", 3_000, Enterprise),
    (2, "H200", 1_200, Enterprise),
    (3, "H100", 1_000, Enterprise),
    (4, "A100-80GB", 500, Enterprise),
    (5, "RTX 6000 Ada", 450, Community),
    (6, "L40S", 300, Enterprise),
    (7, "RTX 4080", 275, Community),
    (8, "A100-40GB", 200, Enterprise),
    (9, "RTX 3090", 175, Community),
    (10, "RTX 4090", 125, Enterprise),
    (11, "L4", 25, Community),
    (12, "T4", 50, Community),
    (13, "A10", 0, Community),
];

/// The id of a published model by name.
pub fn model_id(name: &str) -> Option<u16> {
    PUBLISHED_GPU_MODELS
        .iter()
        .find(|(_, n, _, _)| *n == name)
        .map(|(id, _, _, _)| *id)
}

/// The reward class of a published model by name.
pub fn reward_class(name: &str) -> Option<RewardClass> {
    PUBLISHED_GPU_MODELS
        .iter()
        .find(|(_, n, _, _)| *n == name)
        .map(|(_, _, _, class)| *class)
}

/// The multiplier (hundredths) of a published model by name.
pub fn multiplier_centi(name: &str) -> Option<u32> {
    PUBLISHED_GPU_MODELS
        .iter()
        .find(|(_, n, _, _)| *n == name)
        .map(|(_, _, m, _)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_names_fit() {
        for (i, (id, name, _, _)) in PUBLISHED_GPU_MODELS.iter().enumerate() {
            assert!(name.len() <= crate::state::GPU_MODEL_NAME_LEN);
            for (other_id, other_name, _, _) in &PUBLISHED_GPU_MODELS[i + 1..] {
                assert_ne!(id, other_id);
                assert_ne!(name, other_name);
            }
        }
        assert_eq!(model_id("H100"), Some(3));
        assert_eq!(model_id("nope"), None);
        assert_eq!(multiplier_centi("RTX 4090"), Some(125));
        assert_eq!(multiplier_centi("nope"), None);
        assert_eq!(reward_class("H100"), Some(Enterprise));
        assert_eq!(reward_class("RTX 4080"), Some(Community));
        let enterprise: Vec<&str> = PUBLISHED_GPU_MODELS
            .iter()
            .filter(|(_, _, _, class)| *class == Enterprise)
            .map(|(_, name, _, _)| *name)
            .collect();
        assert_eq!(
            enterprise,
            [
                "B200",
                "H200",
                "H100",
                "A100-80GB",
                "L40S",
                "A100-40GB",
                "RTX 4090"
            ]
        );
    }
}
