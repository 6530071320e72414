//! The hostile specs in `tests/hostile/specs/`. Each either generates a crate
//! in `tests/hostile/crates/` (compiled and tested as a workspace member, and
//! kept up to date by `cargo xtask generate --check`), or has a `.error` file
//! beside it holding the exact error it must give, checked here.

use std::fs;
use std::path::Path;

#[test]
fn specs_with_an_error_file_give_exactly_that_error() {
    let specs = Path::new("tests/hostile/specs");
    let mut checked = 0;
    let mut entries: Vec<_> = fs::read_dir(specs)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for expected in entries
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "error"))
    {
        let spec = expected.with_extension("yaml");
        let expected_text = fs::read_to_string(expected).unwrap();
        let error = apigen::Generator::new().generate(&spec).unwrap_err();
        let expected_text = expected_text
            .trim_end()
            .replace("{file}", &format!("error: {}", spec.display()));
        assert_eq!(error.to_string(), expected_text, "{}", spec.display());
        checked += 1;
    }
    assert_eq!(checked, 1, "the number of specs that must fail");
}

#[test]
fn every_other_spec_has_its_crate() {
    let specs = Path::new("tests/hostile/specs");
    for entry in fs::read_dir(specs).unwrap() {
        let spec = entry.unwrap().path();
        if spec.extension().is_some_and(|ext| ext == "error")
            || spec.with_extension("error").exists()
        {
            continue;
        }
        let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let manifest = Path::new("tests/hostile/crates")
            .join(&stem)
            .join("Cargo.toml");
        let text = fs::read_to_string(&manifest)
            .unwrap_or_else(|_| panic!("no crate for {}", spec.display()));
        assert!(
            text.contains(&format!("name = \"hostile-{stem}\"")),
            "{}",
            manifest.display()
        );
    }
}
