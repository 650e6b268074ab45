//! Attack classes from the audit that had no test of their own (issue 10): a device of another
//! config in every instruction that takes a device, other account types passed as a device,
//! foreign vaults and mints where tokens leave the protocol. Each with its exact error.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use io_staking::error::StakingError;
use io_staking::state::{Device, SlashReason};
use io_test_harness::{
    assert_anchor_error, assert_staking_error, replace_account, DeviceHandle, Protocol, Resolution,
    TestChain,
};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::common::*;

const DAY: i64 = 86_400;

/// A copy of `dev`'s account at a new address, claiming another config: what a device of
/// another deployment of the same program looks like.
async fn foreign_copy(chain: &mut TestChain, dev: &DeviceHandle) -> Pubkey {
    let mut device: Device = chain.anchor_account(dev.device).await;
    device.config = Pubkey::new_unique();
    let address = Pubkey::new_unique();
    chain.copy_account(dev.device, address).await;
    chain.write_anchor_account(address, &device).await;
    address
}

/// Every instruction that takes a device and checks `has_one = config`, for `device`.
fn device_instructions(
    protocol: &Protocol,
    dev: &DeviceHandle,
    device: Pubkey,
    case: Pubkey,
) -> Vec<(&'static str, Instruction, Vec<Keypair>)> {
    let owner = || vec![dev.owner.insecure_clone()];
    let arbiter = || vec![protocol.arbiter.insecure_clone()];
    let slasher = || vec![protocol.slasher.insecure_clone()];
    let o = dev.owner.pubkey();
    let args = io_staking::OpenCaseArgs {
        amount: IO,
        reason: SlashReason::Other,
        evidence_hash: [1; 32],
    };
    let a = &protocol.addresses;
    vec![
        ("stake", a.stake(o, device, dev.owner_token, IO), owner()),
        (
            "request_unstake",
            a.request_unstake(o, device, dev.owner_token),
            owner(),
        ),
        ("withdraw", a.withdraw(o, device, dev.owner_token), owner()),
        (
            "claim_rewards",
            a.claim_rewards(o, device, dev.owner_token),
            owner(),
        ),
        (
            "close_device",
            a.close_device(o, device, &dev.hardware_hash),
            owner(),
        ),
        (
            "sync_device_multiplier",
            a.sync_device_multiplier(device, protocol.gpu_model(dev.model_id)),
            vec![],
        ),
        (
            "open_case",
            a.open_case(protocol.slasher.pubkey(), device, 1, args),
            slasher(),
        ),
        (
            "appeal_case",
            a.appeal_case(o, device, case, [2; 32]),
            owner(),
        ),
        (
            "rule_case",
            a.resolve_case(
                Resolution::Overturn,
                protocol.arbiter.pubkey(),
                device,
                case,
                None,
            ),
            arbiter(),
        ),
    ]
}

#[tokio::test]
async fn every_instruction_refuses_a_device_of_another_config() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let (opened, case) = chain
        .open_case(&protocol, &dev, IO, SlashReason::Other)
        .await;
    opened.unwrap();
    let foreign = foreign_copy(&mut chain, &dev).await;
    for (name, ix, signers) in device_instructions(&protocol, &dev, foreign, case) {
        let signers: Vec<&Keypair> = signers.iter().collect();
        let result = chain.process(&[ix], &signers).await;
        assert_eq!(
            io_test_harness::anchor_code(&result),
            Some(StakingError::AccountMismatch.code()),
            "{name}: {result:?}"
        );
    }
    // And the real device still works with the same instructions' account sets.
    chain.stake(&protocol, &dev, IO).await.unwrap();
}

