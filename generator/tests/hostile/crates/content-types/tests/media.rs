//! Media types beyond `application/json`, against a real server (wiremock on
//! loopback): exact bodies sent and exact values decoded.
//!
//! `POST /upload` (`multipart/form-data`) is intentionally not generated, so
//! there is nothing to test for it here.

use hostile_content_types::types::{
    GetCharsetError, GetCharsetOther, GetCharsetResponse, GetVendorError, GetVendorResponse,
    PostAnyRequest, PostAnyResponse, SubmitFormRequest,
};
use hostile_content_types::{Client, Error};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn serving(verb: &str, route: &str, response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

// --- */* ---------------------------------------------------------------------

#[tokio::test]
async fn post_any_sends_json_and_decodes_json() {
    let server = serving(
        "POST",
        "/any",
        ResponseTemplate::new(200).set_body_raw(r#"{"id":"i-1"}"#, "application/json"),
    )
    .await;
    let reply = Client::new(server.uri())
        .post_any(&PostAnyRequest {
            a: Some("x \"y\" é".to_owned()),
        })
        .await
        .unwrap();
    assert_eq!(
        reply,
        PostAnyResponse {
            id: "i-1".to_owned()
        }
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/json"
    );
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        r#"{"a":"x \"y\" é"}"#
    );
    server.verify().await;
}

#[tokio::test]
async fn post_any_decodes_json_whatever_the_response_content_type() {
    for content_type in ["*/*", "application/octet-stream", "text/plain"] {
        let server = serving(
            "POST",
            "/any",
            ResponseTemplate::new(200).set_body_raw(r#"{"id":"z"}"#, content_type),
        )
        .await;
        let reply = Client::new(server.uri())
            .post_any(&PostAnyRequest::default())
            .await
            .unwrap();
        assert_eq!(
            reply,
            PostAnyResponse { id: "z".to_owned() },
            "{content_type}"
        );
        assert_eq!(&only_request(&server).await.body[..], b"{}");
        server.verify().await;
    }
}

#[tokio::test]
async fn post_any_without_the_required_id_is_a_decode_error() {
    let server = serving(
        "POST",
        "/any",
        ResponseTemplate::new(200).set_body_raw("{}", "*/*"),
    )
    .await;
    let error = Client::new(server.uri())
        .post_any(&PostAnyRequest::default())
        .await
        .unwrap_err();
    match error {
        Error::Decode {
            status,
            body,
            source,
        } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(&body[..], b"{}");
            assert_eq!(source.to_string(), "missing field `id` at line 1 column 2");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// --- application/json; charset=utf-8, and a problem+json default -----------

#[tokio::test]
async fn get_charset_decodes_json_with_a_charset_parameter() {
    let server = serving(
        "GET",
        "/charset",
        ResponseTemplate::new(200).set_body_raw(r#"{"a":-7}"#, "application/json; charset=utf-8"),
    )
    .await;
    let reply = Client::new(server.uri()).get_charset().await.unwrap();
    assert_eq!(reply, GetCharsetResponse { a: Some(-7) });
    server.verify().await;
}

#[tokio::test]
async fn get_charset_default_problem_json_is_the_other_variant() {
    let server = serving(
        "GET",
        "/charset",
        ResponseTemplate::new(422).set_body_raw(
            r#"{"type":"https://example.com/probs/out-of-credit","title":"Out of credit","status":422}"#,
            "application/problem+json",
        ),
    )
    .await;
    let error = Client::new(server.uri()).get_charset().await.unwrap_err();
    assert_eq!(error.to_string(), "the server answered 422");
    match error {
        Error::Api(problem) => assert_eq!(
            problem,
            GetCharsetError::Other {
                status: 422,
                body: GetCharsetOther {
                    type_: Some("https://example.com/probs/out-of-credit".to_owned()),
                    title: Some("Out of credit".to_owned()),
                    status: Some(422),
                },
            }
        ),
        other => panic!("expected an API error, got {other:?}"),
    }
    server.verify().await;
}

#[tokio::test]
async fn get_charset_default_covers_every_non_2xx_status() {
    for status in [400, 404, 500, 503] {
        let server = serving(
            "GET",
            "/charset",
            ResponseTemplate::new(status).set_body_raw("{}", "application/problem+json"),
        )
        .await;
        let error = Client::new(server.uri()).get_charset().await.unwrap_err();
        assert_eq!(error.to_string(), format!("the server answered {status}"));
        assert!(
            matches!(
                error,
                Error::Api(GetCharsetError::Other { status: s, body: GetCharsetOther { type_: None, title: None, status: None } }) if s == status
            ),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn get_charset_default_that_is_not_json_is_a_decode_error() {
    let server = serving(
        "GET",
        "/charset",
        ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html"),
    )
    .await;
    let error = Client::new(server.uri()).get_charset().await.unwrap_err();
    match error {
        Error::Decode { status, body, .. } => {
            assert_eq!(status.as_u16(), 502);
            assert_eq!(&body[..], b"<html>Bad Gateway</html>");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// --- text/plain and text/event-stream ---------------------------------------

#[tokio::test]
async fn get_text_returns_the_exact_text() {
    let text = "héllo\r\nwörld ✓\n\ttabbed \"quoted\" \\ {json?}\n";
    let server = serving(
        "GET",
        "/text",
        ResponseTemplate::new(200).set_body_raw(text, "text/plain; charset=utf-8"),
    )
    .await;
    assert_eq!(Client::new(server.uri()).get_text().await.unwrap(), text);
    server.verify().await;
}

#[tokio::test]
async fn get_text_empty_body_is_the_empty_string() {
    let server = serving("GET", "/text", ResponseTemplate::new(200)).await;
    assert_eq!(Client::new(server.uri()).get_text().await.unwrap(), "");
}

#[tokio::test]
async fn get_text_that_is_not_utf8_is_a_decode_error_keeping_the_bytes() {
    let bytes = vec![b'a', 0xff, b'b'];
    let server = serving(
        "GET",
        "/text",
        ResponseTemplate::new(200).set_body_raw(bytes.clone(), "text/plain"),
    )
    .await;
    let error = Client::new(server.uri()).get_text().await.unwrap_err();
    match error {
        Error::Decode {
            status,
            body,
            source,
        } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(body.to_vec(), bytes);
            assert_eq!(
                source.to_string(),
                "invalid utf-8 sequence of 1 bytes from index 1"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn stream_events_returns_the_event_stream_text() {
    let events = "event: ping\ndata: one\n\nid: 2\ndata: two\ndata: lines\n\n";
    let server = serving(
        "GET",
        "/events",
        ResponseTemplate::new(200).set_body_raw(events, "text/event-stream"),
    )
    .await;
    assert_eq!(
        Client::new(server.uri()).stream_events().await.unwrap(),
        events
    );
    server.verify().await;
}

// --- application/octet-stream ------------------------------------------------

#[tokio::test]
async fn download_returns_the_exact_bytes() {
    let bytes: Vec<u8> = vec![0x00, 0xff, 0xfe, 0xc3, 0x28, b'\r', b'\n', 0x80, b'{', 0x00];
    let server = serving(
        "GET",
        "/download",
        ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"),
    )
    .await;
    assert_eq!(Client::new(server.uri()).download().await.unwrap(), bytes);
    server.verify().await;
}

#[tokio::test]
async fn download_of_every_byte_value() {
    let bytes: Vec<u8> = (0..=255u8).rev().chain(0..=255u8).collect();
    let server = serving(
        "GET",
        "/download",
        ResponseTemplate::new(200).set_body_bytes(bytes.clone()),
    )
    .await;
    assert_eq!(Client::new(server.uri()).download().await.unwrap(), bytes);
}

#[tokio::test]
async fn download_error_status_keeps_the_body() {
    let server = serving(
        "GET",
        "/download",
        ResponseTemplate::new(404).set_body_bytes(vec![1, 2, 3]),
    )
    .await;
    match Client::new(server.uri()).download().await.unwrap_err() {
        Error::UnexpectedStatus { status, body } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(&body[..], &[1, 2, 3]);
        }
        other => panic!("expected an unexpected status, got {other:?}"),
    }
}

// --- application/x-www-form-urlencoded ---------------------------------------

#[tokio::test]
async fn submit_form_sends_a_urlencoded_body() {
    let server = serving("POST", "/form", ResponseTemplate::new(204)).await;
    Client::new(server.uri())
        .submit_form(&SubmitFormRequest {
            name: Some("Ada Lovelace & co=1/é".to_owned()),
            count: Some(42),
        })
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/form");
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        "name=Ada+Lovelace+%26+co%3D1%2F%C3%A9&count=42"
    );
    let pairs: Vec<(String, String)> = url_decode(&request.body);
    assert_eq!(
        pairs,
        [
            ("name".to_owned(), "Ada Lovelace & co=1/é".to_owned()),
            ("count".to_owned(), "42".to_owned()),
        ]
    );
    server.verify().await;
}

/// The pairs of a form body, decoded the way a server would.
fn url_decode(body: &[u8]) -> Vec<(String, String)> {
    let url =
        wiremock::http::Url::parse(&format!("http://x/?{}", std::str::from_utf8(body).unwrap()))
            .unwrap();
    url.query_pairs().into_owned().collect()
}

#[tokio::test]
async fn submit_form_omits_unset_fields() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/form"))
        .respond_with(ResponseTemplate::new(204))
        .expect(3)
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    for form in [
        SubmitFormRequest {
            name: None,
            count: Some(-3),
        },
        SubmitFormRequest {
            name: Some(String::new()),
            count: None,
        },
        SubmitFormRequest::default(),
    ] {
        client.submit_form(&form).await.unwrap();
    }
    let bodies: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| String::from_utf8(request.body.clone()).unwrap())
        .collect();
    assert_eq!(bodies, ["count=-3", "name=", ""]);
    server.verify().await;
}

// --- application/vnd.api+json and a 404 without a body -----------------------

#[tokio::test]
async fn get_vendor_decodes_vendor_json() {
    let server = serving(
        "GET",
        "/vendor",
        ResponseTemplate::new(200).set_body_raw(
            r#"{"data":[{"id":"1","type":"articles","attributes":{"n":1.5}},{}]}"#,
            "application/vnd.api+json",
        ),
    )
    .await;
    let reply = Client::new(server.uri()).get_vendor().await.unwrap();
    let expected: GetVendorResponse = GetVendorResponse {
        data: Some(vec![
            json!({"id": "1", "type": "articles", "attributes": {"n": 1.5}})
                .as_object()
                .unwrap()
                .clone(),
            serde_json::Map::new(),
        ]),
    };
    assert_eq!(reply, expected);
    server.verify().await;
}

#[tokio::test]
async fn get_vendor_404_without_a_body_is_not_found() {
    let server = serving("GET", "/vendor", ResponseTemplate::new(404)).await;
    let error = Client::new(server.uri()).get_vendor().await.unwrap_err();
    assert_eq!(error.to_string(), "the server answered 404 Not Found");
    assert!(
        matches!(error, Error::Api(GetVendorError::NotFound)),
        "{error:?}"
    );
    server.verify().await;
}

#[tokio::test]
async fn get_vendor_404_with_a_body_is_still_not_found() {
    let server = serving(
        "GET",
        "/vendor",
        ResponseTemplate::new(404).set_body_raw("not json at all", "text/plain"),
    )
    .await;
    let error = Client::new(server.uri()).get_vendor().await.unwrap_err();
    assert!(
        matches!(error, Error::Api(GetVendorError::NotFound)),
        "{error:?}"
    );
}

#[tokio::test]
async fn get_vendor_other_status_is_unexpected() {
    let server = serving(
        "GET",
        "/vendor",
        ResponseTemplate::new(410).set_body_raw("gone", "text/plain"),
    )
    .await;
    match Client::new(server.uri()).get_vendor().await.unwrap_err() {
        Error::UnexpectedStatus { status, body } => {
            assert_eq!(status.as_u16(), 410);
            assert_eq!(&body[..], b"gone");
        }
        other => panic!("expected an unexpected status, got {other:?}"),
    }
}
