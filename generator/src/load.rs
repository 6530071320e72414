//! Reads a YAML or JSON document into `openapiv3::OpenAPI`.
//!
//! Parse errors carry the parser's line and column and the JSON pointer of the
//! node that failed to deserialize. The `openapi` version is checked here:
//! `openapiv3` would accept a 3.1 document and silently drop what it does not
//! model (`const`, type arrays), turning closed enums into plain strings.

use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Pointer};

mod duplicates;
mod refine;
mod repair;

/// How a document that is well-formed but not valid OpenAPI is reported.
const STRUCTURE_ERROR: &str = "not a valid OpenAPI 3.0 document: ";

/// Specs larger than this are refused before parsing: the largest real spec we
/// know of is a few MiB, and parsing holds several copies in memory.
pub const MAX_SPEC_BYTES: usize = 64 * 1024 * 1024;

/// A parsed spec and the file it came from.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub spec: OpenAPI,
    /// Mistakes in the spec that were repaired, each located.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and parses the spec at `path`.
pub fn load(path: &Path) -> Result<Document, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostic::error(path, format!("cannot read the spec: {error}"))
            .help("pass the path of an OpenAPI 3.0 document with --spec")
    })?;
    parse(path, &bytes)
}

/// Parses a spec already in memory; `path` is used for diagnostics and to
/// choose the format (`.json` is JSON, anything else YAML, which is a superset).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Document, Diagnostic> {
    if bytes.len() > MAX_SPEC_BYTES {
        return Err(Diagnostic::error(
            path,
            format!(
                "the spec is {} bytes, more than the {MAX_SPEC_BYTES} this generator reads",
                bytes.len()
            ),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|error| Diagnostic::error(path, format!("the spec is not UTF-8 text: {error}")))?;
    let is_json = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    refuse_duplicate_keys(path, text, is_json)?;
    let parsed = if is_json {
        parse_json(path, text)
    } else {
        refuse_non_finite(path, text)?;
        // `openapiv3` has an `expect` on a path that bad input could reach;
        // a panic there becomes an error instead of taking the caller down.
        std::panic::catch_unwind(|| parse_yaml(path, text)).unwrap_or_else(|_| {
            Err(
                Diagnostic::error(path, "the OpenAPI parser failed on this document")
                    .help("please report this document to the generator's maintainers"),
            )
        })
    };
    let (spec, warnings) = match parsed {
        Ok(spec) => (spec, Vec::new()),
        Err(error) if error.message.starts_with(STRUCTURE_ERROR) => {
            repair::repaired(path, text).ok_or(error)?
        }
        Err(error) => return Err(error),
    };
    check_version(path, &spec.openapi).map_err(|error| locate(error, text))?;
    Ok(Document {
        path: path.to_path_buf(),
        spec,
        warnings,
    })
}

/// A key given twice in one mapping is refused with its place; syntax errors
/// are left for the real parse to report.
fn refuse_duplicate_keys(path: &Path, text: &str, is_json: bool) -> Result<(), Diagnostic> {
    let (pointer, message, location) = if is_json {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let Err(error) =
            serde_path_to_error::deserialize::<_, duplicates::NoDuplicates>(&mut deserializer)
        else {
            return Ok(());
        };
        let pointer = pointer_of(error.path());
        let inner = error.into_inner();
        let location = Some((inner.line(), inner.column()));
        (pointer, strip_position(&inner.to_string()), location)
    } else {
        let deserializer = serde_yaml::Deserializer::from_str(text);
        let Err(error) =
            serde_path_to_error::deserialize::<_, duplicates::NoDuplicates>(deserializer)
        else {
            return Ok(());
        };
        let pointer = pointer_of(error.path());
        let inner = error.into_inner();
        let location = inner
            .location()
            .map(|location| (location.line(), location.column()));
        (pointer, strip_position(&inner.to_string()), location)
    };
    let Some(key) = message
        .find("duplicate key `")
        .map(|start| &message[start + "duplicate key ".len()..])
    else {
        return Ok(());
    };
    let diagnostic =
        Diagnostic::error(path, format!("the key {key} appears twice in this mapping"))
            .at(pointer)
            .help("keep one of the two entries");
    Err(match location {
        Some((line, column)) => diagnostic.at_line(line, column),
        None => diagnostic,
    })
}

/// YAML can spell infinities and NaN (`.inf`, `.nan`); JSON, and so the
/// OpenAPI model, cannot, and `openapiv3` panics on them. Refuse them by place.
fn refuse_non_finite(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains(".inf") && !lower.contains(".nan") {
        return Ok(());
    }
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Ok(());
    };
    match non_finite_at(&value, Pointer::root()) {
        Some(pointer) => Err(locate(
            Diagnostic::error(
                path,
                "a number here is infinite or NaN, which OpenAPI does not allow",
            )
            .at(pointer),
            text,
        )),
        None => Ok(()),
    }
}

