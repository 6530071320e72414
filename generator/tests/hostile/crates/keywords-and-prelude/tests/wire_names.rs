//! Schemas named after prelude types and properties named after keywords keep
//! their exact wire names, in JSON and on a real server (wiremock on loopback).

use std::collections::BTreeMap;

use hostile_keywords_and_prelude::types::{
    ClientModel, ErrorModel, MatchParams, OptionModel, ResultModel, StringModel, VecModel,
};
use hostile_keywords_and_prelude::{Client, Error, Violation};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The spec's property names of `Option`, in the spec's order.
const OPTION_KEYS: [&str; 19] = [
    "type",
    "ref",
    "self",
    "Self",
    "crate",
    "super",
    "async",
    "await",
    "fn",
    "struct",
    "enum",
    "mod",
    "where",
    "dyn",
    "try",
    "yield",
    "box",
    "union",
    "macro_rules",
];

/// Every field set, each to a value naming its field.
fn full_option() -> OptionModel {
    OptionModel {
        type_: "v-type".into(),
        ref_: "v-ref".into(),
        self_: Some("v-self".into()),
        self_2: Some("v-Self".into()),
        crate_: 42,
        super_: Some(true),
        async_: Some("v-async".into()),
        await_: Some("v-await".into()),
        fn_: Some("v-fn".into()),
        struct_: Some("v-struct".into()),
        enum_: Some("v-enum".into()),
        mod_: Some("v-mod".into()),
        where_: Some("v-where".into()),
        dyn_: Some("v-dyn".into()),
        try_: Some("v-try".into()),
        yield_: Some("v-yield".into()),
        box_: Some("v-box".into()),
        union: Some("v-union".into()),
        macro_rules: Some("v-macro_rules".into()),
    }
}

fn full_option_json() -> Value {
    json!({
        "type": "v-type",
        "ref": "v-ref",
        "self": "v-self",
        "Self": "v-Self",
        "crate": 42,
        "super": true,
        "async": "v-async",
        "await": "v-await",
        "fn": "v-fn",
        "struct": "v-struct",
        "enum": "v-enum",
        "mod": "v-mod",
        "where": "v-where",
        "dyn": "v-dyn",
        "try": "v-try",
        "yield": "v-yield",
        "box": "v-box",
        "union": "v-union",
        "macro_rules": "v-macro_rules",
    })
}

/// The top-level keys of the JSON object `text`, in the order they are
/// written (serde_json's `Map` sorts them, so this finds each in the text;
/// the values used here never look like keys).
fn keys_in_order(text: &str) -> Vec<String> {
    let map: serde_json::Map<String, Value> = serde_json::from_str(text).unwrap();
    let mut positioned: Vec<(usize, String)> = map
        .keys()
        .map(|key| {
            let needle = format!("{}:", serde_json::to_string(key).unwrap());
            (text.find(&needle).unwrap(), key.clone())
        })
        .collect();
    positioned.sort();
    positioned.into_iter().map(|(_, key)| key).collect()
}

#[test]
fn option_model_serializes_every_keyword_key_exactly() {
    let text = serde_json::to_string(&full_option()).unwrap();
    assert_eq!(keys_in_order(&text), OPTION_KEYS);
    assert_eq!(
        text,
        r#"{"type":"v-type","ref":"v-ref","self":"v-self","Self":"v-Self","crate":42,"super":true,"async":"v-async","await":"v-await","fn":"v-fn","struct":"v-struct","enum":"v-enum","mod":"v-mod","where":"v-where","dyn":"v-dyn","try":"v-try","yield":"v-yield","box":"v-box","union":"v-union","macro_rules":"v-macro_rules"}"#
    );
    assert_eq!(
        serde_json::to_value(full_option()).unwrap(),
        full_option_json()
    );
}

#[test]
fn option_model_round_trips() {
    let decoded: OptionModel = serde_json::from_value(full_option_json()).unwrap();
    assert_eq!(decoded, full_option());
    let text = serde_json::to_string(&full_option()).unwrap();
    assert_eq!(
        serde_json::from_str::<OptionModel>(&text).unwrap(),
        full_option()
    );
}

