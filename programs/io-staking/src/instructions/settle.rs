use anchor_lang::prelude::*;

use crate::error::StakingError;
use crate::events::DeviceSettled;
use crate::math::merkle::{self, Node, Uptime};
use crate::math::{eligibility, settlement};
use crate::safe_math::SafeAccumulate;
use crate::state::{seeds, Device, KeeperSet, RewardPool, RpwRing, StakingConfig};

#[event_cpi]
#[derive(Accounts)]
pub struct Settle<'info> {
    #[account(
        seeds = [seeds::STAKING_CONFIG, config.mint.as_ref()],
        bump = config.bump,
    )]
    pub config: Box<Account<'info, StakingConfig>>,
    #[account(mut, address = config.reward_pool @ StakingError::AccountMismatch)]
    pub reward_pool: Box<Account<'info, RewardPool>>,
    #[account(address = config.rpw_ring @ StakingError::AccountMismatch)]
    pub rpw_ring: AccountLoader<'info, RpwRing>,
    #[account(seeds = [seeds::KEEPER_SET, config.key().as_ref()], bump)]
    pub keeper_set: AccountLoader<'info, KeeperSet>,
    #[account(mut, has_one = config @ StakingError::InvalidDeviceAccount)]
    pub device: Box<Account<'info, Device>>,
}

impl Settle<'_> {
    /// The leaf must be this device's, in the finalized root of `epoch` (the latest or the one
    /// before it). Hashes: one for the leaf, one per proof node (at most 21 at depth 20).
    fn validate(&self, epoch: u32, uptime: &Uptime, index: u32, proof: &[Node]) -> Result<()> {
        self.config.require_not_paused()?;
        let set = self.keeper_set.load()?;
        let root = set.root_for(epoch)?;
        let leaf = merkle::leaf_hash(&self.device.key().to_bytes(), epoch, uptime);
        require!(
            merkle::verify(&leaf, index, root.leaf_count, proof, &root.root),
            StakingError::InvalidProof
        );
        Ok(())
    }
}

/// Permissionless: settles a device from its leaf in a finalized root (docs/design.md section
/// 14). Applies section 4 epoch by epoch over the unsettled window: credits the up epochs it was
/// active for, forfeits the others, updates its uptime streak, and moves it into or out of the
/// active set (joining needs the root's epoch up and the nomination streak; leaving follows
/// ineligibility or staleness). Against a root it already settled against, or an older one, it
/// changes nothing, so a settle racing another never pays twice.
#[access_control(ctx.accounts.validate(epoch, &uptime, index, &proof))]
pub fn handler(
    ctx: Context<Settle>,
    epoch: u32,
    uptime: Uptime,
    index: u32,
    proof: Vec<Node>,
) -> Result<()> {
    let device = &mut ctx.accounts.device;
    if epoch <= device.settled_epoch {
        return Ok(());
    }
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let params = config.params_at(now);
    let from =
        settlement::first_unsettled(epoch, device.settled_epoch, device.registered_after_epoch);
    let class = device.reward_class;
    let mut acc = ctx.accounts.reward_pool.accumulator(class);
    let mut pos = device.position();
    let genesis = ctx.accounts.reward_pool.genesis_timestamp;
    let mut settled = {
        let ring = ctx.accounts.rpw_ring.load()?;
        let pool: &RewardPool = &ctx.accounts.reward_pool;
        settlement::settle_epochs(
            &mut acc,
            &mut pos,
            &uptime,
            epoch,
            from,
            |e| ring.rpw_at(pool, class, e),
            |e, credited| -> Result<()> {
                // The co-staker's share applies to epochs that ended while it was in.
                let end = io_emission::schedule::epoch_end(genesis, e)
                    .map_err(|_| error!(StakingError::EpochOutsideWindow))?;
                let share = device.co_share_for(end);
                device.book(credited, 0, share)
            },
        )?
    };

    let after = device.registered_after_epoch;
    (device.last_attested_epoch, device.streak) = settlement::advance_uptime(
        &uptime,
        epoch,
        after,
        device.last_attested_epoch,
        device.streak,
    );
    let up_now = settlement::up_in(&uptime, epoch, epoch, after);
    let last_up = device.last_attested_epoch.max(after);
    let stale = eligibility::is_stale(epoch, last_up, params.staleness_epochs);
    let eligible = device.eligibility(config, now)?.is_ok();
    let pool = &mut ctx.accounts.reward_pool;
    let (mut activated, mut deactivated) = (false, false);
    if pos.active && (!eligible || stale) {
        let left = crate::math::rewards::deactivate(&mut acc, &mut pos)?;
        settled = settled.combine(left)?;
        pool.device_left(class)?;
        deactivated = true;
    } else if !pos.active && eligible && up_now && device.streak >= params.nomination_streak {
        pos.weight = eligibility::weight(device.multiplier_centi, device.gpu_count);
        crate::math::rewards::activate(&mut acc, &mut pos)?;
        pool.device_joined(class)?;
        activated = true;
    }
    device.store_position(&pos);
    device.book(0, settled.forfeited, 0)?;
    device.settled_epoch = epoch;
    device.invariant()?;
    pool.store_accumulator(class, &acc);
    pool.total_credited.add_assign_checked(settled.credited)?;
    pool.total_forfeited.add_assign_checked(settled.forfeited)?;
    pool.invariant()?;
    emit_cpi!(DeviceSettled {
        device: device.key(),
        root_epoch: epoch,
        from_epoch: from,
        credited: settled.credited,
        forfeited: settled.forfeited,
        streak: device.streak,
        active: pos.active,
        activated,
        deactivated,
    });
    Ok(())
}
