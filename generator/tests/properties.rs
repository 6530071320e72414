//! Robustness properties: any byte string as a spec gives either a crate or an
//! error. No panic, no stack overflow, no hang.
//!
//! Three families of inputs:
//! - unstructured: arbitrary bytes, arbitrary UTF-8, YAML/JSON token soup and
//!   random edits of the seed spec;
//! - structure-aware: random but plausible OpenAPI 3.0.3 documents built as
//!   `serde_json::Value`s full of hostile names, fed as JSON and as YAML;
//! - deep nesting, on a thread with a fixed stack.
//!
//! Whenever generation succeeds, the crate must be deterministic, every `.rs`
//! file must parse with `syn` and start with `// @generated`, and the manifest
//! must be TOML. Case counts are small and the seed is fixed, so the suite
//! is fast and the same on every run; to explore, set `PROPTEST_CASES` and
//! `PROPTEST_RNG_SEED` (for example `PROPTEST_CASES=2000
//! PROPTEST_RNG_SEED=$RANDOM cargo test -p apigen --test properties`).
//!
//! The coverage-guided fuzzer for the same property is in `generator/fuzz/`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use apigen::{Diagnostic, Generated, Generator, Severity};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngSeed;
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------------------
// Running the generator and checking what it gives back.
// ---------------------------------------------------------------------------

/// A single call taking longer than this is treated as a hang (the inputs
/// here are a few KiB; real generation of them takes milliseconds).
const SLOW: Duration = Duration::from_secs(10);

/// `default_cases` cases from a fixed seed, so the suite is the same on every
/// run; `PROPTEST_CASES` and `PROPTEST_RNG_SEED` override them to explore.
fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default_cases);
    let defaults = ProptestConfig::default();
    let rng_seed = match defaults.rng_seed {
        RngSeed::Random => RngSeed::Fixed(0x5EED_0A91),
        chosen => chosen,
    };
    ProptestConfig {
        cases,
        rng_seed,
        // Minimal failing inputs become plain `#[test]`s below instead of
        // files next to this one.
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..defaults
    }
}

/// Generates from `bytes` named `name`, checks the invariants every result
/// must satisfy, and returns the result.
fn generate(name: &str, bytes: &[u8]) -> Result<Generated, Diagnostic> {
    let start = Instant::now();
    let result = Generator::new().generate_from_bytes(Path::new(name), bytes);
    let elapsed = start.elapsed();
    assert!(
        elapsed < SLOW,
        "{name}: generation took {elapsed:?} for {} bytes",
        bytes.len()
    );
    match &result {
        Ok(generated) => check_crate(generated),
        Err(error) => check_error(error),
    }
    result
}

fn check_error(error: &Diagnostic) {
    assert_eq!(error.severity, Severity::Error, "{error}");
    assert!(!error.message.trim().is_empty(), "empty message: {error:?}");
    // Display must not panic either.
    let _ = error.to_string();
}

fn check_crate(generated: &Generated) {
    for warning in &generated.warnings {
        assert_eq!(warning.severity, Severity::Warning, "{warning}");
        let _ = warning.to_string();
    }
    let paths: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"Cargo.toml"), "{paths:?}");
    assert!(paths.contains(&"src/lib.rs"), "{paths:?}");
    for file in &generated.files {
        if file.path.ends_with(".rs") {
            assert!(
                file.contents.starts_with("// @generated"),
                "{} does not start with `// @generated`:\n{}",
                file.path,
                head(&file.contents)
            );
            if let Err(error) = syn::parse_file(&file.contents) {
                panic!("{} does not parse: {error}\n{}", file.path, file.contents);
            }
        } else if file.path == "Cargo.toml" {
            assert!(
                file.contents.starts_with("# @generated"),
                "{}",
                file.contents
            );
            if let Err(error) = file.contents.parse::<toml::Table>() {
                panic!("Cargo.toml is not TOML: {error}\n{}", file.contents);
            }
        }
    }
}

fn head(text: &str) -> String {
    text.lines().take(3).collect::<Vec<_>>().join("\n")
}

/// Generating twice from the same bytes gives the same result, byte for byte.
fn assert_deterministic(name: &str, bytes: &[u8], first: &Result<Generated, Diagnostic>) {
    let second = generate(name, bytes);
    match (first, &second) {
        (Ok(a), Ok(b)) => {
            assert_same_files(&contents(a), &contents(b), &format!("{name}: two runs"));
            assert_eq!(a.warnings, b.warnings, "{name}: warnings differ");
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "{name}: errors differ between two runs"),
        (a, b) => panic!(
            "{name}: one run failed and the other did not: {:?} / {:?}",
            a.as_ref().err(),
            b.as_ref().err()
        ),
    }
}

fn contents(generated: &Generated) -> Vec<(String, String)> {
    generated
        .files
        .iter()
        .map(|file| (file.path.clone(), file.contents.clone()))
        .collect()
}

