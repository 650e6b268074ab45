//! Builders for the bonded quorum (docs/design.md section 14): keeper bonds, the ballot of each
//! epoch, and settling a device from its leaf.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, ToAccountMetas};
use anchor_spl::token::spl_token;
use io_staking::math::merkle::{Node, Uptime};
use io_staking::state::{EpochBallot, QuorumParams};

use super::instruction;
use crate::{event_authority, Addresses};

/// A device's leaf in a finalized root and the path to it: everything `settle` needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeafProof {
    /// The root's epoch.
    pub epoch: u32,
    pub uptime: Uptime,
    pub index: u32,
    pub proof: Vec<Node>,
}

impl Addresses {
    pub fn ballot(&self, epoch: u32) -> Pubkey {
        EpochBallot::find_address(&self.config, epoch).0
    }

    pub fn initialize_keeper_set(&self, admin: Pubkey, params: QuorumParams) -> Instruction {
        instruction(
            io_staking::accounts::InitializeKeeperSet {
                admin,
                config: self.config,
                mint: self.mint,
                keeper_set: self.keeper_set,
                keeper_vault: self.keeper_vault,
                token_program: spl_token::ID,
                system_program: system_program::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::InitializeKeeperSet { params },
        )
    }

    fn keeper_admin(&self, admin: Pubkey) -> Vec<anchor_lang::prelude::AccountMeta> {
        io_staking::accounts::KeeperAdmin {
            admin,
            config: self.config,
            reward_pool: self.reward_pool,
            keeper_set: self.keeper_set,
            event_authority: event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None)
    }

    pub fn admit_keeper(&self, admin: Pubkey, operator: Pubkey) -> Instruction {
        instruction(
            self.keeper_admin(admin),
            io_staking::instruction::AdmitKeeper { operator },
        )
    }

    pub fn update_quorum_params(&self, admin: Pubkey, params: QuorumParams) -> Instruction {
        instruction(
            self.keeper_admin(admin),
            io_staking::instruction::UpdateQuorumParams { params },
        )
    }

    fn keeper_bond_transfer(
        &self,
        operator: Pubkey,
        operator_token: Pubkey,
    ) -> Vec<anchor_lang::prelude::AccountMeta> {
        io_staking::accounts::KeeperBondTransfer {
            operator,
            config: self.config,
            keeper_set: self.keeper_set,
            operator_token,
            keeper_vault: self.keeper_vault,
            token_program: spl_token::ID,
            event_authority: event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None)
    }

    pub fn bond_keeper(
        &self,
        operator: Pubkey,
        operator_token: Pubkey,
        amount: u64,
    ) -> Instruction {
        instruction(
            self.keeper_bond_transfer(operator, operator_token),
            io_staking::instruction::BondKeeper { amount },
        )
    }

    pub fn withdraw_keeper_bond(&self, operator: Pubkey, operator_token: Pubkey) -> Instruction {
        instruction(
            self.keeper_bond_transfer(operator, operator_token),
            io_staking::instruction::WithdrawKeeperBond {},
        )
    }

    fn keeper_operator(&self, operator: Pubkey) -> Vec<anchor_lang::prelude::AccountMeta> {
        io_staking::accounts::KeeperOperator {
            operator,
            config: self.config,
            keeper_set: self.keeper_set,
            event_authority: event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None)
    }

    pub fn set_keeper_info(&self, operator: Pubkey, vote_key: Pubkey, url: &str) -> Instruction {
        instruction(
            self.keeper_operator(operator),
            io_staking::instruction::SetKeeperInfo {
                vote_key,
                url: url.to_owned(),
            },
        )
    }

    pub fn request_keeper_unbond(&self, operator: Pubkey) -> Instruction {
        instruction(
            self.keeper_operator(operator),
            io_staking::instruction::RequestKeeperUnbond {},
        )
    }

    /// `open_ballot { epoch }`, paid by `payer` (a keeper puts it before its first commit).
    pub fn open_ballot(&self, payer: Pubkey, epoch: u32) -> Instruction {
        instruction(
            io_staking::accounts::OpenBallot {
                payer,
                config: self.config,
                reward_pool: self.reward_pool,
                keeper_set: self.keeper_set,
                ballot: self.ballot(epoch),
                system_program: system_program::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::OpenBallot { epoch },
        )
    }

    fn keeper_ballot(
        &self,
        vote_key: Pubkey,
        epoch: u32,
    ) -> Vec<anchor_lang::prelude::AccountMeta> {
        io_staking::accounts::KeeperBallot {
            vote_key,
            config: self.config,
            keeper_set: self.keeper_set,
            ballot: self.ballot(epoch),
            event_authority: event_authority(&io_staking::ID),
            program: io_staking::ID,
        }
        .to_account_metas(None)
    }

    pub fn commit_observation(
        &self,
        vote_key: Pubkey,
        epoch: u32,
        observation_hash: [u8; 32],
    ) -> Instruction {
        instruction(
            self.keeper_ballot(vote_key, epoch),
            io_staking::instruction::CommitObservation {
                epoch,
                observation_hash,
            },
        )
    }

    pub fn cast_vote(
        &self,
        vote_key: Pubkey,
        epoch: u32,
        root: Node,
        leaf_count: u32,
        observations: u16,
    ) -> Instruction {
        instruction(
            self.keeper_ballot(vote_key, epoch),
            io_staking::instruction::CastVote {
                epoch,
                root,
                leaf_count,
                observations,
            },
        )
    }

    pub fn finalize_stalled(
        &self,
        admin: Pubkey,
        epoch: u32,
        root: Node,
        leaf_count: u32,
        observations: u16,
    ) -> Instruction {
        instruction(
            io_staking::accounts::FinalizeStalled {
                admin,
                config: self.config,
                reward_pool: self.reward_pool,
                keeper_set: self.keeper_set,
                ballot: self.ballot(epoch),
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::FinalizeStalled {
                epoch,
                root,
                leaf_count,
                observations,
            },
        )
    }

    /// `settle` of `device` from its leaf: no signer. Put it in front of anything that would
    /// deactivate the device (unstake, a slash) or claim, so nothing up is forfeited.
    pub fn settle(&self, device: Pubkey, leaf: &LeafProof) -> Instruction {
        instruction(
            io_staking::accounts::Settle {
                config: self.config,
                reward_pool: self.reward_pool,
                rpw_ring: self.rpw_ring,
                keeper_set: self.keeper_set,
                device,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::Settle {
                epoch: leaf.epoch,
                uptime: leaf.uptime,
                index: leaf.index,
                proof: leaf.proof.clone(),
            },
        )
    }

    /// `settle` of `device` from `leaf`, then `then`: what a client sends in front of anything
    /// that would deactivate the device (`request_unstake`, a slash case) or pay it
    /// (`claim_rewards`, `claim_all`), so nothing the device was up for is forfeited or left
    /// unclaimed. The settle is a no-op when the device already settled against that root.
    pub fn settle_then(
        &self,
        device: Pubkey,
        leaf: &LeafProof,
        then: impl IntoIterator<Item = Instruction>,
    ) -> Vec<Instruction> {
        let mut instructions = vec![self.settle(device, leaf)];
        instructions.extend(then);
        instructions
    }

    pub fn keeper_case(&self, case_id: u64) -> Pubkey {
        io_staking::state::KeeperCase::find_address(&self.config, case_id).0
    }

    /// `open_keeper_case`, signed by the slasher; `args.case_id` is `KeeperSet.cases_opened`.
    pub fn open_keeper_case(
        &self,
        slasher: Pubkey,
        args: io_staking::OpenKeeperCaseArgs,
    ) -> Instruction {
        instruction(
            io_staking::accounts::OpenKeeperCase {
                slasher,
                config: self.config,
                keeper_set: self.keeper_set,
                case: self.keeper_case(args.case_id),
                system_program: system_program::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::OpenKeeperCase { args },
        )
    }

    pub fn appeal_keeper_case(
        &self,
        operator: Pubkey,
        case: Pubkey,
        statement_hash: [u8; 32],
    ) -> Instruction {
        instruction(
            io_staking::accounts::AppealKeeperCase {
                operator,
                case,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::AppealKeeperCase { statement_hash },
        )
    }

    /// `resolve_keeper_case`: signed by the case's arbiter to uphold or overturn, by anyone to
    /// execute or lapse.
    pub fn resolve_keeper_case(
        &self,
        resolver: Pubkey,
        case: Pubkey,
        ruling: io_staking::KeeperRuling,
    ) -> Instruction {
        instruction(
            io_staking::accounts::ResolveKeeperCase {
                resolver,
                config: self.config,
                keeper_set: self.keeper_set,
                case,
                mint: self.mint,
                keeper_vault: self.keeper_vault,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::ResolveKeeperCase { ruling },
        )
    }

    /// `close_ballot { epoch }`: no signer; the rent goes to `opener` (`EpochBallot::opener`).
    pub fn close_ballot(&self, epoch: u32, opener: Pubkey) -> Instruction {
        instruction(
            io_staking::accounts::CloseBallot {
                config: self.config,
                keeper_set: self.keeper_set,
                ballot: self.ballot(epoch),
                opener,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::CloseBallot { epoch },
        )
    }
}
