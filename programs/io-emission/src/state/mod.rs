pub mod emission_state;
pub mod seeds;

pub use emission_state::*;
