//! Lowering decisions, asserted on the IR without parsing any Rust.

use std::path::Path;

use super::{Lowered, lower};
use crate::ir::*;
use crate::load;

fn lower_text(name: &str, text: &str) -> Lowered {
    let document = load::parse(Path::new(name), text.as_bytes()).unwrap();
    lower(&document).unwrap()
}

fn lower_error(text: &str) -> String {
    let document = load::parse(Path::new("t.yaml"), text.as_bytes()).unwrap();
    lower(&document).unwrap_err().to_string()
}

fn seed() -> Api {
    let text = include_str!("../../../spec/eden.yaml");
    let lowered = lower_text("eden.yaml", text);
    assert!(lowered.warnings.is_empty(), "{:?}", lowered.warnings);
    lowered.api
}

fn type_named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|def| def.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

fn fields(def: &TypeDef) -> &[Field] {
    match &def.kind {
        TypeKind::Struct(s) => &s.fields,
        other => panic!("{} is not a struct: {other:?}", def.name),
    }
}

fn field<'a>(def: &'a TypeDef, wire: &str) -> &'a Field {
    fields(def)
        .iter()
        .find(|field| field.wire_name == wire)
        .unwrap_or_else(|| panic!("no field {wire} in {}", def.name))
}

fn bound(value: f64) -> Option<Bound> {
    Some(Bound {
        value: Number::Float(value),
        exclusive: false,
    })
}

const PREFIX: &str = "#/paths/~1v2~1sessions/post";

#[test]
fn seed_type_names_follow_their_place() {
    let api = seed();
    let names: Vec<&str> = api.types.iter().map(|def| def.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "InteractWithSessionRequest",
            "InteractWithSessionBudget",
            "InteractWithSessionAutonomySettings",
            "InteractWithSessionActorSelectionMethod",
            "InteractWithSessionExtras",
            "InteractWithSessionResponse",
            "InteractWithSessionBadRequest",
            "InteractWithSessionUnauthorized",
            "InteractWithSessionNotFound",
            "InteractWithSessionInternalServerError",
        ]
    );
    assert_eq!(
        type_named(&api, "InteractWithSessionBudget").origin,
        format!("{PREFIX}/requestBody/content/application~1json/schema/properties/budget")
    );
}

#[test]
fn seed_any_of_single_value_enums_is_one_enum() {
    let api = seed();
    let def = type_named(&api, "InteractWithSessionActorSelectionMethod");
    assert_eq!(
        def.kind,
        TypeKind::Enum(Enum {
            variants: vec![
                Variant {
                    rust_name: "Random".to_owned(),
                    wire_value: "random".to_owned(),
                },
                Variant {
                    rust_name: "RandomExcludeLast".to_owned(),
                    wire_value: "random_exclude_last".to_owned(),
                },
            ],
            // Only used in a request: closed.
            unknown: None,
        })
    );
    let settings = type_named(&api, "InteractWithSessionAutonomySettings");
    assert_eq!(
        field(settings, "actor_selection_method").ty,
        TypeRef::Named("InteractWithSessionActorSelectionMethod".to_owned())
    );
}

#[test]
fn seed_bounds_are_kept_with_their_numbers() {
    let api = seed();
    let budget = type_named(&api, "InteractWithSessionBudget");
    let expected = [
        ("manna_budget", 100.0, 50000.0),
        ("token_budget", 1000.0, 1_000_000.0),
        ("turn_budget", 1.0, 1000.0),
    ];
    for (wire, minimum, maximum) in expected {
        let field = field(budget, wire);
        assert_eq!(field.ty, TypeRef::F64);
        assert_eq!(
            field.constraints,
            Constraints {
                minimum: bound(minimum),
                maximum: bound(maximum),
                ..Constraints::default()
            },
            "{wire}"
        );
    }
    let settings = type_named(&api, "InteractWithSessionAutonomySettings");
    assert_eq!(
        field(settings, "reply_interval").constraints,
        Constraints {
            minimum: bound(0.0),
            maximum: bound(3600.0),
            ..Constraints::default()
        }
    );
    let request = type_named(&api, "InteractWithSessionRequest");
    for wire in ["scenario", "title"] {
        assert_eq!(
            field(request, wire).constraints,
            Constraints {
                max_length: Some(1000),
                ..Constraints::default()
            }
        );
    }
    assert!(field(request, "content").constraints.is_empty());
    // Types whose fields have bounds, directly or inside, validate.
    let validating: Vec<&str> = api
        .types
        .iter()
        .filter(|def| def.validates)
        .map(|def| def.name.as_str())
        .collect();
    assert_eq!(
        validating,
        [
            "InteractWithSessionRequest",
            "InteractWithSessionBudget",
            "InteractWithSessionAutonomySettings"
        ]
    );
}

