//! `src/error.rs`: the crate's `Error`, `ValidationError`, and the check
//! helpers that the types' `validate()` methods call (only the ones used).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Check, Uses, docs};

pub(super) fn error_file(uses: &Uses) -> TokenStream {
    let docs = docs::inner("Errors of calls, and of values that break the spec's constraints.");
    let checks = checks_module(uses);
    // A credential in the query string would be printed with the URL.
    let transport = if uses.secret_in_url {
        quote!(Error::Transport(error.without_url()))
    } else {
        quote!(Error::Transport(error))
    };
    quote! {
        #docs

        use std::fmt;

        use bytes::Bytes;

        /// Why a call failed. `E` is the operation's own error enum, holding the
        /// error responses its spec documents.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum Error<E = std::convert::Infallible> {
            /// The server answered with an error response the operation documents.
            Api(E),
            /// The request breaks a constraint of the spec; it was not sent.
            Validation(ValidationError),
            /// The server answered with a status the operation does not document.
            UnexpectedStatus {
                status: reqwest::StatusCode,
                body: Bytes,
            },
            /// The response body does not have the documented shape.
            Decode {
                status: reqwest::StatusCode,
                body: Bytes,
                source: Box<dyn std::error::Error + Send + Sync>,
            },
            /// A header value cannot be sent (it holds a line break or another
            /// byte HTTP headers do not allow); nothing was sent.
            InvalidHeader { name: &'static str },
            /// The request could not be sent, or the response could not be read.
            Transport(reqwest::Error),
        }

        impl<E: fmt::Display> fmt::Display for Error<E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Error::Api(error) => error.fmt(f),
                    Error::Validation(error) => write!(f, "invalid request: {error}"),
                    Error::UnexpectedStatus { status, .. } => {
                        write!(f, "the server answered with an undocumented status {status}")
                    }
                    Error::Decode { status, source, .. } => {
                        write!(f, "the {status} response body could not be decoded: {source}")
                    }
                    Error::InvalidHeader { name } => {
                        write!(f, "the value of the {name} header is not a valid header value")
                    }
                    Error::Transport(error) => write!(f, "the request failed: {error}"),
                }
            }
        }

        impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Error::Api(error) => Some(error),
                    Error::Validation(error) => Some(error),
                    Error::Decode { source, .. } => Some(&**source),
                    Error::Transport(error) => Some(error),
                    Error::UnexpectedStatus { .. } | Error::InvalidHeader { .. } => None,
                }
            }
        }

        impl<E> From<ValidationError> for Error<E> {
            fn from(error: ValidationError) -> Self {
                Error::Validation(error)
            }
        }

        impl<E> From<reqwest::Error> for Error<E> {
            fn from(error: reqwest::Error) -> Self {
                #transport
            }
        }

        /// A value that breaks a constraint of the spec, and where it is.
        #[derive(Debug, Clone, PartialEq)]
        pub struct ValidationError {
            path: String,
            violation: Violation,
        }

        impl ValidationError {
            #[allow(dead_code)]
            pub(crate) fn new(path: &str, violation: Violation) -> Self {
                ValidationError {
                    path: path.to_owned(),
                    violation,
                }
            }

            /// Where the value is, by wire names: `budget.manna_budget`, `tags[2]`.
            pub fn path(&self) -> &str {
                &self.path
            }

            /// What is wrong with it.
            pub fn violation(&self) -> &Violation {
                &self.violation
            }

            /// The same error, seen from the object holding the field `parent`.
            #[allow(dead_code)]
            pub(crate) fn within(mut self, parent: &str) -> Self {
                self.path = join(parent, &self.path);
                self
            }

            /// The same error, seen from the array `parent`.
            #[allow(dead_code)]
            pub(crate) fn within_index(mut self, parent: &str, index: usize) -> Self {
                self.path = join(&format!("{parent}[{index}]"), &self.path);
                self
            }

            /// The same error, seen from the map `parent`.
            #[allow(dead_code)]
            pub(crate) fn within_key(mut self, parent: &str, key: &str) -> Self {
                self.path = join(&format!("{parent}[{key:?}]"), &self.path);
                self
            }
        }

        fn join(parent: &str, path: &str) -> String {
            if path.is_empty() {
                parent.to_owned()
            } else if path.starts_with('[') {
                format!("{parent}{path}")
            } else {
                format!("{parent}.{path}")
            }
        }

        impl fmt::Display for ValidationError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}: {}", self.path, self.violation)
            }
        }

        impl std::error::Error for ValidationError {}

        /// A constraint of the spec that a value breaks. Numbers are shown as
        /// written, so `value` and the bound read the same as in the spec.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Violation {
            /// Below `minimum` (or not above it, when `exclusive`).
            Minimum { value: String, minimum: String, exclusive: bool },
            /// Above `maximum` (or not below it, when `exclusive`).
            Maximum { value: String, maximum: String, exclusive: bool },
            /// Fewer characters than `minLength`.
            MinLength { length: usize, min_length: usize },
            /// More characters than `maxLength`.
            MaxLength { length: usize, max_length: usize },
            /// Does not match `pattern`.
            Pattern { pattern: &'static str },
            /// Fewer items than `minItems`.
            MinItems { count: usize, min_items: usize },
            /// More items than `maxItems`.
            MaxItems { count: usize, max_items: usize },
            /// A path parameter that is `.` or `..`, which URLs resolve away.
            DotSegment,
            /// A number that compares with nothing (NaN).
            NotANumber,
        }

        impl fmt::Display for Violation {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Violation::Minimum { value, minimum, exclusive: false } => {
                        write!(f, "{value} is below the minimum {minimum}")
                    }
                    Violation::Minimum { value, minimum, exclusive: true } => {
                        write!(f, "{value} is not above the exclusive minimum {minimum}")
                    }
                    Violation::Maximum { value, maximum, exclusive: false } => {
                        write!(f, "{value} is above the maximum {maximum}")
                    }
                    Violation::Maximum { value, maximum, exclusive: true } => {
                        write!(f, "{value} is not below the exclusive maximum {maximum}")
                    }
                    Violation::MinLength { length, min_length } => {
                        write!(f, "{length} characters are fewer than the minimum length {min_length}")
                    }
                    Violation::MaxLength { length, max_length } => {
                        write!(f, "{length} characters are more than the maximum length {max_length}")
                    }
                    Violation::Pattern { pattern } => {
                        write!(f, "the value does not match the pattern {pattern:?}")
                    }
                    Violation::MinItems { count, min_items } => {
                        write!(f, "{count} items are fewer than the minimum {min_items}")
                    }
                    Violation::MaxItems { count, max_items } => {
                        write!(f, "{count} items are more than the maximum {max_items}")
                    }
                    Violation::NotANumber => f.write_str("NaN is not a number"),
                    Violation::DotSegment => {
                        f.write_str("`.` and `..` cannot be sent as a path segment")
                    }
                }
            }
        }

        #checks
    }
}

