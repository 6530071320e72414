//! `src/types.rs`: the models, their `validate()` methods, each operation's
//! error enum and parameter struct.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Check, Uses, docs, ident, mentions_map, type_tokens};
use crate::ir::{
    Api, Bound, Constraints, Enum, Field, Number, Operation, Parameter, ParameterLocation, Status,
    Struct, TypeDef, TypeKind, TypeRef, Union,
};

pub(super) fn types_file(api: &Api, uses: &mut Uses) -> TokenStream {
    let mut items = Vec::new();
    for def in &api.types {
        items.push(type_def(def, api, uses));
    }
    for operation in &api.operations {
        items.push(params_struct(operation, api, uses));
        items.push(error_enum(operation));
    }
    let map_import = uses.map.then(|| {
        quote!(
            use std::collections::BTreeMap;
        )
    });
    let validation_import = (api.types.iter().any(|def| def.validates)
        || api
            .operations
            .iter()
            .any(|op| op.params_type.is_some() && params_validate(op, api)))
    .then(|| {
        quote!(
            use crate::error::{ValidationError, check};
        )
    });
    let fmt_import = (api
        .types
        .iter()
        .any(|def| matches!(def.kind, TypeKind::Enum(_)))
        || api.operations.iter().any(|op| op.error_type.is_some()))
    .then(|| {
        quote!(
            use std::fmt;
        )
    });
    let docs = docs::inner(&format!(
        "The types of the {} API's requests and responses.",
        api_name(api)
    ));
    // Parameter structs and error enums do not use serde; models do.
    let serde_import = (!api.types.is_empty()).then(|| {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    });
    quote! {
        #docs
        #map_import
        #fmt_import
        #serde_import
        #validation_import
        #(#items)*
    }
}

/// The API's name for prose.
pub(super) fn api_name(api: &Api) -> String {
    api.name.clone()
}

fn type_def(def: &TypeDef, api: &Api, uses: &mut Uses) -> TokenStream {
    let origin = format!("Defined at `{}`.", def.origin);
    let docs = docs::outer(&docs::paragraphs([
        def.docs.as_deref().unwrap_or(""),
        &origin,
    ]));
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(&name, s, docs, def.validates, api, uses),
        TypeKind::Enum(e) => enum_def(&name, e, docs),
        TypeKind::Union(u) => union_def(&name, u, docs, def.validates, api),
        TypeKind::Alias(alias) => {
            uses.map |= mentions_map(&alias.target);
            let target = type_tokens(&alias.target);
            quote! { #docs pub type #name = #target; }
        }
        TypeKind::Newtype(newtype) => {
            uses.map |= mentions_map(&newtype.target);
            let target = type_tokens(&newtype.target);
            let no_constraints = Constraints::default();
            let validate = def
                .validates
                .then(|| {
                    value_checks(
                        "",
                        quote!(value),
                        &newtype.target,
                        &no_constraints,
                        api,
                        uses,
                    )
                })
                .flatten()
                .map(|checks| {
                    let checks = quote!(let value = &self.0; #checks);
                    validate_impl(
                        &name,
                        "Checks the constraints the spec documents for what this value holds.",
                        &[checks],
                    )
                });
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #target);
                #validate
            }
        }
    }
}