/// Panics with the first line that differs, not with two whole crates.
fn assert_same_files(a: &[(String, String)], b: &[(String, String)], what: &str) {
    let paths = |files: &[(String, String)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(paths(a), paths(b), "{what}: different files");
    for ((path, a), (_, b)) in a.iter().zip(b) {
        if a == b {
            continue;
        }
        let line = a
            .lines()
            .zip(b.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| a.lines().count().min(b.lines().count()));
        panic!(
            "{what}: {path} differs at line {}:\n  {:?}\n  {:?}",
            line + 1,
            a.lines().nth(line),
            b.lines().nth(line)
        );
    }
}

/// Never panics; nothing else to say about arbitrary input.
fn no_panic(bytes: &[u8]) {
    let _ = generate("fuzz.yaml", bytes);
    let _ = generate("fuzz.json", bytes);
}

/// The seed spec, the most realistic starting point for random edits.
const SEED: &str = include_str!("../../spec/eden.yaml");

// ---------------------------------------------------------------------------
// Unstructured input.
// ---------------------------------------------------------------------------

/// Fragments of YAML and JSON syntax, so random sequences of them get past
/// the tokenizer and exercise the parser, the deserializer and error
/// reporting rather than failing on the first byte.
const TOKENS: &[&str] = &[
    "openapi: 3.0.3\n",
    "openapi: 3.1.0\n",
    "swagger: '2.0'\n",
    "info: {title: t, version: '1'}\n",
    "paths:\n",
    "paths: {}\n",
    "components:\n",
    "  schemas:\n",
    "  /a/{id}:\n",
    "    get:\n",
    "      responses:\n",
    "        '200':\n",
    "          description: x\n",
    "  A:\n",
    "    type: object\n",
    "    $ref: '#/components/schemas/A'\n",
    "    items: ",
    "    properties: ",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    ": ",
    "- ",
    "? ",
    "  ",
    "\n",
    "\t",
    "'",
    "\"",
    "\\",
    "#",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!str ",
    "!tag ",
    "%YAML 1.2\n",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "~",
    "null",
    "true",
    "1e999",
    "-0",
    "0x1F",
    ".nan",
    "\"openapi\"",
    "\"3.0.3\"",
    "{\"openapi\":\"3.0.3\",",
    "\"info\":{\"title\":\"t\",\"version\":\"1\"},",
    "\"paths\":{",
    "\u{feff}",
    "\u{0}",
    "\u{202e}",
    "é",
];

fn token_soup() -> impl Strategy<Value = String> {
    vec(select(TOKENS), 0..48).prop_map(|tokens| tokens.concat())
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, String),
    Delete(usize, usize),
    Replace(usize, u8),
}

fn apply_edits(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for edit in edits {
        let len = bytes.len().max(1);
        match edit {
            Edit::Insert(at, fragment) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, fragment.bytes());
            }
            Edit::Delete(at, count) => {
                let at = at % len;
                let end = (at + count).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Edit::Replace(at, byte) => {
                let at = at % len;
                if let Some(slot) = bytes.get_mut(at) {
                    *slot = *byte;
                }
            }
        }
    }
    bytes
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), select(TOKENS)).prop_map(|(at, token)| Edit::Insert(at, token.into())),
        (any::<usize>(), 1..40usize).prop_map(|(at, count)| Edit::Delete(at, count)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Replace(at, byte)),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..512)) {
        no_panic(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        no_panic(text.as_bytes());
        // Behind a valid header, so the text reaches the OpenAPI structure.
        let spec = format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{text}");
        no_panic(spec.as_bytes());
    }

    #[test]
    fn token_soup_never_panics(text in token_soup()) {
        no_panic(text.as_bytes());
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn edited_seed_never_panics(edits in vec(edit(), 1..6)) {
        let bytes = apply_edits(SEED, &edits);
        let result = generate("eden.yaml", &bytes);
        assert_deterministic("eden.yaml", &bytes, &result);
    }
}

// ---------------------------------------------------------------------------
// Plausible OpenAPI documents.
// ---------------------------------------------------------------------------

/// Names that break naive generators: keywords (including the four that
/// cannot be raw identifiers), prelude names, names that differ only in case
/// or punctuation, signs, digits first, non-ASCII, and text that would end a
/// comment, a string or a doc attribute if pasted into code.
const HOSTILE: &[&str] = &[
    "self",
    "Self",
    "crate",
    "super",
    "type",
    "fn",
    "async",
    "gen",
    "r#type",
    "",
    " ",
    "_",
    "__",
    "+1",
    "-1",
    "2fa",
    "0",
    "café",
    "Café",
    "a b",
    "a-b",
    "a_b",
    "a.b",
    "aB",
    "AB",
    "ab",
    "Ab",
    "Option",
    "Result",
    "Vec",
    "String",
    "Box",
    "Client",
    "Error",
    "Value",
    "Default",
    "Some",
    "None",
    "id",
    "Id",
    "ID",
    "i_d",
    "created_at",
    "createdAt",
    "CreatedAt",
    "created-at",
    "quote\"d",
    "back\\slash",
    "new\nline",
    "*/",
    "/*",
    "#[doc",
    "#[doc = \"x\"]",
    "```rust",
    "nul\u{0}",
    "\u{202e}rtl",
    "日本語",
    "🦀",
    "$ref",
    "a/b",
    "~",
    "{x}",
    "%20",
    "r#self",
    "unknown",
    "Unknown",
    "validate",
    "builder",
    "new",
];

/// Component names: fewer, so `$ref`s hit them often.
const COMPONENTS: &[&str] = &[
    "A", "B", "Node", "self", "Self", "Option", "Result", "a b", "a-b", "a_b", "AB", "café", "2fa",
    "+1", "-1", "", "x/y", "x~y", "Client", "Error", "Params",
];

const MEDIA_TYPES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "APPLICATION/JSON",
    "application/problem+json",
    "application/vnd.api+json",
    "*/*",
    "application/*",
    "text/plain",
    "text/plain; charset=utf-8",
    "text/*",
    "text/html",
    "multipart/form-data",
    "multipart/mixed",
    "application/x-www-form-urlencoded",
    "application/octet-stream",
    "image/png",
    "",
    ";;",
    "json",
];

const PATTERNS: &[&str] = &[
    "^[a-z]+$",
    "\\d{3}-\\d{4}",
    "^\\p{L}+$",
    "(",
    "[",
    "\\",
    "(?=lookahead)",
    "(?<!behind)x",
    "(a)\\1",
    "a{99999999}",
    "(?i)abc",
    "\"#]\"",
    "*/",
    "",
    "\u{0}",
];

