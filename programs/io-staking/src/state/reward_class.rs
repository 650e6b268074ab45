use anchor_lang::prelude::*;

/// Which share of each epoch's emission a GPU model earns from (docs/design.md section 10).
/// Published: data-center GPUs are Enterprise (95%), consumer and workstation GPUs Community
/// (5%). A model's class is fixed when it is created. Variants are only ever appended.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace, Default,
)]
pub enum RewardClass {
    #[default]
    Enterprise,
    Community,
}

impl RewardClass {
    /// Number of classes: the length of every per-class array.
    pub const COUNT: usize = 2;
    pub const ALL: [RewardClass; Self::COUNT] = [RewardClass::Enterprise, RewardClass::Community];
    /// Published shares in basis points, in class order: Enterprise 95%, Community 5%.
    pub const PUBLISHED_SHARES_BPS: [u16; Self::COUNT] = [9_500, 500];

    /// Index into per-class arrays.
    pub fn index(self) -> usize {
        match self {
            RewardClass::Enterprise => 0,
            RewardClass::Community => 1,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            RewardClass::Enterprise => "Enterprise",
            RewardClass::Community => "Community",
        }
    }
}
