use super::*;

fn challenge(clock_rate: u32) -> Challenge {
    Challenge {
        nonce: "00".repeat(16),
        epoch: 3,
        slot: 1,
        next_slot_at: 1_000_300,
        server_time: 1_000_000,
        clock_rate,
    }
}

#[test]
fn an_accelerated_service_clock_paces_and_stamps_the_worker() {
    // A deployment: wall time, and the slot's 300 s waited in full.
    let real = challenge(1);
    assert_eq!(real.wall_time(300), Duration::from_secs(300));
    assert!((real.stamp(Duration::ZERO) - unix_now()).abs() <= 1);
    // localnet --serve at 900x: a third of a second, and the service's clock.
    let fast = challenge(900);
    assert_eq!(fast.wall_time(300), Duration::from_millis(333));
    assert_eq!(fast.stamp(Duration::from_millis(10)), 1_000_009);
    // Never a busy loop.
    assert_eq!(fast.wall_time(0), Duration::from_millis(100));
}

#[test]
fn without_a_driver_nvml_fails_with_a_clear_message() {
    // No machine of this project's CI has an NVIDIA driver; on one that does, point at a
    // library that cannot exist so the test means the same everywhere.
    let error = NvmlProbe::load(Some(OsStr::new("libnvidia-ml-absent-for-test.so.1")))
        .err()
        .expect("no such library");
    let message = error.to_string();
    assert!(matches!(error, ProbeError::NoDriver { .. }), "{message}");
    assert!(message.contains("no NVIDIA driver found"), "{message}");
    assert!(message.contains("--simulate"), "{message}");
}

#[test]
fn simulated_gpus_are_labelled_and_hash_stably() {
    let probe = SimulatedProbe::new(2, 7);
    let (a, b) = (probe.read().unwrap(), probe.read().unwrap());
    assert_eq!(a.hardware_hash(), b.hardware_hash());
    assert_ne!(
        a.hardware_hash(),
        SimulatedProbe::new(2, 8).read().unwrap().hardware_hash()
    );
    let mut text = Vec::new();
    a.write_inspection(&mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.lines().all(|l| l.contains("SIMULATED")), "{text}");
    assert!(text.contains(&hex_string(&a.hardware_hash())));
}

#[test]
fn unsupported_nvml_queries_read_as_absent() {
    assert_eq!(supported(Ok(7)).unwrap(), Some(7));
    assert_eq!(
        supported::<u32>(Err(NvmlError::NotSupported)).unwrap(),
        None
    );
    assert!(supported::<u32>(Err(NvmlError::GpuLost)).is_err());
}

/// A GPU that fails every read, or a machine without a driver.
struct BrokenProbe {
    no_driver: bool,
}

impl GpuProbe for BrokenProbe {
    fn read(&self) -> Result<Snapshot, ProbeError> {
        if self.no_driver {
            Err(ProbeError::NoDriver {
                library: NVML_LIBRARY.into(),
                detail: "test".into(),
            })
        } else {
            Err(ProbeError::Nvml {
                what: "GPU 0 memory".into(),
                detail: "GPU is lost".into(),
            })
        }
    }
}

#[tokio::test]
async fn gpu_read_failures_are_retried_and_a_missing_driver_is_final() {
    let client = ProbeClient::new("http://127.0.0.1:9", Keypair::new());
    let backoff = Backoff {
        initial: Duration::from_millis(1),
        max_delay: Duration::from_millis(2),
        max_attempts: 3,
    };
    let stop = tokio::sync::watch::channel(false).1;
    let mut out = Vec::new();
    let probe = BrokenProbe { no_driver: false };
    let error = run(&probe, &client, &backoff, true, stop.clone(), &mut out)
        .await
        .unwrap_err();
    assert_eq!(error.to_string(), "gave up after 3 attempts");
    let printed = String::from_utf8(out).unwrap();
    assert_eq!(
        printed.matches("reading the GPUs failed").count(),
        3,
        "{printed}"
    );

    let mut out = Vec::new();
    let probe = BrokenProbe { no_driver: true };
    let error = run(&probe, &client, &backoff, false, stop, &mut out)
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("no NVIDIA driver found"),
        "{error}"
    );
    assert!(out.is_empty(), "no retry without a driver");
}
