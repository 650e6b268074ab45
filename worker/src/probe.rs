//! The GPU worker (`io-worker probe`): read the GPUs through NVML, compute the hardware hash
//! registration needs, and post one signed heartbeat per slot to the keeper's service.
//!
//! NVML (`libnvidia-ml.so.1`, shipped with the NVIDIA driver) is loaded at run time, so the
//! binary runs on any machine and says plainly when there is no driver. `--simulate N` stands in
//! N fake GPUs for demos and tests; everything it prints says SIMULATED.

use std::ffi::OsStr;
use std::io::Write;
use std::time::Duration;

use io_heartbeat::{hardware_hash, hex_string, GpuSnapshot, HeartbeatMessage};
use nvml_wrapper::enum_wrappers::device::TemperatureSensor;
use nvml_wrapper::error::NvmlError;
use nvml_wrapper::Nvml;
use rand::Rng;
use serde::Deserialize;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

pub use crate::backoff::Backoff;
pub use io_heartbeat::parse_nonce;
pub use simulated::SimulatedProbe;

/// The library the NVIDIA driver installs (the versioned name: the unversioned one comes only
/// with development packages).
pub const NVML_LIBRARY: &str = "libnvidia-ml.so.1";

const MIB: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error(
        "no NVIDIA driver found: could not load the NVIDIA management library {library} \
         ({detail}). This machine cannot run a GPU worker until the NVIDIA driver is installed; \
         use --simulate N to run a SIMULATED worker for a demo or a test"
    )]
    NoDriver { library: String, detail: String },
    #[error("NVML failed while reading {what}: {detail}")]
    Nvml { what: String, detail: String },
    #[error("NVML sees no GPU on this machine")]
    NoGpus,
}

/// What the probe read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// Fake GPUs from `--simulate`.
    pub simulated: bool,
    pub driver_version: String,
    pub gpus: Vec<GpuSnapshot>,
}

impl Snapshot {
    pub fn hardware_hash(&self) -> [u8; 32] {
        hardware_hash(&self.gpus)
    }

    /// "[SIMULATED] " for fake GPUs, nothing for real ones: the prefix of every output line.
    pub fn label(&self) -> &'static str {
        if self.simulated {
            "[SIMULATED] "
        } else {
            ""
        }
    }

    /// The human-readable inspection `probe --inspect` prints.
    pub fn write_inspection(&self, out: &mut impl Write) -> std::io::Result<()> {
        let label = self.label();
        if self.simulated {
            writeln!(
                out,
                "{label}these GPUs are SIMULATED by --simulate; nothing here was read from hardware"
            )?;
        }
        writeln!(out, "{label}driver version   {}", self.driver_version)?;
        writeln!(out, "{label}GPUs             {}", self.gpus.len())?;
        for (index, gpu) in self.gpus.iter().enumerate() {
            writeln!(out, "{label}GPU {index}            {}", gpu.model)?;
            writeln!(out, "{label}  uuid           {}", gpu.uuid)?;
            writeln!(
                out,
                "{label}  serial         {}",
                if gpu.serial.is_empty() {
                    "(not reported by this GPU)"
                } else {
                    &gpu.serial
                }
            )?;
            writeln!(
                out,
                "{label}  memory         {} / {} MiB used",
                gpu.memory_used_mib, gpu.memory_total_mib
            )?;
            writeln!(out, "{label}  utilization    {} %", gpu.utilization_percent)?;
            writeln!(out, "{label}  temperature    {} C", gpu.temperature_celsius)?;
        }
        writeln!(
            out,
            "{label}hardware hash    {}",
            hex_string(&self.hardware_hash())
        )?;
        writeln!(
            out,
            "{label}register with    gpu_count = {}, hardware_hash = the hex above",
            self.gpus.len()
        )
    }
}

/// Something that reads GPUs: NVML on a worker, or the simulation.
pub trait GpuProbe: Send + Sync {
    fn read(&self) -> Result<Snapshot, ProbeError>;
}

/// The real probe: NVML loaded from the driver's library at run time.
pub struct NvmlProbe {
    nvml: Nvml,
}

impl NvmlProbe {
    /// Loads NVML from `library` (default [`NVML_LIBRARY`], found by the dynamic loader).
    pub fn load(library: Option<&OsStr>) -> Result<Self, ProbeError> {
        let name = library.unwrap_or(OsStr::new(NVML_LIBRARY));
        let no_driver = |detail: String| ProbeError::NoDriver {
            library: name.to_string_lossy().into_owned(),
            detail,
        };
        let nvml = Nvml::builder()
            .lib_path(name)
            .init()
            .map_err(|error| match error {
                NvmlError::LibloadingError(e) => no_driver(e.to_string()),
                NvmlError::FailedToLoadSymbol(e) => no_driver(format!("missing symbol {e}")),
                NvmlError::DriverNotLoaded => no_driver("the driver is not loaded".into()),
                NvmlError::LibraryNotFound => no_driver("library not found".into()),
                other => nvml_error("initialization", other),
            })?;
        Ok(Self { nvml })
    }
}

