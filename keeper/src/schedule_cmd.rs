//! `io-keeper schedule`: the emission schedule as the program mints it, from the same pure
//! functions (`io_emission::schedule`), so what an operator reads is what the chain does.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use io_emission::schedule::{self, EpochRow, ScheduleIter, EPOCHS_PER_JULIAN_YEAR, LAST_EPOCH};
use serde::Serialize;

use crate::cli::{OutputFormat, ScheduleArgs};
use io_ops::amount::{io_grouped, io_string, scaled_string};

/// Exactly this header, in this order (a published interface).
pub const CSV_HEADER: &str = "epoch,emission_base_units,emission_io,cumulative_base_units";
/// Per-epoch rates are shown in percent with 8 decimals, as published (0.00091324%).
const EPOCH_RATE_DIGITS: u32 = 8;
/// Annualised rates are shown in percent with 6 decimals.
const ANNUAL_RATE_DIGITS: u32 = 6;
/// Epochs printed when `--to` is not given: one day.
const DEFAULT_SPAN: u32 = 24;

pub fn run(args: &ScheduleArgs, out: &mut impl Write) -> Result<()> {
    ensure!(
        args.decimals <= schedule::MAX_DECIMALS,
        "--decimals must be 0..={} (got {})",
        schedule::MAX_DECIMALS,
        args.decimals
    );
    if args.summary {
        let summary = Summary::compute(args.decimals)?;
        match args.format {
            OutputFormat::Table => summary.write_table(out)?,
            OutputFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, &summary)?;
                writeln!(out)?;
            }
            OutputFormat::Csv => bail!("--summary supports --format table or json, not csv"),
        }
    } else {
        let to = args
            .to
            .unwrap_or_else(|| args.from.saturating_add(DEFAULT_SPAN - 1).min(LAST_EPOCH));
        let rows = epoch_rows(args.from, to, args.decimals)?;
        write_rows(&rows, args.format, args.decimals, out)?;
    }
    out.flush()?;
    Ok(())
}

/// Rows `from..=to`, with the cumulative total and the cap clamp applied as on chain.
pub fn epoch_rows(from: u32, to: u32, decimals: u8) -> Result<Vec<EpochRow>> {
    ensure!(
        (1..=LAST_EPOCH).contains(&from),
        "--from must be an epoch in 1..={LAST_EPOCH} (got {from})"
    );
    ensure!(
        (from..=LAST_EPOCH).contains(&to),
        "--to must be an epoch in {from}..={LAST_EPOCH} (got {to})"
    );
    let iter = ScheduleIter::new(decimals).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(iter
        .skip(from as usize - 1)
        .take((to - from + 1) as usize)
        .collect())
}

#[derive(Serialize)]
struct JsonRow {
    epoch: u32,
    emission_base_units: String,
    emission_io: String,
    cumulative_base_units: String,
    rate_percent: String,
}

fn rate_percent(epoch: u32, annualised: bool) -> Result<String> {
    let digits = if annualised {
        ANNUAL_RATE_DIGITS
    } else {
        EPOCH_RATE_DIGITS
    };
    let scaled = schedule::epoch_rate_percent_scaled(epoch, digits, annualised)
        .map_err(|e| anyhow::anyhow!("rate of epoch {epoch}: {e:?}"))?;
    Ok(scaled_string(scaled, digits))
}

