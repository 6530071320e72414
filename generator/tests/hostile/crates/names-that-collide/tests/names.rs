//! Property names that collide once made identifiers (`created_at` and
//! `createdAt`, `foo-bar` and `foo_bar`, `A` and `a`) or that are no
//! identifiers at all (`+1`, `""`, `@type`, `café`) keep their exact wire
//! names; the operations reach the right method and path on a real server
//! (wiremock on loopback).

use hostile_names_that_collide::types::{Reaction, Reaction2, Reaction3, ReactionContent};
use hostile_names_that_collide::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Every field set to a distinct value.
fn full_reaction() -> Reaction {
    Reaction {
        plus_1: 1,
        minus_1: -1,
        _2fa: Some(true),
        created_at: Some("snake created".into()),
        created_at_2: Some("camel created".into()),
        foo_bar_2: Some("kebab foo".into()),
        foo_bar: Some("snake foo".into()),
        field: Some("empty key".into()),
        at_type: Some("at type".into()),
        cafe: Some("accented".into()),
        content: Some(ReactionContent::HelloWorld),
    }
}

const FULL_REACTION_JSON: &str = r#"{"+1":1,"-1":-1,"2fa":true,"created_at":"snake created","createdAt":"camel created","foo-bar":"kebab foo","foo_bar":"snake foo","":"empty key","@type":"at type","café":"accented","content":"hello world"}"#;

#[test]
fn reaction_serializes_to_exactly_the_spec_keys() {
    let text = serde_json::to_string(&full_reaction()).unwrap();
    assert_eq!(text, FULL_REACTION_JSON);
    let value: Value = serde_json::from_str(&text).unwrap();
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut expected = [
        "+1",
        "-1",
        "2fa",
        "created_at",
        "createdAt",
        "foo-bar",
        "foo_bar",
        "",
        "@type",
        "café",
        "content",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
}

#[test]
fn reaction_round_trips_each_value_to_its_own_field() {
    let decoded: Reaction = serde_json::from_str(FULL_REACTION_JSON).unwrap();
    assert_eq!(decoded, full_reaction());
    // Field by field, so a swap of two colliding names cannot hide.
    assert_eq!(decoded.plus_1, 1);
    assert_eq!(decoded.minus_1, -1);
    assert_eq!(decoded._2fa, Some(true));
    assert_eq!(decoded.created_at.as_deref(), Some("snake created"));
    assert_eq!(decoded.created_at_2.as_deref(), Some("camel created"));
    assert_eq!(decoded.foo_bar_2.as_deref(), Some("kebab foo"));
    assert_eq!(decoded.foo_bar.as_deref(), Some("snake foo"));
    assert_eq!(decoded.field.as_deref(), Some("empty key"));
    assert_eq!(decoded.at_type.as_deref(), Some("at type"));
    assert_eq!(decoded.cafe.as_deref(), Some("accented"));
    assert_eq!(decoded.content, Some(ReactionContent::HelloWorld));
}

#[test]
fn reaction_decodes_keys_in_any_order_and_escaped_unicode() {
    let decoded: Reaction = serde_json::from_str(
        r#"{"caf\u00e9":"accented","content":"hello world","@type":"at type","":"empty key",
            "foo_bar":"snake foo","foo-bar":"kebab foo","createdAt":"camel created",
            "created_at":"snake created","2fa":true,"-1":-1,"+1":1}"#,
    )
    .unwrap();
    assert_eq!(decoded, full_reaction());
}

