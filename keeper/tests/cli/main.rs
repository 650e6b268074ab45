//! `io-keeper`'s integration tests, one binary: the CLI run as an operator runs it, against an
//! embedded chain kept running in process by `io-localnet` where it needs a cluster.

mod cluster_cli;
mod keeper_api;
mod keeper_cli;
mod payments_cli;
mod schedule_cli;
mod service_restart;

use std::path::Path;

use assert_cmd::Command;
use solana_keypair::Keypair;

/// Writes `key` as a Solana CLI keypair file in `dir`.
pub fn write_keypair(dir: &Path, name: &str, key: &Keypair) -> std::path::PathBuf {
    let path = dir.join(format!("{name}.json"));
    std::fs::write(
        &path,
        serde_json::to_string(&key.to_bytes().to_vec()).unwrap(),
    )
    .unwrap();
    path
}

/// Runs `io-keeper` with `args` and `HOME` at `home`; its success and its whole output.
pub async fn run_cli(args: Vec<String>, home: std::path::PathBuf) -> (bool, String) {
    tokio::task::spawn_blocking(move || {
        let output = Command::cargo_bin("io-keeper")
            .unwrap()
            .env("HOME", home)
            .args(args)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    })
    .await
    .unwrap()
}
