//! Decodes the Anchor events (`emit_cpi!`) a transaction emitted, as captured by the harness.

use anchor_lang::{AnchorDeserialize, Discriminator, Event};

/// Every event of type `T` among `events`, in emission order.
pub fn decode<T: Event + AnchorDeserialize + Discriminator>(events: &[Vec<u8>]) -> Vec<T> {
    events
        .iter()
        .filter(|bytes| bytes.starts_with(T::DISCRIMINATOR))
        .filter_map(|bytes| T::deserialize(&mut &bytes[T::DISCRIMINATOR.len()..]).ok())
        .collect()
}

/// The single event of type `T`; panics if there is not exactly one.
#[track_caller]
pub fn single<T: Event + AnchorDeserialize + Discriminator>(events: &[Vec<u8>]) -> T {
    let mut decoded = decode::<T>(events);
    assert_eq!(decoded.len(), 1, "expected exactly one event of this type");
    decoded.remove(0)
}
