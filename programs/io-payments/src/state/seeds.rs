//! PDA seeds, in one place so clients and the program derive the same addresses.

/// `[PAYMENTS_CONFIG, staking_config]`: parameters, totals; authority of every vault and escrow.
pub const PAYMENTS_CONFIG: &[u8] = b"payments_config";
/// `[FEE_VAULT, payments_config, mint]`: the fees in one mint (token account).
pub const FEE_VAULT: &[u8] = b"fee_vault";
/// `[RESERVATION, payments_config, renter, nonce (u64 LE)]`.
pub const RESERVATION: &[u8] = b"reservation";
/// `[ESCROW, reservation]`: the renter's prepaid hours (token account).
pub const ESCROW: &[u8] = b"escrow";
