//! Relations of the Calc plan shape: `Project <- [Filter <-] Read`.

pub mod filter;
pub mod project;
pub mod read;
