//! What a keeper serves from the roots it saw final (docs/design.md section 14): its
//! observation, the root, and each device's proof, good enough for anyone to build a `settle`
//! that the program accepts; bad input answered with a clear 4xx.

use anchor_lang::prelude::Pubkey;
use io_chain::Chain;
use io_localchain::local::LocalChain;
use io_sdk::Addresses;
use io_staking::state::KeeperSet;
use serde_json::Value;

async fn get(url: String) -> (u16, Value) {
    let response = reqwest::get(url).await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// The keeper at `url` finalized the root of `epoch` over `devices`: it serves that root, its
/// observation, and a proof per device that lands on chain.
pub async fn assert_serves_the_final_root(
    url: &str,
    chain: &LocalChain,
    addresses: &Addresses,
    epoch: u32,
    devices: &[Pubkey],
) {
    let data = chain
        .account_data(&addresses.keeper_set)
        .await
        .unwrap()
        .unwrap();
    let set: KeeperSet = io_sdk::decode_zero_copy(&data).unwrap();
    let (status, root) = get(format!("{url}/v1/roots/latest")).await;
    assert_eq!(status, 200, "{root}");
    assert_eq!(root["epoch"], epoch);
    assert_eq!(root["leaf_count"], devices.len());
    assert_eq!(
        root["root"],
        io_attestation::hex_string(&set.latest_root.root),
        "the chain's root"
    );
    assert_eq!(get(format!("{url}/v1/roots/{epoch}")).await.1, root);
    let (status, observation) = get(format!("{url}/v1/observations/{epoch}")).await;
    assert_eq!(status, 200, "{observation}");
    assert_eq!(observation["leaf_count"], devices.len());

    for device in devices {
        let (status, proof) = get(format!("{url}/v1/proofs/{device}")).await;
        assert_eq!(status, 200, "{proof}");
        // Parsed as `claim-all` parses it.
        let leaf = io_keeper::proofs::parse_leaf(&proof.to_string(), device).unwrap();
        // The keeper settled it already: accepted, and a no-op. A wrong proof would fail.
        chain
            .send(&[addresses.settle(*device, &leaf)], &[])
            .await
            .unwrap_or_else(|e| panic!("the served proof of {device}: {e}"));
    }

    for (path, status, reason) in [
        ("/v1/proofs/not-a-key".to_string(), 400, "bad_device"),
        (
            format!("/v1/proofs/{}", Pubkey::new_unique()),
            404,
            "not_a_leaf",
        ),
        (
            format!("/v1/proofs/{}?epoch=99", devices[0]),
            404,
            "unknown_epoch",
        ),
        ("/v1/roots/soon".to_string(), 400, "bad_epoch"),
        ("/v1/roots/99".to_string(), 404, "unknown_epoch"),
        ("/v1/observations/99".to_string(), 404, "unknown_epoch"),
    ] {
        let (got, body) = get(format!("{url}{path}")).await;
        assert_eq!(
            (got, body["error"].as_str()),
            (status, Some(reason)),
            "{path}"
        );
    }
}
