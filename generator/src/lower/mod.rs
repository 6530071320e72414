//! OpenAPI document → IR.
//!
//! Lowering makes every decision the generated code depends on: names, types,
//! optionality, constraints, media types, credentials. It runs in spec order
//! (components, then paths) so the same document always gives the same IR.

mod finish;
mod operation;
mod schema;

use std::collections::BTreeMap;
use std::path::Path;

use openapiv3::{OpenAPI, ReferenceOr, Schema};

use crate::diagnostics::{Diagnostic, Pointer};
use crate::ir::{self, Api, TypeDef};
use crate::load::Document;
use crate::naming::{self, Scope};

/// The IR and the warnings about what it could not represent exactly.
#[derive(Debug)]
pub struct Lowered {
    pub api: Api,
    pub warnings: Vec<Diagnostic>,
}

/// Lowers a loaded document.
pub fn lower(document: &Document) -> Result<Lowered, Diagnostic> {
    let mut lowerer = Lowerer::new(&document.path, &document.spec);
    lowerer.warnings.extend(document.warnings.iter().cloned());
    lowerer.lower_components()?;
    let security_schemes = lowerer.lower_security_schemes()?;
    let operations = lowerer.lower_operations(&security_schemes)?;
    let servers = lowerer.lower_servers();
    let mut types = lowerer.types;
    finish::finish(&mut types, &operations);
    let info = &document.spec.info;
    let stem = document
        .path
        .file_stem()
        .map(|stem| stem.to_string_lossy())
        .unwrap_or_default();
    Ok(Lowered {
        api: Api {
            name: naming::api_name(&info.title, &stem),
            title: info.title.clone(),
            description: info.description.clone(),
            version: info.version.clone(),
            servers,
            types,
            operations,
            security_schemes,
        },
        warnings: distinct(lowerer.warnings),
    })
}

/// Each warning once, in the order first given (a schema used in several
/// places would otherwise repeat its warnings).
fn distinct(warnings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::BTreeSet::new();
    warnings
        .into_iter()
        .filter(|warning| seen.insert(warning.to_string()))
        .collect()
}

/// A schema, or a reference to one, as found anywhere in the document.
/// (`openapiv3` boxes some schemas and not others.)
#[derive(Clone, Copy)]
enum SchemaRef<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(schema: &'a ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(schema: &'a ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

struct Lowerer<'a> {
    file: &'a Path,
    spec: &'a OpenAPI,
    /// Every type name in the generated crate.
    type_names: Scope,
    /// Component schema key → its Rust type name, decided before anything is
    /// lowered so references can be resolved in any order.
    components: BTreeMap<&'a str, String>,
    types: Vec<TypeDef>,
    warnings: Vec<Diagnostic>,
    /// Component schemas whose `allOf` members are being merged, to refuse a
    /// schema that includes itself.
    merging: Vec<String>,
    /// Pointers of the inline schemas being lowered, innermost last.
    lowering: Vec<String>,
}

impl<'a> Lowerer<'a> {
    fn new(file: &'a Path, spec: &'a OpenAPI) -> Self {
        let mut type_names = Scope::new();
        let mut components = BTreeMap::new();
        if let Some(schemas) = spec.components.as_ref().map(|c| &c.schemas) {
            for key in schemas.keys() {
                let name = type_names.claim(&naming::type_name(key));
                components.insert(key.as_str(), name);
            }
        }
        Lowerer {
            file,
            spec,
            type_names,
            components,
            types: Vec::new(),
            warnings: Vec::new(),
            merging: Vec::new(),
            lowering: Vec::new(),
        }
    }

    fn error(&self, at: &Pointer, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.file, message).at(at)
    }

    fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        let warning = Diagnostic::warning(self.file, message).at(at);
        self.warnings.push(warning);
    }

    fn lower_servers(&mut self) -> Vec<ir::Server> {
        let mut names = Scope::new();
        let mut servers = Vec::new();
        for (index, server) in self.spec.servers.iter().enumerate() {
            let at = Pointer::root().push("servers").push(index);
            let url = substitute_variables(&server.url, server.variables.as_ref());
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                self.warn(
                    &at,
                    format!("server URL {url:?} is not absolute; it is left out of `Server`"),
                );
                continue;
            }
            let label = server
                .description
                .as_deref()
                .map(strip_server_suffix)
                .filter(|label| !label.trim().is_empty())
                .unwrap_or_else(|| host_of(&url));
            servers.push(ir::Server {
                rust_name: names.claim(&naming::pascal_case(label, "Server")),
                url,
                description: server.description.clone(),
            });
        }
        servers
    }
}

/// `https://{region}.example.com` with each variable's default filled in.
fn substitute_variables(
    url: &str,
    variables: Option<&indexmap::IndexMap<String, openapiv3::ServerVariable>>,
) -> String {
    let mut url = url.to_owned();
    for (name, variable) in variables.into_iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url
}

/// "Production server" names the server `Production`.
fn strip_server_suffix(description: &str) -> &str {
    let trimmed = description.trim();
    for suffix in [" server", " Server", " environment", " Environment"] {
        if let Some(label) = trimmed.strip_suffix(suffix) {
            return label;
        }
    }
    trimmed
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

/// The `title` and `description` of a schema as one doc text.
fn schema_docs(schema: &Schema) -> Option<String> {
    join_docs(
        schema.schema_data.title.as_deref(),
        schema.schema_data.description.as_deref(),
    )
}

fn join_docs(first: Option<&str>, second: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [first, second]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .collect();
    match parts.as_slice() {
        [] => None,
        [one] => Some((*one).to_owned()),
        [a, b] if a == b => Some((*a).to_owned()),
        many => Some(many.join("\n\n")),
    }
}

#[cfg(test)]
mod tests;