const FORMATS: &[&str] = &[
    "date-time",
    "date",
    "binary",
    "byte",
    "uuid",
    "email",
    "password",
    "int32",
    "int64",
    "float",
    "double",
    "weird",
    "",
];

const STATUSES: &[&str] = &[
    "200", "201", "202", "204", "301", "400", "404", "418", "500", "2XX", "4XX", "5xx", "default",
    "999", "099", "abc", "",
];

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn hostile() -> BoxedStrategy<String> {
    prop_oneof![
        6 => select(HOSTILE).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9_ .-]{0,8}",
        1 => any::<String>().prop_map(|text| text.chars().take(8).collect()),
    ]
    .boxed()
}

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        8 => hostile(),
        1 => Just("*/ pub fn injected() {} /*".to_owned()),
        1 => Just("\"); panic!(\"".to_owned()),
        1 => Just("```rust\nfn main() {}\n```".to_owned()),
        1 => Just("line\r\nline\u{2028}line".to_owned()),
    ]
    .boxed()
}

/// What the document defines, chosen first so that most references resolve
/// (a document whose every other `$ref` dangles only tests one error).
#[derive(Debug, Clone)]
struct Defined {
    schemas: Vec<String>,
    schemes: Vec<String>,
}

type Ctx = Arc<Defined>;

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn component_ref(ctx: &Ctx) -> BoxedStrategy<String> {
    let bogus = prop_oneof![
        select(COMPONENTS).prop_map(|name| format!("#/components/schemas/{}", escape(name))),
        Just("#/components/schemas/x/y".to_owned()),
        Just("other.yaml#/components/schemas/A".to_owned()),
        Just("#/paths".to_owned()),
        Just("#".to_owned()),
        Just(String::new()),
    ];
    if ctx.schemas.is_empty() {
        return bogus.boxed();
    }
    let defined = select(ctx.schemas.clone())
        .prop_map(|name| format!("#/components/schemas/{}", escape(&name)));
    prop_oneof![30 => defined, 1 => bogus].boxed()
}

fn number() -> BoxedStrategy<Value> {
    prop_oneof![
        (-1000i64..1000).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        // Non-finite values become `null`.
        any::<f64>().prop_map(Value::from),
        select(
            &[
                0.5,
                -0.5,
                -0.0,
                1e308,
                -1e308,
                1e-300,
                9.007_199_254_740_993e15,
                2_147_483_648.0,
                -2_147_483_649.0,
                9.3e18,
                -9.3e18,
                1.8e19,
            ][..]
        )
        .prop_map(Value::from),
    ]
    .boxed()
}

fn length() -> BoxedStrategy<Value> {
    prop_oneof![
        20 => (0u64..20).prop_map(Value::from),
        2 => Just(json!(u64::MAX)),
        1 => Just(json!(-1)),
        1 => Just(json!(1.5)),
    ]
    .boxed()
}

/// `key: value` with probability `p`.
fn maybe(
    p: f64,
    key: &'static str,
    value: impl Strategy<Value = Value> + 'static,
) -> BoxedStrategy<Option<(&'static str, Value)>> {
    option::weighted(p, value.prop_map(move |value| (key, value))).boxed()
}

fn object(base: Value, extras: Vec<Option<(&'static str, Value)>>) -> Value {
    let mut object = match base {
        Value::Object(object) => object,
        _ => Map::new(),
    };
    for (key, value) in extras.into_iter().flatten() {
        object.insert(key.to_owned(), value);
    }
    Value::Object(object)
}

/// Keywords any schema may have.
fn common() -> Vec<BoxedStrategy<Option<(&'static str, Value)>>> {
    vec![
        maybe(0.2, "nullable", any::<bool>().prop_map(Value::from)),
        maybe(0.2, "description", text().prop_map(Value::from)),
        maybe(0.1, "title", text().prop_map(Value::from)),
        maybe(0.05, "readOnly", any::<bool>().prop_map(Value::from)),
        maybe(0.05, "deprecated", any::<bool>().prop_map(Value::from)),
        maybe(0.05, "example", hostile().prop_map(Value::from)),
    ]
}

fn schema_with(
    base: Value,
    mut extras: Vec<BoxedStrategy<Option<(&'static str, Value)>>>,
) -> BoxedStrategy<Value> {
    extras.extend(common());
    extras
        .prop_map(move |extras| object(base.clone(), extras))
        .boxed()
}

fn enum_values() -> BoxedStrategy<Value> {
    prop_oneof![
        8 => vec(hostile().prop_map(Value::from), 0..5).prop_map(Value::from),
        1 => Just(json!(["a", "A", "a", null])),
        1 => Just(json!([1, "one", true])),
        1 => Just(json!([])),
    ]
    .boxed()
}

fn bounds(format: &'static [&'static str]) -> Vec<BoxedStrategy<Option<(&'static str, Value)>>> {
    vec![
        maybe(0.3, "minimum", number()),
        maybe(0.3, "maximum", number()),
        maybe(0.1, "exclusiveMinimum", any::<bool>().prop_map(Value::from)),
        maybe(0.1, "exclusiveMaximum", any::<bool>().prop_map(Value::from)),
        maybe(0.1, "multipleOf", number()),
        maybe(0.3, "format", select(format).prop_map(Value::from)),
    ]
}

fn leaf_schema(ctx: &Ctx) -> BoxedStrategy<Value> {
    prop_oneof![
        3 => schema_with(
            json!({"type": "string"}),
            vec![
                maybe(0.2, "minLength", length()),
                maybe(0.2, "maxLength", length()),
                maybe(0.2, "pattern", select(PATTERNS).prop_map(Value::from)),
                maybe(0.2, "format", select(FORMATS).prop_map(Value::from)),
                maybe(0.3, "enum", enum_values()),
                maybe(0.05, "default", hostile().prop_map(Value::from)),
            ],
        ),
        2 => schema_with(json!({"type": "integer"}), bounds(&["int32", "int64", "weird"])),
        2 => schema_with(json!({"type": "number"}), bounds(&["float", "double", "weird"])),
        1 => schema_with(json!({"type": "boolean"}), vec![]),
        3 => component_ref(ctx).prop_map(|reference| json!({ "$ref": reference })),
        1 => Just(json!({})),
        // No `type`: openapiv3's catch-all shape.
        1 => schema_with(
            json!({}),
            vec![
                maybe(0.5, "enum", enum_values()),
                maybe(0.3, "minimum", number()),
                maybe(0.3, "maxLength", length()),
                maybe(0.3, "pattern", select(PATTERNS).prop_map(Value::from)),
                maybe(0.2, "format", select(FORMATS).prop_map(Value::from)),
            ],
        ),
        1 => select(&["object", "array", "null", "file", "String", ""][..])
            .prop_map(|typ| json!({ "type": typ })),
    ]
    .boxed()
}

fn schema(ctx: &Ctx) -> BoxedStrategy<Value> {
    leaf_schema(ctx)
        .prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                4 => object_schema(inner.clone()),
                2 => schema_with(
                    json!({"type": "array"}),
                    vec![
                        maybe(0.9, "items", inner.clone()),
                        maybe(0.2, "minItems", length()),
                        maybe(0.2, "maxItems", length()),
                        maybe(0.1, "uniqueItems", any::<bool>().prop_map(Value::from)),
                    ],
                ),
                1 => composite("oneOf", inner.clone()),
                1 => composite("anyOf", inner.clone()),
                2 => composite("allOf", inner.clone()),
                1 => inner.clone().prop_map(|not| json!({ "not": not })),
                // Keywords of several kinds in one schema.
                1 => (inner.clone(), inner.clone()).prop_map(|(a, b)| merge(a, b)),
                1 => (inner.clone(), inner).prop_map(|(a, b)| {
                    json!({"type": "object", "properties": {"x": a}, "items": b, "enum": ["e"]})
                }),
            ]
        })
        .boxed()
}

