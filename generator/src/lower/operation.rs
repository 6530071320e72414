//! Paths → operations: names, parameters, bodies, responses and credentials.

use std::collections::BTreeMap;

use openapiv3::{
    MediaType, Operation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody,
    Response, SecurityScheme, StatusCode,
};

use super::schema::Hint;
use super::{Lowerer, join_docs};
use crate::diagnostics::{Diagnostic, Pointer};
use crate::ir::{
    self, BodyEncoding, Method, ParameterLocation, ResponseBody, SecurityKind, SecurityRequirement,
    Status, TypeRef,
};
use crate::naming::{self, Scope};

/// Names of the generated `Client`'s own methods, which operations must not take.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "default",
    "clone",
    "fmt",
    "from_reqwest",
    "with_base_url",
    "with_server",
    "base_url",
];

/// Summaries longer than this are sentences, not names: the method name then
/// comes from the method and path.
const MAX_SUMMARY_WORDS: usize = 8;

/// One operation found under `paths`, before lowering.
struct Found<'a> {
    path: &'a str,
    method: Method,
    item: &'a PathItem,
    operation: &'a Operation,
    at: Pointer,
}

impl<'a> Lowerer<'a> {
    pub(super) fn lower_operations(
        &mut self,
        schemes: &[ir::SecurityScheme],
    ) -> Result<Vec<ir::Operation>, Diagnostic> {
        let found = self.find_operations()?;
        let names = self.operation_names(&found, schemes);
        let mut operations = Vec::with_capacity(found.len());
        for (found, rust_name) in found.iter().zip(names) {
            if let Some(operation) = self.lower_operation(found, rust_name)? {
                operations.push(operation);
            }
        }
        Ok(operations)
    }

