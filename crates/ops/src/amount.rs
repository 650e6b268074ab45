//! Exact decimal rendering of base-unit amounts (no floats: every digit is the chain's).

/// `base_units` as IO with exactly `decimals` fractional digits, e.g. `4566.21004566`.
pub fn io_string(base_units: u64, decimals: u8) -> String {
    let unit = 10u64.pow(u32::from(decimals));
    let (whole, fraction) = (base_units / unit, base_units % unit);
    if decimals == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{fraction:0width$}", width = usize::from(decimals))
    }
}

/// Like [`io_string`] with thousands separators in the whole part, for tables.
pub fn io_grouped(base_units: u64, decimals: u8) -> String {
    let plain = io_string(base_units, decimals);
    let (whole, rest) = match plain.find('.') {
        Some(dot) => plain.split_at(dot),
        None => (plain.as_str(), ""),
    };
    let mut grouped = String::with_capacity(plain.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped.push_str(rest);
    grouped
}

/// A non-negative value scaled by `10^digits`, as a decimal string: `(91324, 8)` -> `0.00091324`.
pub fn scaled_string(value: u128, digits: u32) -> String {
    if digits == 0 {
        return value.to_string();
    }
    let unit = 10u128.pow(digits);
    format!(
        "{}.{:0width$}",
        value / unit,
        value % unit,
        width = digits as usize
    )
}

/// Parses a decimal amount ("12.5") into base units with `decimals` digits; refuses signs,
/// exponents, separators and more digits than the mint has.
pub fn parse_amount(text: &str, decimals: u8) -> Result<u64, String> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return Err(format!("{text:?} is not an amount such as 200 or 12.5"));
    }
    if fraction.len() > usize::from(decimals) {
        return Err(format!("{text:?} has more than {decimals} decimals"));
    }
    let unit = 10u64.pow(u32::from(decimals));
    let padded = format!("{fraction:0<width$}", width = usize::from(decimals));
    let too_large = || format!("{text:?} is too large");
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| too_large())?
    };
    let fraction: u64 = if padded.is_empty() {
        0
    } else {
        padded.parse().map_err(|_| too_large())?
    };
    whole
        .checked_mul(unit)
        .and_then(|w| w.checked_add(fraction))
        .ok_or_else(too_large)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_amounts() {
        assert_eq!(parse_amount("12.5", 8), Ok(1_250_000_000));
        assert_eq!(parse_amount("0.00000001", 8), Ok(1));
        assert_eq!(parse_amount(".5", 6), Ok(500_000));
        assert_eq!(parse_amount("200", 0), Ok(200));
        for junk in [
            "",
            ".",
            "-1",
            "1e5",
            "1,000",
            "1.2.3",
            "0.000000001",
            "999999999999",
        ] {
            assert!(parse_amount(junk, 8).is_err(), "{junk}");
        }
    }

    #[test]
    fn renders_exact_decimals() {
        assert_eq!(io_string(456_621_004_566, 8), "4566.21004566");
        assert_eq!(io_string(5, 8), "0.00000005");
        assert_eq!(io_string(0, 8), "0.00000000");
        assert_eq!(io_string(4_566, 0), "4566");
        assert_eq!(io_string(u64::MAX, 10), "1844674407.3709551615");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(io_grouped(456_621_004_566, 8), "4,566.21004566");
        assert_eq!(
            io_grouped(30_000_000_000_000_000, 8),
            "300,000,000.00000000"
        );
        assert_eq!(io_grouped(99_900_000_000, 8), "999.00000000");
        assert_eq!(io_grouped(1_000, 0), "1,000");
        assert_eq!(io_grouped(100, 0), "100");
    }

    #[test]
    fn renders_scaled_values() {
        assert_eq!(scaled_string(91_324, 8), "0.00091324");
        assert_eq!(scaled_string(80_000, 4), "8.0000");
        assert_eq!(scaled_string(7, 0), "7");
    }
}
