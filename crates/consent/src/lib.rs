//! A device's registration consent (docs/design.md section 15).
//!
//! The device key lives on the GPU machine. Rather than co-signing the owner's transaction (which
//! would mean carrying the key to wherever the wallet is, a web page included), the worker signs
//! this fixed-layout message once, and the owner's transaction carries it in an Ed25519 program
//! instruction placed right before `register_device`. The program reads that instruction back
//! through the instructions sysvar and checks the message field by field.
//!
//! No dependencies and no allocation on the program's path: io-staking links this on chain, the
//! worker and the SDK off chain.

/// The message starts with this tag, so a signature over it can never be mistaken for a
/// heartbeat or any other message the device key signs.
pub const DOMAIN: [u8; 32] = *b"io-network:device-consent:v1\0\0\0\0";
/// `DOMAIN ‖ program ‖ config ‖ owner ‖ device key ‖ model id ‖ GPU count ‖ hardware hash ‖
/// expiry`: six 32-byte fields, two u16 and one i64, little-endian.
pub const MESSAGE_LEN: usize = 32 * 6 + 2 + 2 + 8;
pub const SIGNATURE_LEN: usize = 64;
/// What `io-worker register` prints before the hex of `message ‖ signature`.
pub const TEXT_PREFIX: &str = "io-consent-v1:";
/// A consent is valid for at most this long after it is signed; the worker defaults to a day.
pub const MAX_VALIDITY_SECONDS: i64 = 30 * 86_400;
/// The Ed25519 program's instruction-index value meaning "this instruction".
pub const THIS_INSTRUCTION: u16 = u16::MAX;

/// What the device key agrees to: being registered by `owner` under `config` of `program`, as
/// `gpu_count` GPUs of model `model_id` whose identities hash to `hardware_hash`, until
/// `expires_at` (unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegistrationConsent {
    pub program: [u8; 32],
    pub config: [u8; 32],
    pub owner: [u8; 32],
    pub device_key: [u8; 32],
    pub model_id: u16,
    pub gpu_count: u16,
    pub hardware_hash: [u8; 32],
    pub expires_at: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentFormatError {
    /// Not `MESSAGE_LEN` bytes, or another domain tag.
    Message,
    /// The Ed25519 instruction's data is not one signature with its offsets inside the data.
    Instruction,
    /// The Ed25519 instruction reads its key, signature or message from another instruction.
    OutsideInstruction,
    /// The text is not `io-consent-v1:` followed by the hex of a message and a signature.
    Text,
}

impl core::fmt::Display for ConsentFormatError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Message => "not a device registration consent (length or domain tag)",
            Self::Instruction => "not a single-signature Ed25519 instruction",
            Self::OutsideInstruction => "the Ed25519 instruction points into another instruction",
            Self::Text => "not consent text: expected io-consent-v1: followed by 536 hex digits",
        })
    }
}

impl std::error::Error for ConsentFormatError {}

fn take<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[at..at + N]);
    out
}

impl RegistrationConsent {
    pub fn to_message(&self) -> [u8; MESSAGE_LEN] {
        let mut out = [0u8; MESSAGE_LEN];
        let fields: [&[u8]; 9] = [
            &DOMAIN,
            &self.program,
            &self.config,
            &self.owner,
            &self.device_key,
            &self.model_id.to_le_bytes(),
            &self.gpu_count.to_le_bytes(),
            &self.hardware_hash,
            &self.expires_at.to_le_bytes(),
        ];
        let mut at = 0;
        for field in fields {
            out[at..at + field.len()].copy_from_slice(field);
            at += field.len();
        }
        out
    }

    pub fn from_message(message: &[u8]) -> Result<Self, ConsentFormatError> {
        if message.len() != MESSAGE_LEN || message[..32] != DOMAIN {
            return Err(ConsentFormatError::Message);
        }
        Ok(Self {
            program: take(message, 32),
            config: take(message, 64),
            owner: take(message, 96),
            device_key: take(message, 128),
            model_id: u16::from_le_bytes(take(message, 160)),
            gpu_count: u16::from_le_bytes(take(message, 162)),
            hardware_hash: take(message, 164),
            expires_at: i64::from_le_bytes(take(message, 196)),
        })
    }
}

