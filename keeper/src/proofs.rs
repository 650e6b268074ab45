//! Leaves and proofs from the keepers' API (`GET /v1/proofs/{device}`, docs/keeper.md): asked
//! of each keeper in turn, so one that is down or does not know the root costs nothing. A leaf
//! is only a claim about the chain's finalized root: the program checks it, so a wrong one
//! fails its settle and nothing else.

use std::time::Duration;

use anchor_lang::prelude::Pubkey;
use io_sdk::staking::LeafProof;
use io_staking::math::merkle::UPTIME_BYTES;
use serde::Deserialize;

#[derive(Deserialize)]
struct ServedLeaf {
    device: String,
    epoch: u32,
    index: u32,
    uptime: String,
    proof: Vec<String>,
}

fn unhex<const N: usize>(text: &str, what: &str) -> Result<[u8; N], String> {
    if text.len() != 2 * N || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("{what}: expected {N} bytes of hex"));
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Parses a keeper's answer for `device`; refuses anything malformed or another device's leaf.
pub fn parse_leaf(body: &str, device: &Pubkey) -> Result<LeafProof, String> {
    let served: ServedLeaf = serde_json::from_str(body).map_err(|e| e.to_string())?;
    if served.device != device.to_string() {
        return Err("the leaf of another device".into());
    }
    if served.proof.len() > io_staking::math::merkle::MAX_DEPTH {
        return Err("a proof deeper than any tree".into());
    }
    Ok(LeafProof {
        epoch: served.epoch,
        uptime: unhex::<UPTIME_BYTES>(&served.uptime, "uptime")?,
        index: served.index,
        proof: served
            .proof
            .iter()
            .map(|node| unhex::<32>(node, "proof node"))
            .collect::<Result<_, _>>()?,
    })
}

/// `device`'s leaf in the latest final root, from the first of `keepers` that serves one.
pub async fn fetch_leaf(keepers: &[String], device: &Pubkey) -> Result<LeafProof, String> {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .map_err(|e| e.to_string())?;
    let mut failures = Vec::new();
    for keeper in keepers {
        let url = format!("{}/v1/proofs/{device}", keeper.trim_end_matches('/'));
        let answer = match http.get(&url).send().await {
            Ok(response) if response.status().is_success() => response.text().await,
            Ok(response) => {
                failures.push(format!("{keeper}: {}", response.status()));
                continue;
            }
            Err(error) => {
                failures.push(format!("{keeper}: {error}"));
                continue;
            }
        };
        match answer
            .map_err(|e| e.to_string())
            .and_then(|body| parse_leaf(&body, device))
        {
            Ok(leaf) => return Ok(leaf),
            Err(error) => failures.push(format!("{keeper}: {error}")),
        }
    }
    Err(format!(
        "no keeper served a proof ({})",
        failures.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_served_leaf_parses_and_anything_else_is_refused() {
        let device = Pubkey::new_unique();
        let good = |uptime: &str, node: &str, who: &Pubkey| {
            format!(
                r#"{{"device":"{who}","epoch":9,"root":"00","leaf_count":2,"index":1,"uptime":"{uptime}","proof":["{node}"]}}"#
            )
        };
        let uptime = format!("01{}", "00".repeat(89));
        let node = "ab".repeat(32);
        let leaf = parse_leaf(&good(&uptime, &node, &device), &device).unwrap();
        assert_eq!((leaf.epoch, leaf.index, leaf.uptime[0]), (9, 1, 1));
        assert_eq!(leaf.proof, vec![[0xab; 32]]);
        assert!(parse_leaf(&good("00", &node, &device), &device).is_err());
        assert!(parse_leaf(&good(&uptime, "zz", &device), &device).is_err());
        let other = Pubkey::new_unique();
        assert!(parse_leaf(&good(&uptime, &node, &other), &device).is_err());
        assert!(parse_leaf("not json", &device).is_err());
    }

    /// Random mutations of a served leaf (bytes flipped, cut, repeated): parsing never panics,
    /// and whatever it accepts has the shape `settle` takes.
    #[test]
    fn mangled_answers_never_panic_and_never_pass_a_wrong_shape() {
        let device = Pubkey::new_unique();
        let body = format!(
            r#"{{"device":"{device}","epoch":9,"root":"00","leaf_count":2,"index":1,"uptime":"{}","proof":["{}","{}"]}}"#,
            "0f".repeat(UPTIME_BYTES),
            "ab".repeat(32),
            "cd".repeat(32),
        );
        // A fixed xorshift: the same cases every run, no dependency for one test.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut accepted = 0;
        for _ in 0..20_000 {
            let mut bytes = body.clone().into_bytes();
            for _ in 0..1 + next() % 4 {
                let at = (next() % bytes.len() as u64) as usize;
                match next() % 3 {
                    0 => bytes[at] = (next() % 256) as u8,
                    1 => bytes.truncate(at),
                    _ => {
                        let copy = bytes[at..].to_vec();
                        bytes.extend_from_slice(&copy);
                    }
                }
                if bytes.is_empty() {
                    break;
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(leaf) = parse_leaf(&text, &device) {
                accepted += 1;
                assert!(leaf.proof.len() <= io_staking::math::merkle::MAX_DEPTH);
            }
        }
        // Some mutations are harmless (a digit of the epoch, say): the parser still takes them.
        assert!(accepted > 0);
    }
}
