//! `src/client.rs`: `Client`, `Server`, and one async method per operation.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{api_name, parameter_validates, value_checks};
use super::{Uses, docs, ident, type_tokens};
use crate::ir::{
    Api, BodyEncoding, Method, Operation, Parameter, ParameterLocation, ResponseBody, SecurityKind,
    SecurityScheme, Status, TypeRef,
};

/// Private helpers the operations call; only those used are emitted.
#[derive(Default)]
struct Helpers {
    json: bool,
    text: bool,
    header_value: bool,
    secret_header_value: bool,
    segment: bool,
    param_text: bool,
    query: bool,
    /// Path parameters have constraints, checked in the method itself.
    checks: bool,
}

pub(super) fn client_file(api: &Api, uses: &mut Uses) -> TokenStream {
    let mut helpers = Helpers::default();
    let mut imported = BTreeSet::new();
    let operations: Vec<TokenStream> = api
        .operations
        .iter()
        .map(|operation| operation_method(operation, api, uses, &mut helpers, &mut imported))
        .collect();
    let schemes: Vec<&SecurityScheme> = api.security_schemes.iter().collect();
    uses.secret_in_url = schemes.iter().any(|scheme| {
        matches!(
            scheme.kind,
            SecurityKind::ApiKey {
                location: ParameterLocation::Query,
                ..
            }
        )
    });
    let credential_fields = schemes.iter().map(|scheme| {
        let field = ident(&scheme.rust_name);
        let ty = match scheme.kind {
            SecurityKind::Basic => quote!(Option<(String, String)>),
            _ => quote!(Option<String>),
        };
        quote!(#field: #ty,)
    });
    let credential_none = schemes.iter().map(|scheme| {
        let field = ident(&scheme.rust_name);
        quote!(#field: None,)
    });
    let setters: Vec<TokenStream> = schemes.iter().map(|scheme| setter(scheme)).collect();
    // Only schemes some operation uses get the private method applying them.
    let authorizers: Vec<TokenStream> = schemes
        .iter()
        .filter(|scheme| {
            api.operations
                .iter()
                .any(|operation| schemes_of(operation, api).any(|used| used.key == scheme.key))
        })
        .map(|scheme| authorizer(scheme, &mut helpers))
        .collect();
    let debug_fields = schemes.iter().map(|scheme| {
        let field = ident(&scheme.rust_name);
        let name = &scheme.rust_name;
        quote!(.field(#name, &self.#field.as_ref().map(|_| "<redacted>")))
    });
    let imported: Vec<_> = imported.iter().map(|name: &String| ident(name)).collect();
    let types_import = (!imported.is_empty()).then(|| quote!(use crate::types::{#(#imported),*};));
    // A map in a signature (a body, a parameter or a result).
    let signature_types = api.operations.iter().flat_map(|operation| {
        let parameters = operation
            .parameters
            .iter()
            .filter(|parameter| parameter.location == ParameterLocation::Path)
            .map(|parameter| &parameter.ty);
        let body = operation.body.iter().map(|body| &body.ty);
        let success = operation.success.iter().map(|body| &body.ty);
        parameters.chain(body).chain(success)
    });
    let map_import = signature_types
        .into_iter()
        .any(super::mentions_map)
        .then(|| {
            quote!(
                use std::collections::BTreeMap;
            )
        });
    let (server_enum, constructors, default_impl) =
        servers_and_constructors(api, credential_none.collect());
    let helper_fns = helper_fns(&helpers);
    // Path segments and query values are percent-encoded by the crate itself.
    uses.percent_encoding = helpers.segment || helpers.query;
    let mut error_items = vec![quote!(Error)];
    if helpers.segment {
        error_items.extend([quote!(ValidationError), quote!(Violation)]);
    }
    if helpers.checks {
        error_items.push(quote!(check));
    }
    let error_import = quote!(use crate::error::{#(#error_items),*};);
    let docs = docs::inner(&format!("The client of the {} API.", api_name(api)));
    let client_docs = docs::outer(&docs::paragraphs([
        format!("A client of the {} API.", api_name(api)),
        "Cloning is cheap: clones share the connection pool. Requests have no \
         timeout unless the `reqwest::Client` given to [`Client::from_reqwest`] sets one."
            .to_owned(),
    ]));
    quote! {
        #docs

        use std::fmt;

        #error_import
        #types_import
        #map_import

        #server_enum

        #client_docs
        #[derive(Clone)]
        pub struct Client {
            http: reqwest::Client,
            base_url: String,
            #(#credential_fields)*
        }

        impl Client {
            #constructors

            /// Sends requests to `base_url` instead: another deployment, a
            /// proxy, a mock server. A trailing `/` is ignored.
            pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
                let mut base_url = base_url.into();
                while base_url.ends_with('/') {
                    base_url.pop();
                }
                self.base_url = base_url;
                self
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            #(#setters)*
            #(#authorizers)*
            #(#operations)*
        }

        #default_impl

        /// Credentials are never printed.
        impl fmt::Debug for Client {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.base_url)
                    #(#debug_fields)*
                    .finish_non_exhaustive()
            }
        }

        #helper_fns
    }
}

/// The `Server` enum, the constructors, and `Default` when there is a default server.
fn servers_and_constructors(
    api: &Api,
    credential_none: Vec<TokenStream>,
) -> (TokenStream, TokenStream, TokenStream) {
    let from_reqwest_docs = docs::outer(
        "A client that sends its requests with `http`: your own timeouts, proxies, \
         TLS or middleware settings.\n\n\
         Its redirect policy applies as it is. reqwest's default policy follows \
         redirects to other hosts and keeps custom headers, such as an API key \
         header, on them; the client made by `new` follows redirects only within \
         the same origin, so credentials never reach another host.",
    );
    let Some(first) = api.servers.first() else {
        // No absolute server in the spec: the base URL must be given.
        let constructors = quote! {
            /// A client for the API at `base_url`, with a default `reqwest::Client`.
            pub fn new(base_url: impl Into<String>) -> Self {
                Self::from_reqwest(default_http(), base_url)
            }

            #from_reqwest_docs
            pub fn from_reqwest(http: reqwest::Client, base_url: impl Into<String>) -> Self {
                Client { http, base_url: String::new(), #(#credential_none)* }.with_base_url(base_url)
            }
        };
        return (TokenStream::new(), constructors, TokenStream::new());
    };
    let variants = api.servers.iter().map(|server| {
        let name = ident(&server.rust_name);
        let docs = docs::outer(&docs::paragraphs([
            server.description.clone().unwrap_or_default(),
            format!("`{}`", server.url.replace('`', "%60")),
        ]));
        quote!(#docs #name,)
    });
    let url_arms = api.servers.iter().map(|server| {
        let name = ident(&server.rust_name);
        let url = server.url.trim_end_matches('/');
        quote!(Server::#name => #url,)
    });
    let first_name = ident(&first.rust_name);
    let server_enum = quote! {
        /// The servers the spec lists. The first is the default.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Server {
            #(#variants)*
        }

        impl Server {
            /// The server's base URL.
            pub fn url(self) -> &'static str {
                match self { #(#url_arms)* }
            }
        }
    };
    let new_docs = docs::outer(&format!(
        "A client for [`Server::{}`] (`{}`), with a default `reqwest::Client`.",
        first.rust_name,
        first.url.replace('`', "%60")
    ));
    let constructors = quote! {
        #new_docs
        pub fn new() -> Self {
            Self::from_reqwest(default_http())
        }

        #from_reqwest_docs
        pub fn from_reqwest(http: reqwest::Client) -> Self {
            Client { http, base_url: Server::#first_name.url().to_owned(), #(#credential_none)* }
        }

        /// Sends requests to `server` instead of the default.
        pub fn with_server(self, server: Server) -> Self {
            self.with_base_url(server.url())
        }
    };
    let default = quote! {
        impl Default for Client {
            fn default() -> Self {
                Self::new()
            }
        }
    };
    (server_enum, constructors, default)
}

fn setter(scheme: &SecurityScheme) -> TokenStream {
    let field = ident(&scheme.rust_name);
    let setter = ident(&format!("with_{}", scheme.rust_name));
    let how = match &scheme.kind {
        SecurityKind::ApiKey { name, location } => {
            let place = match location {
                ParameterLocation::Query => "query parameter",
                ParameterLocation::Cookie => "cookie",
                _ => "header",
            };
            format!(
                "Sends `{}` in the `{}` {place}",
                scheme.rust_name,
                name.replace('`', "'")
            )
        }
        SecurityKind::Bearer => format!("Sends `{}` as a bearer token", scheme.rust_name),
        SecurityKind::Basic => "Sends HTTP basic credentials".to_owned(),
    };
    let docs = docs::outer(&docs::paragraphs([
        format!(
            "{how} with every request whose operation accepts the `{}` scheme. It is never printed by `Debug`.",
            scheme.key.replace('`', "'")
        ),
        scheme.docs.clone().unwrap_or_default(),
    ]));
    match scheme.kind {
        SecurityKind::Basic => quote! {
            #docs
            pub fn #setter(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                self.#field = Some((username.into(), password.into()));
                self
            }
        },
        _ => quote! {
            #docs
            pub fn #setter(mut self, #field: impl Into<String>) -> Self {
                self.#field = Some(#field.into());
                self
            }
        },
    }
}

/// The private method that adds one scheme's credentials to a request.
fn authorizer(scheme: &SecurityScheme, helpers: &mut Helpers) -> TokenStream {
    let field = ident(&scheme.rust_name);
    let method = ident(&format!("authorize_{}", scheme.rust_name));
    let apply = match &scheme.kind {
        SecurityKind::ApiKey {
            name,
            location: ParameterLocation::Query,
        } => {
            quote!(request.query(&[(#name, secret)]))
        }
        SecurityKind::ApiKey {
            name,
            location: ParameterLocation::Cookie,
        } => {
            helpers.secret_header_value = true;
            quote!(request.header(
                "Cookie",
                secret_header_value("Cookie", &format!("{}={secret}", #name))?
            ))
        }
        SecurityKind::ApiKey { name, .. } => {
            helpers.secret_header_value = true;
            quote!(request.header(#name, secret_header_value(#name, secret)?))
        }
        SecurityKind::Bearer => {
            helpers.secret_header_value = true;
            quote!(request.header(
                "Authorization",
                secret_header_value("Authorization", &format!("Bearer {secret}"))?
            ))
        }
        SecurityKind::Basic => quote!(request.basic_auth(&secret.0, Some(&secret.1))),
    };
    quote! {
        fn #method<E>(&self, request: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, Error<E>> {
            Ok(match &self.#field {
                Some(secret) => #apply,
                None => request,
            })
        }
    }
}

fn operation_method(
    operation: &Operation,
    api: &Api,
    uses: &mut Uses,
    helpers: &mut Helpers,
    imported: &mut BTreeSet<String>,
) -> TokenStream {
    let method = ident(&operation.rust_name);
    let mut import = |ty: &TypeRef| named_types(ty, imported);
    let path_parameters: Vec<&Parameter> = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.location == ParameterLocation::Path)
        .collect();
    let mut arguments = Vec::new();
    let mut checks = Vec::new();
    for parameter in &path_parameters {
        import(&parameter.ty);
        let name = ident(&parameter.rust_name);
        let ty = match &parameter.ty {
            TypeRef::String => quote!(&str),
            ty @ (TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64) => {
                type_tokens(ty)
            }
            other => {
                let ty = type_tokens(other);
                quote!(&#ty)
            }
        };
        arguments.push(quote!(#name: #ty));
        let value = if matches!(parameter.ty, TypeRef::String) || !is_copy(&parameter.ty) {
            quote!(#name)
        } else {
            quote!(&#name)
        };
        if let Some(body) = value_checks(
            &parameter.wire_name,
            quote!(value),
            &parameter.ty,
            &parameter.constraints,
            api,
            uses,
        ) {
            helpers.checks |= calls_check(&body);
            checks.push(quote!({ let value = #value; #body }));
        }
    }
    if let Some(params_type) = &operation.params_type {
        imported.insert(params_type.clone());
        let ty = ident(params_type);
        arguments.push(quote!(params: &#ty));
        let validates = operation.parameters.iter().any(|parameter| {
            parameter.location != ParameterLocation::Path && parameter_validates(parameter, api)
        });
        if validates {
            checks.push(quote!(params.validate()?;));
        }
    }
    if let Some(body) = &operation.body {
        named_types(&body.ty, imported);
        let ty = match &body.ty {
            TypeRef::String => quote!(&str),
            TypeRef::Bytes => quote!(&[u8]),
            other => {
                let ty = type_tokens(other);
                quote!(&#ty)
            }
        };
        arguments.push(quote!(body: #ty));
        // The body's own checks: `validate()`, or those of an array alias's items.
        let no_constraints = crate::ir::Constraints::default();
        if let Some(body_checks) =
            value_checks("", quote!(body), &body.ty, &no_constraints, api, uses)
        {
            helpers.checks |= calls_check(&body_checks);
            checks.push(body_checks);
        }
    }

    let url = url_expression(operation, helpers);
    // reqwest::Client has a method per common verb; OPTIONS and TRACE go
    // through `request`.
    let http_method = match operation.method {
        Method::Options | Method::Trace => {
            let verb = ident(operation.method.as_str());
            quote!(request(reqwest::Method::#verb, url))
        }
        method => {
            let verb = ident(&method.as_str().to_ascii_lowercase());
            quote!(#verb(url))
        }
    };
    let request_body = operation.body.as_ref().map(|body| match body.encoding {
        BodyEncoding::Json => quote!(.json(body)),
        BodyEncoding::Form => quote!(.form(body)),
        BodyEncoding::Text => {
            let media_type = &body.media_type;
            quote!(.header(reqwest::header::CONTENT_TYPE, #media_type).body(body.to_owned()))
        }
        BodyEncoding::Binary => {
            let media_type = &body.media_type;
            quote!(.header(reqwest::header::CONTENT_TYPE, #media_type).body(body.to_vec()))
        }
    });
    let parameters = request_parameters(operation, helpers);
    let lists = query_parameters(operation, helpers);
    let url_binding = if lists.is_empty() {
        quote!(url)
    } else {
        quote!(mut url)
    };
    let authorize = authorization(operation, api);
    let (success_type, success_arm) = success(operation, helpers, imported);
    let error_type = match &operation.error_type {
        Some(name) => {
            imported.insert(name.clone());
            let name = ident(name);
            quote!(Error<#name>)
        }
        None => quote!(Error),
    };
    let error_arms = error_arms(operation, helpers);
    let fallback_arm = fallback_arm(operation, helpers);
    // The body is read when an arm uses it: a decoded body, or the raw body
    // of an undocumented status (there is one unless `default` is documented).
    let has_default = operation
        .responses
        .iter()
        .any(|response| response.status == Status::Default);
    let decodes_error = operation
        .responses
        .iter()
        .any(|response| !response.status.is_success() && response.body.is_some());
    let read_body = (operation.success.is_some() || decodes_error || !has_default)
        .then(|| quote!(let body = response.bytes().await?;));
    let docs = method_docs(operation, api);
    let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));
    let mutable = if parameters.is_empty() && authorize.is_none() {
        quote!()
    } else {
        quote!(mut)
    };
    quote! {
        #docs
        #deprecated
        pub async fn #method(&self, #(#arguments),*) -> Result<#success_type, #error_type> {
            #(#checks)*
            let #url_binding = #url;
            #(#lists)*
            let #mutable request = self.http.#http_method #request_body;
            #(#parameters)*
            #authorize
            let response = request.send().await?;
            let status = response.status();
            #read_body
            match status.as_u16() {
                #(#error_arms)*
                #success_arm
                #fallback_arm
            }
        }
    }
}

/// Whether generated statements call the `check` module, which must then be imported.
fn calls_check(tokens: &TokenStream) -> bool {
    tokens.to_string().contains("check ::")
}

fn is_copy(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
    )
}

fn named_types(ty: &TypeRef, imported: &mut BTreeSet<String>) {
    match ty {
        TypeRef::Named(name) => {
            imported.insert(name.clone());
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) => named_types(inner, imported),
        _ => {}
    }
}

/// The request URL: the base URL, the path's literal text, and each path
/// parameter percent-encoded as one segment.
fn url_expression(operation: &Operation, helpers: &mut Helpers) -> TokenStream {
    let mut pieces = vec![quote!(self.base_url.as_str())];
    let mut rest = operation.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|close| open + close) else {
            break;
        };
        let literal = &rest[..open];
        if !literal.is_empty() {
            pieces.push(quote!(#literal));
        }
        let name = &rest[open + 1..close];
        let parameter = operation.parameters.iter().find(|parameter| {
            parameter.location == ParameterLocation::Path && parameter.wire_name == name
        });
        if let Some(parameter) = parameter {
            helpers.segment = true;
            let value = ident(&parameter.rust_name);
            let wire = &parameter.wire_name;
            pieces.push(match &parameter.ty {
                TypeRef::String => quote!(&segment(#wire, #value)?),
                _ => {
                    helpers.param_text = true;
                    quote!(&segment(#wire, &param_text(&#value))?)
                }
            });
        }
        rest = &rest[close + 1..];
    }
    if pieces.len() == 1 {
        // No parameters: the path is one literal, braces and all.
        let template = format!("{{}}{}", rest.replace('{', "{{").replace('}', "}}"));
        return quote!(format!(#template, self.base_url));
    }
    if !rest.is_empty() {
        pieces.push(quote!(#rest));
    }
    quote!([#(#pieces),*].concat())
}

/// Statements that add the query parameters to `url`, in spec order. Each
/// value is encoded on its own, so in a comma-joined list (`explode: false`)
/// a comma inside an item cannot pass for a separator.
fn query_parameters(operation: &Operation, helpers: &mut Helpers) -> Vec<TokenStream> {
    let query = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.location == ParameterLocation::Query);
    query
        .map(|parameter| {
            helpers.query = true;
            helpers.param_text = true;
            let field = ident(&parameter.rust_name);
            let wire = &parameter.wire_name;
            let add = match &parameter.ty {
                TypeRef::Vec(_) if parameter.explode => quote! {
                    for item in value {
                        append_query(&mut url, #wire, &param_text(item));
                    }
                },
                TypeRef::Vec(_) => quote!(append_query_list(&mut url, #wire, value);),
                TypeRef::JsonObject | TypeRef::Map(_) => quote! {
                    for (key, item) in value {
                        append_query(&mut url, key, &param_text(item));
                    }
                },
                _ => quote!(append_query(&mut url, #wire, &param_text(value));),
            };
            if parameter.required {
                quote!({ let value = &params.#field; #add })
            } else {
                quote!(if let Some(value) = &params.#field { #add })
            }
        })
        .collect()
}

/// Statements that add the query, header and cookie parameters.
fn request_parameters(operation: &Operation, helpers: &mut Helpers) -> Vec<TokenStream> {
    let mut statements = Vec::new();
    let mut cookies = Vec::new();
    for parameter in &operation.parameters {
        let field = ident(&parameter.rust_name);
        let wire = &parameter.wire_name;
        let add = match parameter.location {
            ParameterLocation::Path => continue,
            // Added to the URL itself, before the request is built.
            ParameterLocation::Query => continue,
            ParameterLocation::Header => {
                helpers.header_value = true;
                let text = match &parameter.ty {
                    TypeRef::String => quote!(value),
                    _ => {
                        helpers.param_text = true;
                        quote!(&param_text(value))
                    }
                };
                quote!(request = request.header(#wire, header_value(#wire, #text)?);)
            }
            ParameterLocation::Cookie => {
                helpers.param_text = true;
                cookies.push(if parameter.required {
                    quote!(cookies.push(format!("{}={}", #wire, param_text(&params.#field)));)
                } else {
                    quote!(if let Some(value) = &params.#field { cookies.push(format!("{}={}", #wire, param_text(value))); })
                });
                continue;
            }
        };
        statements.push(if parameter.required {
            quote!({ let value = &params.#field; #add })
        } else {
            quote!(if let Some(value) = &params.#field { #add })
        });
    }
    if !cookies.is_empty() {
        helpers.header_value = true;
        statements.push(quote! {
            let mut cookies: Vec<String> = Vec::new();
            #(#cookies)*
            if !cookies.is_empty() {
                request = request.header("Cookie", header_value("Cookie", &cookies.join("; "))?);
            }
        });
    }
    statements
}

/// Statements that add the operation's credentials. With one alternative,
/// its schemes; with several, the first alternative whose credentials are
/// all set (an empty alternative means none are needed), so a request never
/// carries credentials of two alternatives at once.
fn authorization(operation: &Operation, api: &Api) -> Option<TokenStream> {
    let scheme = |key: &String| {
        api.security_schemes
            .iter()
            .find(|scheme| scheme.key == *key)
    };
    // Alternatives naming a scheme the generator left out cannot be met.
    let alternatives: Vec<Vec<&SecurityScheme>> = operation
        .security
        .iter()
        .filter_map(|requirement| requirement.schemes.iter().map(scheme).collect())
        .collect();
    let apply = |schemes: &[&SecurityScheme]| -> TokenStream {
        let calls = schemes.iter().map(|scheme| {
            let method = ident(&format!("authorize_{}", scheme.rust_name));
            quote!(request = self.#method(request)?;)
        });
        quote!(#(#calls)*)
    };
    match alternatives.as_slice() {
        [] => None,
        [only] if only.is_empty() => None,
        [only] => Some(apply(only)),
        many => {
            let mut branches = Vec::new();
            for alternative in many {
                if alternative.is_empty() {
                    break;
                }
                let set = alternative.iter().map(|scheme| {
                    let field = ident(&scheme.rust_name);
                    quote!(self.#field.is_some())
                });
                let calls = apply(alternative);
                branches.push(quote!(if #(#set)&&* { #calls }));
            }
            (!branches.is_empty()).then(|| quote!(#(#branches)else*))
        }
    }
}

/// The schemes whose credentials an operation sends: every scheme named in
/// any of its alternatives, in the order the spec defines them.
fn schemes_of<'a>(
    operation: &'a Operation,
    api: &'a Api,
) -> impl Iterator<Item = &'a SecurityScheme> {
    api.security_schemes.iter().filter(|scheme| {
        operation
            .security
            .iter()
            .any(|requirement| requirement.schemes.contains(&scheme.key))
    })
}

/// An expression of type `Result<T, Error<E>>` that decodes `body`.
fn decode(body: &ResponseBody, helpers: &mut Helpers) -> TokenStream {
    match body.encoding {
        BodyEncoding::Json | BodyEncoding::Form => {
            helpers.json = true;
            quote!(json(status, body))
        }
        BodyEncoding::Text => {
            helpers.text = true;
            quote!(text(status, body))
        }
        BodyEncoding::Binary => quote!(Ok(body.to_vec())),
    }
}

/// An expression of type `T` for a body inside an error variant.
fn decode_value(body: &ResponseBody, helpers: &mut Helpers) -> TokenStream {
    match body.encoding {
        BodyEncoding::Binary => quote!(body.to_vec()),
        _ => {
            let decode = decode(body, helpers);
            quote!(#decode?)
        }
    }
}

/// Any 2xx is success: a server that answers 201 where the spec says 200 is
/// still understood.
fn success(
    operation: &Operation,
    helpers: &mut Helpers,
    imported: &mut BTreeSet<String>,
) -> (TokenStream, TokenStream) {
    match &operation.success {
        Some(body) => {
            named_types(&body.ty, imported);
            let ty = type_tokens(&body.ty);
            let decode = decode(body, helpers);
            (ty, quote!(200..=299 => #decode,))
        }
        None => (quote!(()), quote!(200..=299 => Ok(()),)),
    }
}

fn error_arms(operation: &Operation, helpers: &mut Helpers) -> Vec<TokenStream> {
    let Some(error_type) = &operation.error_type else {
        return Vec::new();
    };
    let error_type = ident(error_type);
    let mut exact = Vec::new();
    let mut ranges = Vec::new();
    for response in operation
        .responses
        .iter()
        .filter(|response| !response.status.is_success())
    {
        let variant = ident(&response.rust_name);
        // The body's type is inferred from the variant: no import needed.
        let value = response
            .body
            .as_ref()
            .map(|body| decode_value(body, helpers));
        match response.status {
            Status::Code(code) => {
                let construct = match value {
                    Some(value) => quote!(#error_type::#variant(#value)),
                    None => quote!(#error_type::#variant),
                };
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                exact.push(quote!(#code => Err(#construct.into()),));
            }
            Status::Range(class) => {
                let low = proc_macro2::Literal::u16_unsuffixed(class * 100);
                let high = proc_macro2::Literal::u16_unsuffixed(class * 100 + 99);
                let construct = match value {
                    Some(value) => {
                        quote!(#error_type::#variant { status: status.as_u16(), body: #value })
                    }
                    None => quote!(#error_type::#variant { status: status.as_u16() }),
                };
                ranges.push(quote!(#low..=#high => Err(#construct.into()),));
            }
            Status::Default => {}
        }
    }
    exact.extend(ranges);
    exact
}

/// What an undocumented status gives: the `default` response when there is
/// one, otherwise `Error::UnexpectedStatus` with the raw body.
fn fallback_arm(operation: &Operation, helpers: &mut Helpers) -> TokenStream {
    let default = operation
        .responses
        .iter()
        .find(|response| response.status == Status::Default);
    match (default, &operation.error_type) {
        (Some(response), Some(error_type)) => {
            let error_type = ident(error_type);
            let variant = ident(&response.rust_name);
            match &response.body {
                Some(body) => {
                    let value = decode_value(body, helpers);
                    quote!(_ => Err(#error_type::#variant { status: status.as_u16(), body: #value }.into()),)
                }
                None => {
                    quote!(_ => Err(#error_type::#variant { status: status.as_u16() }.into()),)
                }
            }
        }
        _ => quote!(_ => Err(Error::UnexpectedStatus { status, body }),),
    }
}

fn method_docs(operation: &Operation, api: &Api) -> TokenStream {
    let mut credentials: Vec<String> = schemes_of(operation, api)
        .map(|scheme| format!("[`Client::with_{}`]", scheme.rust_name))
        .collect();
    credentials.dedup();
    let optional = operation
        .security
        .iter()
        .any(|requirement| requirement.schemes.is_empty());
    let auth = match (credentials.as_slice(), optional) {
        ([], _) => String::new(),
        (names, false) => format!("Requires the credentials set with {}.", names.join(" or ")),
        (names, true) => format!(
            "Sends the credentials set with {}, if any.",
            names.join(" or ")
        ),
    };
    let summary = operation.summary.clone().unwrap_or_default();
    let description = operation
        .description
        .clone()
        .filter(|description| description.trim() != summary.trim())
        .unwrap_or_default();
    docs::outer(&docs::paragraphs([
        summary,
        description,
        format!(
            "`{} {}`",
            operation.method.as_str(),
            operation.path.replace('`', "%60")
        ),
        auth,
    ]))
}

fn helper_fns(helpers: &Helpers) -> TokenStream {
    let json = helpers.json.then(|| {
        quote! {
            /// Decodes a JSON body; a mismatch keeps the body for the caller.
            fn json<T: serde::de::DeserializeOwned, E>(status: reqwest::StatusCode, body: bytes::Bytes) -> Result<T, Error<E>> {
                serde_json::from_slice(&body).map_err(|source| Error::Decode { status, body, source: Box::new(source) })
            }
        }
    });
    let text = helpers.text.then(|| {
        quote! {
            /// Decodes a text body, which must be UTF-8.
            fn text<E>(status: reqwest::StatusCode, body: bytes::Bytes) -> Result<String, Error<E>> {
                match String::from_utf8(body.to_vec()) {
                    Ok(text) => Ok(text),
                    Err(source) => Err(Error::Decode { status, body, source: Box::new(source) }),
                }
            }
        }
    });
    let header_value = (helpers.header_value || helpers.secret_header_value).then(|| {
        quote! {
            /// A header value, refused (not sent) when it holds bytes headers do
            /// not allow, such as a line break.
            fn header_value<E>(name: &'static str, value: &str) -> Result<reqwest::header::HeaderValue, Error<E>> {
                reqwest::header::HeaderValue::from_str(value).map_err(|_| Error::InvalidHeader { name })
            }
        }
    });
    let secret_header_value = helpers.secret_header_value.then(|| {
        quote! {
            /// A header value that is a credential: marked sensitive so that
            /// reqwest and HTTP/2 header compression treat it as a secret.
            fn secret_header_value<E>(name: &'static str, value: &str) -> Result<reqwest::header::HeaderValue, Error<E>> {
                let mut value = header_value(name, value)?;
                value.set_sensitive(true);
                Ok(value)
            }
        }
    });
    let segment = helpers.segment.then(|| {
        quote! {
            /// Everything but unreserved characters is percent-encoded, so a
            /// value stays one path segment whatever it holds (`/`, `?`, `#`, `%`).
            const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
                .remove(b'-')
                .remove(b'.')
                .remove(b'_')
                .remove(b'~');

            /// A path parameter as one encoded segment. `.` and `..` are
            /// refused: URL parsing resolves them (encoded or not) against the
            /// path, which would send the request somewhere else.
            fn segment(name: &str, value: &str) -> Result<String, ValidationError> {
                if value == "." || value == ".." {
                    return Err(ValidationError::new(name, Violation::DotSegment));
                }
                Ok(percent_encoding::utf8_percent_encode(value, SEGMENT).to_string())
            }
        }
    });
    let default_http = quote! {
        /// The HTTP client of [`Client::new`]. It follows redirects only within
        /// the same origin (scheme, host and port): reqwest would otherwise send
        /// custom credential headers on to whatever host a redirect names. A
        /// redirect elsewhere is returned to the caller as the response.
        fn default_http() -> reqwest::Client {
            let same_origin = reqwest::redirect::Policy::custom(|attempt| {
                let previous = attempt.previous().last().map(|url| url.origin());
                if attempt.previous().len() > 10 {
                    attempt.error("too many redirects")
                } else if previous == Some(attempt.url().origin()) {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            });
            reqwest::Client::builder()
                .redirect(same_origin)
                .build()
                // As `reqwest::Client::new` does: only a TLS backend that
                // cannot start makes this fail.
                .expect("the TLS backend could not be initialized")
        }
    };
    let param_text = helpers.param_text.then(|| {
        quote! {
            /// A parameter value as text: a string as it is, anything else
            /// (numbers, booleans, enum values) as its JSON.
            fn param_text<T: serde::Serialize>(value: &T) -> String {
                match serde_json::to_value(value) {
                    Ok(serde_json::Value::String(text)) => text,
                    Ok(other) => other.to_string(),
                    Err(_) => String::new(),
                }
            }
        }
    });
    let query = helpers.query.then(|| {
        quote! {
            /// Query text, encoded as a component: nothing in it can end the
            /// value or start another.
            const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
                .remove(b'-')
                .remove(b'.')
                .remove(b'_')
                .remove(b'~');

            /// Appends `name=value` to the URL's query.
            fn append_query(url: &mut String, name: &str, value: &str) {
                url.push(if url.contains('?') { '&' } else { '?' });
                url.extend(percent_encoding::utf8_percent_encode(name, QUERY));
                url.push('=');
                url.extend(percent_encoding::utf8_percent_encode(value, QUERY));
            }

            /// Appends `name=a,b,c` to the URL's query; nothing for an empty
            /// list, which the OpenAPI form style leaves undefined.
            #[allow(dead_code)]
            fn append_query_list<T: serde::Serialize>(url: &mut String, name: &str, values: &[T]) {
                if values.is_empty() {
                    return;
                }
                let items: Vec<String> = values
                    .iter()
                    .map(|value| percent_encoding::utf8_percent_encode(&param_text(value), QUERY).to_string())
                    .collect();
                url.push(if url.contains('?') { '&' } else { '?' });
                url.extend(percent_encoding::utf8_percent_encode(name, QUERY));
                url.push('=');
                url.push_str(&items.join(","));
            }
        }
    });
    quote!(#default_http #json #text #header_value #secret_header_value #segment #param_text #query)
}
