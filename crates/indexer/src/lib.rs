//! The indexer: the programs' events (`emit_cpi!` inner instructions) decoded into an embedded
//! database, served as JSON and CSV for the explorer and for anyone's spreadsheet.

pub mod api;
pub mod decode;
pub mod follow;
pub mod store;

pub use store::{EpochRow, HistoryRow, IndexError, IndexStore, Totals, TxEvents};
