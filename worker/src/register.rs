//! `io-worker register`: the device key's consent to be registered by its owner (docs/design.md
//! section 15). The consent is signed here, on the GPU machine, so the key never has to reach the
//! owner's wallet or a web page.

use std::io::Write;

use anyhow::{bail, Result};
use io_consent::RegistrationConsent;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::cli::RegisterArgs;
use crate::heartbeat::hex_string;
use crate::probe::Snapshot;

/// A signed consent and its text.
pub struct SignedConsentText {
    pub consent: RegistrationConsent,
    pub text: String,
}

/// Signs the consent for the GPUs in `snapshot`.
pub fn consent(
    snapshot: &Snapshot,
    args: &RegisterArgs,
    device_key: &Keypair,
    expires_at: i64,
) -> Result<SignedConsentText> {
    let seen = u16::try_from(snapshot.gpus.len())?;
    let gpu_count = args.gpu_count.unwrap_or(seen);
    if gpu_count == 0 || gpu_count > seen {
        bail!("--gpu-count {gpu_count}: the probe sees {seen} GPU(s)");
    }
    let consent = RegistrationConsent {
        program: args.program.to_bytes(),
        config: args.config.to_bytes(),
        owner: args.owner.to_bytes(),
        device_key: device_key.pubkey().to_bytes(),
        model_id: args.model_id,
        gpu_count,
        hardware_hash: snapshot.hardware_hash(),
        expires_at,
    };
    let signature: [u8; 64] = device_key.sign_message(&consent.to_message()).into();
    Ok(SignedConsentText {
        text: io_consent::to_text(&consent, &signature),
        consent,
    })
}

/// What the consent says, for the person running the command, then the consent line itself.
pub fn write_summary(
    snapshot: &Snapshot,
    args: &RegisterArgs,
    signed: &SignedConsentText,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let label = snapshot.label();
    let consent = &signed.consent;
    if snapshot.simulated {
        writeln!(
            out,
            "{label}these GPUs are SIMULATED by --simulate; nothing here was read from hardware"
        )?;
    }
    writeln!(out, "{label}consent to register this device")?;
    writeln!(out, "{label}  owner          {}", args.owner)?;
    writeln!(out, "{label}  config         {}", args.config)?;
    writeln!(out, "{label}  program        {}", args.program)?;
    writeln!(
        out,
        "{label}  device key     {}",
        solana_pubkey::Pubkey::new_from_array(consent.device_key)
    )?;
    writeln!(out, "{label}  GPU model id   {}", consent.model_id)?;
    writeln!(out, "{label}  GPUs           {}", consent.gpu_count)?;
    writeln!(
        out,
        "{label}  hardware hash  {}",
        hex_string(&consent.hardware_hash)
    )?;
    writeln!(
        out,
        "{label}  expires at     {} (unix seconds)",
        consent.expires_at
    )?;
    writeln!(
        out,
        "{label}paste the next line into the app's register form (only the owner's wallet signs):"
    )?;
    writeln!(out, "{}", signed.text)
}