fn field_type(field: &Field) -> TokenStream {
    let mut ty = type_tokens(&field.ty);
    if field.boxed {
        ty = quote!(Box<#ty>);
    }
    if !field.required || field.nullable {
        ty = quote!(Option<#ty>);
    }
    ty
}

fn struct_def(
    name: &proc_macro2::Ident,
    s: &Struct,
    docs: TokenStream,
    validates: bool,
    api: &Api,
    uses: &mut Uses,
) -> TokenStream {
    let fields = s.fields.iter().map(|field| {
        uses.map |= mentions_map(&field.ty);
        let rust_name = ident(&field.rust_name);
        let ty = field_type(field);
        let docs = docs::outer(&docs::paragraphs([
            field.docs.clone().unwrap_or_default(),
            docs::constraints(&field.constraints).unwrap_or_default(),
        ]));
        let rename = (field.rust_name != field.wire_name).then(|| {
            let wire = &field.wire_name;
            quote!(rename = #wire)
        });
        // Unset optional fields are left out of the JSON, not sent as null.
        let skip = (!field.required).then(|| quote!(skip_serializing_if = "Option::is_none"));
        let serde_args: Vec<TokenStream> = rename.into_iter().chain(skip).collect();
        let serde = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
        quote! { #docs #serde pub #rust_name: #ty, }
    });
    let fields: Vec<TokenStream> = fields.collect();
    let default = s.default.then(|| quote!(Default,));
    let validate = validates.then(|| {
        let checks: Vec<TokenStream> = s
            .fields
            .iter()
            .filter_map(|field| field_checks(field, api, uses))
            .collect();
        validate_impl(name, "Checks the constraints the spec documents for this value and\neverything in it. The client calls this before sending.", &checks)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
        pub struct #name { #(#fields)* }
        #validate
    }
}

/// `impl Name { pub fn validate(&self) … }` running `checks` in order.
fn validate_impl(name: &proc_macro2::Ident, docs: &str, checks: &[TokenStream]) -> TokenStream {
    let docs = docs::outer(docs);
    quote! {
        impl #name {
            #docs
            pub fn validate(&self) -> Result<(), ValidationError> {
                #(#checks)*
                Ok(())
            }
        }
    }
}

/// The checks of one field: its own bounds, then those of what it contains.
fn field_checks(field: &Field, api: &Api, uses: &mut Uses) -> Option<TokenStream> {
    let rust_name = ident(&field.rust_name);
    let optional = !field.required || field.nullable;
    let body = value_checks(
        &field.wire_name,
        quote!(value),
        &field.ty,
        &field.constraints,
        api,
        uses,
    )?;
    Some(if optional {
        quote! { if let Some(value) = &self.#rust_name { #body } }
    } else {
        quote! { let value = &self.#rust_name; #body }
    })
}

/// Statements that check `value` (a reference to a value of type `ty`)
/// against `constraints`, reporting errors at `path`.
pub(super) fn value_checks(
    path: &str,
    value: TokenStream,
    ty: &TypeRef,
    constraints: &Constraints,
    api: &Api,
    uses: &mut Uses,
) -> Option<TokenStream> {
    // An alias is checked as what it stands for (`pub type Slot = i64`).
    let ty = resolve_alias(api, ty);
    let numeric = matches!(
        ty,
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
    );
    let constraints = &Constraints {
        minimum: constraints.minimum.filter(|_| numeric),
        maximum: constraints.maximum.filter(|_| numeric),
        ..constraints.clone()
    };
    let mut checks = Vec::new();
    if let Some(bound) = constraints.minimum {
        uses.checks.insert(Check::Minimum);
        let (bound_tokens, exclusive) = bound_tokens(bound, ty, true);
        checks.push(quote!(check::minimum(#path, *#value, #bound_tokens, #exclusive)?;));
    }
    if let Some(bound) = constraints.maximum {
        uses.checks.insert(Check::Maximum);
        let (bound_tokens, exclusive) = bound_tokens(bound, ty, false);
        checks.push(quote!(check::maximum(#path, *#value, #bound_tokens, #exclusive)?;));
    }
    let is_string = matches!(ty, TypeRef::String);
    if is_string {
        if let Some(min) = constraints.min_length {
            uses.checks.insert(Check::MinLength);
            let min = count(min);
            checks.push(quote!(check::min_length(#path, #value, #min)?;));
        }
        if let Some(max) = constraints.max_length {
            uses.checks.insert(Check::MaxLength);
            let max = count(max);
            checks.push(quote!(check::max_length(#path, #value, #max)?;));
        }
        if let Some(pattern) = &constraints.pattern {
            uses.checks.insert(Check::Pattern);
            checks.push(quote!(check::pattern(#path, #value, #pattern)?;));
        }
    }
    if let TypeRef::Vec(item) = ty {
        if let Some(min) = constraints.min_items {
            uses.checks.insert(Check::MinItems);
            let min = count(min);
            checks.push(quote!(check::min_items(#path, #value, #min)?;));
        }
        if let Some(max) = constraints.max_items {
            uses.checks.insert(Check::MaxItems);
            let max = count(max);
            checks.push(quote!(check::max_items(#path, #value, #max)?;));
        }
        let item_constraints = constraints.items.as_deref().cloned().unwrap_or_default();
        if let Some(each) = value_checks("", quote!(item), item, &item_constraints, api, uses) {
            uses.checks.insert(Check::Each);
            checks.push(quote!(check::each(#path, #value, |item| { #each Ok(()) })?;));
        }
    }
    if let TypeRef::Map(values) = ty
        && let Some(each) =
            value_checks("", quote!(item), values, &Constraints::default(), api, uses)
    {
        uses.checks.insert(Check::EachValue);
        checks.push(quote!(check::each_value(#path, #value, |item| { #each Ok(()) })?;));
    }
    if let TypeRef::Named(name) = ty
        && validates(api, name)
    {
        checks.push(if path.is_empty() {
            // An array item or map value: the caller adds where it is.
            quote!(#value.validate()?;)
        } else {
            quote!(#value.validate().map_err(|error| error.within(#path))?;)
        });
    }
    (!checks.is_empty()).then(|| quote!(#(#checks)*))
}

/// Follows type aliases to the type they stand for.
pub(super) fn resolve_alias<'a>(api: &'a Api, ty: &'a TypeRef) -> &'a TypeRef {
    let mut current = ty;
    // Lowering refuses alias cycles; the bound only keeps this total.
    for _ in 0..api.types.len() {
        let TypeRef::Named(name) = current else {
            return current;
        };
        match api
            .types
            .iter()
            .find(|def| def.name == *name)
            .map(|def| &def.kind)
        {
            Some(TypeKind::Alias(alias)) => current = &alias.target,
            _ => return current,
        }
    }
    current
}

fn validates(api: &Api, name: &str) -> bool {
    api.types
        .iter()
        .any(|def| def.name == name && def.validates)
}

/// A bound as a literal of the checked value's type. Integer values compare
/// with integers: a fractional bound on one is rounded inward and inclusive.
fn bound_tokens(bound: Bound, ty: &TypeRef, is_minimum: bool) -> (TokenStream, bool) {
    match (ty, bound.value) {
        (TypeRef::I32 | TypeRef::I64, value) => {
            let (value, exclusive) = match value {
                Number::Int(value) => (value, bound.exclusive),
                Number::Float(value) if value.fract() == 0.0 => (value as i64, bound.exclusive),
                Number::Float(value) if is_minimum => (value.ceil() as i64, false),
                Number::Float(value) => (value.floor() as i64, false),
            };
            let literal = if matches!(ty, TypeRef::I32) {
                let clamped = value.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
                proc_macro2::Literal::i64_unsuffixed(clamped)
            } else {
                proc_macro2::Literal::i64_unsuffixed(value)
            };
            (quote!(#literal), exclusive)
        }
        (TypeRef::F32, value) => {
            // A bound beyond f32's range is as far as an f32 can go.
            let clamped = (as_f64(value) as f32).clamp(f32::MIN, f32::MAX);
            let literal = proc_macro2::Literal::f32_unsuffixed(clamped);
            (quote!(#literal), bound.exclusive)
        }
        (_, value) => {
            let literal = proc_macro2::Literal::f64_unsuffixed(as_f64(value));
            (quote!(#literal), bound.exclusive)
        }
    }
}

fn count(value: u64) -> proc_macro2::Literal {
    proc_macro2::Literal::u64_unsuffixed(value)
}

fn as_f64(number: Number) -> f64 {
    match number {
        Number::Int(value) => value as f64,
        Number::Float(value) => value,
    }
}

fn enum_def(name: &proc_macro2::Ident, e: &Enum, docs: TokenStream) -> TokenStream {
    let variants: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|variant| {
            let rust_name = ident(&variant.rust_name);
            let wire = &variant.wire_value;
            let rename = (variant.rust_name != *wire && e.unknown.is_none())
                .then(|| quote!(#[serde(rename = #wire)]));
            // The wire value, quoted and escaped: exact even when it is empty
            // or holds a line break.
            let docs = docs::outer(&format!("{wire:?}"));
            quote!(#docs #rename #rust_name,)
        })
        .collect();
    let as_str_arms: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|variant| {
            let rust_name = ident(&variant.rust_name);
            let wire = &variant.wire_value;
            quote!(Self::#rust_name => #wire,)
        })
        .collect();
    let display = quote! {
        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
    let Some(unknown) = &e.unknown else {
        return quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
            pub enum #name { #(#variants)* }
            impl #name {
                /// The value as it is sent on the wire.
                pub fn as_str(&self) -> &'static str {
                    match self { #(#as_str_arms)* }
                }
            }
            #display
        };
    };
    // Open enum: values the spec does not list decode into `unknown`.
    let unknown = ident(unknown);
    let from_arms: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|variant| {
            let rust_name = ident(&variant.rust_name);
            let wire = &variant.wire_value;
            quote!(#wire => Self::#rust_name,)
        })
        .collect();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value the spec does not list, as the server sent it.
            #unknown(String),
        }
        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::#unknown(value) => value,
                }
            }
        }
        #display
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(match value.as_str() {
                    #(#from_arms)*
                    _ => Self::#unknown(value),
                })
            }
        }
    }
}

fn union_def(
    name: &proc_macro2::Ident,
    u: &Union,
    docs: TokenStream,
    validates: bool,
    api: &Api,
) -> TokenStream {
    let variants = u.variants.iter().map(|variant| {
        let rust_name = ident(&variant.rust_name);
        let mut ty = type_tokens(&variant.ty);
        if variant.boxed {
            ty = quote!(Box<#ty>);
        }
        quote!(#rust_name(#ty),)
    });
    let validate = validates.then(|| {
        let arms = u.variants.iter().map(|variant| {
            let rust_name = ident(&variant.rust_name);
            match &variant.ty {
                TypeRef::Named(inner) if self::validates(api, inner) => {
                    quote!(Self::#rust_name(value) => value.validate(),)
                }
                _ => quote!(Self::#rust_name(_) => Ok(()),),
            }
        });
        quote! {
            impl #name {
                /// Checks the constraints the spec documents for the value held.
                pub fn validate(&self) -> Result<(), ValidationError> {
                    match self { #(#arms)* }
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(untagged)]
        pub enum #name { #(#variants)* }
        #validate
    }
}

fn params_validate(operation: &Operation, api: &Api) -> bool {
    operation
        .parameters
        .iter()
        .filter(|parameter| parameter.location != ParameterLocation::Path)
        .any(|parameter| parameter_validates(parameter, api))
}

pub(super) fn parameter_validates(parameter: &Parameter, api: &Api) -> bool {
    !parameter.constraints.is_empty()
        || matches!(&parameter.ty, TypeRef::Named(name) if validates(api, name))
}

/// The query, header and cookie parameters of an operation, as one struct
/// with `Default` when all are optional.
fn params_struct(operation: &Operation, api: &Api, uses: &mut Uses) -> TokenStream {
    let Some(params_type) = &operation.params_type else {
        return TokenStream::new();
    };
    let name = ident(params_type);
    let parameters: Vec<&Parameter> = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.location != ParameterLocation::Path)
        .collect();
    let fields = parameters.iter().map(|parameter| {
        uses.map |= mentions_map(&parameter.ty);
        let rust_name = ident(&parameter.rust_name);
        let mut ty = type_tokens(&parameter.ty);
        if !parameter.required {
            ty = quote!(Option<#ty>);
        }
        let location = match parameter.location {
            ParameterLocation::Query => "query parameter",
            ParameterLocation::Header => "header",
            ParameterLocation::Cookie => "cookie",
            ParameterLocation::Path => "path parameter",
        };
        let docs = docs::outer(&docs::paragraphs([
            parameter.docs.clone().unwrap_or_default(),
            docs::constraints(&parameter.constraints).unwrap_or_default(),
            format!(
                "Sent as the {location} `{}`.",
                parameter.wire_name.replace('`', "'")
            ),
        ]));
        quote!(#docs pub #rust_name: #ty,)
    });
    let fields: Vec<TokenStream> = fields.collect();
    let default = parameters
        .iter()
        .all(|parameter| !parameter.required)
        .then(|| quote!(Default,));
    let method = &operation.rust_name;
    let docs = docs::outer(&format!(
        "Parameters of [`Client::{method}`](crate::Client::{method})."
    ));
    let validate = params_validate(operation, api).then(|| {
        let checks = parameters.iter().filter_map(|parameter| {
            let rust_name = ident(&parameter.rust_name);
            let body = value_checks(
                &parameter.wire_name,
                quote!(value),
                &parameter.ty,
                &parameter.constraints,
                api,
                uses,
            )?;
            Some(if parameter.required {
                quote! { let value = &self.#rust_name; #body }
            } else {
                quote! { if let Some(value) = &self.#rust_name { #body } }
            })
        });
        let checks: Vec<TokenStream> = checks.collect();
        validate_impl(
            &name,
            "Checks the constraints the spec documents for these parameters.",
            &checks,
        )
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name { #(#fields)* }
        #validate
    }
}

/// The documented error responses of an operation, one variant each.
fn error_enum(operation: &Operation) -> TokenStream {
    let Some(error_type) = &operation.error_type else {
        return TokenStream::new();
    };
    let name = ident(error_type);
    let errors: Vec<_> = operation
        .responses
        .iter()
        .filter(|response| !response.status.is_success())
        .collect();
    let variants = errors.iter().map(|response| {
        let rust_name = ident(&response.rust_name);
        let docs = docs::outer(&docs::paragraphs([
            format!("{}.", status_text(response.status)),
            response.description.clone(),
        ]));
        let body = response.body.as_ref().map(|body| type_tokens(&body.ty));
        match (exact_status(response.status), body) {
            (true, Some(body)) => quote!(#docs #rust_name(#body),),
            (true, None) => quote!(#docs #rust_name,),
            (false, Some(body)) => quote!(#docs #rust_name { status: u16, body: #body },),
            (false, None) => quote!(#docs #rust_name { status: u16 },),
        }
    });
    let variants: Vec<TokenStream> = variants.collect();
    let display_arms = errors.iter().map(|response| {
        let rust_name = ident(&response.rust_name);
        match response.status {
            Status::Code(code) => {
                let text = format!("the server answered {code} {}", reason_words(&response.rust_name));
                let pattern = if response.body.is_some() {
                    quote!(Self::#rust_name(_))
                } else {
                    quote!(Self::#rust_name)
                };
                quote!(#pattern => f.write_str(#text),)
            }
            _ => quote!(Self::#rust_name { status, .. } => write!(f, "the server answered {status}"),),
        }
    });
    let display_arms: Vec<TokenStream> = display_arms.collect();
    let method = &operation.rust_name;
    let docs = docs::outer(&format!(
        "The error responses [`Client::{method}`](crate::Client::{method}) documents."
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants)* }
        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self { #(#display_arms)* }
            }
        }
        impl std::error::Error for #name {}

        /// A documented error response is the call's [`Error::Api`](crate::Error::Api).
        impl From<#name> for crate::Error<#name> {
            fn from(error: #name) -> Self {
                crate::Error::Api(error)
            }
        }
    }
}

fn exact_status(status: Status) -> bool {
    matches!(status, Status::Code(_))
}

fn status_text(status: Status) -> String {
    match status {
        Status::Code(code) => format!("Status {code}"),
        Status::Range(class) => format!("Any {class}XX status"),
        Status::Default => "Any other status".to_owned(),
    }
}

/// `NotFound` reads "Not Found".
fn reason_words(variant: &str) -> String {
    let mut words = String::new();
    for (index, c) in variant.chars().enumerate() {
        if index > 0 && c.is_ascii_uppercase() {
            words.push(' ');
        }
        words.push(c);
    }
    words
}