    fn find_operations(&self) -> Result<Vec<Found<'a>>, Diagnostic> {
        let mut found = Vec::new();
        for (path, item) in &self.spec.paths.paths {
            let item_at = Pointer::root().push("paths").push(path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    return Err(self
                        .error(&item_at, "a path item `$ref` is not supported")
                        .help("write the operations under the path itself"));
                }
            };
            for (method, operation) in item.iter() {
                found.push(Found {
                    path,
                    method: method_of(method),
                    item,
                    operation,
                    at: item_at.push(method),
                });
            }
        }
        Ok(found)
    }

    /// `operationId` when there is one, else the summary, else method and path.
    /// Names that collide fall back to method and path, then get numbered, so a
    /// name changes only when an operation with the same name is added.
    fn operation_names(&self, found: &[Found<'a>], schemes: &[ir::SecurityScheme]) -> Vec<String> {
        let fallback: Vec<String> = found
            .iter()
            .map(|f| method_path_name(f.method, f.path))
            .collect();
        let preferred: Vec<String> = found
            .iter()
            .zip(&fallback)
            .map(|(f, fallback)| {
                if let Some(id) = &f.operation.operation_id {
                    return naming::snake_case(id, fallback);
                }
                f.operation
                    .summary
                    .as_deref()
                    .map(|summary| naming::snake_case(summary, fallback))
                    .filter(|name| name.split('_').count() <= MAX_SUMMARY_WORDS)
                    .unwrap_or_else(|| fallback.clone())
            })
            .collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &preferred {
            *counts.entry(name.as_str()).or_default() += 1;
        }
        let mut scope = Scope::with_reserved(CLIENT_METHODS.iter().copied());
        for scheme in schemes {
            // The credential setter and the private method that applies it.
            scope.claim(&format!("with_{}", scheme.rust_name));
            scope.claim(&format!("authorize_{}", scheme.rust_name));
        }
        preferred
            .iter()
            .zip(fallback)
            .map(|(name, fallback)| {
                let unique = counts.get(name.as_str()) == Some(&1);
                scope.claim(if unique && !scope.is_taken(name) {
                    name
                } else {
                    &fallback
                })
            })
            .collect()
    }

    fn lower_operation(
        &mut self,
        found: &Found<'a>,
        rust_name: String,
    ) -> Result<Option<ir::Operation>, Diagnostic> {
        let operation = found.operation;
        let at = &found.at;
        if !operation.callbacks.is_empty() {
            self.warn(
                &at.push("callbacks"),
                "callbacks are not generated: the client only makes requests",
            );
        }
        let type_prefix = naming::pascal_case(&rust_name, "Operation");
        let body = match &operation.request_body {
            Some(body) => {
                match self.lower_request_body(body, &at.push("requestBody"), &type_prefix)? {
                    Some(body) => Some(body),
                    None => return Ok(None),
                }
            }
            None => None,
        };
        let parameters = self.lower_parameters(found, &type_prefix)?;
        let params_type = parameters
            .iter()
            .any(|parameter| parameter.location != ParameterLocation::Path)
            .then(|| self.type_names.claim(&format!("{type_prefix}Params")));
        let responses = self.lower_responses(operation, at, &type_prefix)?;
        let success = self.success_of(&responses, at);
        let error_type = responses
            .iter()
            .any(|response| !response.status.is_success())
            .then(|| self.type_names.claim(&format!("{type_prefix}Error")));
        let security = self.lower_security(operation, at)?;
        Ok(Some(ir::Operation {
            rust_name,
            type_prefix,
            method: found.method,
            path: found.path.to_owned(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            parameters,
            body,
            responses,
            success,
            error_type,
            params_type,
            security,
            origin: at.to_string(),
        }))
    }

    /// Path-level parameters, overridden by operation-level ones with the same
    /// name and location; every `{name}` in the path must have one.
    fn lower_parameters(
        &mut self,
        found: &Found<'a>,
        prefix: &str,
    ) -> Result<Vec<ir::Parameter>, Diagnostic> {
        let path_at = Pointer::root().push("paths").push(found.path);
        let mut merged: Vec<(&'a Parameter, Pointer)> = Vec::new();
        let levels = [
            (&found.item.parameters, path_at.push("parameters")),
            (&found.operation.parameters, found.at.push("parameters")),
        ];
        for (parameters, at) in levels {
            for (index, parameter) in parameters.iter().enumerate() {
                let at = at.push(index);
                let parameter = self.resolve_parameter(parameter, &at)?;
                let data = parameter.parameter_data_ref();
                let same = |(existing, _): &(&Parameter, Pointer)| {
                    existing.parameter_data_ref().name == data.name
                        && location_of(existing) == location_of(parameter)
                };
                match merged.iter().position(same) {
                    Some(position) => merged[position] = (parameter, at),
                    None => merged.push((parameter, at)),
                }
            }
        }
        for name in path_template_names(found.path) {
            let declared = merged.iter().any(|(parameter, _)| {
                location_of(parameter) == ParameterLocation::Path
                    && parameter.parameter_data_ref().name == name
            });
            if !declared {
                return Err(self
                    .error(
                        &found.at,
                        format!("path parameter {{{name}}} is not declared"),
                    )
                    .help(format!(
                        "add a parameter with `name: {name}` and `in: path`"
                    )));
            }
        }
        let converted: Vec<(String, &str)> = merged
            .iter()
            .map(|(parameter, _)| {
                let name = parameter.parameter_data_ref().name.as_str();
                (naming::snake_case(name, "param"), name)
            })
            .collect();
        // Path parameters are method arguments beside `body` and `params`;
        // the others are fields of the parameter struct: two namespaces.
        let is_path: Vec<bool> = merged
            .iter()
            .map(|(parameter, _)| location_of(parameter) == ParameterLocation::Path)
            .collect();
        let mut rust_names = vec![String::new(); converted.len()];
        for (path, mut scope) in [
            (true, Scope::with_reserved(["body", "params"])),
            (false, Scope::new()),
        ] {
            let group: Vec<usize> = (0..converted.len())
                .filter(|&i| is_path[i] == path)
                .collect();
            let names: Vec<(String, &str)> = group.iter().map(|&i| converted[i].clone()).collect();
            for (&i, name) in group.iter().zip(naming::distinct_names(&names, &mut scope)) {
                rust_names[i] = name;
            }
        }
        let mut lowered = Vec::with_capacity(merged.len());
        for ((parameter, at), rust_name) in merged.into_iter().zip(rust_names) {
            let data = parameter.parameter_data_ref();
            let location = location_of(parameter);
            if let Parameter::Query { style, .. } = parameter
                && *style != openapiv3::QueryStyle::Form
            {
                self.warn(
                    &at.push("style"),
                    format!("query style {style:?} is not supported; the parameter is sent in the form style"),
                );
            }
            let hint = Hint::operation(prefix, &naming::pascal_case(&data.name, "Param"));
            let schema = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    Some(self.lower_schema(schema.into(), &at.push("schema"), &hint)?)
                }
                ParameterSchemaOrContent::Content(content) => {
                    let schema = content
                        .values()
                        .next()
                        .and_then(|media| media.schema.as_ref());
                    match schema {
                        Some(schema) => {
                            Some(self.lower_schema(schema.into(), &at.push("content"), &hint)?)
                        }
                        None => None,
                    }
                }
            };
            let (ty, constraints) = match schema {
                Some(schema) => (schema.ty, schema.constraints),
                None => (TypeRef::String, Default::default()),
            };
            lowered.push(ir::Parameter {
                wire_name: data.name.clone(),
                rust_name,
                location,
                ty,
                // Path parameters are always required, whatever the spec says.
                required: data.required || location == ParameterLocation::Path,
                docs: data.description.clone(),
                constraints,
                explode: data.explode.unwrap_or(true),
                origin: at.to_string(),
            });
        }
        Ok(lowered)
    }

    fn resolve_parameter(
        &self,
        parameter: &'a ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Result<&'a Parameter, Diagnostic> {
        let parameters = self.spec.components.as_ref().map(|c| &c.parameters);
        self.resolve_component(parameter, "parameters", "a parameter", parameters, at)
    }

    /// The object a `$ref` names in `#/components/{section}`, or a located error.
    fn resolve_component<T>(
        &self,
        item: &'a ReferenceOr<T>,
        section: &str,
        what: &str,
        components: Option<&'a indexmap::IndexMap<String, ReferenceOr<T>>>,
        at: &Pointer,
    ) -> Result<&'a T, Diagnostic> {
        let reference = match item {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => reference,
        };
        let found = reference
            .strip_prefix(&format!("#/components/{section}/"))
            .and_then(|key| components?.get(&unescape(key)));
        match found {
            Some(ReferenceOr::Item(item)) => Ok(item),
            _ => Err(self.error(
                at,
                format!("`$ref` {reference:?} does not name {what} in #/components/{section}"),
            )),
        }
    }

    /// `None` when the body's media type cannot be sent yet: the operation is
    /// left out with a warning rather than generated wrong.
    fn lower_request_body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        at: &Pointer,
        prefix: &str,
    ) -> Result<Option<ir::RequestBody>, Diagnostic> {
        let bodies = self.spec.components.as_ref().map(|c| &c.request_bodies);
        let body = self.resolve_component(body, "requestBodies", "a request body", bodies, at)?;
        let Some((media_type, media)) = choose_media(&body.content) else {
            self.warn(
                &at.push("content"),
                "the request body has no media type this generator can send (multipart is not supported yet); the operation is left out",
            );
            return Ok(None);
        };
        let at = at.push("content").push(media_type);
        let encoding = encoding_of(media_type, media);
        let ty = self.body_type(media, encoding, &at, &Hint::operation(prefix, "Request"))?;
        Ok(Some(ir::RequestBody {
            media_type: media_type.to_owned(),
            encoding,
            ty,
            required: body.required,
            docs: body.description.clone(),
        }))
    }

    fn body_type(
        &mut self,
        media: &'a MediaType,
        encoding: BodyEncoding,
        at: &Pointer,
        hint: &Hint,
    ) -> Result<TypeRef, Diagnostic> {
        Ok(match encoding {
            BodyEncoding::Text => TypeRef::String,
            BodyEncoding::Binary => TypeRef::Bytes,
            BodyEncoding::Json | BodyEncoding::Form => match &media.schema {
                Some(schema) => {
                    self.lower_schema(schema.into(), &at.push("schema"), hint)?
                        .ty
                }
                None => TypeRef::Json,
            },
        })
    }

    fn lower_responses(
        &mut self,
        operation: &'a Operation,
        at: &Pointer,
        prefix: &str,
    ) -> Result<Vec<ir::Response>, Diagnostic> {
        let responses_at = at.push("responses");
        let mut entries: Vec<(Status, String, &'a ReferenceOr<Response>)> = operation
            .responses
            .responses
            .iter()
            .map(|(code, response)| (status_of(code), code.to_string(), response))
            .collect();
        if let Some(default) = &operation.responses.default {
            entries.push((Status::Default, "default".to_owned(), default));
        }
        entries.sort_by_key(|(status, _, _)| *status);
        let mut variant_names = Scope::new();
        let first_success = entries
            .iter()
            .position(|(status, _, _)| status.is_success());
        let mut lowered = Vec::with_capacity(entries.len());
        for (position, (status, key, response)) in entries.into_iter().enumerate() {
            let at = responses_at.push(&key);
            let response = self.resolve_response(response, &at)?;
            let rust_name = variant_names.claim(&status_name(status));
            let suffix = if Some(position) == first_success {
                "Response".to_owned()
            } else {
                rust_name.clone()
            };
            let body = match choose_media(&response.content) {
                Some((media_type, media)) => {
                    let media_at = at.push("content").push(media_type);
                    let encoding = encoding_of(media_type, media);
                    let ty = self.body_type(
                        media,
                        encoding,
                        &media_at,
                        &Hint::operation(prefix, &suffix),
                    )?;
                    Some(ResponseBody {
                        media_type: media_type.to_owned(),
                        encoding,
                        ty,
                    })
                }
                None => None,
            };
            lowered.push(ir::Response {
                status,
                rust_name,
                description: response.description.clone(),
                body,
            });
        }
        Ok(lowered)
    }

    fn resolve_response(
        &self,
        response: &'a ReferenceOr<Response>,
        at: &Pointer,
    ) -> Result<&'a Response, Diagnostic> {
        let responses = self.spec.components.as_ref().map(|c| &c.responses);
        self.resolve_component(response, "responses", "a response", responses, at)
    }

    /// The body a successful call returns. When the documented 2xx responses
    /// disagree, the result is the JSON value, with a warning.
    fn success_of(&mut self, responses: &[ir::Response], at: &Pointer) -> Option<ResponseBody> {
        let mut bodies = responses
            .iter()
            .filter(|response| response.status.is_success())
            .filter_map(|response| response.body.as_ref());
        let first = bodies.next()?.clone();
        if bodies.all(|body| body.ty == first.ty && body.encoding == first.encoding) {
            return Some(first);
        }
        self.warn(
            &at.push("responses"),
            "the success responses have different bodies; the result is typed as a JSON value",
        );
        Some(ResponseBody {
            media_type: first.media_type,
            encoding: BodyEncoding::Json,
            ty: TypeRef::Json,
        })
    }

    /// The operation's `security`, or the document's when it has none.
    fn lower_security(
        &self,
        operation: &Operation,
        at: &Pointer,
    ) -> Result<Vec<SecurityRequirement>, Diagnostic> {
        let (requirements, at) = match &operation.security {
            Some(requirements) => (requirements, at.push("security")),
            None => match &self.spec.security {
                Some(requirements) => (requirements, Pointer::root().push("security")),
                None => return Ok(Vec::new()),
            },
        };
        let known = self.security_scheme_keys();
        let mut lowered = Vec::with_capacity(requirements.len());
        for (index, requirement) in requirements.iter().enumerate() {
            for key in requirement.keys() {
                if !known.contains(&key.as_str()) {
                    return Err(self.error(
                        &at.push(index).push(key),
                        format!(
                            "security scheme {key:?} is not defined in #/components/securitySchemes"
                        ),
                    ));
                }
            }
            lowered.push(SecurityRequirement {
                schemes: requirement.keys().cloned().collect(),
            });
        }
        Ok(lowered)
    }

    fn security_scheme_keys(&self) -> Vec<&'a str> {
        self.spec
            .components
            .iter()
            .flat_map(|components| components.security_schemes.keys())
            .map(String::as_str)
            .collect()
    }

    pub(super) fn lower_security_schemes(&mut self) -> Result<Vec<ir::SecurityScheme>, Diagnostic> {
        let Some(components) = &self.spec.components else {
            return Ok(Vec::new());
        };
        let mut lowered = Vec::new();
        // The client's own fields; credentials are stored beside them.
        let mut field_names = Scope::with_reserved(["http", "base_url"]);
        for (key, scheme) in &components.security_schemes {
            let at = Pointer::root()
                .push("components")
                .push("securitySchemes")
                .push(key);
            let scheme = match scheme {
                ReferenceOr::Item(scheme) => scheme,
                ReferenceOr::Reference { .. } => {
                    self.warn(
                        &at,
                        "a security scheme `$ref` is not supported; the scheme is left out",
                    );
                    continue;
                }
            };
            let (kind, docs) = match scheme {
                SecurityScheme::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => {
                    let location = match location {
                        openapiv3::APIKeyLocation::Header => ParameterLocation::Header,
                        openapiv3::APIKeyLocation::Query => ParameterLocation::Query,
                        openapiv3::APIKeyLocation::Cookie => ParameterLocation::Cookie,
                    };
                    (
                        SecurityKind::ApiKey {
                            name: name.clone(),
                            location,
                        },
                        description,
                    )
                }
                SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } => match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => (SecurityKind::Bearer, description),
                    "basic" => (SecurityKind::Basic, description),
                    other => {
                        self.warn(&at, format!("HTTP authentication scheme {other:?} is not supported; the scheme is left out"));
                        continue;
                    }
                },
                SecurityScheme::OAuth2 { description, .. }
                | SecurityScheme::OpenIDConnect { description, .. } => {
                    (SecurityKind::Bearer, description)
                }
            };
            lowered.push(ir::SecurityScheme {
                key: key.clone(),
                rust_name: field_names.claim(&naming::snake_case(key, "credentials")),
                kind,
                docs: join_docs(docs.as_deref(), None),
            });
        }
        Ok(lowered)
    }
}

