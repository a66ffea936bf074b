//! Adapter from a plain array kernel to a DataFusion `ScalarUDF` / `ScalarFunctionExpr`.
//!
//! Every Flink-semantics function is a pure function over Arrow arrays. The adapter expands scalar
//! arguments to arrays and hands the kernel the plan's return field, so result types (e.g. DECIMAL
//! precision/scale) always come from the plan, never from inference.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::datatypes::{DataType, FieldRef};
use datafusion_common::config::ConfigOptions;
use datafusion_common::{DataFusionError, Result as DfResult};
use datafusion_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datafusion_physical_expr::{PhysicalExpr, ScalarFunctionExpr};

/// The body of a kernel: argument arrays (all of the batch length) and the return field.
pub type KernelFn = dyn Fn(&[ArrayRef], &FieldRef) -> DfResult<ArrayRef> + Send + Sync;

/// A named array kernel exposed as a DataFusion scalar UDF.
pub struct KernelUdf {
    name: String,
    signature: Signature,
    kernel: Arc<KernelFn>,
}

impl KernelUdf {
    /// Wraps `kernel` under `name` (the name shows in plans and error messages).
    pub fn new(name: impl Into<String>, kernel: Arc<KernelFn>) -> Self {
        KernelUdf {
            name: name.into(),
            signature: Signature::variadic_any(Volatility::Immutable),
            kernel,
        }
    }
}

impl fmt::Debug for KernelUdf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KernelUdf({})", self.name)
    }
}

// Identity is the kernel instance: two UDFs are equal only if they share the same closure.
impl PartialEq for KernelUdf {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && Arc::ptr_eq(&self.kernel, &other.kernel)
    }
}
impl Eq for KernelUdf {}
impl Hash for KernelUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl ScalarUDFImpl for KernelUdf {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DfResult<DataType> {
        // Never planned through DataFusion's logical layer: the return field comes from the plan.
        Err(DataFusionError::Internal(format!(
            "{}: return type comes from the Substrait plan",
            self.name
        )))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DfResult<ColumnarValue> {
        let n = args.number_rows;
        let arrays = args
            .args
            .iter()
            .map(|a| a.to_array(n))
            .collect::<DfResult<Vec<_>>>()?;
        let out = (self.kernel)(&arrays, &args.return_field)?;
        Ok(ColumnarValue::Array(out))
    }
}

/// Builds the physical expression `name(args...)` evaluated by `kernel`, returning `return_field`.
pub fn kernel_expr(
    name: &str,
    kernel: Arc<KernelFn>,
    args: Vec<Arc<dyn PhysicalExpr>>,
    return_field: FieldRef,
) -> Arc<dyn PhysicalExpr> {
    let udf = Arc::new(ScalarUDF::new_from_impl(KernelUdf::new(name, kernel)));
    Arc::new(ScalarFunctionExpr::new(
        name,
        udf,
        args,
        return_field,
        Arc::new(ConfigOptions::default()),
    ))
}
