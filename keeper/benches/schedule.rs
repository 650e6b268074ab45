//! Prints how long the whole 175,319-epoch schedule takes to compute (target: < 50 ms).
//!
//! `cargo bench -p io-keeper --bench schedule`

use std::hint::black_box;
use std::time::{Duration, Instant};

use io_emission::schedule::{epoch_emission, ScheduleIter, LAST_EPOCH};
use io_keeper::schedule_cmd::Summary;

const RUNS: usize = 30;

fn measure(label: &str, mut work: impl FnMut() -> u64) {
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut checksum = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        checksum = black_box(work());
        times.push(started.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1_000.0;
    println!(
        "{label:<48} min {:>8.3} ms   median {:>8.3} ms   max {:>8.3} ms   ({RUNS} runs, checksum {checksum})",
        ms(times[0]),
        ms(times[RUNS / 2]),
        ms(times[RUNS - 1]),
    );
}

fn main() {
    println!("all {LAST_EPOCH} epochs, 8 decimals:");
    measure("epoch_emission(n) for every n (independent)", || {
        (1..=LAST_EPOCH)
            .map(|n| epoch_emission(black_box(n), 8).unwrap())
            .fold(0u64, u64::wrapping_add)
    });
    measure("ScheduleIter (clamped, with running total)", || {
        ScheduleIter::new(8)
            .unwrap()
            .last()
            .map(|row| row.cumulative)
            .unwrap()
    });
    measure("io-keeper schedule --summary (all + per year)", || {
        Summary::compute(8).unwrap().years.len() as u64
    });
}
