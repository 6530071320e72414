//! Mistakes real specs make that have one obvious meaning, repaired with a
//! warning instead of refusing the whole document.
//!
//! Only tried after the document failed to parse as it is, so a valid spec
//! pays nothing. Today: `required: true` written inside a schema (as if it
//! were a parameter), which the official Spotify spec does.

use std::path::Path;

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Pointer};

/// The document with its repairs and a warning for each, or `None` when
/// nothing was repaired or the repaired document still does not parse.
pub(super) fn repaired(path: &Path, text: &str) -> Option<(OpenAPI, Vec<Diagnostic>)> {
    let mut document: Value = serde_yaml::from_str(text).ok()?;
    let mut repairs = Vec::new();
    visit(&mut document, Pointer::root(), Place::Other, &mut repairs);
    if repairs.is_empty() {
        return None;
    }
    let spec: OpenAPI = std::panic::catch_unwind(move || serde_json::from_value(document))
        .ok()?
        .ok()?;
    let warnings = repairs
        .into_iter()
        .map(|pointer| {
            let diagnostic = Diagnostic::warning(
                path,
                "`required: true` inside a schema is not OpenAPI (a schema's `required` lists property names); it is ignored",
            )
            .help("list the property in the `required` array of the object that holds it");
            let located = match super::refine::position_of(text, &pointer) {
                Some((line, column)) => diagnostic.at_line(line, column),
                None => diagnostic,
            };
            located.at(pointer)
        })
        .collect();
    Some((spec, warnings))
}

/// What a node of the document is, as far as repairs care.
#[derive(Clone, Copy)]
enum Place {
    Schema,
    /// A map of schemas (`properties`, `components/schemas`).
    Schemas,
    /// A list of schemas (`allOf`, `oneOf`, `anyOf`).
    SchemaList,
    Other,
}

fn visit(value: &mut Value, at: Pointer, place: Place, repairs: &mut Vec<Pointer>) {
    match (place, value) {
        (Place::Schema, Value::Object(map)) => {
            if map.get("required").is_some_and(Value::is_boolean) {
                map.remove("required");
                repairs.push(at.push("required"));
            }
            for (key, child) in map.iter_mut() {
                let place = match key.as_str() {
                    "properties" => Place::Schemas,
                    "items" | "additionalProperties" | "not" => Place::Schema,
                    "allOf" | "oneOf" | "anyOf" => Place::SchemaList,
                    _ => Place::Other,
                };
                visit(child, at.push(key), place, repairs);
            }
        }
        (Place::Schemas, Value::Object(map)) => {
            for (key, child) in map.iter_mut() {
                visit(child, at.push(key), Place::Schema, repairs);
            }
        }
        (Place::SchemaList, Value::Array(items)) => {
            for (index, child) in items.iter_mut().enumerate() {
                visit(child, at.push(index), Place::Schema, repairs);
            }
        }
        (_, Value::Object(map)) => {
            for (key, child) in map.iter_mut() {
                let place = match key.as_str() {
                    "schema" => Place::Schema,
                    "schemas" => Place::Schemas,
                    _ => Place::Other,
                };
                visit(child, at.push(key), place, repairs);
            }
        }
        (_, Value::Array(items)) => {
            for (index, child) in items.iter_mut().enumerate() {
                visit(child, at.push(index), Place::Other, repairs);
            }
        }
        _ => {}
    }
}
