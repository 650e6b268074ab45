//! PDA seeds, in one place so clients and programs derive the same addresses.

/// `[EMISSION_STATE, mint]`: the schedule's state, which is also the mint authority.
pub const EMISSION_STATE: &[u8] = b"emission_state";
