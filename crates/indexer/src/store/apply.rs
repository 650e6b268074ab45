//! How each decoded event changes the index: one [`Writer`] per applied transaction, inside
//! the write that also records its signature.

use super::*;

pub(super) struct Writer<'t, 'a> {
    pub(super) epochs: redb::Table<'t, u32, &'static [u8]>,
    pub(super) history: redb::Table<'t, &'static [u8], &'static [u8]>,
    pub(super) devices: redb::Table<'t, &'static [u8], u8>,
    pub(super) meta: redb::Table<'t, &'static str, &'static [u8]>,
    pub(super) addresses: &'a Addresses,
    pub(super) payments_config: Pubkey,
    pub(super) tx: &'a TxEvents<'a>,
}

impl Writer<'_, '_> {
    fn epoch(&self, epoch: u32) -> Result<EpochRow, IndexError> {
        Ok(match self.epochs.get(epoch)? {
            Some(value) => serde_json::from_slice(value.value())?,
            None => EpochRow {
                epoch,
                credited: "0".into(),
                forfeited: "0".into(),
                ..EpochRow::default()
            },
        })
    }

    fn put_epoch(&mut self, row: &EpochRow) -> Result<(), IndexError> {
        self.epochs
            .insert(row.epoch, serde_json::to_vec(row)?.as_slice())?;
        Ok(())
    }

    fn known(&self, device: &Pubkey) -> Result<bool, IndexError> {
        Ok(self.devices.get(device.as_ref())?.is_some())
    }

    fn row(&self, kind: &str, amount: u64) -> HistoryRow {
        HistoryRow {
            seq: 0,
            kind: kind.to_string(),
            epoch: None,
            time: self.tx.block_time,
            slot: self.tx.slot,
            signature: self.tx.signature_text.clone(),
            amount: amount.to_string(),
            forfeited: "0".into(),
            streak: None,
            active: None,
            stake: None,
        }
    }

    /// A row that moved the device's stake, with the stake after it.
    fn stake_row(&self, kind: &str, amount: u64, stake_after: u64) -> HistoryRow {
        HistoryRow {
            stake: Some(stake_after.to_string()),
            ..self.row(kind, amount)
        }
    }

    /// Appends `row` to a device's history, if the device is this deployment's.
    fn push(&mut self, device: &Pubkey, mut row: HistoryRow) -> Result<(), IndexError> {
        if !self.known(device)? {
            return Ok(());
        }
        let sequence = match self.meta.get(SEQUENCE)? {
            Some(value) => u64::from_be_bytes(value.value().try_into().unwrap_or([0; 8])),
            None => 0,
        };
        self.meta
            .insert(SEQUENCE, sequence.wrapping_add(1).to_be_bytes().as_slice())?;
        row.seq = sequence;
        self.history.insert(
            history_key(device, sequence).as_slice(),
            serde_json::to_vec(&row)?.as_slice(),
        )?;
        Ok(())
    }

    pub(super) fn apply(&mut self, event: Indexed, totals: &mut Totals) -> Result<(), IndexError> {
        match event {
            Indexed::BallotOpened(_)
            | Indexed::Committed(_)
            | Indexed::Voted(_)
            | Indexed::BallotClosed(_) => self.apply_ballot(event),
            Indexed::Minted(_)
            | Indexed::Closed(_)
            | Indexed::RootFinalized(_)
            | Indexed::Settled(_) => self.apply_epoch(event, totals),
            Indexed::CoStakeOffered(_)
            | Indexed::CoStakeOfferCancelled(_)
            | Indexed::CoStakeAccepted(_)
            | Indexed::CoStakeExitRequested(_)
            | Indexed::CoStakeWithdrawn(_)
            | Indexed::CoStakeRewardsClaimed(_) => self.apply_co_stake(event, totals),
            Indexed::Reserved(_)
            | Indexed::RentalSettled(_)
            | Indexed::RentalCancelled(_)
            | Indexed::BoughtBack(_) => self.apply_payment(event, totals),
            other => self.apply_device(other, totals),
        }
    }