/// `None` where the GPU does not support the query.
fn supported<T>(result: Result<T, NvmlError>) -> Result<Option<T>, NvmlError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(NvmlError::NotSupported) => Ok(None),
        Err(error) => Err(error),
    }
}

fn nvml_error(what: &str, error: NvmlError) -> ProbeError {
    ProbeError::Nvml {
        what: what.into(),
        detail: error.to_string(),
    }
}

impl GpuProbe for NvmlProbe {
    fn read(&self) -> Result<Snapshot, ProbeError> {
        let driver_version = self
            .nvml
            .sys_driver_version()
            .map_err(|e| nvml_error("the driver version", e))?;
        let count = self
            .nvml
            .device_count()
            .map_err(|e| nvml_error("the GPU count", e))?;
        if count == 0 {
            return Err(ProbeError::NoGpus);
        }
        let mut gpus = Vec::with_capacity(count as usize);
        for index in 0..count {
            let what = |field: &str| format!("GPU {index} {field}");
            let device = self
                .nvml
                .device_by_index(index)
                .map_err(|e| nvml_error(&what("handle"), e))?;
            let memory = device
                .memory_info()
                .map_err(|e| nvml_error(&what("memory"), e))?;
            // Consumer GPUs have no serial number; the UUID alone then identifies the board.
            let serial = match device.serial() {
                Ok(serial) => serial,
                Err(NvmlError::NotSupported) => String::new(),
                Err(e) => return Err(nvml_error(&what("serial"), e)),
            };
            gpus.push(GpuSnapshot {
                model: device.name().map_err(|e| nvml_error(&what("name"), e))?,
                uuid: device.uuid().map_err(|e| nvml_error(&what("UUID"), e))?,
                serial,
                memory_total_mib: memory.total / MIB,
                memory_used_mib: memory.used / MIB,
                // MIG-partitioned GPUs report neither: 0, not a failed heartbeat.
                utilization_percent: supported(device.utilization_rates())
                    .map(|u| u.map_or(0, |u| u.gpu.min(100) as u8))
                    .map_err(|e| nvml_error(&what("utilization"), e))?,
                temperature_celsius: supported(device.temperature(TemperatureSensor::Gpu))
                    .map(|t| t.map_or(0, |t| t.min(255) as u8))
                    .map_err(|e| nvml_error(&what("temperature"), e))?,
            });
        }
        Ok(Snapshot {
            simulated: false,
            driver_version,
            gpus,
        })
    }
}

/// The challenge the service hands out.
#[derive(Clone, Debug, Deserialize)]
pub struct Challenge {
    pub nonce: String,
    pub epoch: u32,
    pub slot: u32,
    pub next_slot_at: i64,
    pub server_time: i64,
    /// Service seconds per wall second: 1 on a deployment; more on the accelerated clock of
    /// `io-localnet --serve`, where the worker paces itself and stamps its heartbeats
    /// by the service's clock.
    #[serde(default = "one")]
    pub clock_rate: u32,
}

fn one() -> u32 {
    1
}

impl Challenge {
    /// How long to wait, in wall time, for `service_seconds` of the service's clock.
    pub fn wall_time(&self, service_seconds: i64) -> Duration {
        let millis = u64::try_from(service_seconds.max(0))
            .unwrap_or(0)
            .saturating_mul(1_000)
            / u64::from(self.clock_rate.max(1));
        Duration::from_millis(millis.max(100))
    }

    /// The time to stamp a heartbeat with, `elapsed` after this challenge arrived: the wall
    /// clock on a deployment, the service's clock when it runs accelerated.
    pub fn stamp(&self, elapsed: Duration) -> i64 {
        if self.clock_rate <= 1 {
            return unix_now();
        }
        let advanced = elapsed
            .as_millis()
            .saturating_mul(u128::from(self.clock_rate))
            / 1_000;
        self.server_time
            .saturating_add(i64::try_from(advanced).unwrap_or(i64::MAX))
    }
}

