//! End-to-end tests of `cargo xtask generate`: they run the real binary on
//! specs and output directories in temporary directories and assert its exit
//! status, its exact messages and the bytes it writes (or does not write).
//!

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

const USAGE: &str = "\
usage: cargo xtask generate [--spec PATH] [--out DIR] [--name NAME] [--check] [--dump-ir]

  --spec PATH   the OpenAPI 3.0 document (YAML or JSON); default from Cargo.toml
  --out DIR     the crate directory to write; default from Cargo.toml
  --name NAME   the crate name; default from the spec's title or file name
  --check       write nothing; fail, naming the files, if DIR is not up to date
  --dump-ir     write nothing; print the lowered IR as JSON
";

/// The help line of a failed `--check` run by [`generate`]: the command that
/// regenerates exactly what was checked.
fn check_help(spec: &Path, out: &Path) -> String {
    format!(
        "  help: run `cargo xtask generate --spec {} --out {}` and commit the result\n",
        spec.display(),
        out.display()
    )
}

/// The files the generator writes for the seed spec, in the order it checks them.
const GENERATED_FILES: [&str; 5] = [
    "Cargo.toml",
    "src/client.rs",
    "src/error.rs",
    "src/lib.rs",
    "src/types.rs",
];

/// The exit status, stdout and stderr of one run of the binary.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

fn seed_spec() -> PathBuf {
    workspace_root().join("spec/eden.yaml")
}

