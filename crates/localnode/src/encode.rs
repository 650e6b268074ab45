//! Reading parameters and shaping answers as a validator does.

use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::program_pack::Pack;
use anchor_spl::token::spl_token;
use serde_json::{json, Value};
use solana_account_decoder::parse_account_data::{
    AccountAdditionalDataV3, SplTokenAdditionalDataV2,
};
use solana_account_decoder::{encode_ui_account, UiAccountEncoding, UiDataSliceConfig};
use solana_transaction_error::TransactionError;

use super::{Node, RpcError, AGAVE_VERSION};

pub fn pubkey(params: &Value, index: usize, what: &str) -> Result<Pubkey, RpcError> {
    params
        .get(index)
        .and_then(Value::as_str)
        .and_then(|text| Pubkey::from_str(text).ok())
        .ok_or_else(|| RpcError::invalid(format!("{what}: expected a base58 public key")))
}

/// The configuration object at `index`, or an empty one.
pub fn config(params: &Value, index: usize) -> Result<&Value, RpcError> {
    static EMPTY: Value = Value::Null;
    match params.get(index) {
        None | Some(Value::Null) => Ok(&EMPTY),
        Some(config @ Value::Object(_)) => Ok(config),
        Some(_) => Err(RpcError::invalid(format!(
            "parameter {index} must be a configuration object"
        ))),
    }
}

pub fn u64_param(params: &Value, index: usize, what: &str) -> Result<u64, RpcError> {
    params
        .get(index)
        .and_then(Value::as_u64)
        .ok_or_else(|| RpcError::invalid(format!("{what}: expected an unsigned integer")))
}

/// `{ context: { slot, apiVersion }, value }`.
pub fn with_context(node: &Node, value: Value) -> Value {
    json!({
        "context": { "slot": node.chain.slot(), "apiVersion": AGAVE_VERSION },
        "value": value,
    })
}

pub fn account_encoding(config: &Value) -> Result<UiAccountEncoding, RpcError> {
    match config.get("encoding").and_then(Value::as_str) {
        None => Ok(UiAccountEncoding::Base64),
        Some("base64") => Ok(UiAccountEncoding::Base64),
        Some("base58") => Ok(UiAccountEncoding::Base58),
        Some("binary") => Ok(UiAccountEncoding::Binary),
        Some("base64+zstd") => Ok(UiAccountEncoding::Base64Zstd),
        Some("jsonParsed") => Ok(UiAccountEncoding::JsonParsed),
        Some(other) => Err(RpcError::invalid(format!("unknown encoding {other:?}"))),
    }
}

pub fn data_slice(config: &Value) -> Result<Option<UiDataSliceConfig>, RpcError> {
    match config.get("dataSlice") {
        None | Some(Value::Null) => Ok(None),
        Some(slice) => serde_json::from_value(slice.clone())
            .map(Some)
            .map_err(|e| RpcError::invalid(format!("dataSlice: {e}"))),
    }
}

/// An account as `getAccountInfo` shows it, parsed when asked for `jsonParsed` and the
/// decoder knows the program (SPL Token accounts and mints, system accounts, ...).
pub async fn ui_account(
    node: &Node,
    address: &Pubkey,
    account: &io_localchain::Account,
    encoding: UiAccountEncoding,
    slice: Option<UiDataSliceConfig>,
) -> Value {
    let additional = if encoding == UiAccountEncoding::JsonParsed {
        token_decimals(node, account)
            .await
            .map(|decimals| AccountAdditionalDataV3 {
                spl_token_additional_data: Some(SplTokenAdditionalDataV2::with_decimals(decimals)),
            })
    } else {
        None
    };
    serde_json::to_value(encode_ui_account(
        address, account, encoding, additional, slice,
    ))
    .unwrap_or(Value::Null)
}

/// The SPL token account `account` holds, if it is one (owned by SPL Token, of its size).
pub fn token_account(account: &io_localchain::Account) -> Option<spl_token::state::Account> {
    (account.owner == spl_token::ID)
        .then(|| spl_token::state::Account::unpack_unchecked(&account.data).ok())
        .flatten()
}

/// The SPL mint `account` holds, if it is one (owned by SPL Token, of its size).
pub fn token_mint(account: &io_localchain::Account) -> Option<spl_token::state::Mint> {
    (account.owner == spl_token::ID)
        .then(|| spl_token::state::Mint::unpack_unchecked(&account.data).ok())
        .flatten()
}

/// The decimals of a token account's mint, for parsing it.
async fn token_decimals(node: &Node, account: &io_localchain::Account) -> Option<u8> {
    mint_decimals(node, &token_account(account)?.mint).await
}

pub async fn mint_decimals(node: &Node, mint: &Pubkey) -> Option<u8> {
    Some(token_mint(&node.chain.account(mint).await?)?.decimals)
}

/// A transaction's error as the validator's JSON shows it (`null` when it succeeded).
pub fn err_json(error: Option<&TransactionError>) -> Value {
    error.map_or(Value::Null, |e| {
        serde_json::to_value(e).unwrap_or(Value::Null)
    })
}

/// The deprecated `status` field: `{ "Ok": null }` or `{ "Err": ... }`.
pub fn status_field(error: Option<&TransactionError>) -> Value {
    match error {
        None => json!({ "Ok": null }),
        Some(_) => json!({ "Err": err_json(error) }),
    }
}

/// `{ amount, decimals, uiAmount, uiAmountString }` for `amount` base units.
pub fn token_amount(amount: u64, decimals: u8) -> Value {
    let ui = ui_amount_string(amount, decimals);
    json!({
        "amount": amount.to_string(),
        "decimals": decimals,
        "uiAmount": ui.parse::<f64>().ok(),
        "uiAmountString": ui,
    })
}

/// Exact decimal text of `amount` base units, without trailing zeros (as the validator shows).
/// Works on the digits, so any `u8` of decimals a mint may declare is fine.
pub fn ui_amount_string(amount: u64, decimals: u8) -> String {
    let decimals = usize::from(decimals);
    let digits = format!("{amount:0>width$}", width = decimals + 1);
    let (whole, fraction) = digits.split_at(digits.len() - decimals);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_amounts_are_exact() {
        assert_eq!(ui_amount_string(456_621_004_566, 8), "4566.21004566");
        assert_eq!(ui_amount_string(200_00000000, 8), "200");
        assert_eq!(ui_amount_string(1, 8), "0.00000001");
        assert_eq!(ui_amount_string(u64::MAX, 0), u64::MAX.to_string());
        assert_eq!(ui_amount_string(5, 255).len(), 257);
        assert_eq!(ui_amount_string(0, 9), "0");
    }
}
