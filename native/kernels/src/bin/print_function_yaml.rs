//! Prints, writes (`--write`) or checks (`--check`) the function extension YAML generated from the
//! native registry. Default path: `substrait-plans/extensions/functions_flink.yaml` of the workspace.

use std::path::PathBuf;
use std::process::ExitCode;

fn default_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../substrait-plans/extensions/functions_flink.yaml")
}

fn main() -> ExitCode {
    let yaml = ember_kernels::registry::function_yaml();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.get(1).map(PathBuf::from).unwrap_or_else(default_path);
    match args.first().map(String::as_str) {
        None => {
            print!("{yaml}");
            ExitCode::SUCCESS
        }
        Some("--write") => match std::fs::write(&path, yaml) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cannot write {}: {e}", path.display());
                ExitCode::FAILURE
            }
        },
        Some("--check") => match std::fs::read_to_string(&path) {
            Ok(current) if current == yaml => ExitCode::SUCCESS,
            Ok(_) => {
                eprintln!(
                    "{} is out of date: run `cargo run -p ember-kernels --bin print_function_yaml -- --write`",
                    path.display()
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("cannot read {}: {e}", path.display());
                ExitCode::FAILURE
            }
        },
        Some(other) => {
            eprintln!("usage: print_function_yaml [--write|--check] [path] (got {other})");
            ExitCode::FAILURE
        }
    }
}