/// Only the helpers the generated types call, so none is dead code.
fn checks_module(uses: &Uses) -> TokenStream {
    let mut helpers = Vec::new();
    for check in &uses.checks {
        helpers.push(match check {
            Check::Minimum => quote! {
                /// `value` must be at least `minimum` (above it, when `exclusive`).
                /// NaN is refused: it is within no bounds.
                pub(crate) fn minimum<T: PartialOrd + fmt::Display>(path: &str, value: T, minimum: T, exclusive: bool) -> Result<(), ValidationError> {
                    if value.partial_cmp(&minimum).is_none() {
                        return Err(ValidationError::new(path, Violation::NotANumber));
                    }
                    let allowed = if exclusive { value > minimum } else { value >= minimum };
                    if allowed {
                        return Ok(());
                    }
                    let (value, minimum) = (value.to_string(), minimum.to_string());
                    Err(ValidationError::new(path, Violation::Minimum { value, minimum, exclusive }))
                }
            },
            Check::Maximum => quote! {
                /// `value` must be at most `maximum` (below it, when `exclusive`).
                /// NaN is refused: it is within no bounds.
                pub(crate) fn maximum<T: PartialOrd + fmt::Display>(path: &str, value: T, maximum: T, exclusive: bool) -> Result<(), ValidationError> {
                    if value.partial_cmp(&maximum).is_none() {
                        return Err(ValidationError::new(path, Violation::NotANumber));
                    }
                    let allowed = if exclusive { value < maximum } else { value <= maximum };
                    if allowed {
                        return Ok(());
                    }
                    let (value, maximum) = (value.to_string(), maximum.to_string());
                    Err(ValidationError::new(path, Violation::Maximum { value, maximum, exclusive }))
                }
            },
            Check::MinLength => quote! {
                /// Lengths count characters (Unicode scalar values), as JSON Schema does.
                pub(crate) fn min_length(path: &str, value: &str, min_length: usize) -> Result<(), ValidationError> {
                    let length = value.chars().count();
                    if length >= min_length {
                        return Ok(());
                    }
                    Err(ValidationError::new(path, Violation::MinLength { length, min_length }))
                }
            },
            Check::MaxLength => quote! {
                /// Lengths count characters (Unicode scalar values), as JSON Schema does.
                pub(crate) fn max_length(path: &str, value: &str, max_length: usize) -> Result<(), ValidationError> {
                    let length = value.chars().count();
                    if length <= max_length {
                        return Ok(());
                    }
                    Err(ValidationError::new(path, Violation::MaxLength { length, max_length }))
                }
            },
            Check::Pattern => quote! {
                /// The pattern is compiled once per process. The generator only
                /// emits patterns that compile.
                pub(crate) fn pattern(path: &str, value: &str, pattern: &'static str) -> Result<(), ValidationError> {
                    use std::collections::HashMap;
                    use std::sync::{LazyLock, Mutex};
                    static COMPILED: LazyLock<Mutex<HashMap<&'static str, Option<regex::Regex>>>> =
                        LazyLock::new(Default::default);
                    let matches = {
                        let mut compiled = COMPILED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                        let regex = compiled.entry(pattern).or_insert_with(|| regex::Regex::new(pattern).ok());
                        regex.as_ref().is_none_or(|regex| regex.is_match(value))
                    };
                    if matches {
                        return Ok(());
                    }
                    Err(ValidationError::new(path, Violation::Pattern { pattern }))
                }
            },
            Check::MinItems => quote! {
                pub(crate) fn min_items<T>(path: &str, value: &[T], min_items: usize) -> Result<(), ValidationError> {
                    if value.len() >= min_items {
                        return Ok(());
                    }
                    Err(ValidationError::new(path, Violation::MinItems { count: value.len(), min_items }))
                }
            },
            Check::MaxItems => quote! {
                pub(crate) fn max_items<T>(path: &str, value: &[T], max_items: usize) -> Result<(), ValidationError> {
                    if value.len() <= max_items {
                        return Ok(());
                    }
                    Err(ValidationError::new(path, Violation::MaxItems { count: value.len(), max_items }))
                }
            },
            Check::Each => quote! {
                /// Runs `check` on each item, reporting the index of the first that fails.
                pub(crate) fn each<T>(path: &str, items: &[T], check: impl Fn(&T) -> Result<(), ValidationError>) -> Result<(), ValidationError> {
                    for (index, item) in items.iter().enumerate() {
                        check(item).map_err(|error| error.within_index(path, index))?;
                    }
                    Ok(())
                }
            },
            Check::EachValue => quote! {
                /// Runs `check` on each value, reporting the key of the first that fails.
                pub(crate) fn each_value<T>(path: &str, map: &std::collections::BTreeMap<String, T>, check: impl Fn(&T) -> Result<(), ValidationError>) -> Result<(), ValidationError> {
                    for (key, item) in map {
                        check(item).map_err(|error| error.within_key(path, key))?;
                    }
                    Ok(())
                }
            },
        });
    }
    if helpers.is_empty() {
        return TokenStream::new();
    }
    let compares = uses.checks.contains(&Check::Minimum) || uses.checks.contains(&Check::Maximum);
    let fmt_import = compares.then(|| {
        quote!(
            use std::fmt;
        )
    });
    quote! {
        /// The checks behind the generated `validate()` methods.
        pub(crate) mod check {
            #fmt_import

            use super::{ValidationError, Violation};

            #(#helpers)*
        }
    }
}
