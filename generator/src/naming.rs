//! Rust identifiers from the names a spec uses.
//!
//! Every name the generated code declares comes through here, so keywords,
//! punctuation, non-ASCII text and collisions are handled in one place. Names
//! depend only on the text they come from and on their siblings in one scope
//! (a struct's fields, an enum's variants), never on unrelated parts of the
//! spec, so adding an operation renames nothing else.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be identifiers as they are (strict and reserved keywords
/// of every edition). `self`, `Self`, `super` and `crate` cannot even be raw
/// identifiers, so we append `_` to all of them rather than mixing styles.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code uses unqualified (the prelude, our imports
/// and the crate's own items). A schema with one of these names gets a suffix,
/// so `Option<T>` in the generated code always means the prelude's.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "BTreeMap",
    "Box",
    "Client",
    "Clone",
    "Copy",
    "Default",
    "Deserialize",
    "Drop",
    "Eq",
    "Err",
    "Error",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Serialize",
    "Server",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "ValidationError",
    "Vec",
];

/// Splits text into ASCII words: transliterates non-ASCII letters (`café` is
/// `cafe`) and spells out the signs that carry meaning in real specs (`+1`,
/// `-1`, `@type`), so they do not all collapse to the same name.
fn ascii_words(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    for (index, c) in raw.chars().enumerate() {
        match c {
            '+' => text.push_str(" plus "),
            '-' if index == 0 => text.push_str(" minus "),
            '@' => text.push_str(" at "),
            c if c.is_ascii_alphanumeric() => text.push(c),
            c if c.is_ascii() => text.push(' '),
            c => {
                let transliterated = deunicode::deunicode_char(c).unwrap_or(" ");
                text.push_str(transliterated);
            }
        }
    }
    text
}

/// A snake_case identifier: fields, parameters, methods, modules.
pub fn snake_case(raw: &str, fallback: &str) -> String {
    let name = ascii_words(raw).to_snake_case();
    let name = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect::<String>();
    let name = if name.trim_matches('_').is_empty() {
        fallback.to_owned()
    } else {
        name
    };
    make_valid(name)
}

/// An UpperCamelCase identifier: types and enum variants.
pub fn pascal_case(raw: &str, fallback: &str) -> String {
    let name = ascii_words(raw).to_upper_camel_case();
    let name = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>();
    let name = if name.is_empty() {
        fallback.to_owned()
    } else {
        name
    };
    make_valid(name)
}

/// A type name that does not shadow a name the generated code relies on.
pub fn type_name(raw: &str) -> String {
    let name = pascal_case(raw, "Unnamed");
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Model")
    } else {
        name
    }
}

fn make_valid(name: String) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Hands out distinct names within one scope, deterministically: the first
/// claim of a name gets it as is, later ones get `2`, `3`… appended.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Scope::default()
    }

    /// A scope where these names are already taken.
    pub fn with_reserved<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Scope {
            taken: names.into_iter().map(str::to_owned).collect(),
        }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims `name`, or the first free `name2`, `name3`… (with `_` between a
    /// snake-case name and its number, unless it already ends in one).
    pub fn claim(&mut self, name: &str) -> String {
        if self.taken.insert(name.to_owned()) {
            return name.to_owned();
        }
        let separator = if name.starts_with(|c: char| c.is_ascii_uppercase()) || name.ends_with('_')
        {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{name}{separator}{n}"))
            .find(|candidate| !self.taken.contains(candidate))
            .inspect(|candidate| {
                self.taken.insert(candidate.clone());
            })
            .unwrap_or_default()
    }
}

/// Names for sibling items whose wire names may collide after conversion
/// (`created_at` and `createdAt`). An item whose wire name already *is* the
/// converted name keeps it; the others get numbered in spec order. So the
/// result depends only on the siblings, never on anything else in the spec.
pub fn distinct_names(converted: &[(String, &str)], scope: &mut Scope) -> Vec<String> {
    let mut names = vec![String::new(); converted.len()];
    for pass in [true, false] {
        for (index, (name, wire)) in converted.iter().enumerate() {
            if (name == wire) == pass {
                names[index] = scope.claim(name);
            }
        }
    }
    names
}

/// The reason phrase of a status code as an enum variant (`404` is `NotFound`).
pub fn status_variant(code: u16) -> String {
    let name = match code {
        100 => "Continue",
        101 => "SwitchingProtocols",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        508 => "LoopDetected",
        511 => "NetworkAuthenticationRequired",
        other => return format!("Status{other}"),
    };
    name.to_owned()
}

/// Words that describe the tool that wrote a spec rather than the API, so a
/// title made only of them names nothing (`@fastify/swagger`, `FastAPI`).
const GENERIC_TITLE_WORDS: &[&str] = &[
    "api",
    "apis",
    "doc",
    "docs",
    "documentation",
    "fast",
    "fastapi",
    "fastify",
    "openapi",
    "rest",
    "schema",
    "server",
    "service",
    "spec",
    "specification",
    "swagger",
    "title",
    "untitled",
    "web",
];

/// The API's name for prose: the title when it names the API, or else the
/// spec's file name in title case (`eden` reads "Eden").
pub fn api_name(title: &str, file_stem: &str) -> String {
    if title_names_api(title) {
        return title
            .chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
            .trim()
            .to_owned();
    }
    let words: Vec<String> = snake_case(file_stem, "")
        .split('_')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "API".to_owned()
    } else {
        words.join(" ")
    }
}

