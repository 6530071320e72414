//! Narrows the JSON pointer of a structural error.
//!
//! `openapiv3` deserializes most nodes through untagged enums (`ReferenceOr`)
//! and flattened maps, which buffer their input and so lose the path below
//! them: a bad `responses` deep in an operation is reported at `#/paths`.
//! Knowing which OpenAPI object lives at which kind of place, we deserialize
//! the failing node again as that object, one level at a time, until the path
//! stops getting longer.

use openapiv3::{
    Header, MediaType, Operation, Parameter, PathItem, RequestBody, Response, Schema,
    SecurityScheme,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::Pointer;

/// How many levels to descend at most; documents are nested far less deeply.
const MAX_STEPS: usize = 64;

/// The deepest pointer (and its message) at which the document still fails.
pub(super) fn narrow(
    document: &Value,
    mut pointer: Pointer,
    mut message: String,
) -> (Pointer, String) {
    for _ in 0..MAX_STEPS {
        let Some(value) = document.pointer(pointer.as_str().trim_start_matches('#')) else {
            break;
        };
        match step(&pointer, value) {
            Some((deeper, deeper_message)) if deeper.as_str().len() > pointer.as_str().len() => {
                pointer = deeper;
                message = deeper_message;
            }
            _ => break,
        }
    }
    (pointer, message)
}

/// What kind of object a place holds.
#[derive(Clone, Copy)]
enum Kind {
    PathItem,
    Operation,
    Schema,
    Response,
    Parameter,
    RequestBody,
    SecurityScheme,
    MediaType,
    Header,
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The kind of the children of a container named `name`.
fn child_kind(name: &str) -> Option<Kind> {
    Some(match name {
        "paths" => Kind::PathItem,
        "schemas" | "properties" | "allOf" | "oneOf" | "anyOf" => Kind::Schema,
        "responses" => Kind::Response,
        "parameters" => Kind::Parameter,
        "requestBodies" => Kind::RequestBody,
        "securitySchemes" => Kind::SecurityScheme,
        "content" => Kind::MediaType,
        "headers" => Kind::Header,
        _ => return None,
    })
}

fn step(pointer: &Pointer, value: &Value) -> Option<(Pointer, String)> {
    let segments = pointer.segments();
    let last = segments.last()?.as_str();
    let parent = segments
        .len()
        .checked_sub(2)
        .map(|index| segments[index].as_str());
    let own_kind = match (segments.as_slice(), parent) {
        ([paths, _, method], _) if paths == "paths" && METHODS.contains(&method.as_str()) => {
            Some(Kind::Operation)
        }
        (_, Some(parent)) if child_kind(parent).is_some() => child_kind(parent),
        _ => match last {
            "requestBody" => Some(Kind::RequestBody),
            "schema" | "items" | "additionalProperties" | "not" => Some(Kind::Schema),
            _ => None,
        },
    };
    if let Some(kind) = own_kind {
        let (path, message) = error_in(kind, value)?;
        // A schema is deserialized by hand in `openapiv3`, which loses the
        // path below it: find the keyword whose value has the wrong type.
        if path.is_empty() && matches!(kind, Kind::Schema) {
            if let Some(keyword) = mistyped_keyword(value) {
                return Some((pointer.push(keyword), message));
            }
            if let Some(child) = failing_subschema(pointer, value) {
                return Some(child);
            }
        }
        return Some((extend(pointer, &path), message));
    }
    // A container: find the first child that fails as its kind.
    let kind = child_kind(last)?;
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| !key.starts_with("x-"))
            .map(|(key, child)| (key.clone(), child))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, child)| (index.to_string(), child))
            .collect(),
        _ => return None,
    };
    children.into_iter().find_map(|(key, child)| {
        let (path, message) = error_in(kind, child)?;
        Some((extend(&pointer.push(key), &path), message))
    })
}

