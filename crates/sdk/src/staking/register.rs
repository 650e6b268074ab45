//! Builders for registering a device (docs/design.md sections 15 to 17): the device key's
//! consent, its hardware marker, and naming io-payments as the recorder of rentals.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, ToAccountMetas};
use io_staking::state::HardwareMarker;
use io_staking::RegisterDeviceArgs;

use super::instruction;
use crate::consent::SignedConsent;
use crate::{event_authority, Addresses};

impl Addresses {
    pub fn hardware_marker(&self, hardware_hash: &[u8; 32]) -> Pubkey {
        HardwareMarker::find_address(&self.config, hardware_hash).0
    }

    /// `register_device` for the owner alone to sign, with the device key's consent: the
    /// Ed25519 program instruction carrying it, then the registration, in this order and next
    /// to each other in one transaction.
    pub fn register_device(&self, owner: Pubkey, consent: &SignedConsent) -> [Instruction; 2] {
        let terms = &consent.consent;
        let device_key = Pubkey::new_from_array(terms.device_key);
        let args = RegisterDeviceArgs {
            device_key,
            gpu_count: terms.gpu_count,
            hardware_hash: terms.hardware_hash,
        };
        [
            consent.ed25519_instruction(),
            self.register_device_only(owner, terms.model_id, args),
        ]
    }

    /// The `register_device` instruction alone, for a caller placing its own Ed25519
    /// instruction before it (tests of malformed consents do).
    pub fn register_device_only(
        &self,
        owner: Pubkey,
        model_id: u16,
        args: RegisterDeviceArgs,
    ) -> Instruction {
        instruction(
            io_staking::accounts::RegisterDevice {
                owner,
                config: self.config,
                reward_pool: self.reward_pool,
                gpu_model: self.gpu_model(model_id),
                device: self.device(&args.device_key),
                hardware_marker: self.hardware_marker(&args.hardware_hash),
                instructions: solana_sdk_ids::sysvar::instructions::ID,
                system_program: system_program::ID,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::RegisterDevice { args },
        )
    }

    /// The owner's rental terms for `device`: the least a renter pays per hour in USDC and in
    /// IO base units (0 refuses rentals in that mint).
    pub fn set_rental_terms(
        &self,
        owner: Pubkey,
        device: Pubkey,
        terms: io_staking::RentalTerms,
    ) -> Instruction {
        instruction(
            io_staking::accounts::SetRentalTerms {
                owner,
                config: self.config,
                device,
                event_authority: event_authority(&io_staking::ID),
                program: io_staking::ID,
            }
            .to_account_metas(None),
            io_staking::instruction::SetRentalTerms { terms },
        )
    }

    /// Names io-payments' config for this deployment as the signer that records rentals.
    pub fn set_payments_authority(&self, admin: Pubkey) -> Instruction {
        let authority = io_payments::state::PaymentsConfig::find_address(&self.config).0;
        instruction(
            self.admin_only(admin),
            io_staking::instruction::SetPaymentsAuthority { authority },
        )
    }
}