#[test]
fn seed_required_fields_at_each_level() {
    let api = seed();
    let request = type_named(&api, "InteractWithSessionRequest");
    assert!(fields(request).iter().all(|field| !field.required));
    assert_eq!(
        fields(request)
            .iter()
            .map(|field| field.wire_name.as_str())
            .collect::<Vec<_>>(),
        [
            "session_id",
            "content",
            "attachments",
            "stream",
            "thinking",
            "agent_ids",
            "scenario",
            "budget",
            "title",
            "autonomy_settings",
            "extras"
        ]
    );
    assert_eq!(
        field(request, "autonomy_settings").ty,
        TypeRef::Named("InteractWithSessionAutonomySettings".to_owned())
    );
    assert_eq!(
        field(request, "attachments").ty,
        TypeRef::Vec(Box::new(TypeRef::String))
    );
    let settings = type_named(&api, "InteractWithSessionAutonomySettings");
    let required: Vec<(&str, bool)> = fields(settings)
        .iter()
        .map(|field| (field.wire_name.as_str(), field.required))
        .collect();
    assert_eq!(
        required,
        [
            ("auto_reply", true),
            ("reply_interval", true),
            ("actor_selection_method", true)
        ]
    );
    let response = type_named(&api, "InteractWithSessionResponse");
    assert!(field(response, "session_id").required);
    let server_error = type_named(&api, "InteractWithSessionInternalServerError");
    assert_eq!(field(server_error, "error").ty, TypeRef::Json);
    assert!(!field(server_error, "error").required);
    // Default only where every field is optional.
    let default = |name: &str| match &type_named(&api, name).kind {
        TypeKind::Struct(s) => s.default,
        _ => false,
    };
    assert!(default("InteractWithSessionRequest"));
    assert!(!default("InteractWithSessionAutonomySettings"));
}

#[test]
fn seed_operation() {
    let api = seed();
    assert_eq!(api.operations.len(), 1);
    let operation = &api.operations[0];
    assert_eq!(operation.rust_name, "interact_with_session");
    assert_eq!(operation.method, Method::Post);
    assert_eq!(operation.path, "/v2/sessions");
    assert_eq!(operation.origin, PREFIX);
    assert!(operation.parameters.is_empty());
    assert_eq!(operation.params_type, None);
    let body = operation.body.as_ref().unwrap();
    assert_eq!(body.media_type, "application/json");
    assert_eq!(body.encoding, BodyEncoding::Json);
    assert_eq!(
        body.ty,
        TypeRef::Named("InteractWithSessionRequest".to_owned())
    );
    let responses: Vec<(Status, &str, &str, Option<&TypeRef>)> = operation
        .responses
        .iter()
        .map(|response| {
            let body = response.body.as_ref();
            (
                response.status,
                response.rust_name.as_str(),
                body.map_or("", |body| body.media_type.as_str()),
                body.map(|body| &body.ty),
            )
        })
        .collect();
    let named = |name: &str| TypeRef::Named(name.to_owned());
    assert_eq!(
        responses,
        [
            (
                Status::Code(200),
                "Ok",
                "*/*",
                Some(&named("InteractWithSessionResponse"))
            ),
            (
                Status::Code(400),
                "BadRequest",
                "*/*",
                Some(&named("InteractWithSessionBadRequest"))
            ),
            (
                Status::Code(401),
                "Unauthorized",
                "*/*",
                Some(&named("InteractWithSessionUnauthorized"))
            ),
            (
                Status::Code(404),
                "NotFound",
                "*/*",
                Some(&named("InteractWithSessionNotFound"))
            ),
            (
                Status::Code(500),
                "InternalServerError",
                "*/*",
                Some(&named("InteractWithSessionInternalServerError"))
            ),
        ]
    );
    // `*/*` with a JSON schema is JSON.
    assert!(
        operation
            .responses
            .iter()
            .all(|response| response.body.as_ref().unwrap().encoding == BodyEncoding::Json)
    );
    assert_eq!(
        operation.success.as_ref().map(|body| &body.ty),
        Some(&named("InteractWithSessionResponse"))
    );
    assert_eq!(
        operation.error_type.as_deref(),
        Some("InteractWithSessionError")
    );
    assert_eq!(
        operation.security,
        [SecurityRequirement {
            schemes: vec!["apiKey".to_owned()]
        }]
    );
}