fn non_finite_at(value: &serde_yaml::Value, at: Pointer) -> Option<Pointer> {
    match value {
        serde_yaml::Value::Number(number) => number.as_f64().filter(|n| !n.is_finite()).map(|_| at),
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| non_finite_at(item, at.push(index))),
        serde_yaml::Value::Mapping(map) => map.iter().find_map(|(key, item)| {
            let key = match key {
                serde_yaml::Value::String(key) => key.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            };
            non_finite_at(item, at.push(key))
        }),
        serde_yaml::Value::Tagged(tagged) => non_finite_at(&tagged.value, at),
        _ => None,
    }
}

fn parse_json(path: &Path, text: &str) -> Result<OpenAPI, Diagnostic> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let spec: OpenAPI = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let pointer = pointer_of(error.path());
        let inner = error.into_inner();
        let message = strip_position(&inner.to_string());
        if inner.is_syntax() || inner.is_eof() {
            return Diagnostic::error(path, format!("invalid JSON: {message}"))
                .at_line(inner.line(), inner.column());
        }
        structure_error(
            path,
            text,
            pointer,
            message,
            Some((inner.line(), inner.column())),
        )
    })?;
    // Text after the document is an error, not something to ignore.
    deserializer.end().map_err(|error| {
        Diagnostic::error(
            path,
            format!("invalid JSON: {}", strip_position(&error.to_string())),
        )
        .at_line(error.line(), error.column())
    })?;
    Ok(spec)
}

fn parse_yaml(path: &Path, text: &str) -> Result<OpenAPI, Diagnostic> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let pointer = pointer_of(error.path());
        let inner = error.into_inner();
        let location = inner
            .location()
            .map(|location| (location.line(), location.column()));
        let message = strip_position(&inner.to_string());
        if is_yaml_syntax(&message) {
            let diagnostic = Diagnostic::error(path, format!("invalid YAML: {message}"));
            return match location {
                Some((line, column)) => diagnostic.at_line(line, column),
                None => diagnostic,
            };
        }
        // serde_yaml starts its message with the dotted path; we print a pointer.
        let message = match message.split_once(": ") {
            Some((prefix, rest)) if !prefix.contains(' ') => rest.to_owned(),
            _ => message,
        };
        structure_error(path, text, pointer, message, location)
    })
}

/// A document that parsed but is not a valid OpenAPI 3.0 document. When the
/// version field says why (Swagger 2.0, OpenAPI 3.1, none at all), say that
/// instead of the first structural mismatch.
fn structure_error(
    path: &Path,
    text: &str,
    pointer: Pointer,
    message: String,
    location: Option<(usize, usize)>,
) -> Diagnostic {
    // serde_yaml reports a type mismatch as soon as it sees one, before a
    // syntax error further on; a syntax error anywhere is the better message.
    if let Err(syntax) = serde_yaml::from_str::<serde_yaml::Value>(text) {
        let message = strip_position(&syntax.to_string());
        if is_yaml_syntax(&message) {
            let diagnostic = Diagnostic::error(path, format!("invalid YAML: {message}"));
            return match syntax.location() {
                Some(location) => diagnostic.at_line(location.line(), location.column()),
                None => diagnostic,
            };
        }
    }
    if let Some(version_error) = peek_version(path, text) {
        return version_error;
    }
    // `openapiv3` wraps most nodes in untagged enums, which hide the path
    // below them; narrow the pointer down by deserializing the parts again.
    let reported = pointer.clone();
    let (pointer, message) = match serde_yaml::from_str::<serde_json::Value>(text) {
        Ok(document) => refine::narrow(&document, pointer, message),
        Err(_) => (pointer, message),
    };
    // The parser's position is where the buffered node began; once the
    // pointer is narrower, the key it ends at is a better place to show.
    let location = if pointer == reported {
        location
    } else {
        refine::position_of(text, &pointer).or(location)
    };
    let diagnostic = Diagnostic::error(path, format!("{STRUCTURE_ERROR}{message}")).at(pointer);
    match location {
        Some((line, column)) => diagnostic.at_line(line, column),
        None => diagnostic,
    }
}

/// Only the version fields, so a document of another version can be named.
#[derive(Deserialize)]
struct VersionFields {
    openapi: Option<serde_json::Value>,
    swagger: Option<serde_json::Value>,
}

