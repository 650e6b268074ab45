//! What the node knows of the IO programs from their published IDLs (`idl/*.json`, generated
//! and checked by CI): error names and messages, and event discriminators.
//!
//! The programs run natively on the local chain, where `msg!` prints to the process's stdout
//! instead of the transaction's logs. So the node writes back the one program log line clients
//! read, Anchor's `AnchorError occurred. Error Code: ...` (from the IDL, exactly as the program
//! would log it), and shows the programs' `emit_cpi!` events as the inner instructions they are
//! on a cluster.

use std::collections::HashMap;

use anchor_lang::prelude::Pubkey;
use serde_json::{json, Value};
use solana_instruction::error::InstructionError;
use solana_transaction_error::TransactionError;

use io_localchain::local::TxRecord;

const IDLS: [&str; 3] = [
    include_str!("../../../idl/io_emission.json"),
    include_str!("../../../idl/io_staking.json"),
    include_str!("../../../idl/io_payments.json"),
];

pub struct ProgramErrors {
    /// (program, code) -> (name, message).
    errors: HashMap<(Pubkey, u32), (String, String)>,
    /// Event discriminator -> the program that emits it.
    events: HashMap<[u8; 8], Pubkey>,
}

impl ProgramErrors {
    /// From the IDLs committed in `idl/`.
    pub fn published() -> Self {
        let mut errors = HashMap::new();
        let mut events = HashMap::new();
        for idl in IDLS {
            let idl: Value = serde_json::from_str(idl).expect("idl/*.json is valid JSON");
            let program: Pubkey = idl["address"]
                .as_str()
                .and_then(|a| a.parse().ok())
                .expect("an IDL names its program");
            for error in idl["errors"].as_array().into_iter().flatten() {
                if let (Some(code), Some(name)) = (error["code"].as_u64(), error["name"].as_str()) {
                    let message = error["msg"].as_str().unwrap_or_default().to_string();
                    errors.insert((program, code as u32), (name.to_string(), message));
                }
            }
            for event in idl["events"].as_array().into_iter().flatten() {
                let discriminator: Vec<u8> = event["discriminator"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|b| b.as_u64().map(|b| b as u8))
                    .collect();
                if let Ok(discriminator) = discriminator.try_into() {
                    events.insert(discriminator, program);
                }
            }
        }
        Self { errors, events }
    }

    /// The error's name and message, if `program` publishes `code`.
    pub fn describe(&self, program: &Pubkey, code: u32) -> Option<&(String, String)> {
        self.errors.get(&(*program, code))
    }

    /// `logs` as a validator shows them: the runtime's lines once each (the native builtin
    /// path logs each invocation twice), with the AnchorError line the failing IO program logs
    /// on a cluster placed just before the runtime's first "failed" line for it (the deepest
    /// program: an error raised in a CPI is the callee's).
    pub fn annotate(&self, raw: &[String], error: Option<&TransactionError>) -> Vec<String> {
        let mut logs: Vec<String> = Vec::with_capacity(raw.len() + 1);
        for line in raw {
            let runtime_line = line.starts_with("Program ")
                && !line.starts_with("Program log:")
                && !line.starts_with("Program data:");
            if runtime_line && logs.last() == Some(line) {
                continue;
            }
            logs.push(line.clone());
        }
        let Some(TransactionError::InstructionError(_, InstructionError::Custom(code))) = error
        else {
            return logs;
        };
        let failed_suffix = format!(" failed: custom program error: {code:#x}");
        let Some(at) = logs.iter().position(|l| l.ends_with(&failed_suffix)) else {
            return logs;
        };
        let program = logs[at]
            .strip_prefix("Program ")
            .and_then(|rest| rest.strip_suffix(&failed_suffix))
            .and_then(|id| id.parse::<Pubkey>().ok());
        if let Some((name, text)) = program.and_then(|p| self.describe(&p, *code)) {
            let line = format!(
                "Program log: AnchorError occurred. Error Code: {name}. Error Number: {code}. \
                 Error Message: {text}."
            );
            logs.insert(at, line);
        }
        logs
    }

    /// The record's events as `meta.innerInstructions`: each an `emit_cpi!` self-invocation of
    /// the emitting program with its event authority, under the first top-level instruction of
    /// that program, or of another program of ours that reached it by CPI (the native capture
    /// does not say which instruction emitted it).
    pub fn event_instructions(&self, record: &TxRecord) -> Value {
        let message = &record.transaction.message;
        let keys = message.static_account_keys();
        let mut groups: Vec<(usize, Vec<Value>)> = Vec::new();
        for payload in &record.events {
            let Some(program) = payload
                .get(..8)
                .and_then(|d| <[u8; 8]>::try_from(d).ok())
                .and_then(|d| self.events.get(&d))
            else {
                continue;
            };
            let position = |key: &Pubkey| keys.iter().position(|k| k == key);
            let (Some(program_index), Some(authority_index)) = (
                position(program),
                position(&io_sdk::event_authority(program)),
            ) else {
                continue;
            };
            let top_level_of = |wanted: &dyn Fn(&Pubkey) -> bool| {
                message.instructions().iter().position(|ix| {
                    keys.get(usize::from(ix.program_id_index))
                        .is_some_and(wanted)
                })
            };
            // A program reached only through a CPI (io-emission minting under io-staking's
            // epoch close) has no top-level instruction: its events go under the first one of
            // an event-emitting program, one level deeper.
            let (outer, stack_height) = match top_level_of(&|key| key == program) {
                Some(outer) => (outer, 2),
                None => match top_level_of(&|key| self.events.values().any(|p| p == key)) {
                    Some(outer) => (outer, 3),
                    None => continue,
                },
            };
            let mut data = anchor_lang::event::EVENT_IX_TAG_LE.to_vec();
            data.extend_from_slice(payload);
            let instruction = json!({
                "programIdIndex": program_index,
                "accounts": [authority_index],
                "data": bs58::encode(data).into_string(),
                "stackHeight": stack_height,
            });
            match groups.iter_mut().find(|(index, _)| *index == outer) {
                Some((_, list)) => list.push(instruction),
                None => groups.push((outer, vec![instruction])),
            }
        }
        groups.sort_by_key(|(index, _)| *index);
        Value::Array(
            groups
                .into_iter()
                .map(
                    |(index, instructions)| json!({ "index": index, "instructions": instructions }),
                )
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_published_error_is_known_by_its_rust_name() {
        let known = ProgramErrors::published();
        let cooldown = u32::from(io_staking::error::StakingError::CooldownNotOver);
        let (name, message) = known.describe(&io_staking::ID, cooldown).unwrap();
        assert_eq!(name, "CooldownNotOver");
        assert!(!message.is_empty());
        assert!(known.events.values().any(|p| *p == io_emission::ID));
    }
}