#[test]
fn self_and_capital_self_are_distinct_fields() {
    let decoded: OptionModel = serde_json::from_value(json!({
        "type": "t", "ref": "r", "crate": 0, "self": "lower", "Self": "upper",
    }))
    .unwrap();
    assert_eq!(decoded.self_.as_deref(), Some("lower"));
    assert_eq!(decoded.self_2.as_deref(), Some("upper"));
}

#[test]
fn option_model_minimal_sends_only_the_required_keys() {
    let minimal = OptionModel {
        type_: "t".into(),
        ref_: "r".into(),
        self_: None,
        self_2: None,
        crate_: -1,
        super_: None,
        async_: None,
        await_: None,
        fn_: None,
        struct_: None,
        enum_: None,
        mod_: None,
        where_: None,
        dyn_: None,
        try_: None,
        yield_: None,
        box_: None,
        union: None,
        macro_rules: None,
    };
    assert_eq!(
        serde_json::to_string(&minimal).unwrap(),
        r#"{"type":"t","ref":"r","crate":-1}"#
    );
    // A required keyword key missing is a decode error.
    for missing in ["type", "ref", "crate"] {
        let mut value = json!({"type": "t", "ref": "r", "crate": 1});
        value.as_object_mut().unwrap().remove(missing);
        let error = serde_json::from_value::<OptionModel>(value).unwrap_err();
        assert_eq!(error.to_string(), format!("missing field `{missing}`"));
    }
}

#[test]
fn vec_model_values_are_a_and_b() {
    assert_eq!(serde_json::to_string(&VecModel::A).unwrap(), r#""a""#);
    assert_eq!(serde_json::to_string(&VecModel::B).unwrap(), r#""b""#);
    assert_eq!(
        serde_json::from_str::<VecModel>(r#""a""#).unwrap(),
        VecModel::A
    );
    assert_eq!(
        serde_json::from_str::<VecModel>(r#""b""#).unwrap(),
        VecModel::B
    );
    assert_eq!(VecModel::A.as_str(), "a");
    assert_eq!(VecModel::B.to_string(), "b");
    assert!(serde_json::from_str::<VecModel>(r#""A""#).is_err());
}

#[test]
fn string_model_uses_the_box_key() {
    let value = StringModel {
        box_: Some("boxed".into()),
    };
    assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"Box":"boxed"}"#);
    assert_eq!(
        serde_json::from_str::<StringModel>(r#"{"Box":"boxed"}"#).unwrap(),
        value
    );
    // The lower-case `box` is another key, ignored here.
    assert_eq!(
        serde_json::from_str::<StringModel>(r#"{"box":"x"}"#).unwrap(),
        StringModel { box_: None }
    );
}

#[test]
fn client_model_uses_the_default_key() {
    let value = ClientModel {
        default: Some("d".into()),
    };
    assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"Default":"d"}"#);
    assert_eq!(
        serde_json::from_str::<ClientModel>(r#"{"Default":"d"}"#).unwrap(),
        value
    );
    assert_eq!(
        serde_json::to_string(&ClientModel::default()).unwrap(),
        "{}"
    );
}

#[test]
fn error_model_uses_the_message_key() {
    let value = ErrorModel {
        message: Some("m".into()),
    };
    assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"message":"m"}"#);
    assert_eq!(
        serde_json::from_str::<ErrorModel>(r#"{"message":"m"}"#).unwrap(),
        value
    );
}

fn full_result() -> ResultModel {
    ResultModel {
        ok: Some(full_option()),
        err: Some(ErrorModel {
            message: Some("bad".into()),
        }),
        items: Some(vec![VecModel::B, VecModel::A, VecModel::B]),
        map: Some(BTreeMap::from([
            (
                "first".to_owned(),
                StringModel {
                    box_: Some("one".into()),
                },
            ),
            ("second".to_owned(), StringModel { box_: None }),
        ])),
    }
}

fn full_result_json() -> Value {
    json!({
        "ok": full_option_json(),
        "err": {"message": "bad"},
        "items": ["b", "a", "b"],
        "map": {"first": {"Box": "one"}, "second": {}},
    })
}

#[test]
fn the_result_model_serializes_and_round_trips() {
    let text = serde_json::to_string(&full_result()).unwrap();
    assert_eq!(keys_in_order(&text), ["ok", "err", "items", "map"]);
    assert_eq!(
        serde_json::to_value(full_result()).unwrap(),
        full_result_json()
    );
    assert_eq!(
        serde_json::from_value::<ResultModel>(full_result_json()).unwrap(),
        full_result()
    );
    assert_eq!(
        serde_json::from_str::<ResultModel>(&text).unwrap(),
        full_result()
    );
    assert_eq!(
        serde_json::to_string(&ResultModel::default()).unwrap(),
        "{}"
    );
}

#[tokio::test]
async fn match_sends_the_type_path_param_self_query_and_async_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/match/fn"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_option_json()))
        .expect(1)
        .mount(&server)
        .await;
    let params = MatchParams {
        self_: Some(true),
        async_: Some("await-me".into()),
    };
    let reply = Client::new(server.uri())
        .match_("fn", &params)
        .await
        .unwrap();
    assert_eq!(reply, full_option());

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.method.as_str(), "GET");
    assert_eq!(sent.url.path(), "/match/fn");
    assert_eq!(sent.url.query(), Some("self=true"));
    let pairs: Vec<(String, String)> = sent.url.query_pairs().into_owned().collect();
    assert_eq!(pairs, [("self".to_owned(), "true".to_owned())]);
    assert_eq!(sent.headers.get("async").unwrap(), "await-me");
    assert_eq!(sent.headers.get_all("async").iter().count(), 1);
    server.verify().await;
}

#[tokio::test]
async fn match_with_self_false_and_no_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "type": "t", "ref": "r", "crate": 7,
        })))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    let reply = client
        .match_(
            "enum",
            &MatchParams {
                self_: Some(false),
                async_: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(reply.crate_, 7);
    assert_eq!(reply.self_, None);
    client
        .match_("macro_rules", &MatchParams::default())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].url.path(), "/match/enum");
    assert_eq!(requests[0].url.query(), Some("self=false"));
    assert!(requests[0].headers.get("async").is_none());
    assert_eq!(requests[1].url.path(), "/match/macro_rules");
    assert_eq!(requests[1].url.query(), None);
    assert!(requests[1].headers.get("async").is_none());
    server.verify().await;
}