/// Runs `xtask <args>` in `cwd`.
fn xtask_in<I, S>(cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the xtask binary runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `xtask generate --spec SPEC --out OUT <extra>` in the workspace root.
fn generate(spec: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("generate"),
        OsStr::new("--spec"),
        spec.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    xtask_in(&workspace_root(), args)
}

/// Every file under `dir` (relative path → bytes); empty if `dir` does not exist.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let relative = path.strip_prefix(root).expect("under root").to_path_buf();
                files.insert(relative, fs::read(&path).expect("readable file"));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

fn relative_paths(files: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    files
        .keys()
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .collect()
}

/// A temporary directory holding a copy of the seed spec at `eden.yaml`.
fn temp_with_seed() -> (TempDir, PathBuf) {
    let temp = TempDir::new().expect("temp dir");
    let spec = temp.path().join("eden.yaml");
    fs::copy(seed_spec(), &spec).expect("copy the seed spec");
    (temp, spec)
}

/// An output directory that already holds a sentinel and a hand-made
/// `src/lib.rs`, to show that a failed run leaves it exactly as it was.
fn prepared_out(temp: &TempDir) -> (PathBuf, BTreeMap<PathBuf, Vec<u8>>) {
    let out = temp.path().join("out");
    fs::create_dir_all(out.join("src")).expect("create out/src");
    fs::write(out.join("SENTINEL"), b"do not touch\n").expect("write sentinel");
    fs::write(
        out.join("src/lib.rs"),
        b"// pre-existing content\npub fn keep() {}\n",
    )
    .expect("write src/lib.rs");
    let before = snapshot(&out);
    assert_eq!(relative_paths(&before), ["SENTINEL", "src/lib.rs"]);
    (out, before)
}

/// Writes `text` as `name` in `temp` and returns its path.
fn write_spec(temp: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = temp.path().join(name);
    fs::write(&path, text).expect("write spec");
    path
}

/// Asserts that generating from `spec` fails with exit 1, prints nothing on
/// stdout and leaves the prepared output directory byte-identical, both when
/// writing and with `--check`. Returns the stderr of the writing run.
fn assert_refused(temp: &TempDir, spec: &Path) -> String {
    let (out, before) = prepared_out(temp);
    let run = generate(spec, &out, &[]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        snapshot(&out),
        before,
        "a failed run must not touch the output directory"
    );

    let check = generate(spec, &out, &["--check"]);
    assert_eq!(check.code, Some(1), "{check:?}");
    assert_eq!(
        check.stderr, run.stderr,
        "--check reports the same spec error"
    );
    assert_eq!(snapshot(&out), before);
    run.stderr
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

const MINIMAL: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

// 1. The checked-in crate is up to date.

#[test]
fn check_passes_on_the_checked_in_crate_with_the_defaults() {
    let run = xtask_in(&workspace_root(), ["generate", "--check"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}

#[test]
fn check_passes_on_the_checked_in_crate_with_explicit_paths() {
    let root = workspace_root();
    let run = xtask_in(
        &root,
        [
            "generate",
            "--spec",
            "spec/eden.yaml",
            "--out",
            "generated-client",
            "--check",
        ],
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}

#[test]
fn defaults_do_not_depend_on_the_current_directory() {
    let elsewhere = TempDir::new().unwrap();
    let run = xtask_in(elsewhere.path(), ["generate", "--check"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    assert!(
        snapshot(elsewhere.path()).is_empty(),
        "--check writes nothing"
    );
}

// 2. Generate, check, change the spec, check again.

#[test]
fn generate_then_check_then_stale_after_a_spec_change() {
    let (temp, spec) = temp_with_seed();
    let out = temp.path().join("client");

    let run = generate(&spec, &out, &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "wrote 5 files (1 operation, 10 types) to {}\n",
            display(&out)
        )
    );
    assert_eq!(relative_paths(&snapshot(&out)), GENERATED_FILES);

    let check = generate(&spec, &out, &["--check"]);
    assert_eq!(check.code, Some(0), "{check:?}");
    assert_eq!(check.stdout, "");
    assert_eq!(check.stderr, "");

    // `title` has `maxLength: 1000`; so does `scenario`, which must not change.
    let text = fs::read_to_string(&spec).unwrap();
    let title = "                title:\n                  maxLength: 1000\n";
    assert_eq!(
        text.matches(title).count(),
        1,
        "the seed spec changed shape"
    );
    let changed = text.replace(
        title,
        "                title:\n                  maxLength: 999\n",
    );
    fs::write(&spec, changed).unwrap();

    let before = snapshot(&out);
    let stale = generate(&spec, &out, &["--check"]);
    assert_eq!(stale.code, Some(1), "{stale:?}");
    assert_eq!(stale.stdout, "");
    assert_eq!(
        stale.stderr,
        format!(
            "error: the generated crate is out of date with {}:\n  {}\n{}",
            display(&spec),
            display(&out.join("src/types.rs")),
            check_help(&spec, &out),
        )
    );
    assert_eq!(snapshot(&out), before, "--check writes nothing");

    // Regenerating brings it back up to date, and only types.rs changed.
    let run = generate(&spec, &out, &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let after = snapshot(&out);
    let differing: Vec<&PathBuf> = after
        .keys()
        .filter(|path| after.get(*path) != before.get(*path))
        .collect();
    assert_eq!(differing, [Path::new("src/types.rs")]);
    let types = String::from_utf8(after[Path::new("src/types.rs")].clone()).unwrap();
    assert!(
        types.contains("999"),
        "the new limit is in the generated types"
    );
    assert_eq!(generate(&spec, &out, &["--check"]).code, Some(0));
}

// 3. Determinism.

#[test]
fn generating_twice_gives_byte_identical_files() {
    let (temp, spec) = temp_with_seed();
    let first = temp.path().join("first");
    let second = temp.path().join("second");
    assert_eq!(generate(&spec, &first, &[]).code, Some(0));
    assert_eq!(generate(&spec, &second, &[]).code, Some(0));

    let first_files = snapshot(&first);
    assert_eq!(relative_paths(&first_files), GENERATED_FILES);
    assert_eq!(first_files, snapshot(&second));

    // Regenerating in place changes nothing and leaves no temporary files.
    assert_eq!(generate(&spec, &first, &[]).code, Some(0));
    assert_eq!(snapshot(&first), first_files);
}

#[test]
fn a_copy_of_the_seed_elsewhere_generates_the_checked_in_crate() {
    let (temp, spec) = temp_with_seed();
    let out = temp.path().join("client");
    assert_eq!(generate(&spec, &out, &[]).code, Some(0));
    let checked_in: BTreeMap<PathBuf, Vec<u8>> = GENERATED_FILES
        .iter()
        .map(|path| {
            let bytes = fs::read(workspace_root().join("generated-client").join(path)).unwrap();
            (PathBuf::from(path), bytes)
        })
        .collect();
    assert_eq!(snapshot(&out), checked_in);
}

// 4. --check catches edits, deletions and leftovers, and ignores hand-written files.

fn generated_seed() -> (TempDir, PathBuf, PathBuf) {
    let (temp, spec) = temp_with_seed();
    let out = temp.path().join("client");
    assert_eq!(generate(&spec, &out, &[]).code, Some(0));
    (temp, spec, out)
}

fn stale_message(spec: &Path, out: &Path, files: &[PathBuf]) -> String {
    let list: String = files
        .iter()
        .map(|file| format!("  {}\n", display(file)))
        .collect();
    format!(
        "error: the generated crate is out of date with {}:\n{list}{}",
        display(spec),
        check_help(spec, out)
    )
}

#[test]
fn check_fails_when_a_generated_file_was_edited() {
    let (_temp, spec, out) = generated_seed();
    let client = out.join("src/client.rs");
    let mut text = fs::read(&client).unwrap();
    text.extend_from_slice(b"// edited by hand\n");
    fs::write(&client, &text).unwrap();
    let before = snapshot(&out);

    let run = generate(&spec, &out, &["--check"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, stale_message(&spec, &out, &[client]));
    assert_eq!(snapshot(&out), before, "--check does not undo the edit");
}

#[test]
fn check_fails_when_the_manifest_was_edited() {
    let (_temp, spec, out) = generated_seed();
    let manifest = out.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(
        &manifest,
        text.replace("version = \"0.1.0\"", "version = \"0.2.0\""),
    )
    .unwrap();

    let run = generate(&spec, &out, &["--check"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stderr, stale_message(&spec, &out, &[manifest]));
}

#[test]
fn check_fails_when_a_generated_file_is_missing() {
    let (_temp, spec, out) = generated_seed();
    fs::remove_file(out.join("src/error.rs")).unwrap();
    let before = snapshot(&out);

    let run = generate(&spec, &out, &["--check"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        stale_message(&spec, &out, &[out.join("src/error.rs")])
    );
    assert_eq!(snapshot(&out), before, "--check does not recreate the file");
}

#[test]
fn check_lists_every_differing_file_in_order() {
    let (_temp, spec, out) = generated_seed();
    fs::remove_file(out.join("Cargo.toml")).unwrap();
    fs::write(out.join("src/types.rs"), b"// not generated\n").unwrap();

    let run = generate(&spec, &out, &["--check"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stderr,
        stale_message(
            &spec,
            &out,
            &[out.join("Cargo.toml"), out.join("src/types.rs")]
        )
    );
}

#[test]
fn check_of_a_directory_that_does_not_exist_lists_every_file() {
    let (temp, spec) = temp_with_seed();
    let out = temp.path().join("nowhere");
    let run = generate(&spec, &out, &["--check"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let files: Vec<PathBuf> = GENERATED_FILES.iter().map(|file| out.join(file)).collect();
    assert_eq!(run.stderr, stale_message(&spec, &out, &files));
    assert!(!out.exists(), "--check creates nothing");
}

#[test]
fn check_flags_leftover_generated_sources_but_not_hand_written_files() {
    let (_temp, spec, out) = generated_seed();
    // A hand-written module and tests are not the generator's business.
    fs::write(
        out.join("src/mine.rs"),
        b"// hand-written\npub fn mine() {}\n",
    )
    .unwrap();
    fs::create_dir_all(out.join("tests")).unwrap();
    fs::write(out.join("tests/it.rs"), b"#[test]\nfn it() {}\n").unwrap();
    let check = generate(&spec, &out, &["--check"]);
    assert_eq!(check.code, Some(0), "{check:?}");
    assert_eq!(check.stderr, "");

    // A generated source the spec no longer produces is stale.
    let old = out.join("src/old.rs");
    fs::write(
        &old,
        b"// @generated by apigen from eden.yaml. Do not edit.\n",
    )
    .unwrap();
    let check = generate(&spec, &out, &["--check"]);
    assert_eq!(check.code, Some(1), "{check:?}");
    assert_eq!(
        check.stderr,
        stale_message(&spec, &out, std::slice::from_ref(&old))
    );

    // Generating removes it and keeps the hand-written files byte for byte.
    let run = generate(&spec, &out, &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(!old.exists());
    assert_eq!(
        fs::read(out.join("src/mine.rs")).unwrap(),
        b"// hand-written\npub fn mine() {}\n"
    );
    assert_eq!(
        fs::read(out.join("tests/it.rs")).unwrap(),
        b"#[test]\nfn it() {}\n"
    );
    assert_eq!(generate(&spec, &out, &["--check"]).code, Some(0));
}

// 5. A spec that cannot be read.

/// The message for a spec that cannot be read, with the OS's own reason.
fn cannot_read(spec: &Path) -> String {
    let reason = fs::read(spec).expect_err("the spec is unreadable");
    format!(
        "error: {}: cannot read the spec: {reason}\n  help: pass the path of an OpenAPI 3.0 document with --spec\n",
        display(spec)
    )
}

#[test]
fn a_missing_spec_is_refused_and_the_output_is_untouched() {
    let temp = TempDir::new().unwrap();
    let spec = temp.path().join("does-not-exist.yaml");
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(stderr, cannot_read(&spec));
}

#[test]
fn a_directory_as_spec_is_refused_and_the_output_is_untouched() {
    let temp = TempDir::new().unwrap();
    let spec = temp.path().join("a-directory.yaml");
    fs::create_dir(&spec).unwrap();
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(stderr, cannot_read(&spec));
}

#[test]
fn a_spec_that_is_not_utf8_is_refused() {
    let temp = TempDir::new().unwrap();
    let spec = temp.path().join("binary.yaml");
    fs::write(&spec, [0xff, 0xfe, 0x00]).unwrap();
    let stderr = assert_refused(&temp, &spec);
    let prefix = format!("error: {}: the spec is not UTF-8 text: ", display(&spec));
    assert!(stderr.starts_with(&prefix), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

// 6. Invalid YAML.

#[test]
fn invalid_yaml_names_the_line_and_column() {
    let temp = TempDir::new().unwrap();
    let spec = write_spec(&temp, "bad.yaml", "openapi: 3.0.3\n  bad: indent\n x: y\n");
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:2:6: invalid YAML: mapping values are not allowed in this context\n",
            display(&spec)
        )
    );

    let spec = write_spec(&temp, "list.yaml", "a: b\n- c\n");
    let stderr = assert_refused(&TempDir::new().unwrap(), &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:2:1: invalid YAML: did not find expected key, while parsing a block mapping\n",
            display(&spec)
        )
    );
}

#[test]
fn an_unclosed_flow_sequence_is_refused_with_a_location() {
    let temp = TempDir::new().unwrap();
    let spec = write_spec(&temp, "unclosed.yaml", "openapi: 3.0.3\ninfo: [unclosed\n");
    let stderr = assert_refused(&temp, &spec);
    assert!(
        stderr.starts_with(&format!("error: {}:", display(&spec))),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn an_unclosed_flow_sequence_is_reported_as_invalid_yaml() {
    // serde rejects the `[` before the parser reaches the end of the input;
    // the syntax error must still win over that type mismatch.
    let temp = TempDir::new().unwrap();
    let spec = write_spec(&temp, "unclosed.yaml", "openapi: 3.0.3\ninfo: [unclosed\n");
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:3:1: invalid YAML: did not find expected ',' or ']', while parsing a flow sequence at line 2 column 7\n",
            display(&spec)
        )
    );
}

#[test]
fn a_syntax_error_inside_a_nested_value_is_invalid_yaml() {
    let temp = TempDir::new().unwrap();
    let spec = write_spec(&temp, "unclosed.yaml", "openapi: 3.0.3\ninfo: {title: t\n");
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:3:1: invalid YAML: did not find expected ',' or '}}', while parsing a flow mapping at line 2 column 7\n",
            display(&spec)
        )
    );

    let spec = write_spec(
        &temp,
        "quote.yaml",
        "openapi: 3.0.3\ninfo:\n  title: \"unclosed\n",
    );
    let stderr = assert_refused(&TempDir::new().unwrap(), &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:4:1: invalid YAML: found unexpected end of stream, while scanning a quoted scalar at line 3 column 10\n",
            display(&spec)
        )
    );
}

// 7. Invalid JSON.

#[test]
fn invalid_json_names_the_line_and_column() {
    let temp = TempDir::new().unwrap();
    let spec = write_spec(&temp, "bad.json", "{\n  \"openapi\": \"3.0.3\",\n  oops\n}");
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:3:3: invalid JSON: key must be a string\n",
            display(&spec)
        )
    );

    let spec = write_spec(&temp, "eof.json", "{\"openapi\": \"3.0.3\",");
    let stderr = assert_refused(&TempDir::new().unwrap(), &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:1:20: invalid JSON: EOF while parsing a value\n",
            display(&spec)
        )
    );
}

#[test]
fn trailing_characters_after_json_are_refused() {
    let temp = TempDir::new().unwrap();
    let text = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}} junk"#;
    let spec = write_spec(&temp, "trailing.json", text);
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:1:75: invalid JSON: trailing characters\n",
            display(&spec)
        )
    );
}

// 8. A document that is not OpenAPI at all.

#[test]
fn a_document_without_openapi_is_named_as_such() {
    let temp = TempDir::new().unwrap();
    let spec = write_spec(&temp, "hello.yaml", "hello: world\n");
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}: #: not an OpenAPI document: it has no `openapi` field\n  help: an OpenAPI 3.0 document starts with `openapi: 3.0.3`\n",
            display(&spec)
        )
    );
}