fn object_schema(inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    let properties = vec((hostile(), inner.clone()), 0..5)
        .prop_map(|properties| Value::Object(properties.into_iter().collect()));
    let additional = prop_oneof![any::<bool>().prop_map(Value::from), inner];
    (
        properties,
        vec(hostile(), 0..3),
        any::<bool>(),
        option::weighted(0.3, additional),
        option::weighted(0.05, length()),
        any::<bool>(),
    )
        .prop_map(
            |(properties, mut required, all_required, additional, min_properties, typed)| {
                if all_required && let Value::Object(properties) = &properties {
                    required.extend(properties.keys().cloned());
                }
                let mut schema = Map::new();
                if typed {
                    schema.insert("type".into(), json!("object"));
                }
                schema.insert("properties".into(), properties);
                if !required.is_empty() {
                    schema.insert("required".into(), json!(required));
                }
                if let Some(additional) = additional {
                    schema.insert("additionalProperties".into(), additional);
                }
                if let Some(min) = min_properties {
                    schema.insert("minProperties".into(), min);
                }
                Value::Object(schema)
            },
        )
        .boxed()
}

fn composite(keyword: &'static str, inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    (
        vec(inner, 0..4),
        option::weighted(0.2, any::<bool>()),
        option::weighted(0.1, select(&["object", "string"][..])),
    )
        .prop_map(move |(members, nullable, typ)| {
            let mut schema = json!({ keyword: members });
            if let Some(nullable) = nullable {
                schema["nullable"] = json!(nullable);
            }
            if let Some(typ) = typ {
                schema["type"] = json!(typ);
            }
            schema
        })
        .boxed()
}

fn merge(a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Object(mut a), Value::Object(b)) => {
            for (key, value) in b {
                a.entry(key).or_insert(value);
            }
            Value::Object(a)
        }
        (a, _) => a,
    }
}

#[derive(Debug, Clone)]
enum Segment {
    Literal(&'static str),
    Template(String),
}

fn path() -> BoxedStrategy<Vec<Segment>> {
    let literal = select(
        &[
            "users",
            "v1",
            "a b",
            "café",
            "..",
            ".",
            "%2F",
            "",
            "self",
            "items.json",
            "a:b",
        ][..],
    )
    .prop_map(Segment::Literal);
    let template = prop_oneof![
        select(
            &[
                "id", "self", "type", "a b", "userId", "user_id", "2fa", "", "x}"
            ][..]
        )
        .prop_map(str::to_owned),
        hostile(),
    ]
    .prop_map(Segment::Template);
    vec(prop_oneof![2 => literal, 1 => template], 0..4).boxed()
}

fn render_path(segments: &[Segment]) -> (String, Vec<String>) {
    let mut path = String::new();
    let mut templates = Vec::new();
    for segment in segments {
        path.push('/');
        match segment {
            Segment::Literal(literal) => path.push_str(literal),
            Segment::Template(name) => {
                path.push_str(&format!("{{{name}}}"));
                templates.push(name.clone());
            }
        }
    }
    if path.is_empty() {
        path.push('/');
    }
    (path, templates)
}

const LOCATIONS: &[&str] = &["path", "query", "header", "cookie"];

/// The styles OpenAPI allows in each location (and, rarely, one it does not).
fn style(location: &str) -> BoxedStrategy<Option<&'static str>> {
    let allowed: &'static [&'static str] = match location {
        "path" => &["simple", "label", "matrix"],
        "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
        "header" => &["simple"],
        _ => &["form"],
    };
    prop_oneof![
        40 => Just(None),
        4 => select(allowed).prop_map(Some),
        1 => Just(Some("bogus")),
    ]
    .boxed()
}