fn peek_version(path: &Path, text: &str) -> Option<Diagnostic> {
    let fields: VersionFields = serde_yaml::from_str(text).ok()?;
    let located = |diagnostic: Diagnostic| locate(diagnostic, text);
    let diagnostic = match (fields.openapi, fields.swagger) {
        (Some(serde_json::Value::String(version)), _) => check_version(path, &version).err(),
        (Some(other), _) => Some(
            Diagnostic::error(
                path,
                format!("`openapi` must be a version string, found {other}"),
            )
            .at("#/openapi"),
        ),
        (None, Some(swagger)) => Some(
            Diagnostic::error(
                path,
                format!(
                    "this is a Swagger {} document; only OpenAPI 3.0.x is supported",
                    json_text(&swagger)
                ),
            )
            .at("#/swagger")
            .help("convert it to OpenAPI 3.0 first (for example with swagger2openapi)"),
        ),
        (None, None) => Some(
            Diagnostic::error(path, "not an OpenAPI document: it has no `openapi` field")
                .at("#")
                .help("an OpenAPI 3.0 document starts with `openapi: 3.0.3`"),
        ),
    };
    diagnostic.map(located)
}

/// Adds the line and column of the diagnostic's pointer, when it can be found.
fn locate(diagnostic: Diagnostic, text: &str) -> Diagnostic {
    let position = diagnostic
        .pointer
        .as_deref()
        .and_then(Pointer::from_ref)
        .filter(|pointer| pointer.as_str() != "#")
        .and_then(|pointer| refine::position_of(text, &pointer));
    match position {
        Some((line, column)) => diagnostic.at_line(line, column),
        None => diagnostic,
    }
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Accepts 3.0.0 to 3.0.4, the versions whose schema dialect `openapiv3` models.
fn check_version(path: &Path, version: &str) -> Result<(), Diagnostic> {
    let supported = version
        .strip_prefix("3.0.")
        .is_some_and(|patch| matches!(patch, "0" | "1" | "2" | "3" | "4"));
    if supported {
        return Ok(());
    }
    let help = if version.starts_with("3.1") {
        "OpenAPI 3.1 is not supported yet; a 3.0 version of the spec will work"
    } else {
        "this generator reads OpenAPI 3.0.0 to 3.0.4"
    };
    Err(Diagnostic::error(
        path,
        format!("unsupported OpenAPI version {version:?}: only 3.0.0 to 3.0.4 are supported"),
    )
    .at("#/openapi")
    .help(help))
}

fn pointer_of(path: &serde_path_to_error::Path) -> Pointer {
    use serde_path_to_error::Segment;
    path.iter()
        .fold(Pointer::root(), |pointer, segment| match segment {
            Segment::Seq { index } => pointer.push(index),
            Segment::Map { key } => pointer.push(key),
            Segment::Enum { variant } => pointer.push(variant),
            Segment::Unknown => pointer,
        })
}

fn is_yaml_syntax(message: &str) -> bool {
    // What the YAML scanner and parser report, as opposed to serde's
    // "missing field"/"invalid type" messages about a well-formed document.
    [
        "while scanning",
        "while parsing",
        "did not find expected",
        "found unexpected end of stream",
        "found character that cannot start",
        "mapping values are not allowed",
        "control characters are not allowed",
        "invalid leading UTF-8",
        "recursion limit exceeded",
        "repetition limit exceeded",
        "unknown anchor",
        "deserializing from YAML containing more than one document",
    ]
    .iter()
    .any(|syntax| message.contains(syntax))
}

/// Parsers put " at line L column C" into their messages; the diagnostic
/// prints the position itself.
fn strip_position(message: &str) -> String {
    let Some(start) = message.find(" at line ") else {
        return message.to_owned();
    };
    let rest = &message[start + " at line ".len()..];
    let after_line = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let Some(after_column) = after_line.strip_prefix(" column ") else {
        return message.to_owned();
    };
    let after = after_column.trim_start_matches(|c: char| c.is_ascii_digit());
    format!("{}{after}", &message[..start])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(name: &str, text: &str) -> Result<Document, Diagnostic> {
        parse(Path::new(name), text.as_bytes())
    }

    const MINIMAL: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

    #[test]
    fn reads_yaml_and_json() {
        let yaml = parse_str("a.yaml", MINIMAL).unwrap();
        assert_eq!(yaml.spec.info.title, "t");
        let json = parse_str(
            "a.json",
            r#"{"openapi":"3.0.0","info":{"title":"j","version":"1"},"paths":{}}"#,
        )
        .unwrap();
        assert_eq!(json.spec.info.title, "j");
    }

    #[test]
    fn invalid_yaml_has_line_and_column() {
        let error =
            parse_str("bad.yaml", "openapi: 3.0.3\ninfo:\n  title: \"unclosed\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: bad.yaml:4:1: invalid YAML: found unexpected end of stream, while scanning a quoted scalar at line 3 column 10"
        );
    }

    #[test]
    fn invalid_json_has_line_and_column() {
        let error = parse_str("bad.json", "{\n  \"openapi\": \"3.0.3\",\n  oops\n}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: bad.json:3:3: invalid JSON: key must be a string"
        );
    }

    #[test]
    fn structural_error_names_the_pointer() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let error = parse_str("s.yaml", text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: s.yaml:6:7: #/paths/~1a/get/responses: not a valid OpenAPI 3.0 document: invalid type: integer `7`, expected struct Responses"
        );
        let text = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\n\"paths\":{\"/a\":{\"get\":{\"requestBody\":{\"content\":5},\"responses\":{}}}}}";
        let error = parse_str("s.json", text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: s.json:2:38: #/paths/~1a/get/requestBody/content: not a valid OpenAPI 3.0 document: invalid type: integer `5`, expected a map"
        );
    }

    #[test]
    fn a_document_without_openapi_is_named_as_such() {
        let error = parse_str("x.yaml", "hello: world\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: x.yaml: #: not an OpenAPI document: it has no `openapi` field\n  help: an OpenAPI 3.0 document starts with `openapi: 3.0.3`"
        );
    }

    #[test]
    fn other_versions_are_refused_by_name() {
        let error = parse_str("v.yaml", &MINIMAL.replace("3.0.3", "3.1.0")).unwrap_err();
        assert_eq!(
            error.message,
            "unsupported OpenAPI version \"3.1.0\": only 3.0.0 to 3.0.4 are supported"
        );
        assert_eq!(error.pointer.as_deref(), Some("#/openapi"));

        let swagger = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n";
        let error = parse_str("s.yaml", swagger).unwrap_err();
        assert_eq!(
            error.message,
            "this is a Swagger 2.0 document; only OpenAPI 3.0.x is supported"
        );
        for accepted in ["3.0.0", "3.0.1", "3.0.2", "3.0.4"] {
            assert!(parse_str("ok.yaml", &MINIMAL.replace("3.0.3", accepted)).is_ok());
        }
        assert!(parse_str("no.yaml", &MINIMAL.replace("3.0.3", "3.0.5")).is_err());
    }

    #[test]
    fn infinite_numbers_are_refused_by_place() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: number, maximum: .inf}\n";
        let error = parse_str("inf.yaml", text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: inf.yaml:6:23: #/components/schemas/A/maximum: a number here is infinite or NaN, which OpenAPI does not allow"
        );
        let nan = text.replace(".inf", "-.NaN");
        assert!(parse_str("nan.yaml", &nan).is_err());
    }

    #[test]
    fn required_true_in_a_schema_is_repaired_with_a_warning() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {type: string, required: true}\n";
        let document = parse_str("r.yaml", text).unwrap();
        let warnings: Vec<String> = document.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "warning: r.yaml:9:27: #/components/schemas/A/properties/b/required: `required: true` inside a schema is not OpenAPI (a schema's `required` lists property names); it is ignored\n  help: list the property in the `required` array of the object that holds it"
            ]
        );
        assert!(document.spec.components.unwrap().schemas.contains_key("A"));
    }

    #[test]
    fn an_enormous_document_is_refused_before_parsing() {
        let bytes = vec![b' '; MAX_SPEC_BYTES + 1];
        let error = parse(Path::new("big.yaml"), &bytes).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: big.yaml: the spec is 67108865 bytes, more than the 67108864 this generator reads"
        );
    }

    #[test]
    fn a_duplicate_key_is_refused_by_place() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {}\n      responses: {}\n";
        let error = parse_str("dup.yaml", text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: dup.yaml:6:7: #/paths/~1a/get: the key `responses` appears twice in this mapping\n  help: keep one of the two entries"
        );
        let json =
            r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"paths":{}}"#;
        let error = parse_str("dup.json", json).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: dup.json:1:72: #: the key `paths` appears twice in this mapping\n  help: keep one of the two entries"
        );
    }

    #[test]
    fn a_mistyped_schema_keyword_is_named() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          type: string\n          maxLength: lots\n";
        let error = parse_str("k.yaml", text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: k.yaml:11:11: #/components/schemas/A/properties/b/maxLength: not a valid OpenAPI 3.0 document: invalid type: string \"lots\", expected usize"
        );
    }

    #[test]
    fn non_utf8_is_refused() {
        let error = parse(Path::new("b.yaml"), &[0xff, 0xfe, 0x00]).unwrap_err();
        assert!(error.message.starts_with("the spec is not UTF-8 text"));
    }
}
