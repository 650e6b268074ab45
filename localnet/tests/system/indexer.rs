//! The indexer: the same events read from the embedded chain and, as on a cluster, through
//! `getSignaturesForAddress`/`getTransaction` on its RPC node give the same index; a restart
//! and a replay change nothing; the API answers JSON, CSV and clear 400s.

use anchor_lang::prelude::Pubkey;
use io_chain::retry::Backoff;
use io_indexer::api::{router, ApiState};
use io_indexer::follow::follow_cluster_once;
use io_indexer::IndexStore;
use io_localchain::local::LocalChain;
use io_localnet::ingest_record;
use io_localnet::{run_keeping_chain, LocalnetOptions};
use io_localnode::spawn_local;
use io_sdk::Addresses;
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_commitment_config::CommitmentConfig;

const PROGRAMS: [Pubkey; 3] = [io_emission::ID, io_staking::ID, io_payments::ID];

fn index_local(chain: &LocalChain, store: &IndexStore) -> usize {
    chain
        .history()
        .iter()
        .filter(|record| ingest_record(store, record).unwrap())
        .count()
}

fn sum(values: impl Iterator<Item = String>) -> u128 {
    values.map(|v| v.parse::<u128>().unwrap()).sum()
}

/// What `serve --index-db` follows: the staking config (every staking and io-payments
/// instruction names it) and the emission state.
fn followed(addresses: &Addresses) -> [Pubkey; 2] {
    [addresses.config, addresses.emission_state]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cluster_follower_and_the_local_reader_build_the_same_index() {
    let (summary, chain) = run_keeping_chain(&LocalnetOptions {
        devices: 6,
        epochs: 8,
        heartbeats_per_epoch: 12,
        uptime_threshold_percent: 90,
        seed: 3,
        progress: false,
        http: false,
    })
    .await
    .unwrap();
    let addresses = Addresses::for_mint(chain.mint());

    let local = IndexStore::in_memory(addresses).unwrap();
    assert!(index_local(&chain, &local) > 0);
    // Replaying the whole history applies nothing twice.
    assert_eq!(index_local(&chain, &local), 0);

    let epochs = local.epochs(None, 100).unwrap();
    assert_eq!(epochs.len(), 8, "one row per epoch");
    assert_eq!(epochs[0].epoch, 8, "newest first");
    assert_eq!(
        sum(epochs.iter().filter_map(|e| e.minted.clone())),
        u128::from(summary.minted)
    );
    // Epoch 1 mints the published 4,566.21... IO (456,621,004,566 base units, 8 decimals).
    assert_eq!(epochs[7].minted.as_deref(), Some("456621004566"));
    assert!(epochs.iter().all(|e| e.closed_at.is_some()));
    let totals = local.totals().unwrap();
    assert_eq!(totals.minted, summary.minted.to_string());

    // The same chain through its JSON-RPC, as a keeper on a cluster reads it.
    let (rpc_at, _) = spawn_local(chain.clone()).await.unwrap();
    let client =
        RpcClient::new_with_commitment(format!("http://{rpc_at}"), CommitmentConfig::confirmed());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.redb");
    let backoff = Backoff::default();
    {
        let remote = IndexStore::open(&path, addresses).unwrap();
        for address in followed(&addresses) {
            follow_cluster_once(&client, &address, &PROGRAMS, &remote, &backoff)
                .await
                .unwrap();
        }
        assert_eq!(remote.epochs(None, 100).unwrap(), epochs);
        assert_eq!(remote.totals().unwrap().minted, totals.minted);
        assert_eq!(remote.totals().unwrap().credited, totals.credited);
        assert_eq!(
            remote.totals().unwrap().bought_back_burned,
            totals.bought_back_burned
        );
    }
    // The file belongs to this deployment: another mint's follower is refused it.
    let other = Addresses::for_mint(Pubkey::new_unique());
    match IndexStore::open(&path, other) {
        Err(error) => assert!(error.to_string().contains("belongs to mint"), "{error}"),
        Ok(_) => panic!("an index of another mint was opened"),
    }

    // Restarted: the file holds everything, and a new pass finds nothing new.
    let remote = IndexStore::open(&path, addresses).unwrap();
    assert_eq!(remote.epochs(None, 100).unwrap(), epochs);
    for address in followed(&addresses) {
        let applied = follow_cluster_once(&client, &address, &PROGRAMS, &remote, &backoff)
            .await
            .unwrap();
        assert_eq!(applied, 0);
    }

    // Every device's history is the same either way, and its credits add up to the epochs'.
    let devices: Vec<Pubkey> = chain
        .known_accounts()
        .await
        .into_iter()
        .filter(|key| !local.history(key, None, 1).unwrap().is_empty())
        .collect();
    assert_eq!(devices.len(), 6);
    let mut credited = 0u128;
    for device in &devices {
        let history = local.history(device, None, 5_000).unwrap();
        assert_eq!(history, remote.history(device, None, 5_000).unwrap());
        assert_eq!(history.last().unwrap().kind, "registered", "newest first");
        assert!(history.windows(2).all(|w| w[0].seq > w[1].seq));
        // Paging back from a row's seq gives the rows before it.
        let older = local.history(device, Some(history[1].seq), 5_000).unwrap();
        assert_eq!(older, history[2..]);
        credited += sum(history
            .iter()
            .filter(|row| row.kind == "settled")
            .map(|row| row.amount.clone()));
    }
    assert_eq!(
        credited,
        sum(epochs.iter().map(|e| e.credited.clone())),
        "history and epochs agree"
    );
    assert_eq!(credited.to_string(), totals.credited);

    // io-payments: the SIMULATED rentals in the devices' histories, the buy-back in the totals.
    let payments = summary.payments.as_ref().unwrap();
    let rental_rows: Vec<_> = devices
        .iter()
        .flat_map(|device| local.history(device, None, 5_000).unwrap())
        .filter(|row| row.kind.starts_with("rental_") || row.kind.starts_with("reserved_"))
        .collect();
    let paid_usdc: u128 = sum(rental_rows
        .iter()
        .filter(|row| row.kind == "rental_paid_usdc" || row.kind == "rental_cancelled_usdc")
        .map(|row| row.amount.clone()));
    assert_eq!(paid_usdc, u128::from(payments.usdc.paid));
    assert_eq!(
        rental_rows
            .iter()
            .filter(|row| row.kind.starts_with("reserved_"))
            .count() as u64,
        payments.reservations
    );
    assert_eq!(totals.bought_back_burned, payments.io_burned.to_string());

    // The API over the same store.
    let app = router(ApiState {
        store: local.clone(),
        client_config: None,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let at = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let http = reqwest::Client::new();
    let get = |path: String| {
        let http = http.clone();
        async move {
            let response = http.get(format!("http://{at}{path}")).send().await.unwrap();
            let status = response.status().as_u16();
            let kind = response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            (status, kind, response.text().await.unwrap())
        }
    };
    let (status, _, body) = get("/v1/epochs?limit=3".into()).await;
    assert_eq!(status, 200);
    let rows: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    assert_eq!(rows[0]["epoch"], 8);
    let (status, _, body) = get("/v1/epochs?before=2".into()).await;
    assert_eq!(status, 200);
    assert!(body.contains("\"minted\":\"456621004566\""), "{body}");
    let (status, kind, csv) = get("/v1/epochs?format=csv".into()).await;
    assert_eq!((status, kind.as_str()), (200, "text/csv; charset=utf-8"));
    assert_eq!(csv.lines().count(), 9, "a header and 8 epochs");
    assert!(csv.lines().last().unwrap().starts_with("1,456621004566,"));

    let device = devices[0];
    let (status, _, csv) = get(format!("/v1/devices/{device}/history?format=csv")).await;
    assert_eq!(status, 200);
    assert_eq!(
        csv.lines().count(),
        1 + local.history(&device, None, 5_000).unwrap().len()
    );
    assert!(csv.starts_with("seq,kind,epoch,time,slot,signature,amount"));

    for (path, error) in [
        ("/v1/epochs?limit=0", "bad_limit"),
        ("/v1/epochs?limit=abc", "bad_limit"),
        ("/v1/epochs?limit=5001", "bad_limit"),
        ("/v1/epochs?before=-1", "bad_before"),
        ("/v1/epochs?format=xml", "bad_format"),
        ("/v1/devices/not-a-key/history", "bad_key"),
    ] {
        let (status, _, body) = get(path.into()).await;
        assert_eq!(status, 400, "{path}");
        assert!(body.contains(error), "{path}: {body}");
    }
    let (status, _, _) = get("/v1/config".into()).await;
    assert_eq!(
        status, 404,
        "a keeper without a client configuration says so"
    );
    // Still serving after the bad requests.
    assert_eq!(get("/v1/index".into()).await.0, 200);
}
