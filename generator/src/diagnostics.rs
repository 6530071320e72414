//! Errors and warnings that point at the place in the spec they are about.
//!
//! Every diagnostic names the file and, where known, the line and column (from
//! the parser) and the JSON pointer of the node (from lowering), so a person
//! can go straight to it.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One located message about the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line and column, when the parser reported them.
    pub line_column: Option<(u32, u32)>,
    /// JSON pointer of the offending node (`#/paths/~1v2~1sessions/post`).
    pub pointer: Option<String>,
    pub message: String,
    /// What to do about it, when there is something to do.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line_column: None,
            pointer: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        let saturate = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.line_column = Some((saturate(line), saturate(column)));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `error: spec/api.yaml:12:7: #/paths/~1a/get: message` and an indented
    /// `help:` line, the shape compilers use so editors can jump to it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.file.display())?;
        if let Some((line, column)) = self.line_column {
            write!(f, ":{line}:{column}")?;
        }
        if let Some(pointer) = &self.pointer {
            write!(f, ": {pointer}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Builds JSON pointers (RFC 6901) as lowering walks the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// Parses a local `$ref` (`#/components/schemas/Pet`) as a pointer.
    pub fn from_ref(reference: &str) -> Option<Self> {
        (reference == "#" || reference.starts_with("#/")).then(|| Pointer(reference.to_owned()))
    }

    /// The pointer one level down, with `~` and `/` escaped as the RFC says.
    pub fn push(&self, segment: impl fmt::Display) -> Self {
        let segment = segment.to_string().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{segment}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The unescaped segments after `#`.
    pub fn segments(&self) -> Vec<String> {
        self.0
            .trim_start_matches('#')
            .split('/')
            .skip(1)
            .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
            .collect()
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&Pointer> for String {
    fn from(pointer: &Pointer) -> String {
        pointer.0.clone()
    }
}

impl From<Pointer> for String {
    fn from(pointer: Pointer) -> String {
        pointer.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_slashes_and_tildes() {
        let pointer = Pointer::root()
            .push("paths")
            .push("/v2/sessions")
            .push("a~b");
        assert_eq!(pointer.as_str(), "#/paths/~1v2~1sessions/a~0b");
        assert_eq!(pointer.segments(), ["paths", "/v2/sessions", "a~b"]);
    }

    #[test]
    fn display_names_file_line_pointer_and_help() {
        let diagnostic = Diagnostic::error(Path::new("spec/api.yaml"), "bad thing")
            .at_line(3, 9)
            .at("#/info")
            .help("do this");
        assert_eq!(
            diagnostic.to_string(),
            "error: spec/api.yaml:3:9: #/info: bad thing\n  help: do this"
        );
        let warning = Diagnostic::warning(Path::new("a.json"), "odd").at("#/x");
        assert_eq!(warning.to_string(), "warning: a.json: #/x: odd");
    }
}
