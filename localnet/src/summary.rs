//! What a `localnet` run reports: the totals, each reward class, and each SIMULATED worker.

use std::io::Write;

use io_staking::state::RewardClass;

use crate::payments::PaymentsLine;
use io_attestation::verifier::Rejection;
use io_ops::amount::io_grouped;

/// The outcome, for the summary and for tests.
#[derive(Clone, Debug)]
pub struct LocalnetSummary {
    pub epochs_closed: u32,
    pub minted: u64,
    pub scheduled: u64,
    pub total_credited: u64,
    pub total_forfeited: u64,
    pub carry: u64,
    /// Accrued by active devices but not settled yet (awaiting a settle),
    /// plus rounding dust below one base unit per settlement.
    pub unsettled: u64,
    pub active_devices: u32,
    /// Devices the keeper's settles took out of the active set (stale, or no longer eligible;
    /// their unsettled share went back to carry).
    pub stale_deactivated: usize,
    /// What those devices forfeited on deactivation, recycled to everyone else.
    pub stale_forfeited: u64,
    pub heartbeats_accepted: u64,
    pub heartbeats_rejected: Vec<(Rejection, u64)>,
    pub devices: Vec<DeviceLine>,
    /// Enterprise, then Community.
    pub classes: Vec<ClassLine>,
    pub wall_seconds: f64,
    /// `Some(url)` when heartbeats went over loopback HTTP to the service at `url`.
    pub service_url: Option<String>,
    /// The SIMULATED reservations and the buy-back.
    pub payments: Option<PaymentsLine>,
}

/// One reward class over the run.
#[derive(Clone, Debug)]
pub struct ClassLine {
    pub class: RewardClass,
    pub share_bps: u16,
    pub devices: usize,
    pub active_devices: u32,
    /// This class's part of everything minted.
    pub emitted: u64,
    /// Credited to this class's devices.
    pub credited: u64,
    pub carry: u64,
}

#[derive(Clone, Debug)]
pub struct DeviceLine {
    pub name: String,
    pub hardware: String,
    pub behaviour: String,
    pub heartbeats: u32,
    pub reward_class: RewardClass,
    pub active: bool,
    pub unstaking: bool,
    /// Taken out of the active set by a settle (stale, or no longer eligible).
    pub stale: bool,
    /// The co-staker's stake and share (0 without one), and what it was credited.
    pub co_stake: u64,
    pub co_share_bps: u16,
    pub co_credited: u64,
    pub credited: u64,
    pub forfeited: u64,
}