/// One signature read out of an Ed25519 program instruction's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedMessage<'a> {
    pub public_key: &'a [u8; 32],
    pub signature: &'a [u8; SIGNATURE_LEN],
    pub message: &'a [u8],
}

/// The Ed25519 program's layout: a count, a padding byte, then per signature seven u16
/// (signature offset and instruction, key offset and instruction, message offset, size and
/// instruction).
const HEADER_LEN: usize = 2 + 14;

fn u16_at(data: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([data[at], data[at + 1]])
}

fn slice(data: &[u8], offset: u16, len: usize) -> Result<&[u8], ConsentFormatError> {
    let start = usize::from(offset);
    data.get(
        start
            ..start
                .checked_add(len)
                .ok_or(ConsentFormatError::Instruction)?,
    )
    .ok_or(ConsentFormatError::Instruction)
}

/// Reads the one signature of an Ed25519 program instruction whose key, signature and message
/// all lie inside its own data. The runtime has verified the signature before the program runs;
/// this only finds what it verified. Several signatures, or offsets into other instructions
/// (which a transaction could fill with anything), are refused.
pub fn parse_ed25519_instruction(data: &[u8]) -> Result<SignedMessage<'_>, ConsentFormatError> {
    if data.len() < HEADER_LEN || data[0] != 1 {
        return Err(ConsentFormatError::Instruction);
    }
    let signature_offset = u16_at(data, 2);
    let signature_instruction = u16_at(data, 4);
    let key_offset = u16_at(data, 6);
    let key_instruction = u16_at(data, 8);
    let message_offset = u16_at(data, 10);
    let message_size = u16_at(data, 12);
    let message_instruction = u16_at(data, 14);
    if [signature_instruction, key_instruction, message_instruction]
        .iter()
        .any(|index| *index != THIS_INSTRUCTION)
    {
        return Err(ConsentFormatError::OutsideInstruction);
    }
    let public_key = slice(data, key_offset, 32)?
        .try_into()
        .map_err(|_| ConsentFormatError::Instruction)?;
    let signature = slice(data, signature_offset, SIGNATURE_LEN)?
        .try_into()
        .map_err(|_| ConsentFormatError::Instruction)?;
    let message = slice(data, message_offset, usize::from(message_size))?;
    Ok(SignedMessage {
        public_key,
        signature,
        message,
    })
}

