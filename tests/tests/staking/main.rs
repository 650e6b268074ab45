//! Integration tests of `io-staking` on the native program-test chain.
#![allow(deprecated)]

mod common;

mod attack_classes;
mod audit_round_three;
mod close_device;
mod close_epoch;
mod co_staking;
mod governance;
mod gpu_models;
mod keeper_slashing;
mod overflow_and_claim_all;
mod quorum;
mod randomized;
mod register_device;
mod reward_classes;
mod rewards_and_claims;
mod scale;
mod settle;
mod slashing;
mod slashing_governance;
mod stake;
mod unstake_and_withdraw;
mod uptime;
mod worked_examples;