fn title_names_api(title: &str) -> bool {
    !looks_like_package(title)
        && crate_base(title).is_some_and(|base| {
            !base
                .split('-')
                .all(|word| GENERIC_TITLE_WORDS.contains(&word))
        })
}

/// The generated crate's name: from `info.title` when it names the API, or
/// else from the spec's file name, always ending in `-client`.
pub fn crate_name(title: &str, file_stem: &str) -> String {
    let from_title = title_names_api(title).then(|| crate_base(title)).flatten();
    let base = from_title
        .or_else(|| crate_base(file_stem))
        .unwrap_or_else(|| "api".to_owned());
    if base.ends_with("-client") {
        base
    } else {
        format!("{base}-client")
    }
}

/// `@scope/name` or `name/sub`: an npm package, i.e. the tool that made the spec.
fn looks_like_package(title: &str) -> bool {
    let title = title.trim();
    title.starts_with('@') || title.contains('/')
}

fn crate_base(text: &str) -> Option<String> {
    let snake = snake_case(text, "");
    let kebab = snake.trim_matches('_').replace('_', "-");
    let kebab = kebab.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    (!kebab.is_empty()).then(|| kebab.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_handles_keywords_signs_digits_and_unicode() {
        let cases = [
            ("session_id", "session_id"),
            ("createdAt", "created_at"),
            ("foo-bar", "foo_bar"),
            ("type", "type_"),
            ("self", "self_"),
            ("Self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("async", "async_"),
            ("macro_rules", "macro_rules"),
            ("+1", "plus_1"),
            ("-1", "minus_1"),
            ("2fa", "_2fa"),
            ("@type", "at_type"),
            ("café", "cafe"),
            ("", "field"),
            ("!!!", "field"),
            ("Interact with Session", "interact_with_session"),
        ];
        for (raw, expected) in cases {
            assert_eq!(snake_case(raw, "field"), expected, "for {raw:?}");
        }
    }

    #[test]
    fn pascal_case_handles_values_and_reserved_names() {
        let cases = [
            ("random", "Random"),
            ("random_exclude_last", "RandomExcludeLast"),
            ("+1", "Plus1"),
            ("-1", "Minus1"),
            ("1", "_1"),
            ("hello world", "HelloWorld"),
            ("", "Empty"),
            ("Self", "Self_"),
        ];
        for (raw, expected) in cases {
            assert_eq!(pascal_case(raw, "Empty"), expected, "for {raw:?}");
        }
        assert_eq!(type_name("Option"), "OptionModel");
        assert_eq!(type_name("error"), "ErrorModel");
        assert_eq!(type_name("Pet"), "Pet");
    }

    #[test]
    fn exact_wire_names_keep_their_name_on_collision() {
        let converted = [
            ("created_at".to_owned(), "createdAt"),
            ("created_at".to_owned(), "created_at"),
            ("foo_bar".to_owned(), "foo-bar"),
            ("foo_bar".to_owned(), "foo_bar"),
        ];
        let names = distinct_names(&converted, &mut Scope::new());
        assert_eq!(
            names,
            ["created_at_2", "created_at", "foo_bar_2", "foo_bar"]
        );
    }

    #[test]
    fn scope_numbers_pascal_names_without_separator() {
        let mut scope = Scope::with_reserved(["Reaction"]);
        assert_eq!(scope.claim("Reaction"), "Reaction2");
        assert_eq!(scope.claim("Reaction"), "Reaction3");
    }

    #[test]
    fn crate_name_skips_tool_titles() {
        assert_eq!(crate_name("@fastify/swagger", "eden"), "eden-client");
        assert_eq!(crate_name("FastAPI", "my-service"), "my-service-client");
        assert_eq!(
            crate_name("Swagger Petstore", "x"),
            "swagger-petstore-client"
        );
        assert_eq!(crate_name("Pet Store API", "x"), "pet-store-api-client");
        assert_eq!(
            crate_name("GitHub v3 REST API", "x"),
            "git-hub-v3-rest-api-client"
        );
        assert_eq!(crate_name("", "123"), "api-client");
        assert_eq!(crate_name("Eden Client", "x"), "eden-client");
    }

    #[test]
    fn api_name_for_prose() {
        assert_eq!(api_name("@fastify/swagger", "eden"), "Eden");
        assert_eq!(api_name("Pet Store", "x"), "Pet Store");
        assert_eq!(api_name("FastAPI", "my-service"), "My Service");
    }

    #[test]
    fn status_variants() {
        assert_eq!(status_variant(400), "BadRequest");
        assert_eq!(status_variant(500), "InternalServerError");
        assert_eq!(status_variant(599), "Status599");
    }
}
