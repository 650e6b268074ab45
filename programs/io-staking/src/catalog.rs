//! The GPU model table the bootstrap seeds (model id, name, multiplier in hundredths).
//! Ids are stable identifiers: never reuse or renumber one.

pub const PUBLISHED_GPU_MODELS: &[(u16, &str, u32)] = &[
    (1, "B200", 3_000),
    (2, "H200", 1_200),
    (3, "H100", 1_000),
    (4, "A100-80GB", 500),
    (5, "RTX 6000 Ada", 450),
    (6, "L40S", 300),
    (7, "RTX 4080", 275),
    (8, "A100-40GB", 200),
    (9, "RTX 3090", 175),
    (10, "RTX 4090", 125),
    (11, "L4", 25),
    (12, "T4", 50),
    (13, "A10", 0),
];

/// The id of a published model by name.
pub fn model_id(name: &str) -> Option<u16> {
    PUBLISHED_GPU_MODELS
        .iter()
        .find(|(_, n, _)| *n == name)
        .map(|(id, _, _)| *id)
}

/// The multiplier (hundredths) of a published model by name.
pub fn multiplier_centi(name: &str) -> Option<u32> {
    PUBLISHED_GPU_MODELS
        .iter()
        .find(|(_, n, _)| *n == name)
        .map(|(_, _, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_names_fit() {
        for (i, (id, name, _)) in PUBLISHED_GPU_MODELS.iter().enumerate() {
            assert!(name.len() <= crate::state::GPU_MODEL_NAME_LEN);
            for (other_id, other_name, _) in &PUBLISHED_GPU_MODELS[i + 1..] {
                assert_ne!(id, other_id);
                assert_ne!(name, other_name);
            }
        }
        assert_eq!(model_id("H100"), Some(3));
        assert_eq!(model_id("nope"), None);
        assert_eq!(multiplier_centi("RTX 4090"), Some(125));
        assert_eq!(multiplier_centi("nope"), None);
    }
}