#[test]
fn seed_security_and_servers() {
    let api = seed();
    assert_eq!(
        api.security_schemes,
        [SecurityScheme {
            key: "apiKey".to_owned(),
            rust_name: "api_key".to_owned(),
            kind: SecurityKind::ApiKey {
                name: "X-Api-Key".to_owned(),
                location: ParameterLocation::Header
            },
            docs: None,
        }]
    );
    let servers: Vec<(&str, &str)> = api
        .servers
        .iter()
        .map(|server| (server.rust_name.as_str(), server.url.as_str()))
        .collect();
    assert_eq!(
        servers,
        [
            ("Production", "https://api.eden.art"),
            ("Staging", "https://api-staging.eden.art"),
            ("Development", "http://localhost:8080")
        ]
    );
    assert_eq!(api.name, "Eden");
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

#[test]
fn operation_names_fall_back_and_stay_distinct() {
    let text = format!(
        "{HEAD}paths:
  /reactions:
    get: {{summary: List reactions, responses: {{'200': {{description: ok}}}}}}
    post: {{summary: List reactions, responses: {{'200': {{description: ok}}}}}}
  /reactions/{{id}}:
    parameters: [{{name: id, in: path, required: true, schema: {{type: integer}}}}]
    get: {{summary: 'A summary that is far too long to be a good method name at all', responses: {{'200': {{description: ok}}}}}}
    delete: {{operationId: new, responses: {{'200': {{description: ok}}}}}}
"
    );
    let api = lower_text("t.yaml", &text).api;
    let names: Vec<&str> = api
        .operations
        .iter()
        .map(|op| op.rust_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "get_reactions",
            "post_reactions",
            "get_reactions_by_id",
            "delete_reactions_by_id"
        ]
    );
}

#[test]
fn colliding_property_names_keep_exact_wire_names() {
    let text = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    Reaction:
      type: object
      properties:
        createdAt: {{type: string}}
        created_at: {{type: string}}
        type: {{type: string}}
        '+1': {{type: integer}}
    Option: {{type: object, properties: {{a: {{type: string}}}}}}
"
    );
    let api = lower_text("t.yaml", &text).api;
    let reaction = type_named(&api, "Reaction");
    let names: Vec<(&str, &str)> = fields(reaction)
        .iter()
        .map(|field| (field.wire_name.as_str(), field.rust_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("createdAt", "created_at_2"),
            ("created_at", "created_at"),
            ("type", "type_"),
            ("+1", "plus_1")
        ]
    );
    assert_eq!(
        type_named(&api, "OptionModel").origin,
        "#/components/schemas/Option"
    );
}