    /// Events about an epoch (a settle also adds to its device's history, under the epoch of
    /// the root it settled against).
    fn apply_epoch(&mut self, event: Indexed, totals: &mut Totals) -> Result<(), IndexError> {
        let time = self.tx.block_time;
        match event {
            Indexed::Minted(minted) if minted.state == self.addresses.emission_state => {
                let mut row = self.epoch(minted.epoch)?;
                row.minted = Some(minted.amount.to_string());
                row.scheduled = Some(minted.scheduled.to_string());
                row.cumulative_minted = Some(minted.cumulative_minted.to_string());
                row.cap_remaining = Some(minted.cap_remaining.to_string());
                row.minted_at = Some(time);
                totals.minted = add(&totals.minted, minted.amount.into());
                self.put_epoch(&row)?;
            }
            Indexed::Closed(closed) if closed.config == self.addresses.config => {
                let mut row = self.epoch(closed.epoch)?;
                let class = |c: &io_staking::events::ClassClose| ClassRow {
                    emission: c.emission.to_string(),
                    total_weight: c.total_weight.to_string(),
                    active_devices: c.active_devices,
                };
                row.emission = Some(closed.emission.to_string());
                row.active_devices = Some(closed.active_devices);
                row.enterprise = Some(class(&closed.classes[0]));
                row.community = Some(class(&closed.classes[1]));
                row.closed_at = Some(time);
                self.put_epoch(&row)?;
            }
            Indexed::RootFinalized(root) if root.config == self.addresses.config => {
                let mut row = self.epoch(root.epoch)?;
                row.root = Some(hex(&root.root));
                row.leaf_count = Some(root.leaf_count);
                row.root_by_admin = Some(root.by_admin);
                row.root_finalized_at = Some(time);
                self.put_epoch(&row)?;
            }
            // The event names no config: only this deployment's devices count.
            Indexed::Settled(settled) if self.known(&settled.device)? => {
                let mut row = self.epoch(settled.root_epoch)?;
                row.attested_devices += 1;
                row.credited = add(&row.credited, settled.credited.into());
                row.forfeited = add(&row.forfeited, settled.forfeited.into());
                totals.credited = add(&totals.credited, settled.credited.into());
                let history = HistoryRow {
                    epoch: Some(settled.root_epoch),
                    forfeited: settled.forfeited.to_string(),
                    streak: Some(settled.streak),
                    active: Some(settled.active),
                    ..self.row("settled", settled.credited)
                };
                self.push(&settled.device, history)?;
                row.attested_at = Some(time);
                self.put_epoch(&row)?;
            }
            // Another deployment's epoch.
            _ => {}
        }
        Ok(())
    }

    /// The quorum's ballot of an epoch, step by step; another deployment's is ignored.
    fn apply_ballot(&mut self, event: Indexed) -> Result<(), IndexError> {
        let time = self.tx.block_time;
        let (config, epoch) = match &event {
            Indexed::BallotOpened(e) => (e.config, e.epoch),
            Indexed::Committed(e) => (e.config, e.epoch),
            Indexed::Voted(e) => (e.config, e.epoch),
            Indexed::BallotClosed(e) => (e.config, e.epoch),
            _ => return Ok(()),
        };
        if config != self.addresses.config {
            return Ok(());
        }
        let mut row = self.epoch(epoch)?;
        let ballot = row.ballot.get_or_insert_with(Default::default);
        match event {
            Indexed::BallotOpened(opened) => {
                ballot.electorate = opened.electorate;
                ballot.quorum = opened.quorum;
                ballot.observe_until = opened.observe_until;
                ballot.opened_at = time;
            }
            Indexed::Committed(commit) => ballot.commits.push(CommitRow {
                slot: commit.slot,
                observation_hash: hex(&commit.observation_hash),
                time,
            }),
            Indexed::Voted(vote) => {
                let changes = ballot
                    .votes
                    .iter()
                    .find(|v| v.slot == vote.slot)
                    .map_or(0, |v| v.changes + 1);
                ballot.votes.retain(|v| v.slot != vote.slot);
                ballot.votes.push(VoteRow {
                    slot: vote.slot,
                    root: hex(&vote.root),
                    leaf_count: vote.leaf_count,
                    observations: vote.observations,
                    changes,
                    time,
                });
                ballot.votes.sort_by_key(|v| v.slot);
            }
            Indexed::BallotClosed(_) => ballot.closed_at = Some(time),
            _ => {}
        }
        self.put_epoch(&row)
    }

