//! State shared while consuming one plan: the function anchors and the input row type.

use std::collections::HashMap;

use substrait::proto::Plan;
use substrait::proto::extensions::simple_extension_declaration::MappingType;

use ember_common::{EmberError, Result};
use ember_kernels::types::FlinkType;

/// What expression translation needs to know about the plan.
pub struct Context {
    /// `function_anchor` -> plain function name.
    functions: HashMap<u32, String>,
    /// Flink type of each input column (from `ReadRel.base_schema`).
    pub input_types: Vec<FlinkType>,
}

impl Context {
    /// Reads the function declarations of `plan`.
    pub fn new(plan: &Plan) -> Result<Self> {
        let mut functions = HashMap::new();
        for ext in &plan.extensions {
            match &ext.mapping_type {
                Some(MappingType::ExtensionFunction(f)) => {
                    let plain = f.name.split(':').next().unwrap_or(&f.name).to_string();
                    functions.insert(f.function_anchor, plain);
                }
                Some(_) => {
                    return Err(EmberError::Unsupported(
                        "extension types and type variations are not supported natively".into(),
                    ));
                }
                None => {}
            }
        }
        Ok(Context {
            functions,
            input_types: Vec::new(),
        })
    }

    /// The function name declared for `anchor`.
    pub fn function_name(&self, anchor: u32) -> Result<&str> {
        self.functions
            .get(&anchor)
            .map(String::as_str)
            .ok_or_else(|| EmberError::Plan(format!("undeclared function anchor {anchor}")))
    }
}