#[test]
fn recursion_is_boxed_only_without_indirection() {
    let text = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    Node:
      type: object
      properties:
        parent: {{$ref: '#/components/schemas/Node'}}
        children: {{type: array, items: {{$ref: '#/components/schemas/Node'}}}}
    A:
      type: object
      properties:
        b: {{$ref: '#/components/schemas/B'}}
    B:
      type: object
      properties:
        a: {{$ref: '#/components/schemas/A'}}
        leaf: {{$ref: '#/components/schemas/Leaf'}}
    Leaf: {{type: object, properties: {{x: {{type: string}}}}}}
"
    );
    let api = lower_text("t.yaml", &text).api;
    let boxed = |name: &str, wire: &str| field(type_named(&api, name), wire).boxed;
    assert!(boxed("Node", "parent"));
    assert!(!boxed("Node", "children"));
    assert!(boxed("A", "b"));
    assert!(boxed("B", "a"));
    assert!(!boxed("B", "leaf"));
}

#[test]
fn enums_in_responses_keep_unknown_values() {
    let text = format!(
        "{HEAD}paths:
  /x:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Status'}}
components:
  schemas:
    Status: {{type: string, enum: [active, Unknown]}}
"
    );
    let api = lower_text("t.yaml", &text).api;
    match &type_named(&api, "Status").kind {
        TypeKind::Enum(e) => assert_eq!(e.unknown.as_deref(), Some("Unknown2")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn all_of_members_merge_into_one_struct() {
    let text = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    Base: {{type: object, required: [id], properties: {{id: {{type: integer, minimum: 1}}}}}}
    Pet:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            name: {{type: string, maxLength: 3}}
"
    );
    let api = lower_text("t.yaml", &text).api;
    let pet = type_named(&api, "Pet");
    let id = field(pet, "id");
    assert!(id.required);
    assert_eq!(id.ty, TypeRef::I64);
    assert_eq!(
        id.constraints.minimum,
        Some(Bound {
            value: Number::Int(1),
            exclusive: false
        })
    );
    assert_eq!(field(pet, "name").constraints.max_length, Some(3));
    assert!(pet.validates);
}

#[test]
fn located_errors() {
    let cycle = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    A: {{$ref: '#/components/schemas/B'}}
    B: {{$ref: '#/components/schemas/A'}}
"
    );
    assert_eq!(
        lower_error(&cycle),
        "error: t.yaml: #/components/schemas/A: `$ref` cycle with no schema in between: A → B → A\n  help: make one of these schemas define a type instead of being only a `$ref`"
    );
    let missing = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    A: {{type: object, properties: {{b: {{$ref: '#/components/schemas/Nope'}}}}}}
"
    );
    assert_eq!(
        lower_error(&missing),
        "error: t.yaml: #/components/schemas/A/properties/b: `$ref` \"#/components/schemas/Nope\" names a schema that is not defined"
    );
    let external = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    A: {{$ref: 'other.yaml#/A'}}
"
    );
    assert_eq!(
        lower_error(&external),
        "error: t.yaml: #/components/schemas/A: `$ref` to another document (\"other.yaml#/A\") is not supported\n  help: bundle the spec into one file first"
    );
    let undeclared = format!(
        "{HEAD}paths:
  /a/{{id}}:
    get: {{responses: {{'200': {{description: ok}}}}}}
"
    );
    assert_eq!(
        lower_error(&undeclared),
        "error: t.yaml: #/paths/~1a~1{id}/get: path parameter {id} is not declared\n  help: add a parameter with `name: id` and `in: path`"
    );
}

#[test]
fn unsupported_keywords_warn_with_their_place() {
    let text = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    A:
      type: object
      properties:
        n: {{type: integer, multipleOf: 5}}
        s: {{type: string, pattern: '(?=x)'}}
"
    );
    let warnings: Vec<String> = lower_text("t.yaml", &text)
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(warnings.len(), 2);
    assert_eq!(
        warnings[0],
        "warning: t.yaml: #/components/schemas/A/properties/n/multipleOf: `multipleOf` is not checked by the generated client"
    );
    assert!(
        warnings[1].starts_with(
            "warning: t.yaml: #/components/schemas/A/properties/s/pattern: `pattern` \"(?=x)\" is not supported by the regex crate ("
        ),
        "{}",
        warnings[1]
    );
}