// 9. Structurally wrong documents.

#[test]
fn a_wrong_responses_value_names_its_pointer_and_key() {
    let temp = TempDir::new().unwrap();
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n";
    let spec = write_spec(&temp, "responses.yaml", text);
    let stderr = assert_refused(&temp, &spec);
    // 6:7 is the `responses` key.
    assert_eq!(
        stderr,
        format!(
            "error: {}:6:7: #/paths/~1a/get/responses: not a valid OpenAPI 3.0 document: invalid type: integer `7`, expected struct Responses\n",
            display(&spec)
        )
    );
}

#[test]
fn a_wrong_responses_value_in_json_names_its_pointer() {
    let temp = TempDir::new().unwrap();
    let text = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": 7}}}}"#;
    let spec = write_spec(&temp, "responses.json", text);
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:1:87: #/paths/~1a/get/responses: not a valid OpenAPI 3.0 document: invalid type: integer `7`, expected struct Responses\n",
            display(&spec)
        )
    );
}

#[test]
fn structural_errors_outside_paths_name_their_pointer() {
    let cases = [
        (
            "contact.yaml",
            "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n  contact: 5\npaths: {}\n",
            "5:12: #/info/contact: not a valid OpenAPI 3.0 document: invalid type: integer `5`, expected struct Contact",
        ),
        (
            "tags.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ntags:\n  - name: x\n    externalDocs: 5\n",
            "6:19: #/tags/0/externalDocs: not a valid OpenAPI 3.0 document: invalid type: integer `5`, expected struct ExternalDocumentation",
        ),
    ];
    for (name, text, located_message) in cases {
        let temp = TempDir::new().unwrap();
        let spec = write_spec(&temp, name, text);
        let stderr = assert_refused(&temp, &spec);
        assert_eq!(
            stderr,
            format!("error: {}:{located_message}\n", display(&spec))
        );
    }
}