    /// Events about one device (or, for a claim-all, several).
    fn apply_device(&mut self, event: Indexed, totals: &mut Totals) -> Result<(), IndexError> {
        match event {
            Indexed::Registered(registered) => {
                if registered.device != self.addresses.device(&registered.device_key) {
                    return Ok(());
                }
                self.devices.insert(registered.device.as_ref(), 1)?;
                let row = self.stake_row("registered", registered.required_stake, 0);
                self.push(&registered.device, row)?;
            }
            Indexed::Staked(staked) => {
                let row = self.stake_row("staked", staked.amount, staked.stake);
                self.push(&staked.device, row)?;
            }
            Indexed::UnstakeRequested(unstake) => {
                if self.known(&unstake.device)? {
                    let paid =
                        u128::from(unstake.rewards_paid) + u128::from(unstake.co_rewards_paid);
                    totals.claimed = add(&totals.claimed, paid);
                }
                let row = HistoryRow {
                    forfeited: unstake.forfeited.to_string(),
                    ..self.stake_row("unstake_requested", unstake.rewards_paid, unstake.stake)
                };
                self.push(&unstake.device, row)?;
            }
            Indexed::Withdrawn(withdrawn) => {
                let row = self.stake_row("withdrawn", withdrawn.amount, 0);
                self.push(&withdrawn.device, row)?;
            }
            Indexed::OverflowWithdrawn(overflow) => {
                let row = self.stake_row("overflow_withdrawn", overflow.amount, overflow.stake);
                self.push(&overflow.device, row)?;
            }
            Indexed::Claimed(claimed) => self.claimed(&claimed.device, claimed.amount, totals)?,
            Indexed::ClaimedAll(all) => {
                for claim in &all.devices {
                    self.claimed(&claim.device, claim.amount, totals)?;
                }
            }
            Indexed::Deactivated(deactivated) => {
                let row = HistoryRow {
                    forfeited: deactivated.forfeited.to_string(),
                    active: Some(false),
                    ..self.row("deactivated", 0)
                };
                self.push(&deactivated.device, row)?;
            }
            // A case at another deployment's address is not ours to count.
            Indexed::SlashOpened(opened)
                if opened.case == self.addresses.slash_case(opened.case_id)
                    && self.known(&opened.device)? =>
            {
                totals.slash_cases += 1;
                let row = self.row("slash_opened", opened.amount);
                self.push(&opened.device, row)?;
            }
            Indexed::SlashAppealed(appealed) => {
                let row = self.row("slash_appealed", appealed.amount);
                self.push(&appealed.device, row)?;
            }
            Indexed::SlashResolved(resolved) => {
                if self.known(&resolved.device)? {
                    totals.burned = add(&totals.burned, resolved.burned.into());
                }
                let row = HistoryRow {
                    forfeited: resolved.burned.to_string(),
                    ..self.row("slash_resolved", resolved.amount)
                };
                self.push(&resolved.device, row)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn claimed(
        &mut self,
        device: &Pubkey,
        amount: u64,
        totals: &mut Totals,
    ) -> Result<(), IndexError> {
        if self.known(device)? {
            totals.claimed = add(&totals.claimed, amount.into());
        }
        let row = self.row("claimed", amount);
        self.push(device, row)
    }

    /// Co-staking, in the history of the device co-staked.
    /// io-payments: a device's rentals in its history (the kind names the currency, and the
    /// amount is in that mint's base units), and the buy-backs in the totals. Only this
    /// deployment's payments config counts.
    fn apply_payment(&mut self, event: Indexed, totals: &mut Totals) -> Result<(), IndexError> {
        let payments = self.payments_config;
        let currency = |mint: &Pubkey| {
            if *mint == self.addresses.mint {
                "io"
            } else {
                "usdc"
            }
        };
        match event {
            Indexed::Reserved(reserved) if reserved.config == payments => {
                let kind = format!("reserved_{}", currency(&reserved.mint));
                let row = self.row(&kind, reserved.deposited);
                self.push(&reserved.device, row)?;
            }
            Indexed::RentalSettled(settled) => {
                let kind = format!("rental_paid_{}", currency(&settled.mint));
                let row = self.row(&kind, settled.paid);
                self.push(&settled.device, row)?;
            }
            Indexed::RentalCancelled(cancelled) => {
                let kind = format!("rental_cancelled_{}", currency(&cancelled.mint));
                let row = self.row(&kind, cancelled.paid);
                self.push(&cancelled.device, row)?;
            }
            Indexed::BoughtBack(bought) if bought.config == payments => {
                totals.bought_back_burned =
                    add(&totals.bought_back_burned, bought.io_burned.into());
                totals.bought_back_usdc = add(&totals.bought_back_usdc, bought.usdc_paid.into());
            }
            _ => {}
        }
        Ok(())
    }

    fn apply_co_stake(&mut self, event: Indexed, totals: &mut Totals) -> Result<(), IndexError> {
        let (device, row) = match event {
            Indexed::CoStakeOffered(offered) => {
                (offered.device, self.row("co_stake_offered", offered.amount))
            }
            Indexed::CoStakeOfferCancelled(cancelled) => {
                (cancelled.device, self.row("co_stake_offer_cancelled", 0))
            }
            Indexed::CoStakeAccepted(accepted) => (
                accepted.device,
                HistoryRow {
                    stake: Some(accepted.total_stake.to_string()),
                    ..self.row("co_stake_accepted", accepted.amount)
                },
            ),
            Indexed::CoStakeExitRequested(exit) => {
                (exit.device, self.row("co_stake_exit_requested", 0))
            }
            Indexed::CoStakeWithdrawn(withdrawn) => {
                if self.known(&withdrawn.device)? {
                    totals.claimed = add(&totals.claimed, withdrawn.rewards_paid.into());
                }
                (
                    withdrawn.device,
                    self.row("co_stake_withdrawn", withdrawn.amount),
                )
            }
            Indexed::CoStakeRewardsClaimed(claimed) => {
                if self.known(&claimed.device)? {
                    totals.claimed = add(&totals.claimed, claimed.amount.into());
                }
                (
                    claimed.device,
                    self.row("co_stake_rewards_claimed", claimed.amount),
                )
            }
            _ => return Ok(()),
        };
        self.push(&device, row)
    }
}

/// Lowercase hex, as the keeper's API spells roots.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