#[test]
fn reaction_requires_plus_1_and_minus_1_and_omits_unset_optionals() {
    let minimal = Reaction {
        plus_1: 0,
        minus_1: 5,
        _2fa: None,
        created_at: None,
        created_at_2: None,
        foo_bar_2: None,
        foo_bar: None,
        field: None,
        at_type: None,
        cafe: None,
        content: None,
    };
    assert_eq!(
        serde_json::to_string(&minimal).unwrap(),
        r#"{"+1":0,"-1":5}"#
    );
    assert_eq!(
        serde_json::from_str::<Reaction>(r#"{"-1":5}"#)
            .unwrap_err()
            .to_string(),
        "missing field `+1` at line 1 column 8"
    );
    assert_eq!(
        serde_json::from_str::<Reaction>(r#"{"+1":0}"#)
            .unwrap_err()
            .to_string(),
        "missing field `-1` at line 1 column 8"
    );
}

/// Every listed variant with its exact wire string.
fn variants() -> Vec<(ReactionContent, &'static str)> {
    vec![
        (ReactionContent::Plus1, "+1"),
        (ReactionContent::Minus1, "-1"),
        (ReactionContent::Laugh, "laugh"),
        (ReactionContent::Confused, "confused"),
        (ReactionContent::Empty, ""),
        (ReactionContent::A, "A"),
        (ReactionContent::A2, "a"),
        (ReactionContent::_1, "1"),
        (ReactionContent::HelloWorld, "hello world"),
        (ReactionContent::SnakeCase2, "snake_case"),
        (ReactionContent::SnakeCase, "SnakeCase"),
    ]
}

#[test]
fn every_reaction_content_maps_to_its_exact_wire_string() {
    let all = variants();
    assert_eq!(all.len(), 11);
    for (variant, wire) in all {
        let json = serde_json::to_string(&variant).unwrap();
        assert_eq!(json, serde_json::to_string(wire).unwrap());
        assert_eq!(variant.as_str(), wire);
        assert_eq!(variant.to_string(), wire);
        let decoded: ReactionContent = serde_json::from_str(&json).unwrap();
        assert_eq!(decoded, variant, "{json}");
    }
    // The exact JSON texts of the ones that collide as identifiers.
    assert_eq!(
        serde_json::to_string(&ReactionContent::Plus1).unwrap(),
        r#""+1""#
    );
    assert_eq!(
        serde_json::to_string(&ReactionContent::Minus1).unwrap(),
        r#""-1""#
    );
    assert_eq!(
        serde_json::to_string(&ReactionContent::Empty).unwrap(),
        r#""""#
    );
    assert_eq!(
        serde_json::to_string(&ReactionContent::A).unwrap(),
        r#""A""#
    );
    assert_eq!(
        serde_json::to_string(&ReactionContent::A2).unwrap(),
        r#""a""#
    );
    assert_eq!(
        serde_json::to_string(&ReactionContent::_1).unwrap(),
        r#""1""#
    );
    assert_eq!(
        serde_json::to_string(&ReactionContent::HelloWorld).unwrap(),
        r#""hello world""#
    );
    assert_eq!(
        serde_json::to_string(&ReactionContent::SnakeCase2).unwrap(),
        r#""snake_case""#
    );
    assert_eq!(
        serde_json::to_string(&ReactionContent::SnakeCase).unwrap(),
        r#""SnakeCase""#
    );
}

#[test]
fn an_unknown_content_is_kept_and_sent_back_as_it_came() {
    let decoded: ReactionContent = serde_json::from_str(r#""heart""#).unwrap();
    assert_eq!(decoded, ReactionContent::Unknown("heart".to_owned()));
    assert_eq!(decoded.as_str(), "heart");
    assert_eq!(serde_json::to_string(&decoded).unwrap(), r#""heart""#);
    // Near misses of listed values are unknown too, not folded onto them.
    for wire in [
        "Hello World",
        "hello_world",
        "snake-case",
        " ",
        "+1 ",
        "SNAKECASE",
    ] {
        let json = serde_json::to_string(wire).unwrap();
        let decoded: ReactionContent = serde_json::from_str(&json).unwrap();
        assert_eq!(decoded, ReactionContent::Unknown(wire.to_owned()));
        assert_eq!(serde_json::to_string(&decoded).unwrap(), json);
    }
    // Only strings: a number is a decode error.
    assert!(serde_json::from_str::<ReactionContent>("1").is_err());
}

#[test]
fn an_unknown_content_inside_a_reaction_round_trips() {
    let decoded: Reaction = serde_json::from_str(r#"{"+1":3,"-1":4,"content":"heart"}"#).unwrap();
    assert_eq!(
        decoded.content,
        Some(ReactionContent::Unknown("heart".to_owned()))
    );
    assert_eq!(
        serde_json::to_string(&decoded).unwrap(),
        r#"{"+1":3,"-1":4,"content":"heart"}"#
    );
}

#[test]
fn the_colliding_schemas_are_distinct_types() {
    assert_eq!(
        serde_json::to_string(&Reaction2 {
            kind: Some("k".into())
        })
        .unwrap(),
        r#"{"kind":"k"}"#
    );
    assert_eq!(
        serde_json::to_string(&Reaction3 {
            other: Some("o".into())
        })
        .unwrap(),
        r#"{"other":"o"}"#
    );
}

#[tokio::test]
async fn get_reactions_is_get_on_reactions() {
    let server = MockServer::start().await;
    let listed: Value =
        serde_json::from_str(&format!("[{FULL_REACTION_JSON},{{\"+1\":0,\"-1\":0}}]")).unwrap();
    Mock::given(method("GET"))
        .and(path("/reactions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(listed))
        .expect(1)
        .mount(&server)
        .await;
    let reply = Client::new(server.uri()).get_reactions().await.unwrap();
    assert_eq!(reply.len(), 2);
    assert_eq!(reply[0], full_reaction());
    assert_eq!(reply[1].plus_1, 0);
    assert_eq!(reply[1].content, None);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/reactions");
    assert_eq!(requests[0].url.query(), None);
    assert!(requests[0].body.is_empty());
    server.verify().await;
}

#[tokio::test]
async fn post_reactions_is_post_on_reactions_with_the_lowercase_schema() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/reactions"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    Client::new(server.uri())
        .post_reactions(&Reaction2 {
            kind: Some("laugh".into()),
        })
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/reactions");
    assert_eq!(
        requests[0].headers.get("content-type").unwrap(),
        "application/json"
    );
    assert_eq!(&requests[0].body[..], br#"{"kind":"laugh"}"#);
    server.verify().await;
}

#[tokio::test]
async fn get_a_reaction_by_id_is_get_on_reactions_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/reactions/-9007199254740993"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(FULL_REACTION_JSON, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let reply = Client::new(server.uri())
        .get_a_reaction_by_id_unicode_punctuation(-9_007_199_254_740_993)
        .await
        .unwrap();
    assert_eq!(reply, full_reaction());
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/reactions/-9007199254740993");
    server.verify().await;
}

#[tokio::test]
async fn the_three_operations_hit_three_distinct_routes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/reactions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/reactions"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/reactions/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"+1": 7, "-1": 0})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    assert_eq!(client.get_reactions().await.unwrap(), []);
    client.post_reactions(&Reaction2::default()).await.unwrap();
    let one = client
        .get_a_reaction_by_id_unicode_punctuation(7)
        .await
        .unwrap();
    assert_eq!(one.plus_1, 7);
    let seen: Vec<(String, String)> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| (request.method.to_string(), request.url.path().to_owned()))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET".to_owned(), "/reactions".to_owned()),
            ("POST".to_owned(), "/reactions".to_owned()),
            ("GET".to_owned(), "/reactions/7".to_owned()),
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn a_reaction_missing_a_required_key_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"+1":1}"#))
        .mount(&server)
        .await;
    let error = Client::new(server.uri())
        .get_a_reaction_by_id_unicode_punctuation(1)
        .await
        .unwrap_err();
    match error {
        Error::Decode {
            status,
            body,
            source,
        } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(&body[..], br#"{"+1":1}"#);
            assert_eq!(source.to_string(), "missing field `-1` at line 1 column 8");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