/// The data of an Ed25519 program instruction verifying `signature` by `public_key` over
/// `message`, everything inside the instruction (the layout the Solana SDKs produce).
pub fn ed25519_instruction_data(
    public_key: &[u8; 32],
    signature: &[u8; SIGNATURE_LEN],
    message: &[u8],
) -> Vec<u8> {
    let key_offset = HEADER_LEN;
    let signature_offset = key_offset + 32;
    let message_offset = signature_offset + SIGNATURE_LEN;
    let mut data = Vec::with_capacity(message_offset + message.len());
    data.extend_from_slice(&[1, 0]);
    for value in [
        signature_offset,
        usize::from(THIS_INSTRUCTION),
        key_offset,
        usize::from(THIS_INSTRUCTION),
        message_offset,
        message.len(),
        usize::from(THIS_INSTRUCTION),
    ] {
        data.extend_from_slice(&(value as u16).to_le_bytes());
    }
    data.extend_from_slice(public_key);
    data.extend_from_slice(signature);
    data.extend_from_slice(message);
    data
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The consent as one line a person can paste: `io-consent-v1:` and the hex of the message and
/// the signature.
pub fn to_text(consent: &RegistrationConsent, signature: &[u8; SIGNATURE_LEN]) -> String {
    let mut text = String::with_capacity(TEXT_PREFIX.len() + 2 * (MESSAGE_LEN + SIGNATURE_LEN));
    text.push_str(TEXT_PREFIX);
    for byte in consent.to_message().iter().chain(signature.iter()) {
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    text
}

fn hex_digit(digit: u8) -> Result<u8, ConsentFormatError> {
    match digit {
        b'0'..=b'9' => Ok(digit - b'0'),
        b'a'..=b'f' => Ok(digit - b'a' + 10),
        b'A'..=b'F' => Ok(digit - b'A' + 10),
        _ => Err(ConsentFormatError::Text),
    }
}

/// Reads consent text back (surrounding whitespace is ignored). Checks the form only: the
/// signature is checked by the Ed25519 program when the transaction runs.
pub fn from_text(
    text: &str,
) -> Result<(RegistrationConsent, [u8; SIGNATURE_LEN]), ConsentFormatError> {
    let hex = text
        .trim()
        .strip_prefix(TEXT_PREFIX)
        .ok_or(ConsentFormatError::Text)?
        .as_bytes();
    if hex.len() != 2 * (MESSAGE_LEN + SIGNATURE_LEN) {
        return Err(ConsentFormatError::Text);
    }
    let mut bytes = [0u8; MESSAGE_LEN + SIGNATURE_LEN];
    for (byte, pair) in bytes.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = hex_digit(pair[0])? << 4 | hex_digit(pair[1])?;
    }
    let consent = RegistrationConsent::from_message(&bytes[..MESSAGE_LEN])?;
    Ok((consent, take(&bytes, MESSAGE_LEN)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RegistrationConsent {
        RegistrationConsent {
            program: [1; 32],
            config: [2; 32],
            owner: [3; 32],
            device_key: [4; 32],
            model_id: 0x0102,
            gpu_count: 8,
            hardware_hash: [5; 32],
            expires_at: 1_800_000_000,
        }
    }

    #[test]
    fn message_layout_is_fixed() {
        let message = sample().to_message();
        assert_eq!(message.len(), 204);
        assert_eq!(&message[..28], b"io-network:device-consent:v1");
        assert_eq!(&message[160..164], &[0x02, 0x01, 8, 0]);
        assert_eq!(&message[196..], &1_800_000_000i64.to_le_bytes());
        assert_eq!(RegistrationConsent::from_message(&message), Ok(sample()));
        let mut other_domain = message;
        other_domain[0] ^= 1;
        assert_eq!(
            RegistrationConsent::from_message(&other_domain),
            Err(ConsentFormatError::Message)
        );
        assert_eq!(
            RegistrationConsent::from_message(&message[..203]),
            Err(ConsentFormatError::Message)
        );
    }

    #[test]
    fn instruction_round_trips_and_refuses_outside_offsets() {
        let message = sample().to_message();
        let data = ed25519_instruction_data(&[9; 32], &[8; 64], &message);
        let signed = parse_ed25519_instruction(&data).unwrap();
        assert_eq!(signed.public_key, &[9; 32]);
        assert_eq!(signed.signature, &[8; 64]);
        assert_eq!(signed.message, &message[..]);

        for field in [4, 8, 14] {
            let mut elsewhere = data.clone();
            elsewhere[field..field + 2].copy_from_slice(&0u16.to_le_bytes());
            assert_eq!(
                parse_ed25519_instruction(&elsewhere),
                Err(ConsentFormatError::OutsideInstruction)
            );
        }
        let mut two = data.clone();
        two[0] = 2;
        assert_eq!(
            parse_ed25519_instruction(&two),
            Err(ConsentFormatError::Instruction)
        );
        let mut past_end = data.clone();
        past_end[12..14].copy_from_slice(&300u16.to_le_bytes());
        assert_eq!(
            parse_ed25519_instruction(&past_end),
            Err(ConsentFormatError::Instruction)
        );
        assert_eq!(
            parse_ed25519_instruction(&data[..10]),
            Err(ConsentFormatError::Instruction)
        );
    }

    #[test]
    fn text_round_trips() {
        let text = to_text(&sample(), &[0xab; 64]);
        assert!(text.starts_with("io-consent-v1:"));
        assert_eq!(text.len(), 14 + 536);
        assert_eq!(
            from_text(&format!(
                "  {}\n",
                text.to_uppercase().replace("IO-CONSENT-V1:", TEXT_PREFIX)
            )),
            Ok((sample(), [0xab; 64]))
        );
        assert_eq!(from_text(&text[1..]), Err(ConsentFormatError::Text));
        assert_eq!(
            from_text(&text[..text.len() - 2]),
            Err(ConsentFormatError::Text)
        );
        let bad_digit = format!("{}g", &text[..text.len() - 1]);
        assert_eq!(from_text(&bad_digit), Err(ConsentFormatError::Text));
    }
}
