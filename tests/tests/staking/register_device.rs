//! register_device: the device key's consent carried by the Ed25519 instruction before it
//! (docs/design.md section 15), and one device per set of GPUs (section 16).

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use io_consent::ed25519_instruction_data;
use io_sdk::consent::SignedConsent;
use io_staking::error::StakingError;
use io_staking::events::DeviceRegistered;
use io_staking::state::{DeviceStatus, HardwareMarker};
use io_staking::RegisterDeviceArgs;
use io_test_harness::{assert_anchor_error, assert_staking_error, events};
use solana_keypair::Keypair;
use solana_signer::Signer;

use io_test_harness::{Protocol, TestChain};

use crate::common::*;

struct Setup {
    chain: TestChain,
    protocol: Protocol,
    owner: Keypair,
    device_key: Keypair,
}

async fn setup() -> Setup {
    let (mut chain, protocol) = protocol().await;
    let owner = Keypair::new();
    chain.airdrop(&owner.pubkey(), 100_000_000).await;
    Setup {
        chain,
        protocol,
        owner,
        device_key: Keypair::new(),
    }
}

impl Setup {
    /// An H100 x `gpus` consent for the owner, hardware `[9; 32]`, an hour to use it.
    async fn consent(&mut self, gpus: u16) -> SignedConsent {
        self.chain
            .consent(
                &self.protocol,
                &self.owner,
                &self.device_key,
                3,
                gpus,
                [9; 32],
            )
            .await
    }

    /// Sends `instructions`, the owner alone signing.
    async fn send(&mut self, instructions: &[Instruction]) -> io_test_harness::TxResult {
        let owner = self.owner.insecure_clone();
        self.chain.process(instructions, &[&owner]).await
    }

    /// The consent's Ed25519 instruction, then a registration of `model_id` with `args`.
    async fn register_as(
        &mut self,
        consent: &SignedConsent,
        model_id: u16,
        args: RegisterDeviceArgs,
    ) -> io_test_harness::TxResult {
        let register =
            self.protocol
                .addresses
                .register_device_only(self.owner.pubkey(), model_id, args);
        self.send(&[consent.ed25519_instruction(), register]).await
    }
}

fn args_of(consent: &SignedConsent) -> RegisterDeviceArgs {
    RegisterDeviceArgs {
        device_key: consent.device_key(),
        gpu_count: consent.consent.gpu_count,
        hardware_hash: consent.consent.hardware_hash,
    }
}

#[tokio::test]
async fn registers_with_the_consent_the_owner_alone_signing() {
    let mut s = setup().await;
    let consent = s.consent(8).await;
    let instructions = s
        .protocol
        .addresses
        .register_device(s.owner.pubkey(), &consent);
    assert!(
        instructions[1]
            .accounts
            .iter()
            .filter(|m| m.is_signer)
            .count()
            == 1,
        "only the owner signs"
    );
    let owner = s.owner.insecure_clone();
    let (result, emitted) = s
        .chain
        .process_with_events(&instructions[..], &[&owner])
        .await;
    result.unwrap();
    let event: DeviceRegistered = events::single(&emitted);
    assert_eq!(event.owner, s.owner.pubkey());
    assert_eq!(event.device_key, s.device_key.pubkey());
    assert_eq!(event.multiplier_centi, 1_000);
    assert_eq!(event.required_stake, 16_000 * IO, "200 IO x 10 x 8 GPUs");
    assert_eq!(event.hardware_hash, [9; 32]);
    let device: io_staking::state::Device = s.chain.anchor_account(event.device).await;
    assert_eq!(device.device_key, s.device_key.pubkey());
    assert_eq!(device.gpu_count, 8);
    assert_eq!(device.status, DeviceStatus::Staking);
    assert_eq!((device.stake, device.active), (0, false));
    let marker: HardwareMarker = s
        .chain
        .anchor_account(s.protocol.addresses.hardware_marker(&[9; 32]))
        .await;
    assert_eq!(
        (marker.device, marker.hardware_hash),
        (event.device, [9; 32])
    );
    assert_eq!(s.chain.pool_state(&s.protocol).await.registered_devices, 1);
    // The same transaction again (a replay) cannot register twice.
    let result = s.send(&instructions).await;
    assert!(result.is_err(), "replayed registration: {result:?}");
}