// 10. Other versions.

const V31_HELP: &str =
    "  help: OpenAPI 3.1 is not supported yet; a 3.0 version of the spec will work\n";
const SWAGGER: &str = "#/swagger: this is a Swagger 2.0 document; only OpenAPI 3.0.x is supported\n  help: convert it to OpenAPI 3.0 first (for example with swagger2openapi)\n";

#[test]
fn openapi_3_1_is_refused_naming_the_version() {
    let temp = TempDir::new().unwrap();
    let spec = write_spec(&temp, "v31.yaml", &MINIMAL.replace("3.0.3", "3.1.0"));
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:1:1: #/openapi: unsupported OpenAPI version \"3.1.0\": only 3.0.0 to 3.0.4 are supported\n{V31_HELP}",
            display(&spec)
        )
    );

    // A 3.1 document that 3.0 cannot even parse still gets the version message.
    let text = format!(
        "{}components:\n  schemas:\n    A: {{type: [string, 'null']}}\n",
        MINIMAL.replace("3.0.3", "3.1.0")
    );
    let spec = write_spec(&temp, "v31-types.yaml", &text);
    let stderr = assert_refused(&TempDir::new().unwrap(), &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:1:1: #/openapi: unsupported OpenAPI version \"3.1.0\": only 3.0.0 to 3.0.4 are supported\n{V31_HELP}",
            display(&spec)
        )
    );
}

