// Every instruction module exports a `handler`; the glob re-exports are for Anchor's generated
// `accounts`/`instruction` client modules, and lib.rs calls each handler by its full path.
#![allow(ambiguous_glob_reexports)]

pub mod accept_admin;
pub mod accept_co_stake_offer;
pub mod add_gpu_model;
pub mod admin;
pub mod appeal_case;
pub mod attest;
pub mod cancel_co_stake_offer;
pub mod claim_all;
pub mod claim_co_stake_rewards;
pub mod claim_rewards;
pub mod close_device;
pub mod close_epoch;
pub mod create_co_stake_offer;
pub mod deactivate_stale;
pub mod initialize;
pub mod open_case;
pub mod record_rental;
pub mod register_device;
pub mod request_co_stake_exit;
pub mod request_unstake;
pub mod resolve_case;
pub mod schedule_multiplier_change;
pub mod stake;
pub mod sync_device_multiplier;
pub mod withdraw;
pub mod withdraw_co_stake;

pub use accept_admin::*;
pub use accept_co_stake_offer::*;
pub use add_gpu_model::*;
pub use admin::*;
pub use appeal_case::*;
pub use attest::*;
pub use cancel_co_stake_offer::*;
pub use claim_all::*;
pub use claim_co_stake_rewards::*;
pub use claim_rewards::*;
pub use close_device::*;
pub use close_epoch::*;
pub use create_co_stake_offer::*;
pub use deactivate_stale::*;
pub use initialize::*;
pub use open_case::*;
pub use record_rental::*;
pub use register_device::*;
pub use request_co_stake_exit::*;
pub use request_unstake::*;
pub use resolve_case::*;
pub use schedule_multiplier_change::*;
pub use stake::*;
pub use sync_device_multiplier::*;
pub use withdraw::*;
pub use withdraw_co_stake::*;