#[tokio::test]
async fn a_consent_for_other_terms_is_refused_with_its_error() {
    let mut s = setup().await;
    let consent = s.consent(2).await;
    let args = args_of(&consent);

    let stranger = Keypair::new();
    let for_stranger = s
        .chain
        .consent(&s.protocol, &stranger, &s.device_key, 3, 2, [9; 32])
        .await;
    let result = s
        .register_as(&for_stranger, 3, args_of(&for_stranger))
        .await;
    assert_staking_error(result, StakingError::ConsentWrongOwner);

    let mut other_config = consent.consent;
    other_config.config = Pubkey::new_unique().to_bytes();
    let other_config = SignedConsent::sign(other_config, &s.device_key);
    let result = s.register_as(&other_config, 3, args).await;
    assert_staking_error(result, StakingError::ConsentWrongConfig);

    let mut other_program = consent.consent;
    other_program.program = Pubkey::new_unique().to_bytes();
    let other_program = SignedConsent::sign(other_program, &s.device_key);
    let result = s.register_as(&other_program, 3, args).await;
    assert_staking_error(result, StakingError::ConsentWrongConfig);

    // The H200 (model 2) registered with an H100 consent.
    let result = s.register_as(&consent, 2, args).await;
    assert_staking_error(result, StakingError::ConsentWrongModel);

    let more_gpus = RegisterDeviceArgs {
        gpu_count: 3,
        ..args
    };
    let result = s.register_as(&consent, 3, more_gpus).await;
    assert_staking_error(result, StakingError::ConsentWrongGpuCount);

    let other_gpus = RegisterDeviceArgs {
        hardware_hash: [8; 32],
        ..args
    };
    let result = s.register_as(&consent, 3, other_gpus).await;
    assert_staking_error(result, StakingError::ConsentWrongHardware);

    // Another device key than the one that consented.
    let other_key = RegisterDeviceArgs {
        device_key: Keypair::new().pubkey(),
        ..args
    };
    let result = s.register_as(&consent, 3, other_key).await;
    assert_staking_error(result, StakingError::ConsentWrongSigner);

    // A valid signature, but by another key than the device key the message names.
    let impostor = Keypair::new();
    let signature: [u8; 64] = impostor.sign_message(&consent.consent.to_message()).into();
    let forged = Instruction {
        program_id: solana_sdk_ids::ed25519_program::ID,
        accounts: vec![],
        data: ed25519_instruction_data(
            &impostor.pubkey().to_bytes(),
            &signature,
            &consent.consent.to_message(),
        ),
    };
    let register = s
        .protocol
        .addresses
        .register_device_only(s.owner.pubkey(), 3, args);
    let result = s.send(&[forged, register]).await;
    assert_staking_error(result, StakingError::ConsentWrongSigner);

    // Nothing was registered by any of them.
    assert_eq!(s.chain.pool_state(&s.protocol).await.registered_devices, 0);
    s.register_as(&consent, 3, args).await.unwrap();
}

#[tokio::test]
async fn an_expired_consent_is_refused() {
    let mut s = setup().await;
    let consent = s.consent(1).await;
    s.chain.advance(3_601).await;
    let result = s.register_as(&consent, 3, args_of(&consent)).await;
    assert_staking_error(result, StakingError::ConsentExpired);
}

#[tokio::test]
async fn the_consent_instruction_must_come_right_before() {
    let mut s = setup().await;
    let consent = s.consent(1).await;
    let register =
        s.protocol
            .addresses
            .register_device_only(s.owner.pubkey(), 3, args_of(&consent));

    // No instruction before it.
    let result = s.send(std::slice::from_ref(&register)).await;
    assert_staking_error(result, StakingError::ConsentMissing);

    // Another program's instruction before it (the consent two places up does not count): a
    // system transfer of 1 lamport to oneself.
    let mut transfer_data = 2u32.to_le_bytes().to_vec();
    transfer_data.extend_from_slice(&1u64.to_le_bytes());
    let transfer = Instruction {
        program_id: anchor_lang::system_program::ID,
        accounts: vec![
            AccountMeta::new(s.owner.pubkey(), true),
            AccountMeta::new(s.owner.pubkey(), false),
        ],
        data: transfer_data,
    };
    let result = s
        .send(&[consent.ed25519_instruction(), transfer, register.clone()])
        .await;
    assert_staking_error(result, StakingError::ConsentMissing);

    // A signature over something that is not a consent.
    let not_a_consent = b"hello".to_vec();
    let signature: [u8; 64] = s.device_key.sign_message(&not_a_consent).into();
    let other_message = Instruction {
        program_id: solana_sdk_ids::ed25519_program::ID,
        accounts: vec![],
        data: ed25519_instruction_data(
            &s.device_key.pubkey().to_bytes(),
            &signature,
            &not_a_consent,
        ),
    };
    let result = s.send(&[other_message, register.clone()]).await;
    assert_staking_error(result, StakingError::ConsentMalformed);

    // An Ed25519 instruction with no signature in it.
    let empty = Instruction {
        program_id: solana_sdk_ids::ed25519_program::ID,
        accounts: vec![],
        data: vec![0, 0],
    };
    let result = s.send(&[empty, register.clone()]).await;
    assert_staking_error(result, StakingError::ConsentMalformed);

    // Offsets into another instruction: the runtime verifies the signature the first Ed25519
    // instruction holds, read through the second (a header only), which the program must
    // refuse: a transaction could point them at any instruction's data. (The harness puts a
    // compute-budget instruction first, so the first Ed25519 instruction is at index 1.)
    let inside = consent.ed25519_instruction();
    let mut header = inside.data[..16].to_vec();
    for field in [4, 8, 14] {
        header[field..field + 2].copy_from_slice(&1u16.to_le_bytes());
    }
    let pointing = Instruction {
        program_id: solana_sdk_ids::ed25519_program::ID,
        accounts: vec![],
        data: header,
    };
    let result = s.send(&[inside, pointing, register.clone()]).await;
    assert_staking_error(result, StakingError::ConsentOutsideInstruction);

    // A forged signature fails in the Ed25519 program, before register_device runs.
    let mut tampered = consent;
    tampered.signature[0] ^= 1;
    let result = s.send(&[tampered.ed25519_instruction(), register]).await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(s.chain.pool_state(&s.protocol).await.registered_devices, 0);
}