#[tokio::test]
async fn match_encodes_the_type_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "type": "t", "ref": "r", "crate": 1,
        })))
        .expect(1)
        .mount(&server)
        .await;
    Client::new(server.uri())
        .match_("Self/type?x#y", &MatchParams::default())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/match/Self%2Ftype%3Fx%23y");
    assert_eq!(requests[0].url.query(), None);
    server.verify().await;
}

#[tokio::test]
async fn match_refuses_a_dot_segment_and_a_bad_header_without_sending() {
    let server = MockServer::start().await;
    let client = Client::new(server.uri());
    let error = client
        .match_("..", &MatchParams::default())
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request: type: `.` and `..` cannot be sent as a path segment"
    );
    match error {
        Error::Validation(error) => {
            assert_eq!(error.path(), "type");
            assert_eq!(error.violation(), &Violation::DotSegment);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let error = client
        .match_(
            "fn",
            &MatchParams {
                self_: None,
                async_: Some("a\r\nb".into()),
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::InvalidHeader { name: "async" }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the value of the async header is not a valid header value"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn match_decode_error_keeps_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"type":"t"}"#))
        .mount(&server)
        .await;
    let error = Client::new(server.uri())
        .match_("x", &MatchParams::default())
        .await
        .unwrap_err();
    match error {
        Error::Decode { status, body, .. } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(&body[..], br#"{"type":"t"}"#);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn impl_posts_the_result_model() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/impl"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Client::new(server.uri())
        .impl_(&full_result())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/impl");
    assert_eq!(
        sent.headers.get("content-type").unwrap(),
        "application/json"
    );
    let body: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body, full_result_json());
    server.verify().await;
}

#[tokio::test]
async fn impl_undocumented_status_is_unexpected_status() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(418).set_body_string("teapot"))
        .mount(&server)
        .await;
    let error = Client::new(server.uri())
        .impl_(&ResultModel::default())
        .await
        .unwrap_err();
    match error {
        Error::UnexpectedStatus { status, body } => {
            assert_eq!(status.as_u16(), 418);
            assert_eq!(&body[..], b"teapot");
        }
        other => panic!("expected an unexpected status, got {other:?}"),
    }
    let requests = server.received_requests().await.unwrap();
    assert_eq!(&requests[0].body[..], b"{}");
}
