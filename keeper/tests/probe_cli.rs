//! `io-keeper probe` as an operator runs it on a machine without an NVIDIA driver.

use assert_cmd::Command;

#[test]
fn inspect_without_a_driver_exits_non_zero_with_a_clear_message() {
    let output = Command::cargo_bin("io-keeper")
        .unwrap()
        // A library name that cannot exist, so the test means the same on a GPU machine.
        .args([
            "probe",
            "--inspect",
            "--nvml-library",
            "libnvidia-ml-absent.so.1",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no NVIDIA driver found"), "{stderr}");
    assert!(stderr.contains("--simulate"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing half-printed");
}

#[test]
fn inspect_with_the_default_library_on_this_driverless_machine_says_so() {
    if std::path::Path::new("/proc/driver/nvidia").exists() {
        return; // a real GPU machine: the NVML path is checked by hand there
    }
    let output = Command::cargo_bin("io-keeper")
        .unwrap()
        .args(["probe", "--inspect"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("libnvidia-ml.so.1"), "{stderr}");
}

#[test]
fn simulated_inspection_is_labelled_on_every_line() {
    let output = Command::cargo_bin("io-keeper")
        .unwrap()
        .args([
            "probe",
            "--inspect",
            "--simulate",
            "2",
            "--simulate-seed",
            "9",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().count() > 10);
    assert!(
        stdout.lines().all(|l| l.starts_with("[SIMULATED]")),
        "{stdout}"
    );
    assert!(stdout.contains("hardware hash"));
    // The same seed is the same hardware: the hash registration needs is stable.
    let again = Command::cargo_bin("io-keeper")
        .unwrap()
        .args([
            "probe",
            "--inspect",
            "--simulate",
            "2",
            "--simulate-seed",
            "9",
        ])
        .output()
        .unwrap();
    let hash = |text: &str| {
        text.lines()
            .find(|l| l.contains("hardware hash"))
            .map(str::to_string)
    };
    assert_eq!(
        hash(&stdout),
        hash(&String::from_utf8(again.stdout).unwrap())
    );
}

#[test]
fn the_worker_mode_needs_a_keeper_and_a_key() {
    let output = Command::cargo_bin("io-keeper")
        .unwrap()
        .args(["probe", "--simulate", "1"])
        .env_remove("IO_KEEPER_URL")
        .env_remove("IO_DEVICE_KEYPAIR")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--keeper-url"), "{stderr}");
}
