//! Error type shared by the Ember native crates.
//!
//! There is exactly one error enum, [`EmberError`]. Every variant knows the Java exception class it
//! becomes at the JNI boundary ([`EmberError::java_exception_class`]), so that a runtime failure of a
//! native Calc surfaces in the job exactly as the same failure of stock Flink's generated code would
//! (e.g. integer division by zero is a `java.lang.ArithmeticException` with message "/ by zero").
//!
//! Errors raised inside DataFusion kernels travel as `DataFusionError::External(Box<EmberError>)`;
//! [`From<DataFusionError>`] recovers the typed error.

mod error;

pub use error::{DEFAULT_JAVA_EXCEPTION, EmberError, Result, UNSUPPORTED_JAVA_EXCEPTION};