#[tokio::test]
async fn a_slash_case_or_gpu_model_is_not_a_device() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let (opened, case) = chain
        .open_case(&protocol, &dev, IO, SlashReason::Other)
        .await;
    opened.unwrap();
    for impostor in [case, protocol.gpu_model(3), protocol.pool] {
        for (name, ix, signers) in device_instructions(&protocol, &dev, impostor, case) {
            let signers: Vec<&Keypair> = signers.iter().collect();
            let result = chain.process(&[ix], &signers).await;
            assert_eq!(
                io_test_harness::anchor_code(&result),
                Some(AnchorErrorCode::AccountDiscriminatorMismatch.into()),
                "{name} with {impostor}: {result:?}"
            );
        }
    }
    // A device where the case goes: the case's type is checked too.
    let ix = protocol
        .addresses
        .appeal_case(dev.owner.pubkey(), dev.device, dev.device, [3; 32]);
    assert_anchor_error(
        chain.process(&[ix], &[&dev.owner]).await,
        AnchorErrorCode::AccountDiscriminatorMismatch.into(),
    );
}

#[tokio::test]
async fn tokens_leave_only_from_the_protocol_vaults_to_the_owner() {
    let (mut chain, protocol) = protocol().await;
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    nominate(&mut chain, &protocol, &[&dev]).await;
    let other_mint = chain.create_other_mint(8).await;
    let foreign_token = chain
        .create_token_account_for_mint(&dev.owner.pubkey(), &other_mint)
        .await;
    let owner = dev.owner.insecure_clone();
    let a = protocol.addresses;

    // request_unstake pays rewards out of the rewards vault only, to the owner only.
    let mut ix = a.request_unstake(owner.pubkey(), dev.device, dev.owner_token);
    replace_account(&mut ix, protocol.rewards_vault, protocol.stake_vault);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::WrongVault,
    );
    let ix = a.request_unstake(owner.pubkey(), dev.device, foreign_token);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::WrongMint,
    );
    chain.request_unstake(&protocol, &dev).await.unwrap();
    chain.advance(14 * DAY).await;

    // withdraw: the stake vault only, to the owner only.
    let mut ix = a.withdraw(owner.pubkey(), dev.device, dev.owner_token);
    replace_account(&mut ix, protocol.stake_vault, protocol.rewards_vault);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::WrongVault,
    );
    let ix = a.withdraw(owner.pubkey(), dev.device, foreign_token);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::WrongMint,
    );
    let stranger = chain.create_token_account(&Keypair::new().pubkey()).await;
    let ix = a.withdraw(owner.pubkey(), dev.device, stranger);
    assert_staking_error(
        chain.process(&[ix], &[&owner]).await,
        StakingError::NotOwnersTokenAccount,
    );

    // Case resolution burns from and returns to the protocol's own vaults and mint only.
    let dev = staked_device(&mut chain, &protocol, "H100", 1, None).await;
    let (opened, case) = chain
        .open_case(&protocol, &dev, 10 * IO, SlashReason::Other)
        .await;
    opened.unwrap();
    chain.advance(30 * DAY).await;
    let payer = chain.payer();
    let execute = a.resolve_case(Resolution::Execute, payer.pubkey(), dev.device, case, None);
    let forged: [(Pubkey, Pubkey, u32); 3] = [
        (
            protocol.addresses.mint,
            other_mint,
            StakingError::WrongMint.code(),
        ),
        (
            protocol.stake_vault,
            foreign_token,
            StakingError::WrongVault.code(),
        ),
        // One vault passed for both: Anchor refuses the same writable account twice.
        (
            protocol.rewards_vault,
            protocol.stake_vault,
            AnchorErrorCode::ConstraintDuplicateMutableAccount.into(),
        ),
    ];
    for (from, to, code) in forged {
        let mut ix = execute.clone();
        replace_account(&mut ix, from, to);
        assert_anchor_error(chain.process(&[ix], &[]).await, code);
    }
    let lapse = a.resolve_case(
        Resolution::Lapse,
        payer.pubkey(),
        dev.device,
        case,
        Some(foreign_token),
    );
    assert_staking_error(chain.process(&[lapse], &[]).await, StakingError::WrongMint);
    chain.process(&[execute], &[]).await.unwrap();
}