fn method_of(method: &str) -> Method {
    match method {
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "options" => Method::Options,
        "head" => Method::Head,
        "patch" => Method::Patch,
        "trace" => Method::Trace,
        _ => Method::Get,
    }
}

/// `POST /v2/sessions` is `post_v2_sessions`; `{id}` reads `by_id`.
fn method_path_name(method: Method, path: &str) -> String {
    let mut words = vec![method.as_str().to_ascii_lowercase()];
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(parameter) => {
                words.push("by".to_owned());
                words.push(parameter.to_owned());
            }
            None => words.push(segment.to_owned()),
        }
    }
    naming::snake_case(&words.join(" "), "operation")
}

fn location_of(parameter: &Parameter) -> ParameterLocation {
    match parameter {
        Parameter::Query { .. } => ParameterLocation::Query,
        Parameter::Header { .. } => ParameterLocation::Header,
        Parameter::Path { .. } => ParameterLocation::Path,
        Parameter::Cookie { .. } => ParameterLocation::Cookie,
    }
}

/// The `{name}`s of a path template, in order.
pub(crate) fn path_template_names(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

fn status_of(code: &StatusCode) -> Status {
    match code {
        StatusCode::Code(code) => Status::Code(*code),
        StatusCode::Range(class) => Status::Range(*class),
    }
}

fn status_name(status: Status) -> String {
    match status {
        Status::Code(code) => naming::status_variant(code),
        Status::Range(2) => "Success".to_owned(),
        Status::Range(3) => "Redirection".to_owned(),
        Status::Range(4) => "ClientError".to_owned(),
        Status::Range(5) => "ServerError".to_owned(),
        Status::Range(class) => format!("Status{class}xx"),
        Status::Default => "Other".to_owned(),
    }
}

/// The media type to use among a body's alternatives: JSON first, then form,
/// text and raw bytes. Multipart is not chosen (not supported yet).
fn choose_media(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    let rank = |media_type: &str, media: &MediaType| match encoding_of(media_type, media) {
        _ if essence(media_type).starts_with("multipart/") => None,
        BodyEncoding::Json => Some(0),
        BodyEncoding::Form => Some(1),
        BodyEncoding::Text => Some(2),
        BodyEncoding::Binary => Some(3),
    };
    content
        .iter()
        .filter_map(|(media_type, media)| Some((rank(media_type, media)?, &media_type[..], media)))
        .min_by_key(|(rank, _, _)| *rank)
        .map(|(_, media_type, media)| (media_type, media))
}

fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// `*/*` with a schema that is not raw bytes is JSON: the seed's responses.
fn encoding_of(media_type: &str, media: &MediaType) -> BodyEncoding {
    let essence = essence(media_type);
    let is_binary_schema = matches!(
        &media.schema,
        Some(ReferenceOr::Item(schema)) if matches!(
            &schema.schema_kind,
            openapiv3::SchemaKind::Type(openapiv3::Type::String(string))
                if matches!(string.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary))
        )
    );
    if essence == "application/json" || essence.ends_with("+json") {
        BodyEncoding::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyEncoding::Form
    } else if essence.starts_with("text/") {
        BodyEncoding::Text
    } else if (essence == "*/*" || essence == "application/*")
        && media.schema.is_some()
        && !is_binary_schema
    {
        BodyEncoding::Json
    } else {
        BodyEncoding::Binary
    }
}

fn unescape(key: &str) -> String {
    key.replace("~1", "/").replace("~0", "~")
}