fn parameter(
    ctx: &Ctx,
    name: BoxedStrategy<String>,
    location: BoxedStrategy<&'static str>,
) -> BoxedStrategy<Value> {
    let ctx = ctx.clone();
    (name, location)
        .prop_flat_map(move |(name, location)| {
            (
                Just(name),
                Just(location),
                any::<bool>(),
                schema(&ctx),
                style(location),
                option::weighted(0.1, any::<bool>()),
                any::<u8>(),
            )
        })
        .prop_map(
            |(name, location, required, schema, style, explode, shape)| {
                let mut parameter = json!({ "name": name, "in": location });
                if required || location == "path" {
                    parameter["required"] = json!(true);
                }
                if shape < 16 {
                    parameter["content"] = json!({ "application/json": { "schema": schema } });
                } else if shape != 255 {
                    parameter["schema"] = schema;
                }
                if let Some(style) = style {
                    parameter["style"] = json!(style);
                }
                if let Some(explode) = explode {
                    parameter["explode"] = json!(explode);
                }
                parameter
            },
        )
        .boxed()
}

fn location() -> BoxedStrategy<&'static str> {
    prop_oneof![40 => select(LOCATIONS), 1 => Just("body")].boxed()
}

fn content(ctx: &Ctx) -> BoxedStrategy<Value> {
    vec(
        (select(MEDIA_TYPES), option::weighted(0.9, schema(ctx))),
        0..3,
    )
    .prop_map(|media| {
        let mut content = Map::new();
        for (media_type, schema) in media {
            let mut media = Map::new();
            if let Some(schema) = schema {
                media.insert("schema".into(), schema);
            }
            content.insert(media_type.to_owned(), Value::Object(media));
        }
        Value::Object(content)
    })
    .boxed()
}

fn request_body(ctx: &Ctx) -> BoxedStrategy<Value> {
    prop_oneof![
        12 => (content(ctx), any::<bool>(), option::weighted(0.2, text()))
            .prop_map(|(content, required, description)| {
                let mut body = json!({ "content": content, "required": required });
                if let Some(description) = description {
                    body["description"] = json!(description);
                }
                body
            }),
        2 => Just(json!({ "$ref": "#/components/requestBodies/Body" })),
        1 => Just(json!({ "$ref": "#/components/requestBodies/Missing" })),
    ]
    .boxed()
}

fn response(ctx: &Ctx) -> BoxedStrategy<Value> {
    prop_oneof![
        12 => (text(), option::weighted(0.8, content(ctx)), option::weighted(0.1, schema(ctx)))
            .prop_map(|(description, content, header)| {
                let mut response = json!({ "description": description });
                if let Some(content) = content {
                    response["content"] = content;
                }
                if let Some(header) = header {
                    response["headers"] = json!({ "X-Rate-Limit": { "schema": header } });
                }
                response
            }),
        2 => Just(json!({ "$ref": "#/components/responses/NotFound" })),
        1 => Just(json!({ "$ref": "#/components/responses/Missing" })),
    ]
    .boxed()
}

fn responses(ctx: &Ctx) -> BoxedStrategy<Value> {
    vec((select(STATUSES), response(ctx)), 0..4)
        .prop_map(|responses| {
            Value::Object(
                responses
                    .into_iter()
                    .map(|(status, response)| (status.to_owned(), response))
                    .collect(),
            )
        })
        .boxed()
}

fn scheme_name(ctx: &Ctx) -> BoxedStrategy<String> {
    if ctx.schemes.is_empty() {
        return Just("missing".to_owned()).boxed();
    }
    prop_oneof![
        20 => select(ctx.schemes.clone()),
        1 => Just("missing".to_owned()),
    ]
    .boxed()
}

fn operation(ctx: &Ctx, templates: Vec<String>) -> BoxedStrategy<Value> {
    let declared: Vec<BoxedStrategy<Option<Value>>> = templates
        .into_iter()
        .map(|name| {
            option::weighted(
                0.98,
                parameter(ctx, Just(name).boxed(), Just("path").boxed()),
            )
            .boxed()
        })
        .collect();
    (
        declared,
        vec(
            prop_oneof![
                12 => parameter(ctx, hostile(), location()),
                2 => Just(json!({ "$ref": "#/components/parameters/Limit" })),
                1 => Just(json!({ "$ref": "#/components/parameters/Missing" })),
            ],
            0..3,
        ),
        option::weighted(0.7, hostile()),
        option::weighted(0.4, request_body(ctx)),
        responses(ctx),
        option::weighted(0.2, scheme_name(ctx)),
        option::weighted(0.2, text()),
    )
        .prop_map(
            |(declared, extra, operation_id, body, responses, security, summary)| {
                let parameters: Vec<Value> = declared.into_iter().flatten().chain(extra).collect();
                let mut operation = json!({ "responses": responses });
                if !parameters.is_empty() {
                    operation["parameters"] = json!(parameters);
                }
                if let Some(id) = operation_id {
                    operation["operationId"] = json!(id);
                }
                if let Some(body) = body {
                    operation["requestBody"] = body;
                }
                if let Some(scheme) = security {
                    operation["security"] = json!([{ scheme: [] }]);
                }
                if let Some(summary) = summary {
                    operation["summary"] = json!(summary);
                }
                operation
            },
        )
        .boxed()
}

fn path_item(ctx: &Ctx) -> BoxedStrategy<(String, Value)> {
    let ctx = ctx.clone();
    path()
        .prop_flat_map(move |segments| {
            let (path, templates) = render_path(&segments);
            (
                Just(path),
                vec((select(METHODS), operation(&ctx, templates)), 1..3),
            )
        })
        .prop_map(|(path, operations)| {
            let item: Map<String, Value> = operations
                .into_iter()
                .map(|(method, operation)| (method.to_owned(), operation))
                .collect();
            (path, Value::Object(item))
        })
        .boxed()
}