#[tokio::test]
async fn one_device_per_set_of_gpus_until_it_closes() {
    let mut s = setup().await;
    let consent = s.consent(1).await;
    s.register_as(&consent, 3, args_of(&consent)).await.unwrap();

    // The same GPUs under a second device key, by the same owner or another.
    let second_key = Keypair::new();
    let again = s
        .chain
        .consent(&s.protocol, &s.owner, &second_key, 3, 1, [9; 32])
        .await;
    let result = s.register_as(&again, 3, args_of(&again)).await;
    assert_staking_error(result, StakingError::HardwareAlreadyRegistered);
    let other_owner = Keypair::new();
    s.chain.airdrop(&other_owner.pubkey(), 100_000_000).await;
    let theirs = s
        .chain
        .consent(&s.protocol, &other_owner, &second_key, 3, 1, [9; 32])
        .await;
    let result = s
        .chain
        .register_with(&s.protocol, &other_owner, &theirs)
        .await;
    assert_staking_error(result, StakingError::HardwareAlreadyRegistered);

    // Once the first device is closed, the GPUs may register again under the second key.
    let device = s.protocol.addresses.device(&s.device_key.pubkey());
    let close = s
        .protocol
        .addresses
        .close_device(s.owner.pubkey(), device, &[9; 32]);
    s.send(&[close]).await.unwrap();
    assert!(s
        .chain
        .account(s.protocol.addresses.hardware_marker(&[9; 32]))
        .await
        .is_none());
    let again = s
        .chain
        .consent(&s.protocol, &s.owner, &second_key, 3, 1, [9; 32])
        .await;
    s.register_as(&again, 3, args_of(&again)).await.unwrap();
}

#[tokio::test]
async fn rejects_a_gpu_count_out_of_range() {
    let mut s = setup().await;
    for count in [0, 1_025, u16::MAX] {
        s.device_key = Keypair::new();
        let consent = s.consent(count).await;
        let result = s.register_as(&consent, 3, args_of(&consent)).await;
        assert_staking_error(result, StakingError::InvalidGpuCount);
    }
}

#[tokio::test]
async fn rejects_an_unknown_model() {
    let mut s = setup().await;
    let consent = s
        .chain
        .consent(&s.protocol, &s.owner, &s.device_key, 999, 1, [9; 32])
        .await;
    let result = s.register_as(&consent, 999, args_of(&consent)).await;
    assert_anchor_error(result, AnchorErrorCode::AccountNotInitialized.into());
}

#[tokio::test]
async fn one_device_per_key() {
    let (mut chain, protocol) = protocol().await;
    let dev = chain.register_device(&protocol, "H100", 1, 0).await;
    let other_owner = Keypair::new();
    chain.airdrop(&other_owner.pubkey(), 100_000_000).await;
    // Even with the device key's consent for the other owner and other GPUs.
    let consent = chain
        .consent(&protocol, &other_owner, &dev.device_key, 3, 1, [4; 32])
        .await;
    let result = chain.register_with(&protocol, &other_owner, &consent).await;
    assert!(result.is_err());
    assert_eq!(chain.device_state(&dev).await.owner, dev.owner.pubkey());
}

#[tokio::test]
async fn not_while_paused() {
    let mut s = setup().await;
    let admin = s.protocol.admin.insecure_clone();
    let pause = s.protocol.addresses.set_paused(admin.pubkey(), true);
    s.chain.process(&[pause], &[&admin]).await.unwrap();
    let consent = s.consent(1).await;
    let result = s.register_as(&consent, 3, args_of(&consent)).await;
    assert_staking_error(result, StakingError::Paused);
}
