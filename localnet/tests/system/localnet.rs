//! `io-localnet`, the main job, as a user runs it and in process.

use assert_cmd::Command;
use io_attestation::verifier::Rejection;
use io_localnet::{run, LocalnetOptions};

#[tokio::test]
async fn the_default_run_mints_exactly_the_schedule_and_pays_the_reliable_devices() {
    let summary = run(&LocalnetOptions {
        devices: 20,
        epochs: 48,
        heartbeats_per_epoch: 12,
        uptime_threshold_percent: 90,
        seed: 1,
        progress: false,
        http: false,
    })
    .await
    .unwrap();
    assert_eq!(summary.epochs_closed, 48);
    assert_eq!(summary.minted, summary.scheduled);
    assert_eq!(summary.devices.len(), 20);
    // Emitted value is all accounted for: credited + carry + unsettled (incl. dust).
    assert_eq!(
        summary.total_credited + summary.carry + summary.unsettled,
        summary.minted
    );
    // Both reward classes took part: Enterprise 95% and Community 5% of every epoch, to the
    // base unit, and each class's devices were paid out of its own part.
    let [enterprise, community] = [&summary.classes[0], &summary.classes[1]];
    assert_eq!(enterprise.emitted + community.emitted, summary.minted);
    assert_eq!((enterprise.share_bps, community.share_bps), (9_500, 500));
    assert!(community.emitted * 19 <= enterprise.emitted);
    assert!(enterprise.credited > 0 && enterprise.credited <= enterprise.emitted);
    assert!(community.credited > 0 && community.credited <= community.emitted);
    assert_eq!(
        enterprise.credited + community.credited,
        summary.total_credited
    );
    // The SIMULATED reservations: 10 h at 2.00 USDC paid in full (19.55 to the supplier, 0.50
    // fees), 8 h at 3.00 USDC cancelled with 6 hours begun (2 refunded), 6 h at 1.5 IO without
    // fees; then one buy-back burned exactly the IO the supply lost.
    let payments = summary.payments.as_ref().expect("payments ran");
    assert_eq!(payments.reservations, 3);
    assert_eq!(payments.usdc.deposited, 20_050_000 + 8 * 3_007_500);
    assert_eq!(payments.usdc.fees, 10 * 50_000 + 6 * 75_000);
    assert_eq!(payments.usdc.refunded, 2 * 3_007_500);
    assert_eq!(
        payments.usdc.paid + payments.usdc.fees + payments.usdc.refunded,
        payments.usdc.deposited
    );
    assert_eq!(
        (payments.io.deposited, payments.io.paid, payments.io.fees),
        (900_000_000, 900_000_000, 0)
    );
    assert!(payments.io_burned > 0 && payments.buyback_skipped.is_none());
    assert_eq!(payments.supply_fall, payments.io_burned);
    // 75% of the fees at 1.25 USD, less the keeper's 0.5% slippage allowance.
    assert!(payments.usdc_bought_back <= payments.usdc.fees * 3 / 4);
    assert!(payments.usdc_bought_back >= payments.usdc.fees * 3 / 4 * 99 / 100);
    // One simulated replay and one forged signature per epoch, all refused and counted.
    let refused = |r: Rejection| {
        summary
            .heartbeats_rejected
            .iter()
            .find(|(reason, _)| *reason == r)
            .map(|(_, n)| *n)
            .unwrap()
    };
    assert_eq!(refused(Rejection::BadSignature), 48);
    assert_eq!(refused(Rejection::UnknownNonce), 48);

    let device = |name: &str| summary.devices.iter().find(|d| d.name == name).unwrap();
    // sim-01 is co-staked at the published example's 74%: the co-staker's part of every
    // settlement, rounded down, and the owner the rest.
    let co = device("sim-01");
    assert_eq!(co.co_share_bps, 7_400);
    assert!(co.co_stake > 0 && co.co_credited > 0);
    let exact = co.credited as u128 * 7_400 / 10_000;
    assert!(co.co_credited as u128 <= exact && exact - co.co_credited as u128 <= 48);
    assert!(device("sim-00").active && device("sim-00").credited > 0);
    assert_eq!(
        device("sim-12").credited,
        0,
        "an A10 (multiplier 0) never earns"
    );
    assert!(
        device("sim-19").unstaking,
        "the unstaking worker is in cooldown"
    );
    assert!(
        device("sim-18").heartbeats < device("sim-00").heartbeats,
        "stopped at epoch 24"
    );
    assert!(
        summary.total_forfeited > 0,
        "flaky workers forfeit the hours they miss"
    );
}

