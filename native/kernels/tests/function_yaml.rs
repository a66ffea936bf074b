//! The committed extension YAML must equal the one generated from the registry.

#[test]
fn functions_flink_yaml_matches_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../substrait-plans/extensions/functions_flink.yaml");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == ember_kernels::registry::function_yaml(),
        "{} drifted from native/kernels/src/registry.rs: run `cargo run -p ember-kernels --bin print_function_yaml -- --write`",
        path.display()
    );
}
