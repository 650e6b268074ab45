use anchor_lang::prelude::*;

use crate::math::rewards::RewardMathError;

/// Error codes are part of the public interface: `6100 + index`, append, never reorder.
///
/// Each program has its own range so a code names its program even inside a CPI:
/// io-emission 6000-6099, io-staking 6100-6499, io-payments from 6500.
pub const STAKING_ERROR_OFFSET: u32 = 6100;

#[error_code(offset = 6100)]
pub enum StakingError {
    #[msg("Signer is not the staking admin")]
    UnauthorizedAdmin,
    #[msg("Retired: attesters were replaced by the keeper quorum")]
    UnauthorizedAttester,
    #[msg("The protocol is paused")]
    Paused,
    #[msg("Invalid parameters")]
    InvalidParams,
    #[msg("Retired: attesters were replaced by the keeper quorum")]
    TooManyAttesters,
    #[msg("Retired: attesters were replaced by the keeper quorum")]
    AttesterExists,
    #[msg("Retired: attesters were replaced by the keeper quorum")]
    AttesterNotFound,
    #[msg("There is no pending admin nomination")]
    NoPendingAdmin,
    #[msg("Signer is not the pending admin")]
    NotPendingAdmin,
    #[msg("A role cannot be the default (all-zero) key")]
    InvalidAuthority,
    #[msg("Mint or token account does not belong to this protocol's IO mint")]
    WrongMint,
    #[msg("Token account is not this protocol's vault")]
    WrongVault,
    #[msg("GPU count must be between 1 and 1024")]
    InvalidGpuCount,
    #[msg("Multiplier must be at most 100.00x (10000 hundredths)")]
    InvalidMultiplier,
    #[msg("GPU model name must be 1 to 32 bytes of UTF-8")]
    InvalidModelName,
    #[msg("Signer is not the device's owner")]
    NotDeviceOwner,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Stake cannot be added while the device is unstaking")]
    StakeDuringCooldown,
    #[msg("The device has already requested unstake")]
    AlreadyUnstaking,
    #[msg("The device has no stake")]
    NothingStaked,
    #[msg("The device has not requested unstake")]
    NotUnstaking,
    #[msg("The unstake cooldown has not ended")]
    CooldownNotOver,
    #[msg("Withdrawals and rewards go only to a token account owned by the device owner")]
    NotOwnersTokenAccount,
    #[msg("No rewards to claim")]
    NothingToClaim,
    #[msg("The device still holds stake or rewards, or is active")]
    DeviceNotEmpty,
    #[msg("The device has been withdrawn; register it again to rejoin")]
    DeviceWithdrawn,
    #[msg("That epoch has not been closed yet")]
    EpochNotClosed,
    #[msg("That epoch is outside the settlement window")]
    EpochOutsideWindow,
    #[msg("Retired: settling against an old root is a no-op")]
    AlreadyAttested,
    #[msg("The epoch is not after the device's registration")]
    EpochBeforeRegistration,
    #[msg("That account is not a device of this protocol")]
    InvalidDeviceAccount,
    #[msg("Retired: there are no attestation batches")]
    EmptyBatch,
    #[msg("Retired: staleness is applied by settle")]
    NotStale,
    #[msg("The device must be settled up to the latest finalized root before its weight changes")]
    DeviceNotSettled,
    #[msg("The device's multiplier is already the model's current one")]
    MultiplierUnchanged,
    #[msg("The emission program's epoch is not in step with the reward pool")]
    EmissionOutOfSync,
    #[msg("Emission state does not belong to this protocol's mint")]
    WrongEmissionState,
    #[msg("Account does not match the one recorded in state")]
    AccountMismatch,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Accounting invariant violated")]
    AccountingInvariant,
    #[msg("The next epoch has not ended yet")]
    EpochNotEnded,
    #[msg("Every epoch of the emission schedule has been closed")]
    ScheduleComplete,
    #[msg("Signer is not the slasher")]
    UnauthorizedSlasher,
    #[msg("Signer is not the arbiter")]
    UnauthorizedArbiter,
    #[msg("The slasher and the arbiter must be different keys")]
    SlasherIsArbiter,
    #[msg("Slash amount exceeds the device's stake plus unclaimed rewards")]
    SlashExceedsBalance,
    #[msg("Slash amount exceeds the per-case cap")]
    SlashAboveCap,
    #[msg("The appeal period is over")]
    AppealPeriodOver,
    #[msg("The case has already been appealed")]
    AlreadyAppealed,
    #[msg("The case has not been appealed")]
    CaseNotAppealed,
    #[msg("The case is already resolved")]
    CaseResolved,
    #[msg("The appeal period has not ended")]
    AppealPeriodNotOver,
    #[msg("The case was appealed: only the arbiter can rule, or it lapses")]
    CaseAppealed,
    #[msg("The arbiter's ruling window is over; the case can only lapse")]
    RulingWindowOver,
    #[msg("The arbiter's ruling window has not ended")]
    RulingWindowNotOver,
    #[msg("The device has open slash cases")]
    OpenCases,
    #[msg("io-emission's distributor is not this staking config: hand minting to it first")]
    NotDistributor,
    #[msg("The device is not in the active set")]
    DeviceNotActive,
    #[msg("Base stake per GPU must be above 0 and at most 1,000,000 IO")]
    BaseStakeOutOfRange,
    #[msg("Cooldown must be 14 to 365 days")]
    CooldownOutOfRange,
    #[msg("Multiplier grace period must be 30 to 365 days")]
    GracePeriodOutOfRange,
    #[msg("Streak must be 1 to 720 epochs; staleness 168 to 8,760")]
    EpochParamsOutOfRange,
    #[msg("Slash cap must be 1 to 10,000 basis points")]
    SlashCapOutOfRange,
    #[msg("Appeal period must be 30 to 365 days")]
    AppealPeriodOutOfRange,
    #[msg("Ruling window must be 1 to 365 days")]
    RulingWindowOutOfRange,
    #[msg("Slashing is off: no slasher has been set")]
    SlashingOff,
    #[msg("Amount exceeds the stake above the device's requirement")]
    AboveOverflow,
    #[msg("Too many devices in one instruction")]
    TooManyDevices,
    #[msg("Class shares must be basis points adding up to exactly 10,000")]
    InvalidClassShares,
    #[msg("The device already has a co-staking offer")]
    CoStakeOfferExists,
    #[msg("The co-staking offer was already accepted")]
    CoStakeAlreadyAccepted,
    #[msg("A device owner cannot accept their own co-staking offer")]
    CannotAcceptOwnOffer,
    #[msg("The offer's terms are not the ones the co-staker agreed to")]
    OfferTermsChanged,
    #[msg("A co-stake may be at most half of the device's total stake")]
    CoStakeAboveHalf,
    #[msg("A wallet holds at most 2 accepted co-staking offers at a time")]
    TooManyCoStakes,
    #[msg("Signer is not the device's co-staker")]
    NotCoStaker,
    #[msg("The co-staker has already asked to leave")]
    AlreadyExiting,
    #[msg("The co-staker has not asked to leave, and the device is not unstaking")]
    NotExiting,
    #[msg("A share must be at most 10,000 basis points")]
    InvalidShare,
    #[msg("The device has a co-staking offer or a co-stake")]
    CoStakeOpen,
    #[msg("The instruction before register_device is not the Ed25519 program's")]
    ConsentMissing,
    #[msg("The Ed25519 instruction does not carry one device registration consent")]
    ConsentMalformed,
    #[msg("The Ed25519 instruction reads its key, signature or message from another instruction")]
    ConsentOutsideInstruction,
    #[msg("The consent is not signed by the device key being registered")]
    ConsentWrongSigner,
    #[msg("The consent is for another owner")]
    ConsentWrongOwner,
    #[msg("The consent is for another deployment (program or config)")]
    ConsentWrongConfig,
    #[msg("The consent is for another GPU model")]
    ConsentWrongModel,
    #[msg("The consent is for another GPU count")]
    ConsentWrongGpuCount,
    #[msg("The consent is for other hardware")]
    ConsentWrongHardware,
    #[msg("The consent has expired")]
    ConsentExpired,
    #[msg("These GPUs (hardware hash) are registered as another device")]
    HardwareAlreadyRegistered,
    #[msg("Signer is not the payments program's config named by this staking config")]
    NotPaymentsAuthority,
    #[msg("A rental may end at most 720 hours from now")]
    RentalTooLong,
    #[msg("The device is rented: it cannot leave before its paid hours end")]
    DeviceRented,
    #[msg("The payments authority must be io-payments' config of this deployment, or none")]
    InvalidPaymentsAuthority,
    #[msg("Quorum parameters out of range")]
    QuorumParamsOutOfRange,
    #[msg("Signer is not a keeper of this deployment")]
    NotKeeper,
    #[msg("The keeper is unbonding: it neither commits nor votes")]
    KeeperUnbonding,
    #[msg("The keeper's bond is below the minimum")]
    KeeperBondTooLow,
    #[msg("The keeper set is full (16 keepers)")]
    KeeperSetFull,
    #[msg("This operator is already a keeper")]
    KeeperExists,
    #[msg("The keeper URL is too long (128 bytes at most)")]
    KeeperUrlTooLong,
    #[msg("The vote key is missing or used by another keeper")]
    InvalidVoteKey,
    #[msg("The keeper has not asked to unbond")]
    KeeperNotUnbonding,
    #[msg("The keeper's bond is still in its cooldown")]
    KeeperBondLocked,
    #[msg("This keeper already committed its observation for this epoch")]
    ObservationAlreadyCommitted,
    #[msg("The observe phase of this ballot is over")]
    ObservePhaseOver,
    #[msg("The observe phase of this ballot is not over yet")]
    ObservePhaseOpen,
    #[msg("This ballot is already finalized")]
    BallotFinalized,
    #[msg("A root for this or a later epoch is already finalized")]
    BallotSuperseded,
    #[msg("The keeper could not vote when this ballot opened")]
    NotInElectorate,
    #[msg("The ballot is not stalled yet")]
    NotStalled,
    #[msg("Nobody voted for this root")]
    RootNotVoted,
    #[msg("The tree must have between 1 and 1,048,576 leaves")]
    InvalidLeafCount,
    #[msg("A vote may merge only committed observations, and at least one")]
    ObservationNotCommitted,
    #[msg("No root is finalized for this epoch yet")]
    RootNotFinalized,
    #[msg("The root is older than the previous finalized root")]
    RootTooOld,
    #[msg("The proof does not lead from this device's leaf to the root")]
    InvalidProof,
    #[msg("No keeper may vote: the ballot cannot open")]
    EmptyElectorate,
    #[msg("The ballot may still finalize: it closes once final or superseded")]
    BallotStillOpen,
}

impl StakingError {
    /// The code a transaction failing with this error carries.
    pub fn code(self) -> u32 {
        u32::from(self)
    }
}

impl From<RewardMathError> for StakingError {
    fn from(e: RewardMathError) -> Self {
        match e {
            RewardMathError::Overflow => StakingError::MathOverflow,
            RewardMathError::EpochOutsideWindow => StakingError::EpochOutsideWindow,
        }
    }
}

impl From<RewardMathError> for anchor_lang::error::Error {
    fn from(e: RewardMathError) -> Self {
        StakingError::from(e).into()
    }
}
