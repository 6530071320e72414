//! Hostile text from `injection-in-text.yaml` survives exactly: as enum wire
//! values, as a pattern, in the JSON sent to a real server (wiremock on
//! loopback), and in the generated sources only as docs or string literals.

use hostile_injection_in_text::types::{CreateNoteMode, CreateNoteRequest, CreateNoteResponse};
use hostile_injection_in_text::{Client, Error, Violation};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Every variant with the exact string the spec's `enum` lists.
const MODES: [(CreateNoteMode, &str); 4] = [
    (
        CreateNoteMode::StdProcessAbort,
        "\"); std::process::abort(); (\"",
    ),
    (CreateNoteMode::AB, "a\nb"),
    (CreateNoteMode::TabHere, "tab\there"),
    (CreateNoteMode::BackSlash, "back\\slash"),
];

const PATTERN: &str = "^[a-z]+\"\\)$";

#[test]
fn every_mode_serializes_to_the_exact_spec_string() {
    let json: Vec<String> = MODES
        .iter()
        .map(|(mode, _)| serde_json::to_string(mode).unwrap())
        .collect();
    assert_eq!(
        json,
        [
            r#""\"); std::process::abort(); (\"""#,
            r#""a\nb""#,
            r#""tab\there""#,
            r#""back\\slash""#,
        ]
    );
    for (mode, wire) in MODES {
        assert_eq!(
            serde_json::to_value(mode).unwrap(),
            serde_json::Value::String(wire.to_owned())
        );
    }
}

#[test]
fn every_mode_deserializes_back_to_the_same_variant() {
    for (mode, wire) in MODES {
        let json = serde_json::to_string(wire).unwrap();
        let decoded: CreateNoteMode = serde_json::from_str(&json).unwrap();
        assert_eq!(decoded, mode, "{json}");
        let again: CreateNoteMode =
            serde_json::from_str(&serde_json::to_string(&mode).unwrap()).unwrap();
        assert_eq!(again, mode);
    }
}

#[test]
fn as_str_and_display_are_the_spec_strings() {
    for (mode, wire) in MODES {
        assert_eq!(mode.as_str(), wire);
        assert_eq!(mode.to_string(), wire);
    }
    // Lengths pin that nothing was escaped twice or dropped.
    assert_eq!(CreateNoteMode::StdProcessAbort.as_str().len(), 29);
    assert_eq!(CreateNoteMode::AB.as_str().as_bytes(), b"a\nb");
    assert_eq!(CreateNoteMode::TabHere.as_str().as_bytes(), b"tab\there");
    assert_eq!(
        CreateNoteMode::BackSlash.as_str().as_bytes(),
        b"back\\slash"
    );
}

#[test]
fn near_miss_strings_are_not_modes() {
    for wire in [
        "\\\"); std::process::abort(); (\\\"",
        "a\\nb",
        "tab\\there",
        "back\\\\slash",
        "backslash",
        "",
    ] {
        let json = serde_json::to_string(wire).unwrap();
        assert!(
            serde_json::from_str::<CreateNoteMode>(&json).is_err(),
            "{json} must not decode"
        );
    }
}

fn with_pattern_field(value: &str) -> CreateNoteRequest {
    CreateNoteRequest {
        mode: None,
        pattern_field: Some(value.to_owned()),
    }
}

#[test]
fn the_pattern_accepts_a_quote_and_a_parenthesis() {
    assert_eq!(with_pattern_field("abc\")").validate(), Ok(()));
    assert_eq!(with_pattern_field("z\")").validate(), Ok(()));
}

#[test]
fn the_pattern_rejects_a_value_without_the_suffix() {
    for value in ["abc", "abc)", "abc\"", "ABC\")", "\")", "abc\\\")"] {
        let error = with_pattern_field(value).validate().unwrap_err();
        assert_eq!(error.path(), "pattern_field", "{value}");
        assert_eq!(
            error.violation(),
            &Violation::Pattern { pattern: PATTERN },
            "{value}"
        );
        assert_eq!(
            error.to_string(),
            r#"pattern_field: the value does not match the pattern "^[a-z]+\"\\)$""#
        );
    }
}

