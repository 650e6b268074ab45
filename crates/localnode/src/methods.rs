//! The JSON-RPC methods: accounts, cluster state and tokens here; transactions in
//! `transactions.rs`; the local-only cheatcodes in `cheats.rs`.

use anchor_lang::solana_program::program_pack::Pack;
use anchor_spl::token::spl_token;
use serde_json::{json, Value};
use solana_client::rpc_filter::RpcFilterType;

use super::encode::{
    account_encoding, config, data_slice, mint_decimals, pubkey, token_account, token_amount,
    token_mint, u64_param, ui_account, with_context,
};
use super::{cheats, transactions, Node, RpcError, AGAVE_VERSION, METHOD_NOT_FOUND};

/// Solana's default epoch length, in slots (the local chain stays in epoch 0 of it).
const SLOTS_PER_EPOCH: u64 = 432_000;
/// How many blocks a blockhash stays valid for (`lastValidBlockHeight` = height + this).
const BLOCKHASH_VALIDITY: u64 = 150;

pub async fn dispatch(node: &Node, method: &str, params: &Value) -> Result<Value, RpcError> {
    match method {
        "getAccountInfo" => get_account_info(node, params).await,
        "getMultipleAccounts" => get_multiple_accounts(node, params).await,
        "getProgramAccounts" => get_program_accounts(node, params).await,
        "getBalance" => {
            let address = pubkey(params, 0, "address")?;
            let lamports = node.chain.account(&address).await.map_or(0, |a| a.lamports);
            Ok(with_context(node, json!(lamports)))
        }
        "getMinimumBalanceForRentExemption" => {
            let len = u64_param(params, 0, "data length")?;
            let len = usize::try_from(len)
                .ok()
                .filter(|len| *len <= 10 * 1024 * 1024)
                .ok_or_else(|| RpcError::invalid("data length: at most 10 MiB"))?;
            Ok(json!(node.chain.minimum_balance(len).await))
        }
        "getLatestBlockhash" => {
            let blockhash = node.chain.latest_blockhash().await;
            Ok(with_context(
                node,
                json!({
                    "blockhash": blockhash.to_string(),
                    "lastValidBlockHeight": node.chain.slot() + BLOCKHASH_VALIDITY,
                }),
            ))
        }
        // The bank keeps the recent blockhashes; any it does not know is refused when sent.
        "isBlockhashValid" => Ok(with_context(node, json!(true))),
        "getSlot" | "getBlockHeight" | "minimumLedgerSlot" => Ok(json!(node.chain.slot())),
        "getFirstAvailableBlock" => Ok(json!(0)),
        "getTransactionCount" => Ok(json!(node.chain.transaction_count())),
        "getEpochInfo" => {
            let slot = node.chain.slot();
            Ok(json!({
                "absoluteSlot": slot,
                "blockHeight": slot,
                "epoch": slot / SLOTS_PER_EPOCH,
                "slotIndex": slot % SLOTS_PER_EPOCH,
                "slotsInEpoch": SLOTS_PER_EPOCH,
                "transactionCount": node.chain.transaction_count(),
            }))
        }
        "getEpochSchedule" => Ok(json!({
            "slotsPerEpoch": SLOTS_PER_EPOCH,
            "leaderScheduleSlotOffset": SLOTS_PER_EPOCH,
            "warmup": false,
            "firstNormalEpoch": 0,
            "firstNormalSlot": 0,
        })),
        "getBlockTime" => {
            let slot = u64_param(params, 0, "slot")?;
            if slot > node.chain.slot() {
                return Err(RpcError {
                    code: -32004,
                    message: format!("Block not available for slot {slot}"),
                    data: None,
                });
            }
            Ok(json!(node.clock.now()))
        }
        "getGenesisHash" => Ok(json!(node.chain.genesis_hash().await.to_string())),
        "getVersion" => Ok(json!({ "solana-core": AGAVE_VERSION, "feature-set": 0 })),
        "getHealth" => Ok(json!("ok")),
        "getIdentity" => Ok(json!({ "identity": node.chain.payer_key().to_string() })),
        "getClusterNodes" => Ok(json!([])),
        "getRecentPrioritizationFees" => Ok(json!([])),
        "getFeeForMessage" => transactions::fee_for_message(node, params),
        "getTokenAccountBalance" => get_token_account_balance(node, params).await,
        "getTokenAccountsByOwner" => get_token_accounts_by_owner(node, params).await,
        "getTokenSupply" => {
            let mint = pubkey(params, 0, "mint")?;
            let mint = node
                .chain
                .account(&mint)
                .await
                .as_ref()
                .and_then(token_mint)
                .ok_or_else(|| RpcError::invalid("Invalid param: not a Token mint"))?;
            Ok(with_context(node, token_amount(mint.supply, mint.decimals)))
        }
        "sendTransaction" => transactions::send(node, params).await,
        "simulateTransaction" => transactions::simulate(node, params).await,
        "getSignatureStatuses" => transactions::signature_statuses(node, params),
        "getTransaction" => transactions::get_transaction(node, params),
        "getSignaturesForAddress" => transactions::signatures_for_address(node, params),
        "requestAirdrop" => transactions::airdrop(node, params).await,
        "surfnet_timeTravel" => cheats::time_travel(node, params).await,
        "surfnet_setTokenAccount" => cheats::set_token_account(node, params).await,
        other => Err(RpcError {
            code: METHOD_NOT_FOUND,
            message: format!("Method not found: the local node does not serve {other:?}"),
            data: None,
        }),
    }
}

