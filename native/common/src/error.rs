//! The one error enum of the native side.

use std::fmt;

use arrow::error::ArrowError;
use datafusion_common::DataFusionError;

/// Java class of failures that have no Flink-specific meaning (bugs, broken plans, Arrow errors).
pub const DEFAULT_JAVA_EXCEPTION: &str = "dev.ember.flink.jni.EmberNativeException";

/// Java class of [`EmberError::Unsupported`]: the Java side catches it and falls back to stock Flink.
pub const UNSUPPORTED_JAVA_EXCEPTION: &str = "dev.ember.flink.jni.EmberUnsupportedException";

/// `Result` with [`EmberError`].
pub type Result<T> = std::result::Result<T, EmberError>;

/// Every failure of the native side.
///
/// Runtime variants mirror the exception stock Flink's generated code throws for the same input, so a
/// job fails identically with or without the accelerator.
#[derive(Debug)]
pub enum EmberError {
    /// The plan uses a function, type, expression or relation kind that has no Flink-identical native
    /// implementation. Raised by `CalcProgram::try_new` only; the message is the fallback reason shown
    /// to users (e.g. "function regexp_extract is not supported natively").
    /// Java: `dev.ember.flink.jni.EmberUnsupportedException`.
    Unsupported(String),
    /// The plan violates the contract of `substrait-plans/README.md` (a translator bug).
    /// Java: `dev.ember.flink.jni.EmberNativeException`.
    Plan(String),
    /// Arithmetic failure that Java raises, e.g. integer `/` or `%` by zero ("/ by zero") or a DECIMAL
    /// division by zero. Java: `java.lang.ArithmeticException`.
    Arithmetic(String),
    /// A string that does not parse as a number in `CAST` (Flink's `BinaryStringDataUtil.toInt` etc.,
    /// `Double.parseDouble`). Java: `java.lang.NumberFormatException`.
    NumberFormat(String),
    /// A failure Flink reports as `TableException`, e.g. `CAST('x' AS BOOLEAN)`.
    /// Java: `org.apache.flink.table.api.TableException`.
    Table(String),
    /// A string that does not parse as a date/time in `CAST`. Java: `java.time.DateTimeException`.
    DateTime(String),
    /// An Arrow kernel failed (a bug on our side). Java: `dev.ember.flink.jni.EmberNativeException`.
    Arrow(ArrowError),
    /// Any other execution failure (a bug on our side). Java: `dev.ember.flink.jni.EmberNativeException`.
    Execution(String),
}

impl EmberError {
    /// Fully qualified name of the Java exception class this error becomes at the JNI boundary.
    pub fn java_exception_class(&self) -> &'static str {
        match self {
            EmberError::Unsupported(_) => UNSUPPORTED_JAVA_EXCEPTION,
            EmberError::Arithmetic(_) => "java.lang.ArithmeticException",
            EmberError::NumberFormat(_) => "java.lang.NumberFormatException",
            EmberError::Table(_) => "org.apache.flink.table.api.TableException",
            EmberError::DateTime(_) => "java.time.DateTimeException",
            EmberError::Plan(_) | EmberError::Arrow(_) | EmberError::Execution(_) => {
                DEFAULT_JAVA_EXCEPTION
            }
        }
    }

    /// The message for the Java exception (without the class name): exactly stock Flink's message for errors
    /// that mirror a Flink failure (e.g. "/ by zero"), the reason alone for `Unsupported` (it becomes the
    /// fallback reason), and a short context prefix for Ember's own failures ("invalid plan: ...").
    pub fn java_message(&self) -> String {
        match self {
            EmberError::Unsupported(m)
            | EmberError::Arithmetic(m)
            | EmberError::NumberFormat(m)
            | EmberError::Table(m)
            | EmberError::DateTime(m) => m.clone(),
            EmberError::Plan(_) | EmberError::Arrow(_) | EmberError::Execution(_) => {
                self.to_string()
            }
        }
    }

    /// Wraps this error for transport through DataFusion (kernels return `DataFusionError`).
    pub fn into_datafusion(self) -> DataFusionError {
        DataFusionError::External(Box::new(self))
    }
}