#[test]
fn max_length_10_counts_characters() {
    // Exactly 10 characters, matching the pattern.
    assert_eq!(with_pattern_field("abcdefgh\")").validate(), Ok(()));
    // 11 characters: refused for its length before the pattern is tried.
    let error = with_pattern_field("abcdefghi\")").validate().unwrap_err();
    assert_eq!(error.path(), "pattern_field");
    assert_eq!(
        error.violation(),
        &Violation::MaxLength {
            length: 11,
            max_length: 10
        }
    );
    assert_eq!(
        error.to_string(),
        "pattern_field: 11 characters are more than the maximum length 10"
    );
    // 10 characters but 12 bytes: still within the limit... and refused only
    // by the pattern, because `é` is not in `[a-z]`.
    let error = with_pattern_field("éééééééé\")").validate().unwrap_err();
    assert_eq!(error.violation(), &Violation::Pattern { pattern: PATTERN });
}

#[test]
fn the_default_request_is_empty_and_valid() {
    let request = CreateNoteRequest::default();
    assert_eq!(request.validate(), Ok(()));
    assert_eq!(serde_json::to_string(&request).unwrap(), "{}");
}

#[tokio::test]
async fn create_note_sends_the_hostile_strings_exactly() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/notes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "n1"})))
        .expect(1)
        .mount(&server)
        .await;
    let request = CreateNoteRequest {
        mode: Some(CreateNoteMode::StdProcessAbort),
        pattern_field: Some("abc\")".to_owned()),
    };
    let reply = Client::new(server.uri())
        .create_note(&request)
        .await
        .unwrap();
    assert_eq!(
        reply,
        CreateNoteResponse {
            id: Some("n1".to_owned())
        }
    );

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.url.path(), "/notes");
    assert_eq!(
        sent.headers.get("content-type").unwrap(),
        "application/json"
    );
    assert_eq!(
        std::str::from_utf8(&sent.body).unwrap(),
        r#"{"mode":"\"); std::process::abort(); (\"","pattern_field":"abc\")"}"#
    );
    let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "mode": "\"); std::process::abort(); (\"",
            "pattern_field": "abc\")",
        })
    );
    server.verify().await;
}

#[tokio::test]
async fn create_note_sends_every_mode_exactly() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/notes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .expect(4)
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    for (mode, _) in MODES {
        let request = CreateNoteRequest {
            mode: Some(mode),
            pattern_field: None,
        };
        assert_eq!(
            client.create_note(&request).await.unwrap(),
            CreateNoteResponse { id: None }
        );
    }
    let bodies: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| String::from_utf8(request.body.clone()).unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            r#"{"mode":"\"); std::process::abort(); (\""}"#,
            r#"{"mode":"a\nb"}"#,
            r#"{"mode":"tab\there"}"#,
            r#"{"mode":"back\\slash"}"#,
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn create_note_refuses_a_pattern_mismatch_without_sending() {
    let server = MockServer::start().await;
    let error = Client::new(server.uri())
        .create_note(&with_pattern_field("abc"))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"invalid request: pattern_field: the value does not match the pattern "^[a-z]+\"\\)$""#
    );
    match error {
        Error::Validation(error) => {
            assert_eq!(error.path(), "pattern_field");
            assert_eq!(error.violation(), &Violation::Pattern { pattern: PATTERN });
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let error = Client::new(server.uri())
        .create_note(&with_pattern_field("abcdefghij\")"))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request: pattern_field: 12 characters are more than the maximum length 10"
    );
    assert!(matches!(
        error,
        Error::Validation(ref error)
            if error.violation() == &Violation::MaxLength { length: 12, max_length: 10 }
    ));
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[test]
fn hostile_version_survives_in_the_package_description() {
    assert_eq!(
        env!("CARGO_PKG_DESCRIPTION"),
        "Client for the Injection In Text API (version 1.0\"; panic!(\"boom\"); //), \
         generated from its OpenAPI document"
    );
}

// ---------------------------------------------------------------------------
// The generated sources: spec text only in comments and string literals.

fn sources() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    assert_eq!(
        files
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>(),
        ["client.rs", "error.rs", "lib.rs", "types.rs"]
    );
    files
}