#[test]
fn the_cli_prints_a_summary_that_matches_the_schedule() {
    let output = Command::cargo_bin("io-localnet")
        .unwrap()
        .args(["--devices", "5", "--epochs", "8", "--quiet"])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("matches the schedule"), "{stdout}");
    assert!(stdout.contains("SIMULATED"));
    assert!(stdout.contains("epochs closed          8"));
    assert!(
        !stdout.contains("Instruction:"),
        "program logs stay out of the summary"
    );
}

#[test]
fn bad_flags_are_refused_with_a_reason() {
    let output = Command::cargo_bin("io-localnet")
        .unwrap()
        .args(["--devices", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("--devices"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_loopback_http_the_outcome_is_the_same_as_in_process() {
    let options = LocalnetOptions {
        devices: 8,
        epochs: 8,
        heartbeats_per_epoch: 12,
        uptime_threshold_percent: 90,
        seed: 3,
        progress: false,
        http: false,
    };
    let in_process = run(&options).await.unwrap();
    let over_http = run(&LocalnetOptions {
        http: true,
        ..options
    })
    .await
    .unwrap();
    assert!(in_process.service_url.is_none());
    assert!(over_http
        .service_url
        .as_deref()
        .is_some_and(|url| url.starts_with("http://127.0.0.1:")));
    assert_eq!(over_http.minted, in_process.minted);
    assert_eq!(over_http.total_credited, in_process.total_credited);
    assert_eq!(over_http.total_forfeited, in_process.total_forfeited);
    assert_eq!(
        over_http.heartbeats_accepted,
        in_process.heartbeats_accepted
    );
    assert_eq!(
        over_http.heartbeats_rejected,
        in_process.heartbeats_rejected
    );
    let credited =
        |s: &io_localnet::LocalnetSummary| s.devices.iter().map(|d| d.credited).collect::<Vec<_>>();
    assert_eq!(credited(&over_http), credited(&in_process));
    assert!(over_http.total_credited > 0);
}

/// Issue 10, finding 8: a worker that stops is deactivated by the keeper's settle once the roots
/// are 168 epochs past its last up epoch, and what it held goes back to the others instead of
/// sitting "accrued, unsettled" for ever.
#[tokio::test]
async fn a_stopped_worker_is_deactivated_as_stale_and_its_share_recycled() {
    let summary = run(&LocalnetOptions {
        devices: 4,
        epochs: 400,
        heartbeats_per_epoch: 2,
        uptime_threshold_percent: 90,
        seed: 3,
        progress: false,
        http: false,
    })
    .await
    .unwrap();
    let stopped = &summary.devices[2];
    assert_eq!(stopped.behaviour, "stops at epoch 200");
    assert!(stopped.stale && !stopped.active, "{stopped:?}");
    assert_eq!(summary.stale_deactivated, 1);
    assert!(summary.stale_forfeited > 0);
    assert!(stopped.forfeited >= summary.stale_forfeited);
    // Emitted value is all accounted for, and nothing is left with the stopped device.
    assert_eq!(
        summary.total_credited + summary.carry + summary.unsettled,
        summary.minted
    );
    let mut text = Vec::new();
    summary.write(&mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("stale, deactivated     1 device(s)"),
        "{text}"
    );
    assert!(text.contains(" stale "), "{text}");
}
