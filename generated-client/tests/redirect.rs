//! Redirects and the API key, against real HTTP servers on loopback
//! (wiremock): the client made by `Client::new` follows a redirect only
//! within the same origin, so the `X-Api-Key` header never reaches another
//! host; a redirect elsewhere is returned as the response.

use eden_client::types::{InteractWithSessionRequest, InteractWithSessionResponse};
use eden_client::{Client, Error};
use serde_json::json;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "secret";

fn request() -> InteractWithSessionRequest {
    InteractWithSessionRequest {
        content: Some("hello".to_owned()),
        ..InteractWithSessionRequest::default()
    }
}

fn redirect(status: u16, location: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("Location", location)
}

/// A server answering anything with 200 `{"session_id": "stolen"}`: it must
/// never be reached.
async fn other_origin() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"session_id": "stolen"})))
        .mount(&server)
        .await;
    server
}

/// Server A answering `POST /v2/sessions` with `response`, exactly once.
async fn origin_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn client_for(server: &MockServer) -> Client {
    Client::new()
        .with_base_url(server.uri())
        .with_api_key(API_KEY)
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

/// Nothing reached `server`, and in particular not the key.
async fn assert_untouched(server: &MockServer) {
    let received = requests(server).await;
    for request in &received {
        assert!(
            request.headers.get("x-api-key").is_none(),
            "the API key reached the other origin: {request:?}"
        );
    }
    assert_eq!(received.len(), 0, "the other origin was contacted");
}

fn assert_unexpected_status(
    error: Error<eden_client::types::InteractWithSessionError>,
    expected: u16,
) {
    assert_eq!(
        error.to_string(),
        format!(
            "the server answered with an undocumented status {}",
            reqwest_status(expected)
        )
    );
    match error {
        Error::UnexpectedStatus { status, body } => {
            assert_eq!(status.as_u16(), expected);
            assert!(body.is_empty(), "{body:?}");
        }
        other => panic!("expected an unexpected status, got {other:?}"),
    }
}

fn reqwest_status(code: u16) -> &'static str {
    match code {
        302 => "302 Found",
        303 => "303 See Other",
        307 => "307 Temporary Redirect",
        308 => "308 Permanent Redirect",
        301 => "301 Moved Permanently",
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn a_307_to_another_origin_is_not_followed_and_the_key_stays_home() {
    let b = other_origin().await;
    let a = origin_answering(redirect(307, &format!("{}/v2/sessions", b.uri()))).await;

    let error = client_for(&a)
        .interact_with_session(&request())
        .await
        .unwrap_err();
    assert_unexpected_status(error, 307);

    assert_untouched(&b).await;
    let sent = requests(&a).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].headers.get("x-api-key").unwrap(), API_KEY);
    a.verify().await;
}

#[tokio::test]
async fn every_redirect_status_to_another_origin_is_not_followed() {
    for status in [301, 302, 303, 307, 308] {
        let b = other_origin().await;
        let a = origin_answering(redirect(status, &format!("{}/v2/sessions", b.uri()))).await;
        let error = client_for(&a)
            .interact_with_session(&request())
            .await
            .unwrap_err();
        assert_unexpected_status(error, status);
        assert_untouched(&b).await;
        a.verify().await;
    }
}

#[tokio::test]
async fn another_host_on_the_same_port_is_another_origin() {
    // `localhost` and `127.0.0.1` reach the same server, but they are
    // different origins: the redirect must not be followed.
    let a = MockServer::start().await;
    let port = a.address().port();
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(redirect(
            307,
            &format!("http://localhost:{port}/v2/landing"),
        ))
        .expect(1)
        .mount(&a)
        .await;
    Mock::given(path("/v2/landing"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"session_id": "stolen"})))
        .expect(0)
        .mount(&a)
        .await;
    let error = client_for(&a)
        .interact_with_session(&request())
        .await
        .unwrap_err();
    assert_unexpected_status(error, 307);
    assert_eq!(requests(&a).await.len(), 1);
    a.verify().await;
}