fn security_scheme() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => (select(&["header", "query", "cookie"][..]), hostile())
            .prop_map(|(location, name)| json!({"type": "apiKey", "in": location, "name": name})),
        4 => select(&["bearer", "basic", "Bearer", "digest", ""][..])
            .prop_map(|scheme| json!({"type": "http", "scheme": scheme})),
        1 => Just(json!({"type": "oauth2", "flows": {"clientCredentials": {
            "tokenUrl": "https://example.com/token", "scopes": {"read": "r"}}}})),
        1 => Just(json!({"type": "openIdConnect", "openIdConnectUrl": "https://example.com"})),
        1 => Just(json!({"type": "apiKey", "in": "body", "name": "x"})),
    ]
    .boxed()
}

fn server() -> BoxedStrategy<Value> {
    (
        select(
            &[
                "https://api.example.com",
                "http://{host}:{port}/v1",
                "https://{host}/",
                "/relative",
                "",
                "https://example.com/{missing}",
                "ftp://example.com",
            ][..],
        ),
        option::weighted(0.5, text()),
        any::<bool>(),
    )
        .prop_map(|(url, description, variables)| {
            let mut server = json!({ "url": url });
            if let Some(description) = description {
                server["description"] = json!(description);
            }
            if variables {
                server["variables"] = json!({
                    "host": {"default": "example.com"},
                    "port": {"default": "8080", "enum": ["8080", "443"]},
                });
            }
            server
        })
        .boxed()
}

fn named(entries: Vec<(String, Value)>) -> Value {
    Value::Object(entries.into_iter().collect())
}

fn document() -> BoxedStrategy<Value> {
    (
        proptest::sample::subsequence(COMPONENTS, 0..6),
        proptest::sample::subsequence(&["api_key", "bearer", "basic", "self", "a b"][..], 0..3),
    )
        .prop_flat_map(|(schemas, schemes)| {
            let ctx: Ctx = Arc::new(Defined {
                schemas: schemas.iter().map(|name| (*name).to_owned()).collect(),
                schemes: schemes.iter().map(|name| (*name).to_owned()).collect(),
            });
            let component_schemas: Vec<BoxedStrategy<(String, Value)>> = ctx
                .schemas
                .iter()
                .map(|name| (Just(name.clone()), schema(&ctx)).boxed())
                .collect();
            let component_schemes: Vec<BoxedStrategy<(String, Value)>> = ctx
                .schemes
                .iter()
                .map(|name| (Just(name.clone()), security_scheme()).boxed())
                .collect();
            let components = (
                component_schemas,
                option::weighted(0.8, parameter(&ctx, hostile(), location())),
                option::weighted(0.8, request_body(&ctx)),
                option::weighted(0.8, response(&ctx)),
                component_schemes,
            )
                .prop_map(|(schemas, limit, body, not_found, schemes)| {
                    let mut components = json!({
                        "schemas": named(schemas),
                        "securitySchemes": named(schemes),
                    });
                    if let Some(limit) = limit {
                        components["parameters"] = json!({ "Limit": limit });
                    }
                    if let Some(body) = body {
                        components["requestBodies"] = json!({ "Body": body });
                    }
                    if let Some(not_found) = not_found {
                        components["responses"] = json!({ "NotFound": not_found });
                    }
                    components
                });
            (
                prop_oneof![
                    40 => Just("3.0.3"),
                    1 => Just("3.0.0"),
                    1 => Just("3.1.0"),
                ],
                text(),
                option::weighted(0.3, text()),
                vec(server(), 0..3),
                vec(path_item(&ctx), 0..4),
                option::weighted(0.95, components),
                option::weighted(0.1, scheme_name(&ctx)),
            )
        })
        .prop_map(
            |(version, title, description, servers, paths, components, security)| {
                let mut info = json!({ "title": title, "version": "1.0" });
                if let Some(description) = description {
                    info["description"] = json!(description);
                }
                let mut document = json!({
                    "openapi": version,
                    "info": info,
                    "paths": named(paths),
                });
                if !servers.is_empty() {
                    document["servers"] = json!(servers);
                }
                if let Some(components) = components {
                    document["components"] = components;
                }
                if let Some(scheme) = security {
                    document["security"] = json!([{ scheme: [] }]);
                }
                document
            },
        )
        .boxed()
}

/// Everything but the `@generated` header, which names the spec file.
fn without_header(generated: &Generated) -> Vec<(String, String)> {
    generated
        .files
        .iter()
        .map(|file| {
            let body = file.contents.split_once('\n').map_or("", |(_, rest)| rest);
            (file.path.clone(), body.to_owned())
        })
        .collect()
}

