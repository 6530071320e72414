//! The root package exists for `build.rs`, which regenerates the client from
//! `spec/` into `OUT_DIR` at build time. Its test checks that this build-time
//! output is byte-for-byte the crate checked in under `generated-client/`.

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every file the generator owns, in both places.
    const GENERATED_FILES: &[&str] = &[
        "Cargo.toml",
        "src/client.rs",
        "src/error.rs",
        "src/lib.rs",
        "src/types.rs",
    ];

    #[test]
    fn build_time_output_equals_the_checked_in_crate() {
        let built = Path::new(env!("BUILT_CLIENT"));
        let checked_in = Path::new(env!("CHECKED_IN_CLIENT"));
        for file in GENERATED_FILES {
            let built_text = std::fs::read_to_string(built.join(file)).unwrap();
            let checked_in_text = std::fs::read_to_string(checked_in.join(file)).unwrap();
            assert!(
                built_text == checked_in_text,
                "{file} differs between build.rs output and generated-client/: run `cargo xtask generate`"
            );
        }
        let built_sources = std::fs::read_dir(built.join("src")).unwrap().count();
        assert_eq!(
            built_sources,
            GENERATED_FILES.len() - 1,
            "build.rs wrote an unexpected file"
        );
    }
}