fn write_rows(
    rows: &[EpochRow],
    format: OutputFormat,
    decimals: u8,
    out: &mut impl Write,
) -> Result<()> {
    match format {
        OutputFormat::Csv => {
            writeln!(out, "{CSV_HEADER}")?;
            for row in rows {
                writeln!(
                    out,
                    "{},{},{},{}",
                    row.epoch,
                    row.minted,
                    io_string(row.minted, decimals),
                    row.cumulative
                )?;
            }
        }
        OutputFormat::Json => {
            let json: Vec<JsonRow> = rows
                .iter()
                .map(|row| {
                    Ok(JsonRow {
                        epoch: row.epoch,
                        emission_base_units: row.minted.to_string(),
                        emission_io: io_string(row.minted, decimals),
                        cumulative_base_units: row.cumulative.to_string(),
                        rate_percent: rate_percent(row.epoch, false)?,
                    })
                })
                .collect::<Result<_>>()?;
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        OutputFormat::Table => {
            let mut table = Table::new(&["epoch", "emission (IO)", "rate (%)", "cumulative (IO)"]);
            for row in rows {
                table.push(vec![
                    row.epoch.to_string(),
                    io_grouped(row.minted, decimals),
                    rate_percent(row.epoch, false)?,
                    io_grouped(row.cumulative, decimals),
                ]);
            }
            table.write(out)?;
        }
    }
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct EpochFigure {
    pub epoch: u32,
    pub emission_base_units: String,
    pub emission_io: String,
    /// Per-epoch rate of the 500M genesis base, in percent.
    pub rate_percent: String,
    /// The rate times 8,760 hours, as the published 8% is stated.
    pub annualised_rate_percent: String,
}

#[derive(Debug, Serialize)]
pub struct YearFigure {
    /// 1-based; a year is 8,766 epochs (365.25 days), the last one 8,765.
    pub year: u32,
    pub first_epoch: u32,
    pub last_epoch: u32,
    pub emitted_base_units: String,
    pub emitted_io: String,
    pub cumulative_base_units: String,
    pub cumulative_io: String,
}

/// The whole schedule at a glance. Base-unit amounts are strings: they exceed 2^53, where
/// JSON numbers lose precision in most consumers.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub decimals: u8,
    pub epochs: u32,
    pub emission_cap_base_units: String,
    pub emission_cap_io: String,
    pub total_emitted_base_units: String,
    pub total_emitted_io: String,
    /// Cap minus what the schedule releases: rounding (floors) left this much unminted.
    pub unreleased_base_units: String,
    pub first_epoch: EpochFigure,
    pub last_epoch: EpochFigure,
    pub years: Vec<YearFigure>,
    /// Wall time to compute every epoch of the schedule and this summary.
    pub computation_ms: f64,
}

impl Summary {
    pub fn compute(decimals: u8) -> Result<Self> {
        let started = Instant::now();
        let cap = schedule::emission_cap(decimals).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let mut years = Vec::with_capacity(20);
        let mut year_emitted = 0u64;
        let mut first: Option<EpochRow> = None;
        let mut last: Option<EpochRow> = None;
        for row in ScheduleIter::new(decimals).map_err(|e| anyhow::anyhow!("{e:?}"))? {
            first.get_or_insert(row);
            year_emitted += row.minted;
            let year_index = (row.epoch - 1) / EPOCHS_PER_JULIAN_YEAR;
            let year_end = ((year_index + 1) * EPOCHS_PER_JULIAN_YEAR).min(LAST_EPOCH);
            if row.epoch == year_end {
                years.push(YearFigure {
                    year: year_index + 1,
                    first_epoch: year_index * EPOCHS_PER_JULIAN_YEAR + 1,
                    last_epoch: year_end,
                    emitted_base_units: year_emitted.to_string(),
                    emitted_io: io_string(year_emitted, decimals),
                    cumulative_base_units: row.cumulative.to_string(),
                    cumulative_io: io_string(row.cumulative, decimals),
                });
                year_emitted = 0;
            }
            last = Some(row);
        }
        let (first, last) = (
            first.context("empty schedule")?,
            last.context("empty schedule")?,
        );
        let figure = |row: &EpochRow| -> Result<EpochFigure> {
            Ok(EpochFigure {
                epoch: row.epoch,
                emission_base_units: row.minted.to_string(),
                emission_io: io_string(row.minted, decimals),
                rate_percent: rate_percent(row.epoch, false)?,
                annualised_rate_percent: rate_percent(row.epoch, true)?,
            })
        };
        let (first_epoch, last_epoch) = (figure(&first)?, figure(&last)?);
        let computation = started.elapsed();
        Ok(Summary {
            decimals,
            epochs: last.epoch,
            emission_cap_base_units: cap.to_string(),
            emission_cap_io: io_string(cap, decimals),
            total_emitted_base_units: last.cumulative.to_string(),
            total_emitted_io: io_string(last.cumulative, decimals),
            unreleased_base_units: (cap - last.cumulative).to_string(),
            first_epoch,
            last_epoch,
            years,
            computation_ms: millis(computation),
        })
    }

    fn write_table(&self, out: &mut impl Write) -> Result<()> {
        let d = self.decimals;
        let amount = |s: &str| -> Result<String> { Ok(io_grouped(s.parse()?, d)) };
        writeln!(out, "IO emission schedule (mint decimals: {d})")?;
        writeln!(out, "  epochs                  {}", self.epochs)?;
        writeln!(
            out,
            "  emission cap            {} IO",
            amount(&self.emission_cap_base_units)?
        )?;
        writeln!(
            out,
            "  total emitted           {} IO ({} base units)",
            amount(&self.total_emitted_base_units)?,
            self.total_emitted_base_units
        )?;
        writeln!(
            out,
            "  left unminted (floors)  {} base units",
            self.unreleased_base_units
        )?;
        for (label, f) in [("first", &self.first_epoch), ("last", &self.last_epoch)] {
            writeln!(
                out,
                "  {label:<5} epoch {:>7}    {} IO, {}% per epoch, {}% annualised",
                f.epoch,
                amount(&f.emission_base_units)?,
                f.rate_percent,
                f.annualised_rate_percent
            )?;
        }
        writeln!(
            out,
            "  computed in             {:.3} ms",
            self.computation_ms
        )?;
        writeln!(out)?;
        let mut table = Table::new(&["year", "epochs", "emitted (IO)", "cumulative (IO)"]);
        for y in &self.years {
            table.push(vec![
                y.year.to_string(),
                format!("{}-{}", y.first_epoch, y.last_epoch),
                amount(&y.emitted_base_units)?,
                amount(&y.cumulative_base_units)?,
            ]);
        }
        table.write(out)?;
        Ok(())
    }
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}

/// A right-aligned text table.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    fn write(&self, out: &mut impl Write) -> Result<()> {
        let widths: Vec<usize> = (0..self.header.len())
            .map(|i| {
                self.rows
                    .iter()
                    .map(|r| r[i].len())
                    .chain([self.header[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: &[String]| -> String {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:>w$}"))
                .collect::<Vec<_>>()
                .join("  ")
        };
        writeln!(out, "{}", line(&self.header))?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        writeln!(out, "{}", line(&rule))?;
        for row in &self.rows {
            writeln!(out, "{}", line(row))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_covers_twenty_years_and_the_whole_schedule() {
        let summary = Summary::compute(8).unwrap();
        assert_eq!(summary.epochs, LAST_EPOCH);
        assert_eq!(summary.years.len(), 20);
        assert_eq!(summary.years[0].first_epoch, 1);
        assert_eq!(summary.years[0].last_epoch, 8_766);
        assert_eq!(summary.years[19].last_epoch, LAST_EPOCH);
        let sum: u64 = summary
            .years
            .iter()
            .map(|y| y.emitted_base_units.parse::<u64>().unwrap())
            .sum();
        assert_eq!(sum.to_string(), summary.total_emitted_base_units);
        assert_eq!(summary.total_emitted_base_units, "29999999999956402");
        assert_eq!(summary.unreleased_base_units, "43598");
        assert_eq!(summary.first_epoch.emission_io, "4566.21004566");
        assert_eq!(summary.first_epoch.rate_percent, "0.00091324");
        assert_eq!(summary.first_epoch.annualised_rate_percent, "8.000000");
        assert_eq!(summary.last_epoch.annualised_rate_percent, "0.701028");
    }

    #[test]
    fn rows_carry_the_running_total() {
        let rows = epoch_rows(2, 3, 8).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].epoch, 2);
        assert_eq!(
            rows[1].cumulative,
            456_621_004_566 + 456_614_663_492 + 456_608_322_505
        );
    }

    #[test]
    fn bad_ranges_are_errors() {
        assert!(epoch_rows(0, 3, 8).is_err());
        assert!(epoch_rows(5, 4, 8).is_err());
        assert!(epoch_rows(1, LAST_EPOCH + 1, 8).is_err());
        assert!(epoch_rows(1, 2, 11).is_err());
    }
}
