//! What every IO binary does the same way around its real work: logs on stderr in the format
//! an operator asked for, one exit code convention, SIGINT/SIGTERM as a graceful stop, and
//! keypair files as the Solana CLI writes them, and one retry schedule ([`backoff`]).

pub mod backoff;

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use solana_keypair::Keypair;
use tokio::sync::watch;
use tracing_subscriber::EnvFilter;

/// `--log-format`: `pretty` for people, `json` (one object per line) for log collectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Logs to stderr at `RUST_LOG`'s level, or `default_level` without it.
pub fn init_logs(format: LogFormat, default_level: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Pretty => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
}

/// 0 on success, 2 with `error: ...` on stderr on failure. A closed stdout (`... | head`) is
/// success: the reader has what it wanted.
pub fn exit_code(result: Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Sets `stop` on SIGINT or SIGTERM, so loops finish their current step and servers drain.
pub async fn shutdown_on_signal(stop: watch::Sender<bool>) {
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match terminate.as_mut() {
                Some(signal) => { signal.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
    tracing::info!("shutdown requested");
    let _ = stop.send(true);
}

/// Reads a keypair file as the Solana CLI writes it (a JSON array of 64 bytes).
pub fn read_keypair(path: &Path) -> Result<Keypair> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read keypair file {}", path.display()))?;
    let bytes: Vec<u8> = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a JSON array of bytes", path.display()))?;
    Keypair::try_from(bytes.as_slice())
        .map_err(|e| anyhow!("{} is not a keypair: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keypair_files_read_back_and_bad_ones_say_why() {
        let dir = tempfile::tempdir().unwrap();
        let key = Keypair::new();
        let good = dir.path().join("key.json");
        std::fs::write(
            &good,
            serde_json::to_string(&key.to_bytes().to_vec()).unwrap(),
        )
        .unwrap();
        assert_eq!(read_keypair(&good).unwrap().to_bytes(), key.to_bytes());

        let short = dir.path().join("short.json");
        std::fs::write(&short, "[1, 2, 3]").unwrap();
        let message = format!("{:#}", read_keypair(&short).unwrap_err());
        assert!(message.contains("is not a keypair"), "{message}");
        let message = format!(
            "{:#}",
            read_keypair(&dir.path().join("absent")).unwrap_err()
        );
        assert!(message.contains("cannot read keypair file"), "{message}");
    }

    #[test]
    fn a_closed_stdout_is_success_and_other_errors_exit_2() {
        let pipe = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(&pipe));
        assert!(!is_broken_pipe(&anyhow!("boom")));
        assert_eq!(exit_code(Ok(())), ExitCode::SUCCESS);
        assert_eq!(exit_code(Err(anyhow!("boom"))), ExitCode::from(2));
    }
}