/// How a heartbeat attempt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Accepted {
        epoch: u32,
        slot: u32,
        heartbeats_in_epoch: u32,
        heartbeats_needed: u32,
    },
    /// The service already counts a heartbeat for this slot: nothing to send.
    AlreadyCounted { epoch: u32, slot: u32 },
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The service refused for a reason a retry cannot fix (unknown device, wrong hardware,
    /// bad signature).
    #[error("the service refused the heartbeat ({status} {reason}): {message}")]
    Refused {
        status: u16,
        reason: String,
        message: String,
    },
    /// Worth retrying with a fresh challenge (unreachable, 5xx, 429, stale or spent nonce).
    #[error("{0}")]
    Retry(String),
}

#[derive(Deserialize)]
struct RefusalBody {
    error: String,
    message: String,
}

#[derive(Deserialize)]
struct AcceptedBody {
    epoch: u32,
    slot: u32,
    heartbeats_in_epoch: u32,
    heartbeats_needed: u32,
}

/// Talks to one keeper service on behalf of one device.
pub struct ProbeClient {
    http: reqwest::Client,
    base_url: String,
    device_key: Keypair,
}

impl ProbeClient {
    pub fn new(base_url: &str, device_key: Keypair) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Self::with_http(http, base_url, device_key)
    }

    /// Shares `http`'s connection pool (many simulated workers in one process).
    pub fn with_http(http: reqwest::Client, base_url: &str, device_key: Keypair) -> Self {
        Self {
            http,
            base_url: base_url.trim_end_matches('/').to_string(),
            device_key,
        }
    }

    pub fn device_key(&self) -> Pubkey {
        self.device_key.pubkey()
    }

    /// The keeper's base URL, as given (without a trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub async fn challenge(&self) -> Result<Challenge, SendError> {
        let url = format!("{}/v1/challenge/{}", self.base_url, self.device_key());
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| SendError::Retry(format!("service unreachable: {e}")))?;
        if !response.status().is_success() {
            return Err(refusal(response, &self.base_url).await);
        }
        response
            .json()
            .await
            .map_err(|e| SendError::Retry(format!("unreadable challenge: {e}")))
    }

    /// Signs `gpus` at time `now` with `challenge`'s nonce and posts it.
    pub async fn post(
        &self,
        challenge: &Challenge,
        gpus: &[GpuSnapshot],
        now: i64,
    ) -> Result<Outcome, SendError> {
        let nonce = parse_nonce(&challenge.nonce)
            .ok_or_else(|| SendError::Retry("the challenge nonce is not 16 hex bytes".into()))?;
        let heartbeat = HeartbeatMessage {
            device_key: self.device_key(),
            epoch: challenge.epoch,
            nonce,
            timestamp: now,
            gpus: gpus.to_vec(),
        }
        .sign(&self.device_key);
        let response = self
            .http
            .post(format!("{}/v1/heartbeat", self.base_url))
            .header("content-type", "application/octet-stream")
            .body(heartbeat.encode())
            .send()
            .await
            .map_err(|e| SendError::Retry(format!("service unreachable: {e}")))?;
        if response.status().is_success() {
            let body: AcceptedBody = response
                .json()
                .await
                .map_err(|e| SendError::Retry(format!("unreadable answer: {e}")))?;
            return Ok(Outcome::Accepted {
                epoch: body.epoch,
                slot: body.slot,
                heartbeats_in_epoch: body.heartbeats_in_epoch,
                heartbeats_needed: body.heartbeats_needed,
            });
        }
        match refusal(response, &self.base_url).await {
            SendError::Refused { reason, .. } if reason == "slot_already_counted" => {
                Ok(Outcome::AlreadyCounted {
                    epoch: challenge.epoch,
                    slot: challenge.slot,
                })
            }
            other => Err(other),
        }
    }

    /// One heartbeat for the current slot: challenge, sign, post.
    pub async fn heartbeat(&self, gpus: &[GpuSnapshot], now: i64) -> Result<Outcome, SendError> {
        let challenge = self.challenge().await?;
        self.post(&challenge, gpus, now).await
    }
}

