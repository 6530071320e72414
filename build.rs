//! Regenerates the client from the spec into `OUT_DIR` at build time, the way a
//! user would with a `build.rs` instead of checking the crate in. The root
//! package's test compares that output with the checked-in `generated-client/`.

use std::path::PathBuf;

use apigen::config::Config;

fn main() {
    if let Err(message) = run() {
        // A build script reports failure by exiting non-zero with a message.
        eprintln!("{message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let manifest = root.join("Cargo.toml");
    let config = Config::from_manifest(&manifest)?;
    let spec = root.join(&config.spec);
    println!("cargo::rerun-if-changed={}", manifest.display());
    println!("cargo::rerun-if-changed={}", spec.display());
    let generated = config
        .generator()
        .generate(&spec)
        .map_err(|error| error.to_string())?;
    for warning in &generated.warnings {
        println!("cargo::warning={}", warning.to_string().replace('\n', " "));
    }
    let out = out.join("generated-client");
    apigen::output::write(&out, &generated.files)
        .map_err(|error| format!("cannot write {}: {error}", out.display()))?;
    // The test needs to know where the checked-in crate is.
    println!(
        "cargo::rustc-env=CHECKED_IN_CLIENT={}",
        root.join(&config.out).display()
    );
    println!("cargo::rustc-env=BUILT_CLIENT={}", out.display());
    Ok(())
}
