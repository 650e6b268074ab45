//! `io-keeper schedule` as a user runs it.

use assert_cmd::Command;

fn keeper() -> Command {
    let mut cmd = Command::cargo_bin("io-keeper").unwrap();
    // Flags have env fallbacks; a developer's environment must not leak into the tests.
    for var in [
        "IO_SCHEDULE_FROM",
        "IO_SCHEDULE_TO",
        "IO_SCHEDULE_SUMMARY",
        "IO_OUTPUT_FORMAT",
        "IO_DECIMALS",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let output = keeper().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn csv_has_the_exact_header_and_published_figures() {
    let csv = stdout_of(&["schedule", "--from", "1", "--to", "3", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "epoch,emission_base_units,emission_io,cumulative_base_units",
            "1,456621004566,4566.21004566,456621004566",
            "2,456614663492,4566.14663492,913235668058",
            "3,456608322505,4566.08322505,1369843990563",
        ]
    );
}

#[test]
fn csv_follows_decimals() {
    let csv = stdout_of(&[
        "schedule",
        "--to",
        "1",
        "--format",
        "csv",
        "--decimals",
        "2",
    ]);
    assert_eq!(csv.lines().nth(1), Some("1,456621,4566.21,456621"));
}

#[test]
fn table_shows_published_amounts_and_rates() {
    let table = stdout_of(&["schedule", "--from", "1", "--to", "3"]);
    for expected in [
        "4,566.21004566",
        "4,566.14663492",
        "4,566.08322505",
        "0.00091324",
        "0.00091323",
        "0.00091322",
    ] {
        assert!(table.contains(expected), "missing {expected} in\n{table}");
    }
}

#[test]
fn json_rows_parse_and_use_strings_for_base_units() {
    let json = stdout_of(&[
        "schedule", "--from", "175318", "--to", "175319", "--format", "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["epoch"], 175_319);
    assert_eq!(rows[1]["emission_base_units"], "40012988344");
    assert_eq!(rows[1]["cumulative_base_units"], "29999999999956402");
}

#[test]
fn summary_json_gives_totals_years_and_timing() {
    let json = stdout_of(&["schedule", "--summary", "--format", "json"]);
    let summary: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(summary["epochs"], 175_319);
    assert_eq!(summary["total_emitted_base_units"], "29999999999956402");
    assert_eq!(summary["total_emitted_io"], "299999999.99956402");
    assert_eq!(summary["first_epoch"]["emission_io"], "4566.21004566");
    assert_eq!(summary["last_epoch"]["annualised_rate_percent"], "0.701028");
    assert_eq!(summary["years"].as_array().unwrap().len(), 20);
    assert!(summary["computation_ms"].as_f64().unwrap() > 0.0);
}

#[test]
fn summary_table_is_readable() {
    let table = stdout_of(&["schedule", "--summary"]);
    assert!(table.contains("epochs                  175319"));
    assert!(table.contains("299,999,999.99956402 IO"));
    assert!(table.contains("computed in"));
    assert_eq!(
        table
            .lines()
            .filter(|l| l.contains("-") && l.trim_start().starts_with(char::is_numeric))
            .count(),
        20
    );
}

#[test]
fn at_10_decimals_the_total_is_exactly_the_cap() {
    let json = stdout_of(&[
        "schedule",
        "--summary",
        "--format",
        "json",
        "--decimals",
        "10",
    ]);
    let summary: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(summary["total_emitted_base_units"], "3000000000000000000");
    assert_eq!(summary["unreleased_base_units"], "0");
}

#[test]
fn flags_fall_back_to_the_environment() {
    let output = keeper()
        .arg("schedule")
        .env("IO_SCHEDULE_TO", "2")
        .env("IO_OUTPUT_FORMAT", "csv")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 3);
}

#[test]
fn bad_input_is_a_clear_error_not_a_panic() {
    for (args, message) in [
        (
            vec!["schedule", "--from", "0"],
            "--from must be an epoch in 1..=175319",
        ),
        (
            vec!["schedule", "--from", "9", "--to", "3"],
            "--to must be an epoch in 9..=175319",
        ),
        (vec!["schedule", "--to", "175320"], "--to must be an epoch"),
        (
            vec!["schedule", "--decimals", "11"],
            "--decimals must be 0..=10",
        ),
        (
            vec!["schedule", "--summary", "--format", "csv"],
            "supports --format table or json",
        ),
    ] {
        let output = keeper().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"));
    }
    // clap's own validation: not a number, unknown format.
    for args in [
        vec!["schedule", "--from", "x"],
        vec!["schedule", "--format", "xml"],
    ] {
        let output = keeper().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}
