//! Checked arithmetic that names the line it failed on.
//!
//! Every amount, timestamp and counter in this program goes through [`SafeMath`]: an overflow
//! becomes `StakingError::MathOverflow` (a user-visible error code) instead of a panic, and the
//! program log says where (`#[track_caller]`), as Drift's `SafeMath` does. The crate denies
//! `clippy::arithmetic_side_effects`, so raw `+`, `-`, `*` cannot creep back in.

use anchor_lang::prelude::*;

use crate::error::StakingError;

pub trait SafeMath: Sized {
    fn safe_add(self, rhs: Self) -> Result<Self>;
    fn safe_sub(self, rhs: Self) -> Result<Self>;
    fn safe_mul(self, rhs: Self) -> Result<Self>;
    fn safe_div(self, rhs: Self) -> Result<Self>;
}

#[track_caller]
#[inline(never)]
fn overflow() -> Error {
    let at = core::panic::Location::caller();
    msg!("math overflow at {}:{}", at.file(), at.line());
    error!(StakingError::MathOverflow)
}

macro_rules! impl_safe_math {
    ($($t:ty),*) => {$(
        impl SafeMath for $t {
            #[track_caller]
            #[inline(always)]
            fn safe_add(self, rhs: Self) -> Result<Self> {
                match self.checked_add(rhs) {
                    Some(value) => Ok(value),
                    None => Err(overflow()),
                }
            }
            #[track_caller]
            #[inline(always)]
            fn safe_sub(self, rhs: Self) -> Result<Self> {
                match self.checked_sub(rhs) {
                    Some(value) => Ok(value),
                    None => Err(overflow()),
                }
            }
            #[track_caller]
            #[inline(always)]
            fn safe_mul(self, rhs: Self) -> Result<Self> {
                match self.checked_mul(rhs) {
                    Some(value) => Ok(value),
                    None => Err(overflow()),
                }
            }
            #[track_caller]
            #[inline(always)]
            fn safe_div(self, rhs: Self) -> Result<Self> {
                match self.checked_div(rhs) {
                    Some(value) => Ok(value),
                    None => Err(overflow()),
                }
            }
        }
    )*};
}

impl_safe_math!(u8, u16, u32, u64, u128, i64);

/// `value = value + amount`, checked: the common "book it on a counter" step.
pub trait SafeAccumulate: SafeMath + Copy {
    #[track_caller]
    fn add_assign_checked(&mut self, rhs: Self) -> Result<()> {
        *self = self.safe_add(rhs)?;
        Ok(())
    }
    #[track_caller]
    fn sub_assign_checked(&mut self, rhs: Self) -> Result<()> {
        *self = self.safe_sub(rhs)?;
        Ok(())
    }
}

impl<T: SafeMath + Copy> SafeAccumulate for T {}

/// Takes one from a count of things that exist (devices, cases). Below zero the books are
/// broken, not the arithmetic: `AccountingInvariant`.
#[track_caller]
pub fn decrement_count(count: &mut u32) -> Result<()> {
    match count.checked_sub(1) {
        Some(value) => {
            *count = value;
            Ok(())
        }
        None => {
            let at = core::panic::Location::caller();
            msg!("count below zero at {}:{}", at.file(), at.line());
            Err(error!(StakingError::AccountingInvariant))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(u64::MAX.safe_add(1).is_err());
        assert!(0u64.safe_sub(1).is_err());
        assert!(u128::MAX.safe_mul(2).is_err());
        assert!(1u32.safe_div(0).is_err());
        assert_eq!(2u64.safe_add(3).unwrap(), 5);
        let mut total = 7u64;
        total.add_assign_checked(3).unwrap();
        total.sub_assign_checked(4).unwrap();
        assert_eq!(total, 6);
        assert!(total.sub_assign_checked(7).is_err());
        assert_eq!(total, 6, "a failed step leaves the value untouched");
    }
}
