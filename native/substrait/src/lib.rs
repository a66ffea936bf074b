//! Substrait consumer of the Ember native Calc.
//!
//! The Java planner extension translates one Flink Calc (projection + optional condition) into a
//! Substrait plan of the shape documented in `substrait-plans/README.md`
//! (`Root <- Project <- [Filter <-] Read`). [`CalcProgram`] compiles that plan once into DataFusion
//! physical expressions over the Flink-semantics kernels of `ember-kernels` and evaluates it batch by
//! batch. Anything the kernels cannot reproduce exactly is rejected at [`CalcProgram::try_new`] with
//! `EmberError::Unsupported`, whose message becomes the fallback reason.

mod context;
mod expr;
mod program;
mod rel;
pub mod types;

pub use program::{CalcOutput, CalcProgram, FLINK_TYPE_METADATA_KEY};
