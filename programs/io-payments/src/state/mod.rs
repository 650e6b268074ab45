pub mod config;
pub mod reservation;
pub mod seeds;

pub use config::*;
pub use reservation::*;
