//! `Cargo.toml` and `src/lib.rs` of the generated crate.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::api_name;
use super::{CrateOptions, docs};
use crate::ir::Api;

/// Optional dependencies, added only when the generated code uses them.
pub(super) struct Needs {
    pub regex: bool,
    pub percent_encoding: bool,
}

pub(super) fn cargo_toml(api: &Api, options: &CrateOptions, header: &str, needs: Needs) -> String {
    let description = toml_string(&format!(
        "Client for the {} API (version {}), generated from its OpenAPI document",
        api_name(api),
        api.version
    ));
    let mut manifest = format!(
        "{header}[package]\n\
         name = {name}\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         rust-version = \"1.85\"\n\
         description = {description}\n\
         \n\
         [lib]\n\
         # Spec descriptions become docs; they are never run as doc-tests.\n\
         doctest = false\n\
         \n\
         [dependencies]\n\
         bytes = \"1\"\n",
        name = toml_string(&options.name),
    );
    if needs.percent_encoding {
        manifest.push_str("percent-encoding = \"2\"\n");
    }
    if needs.regex {
        manifest.push_str("regex = \"1\"\n");
    }
    manifest.push_str(
        "reqwest = { version = \"0.13\", features = [\"form\", \"json\", \"query\"] }\n\
         serde = { version = \"1\", features = [\"derive\"] }\n\
         serde_json = \"1\"\n",
    );
    if let Some(dev_dependencies) = &options.dev_dependencies {
        manifest.push_str("\n[dev-dependencies]\n");
        manifest.push_str(dev_dependencies);
    }
    manifest
}

/// A TOML basic string. JSON's escapes are a subset of TOML's.
fn toml_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

pub(super) fn lib_file(api: &Api) -> TokenStream {
    let title = format!(
        "Client for the {} API, version {}.",
        api_name(api),
        api.version
    );
    let usage = "Create a [`Client`], set its credentials, and call one method per \
                 operation. Each method checks the request against the spec's \
                 constraints before sending it ([`Error::Validation`]), decodes the \
                 documented responses into [`types`], and returns each documented \
                 error response as a variant of the operation's own error enum \
                 ([`Error::Api`]).";
    let docs = docs::inner(&docs::paragraphs([
        title,
        api.description.clone().unwrap_or_default(),
        usage.to_owned(),
    ]));
    let server = (!api.servers.is_empty()).then(|| quote!(Server,));
    quote! {
        #docs

        // Spec text is copied into docs as written, and spec shapes decide
        // variant sizes: lints about either would be noise for the reader.
        #![allow(
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::large_enum_variant,
            rustdoc::bare_urls,
            rustdoc::broken_intra_doc_links,
            rustdoc::invalid_html_tags,
            rustdoc::invalid_rust_codeblocks
        )]

        // The generated modules keep the generator's formatting: `cargo fmt`
        // on a workspace must not turn a regeneration into a diff.
        #[rustfmt::skip]
        mod client;
        #[rustfmt::skip]
        mod error;
        #[rustfmt::skip]
        pub mod types;

        pub use client::{Client, #server};
        pub use error::{Error, ValidationError, Violation};
    }
}
