//! The worker and a quorum of keepers: every heartbeat goes to each keeper, each with its own
//! loop and backoff, so a keeper that is down or slow costs the device nothing at the others.

use std::io::Write;

use super::{run, ProbeClient};
use crate::backoff::Backoff;
use crate::probe::GpuProbe;

/// [`run`] against every keeper at once, each with its own loop and backoff; with several, each
/// line says which keeper it is about. With `once`, succeeds if any keeper counted the
/// heartbeat.
pub async fn run_each(
    probe: &dyn GpuProbe,
    clients: &[ProbeClient],
    backoff: &Backoff,
    once: bool,
    stop: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let labelled = clients.len() > 1;
    let loops = clients.iter().map(|client| {
        let stop = stop.clone();
        async move {
            let mut out = KeeperLines {
                prefix: labelled.then(|| format!("[{}] ", client.base_url())),
                pending: Vec::new(),
            };
            run(probe, client, backoff, once, stop, &mut out).await
        }
    });
    let results = futures_util::future::join_all(loops).await;
    let mut failures = Vec::new();
    for (client, result) in clients.iter().zip(results) {
        match result {
            Ok(()) if once => return Ok(()),
            Ok(()) => {}
            Err(error) => failures.push(format!("{}: {error:#}", client.base_url())),
        }
    }
    match failures.is_empty() {
        true => Ok(()),
        false => anyhow::bail!("no keeper counted the heartbeat: {}", failures.join("; ")),
    }
}

/// Standard output, each whole line prefixed with the keeper it is about (when there are
/// several), so concurrent loops never interleave within a line.
struct KeeperLines {
    prefix: Option<String>,
    pending: Vec<u8>,
}

impl Write for KeeperLines {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        while let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let mut stdout = std::io::stdout().lock();
            if let Some(prefix) = &self.prefix {
                stdout.write_all(prefix.as_bytes())?;
            }
            stdout.write_all(&line)?;
            stdout.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stdout().flush()
    }
}