async fn get_account_info(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let address = pubkey(params, 0, "address")?;
    let config = config(params, 1)?;
    let (encoding, slice) = (account_encoding(config)?, data_slice(config)?);
    let value = match node.chain.account(&address).await {
        Some(account) => ui_account(node, &address, &account, encoding, slice).await,
        None => Value::Null,
    };
    Ok(with_context(node, value))
}

async fn get_multiple_accounts(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let addresses = params
        .get(0)
        .and_then(Value::as_array)
        .ok_or_else(|| RpcError::invalid("expected an array of addresses"))?;
    if addresses.len() > node.limits.max_accounts {
        return Err(RpcError::invalid(format!(
            "Too many inputs provided; max {}",
            node.limits.max_accounts
        )));
    }
    let config = config(params, 1)?;
    let (encoding, slice) = (account_encoding(config)?, data_slice(config)?);
    let mut accounts = Vec::with_capacity(addresses.len());
    for (index, _) in addresses.iter().enumerate() {
        let address = pubkey(&Value::Array(addresses.clone()), index, "address")?;
        accounts.push(match node.chain.account(&address).await {
            Some(account) => ui_account(node, &address, &account, encoding, slice).await,
            None => Value::Null,
        });
    }
    Ok(with_context(node, Value::Array(accounts)))
}

/// Every account the program owns (see `LocalChain::known_accounts`), filtered.
async fn get_program_accounts(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let program = pubkey(params, 0, "program")?;
    let config = config(params, 1)?;
    let (encoding, slice) = (account_encoding(config)?, data_slice(config)?);
    let filters: Vec<RpcFilterType> = match config.get("filters") {
        None | Some(Value::Null) => Vec::new(),
        Some(given) => serde_json::from_value(given.clone())
            .map_err(|e| RpcError::invalid(format!("filters: {e}")))?,
    };
    if filters.len() > 4 {
        return Err(RpcError::invalid("Too many filters provided; max 4"));
    }
    let mut matching = Vec::new();
    for address in node.chain.known_accounts().await {
        let Some(account) = node.chain.account(&address).await else {
            continue;
        };
        if account.owner != program || !filters.iter().all(|f| keeps(f, &account.data)) {
            continue;
        }
        matching.push(json!({
            "pubkey": address.to_string(),
            "account": ui_account(node, &address, &account, encoding, slice).await,
        }));
    }
    let list = Value::Array(matching);
    Ok(
        if config.get("withContext").and_then(Value::as_bool) == Some(true) {
            with_context(node, list)
        } else {
            list
        },
    )
}

fn keeps(filter: &RpcFilterType, data: &[u8]) -> bool {
    match filter {
        RpcFilterType::DataSize(size) => data.len() as u64 == *size,
        RpcFilterType::Memcmp(memcmp) => memcmp.bytes_match(data),
        // An initialized SPL token account.
        RpcFilterType::TokenAccountState => spl_token::state::Account::unpack_unchecked(data)
            .is_ok_and(|account| account.state != spl_token::state::AccountState::Uninitialized),
    }
}

async fn get_token_account_balance(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let address = pubkey(params, 0, "token account")?;
    let account = node
        .chain
        .account(&address)
        .await
        .as_ref()
        .and_then(token_account)
        .ok_or_else(|| RpcError::invalid("Invalid param: not a Token account"))?;
    let decimals = mint_decimals(node, &account.mint).await.unwrap_or(0);
    Ok(with_context(node, token_amount(account.amount, decimals)))
}

async fn get_token_accounts_by_owner(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let owner = pubkey(params, 0, "owner")?;
    let filter = config(params, 1)?;
    let mint = match filter.get("mint") {
        Some(_) => Some(pubkey(&json!([filter["mint"]]), 0, "mint")?),
        None => None,
    };
    match filter.get("programId") {
        Some(_) if pubkey(&json!([filter["programId"]]), 0, "programId")? != spl_token::ID => {
            return Ok(with_context(node, json!([])))
        }
        Some(_) => {}
        None if mint.is_none() => {
            return Err(RpcError::invalid(
                "Invalid param: expected a filter object with `mint` or `programId`",
            ))
        }
        None => {}
    }
    let config = config(params, 2)?;
    let (encoding, slice) = (account_encoding(config)?, data_slice(config)?);
    let mut found = Vec::new();
    for address in node.chain.known_accounts().await {
        let Some(account) = node.chain.account(&address).await else {
            continue;
        };
        let Some(token) = token_account(&account) else {
            continue;
        };
        if token.owner != owner || mint.is_some_and(|mint| token.mint != mint) {
            continue;
        }
        found.push(json!({
            "pubkey": address.to_string(),
            "account": ui_account(node, &address, &account, encoding, slice).await,
        }));
    }
    Ok(with_context(node, Value::Array(found)))
}