#[test]
fn an_unknown_3_0_patch_version_is_refused() {
    let temp = TempDir::new().unwrap();
    let spec = write_spec(&temp, "v305.yaml", &MINIMAL.replace("3.0.3", "3.0.5"));
    let stderr = assert_refused(&temp, &spec);
    assert_eq!(
        stderr,
        format!(
            "error: {}:1:1: #/openapi: unsupported OpenAPI version \"3.0.5\": only 3.0.0 to 3.0.4 are supported\n  help: this generator reads OpenAPI 3.0.0 to 3.0.4\n",
            display(&spec)
        )
    );
}

#[test]
fn swagger_2_is_refused_naming_the_version() {
    // Each with the line and column of its `swagger` key.
    let cases = [
        (
            "swagger.json",
            r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
            "1:2",
        ),
        (
            "swagger.yaml",
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "1:1",
        ),
        (
            "later.yaml",
            "info: {title: t, version: '1'}\nswagger: '2.0'\npaths: {}\n",
            "2:1",
        ),
    ];
    for (name, text, position) in cases {
        let temp = TempDir::new().unwrap();
        let spec = write_spec(&temp, name, text);
        let stderr = assert_refused(&temp, &spec);
        assert_eq!(
            stderr,
            format!("error: {}:{position}: {SWAGGER}", display(&spec))
        );
    }
}