/// Lowers `body` (the part after `openapi` and `info`) and returns every
/// diagnostic as printed: warnings, then the error if there is one.
fn diagnostics_of(body: &str) -> Vec<String> {
    let text = format!("{HEAD}{body}");
    let document = load::parse(Path::new("d.yaml"), text.as_bytes()).unwrap();
    match lower(&document) {
        Ok(lowered) => lowered.warnings.iter().map(ToString::to_string).collect(),
        Err(error) => vec![error.to_string()],
    }
}

const SCHEMAS: &str = "paths: {}\ncomponents:\n  schemas:\n";

#[test]
fn every_diagnostic_kind_has_its_exact_message() {
    let cases: Vec<(String, &str)> = vec![
        (
            "paths:\n  /a: {$ref: '#/paths/~1b'}\n".to_owned(),
            "error: d.yaml: #/paths/~1a: a path item `$ref` is not supported\n  help: write the operations under the path itself",
        ),
        (
            "paths:\n  /a:\n    get:\n      parameters: [{$ref: '#/components/parameters/Nope'}]\n      responses: {'200': {description: ok}}\n".to_owned(),
            "error: d.yaml: #/paths/~1a/get/parameters/0: `$ref` \"#/components/parameters/Nope\" does not name a parameter in #/components/parameters",
        ),
        (
            "paths:\n  /a:\n    post:\n      requestBody: {$ref: '#/components/requestBodies/Nope'}\n      responses: {'200': {description: ok}}\n".to_owned(),
            "error: d.yaml: #/paths/~1a/post/requestBody: `$ref` \"#/components/requestBodies/Nope\" does not name a request body in #/components/requestBodies",
        ),
        (
            "paths:\n  /a:\n    get:\n      responses: {'200': {$ref: '#/components/responses/Nope'}}\n".to_owned(),
            "error: d.yaml: #/paths/~1a/get/responses/200: `$ref` \"#/components/responses/Nope\" does not name a response in #/components/responses",
        ),
        (
            "paths:\n  /a:\n    get:\n      security: [{nope: []}]\n      responses: {'200': {description: ok}}\n".to_owned(),
            "error: d.yaml: #/paths/~1a/get/security/0/nope: security scheme \"nope\" is not defined in #/components/securitySchemes",
        ),
        (
            format!("{SCHEMAS}    A: {{type: object, properties: {{b: {{$ref: '#/components/parameters/X'}}}}}}\n"),
            "error: d.yaml: #/components/schemas/A/properties/b: `$ref` \"#/components/parameters/X\" does not point at #/components/schemas/…, the only place schemas are read from",
        ),
        (
            format!("{SCHEMAS}    A: {{$ref: 'https://example.com/s.yaml#/A'}}\n"),
            "error: d.yaml: #/components/schemas/A: `$ref` to another document (\"https://example.com/s.yaml#/A\") is not supported\n  help: bundle the spec into one file first",
        ),
        (
            format!("{SCHEMAS}    A: {{allOf: [{{$ref: '#/components/schemas/B'}}, {{type: object, properties: {{x: {{type: string}}}}}}]}}\n    B: {{allOf: [{{$ref: '#/components/schemas/A'}}, {{type: object, properties: {{y: {{type: string}}}}}}]}}\n"),
            "error: d.yaml: #/components/schemas/A/allOf/0: `allOf` of \"#/components/schemas/B\" includes itself",
        ),
        (
            format!("{SCHEMAS}    A: {{$ref: '../../etc/passwd#/A'}}\n"),
            "error: d.yaml: #/components/schemas/A: `$ref` to another document (\"../../etc/passwd#/A\") is not supported\n  help: bundle the spec into one file first",
        ),
        (
            format!("{SCHEMAS}    A: {{$ref: '/etc/passwd'}}\n"),
            "error: d.yaml: #/components/schemas/A: `$ref` to another document (\"/etc/passwd\") is not supported\n  help: bundle the spec into one file first",
        ),
        (
            "servers: [{url: /api}]\npaths: {}\n".to_owned(),
            "warning: d.yaml: #/servers/0: server URL \"/api\" is not absolute; it is left out of `Server`",
        ),
        (
            "paths:\n  /a:\n    post:\n      requestBody: {content: {multipart/form-data: {schema: {type: object}}}}\n      responses: {'200': {description: ok}}\n".to_owned(),
            "warning: d.yaml: #/paths/~1a/post/requestBody/content: the request body has no media type this generator can send (multipart is not supported yet); the operation is left out",
        ),
        (
            "paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: string}}}}\n        '201': {description: ok, content: {application/json: {schema: {type: integer}}}}\n".to_owned(),
            "warning: d.yaml: #/paths/~1a/get/responses: the success responses have different bodies; the result is typed as a JSON value",
        ),
        (
            "paths: {}\ncomponents:\n  securitySchemes:\n    d: {type: http, scheme: digest}\n".to_owned(),
            "warning: d.yaml: #/components/securitySchemes/d: HTTP authentication scheme \"digest\" is not supported; the scheme is left out",
        ),
        (
            format!("{SCHEMAS}    A: {{not: {{type: string}}}}\n"),
            "warning: d.yaml: #/components/schemas/A: `not` is not supported; the value is typed as any JSON value",
        ),
        (
            format!("{SCHEMAS}    A: {{type: integer, enum: [1, 2]}}\n"),
            "warning: d.yaml: #/components/schemas/A: only string `enum`s are enforced; these values are not checked",
        ),
        (
            format!("{SCHEMAS}    A: {{type: object, properties: {{a: {{type: string}}}}, additionalProperties: {{type: integer}}}}\n"),
            "warning: d.yaml: #/components/schemas/A/additionalProperties: `additionalProperties` beside `properties` is not supported; extra keys are ignored",
        ),
        (
            format!("{SCHEMAS}    A: {{allOf: [{{type: string}}, {{type: object, properties: {{a: {{type: string}}}}}}]}}\n"),
            "warning: d.yaml: #/components/schemas/A/allOf/0: `allOf` member is not an object; the value is typed as any JSON value",
        ),
        (
            format!("{SCHEMAS}    A: {{type: array, items: {{type: string}}, uniqueItems: true}}\n"),
            "warning: d.yaml: #/components/schemas/A/uniqueItems: `uniqueItems` is not checked by the generated client",
        ),
        (
            format!("{SCHEMAS}    A: {{type: object, properties: {{a: {{type: string}}}}, minProperties: 1}}\n"),
            "warning: d.yaml: #/components/schemas/A: `minProperties`/`maxProperties` are not checked by the generated client",
        ),
        (
            format!("{SCHEMAS}    A: {{oneOf: [{{$ref: '#/components/schemas/B'}}, {{type: string}}], discriminator: {{propertyName: kind}}}}\n    B: {{type: object, properties: {{kind: {{type: string}}}}}}\n"),
            "warning: d.yaml: #/components/schemas/A/discriminator: `discriminator` is not used: a value is decoded as the first alternative it fits",
        ),
        (
            "paths:\n  /a:\n    post:\n      callbacks: {done: {'{$request.body#/url}': {post: {responses: {'200': {description: ok}}}}}}\n      responses: {'200': {description: ok}}\n".to_owned(),
            "warning: d.yaml: #/paths/~1a/post/callbacks: callbacks are not generated: the client only makes requests",
        ),
        (
            "paths:\n  /a:\n    get:\n      parameters: [{name: f, in: query, style: deepObject, schema: {type: object}}]\n      responses: {'200': {description: ok}}\n".to_owned(),
            "warning: d.yaml: #/paths/~1a/get/parameters/0/style: query style DeepObject is not supported; the parameter is sent in the form style",
        ),
        (
            format!("{SCHEMAS}    A: {{type: strin, maxLength: 3}}\n"),
            "error: d.yaml: #/components/schemas/A/type: unknown type \"strin\"\n  help: OpenAPI 3.0 types are string, number, integer, boolean, array and object",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(diagnostics_of(&body), [expected], "for:\n{body}");
    }
}