impl fmt::Display for EmberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmberError::Unsupported(m) => write!(f, "unsupported: {m}"),
            EmberError::Plan(m) => write!(f, "invalid plan: {m}"),
            EmberError::Arrow(e) => write!(f, "arrow error: {e}"),
            EmberError::Execution(m) => write!(f, "execution error: {m}"),
            other => write!(
                f,
                "{}: {}",
                other.java_exception_class(),
                other.java_message()
            ),
        }
    }
}

impl std::error::Error for EmberError {}

impl From<ArrowError> for EmberError {
    fn from(e: ArrowError) -> Self {
        match e {
            // Kernels run inside Arrow helpers sometimes wrap our error in an ExternalError.
            ArrowError::ExternalError(inner) => from_boxed(inner),
            other => EmberError::Arrow(other),
        }
    }
}

impl From<DataFusionError> for EmberError {
    fn from(e: DataFusionError) -> Self {
        match e {
            DataFusionError::External(inner) => from_boxed(inner),
            DataFusionError::ArrowError(inner, _) => EmberError::from(*inner),
            DataFusionError::Context(_, inner) => EmberError::from(*inner),
            DataFusionError::Shared(shared) => match shared.find_root() {
                DataFusionError::External(inner) => match inner.downcast_ref::<EmberError>() {
                    Some(ember) => ember.clone_shallow(),
                    None => EmberError::Execution(inner.to_string()),
                },
                other => EmberError::Execution(other.to_string()),
            },
            other => EmberError::Execution(other.to_string()),
        }
    }
}

fn from_boxed(inner: Box<dyn std::error::Error + Send + Sync>) -> EmberError {
    match inner.downcast::<EmberError>() {
        Ok(ember) => *ember,
        Err(inner) => match inner.downcast::<DataFusionError>() {
            Ok(df) => EmberError::from(*df),
            Err(inner) => match inner.downcast::<ArrowError>() {
                Ok(arrow) => EmberError::from(*arrow),
                Err(other) => EmberError::Execution(other.to_string()),
            },
        },
    }
}

impl EmberError {
    /// Copy of this error where the Arrow variant degrades to its message (ArrowError is not Clone).
    fn clone_shallow(&self) -> EmberError {
        match self {
            EmberError::Unsupported(m) => EmberError::Unsupported(m.clone()),
            EmberError::Plan(m) => EmberError::Plan(m.clone()),
            EmberError::Arithmetic(m) => EmberError::Arithmetic(m.clone()),
            EmberError::NumberFormat(m) => EmberError::NumberFormat(m.clone()),
            EmberError::Table(m) => EmberError::Table(m.clone()),
            EmberError::DateTime(m) => EmberError::DateTime(m.clone()),
            EmberError::Arrow(e) => EmberError::Execution(e.to_string()),
            EmberError::Execution(m) => EmberError::Execution(m.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_error_survives_datafusion_transport() {
        let df = EmberError::Arithmetic("/ by zero".into()).into_datafusion();
        let wrapped = DataFusionError::Context("evaluating".into(), Box::new(df));
        let back = EmberError::from(wrapped);
        assert_eq!(back.java_exception_class(), "java.lang.ArithmeticException");
        assert_eq!(back.java_message(), "/ by zero");
    }

    #[test]
    fn typed_error_survives_arrow_external() {
        let arrow = ArrowError::ExternalError(Box::new(EmberError::NumberFormat("x".into())));
        let back = EmberError::from(DataFusionError::ArrowError(Box::new(arrow), None));
        assert_eq!(
            back.java_exception_class(),
            "java.lang.NumberFormatException"
        );
    }

    #[test]
    fn unknown_failures_map_to_default_class() {
        let back = EmberError::from(DataFusionError::Internal("boom".into()));
        assert_eq!(back.java_exception_class(), DEFAULT_JAVA_EXCEPTION);
        assert_eq!(
            EmberError::Unsupported("f".into()).java_exception_class(),
            UNSUPPORTED_JAVA_EXCEPTION
        );
    }
}
