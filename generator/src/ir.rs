//! The intermediate representation: everything emission needs, decided.
//!
//! Lowering makes every decision (Rust names, types, optionality, boxing,
//! constraints, media types, auth); emission is a plain walk over this data and
//! never sees the OpenAPI document. Every node that came from the spec records
//! the JSON pointer it came from, so diagnostics and doc comments can point at it.
//!
//! All collections are `Vec`s in a fixed order (spec order, or sorted where the
//! spec has none), so the same document always gives the same IR.

use serde::Serialize;

/// A whole API, ready to emit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// The API's name for prose ("the Eden API"): the title, unless the title
    /// names the tool that wrote the spec; then the spec's file name.
    pub name: String,
    /// `info.title`, as written.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `info.version`: the API's version, not the crate's.
    pub version: String,
    /// The spec's servers, in spec order; the first is the default.
    pub servers: Vec<Server>,
    /// Named types, in a stable order: component schemas in spec order, then
    /// the inline types of each operation in operation order.
    pub types: Vec<TypeDef>,
    /// Operations in spec order (path order, then method order within a path).
    pub operations: Vec<Operation>,
    /// Security schemes the operations use, in `components` order.
    pub security_schemes: Vec<SecurityScheme>,
}

/// One entry of `servers`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Server {
    /// Variant name of the generated `Server` enum (`Production`).
    pub rust_name: String,
    pub url: String,
    pub description: Option<String>,
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// The Rust type name, unique in the crate (`InteractWithSessionBudget`).
    pub name: String,
    /// Where the schema was defined (`#/components/schemas/Pet`).
    pub origin: String,
    /// `title` and `description` of the schema, joined.
    pub docs: Option<String>,
    pub kind: TypeKind,
    /// The type, or one it contains, has constraints to check: it gets a
    /// `validate()` method.
    pub validates: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    /// A value that is one of several shapes, tried in order when decoding
    /// (`oneOf`/`anyOf` that are not all string values).
    Union(Union),
    /// `pub type Name = Target;` for a named schema that is just another type.
    Alias(Alias),
    /// `pub struct Name(pub Target);` for a named array or map that contains
    /// itself: a type alias cannot refer to itself, a struct can.
    Newtype(Alias),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Every field is optional, so `Default` makes sense.
    pub default: bool,
}

/// A property of an object schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The property name on the wire, exactly as in the spec.
    pub wire_name: String,
    /// The Rust field name, unique in its struct.
    pub rust_name: String,
    /// The Rust type, without the `Option` that `required` adds.
    pub ty: TypeRef,
    /// Listed in the object's `required`; otherwise the field is an `Option`
    /// and left out of the JSON when unset.
    pub required: bool,
    /// `nullable: true`: a required field that may be `null` is an `Option`
    /// that serializes `None` as `null`.
    pub nullable: bool,
    /// The field's type refers back to its own struct without indirection,
    /// so it needs a `Box`.
    pub boxed: bool,
    pub docs: Option<String>,
    pub constraints: Constraints,
    pub origin: String,
}

/// The bounds a value must satisfy. Numbers are kept as written in the spec.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Constraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Bound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Bound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// Constraints on each element of an array (its `items` schema).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Constraints>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// A numeric bound.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bound {
    pub value: Number,
    /// `exclusiveMinimum`/`exclusiveMaximum`: the bound itself is not allowed.
    pub exclusive: bool,
}

/// A number from the spec, integral when the spec wrote an integer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
    Int(i64),
    Float(f64),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enum {
    pub variants: Vec<Variant>,
    /// For enums that appear in responses: the name of the variant that keeps
    /// a value the spec does not list (`Unknown(String)`), so a server that
    /// adds a value does not break decoding. Closed enums have none.
    pub unknown: Option<String>,
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    pub rust_name: String,
    /// The value on the wire, exactly as in the spec.
    pub wire_value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alias {
    pub target: TypeRef,
}

/// A reference to a Rust type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "of", rename_all = "snake_case")]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// Raw bytes (`format: binary` bodies).
    Bytes,
    /// Any JSON value: a schema with no type.
    Json,
    /// A JSON object with no declared properties.
    JsonObject,
    /// One of the API's named types.
    Named(String),
    Vec(Box<TypeRef>),
    /// `additionalProperties`: a map from string keys, sorted for stable output.
    Map(Box<TypeRef>),
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// The client method name (`interact_with_session`).
    pub rust_name: String,
    /// The base for type names derived from this operation (`InteractWithSession`).
    pub type_prefix: String,
    pub method: Method,
    /// The path template as written (`/v2/sessions/{id}`).
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub parameters: Vec<Parameter>,
    pub body: Option<RequestBody>,
    /// Every documented response, in status order, `default` last.
    pub responses: Vec<Response>,
    /// What a successful call returns.
    pub success: Option<ResponseBody>,
    /// Name of the per-operation error enum, when the operation documents
    /// error responses.
    pub error_type: Option<String>,
    /// Name of the struct that holds the query, header and cookie parameters,
    /// when there are any.
    pub params_type: Option<String>,
    /// The credentials the operation accepts: any one of the alternatives.
    pub security: Vec<SecurityRequirement>,
    pub origin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameter {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParameterLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Option<String>,
    pub constraints: Constraints,
    /// For arrays in the query: `explode` (repeat the key) or comma-join.
    pub explode: bool,
    pub origin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    /// The media type as written in the spec.
    pub media_type: String,
    pub encoding: BodyEncoding,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Option<String>,
}

/// How a body travels on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    /// JSON: `application/json`, `*+json`, and `*/*` with a schema.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `text/*` as a `String`.
    Text,
    /// Anything else, as raw bytes.
    Binary,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    pub status: Status,
    /// Variant name in the operation's error enum (`BadRequest`).
    pub rust_name: String,
    pub description: String,
    pub body: Option<ResponseBody>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseBody {
    pub media_type: String,
    pub encoding: BodyEncoding,
    pub ty: TypeRef,
}

/// A response key of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// One status code (`404`).
    Code(u16),
    /// A class (`4XX` is `Range(4)`).
    Range(u16),
    Default,
}

impl Status {
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(class) => class == 2,
            Status::Default => false,
        }
    }
}

/// One alternative of an operation's `security`: all the schemes it names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecurityRequirement {
    /// Names of `SecurityScheme::key`; empty means "no credentials needed".
    pub schemes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecurityScheme {
    /// The key under `components/securitySchemes`.
    pub key: String,
    /// The snake-case base for the client's setter (`api_key` gives `with_api_key`).
    pub rust_name: String,
    pub kind: SecurityKind,
    pub docs: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SecurityKind {
    /// A key sent in a header, query parameter or cookie of this name.
    ApiKey {
        name: String,
        location: ParameterLocation,
    },
    /// `Authorization: Bearer <token>` (http bearer, and OAuth2/OpenID Connect
    /// access tokens the user obtains themselves).
    Bearer,
    /// `Authorization: Basic …`.
    Basic,
}
