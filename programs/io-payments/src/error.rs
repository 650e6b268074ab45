use anchor_lang::prelude::*;

/// Error codes are part of the public interface: `6500 + index`, append, never reorder.
/// io-emission 6000-6099, io-staking 6100-6499, io-payments 6500-6899.
pub const PAYMENTS_ERROR_OFFSET: u32 = 6500;

#[error_code(offset = 6500)]
#[derive(PartialEq, Eq)]
pub enum PaymentsError {
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Signer is not the staking admin")]
    UnauthorizedAdmin,
    #[msg("Invalid parameters")]
    InvalidParams,
    #[msg("The payment mint must have 6 decimals (USDC)")]
    WrongDecimals,
    #[msg("The mint is neither this deployment's USDC nor its IO")]
    WrongMint,
    #[msg("An account does not belong to this deployment")]
    AccountMismatch,
    #[msg("A reservation is 1 to 720 whole hours")]
    InvalidHours,
    #[msg("The price per hour must be more than zero")]
    InvalidPrice,
    #[msg("The device is not staking (it is unstaking or withdrawn)")]
    DeviceNotStaking,
    #[msg("The device has an open slash case")]
    DeviceSlashed,
    #[msg("The device's stake does not cover its requirement")]
    DeviceUnderStaked,
    #[msg("No whole hour is due yet")]
    NothingToSettle,
    #[msg("Payments go only to the device owner's token account for this mint")]
    WrongPayee,
    #[msg("Signer is not the renter")]
    NotRenter,
    #[msg("The price account is not owned by the Pyth receiver program")]
    ForeignPriceAccount,
    #[msg("The price account is not a PriceUpdateV2")]
    InvalidPriceAccount,
    #[msg("The price update is not fully verified")]
    PriceNotVerified,
    #[msg("The price account is for another feed")]
    WrongPriceFeed,
    #[msg("The price is older than the maximum age")]
    StalePrice,
    #[msg("The price's confidence interval is too wide")]
    PriceConfidenceTooWide,
    #[msg("The price is not positive")]
    NonPositivePrice,
    #[msg("That is more USDC than the oracle price less the discount allows")]
    AboveDiscountBound,
    #[msg("That is more USDC than the buy-back share of the fees leaves")]
    BuybackBudgetExceeded,
    #[msg("The amount must be more than zero")]
    ZeroAmount,
    /// No longer returned: a feed change is staged behind the governance delay.
    #[msg("The price feed is fixed at initialize")]
    FeedIdFixed,
    #[msg("That is more than the fees the buy-back share leaves to withdraw")]
    AboveWithdrawable,
    #[msg("The device is rented until its current reservation ends")]
    DeviceAlreadyRented,
    #[msg("The device's owner does not rent it out in this mint")]
    NotForRent,
    #[msg("The price per hour is below the device owner's rental terms")]
    BelowRentalTerms,
}