async fn refusal(response: reqwest::Response, base_url: &str) -> SendError {
    let status = response.status().as_u16();
    let body: Option<RefusalBody> = response.json().await.ok();
    // Every answer of a keeper's service carries its JSON refusal: anything else is another
    // server, and no retry will make it one.
    let Some(RefusalBody {
        error: reason,
        message,
    }) = body
    else {
        return SendError::Refused {
            status,
            reason: "not_a_keeper".into(),
            message: format!(
                "{base_url} answered {status} without a keeper's JSON: is --keeper-url the \
                 base URL of a keeper's service (e.g. http://keeper.example:8080)?"
            ),
        };
    };
    let retryable = status >= 500
        || status == 429
        || status == 408
        || matches!(
            reason.as_str(),
            "unknown_or_replayed_nonce" | "stale_nonce" | "wrong_epoch"
        );
    if retryable {
        SendError::Retry(format!("{status} {reason}: {message}"))
    } else {
        SendError::Refused {
            status,
            reason,
            message,
        }
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// How one round of the worker loop ended.
enum Round {
    /// The slot's heartbeat is counted (now, or it already was): sleep this long.
    Counted(Duration),
    /// Woke before the next slot: sleep this long, nothing sent.
    Early(Duration),
    /// Nothing delivered; retry with backoff. The label is the snapshot's, if one was read.
    Failed(SendError, &'static str),
}

/// Reads the GPUs and delivers this slot's heartbeat unless `last_counted` says it is in.
async fn round(
    probe: &dyn GpuProbe,
    client: &ProbeClient,
    last_counted: &mut Option<(u32, u32)>,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<Round> {
    let snapshot = match probe.read() {
        Ok(snapshot) => snapshot,
        // No driver at all is final; a GPU that fails one read (fell off the bus, driver
        // busy) is retried like an unreachable service.
        Err(error @ ProbeError::NoDriver { .. }) => return Err(error.into()),
        Err(error) => {
            let error = SendError::Retry(format!("reading the GPUs failed: {error}"));
            return Ok(Round::Failed(error, ""));
        }
    };
    let label = snapshot.label();
    let challenge = match client.challenge().await {
        Ok(challenge) => challenge,
        Err(error) => return Ok(Round::Failed(error, label)),
    };
    let received = std::time::Instant::now();
    let until_next = (challenge.next_slot_at - challenge.server_time).max(1);
    if *last_counted == Some((challenge.epoch, challenge.slot)) {
        return Ok(Round::Early(challenge.wall_time(until_next)));
    }
    let stamp = challenge.stamp(received.elapsed());
    match client.post(&challenge, &snapshot.gpus, stamp).await {
        Ok(Outcome::Accepted {
            epoch,
            slot,
            heartbeats_in_epoch,
            heartbeats_needed,
        }) => writeln!(
            out,
            "{label}heartbeat accepted: epoch {epoch} slot {slot} \
             ({heartbeats_in_epoch} this epoch, {heartbeats_needed} needed)"
        )?,
        Ok(Outcome::AlreadyCounted { epoch, slot }) => writeln!(
            out,
            "{label}epoch {epoch} slot {slot} already counted; not sending again"
        )?,
        Err(error) => return Ok(Round::Failed(error, label)),
    }
    *last_counted = Some((challenge.epoch, challenge.slot));
    // Spread the workers over the first part of the next slot.
    let jitter = rand::rng().random_range(0..=(until_next / 10).clamp(1, 30));
    Ok(Round::Counted(challenge.wall_time(until_next + jitter)))
}

/// The worker loop: one heartbeat per slot, never two for the same slot, retrying with
/// jittered backoff while the service is unreachable or a GPU read fails, until `stop` is set
/// or `once` is done.
pub async fn run(
    probe: &dyn GpuProbe,
    client: &ProbeClient,
    backoff: &Backoff,
    once: bool,
    mut stop: tokio::sync::watch::Receiver<bool>,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<()> {
    let mut last_counted: Option<(u32, u32)> = None;
    let mut failures = 0u32;
    while !*stop.borrow() {
        let wait = match round(probe, client, &mut last_counted, out).await? {
            Round::Counted(_) if once => return Ok(()),
            Round::Counted(wait) => {
                failures = 0;
                wait
            }
            Round::Early(wait) => wait,
            Round::Failed(error, label) => {
                let delay = retry_delay(&mut failures, backoff, error, label, out)?;
                if once && failures >= backoff.max_attempts {
                    anyhow::bail!("gave up after {failures} attempts");
                }
                delay
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stop.changed() => {}
        }
    }
    Ok(())
}

fn retry_delay(
    failures: &mut u32,
    backoff: &Backoff,
    error: SendError,
    label: &str,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<Duration> {
    *failures += 1;
    let delay = backoff.delay(*failures, &mut rand::rng());
    match &error {
        SendError::Retry(_) => writeln!(
            out,
            "{label}heartbeat not delivered ({error}); retrying in {:.1} s",
            delay.as_secs_f64()
        )?,
        // A refusal a retry cannot fix: say so loudly, and try again next slot in case the
        // operator fixes the registration meanwhile.
        SendError::Refused { .. } => writeln!(
            out,
            "{label}heartbeat REFUSED: {error}; trying again in {:.1} s",
            delay.as_secs_f64()
        )?,
    }
    Ok(delay)
}

mod each;
mod simulated;
pub use each::run_each;
#[cfg(test)]
mod tests;
