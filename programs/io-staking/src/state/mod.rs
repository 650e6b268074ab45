pub mod config;
pub mod device;
pub mod gpu_model;
pub mod pool;
pub mod seeds;

pub use config::*;
pub use device::*;
pub use gpu_model::*;
pub use pool::*;
