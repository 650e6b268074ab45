//! Cheatcodes, local only, in the manner of Surfpool's `surfnet_*` methods. Neither exists on a
//! cluster; both act through the chain's own rules where they can.
//!
//! - `surfnet_timeTravel [{ "seconds": n } | { "epochs": n } | { "absoluteTimestamp": t }]`
//!   moves the clock forward (never back; `epochs` are the protocol's hourly epochs, `t` is in
//!   unix seconds). The crank and the attester of `localnet --serve` catch up as after
//!   downtime. Answers `{ unixTimestamp, epoch, slot }`.
//! - `surfnet_setTokenAccount [owner, mint, { "amount": n }]` makes the owner's associated IO
//!   account hold at least `amount` base units (given as a number or a decimal string), by a
//!   real transfer from the local treasury (the genesis supply): supply and the protocol's
//!   accounting stay true, so only the IO mint is served, and an account is never drained.
//!   Answers `{ account, amount, signature }`.

use anchor_lang::prelude::Pubkey;
use anchor_spl::associated_token::{get_associated_token_address, spl_associated_token_account};
use anchor_spl::token::spl_token;
use serde_json::{json, Value};
use solana_keypair::Keypair;
use solana_signer::Signer;

use super::encode::{config, pubkey, token_account};
use super::{Node, RpcError};

pub async fn time_travel(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let config = config(params, 0)?;
    let number = |name: &str| config.get(name).and_then(Value::as_i64);
    let now = node.clock.now();
    let target = if let Some(seconds) = number("seconds") {
        now.checked_add(seconds)
    } else if let Some(epochs) = number("epochs") {
        epochs
            .checked_mul(io_emission::schedule::EPOCH_DURATION_SECONDS)
            .and_then(|seconds| now.checked_add(seconds))
    } else if let Some(timestamp) = number("absoluteTimestamp") {
        Some(timestamp)
    } else {
        return Err(RpcError::invalid(
            "expected { seconds }, { epochs } or { absoluteTimestamp } (unix seconds)",
        ));
    };
    // No further than the end of the schedule: past it there is nothing left to run.
    let end = io_emission::schedule::epoch_end(node.genesis, io_emission::schedule::LAST_EPOCH)
        .unwrap_or(i64::MAX);
    let target = target.filter(|target| *target <= end).ok_or_else(|| {
        RpcError::invalid(format!(
            "time travels at most to the end of the schedule ({end})"
        ))
    })?;
    let moved = node.clock.travel_to(target).await;
    let now = moved.map_err(RpcError::invalid)?;
    // (The target was checked against the end of the schedule before moving.)
    let epoch = match io_emission::schedule::epoch_at(node.genesis, now) {
        io_emission::schedule::EpochPosition::Epoch(epoch) => Some(epoch),
        _ => None,
    };
    Ok(json!({ "unixTimestamp": now, "epoch": epoch, "slot": node.chain.slot() }))
}

pub async fn set_token_account(node: &Node, params: &Value) -> Result<Value, RpcError> {
    let owner = pubkey(params, 0, "owner")?;
    let mint = pubkey(params, 1, "mint")?;
    if mint != node.chain.mint() {
        return Err(RpcError::invalid(format!(
            "only the IO mint {} is served: other balances cannot be made without breaking \
             their supply",
            node.chain.mint()
        )));
    }
    let update = config(params, 2)?;
    let wanted = match update.get("amount") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
    .ok_or_else(|| RpcError::invalid("amount: expected base units (a number or a string)"))?;
    let account = get_associated_token_address(&owner, &mint);
    let held = node
        .chain
        .account(&account)
        .await
        .as_ref()
        .and_then(token_account)
        .map_or(0, |token| token.amount);
    let top_up = wanted.saturating_sub(held);
    let payer: Pubkey = node.chain.payer_key();
    let mut instructions = vec![
        spl_associated_token_account::instruction::create_associated_token_account_idempotent(
            &payer,
            &owner,
            &mint,
            &spl_token::ID,
        ),
    ];
    if top_up > 0 {
        instructions.push(
            spl_token::instruction::transfer(
                &spl_token::ID,
                &node.chain.treasury(),
                &account,
                &node.chain.mint_authority().pubkey(),
                &[],
                top_up,
            )
            .map_err(|e| RpcError::invalid(e.to_string()))?,
        );
    }
    // The treasury's key signs only the transfer: a signer the transaction does not need is
    // refused when signing, so an account already holding enough is only created (idempotent).
    let signers: &[&Keypair] = if top_up > 0 {
        &[node.chain.mint_authority()]
    } else {
        &[]
    };
    let record = node
        .chain
        .send_recorded(&instructions, signers)
        .await
        .map_err(|e| RpcError {
            code: super::INTERNAL_ERROR,
            message: format!("the faucet transfer failed: {e}"),
            data: None,
        })?;
    Ok(json!({
        "account": account.to_string(),
        "amount": held.max(wanted).to_string(),
        "signature": record.signature.to_string(),
    }))
}
