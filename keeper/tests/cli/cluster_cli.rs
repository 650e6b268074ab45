//! `status`, `crank` and `init` as a user runs them, without a cluster: clear errors, exit 2.

use assert_cmd::Command;
use solana_keypair::Keypair;

fn keeper(home: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("io-keeper").unwrap();
    // No Solana CLI config and no IO_* variables from the developer's environment.
    cmd.env("HOME", home);
    for var in [
        "IO_RPC_URL",
        "IO_KEYPAIR",
        "IO_MINT",
        "IO_RPC_ATTEMPTS",
        "RUST_LOG",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn scratch() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "io-keeper-cli-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

fn keypair_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("payer.json");
    std::fs::write(
        &path,
        serde_json::to_string(&Keypair::new().to_bytes().to_vec()).unwrap(),
    )
    .unwrap();
    path
}

#[test]
fn an_unreachable_cluster_is_a_clear_error_after_the_retries() {
    let dir = scratch();
    let keypair = keypair_file(&dir);
    let mint = anchor_lang::prelude::Pubkey::new_unique().to_string();
    for command in ["status", "crank"] {
        let mut cmd = keeper(&dir);
        cmd.args([
            command,
            "--rpc-url",
            "http://127.0.0.1:9",
            "--mint",
            &mint,
            "--rpc-attempts",
            "2",
        ])
        .arg("--keypair")
        .arg(&keypair);
        if command == "crank" {
            cmd.arg("--once");
        }
        let output = cmd.output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{command}: {output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("chain unavailable"), "{command}: {stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn missing_settings_say_how_to_provide_them() {
    let dir = scratch();
    let mint = anchor_lang::prelude::Pubkey::new_unique().to_string();
    let output = keeper(&dir)
        .args(["status", "--mint", &mint])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("--rpc-url"));

    let keypair = keypair_file(&dir);
    let output = keeper(&dir)
        .args([
            "status",
            "--rpc-url",
            "http://127.0.0.1:9",
            "--mint",
            "not-a-key",
        ])
        .arg("--keypair")
        .arg(&keypair)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("not a base58 public key"));
}

#[test]
fn logs_can_be_json_lines_for_log_collectors() {
    let dir = scratch();
    let keypair = keypair_file(&dir);
    let mint = anchor_lang::prelude::Pubkey::new_unique().to_string();
    // The crank is a daemon: `info` by default. Its retries against an unreachable cluster are
    // logged, one JSON object per line.
    let output = keeper(&dir)
        .env_remove("IO_LOG_FORMAT")
        .args([
            "--log-format",
            "json",
            "crank",
            "--once",
            "--rpc-url",
            "http://127.0.0.1:9",
            "--mint",
            &mint,
            "--rpc-attempts",
            "2",
        ])
        .arg("--keypair")
        .arg(&keypair)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let logs: Vec<serde_json::Value> = stderr
        .lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).expect("a JSON log line"))
        .collect();
    assert!(
        logs.iter()
            .any(|l| l["level"] == "WARN" && l["fields"]["message"] == "retrying"),
        "{stderr}"
    );
}