/// Feeds `document` as JSON and as YAML, each twice.
fn check_document(document: &Value) {
    let json_text = serde_json::to_string_pretty(document).expect("JSON");
    let yaml_text = serde_yaml::to_string(document).expect("YAML");
    let from_json = generate("spec.json", json_text.as_bytes());
    assert_deterministic("spec.json", json_text.as_bytes(), &from_json);
    let from_yaml = generate("spec.yaml", yaml_text.as_bytes());
    assert_deterministic("spec.yaml", yaml_text.as_bytes(), &from_yaml);
    // One document, two syntaxes: one result. Unless the YAML serializer
    // changed the document (it writes multi-line strings as block scalars,
    // which turn `\r\n` into `\n`).
    let same_document = serde_yaml::from_str::<Value>(&yaml_text).ok().as_ref() == Some(document);
    if !same_document {
        return;
    }
    match (&from_json, &from_yaml) {
        (Ok(json), Ok(yaml)) => {
            assert_same_files(
                &without_header(json),
                &without_header(yaml),
                "JSON and YAML",
            );
        }
        (Err(_), Err(_)) => {}
        (json, yaml) => panic!(
            "JSON and YAML disagree: {:?} / {:?}\nYAML:\n{yaml_text}",
            json.as_ref().err().map(ToString::to_string),
            yaml.as_ref().err().map(ToString::to_string),
        ),
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn plausible_documents_give_a_valid_crate_or_an_error(document in document()) {
        check_document(&document);
    }
}

/// The generator of documents must reach the success path most of the time,
/// or the property above tests little but error reporting.
#[test]
fn plausible_documents_mostly_generate() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};

    let config = ProptestConfig::default();
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let strategy = document();
    let total = 60;
    let mut ok = 0;
    let mut errors = Vec::new();
    for _ in 0..total {
        let document = strategy.new_tree(&mut runner).unwrap().current();
        let text = serde_json::to_string(&document).unwrap();
        match generate("spec.json", text.as_bytes()) {
            Ok(_) => ok += 1,
            Err(error) => errors.push(error.to_string()),
        }
    }
    assert!(
        ok * 4 >= total,
        "only {ok} of {total} documents generated; the errors:\n{}",
        errors.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Deep nesting.
// ---------------------------------------------------------------------------

const DEEP: usize = 10_000;

/// Runs `f` on a thread with an 8 MiB stack (what a build script's main
/// thread gets), so a recursion without a limit shows as a crash here.
fn on_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .name("deep".into())
        .stack_size(8 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the generator panicked")
}

const JSON_HEAD: &str = r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"A":"#;
const JSON_TAIL: &str = "}}}";

fn nested(open: &str, leaf: &str, close: &str, depth: usize) -> String {
    let mut text = String::with_capacity((open.len() + close.len()) * depth + leaf.len());
    for _ in 0..depth {
        text.push_str(open);
    }
    text.push_str(leaf);
    for _ in 0..depth {
        text.push_str(close);
    }
    text
}

fn assert_too_deep(name: &'static str, text: String) {
    let result = on_stack(move || {
        Generator::new()
            .generate_from_bytes(Path::new(name), text.as_bytes())
            .map(|_| ())
    });
    let error = result.expect_err("a document nested this deep must be refused");
    let message = error.to_string();
    assert!(
        ["recursion", "depth", "nest"]
            .iter()
            .any(|word| message.contains(word)),
        "{name}: the error does not say the document is too deep: {message}"
    );
}

#[test]
fn deep_json_arrays_are_refused() {
    assert_too_deep("deep.json", nested("[", "", "]", DEEP));
    assert_too_deep("deep.json", nested(r#"{"a":"#, "1", "}", DEEP));
}

#[test]
fn deep_yaml_collections_are_refused() {
    assert_too_deep("deep.yaml", nested("[", "", "]", DEEP));
    assert_too_deep("deep.yaml", nested("{a: ", "1", "}", DEEP));
    // Block sequences nest on one line.
    assert_too_deep("deep.yaml", format!("{}x\n", "- ".repeat(DEEP)));
    // Block mappings nest by indentation (1000 levels is already 500 KB).
    let mut text = String::new();
    for level in 0..1_000 {
        text.push_str(&" ".repeat(level));
        text.push_str("a:\n");
    }
    assert_too_deep("deep.yaml", text);
}

#[test]
fn deep_json_schema_is_refused() {
    let schema = nested(
        r#"{"type":"array","items":"#,
        r#"{"type":"string"}"#,
        "}",
        DEEP,
    );
    assert_too_deep("deep.json", format!("{JSON_HEAD}{schema}{JSON_TAIL}"));
}

#[test]
fn deep_yaml_schema_is_refused() {
    let schema = nested("{type: array, items: ", "{type: string}", "}", DEEP);
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A: {schema}\n"
    );
    assert_too_deep("deep.yaml", text);
}

/// Nesting just under the parsers' limit must not overflow lowering or
/// emission either: each keyword that nests schemas, as deep as parses.
#[test]
fn schemas_nested_as_deep_as_parses_generate_or_fail_cleanly() {
    let shapes: &[(&str, &str, &str)] = &[
        (r#"{"type":"array","items":"#, r#"{"type":"string"}"#, "}"),
        (
            r#"{"type":"object","additionalProperties":"#,
            r#"{"type":"integer"}"#,
            "}",
        ),
        (
            r#"{"type":"object","properties":{"a":"#,
            r#"{"type":"boolean"}"#,
            "}}",
        ),
        (r#"{"allOf":["#, r#"{"type":"object"}"#, "]}"),
        (
            r#"{"oneOf":[{"type":"string"},"#,
            r#"{"type":"integer"}"#,
            "]}",
        ),
        (r#"{"anyOf":["#, r#"{"type":"number"}"#, "]}"),
        (r#"{"not":"#, r#"{"type":"string"}"#, "}"),
        (r#"{"items":"#, "{}", "}"),
    ];
    for &(open, leaf, close) in shapes {
        let (open, leaf, close) = (open.to_owned(), leaf.to_owned(), close.to_owned());
        on_stack(move || {
            // The deepest nesting that still parses, found from above.
            let mut parsed_once = false;
            for depth in (1..=130).rev() {
                let text = format!(
                    "{JSON_HEAD}{}{JSON_TAIL}",
                    nested(&open, &leaf, &close, depth)
                );
                let result = generate("deep.json", text.as_bytes());
                if let Err(error) = &result
                    && error.message.contains("recursion limit")
                {
                    continue;
                }
                parsed_once = true;
                // And as YAML.
                let document: Value = serde_json::from_str(&text).unwrap();
                let yaml = serde_yaml::to_string(&document).unwrap();
                let _ = generate("deep.yaml", yaml.as_bytes());
                break;
            }
            assert!(parsed_once, "{open}: nothing parsed");
        });
    }
}

/// "Billion laughs": aliases expanding exponentially are refused quickly.
#[test]
fn yaml_alias_bombs_are_refused() {
    let mut text = String::from(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        let list = [previous.as_str(); 10].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{list}]\n"));
    }
    let error = on_stack(move || {
        generate("bomb.yaml", text.as_bytes())
            .map(|_| ())
            .unwrap_err()
    });
    assert!(error.message.contains("repetition limit"), "{error}");
}

// ---------------------------------------------------------------------------
// Regressions: minimal inputs found by the properties above and by the fuzzer.
// ---------------------------------------------------------------------------

/// A generation that must come back, on a thread with the stack a build
/// script has: a stack overflow aborts the test process.
fn survives(name: &'static str, text: &'static str) -> Result<(), String> {
    on_stack(move || {
        generate(name, text.as_bytes())
            .map(|_| ())
            .map_err(|error| error.to_string())
    })
}

/// Found by `plausible_documents_give_a_valid_crate_or_an_error`: an array
/// component whose `items` is a `$ref` to itself. `constraints_of` and
/// `item_constraints` (generator/src/lower/schema.rs) call each other through
/// `resolve` with no cycle guard, forever: a stack overflow that aborts the
/// process (the build script, the CLI, this test binary).
#[test]
fn array_items_cycle_is_not_infinite_recursion() {
    let _ = survives(
        "cycle.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: array, items: {$ref: '#/components/schemas/A'}}\n",
    );
    // Without `type` (openapiv3's catch-all shape), the same.
    let _ = survives(
        "cycle.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {items: {$ref: '#/components/schemas/A'}}\n",
    );
    // Two arrays, each the other's items.
    let _ = survives(
        "cycle.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: array, items: {$ref: '#/components/schemas/B'}}\n    B: {type: array, items: {$ref: '#/components/schemas/A'}}\n",
    );
}

/// Found by `plausible_documents_give_a_valid_crate_or_an_error` (the JSON and
/// YAML forms of one document gave different crates): serde_json is built
/// without its `float_roundtrip` feature, so it parses some long numbers to
/// the neighbouring `f64`. The same `minimum` in a JSON spec and in a YAML
/// spec gives different bounds in the generated `validate()`.
#[test]
fn json_and_yaml_numbers_are_the_same() {
    let json = r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"A":{"type":"object","properties":{"x":{"type":"number","minimum":-3.5773142313310954e147}}}}}}"#;
    let from_json = generate("spec.json", json.as_bytes()).unwrap();
    let from_yaml = generate("spec.yaml", json.as_bytes()).unwrap();
    assert_same_files(
        &without_header(&from_json),
        &without_header(&from_yaml),
        "JSON and YAML",
    );
}

/// Found by `plausible_documents_give_a_valid_crate_or_an_error`: a
/// `format: float` number whose bound does not fit in `f32`. `bound_tokens`
/// (generator/src/emit/types.rs) casts it with `as f32`, which gives infinity,
/// and `proc_macro2::Literal::f32_unsuffixed` panics on that
/// ("assertion failed: f.is_finite()"). The spec is valid; `1e39` is a fine
/// bound for a JSON number.
#[test]
fn float_bound_beyond_f32_is_not_a_panic() {
    for bound in [
        "\"minimum\": 1e39",
        "\"maximum\": -1e39",
        "\"minimum\": 1e300",
    ] {
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        x: {{type: number, format: float, {bound}}}\n"
        );
        let _ = generate("float.yaml", spec.as_bytes());
    }
}

/// Found by `plausible_documents_give_a_valid_crate_or_an_error`: a map schema
/// whose values are itself (`type A = BTreeMap<String, A>`), used by a struct
/// that has something to validate. `value_checks` (generator/src/emit/types.rs,
/// the `TypeRef::Map` branch) resolves the alias to `BTreeMap<String, A>` and
/// recurses into the values, which are `A` again, forever: a stack overflow.
/// (The alias itself is a cycle rustc refuses, E0391, so even without the
/// crash the crate would not compile.)
#[test]
fn map_alias_cycle_is_not_infinite_recursion() {
    let _ = survives(
        "map.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: object, additionalProperties: {$ref: '#/components/schemas/A'}}\n    B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}, n: {type: string, maxLength: 1}}}\n",
    );
}

/// Found by `plausible_documents_give_a_valid_crate_or_an_error`: an object
/// with a property that is an `allOf` including the object itself. Lowering
/// merges the members' properties (`collect_properties`, guarded against
/// cycles), then lowers each merged property inline (`lower_object` →
/// `lower_schema`), and the merged `p` is the same `allOf` again:
/// `lower_item` → `lower_all_of` → `lower_object` → `lower_item`… in
/// generator/src/lower/schema.rs, forever: a stack overflow.
#[test]
fn all_of_property_cycle_is_not_infinite_recursion() {
    let _ = survives(
        "allof.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        p: {allOf: [{$ref: '#/components/schemas/A'}, {type: object}]}\n",
    );
}

/// Found by the fuzzer (generator/fuzz, minimized with `cargo fuzz tmin` to
/// the first input below, then by hand to the second): a YAML mapping with a
/// duplicate key. `openapiv3`'s `ReferenceOr::deserialize` buffers the node,
/// fails on it ("duplicate field"), converts it to a `serde_json::Value`
/// (where the duplicate collapses) to re-run the failing deserialization for
/// its message, which now succeeds, and panics: "somehow this parsed
/// successfully the second time" (openapiv3-2.2.0/src/reference.rs:56).
/// `load::parse` catches that panic and returns an error.
#[test]
fn duplicate_yaml_key_is_an_error_not_a_panic() {
    let fuzzer: &[u8] = b"paths:\n  /reas:\n    get:\n      ummary: Listions\n      responses:\n      \"200\":\n          deort: int64 } }\n      responses:\n       r: {t}\n";
    assert!(generate("fuzz.yaml", fuzzer).is_err());
    let minimal: &[u8] = b"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {}\n      responses: {}\n";
    assert!(generate("dup.yaml", minimal).is_err());
}
