//! apigen: a build-time OpenAPI 3.0 → Rust client generator.
//!
//! The pipeline is three stages, each its own module: [`load`] reads YAML or
//! JSON into `openapiv3`, [`lower`] turns the document into our own IR
//! ([`ir`]), and [`emit`] turns the IR into the files of a crate. [`output`]
//! writes them atomically or checks them against what is on disk.
//!
//! ```no_run
//! let generated = apigen::Generator::new()
//!     .crate_name("eden-client")
//!     .generate(std::path::Path::new("spec/eden.yaml"))?;
//! apigen::output::write(std::path::Path::new("generated-client"), &generated.files)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod config;
pub mod diagnostics;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod output;

use std::path::Path;

pub use diagnostics::{Diagnostic, Severity};
pub use emit::File;

/// Generates a client crate from a spec, `prost-build` style.
#[derive(Debug, Clone, Default)]
pub struct Generator {
    crate_name: Option<String>,
    dev_dependencies: Option<String>,
}

/// A generated crate, not yet written anywhere.
#[derive(Debug)]
pub struct Generated {
    /// The crate's files, paths relative to its root, in a fixed order.
    pub files: Vec<File>,
    /// What the generator could not represent exactly, each located in the spec.
    pub warnings: Vec<Diagnostic>,
    /// The IR the files were emitted from.
    pub api: ir::Api,
}

impl Generator {
    pub fn new() -> Self {
        Generator::default()
    }

    /// The package name; by default it comes from `info.title`, or from the
    /// spec's file name when the title names the tool that wrote the spec.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// A TOML table body (`tokio = "1"` lines) of dev-dependencies for the
    /// generated crate, for tests written by hand beside it.
    pub fn dev_dependencies(mut self, table: impl Into<String>) -> Self {
        self.dev_dependencies = Some(table.into());
        self
    }

    /// Reads, lowers and emits the spec at `spec`.
    pub fn generate(&self, spec: &Path) -> Result<Generated, Diagnostic> {
        let document = load::load(spec)?;
        self.generate_document(&document)
    }

    /// Lowers and emits a spec already in memory; `path` names it in messages.
    pub fn generate_from_bytes(&self, path: &Path, bytes: &[u8]) -> Result<Generated, Diagnostic> {
        let document = load::parse(path, bytes)?;
        self.generate_document(&document)
    }

    fn generate_document(&self, document: &load::Document) -> Result<Generated, Diagnostic> {
        let lowered = lower::lower(document)?;
        let spec_name = document
            .path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = document
            .path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = match &self.crate_name {
            Some(name) => name.clone(),
            None => naming::crate_name(&lowered.api.title, &stem),
        };
        let options = emit::CrateOptions {
            name,
            spec_name,
            dev_dependencies: self.dev_dependencies.clone(),
        };
        let files = emit::emit_crate(&lowered.api, &options)
            .map_err(|message| Diagnostic::error(&document.path, message))?;
        Ok(Generated {
            files,
            warnings: lowered.warnings,
            api: lowered.api,
        })
    }
}
