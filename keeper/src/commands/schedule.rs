//! `io-keeper schedule`: the emission schedule, from the same math the program runs.

use io_keeper::cli::ScheduleArgs;

pub fn run(args: &ScheduleArgs) -> anyhow::Result<()> {
    // Stdout is locked only while writing: the embedded bank runs programs on another thread,
    // and a natively compiled program's `msg!` prints there.
    io_keeper::schedule_cmd::run(args, &mut std::io::stdout().lock())
}