impl LocalnetSummary {
    pub fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        self.write_totals(out)?;
        writeln!(out)?;
        self.write_devices(out)
    }

    /// The network's figures: emission against the schedule, stake, classes, co-stakes.
    fn write_totals(&self, out: &mut impl Write) -> std::io::Result<()> {
        let io = |amount: u64| io_grouped(amount, 8);
        writeln!(out, "io-localnet: embedded chain, SIMULATED GPU workers")?;
        match &self.service_url {
            Some(url) => writeln!(
                out,
                "  heartbeats sent        over loopback HTTP to the attestation service at {url}"
            )?,
            None => writeln!(
                out,
                "  heartbeats sent        in process to the attestation service (no HTTP)"
            )?,
        }
        writeln!(out, "  epochs closed          {}", self.epochs_closed)?;
        let verdict = if self.minted == self.scheduled {
            "matches the schedule"
        } else {
            "DOES NOT MATCH the schedule"
        };
        writeln!(
            out,
            "  IO minted              {} IO (schedule: {} IO) {verdict}",
            io(self.minted),
            io(self.scheduled)
        )?;
        writeln!(
            out,
            "  rewards credited       {} IO",
            io(self.total_credited)
        )?;
        writeln!(
            out,
            "  forfeited (recycled)   {} IO",
            io(self.total_forfeited)
        )?;
        writeln!(out, "  carry                  {} IO", io(self.carry))?;
        writeln!(
            out,
            "  accrued, unsettled     {} IO (awaiting the next settle; includes dust)",
            io(self.unsettled)
        )?;
        writeln!(
            out,
            "  devices active         {} of {}",
            self.active_devices,
            self.devices.len()
        )?;
        self.write_classes(out)?;
        writeln!(
            out,
            "  stale, deactivated     {} device(s) by the keeper's settles; their {} IO forfeited \
             went back to carry for the others",
            self.stale_deactivated,
            io(self.stale_forfeited)
        )?;
        let refused: Vec<String> = self
            .heartbeats_rejected
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| format!("{n} {}", r.reason()))
            .collect();
        writeln!(
            out,
            "  heartbeats             {} accepted; refused: {}",
            self.heartbeats_accepted,
            if refused.is_empty() {
                "none".to_string()
            } else {
                refused.join(", ")
            }
        )?;
        if let Some(payments) = &self.payments {
            payments.write(out)?;
        }
        writeln!(out, "  wall time              {:.1} s", self.wall_seconds)
    }

    /// Each reward class's share and totals, and each co-staked device's split.
    fn write_classes(&self, out: &mut impl Write) -> std::io::Result<()> {
        let io = |amount: u64| io_grouped(amount, 8);
        for class in &self.classes {
            writeln!(
                out,
                "  {:<22} {}.{:02}% of each epoch: {} IO emitted, {} IO credited, {} IO carry; \
                 {} of {} devices active",
                format!("class {}", class.class.name()),
                class.share_bps / 100,
                class.share_bps % 100,
                io(class.emitted),
                io(class.credited),
                io(class.carry),
                class.active_devices,
                class.devices
            )?;
        }
        for d in self.devices.iter().filter(|d| d.co_stake > 0) {
            writeln!(
                out,
                "  co-staked              {} ({}): {} IO co-stake for {}.{:02}% of its rewards; \
                 co-staker credited {} IO, owner {} IO",
                d.name,
                d.hardware,
                io(d.co_stake),
                d.co_share_bps / 100,
                d.co_share_bps % 100,
                io(d.co_credited),
                io(d.credited - d.co_credited)
            )?;
        }
        Ok(())
    }

    /// One row per device: hardware, class, behaviour, heartbeats, state and rewards.
    fn write_devices(&self, out: &mut impl Write) -> std::io::Result<()> {
        let io = |amount: u64| io_grouped(amount, 8);
        writeln!(
            out,
            "{:<8} {:<16} {:<10} {:<22} {:>10} {:<10} {:>18} {:>18}",
            "device",
            "hardware",
            "class",
            "behaviour (SIMULATED)",
            "heartbeats",
            "state",
            "credited (IO)",
            "forfeited (IO)"
        )?;
        for d in &self.devices {
            let state = if d.unstaking {
                "unstaking"
            } else if d.stale {
                "stale"
            } else if d.active {
                "active"
            } else {
                "inactive"
            };
            writeln!(
                out,
                "{:<8} {:<16} {:<10} {:<22} {:>10} {:<10} {:>18} {:>18}",
                d.name,
                d.hardware,
                d.reward_class.name(),
                d.behaviour,
                d.heartbeats,
                state,
                io(d.credited),
                io(d.forfeited)
            )?;
        }
        Ok(())
    }
}

impl PaymentsLine {
    /// Fees and burns: the io-payments part of the summary.
    fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        let (usdc, io) = (|a: u64| io_grouped(a, 6), |a: u64| io_grouped(a, 8));
        writeln!(
            out,
            "  reservations           {} SIMULATED ({} cancelled by the renter)",
            self.reservations, self.cancelled
        )?;
        writeln!(
            out,
            "  paid in USDC           {} deposited: {} to suppliers, {} fees (0.25% + 0.25% + 2%), \
             {} refunded, {} still in escrow",
            usdc(self.usdc.deposited),
            usdc(self.usdc.paid),
            usdc(self.usdc.fees),
            usdc(self.usdc.refunded),
            usdc(in_escrow(&self.usdc))
        )?;
        writeln!(
            out,
            "  paid in IO             {} deposited: {} to suppliers, {} fees, {} refunded, {} still \
             in escrow",
            io(self.io.deposited),
            io(self.io.paid),
            io(self.io.fees),
            io(self.io.refunded),
            io(in_escrow(&self.io))
        )?;
        match &self.buyback_skipped {
            None => writeln!(
                out,
                "  buy-back and burn      {} USDC of fees bought {} IO, burned (supply fell by {} IO)",
                usdc(self.usdc_bought_back),
                io(self.io_burned),
                io(self.supply_fall)
            ),
            Some(why) => writeln!(out, "  buy-back and burn      none: {why}"),
        }
    }
}

fn in_escrow(totals: &io_payments::state::MintTotals) -> u64 {
    totals
        .deposited
        .saturating_sub(totals.paid)
        .saturating_sub(totals.fees)
        .saturating_sub(totals.refunded)
}
