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
}