/// The first schema inside `schema` that fails to deserialize on its own.
fn failing_subschema(pointer: &Pointer, schema: &Value) -> Option<(Pointer, String)> {
    let Value::Object(map) = schema else {
        return None;
    };
    let mut children: Vec<(Pointer, &Value)> = Vec::new();
    for (keyword, value) in map {
        match (keyword.as_str(), value) {
            ("properties", Value::Object(properties)) => children.extend(
                properties
                    .iter()
                    .map(|(name, child)| (pointer.push("properties").push(name), child)),
            ),
            ("items" | "additionalProperties" | "not", child) => {
                children.push((pointer.push(keyword), child));
            }
            ("allOf" | "oneOf" | "anyOf", Value::Array(members)) => children.extend(
                members
                    .iter()
                    .enumerate()
                    .map(|(index, child)| (pointer.push(keyword).push(index), child)),
            ),
            _ => {}
        }
    }
    children.into_iter().find_map(|(at, child)| {
        if child.is_boolean() {
            return None;
        }
        let (_, message) = first_error::<Schema>(child)?;
        Some((at, message))
    })
}

/// The first schema keyword whose value is not of the type OpenAPI gives it.
fn mistyped_keyword(schema: &Value) -> Option<&str> {
    let Value::Object(map) = schema else {
        return None;
    };
    map.iter().find_map(|(keyword, value)| {
        let fits = match keyword.as_str() {
            "maxLength" | "minLength" | "maxItems" | "minItems" | "maxProperties"
            | "minProperties" => value.is_u64(),
            "minimum" | "maximum" | "multipleOf" => value.is_number(),
            "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems"
            | "exclusiveMinimum" | "exclusiveMaximum" => value.is_boolean(),
            "type" | "format" | "pattern" | "title" | "description" => value.is_string(),
            "required" => value
                .as_array()
                .is_some_and(|names| names.iter().all(Value::is_string)),
            "enum" | "allOf" | "oneOf" | "anyOf" => value.is_array(),
            "properties" => value.is_object(),
            _ => true,
        };
        (!fits).then_some(keyword.as_str())
    })
}

fn error_in(kind: Kind, value: &Value) -> Option<(Vec<String>, String)> {
    match kind {
        Kind::PathItem => first_error::<PathItem>(value),
        Kind::Operation => first_error::<Operation>(value),
        Kind::Schema => first_error::<Schema>(value),
        Kind::Response => first_error::<Response>(value),
        Kind::Parameter => first_error::<Parameter>(value),
        Kind::RequestBody => first_error::<RequestBody>(value),
        Kind::SecurityScheme => first_error::<SecurityScheme>(value),
        Kind::MediaType => first_error::<MediaType>(value),
        Kind::Header => first_error::<Header>(value),
    }
}

/// A `$ref` is valid anywhere an object is: only the object form can fail.
fn first_error<T: DeserializeOwned>(value: &Value) -> Option<(Vec<String>, String)> {
    if value.get("$ref").is_some_and(Value::is_string) {
        return None;
    }
    let error = serde_path_to_error::deserialize::<_, T>(value).err()?;
    let path = error
        .path()
        .iter()
        .filter_map(|segment| match segment {
            serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
            serde_path_to_error::Segment::Unknown => None,
        })
        .collect();
    Some((path, error.into_inner().to_string()))
}

fn extend(pointer: &Pointer, path: &[String]) -> Pointer {
    path.iter()
        .fold(pointer.clone(), |pointer, segment| pointer.push(segment))
}

/// The line and column of the last key of `pointer`, found by looking for
/// each key in turn after the previous one. A best effort for display only:
/// array indices are skipped, and `None` when a key cannot be found.
pub(super) fn position_of(text: &str, pointer: &Pointer) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut found = None;
    for segment in pointer.segments() {
        if segment.parse::<usize>().is_ok() {
            continue;
        }
        let candidates = [
            format!("\"{segment}\""),
            format!("'{segment}':"),
            format!("{segment}:"),
        ];
        let at = candidates
            .iter()
            .filter_map(|candidate| text.get(offset..)?.find(candidate.as_str()))
            .min()?;
        found = Some(offset + at);
        offset += at + segment.len();
    }
    let at = found?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(at, |newline| at - newline - 1) + 1;
    Some((line, column))
}