#[tokio::test]
async fn another_scheme_is_another_origin() {
    // The same host and port over https: another origin, never contacted.
    let a = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(redirect(
            302,
            &format!("https://{}/v2/sessions", a.address()),
        ))
        .expect(1)
        .mount(&a)
        .await;
    let error = client_for(&a)
        .interact_with_session(&request())
        .await
        .unwrap_err();
    assert_unexpected_status(error, 302);
    assert_eq!(requests(&a).await.len(), 1);
    a.verify().await;
}

#[tokio::test]
async fn a_same_origin_307_is_followed_and_keeps_the_key_and_body() {
    let a = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(redirect(307, &format!("{}/v2/other", a.uri())))
        .expect(1)
        .mount(&a)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/other"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"session_id": "x"})))
        .expect(1)
        .mount(&a)
        .await;

    let reply = client_for(&a)
        .interact_with_session(&request())
        .await
        .unwrap();
    assert_eq!(
        reply,
        InteractWithSessionResponse {
            session_id: "x".to_owned()
        }
    );

    let sent = requests(&a).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].url.path(), "/v2/sessions");
    assert_eq!(sent[1].method.as_str(), "POST");
    assert_eq!(sent[1].url.path(), "/v2/other");
    assert_eq!(sent[0].headers.get("x-api-key").unwrap(), API_KEY);
    assert_eq!(sent[1].headers.get("x-api-key").unwrap(), API_KEY);
    // 307 repeats the request as it was.
    assert_eq!(&sent[1].body[..], br#"{"content":"hello"}"#);
    assert_eq!(
        sent[1].headers.get("content-type").unwrap(),
        "application/json"
    );
    a.verify().await;
}

#[tokio::test]
async fn a_same_origin_relative_location_is_followed() {
    let a = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(redirect(308, "/v2/other"))
        .expect(1)
        .mount(&a)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/other"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"session_id": "rel"})))
        .expect(1)
        .mount(&a)
        .await;
    let reply = client_for(&a)
        .interact_with_session(&request())
        .await
        .unwrap();
    assert_eq!(reply.session_id, "rel");
    let sent = requests(&a).await;
    assert_eq!(sent[1].headers.get("x-api-key").unwrap(), API_KEY);
    a.verify().await;
}

#[tokio::test]
async fn a_same_origin_303_is_followed_as_a_get_with_the_key() {
    let a = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(redirect(303, &format!("{}/v2/result", a.uri())))
        .expect(1)
        .mount(&a)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/result"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"session_id": "seen"})))
        .expect(1)
        .mount(&a)
        .await;
    let reply = client_for(&a)
        .interact_with_session(&request())
        .await
        .unwrap();
    assert_eq!(reply.session_id, "seen");
    let sent = requests(&a).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].method.as_str(), "GET");
    assert!(sent[1].body.is_empty());
    assert_eq!(sent[1].headers.get("x-api-key").unwrap(), API_KEY);
    a.verify().await;
}

#[tokio::test]
async fn a_same_origin_hop_then_another_origin_stops_at_the_second_redirect() {
    let b = other_origin().await;
    let a = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(redirect(307, &format!("{}/v2/hop", a.uri())))
        .expect(1)
        .mount(&a)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/hop"))
        .respond_with(redirect(307, &format!("{}/v2/sessions", b.uri())))
        .expect(1)
        .mount(&a)
        .await;
    let error = client_for(&a)
        .interact_with_session(&request())
        .await
        .unwrap_err();
    assert_unexpected_status(error, 307);
    assert_untouched(&b).await;
    let sent = requests(&a).await;
    assert_eq!(
        sent.iter().map(|r| r.url.path()).collect::<Vec<_>>(),
        ["/v2/sessions", "/v2/hop"]
    );
    a.verify().await;
}

#[tokio::test]
async fn a_same_origin_redirect_loop_ends_in_a_transport_error() {
    let a = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(redirect(307, "/v2/sessions"))
        .mount(&a)
        .await;
    let error = client_for(&a)
        .interact_with_session(&request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    // The policy gives up once more than 10 requests were made: the first
    // one and 10 redirects followed.
    assert_eq!(requests(&a).await.len(), 11);
}
