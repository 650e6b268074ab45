//! A device's registration consent (docs/design.md section 15): the worker signs it on the GPU
//! machine (`io-worker register`), the owner's wallet sends it in front of `register_device`.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
pub use io_consent::{ConsentFormatError, RegistrationConsent, MAX_VALIDITY_SECONDS, TEXT_PREFIX};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::Addresses;

/// A consent and the device key's signature over its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedConsent {
    pub consent: RegistrationConsent,
    pub signature: [u8; 64],
}

impl SignedConsent {
    /// Signs `consent` with the device key (which must be `consent.device_key`).
    pub fn sign(consent: RegistrationConsent, device_key: &Keypair) -> Self {
        let signature = device_key.sign_message(&consent.to_message());
        Self {
            consent,
            signature: signature.into(),
        }
    }

    pub fn from_text(text: &str) -> Result<Self, ConsentFormatError> {
        let (consent, signature) = io_consent::from_text(text)?;
        Ok(Self { consent, signature })
    }

    pub fn to_text(&self) -> String {
        io_consent::to_text(&self.consent, &self.signature)
    }

    pub fn device_key(&self) -> Pubkey {
        Pubkey::new_from_array(self.consent.device_key)
    }

    /// The Ed25519 program instruction verifying the signature, everything inside itself.
    pub fn ed25519_instruction(&self) -> Instruction {
        Instruction {
            program_id: solana_sdk_ids::ed25519_program::ID,
            accounts: vec![],
            data: io_consent::ed25519_instruction_data(
                &self.consent.device_key,
                &self.signature,
                &self.consent.to_message(),
            ),
        }
    }
}

impl Addresses {
    /// The consent a device key gives `owner` to register it on this deployment.
    pub fn consent(
        &self,
        owner: &Pubkey,
        device_key: &Pubkey,
        model_id: u16,
        gpu_count: u16,
        hardware_hash: [u8; 32],
        expires_at: i64,
    ) -> RegistrationConsent {
        RegistrationConsent {
            program: io_staking::ID.to_bytes(),
            config: self.config.to_bytes(),
            owner: owner.to_bytes(),
            device_key: device_key.to_bytes(),
            model_id,
            gpu_count,
            hardware_hash,
            expires_at,
        }
    }
}
