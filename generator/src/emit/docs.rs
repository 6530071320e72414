//! Doc comments from spec text.
//!
//! Spec text becomes `#[doc = "…"]` string literals (printed as `///`), one
//! per line, so it can never close a comment or an attribute. What would still
//! change how rustdoc or rustc reads it is neutralised: carriage returns and
//! other control characters, bidirectional-override characters (which rustc
//! refuses in comments), and code fences (which rustdoc would run as tests).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Bound, Constraints, Number};

/// `///` lines for `text`, or nothing for an empty text.
pub(crate) fn outer(text: &str) -> TokenStream {
    let lines = lines(text);
    quote!(#(#[doc = #lines])*)
}

/// `//!` lines for `text`.
pub(crate) fn inner(text: &str) -> TokenStream {
    let lines = lines(text);
    quote!(#(#![doc = #lines])*)
}

/// Paragraphs joined by blank lines, skipping empty ones.
pub(crate) fn paragraphs<I, S>(parts: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    parts
        .into_iter()
        .map(|part| close_fences(part.as_ref().trim()))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A text with a code fence it never closes, closed: each paragraph's fences
/// end within it, so spec text cannot swallow the generated text after it.
fn close_fences(text: &str) -> String {
    let fences = text
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with("```") || line.starts_with("~~~")
        })
        .count();
    if fences % 2 == 1 {
        format!("{text}\n```")
    } else {
        text.to_owned()
    }
}

fn lines(text: &str) -> Vec<String> {
    let text = sanitize(text);
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut in_fence = false;
    let mut lines: Vec<String> = text
        .lines()
        .map(|line| {
            let mut line = line.trim_end().to_owned();
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                // An opening fence of any language is shown as text, never
                // compiled by rustdoc; a closing fence stays as it is.
                if !in_fence {
                    let indent = &line[..line.len() - trimmed.len()];
                    line = format!("{indent}{}text", &trimmed[..3]);
                }
                in_fence = !in_fence;
            } else if !in_fence {
                line = escape_html(&line);
            }
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect();
    // A fence the spec leaves open would swallow whatever docs follow.
    if in_fence {
        lines.push(" ```".to_owned());
    }
    lines
}

/// `<` and `>` outside code spans are shown, not interpreted as HTML:
/// rustdoc passes HTML in docs through to the page.
fn escape_html(line: &str) -> String {
    let mut escaped = String::with_capacity(line.len());
    let mut in_code = false;
    for c in line.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                escaped.push(c);
            }
            '<' if !in_code => escaped.push_str("&lt;"),
            '>' if !in_code => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

fn sanitize(text: &str) -> String {
    text.replace('\t', "    ")
        .chars()
        .filter(|&c| {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            !bidi && (c == '\n' || !c.is_control())
        })
        .collect()
}

/// The bounds of a value in words, for its doc comment.
pub(crate) fn constraints(constraints: &Constraints) -> Option<String> {
    let mut sentences = Vec::new();
    let lower = constraints.minimum.map(|bound| {
        let word = if bound.exclusive {
            "greater than"
        } else {
            "at least"
        };
        format!("{word} {}", number(bound))
    });
    let upper = constraints.maximum.map(|bound| {
        let word = if bound.exclusive {
            "less than"
        } else {
            "at most"
        };
        format!("{word} {}", number(bound))
    });
    match (lower, upper) {
        (Some(lower), Some(upper)) => sentences.push(format!("Must be {lower} and {upper}.")),
        (Some(bound), None) | (None, Some(bound)) => sentences.push(format!("Must be {bound}.")),
        (None, None) => {}
    }
    if let Some(sentence) = counted(constraints.min_length, constraints.max_length, "character") {
        sentences.push(sentence);
    }
    if let Some(pattern) = &constraints.pattern {
        sentences.push(format!("Must match the pattern `{pattern}`."));
    }
    if let Some(sentence) = counted(constraints.min_items, constraints.max_items, "item") {
        sentences.push(sentence);
    }
    if let Some(items) = &constraints.items
        && let Some(each) = self::constraints(items)
    {
        sentences.push(format!("Each item: {each}"));
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

fn counted(min: Option<u64>, max: Option<u64>, unit: &str) -> Option<String> {
    let plural = |n: u64| {
        if n == 1 {
            unit.to_owned()
        } else {
            format!("{unit}s")
        }
    };
    match (min, max) {
        (Some(min), Some(max)) if min == max => Some(format!("Exactly {min} {}.", plural(min))),
        (Some(min), Some(max)) => Some(format!("Between {min} and {max} {}.", plural(max))),
        (Some(min), None) => Some(format!("At least {min} {}.", plural(min))),
        (None, Some(max)) => Some(format!("At most {max} {}.", plural(max))),
        (None, None) => None,
    }
}

/// A bound as a person writes it: `100`, `0.5`.
pub(crate) fn number(bound: Bound) -> String {
    match bound.value {
        Number::Int(value) => value.to_string(),
        Number::Float(value) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_prefixed_and_sanitized() {
        assert_eq!(lines("a\r\nb\n\nc\u{202E}d"), [" a", " b", "", " cd"]);
        assert!(lines("  \n ").is_empty());
    }

    #[test]
    fn html_is_shown_and_open_fences_are_closed() {
        assert_eq!(lines("a <b> `<c>`"), [" a &lt;b&gt; `<c>`"]);
        assert_eq!(lines("```\nx <y>"), [" ```text", " x <y>", " ```"]);
        assert_eq!(lines("a\tb"), [" a    b"]);
    }

    #[test]
    fn fences_become_text() {
        assert_eq!(
            lines("```rust\nfn main() {}\n```"),
            [" ```text", " fn main() {}", " ```"]
        );
        assert_eq!(lines("```\nx\n```"), [" ```text", " x", " ```"]);
    }

    #[test]
    fn bounds_in_words() {
        let c = Constraints {
            minimum: Some(Bound {
                value: Number::Float(100.0),
                exclusive: false,
            }),
            maximum: Some(Bound {
                value: Number::Float(50000.0),
                exclusive: false,
            }),
            ..Constraints::default()
        };
        assert_eq!(
            constraints(&c).as_deref(),
            Some("Must be at least 100 and at most 50000.")
        );
        let c = Constraints {
            max_length: Some(1000),
            ..Constraints::default()
        };
        assert_eq!(constraints(&c).as_deref(), Some("At most 1000 characters."));
        let c = Constraints {
            minimum: Some(Bound {
                value: Number::Int(0),
                exclusive: true,
            }),
            min_items: Some(1),
            ..Constraints::default()
        };
        assert_eq!(
            constraints(&c).as_deref(),
            Some("Must be greater than 0. At least 1 item.")
        );
    }
}
