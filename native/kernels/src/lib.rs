//! Flink-semantics scalar functions for the Ember native Calc.
//!
//! Each function reproduces what Flink 2.3.0's generated code computes (results and exceptions).
//! [`registry`] is the single table of functions the native side supports; anything not in it, or a
//! type combination a builder does not accept, makes the Calc fall back to stock Flink.

pub mod arithmetic;
pub mod cast;
pub mod comparison;
pub mod conditional;
pub mod decimal;
pub mod hash;
pub mod java;
pub mod json;
pub mod logical;
pub mod math;
pub mod numeric;
pub mod registry;
pub mod selection;
pub mod string;
pub mod temporal;
pub mod types;
pub mod udf;