/// `src` with every comment and the inside of every string and char literal
/// blanked out (newlines kept): what rustc reads as code.
fn code_only(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            loop {
                assert!(i < chars.len(), "unterminated block comment");
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == '"' {
            out.push('"');
            i += 1;
            loop {
                assert!(i < chars.len(), "unterminated string literal");
                match chars[i] {
                    '\\' => {
                        out.push(' ');
                        out.push(blank(chars[i + 1]));
                        i += 2;
                    }
                    '"' => {
                        out.push('"');
                        i += 1;
                        break;
                    }
                    other => {
                        out.push(blank(other));
                        i += 1;
                    }
                }
            }
        } else if c == 'r' && prev.is_none_or(|p| !is_ident(p) || p == 'b') && {
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            chars.get(j) == Some(&'"')
        } {
            let mut hashes = 0;
            i += 1;
            while chars[i] == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1; // the opening quote
            out.push_str(&" ".repeat(hashes + 2));
            loop {
                assert!(i < chars.len(), "unterminated raw string literal");
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    out.push_str(&" ".repeat(hashes + 1));
                    i += hashes + 1;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '\'' && next == Some('\\') {
            // An escaped char literal: '\n', '\'', '\u{..}'.
            out.push(' ');
            i += 2;
            while chars[i] != '\'' {
                out.push(' ');
                i += 1;
            }
            out.push_str("  ");
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("   ");
            i += 3;
        } else {
            // Code, or the quote of a lifetime.
            out.push(c);
            i += 1;
        }
    }
    out
}

#[test]
fn the_lexer_blanks_what_it_should() {
    let src = "fn a() {} // evil\n/* evil /* nested */ */ let s = \"evil \\\" evil\";\n\
               let r = r#\"evil \" evil\"#; let c = '\"'; fn f<'a>(x: &'a str) {}";
    let code = code_only(src);
    assert!(!code.contains("evil"), "{code}");
    assert!(code.contains("fn a() {}"));
    assert!(code.contains("let s = \""));
    assert!(code.contains("fn f<'a>(x: &'a str) {}"));
    assert_eq!(code.lines().count(), src.lines().count());
}

#[test]
fn hostile_text_appears_only_in_comments_and_string_literals() {
    let forbidden = [
        "abort", "evil", "injected", "panic", "boom", "alert", "script", "fn main", "fn run",
        "mod evil",
    ];
    for (name, src) in sources() {
        let code = code_only(&src);
        for (number, line) in code.lines().enumerate() {
            for word in forbidden {
                assert!(
                    !line.contains(word),
                    "src/{name}:{}: `{word}` is code: {:?}",
                    number + 1,
                    src.lines().nth(number).unwrap()
                );
            }
        }
    }
}

#[test]
fn every_line_with_hostile_text_is_a_comment_or_holds_it_in_a_string() {
    let mut seen = 0;
    for (name, src) in sources() {
        for line in src.lines() {
            if !["abort()", "evil", "fn main", "panic!"]
                .iter()
                .any(|word| line.contains(word))
            {
                continue;
            }
            seen += 1;
            let trimmed = line.trim_start();
            let comment = trimmed.starts_with("///") || trimmed.starts_with("//!");
            let literal = trimmed.starts_with("#[serde(rename = \"")
                || trimmed.starts_with("Self::StdProcessAbort => \"");
            assert!(comment || literal, "src/{name}: {line:?}");
        }
    }
    // client.rs summary, types.rs 2 docs + variant doc + rename + as_str,
    // lib.rs version + `fn main() {}`.
    assert_eq!(seen, 8);
}

#[test]
fn no_item_is_declared_from_spec_text() {
    let mut functions = Vec::new();
    let mut modules = Vec::new();
    for (_, src) in sources() {
        let code = code_only(&src);
        let words: Vec<&str> = code
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|word| !word.is_empty())
            .collect();
        for pair in words.windows(2) {
            match pair[0] {
                "fn" => functions.push(pair[1].to_owned()),
                "mod" => modules.push(pair[1].to_owned()),
                _ => {}
            }
        }
    }
    modules.sort();
    assert_eq!(modules, ["check", "client", "error", "types"]);
    for name in ["evil", "injected", "main", "run"] {
        assert!(!functions.iter().any(|f| f == name), "fn {name} declared");
    }
}

#[test]
fn the_spec_text_is_kept_verbatim_in_docs_and_literals() {
    let all: String = sources().into_iter().map(|(_, src)| src).collect();
    for expected in [
        "    /// */ } mod evil { pub fn run() { std::process::abort() } } /*\n",
        "    /// &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; and `code` and  nul\n",
        "/// ends with a backslash \\\n",
        "    /// \"); std::process::abort(); (\"\n",
        "    #[serde(rename = \"\\\"); std::process::abort(); (\\\"\")]\n",
        "    #[serde(rename = \"a\\nb\")]\n",
        "    #[serde(rename = \"tab\\there\")]\n",
        "    #[serde(rename = \"back\\\\slash\")]\n",
        "check::pattern(\"pattern_field\", value, \"^[a-z]+\\\"\\\\)$\")?;\n",
        "/// At most 10 characters. Must match the pattern `^[a-z]+\"\\)$`.\n",
        "//! Client for the Injection In Text API, version 1.0\"; panic!(\"boom\"); //.\n",
        "//! Backslash \\ quote \" newline\n//! and a doc breaker */ /// #[doc = \"x\"] ```rust\n",
    ] {
        assert!(all.contains(expected), "missing {expected:?}");
    }
    // The NUL of the description is dropped, never written into a comment.
    assert!(!all.contains('\0'));
}

/// The spec's description ends inside a code fence it opens (a "```" line it
/// never closes). The generator turns that opening fence into "```text" but
/// does not close it, so the crate's own paragraph that follows ("Create a
/// [`Client`], ...") renders as part of a code block.
#[test]
fn code_fences_in_the_crate_docs_are_closed_before_the_generated_text() {
    let lib = sources()
        .into_iter()
        .find(|(name, _)| name == "lib.rs")
        .unwrap()
        .1;
    let docs: Vec<&str> = lib
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .map(str::trim_start)
        .take_while(|line| !line.starts_with("Create a [`Client`]"))
        .collect();
    let fences = docs
        .iter()
        .filter(|line| line.starts_with("```") || line.starts_with("~~~"))
        .count();
    assert_eq!(
        fences % 2,
        0,
        "an open fence swallows the generated text: {docs:#?}"
    );
}

/// rustdoc passes inline HTML through to the pages it renders, so spec text
/// holding `</script><script>alert(1)</script>` (the operation's description)
/// becomes a live `<script>` element on the `Client` page of `cargo doc`
/// (and `cargo doc` warns `rustdoc::invalid_html_tags`). Spec text should
/// reach rustdoc with `<`, `>` and `&` escaped.
#[test]
fn spec_html_is_escaped_in_docs() {
    for (name, src) in sources() {
        for line in src.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("///") || trimmed.starts_with("//!") {
                assert!(
                    !line.to_ascii_lowercase().contains("<script")
                        && !line.to_ascii_lowercase().contains("</script"),
                    "src/{name}: raw HTML in docs: {line:?}"
                );
            }
        }
    }
}