// 11. `$ref` cycles.

#[test]
fn a_ref_cycle_names_the_schema_and_the_chain() {
    // The same document as /work/shared/hostile/ref-cycle.yaml.
    let text = r##"openapi: 3.0.3
info:
  title: A pure alias cycle that cannot be resolved
  version: "1.0"
paths:
  /x:
    get:
      operationId: get_x
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/A" }
components:
  schemas:
    A: { $ref: "#/components/schemas/B" }
    B: { $ref: "#/components/schemas/C" }
    C: { $ref: "#/components/schemas/A" }
"##;
    let temp = TempDir::new().unwrap();
    let spec = write_spec(&temp, "ref-cycle.yaml", text);
    let stderr = assert_refused(&temp, &spec);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(
        lines[0],
        format!(
            "error: {}: #/components/schemas/A: `$ref` cycle with no schema in between: A → B → C → A",
            display(&spec)
        )
    );
    assert!(lines[1].starts_with("  help: "), "{stderr}");
}

// 12. --dump-ir.

#[test]
fn dump_ir_prints_json_and_writes_nothing() {
    let (temp, spec) = temp_with_seed();
    let out = temp.path().join("client");
    let run = generate(&spec, &out, &["--dump-ir"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    assert!(
        !out.exists(),
        "--dump-ir must not create the output directory"
    );

    let ir: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(ir["operations"][0]["rust_name"], "interact_with_session");
    assert_eq!(ir["operations"].as_array().map(Vec::len), Some(1));
    assert_eq!(ir["types"].as_array().map(Vec::len), Some(10));
    assert_eq!(ir["title"], "@fastify/swagger");
    assert_eq!(ir["version"], "8.14.0");

    // Into an existing directory: nothing changes there either.
    let (out, before) = prepared_out(&temp);
    let again = generate(&spec, &out, &["--dump-ir"]);
    assert_eq!(again.code, Some(0), "{again:?}");
    assert_eq!(again.stdout, run.stdout, "the IR dump is deterministic");
    assert_eq!(snapshot(&out), before);
}

// 13. --name.

#[test]
fn name_sets_the_package_name_and_nothing_else() {
    let (temp, spec) = temp_with_seed();
    let default = temp.path().join("default");
    let named = temp.path().join("named");
    assert_eq!(generate(&spec, &default, &[]).code, Some(0));
    assert_eq!(generate(&spec, &named, &["--name", "my-api"]).code, Some(0));

    let default_manifest = fs::read_to_string(default.join("Cargo.toml")).unwrap();
    let named_manifest = fs::read_to_string(named.join("Cargo.toml")).unwrap();
    let package_name = |manifest: &str| -> Vec<String> {
        manifest
            .lines()
            .filter(|line| line.starts_with("name = "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(package_name(&default_manifest), ["name = \"eden-client\""]);
    assert_eq!(package_name(&named_manifest), ["name = \"my-api\""]);
    assert_eq!(
        named_manifest,
        default_manifest.replace("name = \"eden-client\"", "name = \"my-api\"")
    );

    let mut default_files = snapshot(&default);
    let mut named_files = snapshot(&named);
    default_files.remove(Path::new("Cargo.toml"));
    named_files.remove(Path::new("Cargo.toml"));
    assert_eq!(
        named_files, default_files,
        "only Cargo.toml depends on the name"
    );

    // --check honours --name too.
    assert_eq!(
        generate(&spec, &named, &["--name", "my-api", "--check"]).code,
        Some(0)
    );
    let wrong = generate(&spec, &named, &["--check"]);
    assert_eq!(wrong.code, Some(1));
    assert_eq!(
        wrong.stderr,
        stale_message(&spec, &named, &[named.join("Cargo.toml")])
    );
}

// 14. Usage errors.

#[test]
fn an_unknown_flag_prints_the_usage() {
    let temp = TempDir::new().unwrap();
    let run = xtask_in(temp.path(), ["generate", "--bogus"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!("error: unknown argument \"--bogus\"\n{USAGE}")
    );
    assert!(snapshot(temp.path()).is_empty());
}

#[test]
fn a_flag_without_its_value_prints_the_usage() {
    for flag in ["--spec", "--out", "--name"] {
        let run = xtask_in(&workspace_root(), ["generate", flag]);
        assert_eq!(run.code, Some(1), "{run:?}");
        assert_eq!(run.stdout, "");
        assert_eq!(run.stderr, format!("error: {flag} needs a value\n{USAGE}"));
    }
}

#[test]
fn an_unknown_command_or_none_prints_the_usage() {
    let run = xtask_in(&workspace_root(), ["frobnicate"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stderr,
        format!("error: unknown command \"frobnicate\"\n{USAGE}")
    );

    let run = xtask_in(&workspace_root(), Vec::<&str>::new());
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, format!("error: no command given\n{USAGE}"));
}

#[test]
fn help_prints_the_usage_on_stdout() {
    for flag in ["help", "--help", "-h"] {
        let run = xtask_in(&workspace_root(), [flag]);
        assert_eq!(run.code, Some(0), "{run:?}");
        assert_eq!(run.stdout, USAGE);
        assert_eq!(run.stderr, "");
    }
    for flag in ["--help", "-h"] {
        let run = xtask_in(&workspace_root(), ["generate", "--check", flag]);
        assert_eq!(run.code, Some(0), "{run:?}");
        assert_eq!(run.stdout, USAGE);
        assert_eq!(run.stderr, "");
    }
}

#[test]
fn a_warning_repeated_in_many_places_is_shown_three_times_then_counted() {
    let temp = TempDir::new().unwrap();
    let properties: String = (1..=5)
        .map(|n| format!("        n{n}: {{type: integer, multipleOf: 2}}\n"))
        .collect();
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n{properties}"
    );
    let spec = write_spec(&temp, "many.yaml", &text);
    let out = temp.path().join("client");
    let run = generate(&spec, &out, &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let place = |n: usize| {
        format!(
            "warning: {}: #/components/schemas/A/properties/n{n}/multipleOf: `multipleOf` is not checked by the generated client\n",
            display(&spec)
        )
    };
    assert_eq!(
        run.stderr,
        format!(
            "{}{}{}warning: 2 more places: `multipleOf` is not checked by the generated client\nwrote 5 files (0 operations, 1 type) to {}\n",
            place(1),
            place(2),
            place(3),
            display(&out)
        )
    );
}
