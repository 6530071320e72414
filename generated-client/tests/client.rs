//! Hand-written tests of the generated Eden client, against a real HTTP
//! server on loopback (wiremock). They pin exact wire values: the JSON body
//! sent, the headers, the decoded responses and the errors.

use eden_client::{Client, Error, Server, ValidationError, Violation, types::*};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A distinctive key, so that any leak of it is easy to find.
const API_KEY: &str = "sk-eden-SECRET-0123456789abcdef";

type Reply = Result<InteractWithSessionResponse, Error<InteractWithSessionError>>;

/// A server answering every `POST /v2/sessions` with `response`, which must
/// be called exactly once.
async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// A server that must not receive any request.
async fn server_expecting_nothing() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"session_id": "never"})))
        .expect(0)
        .mount(&server)
        .await;
    server
}

fn client_for(server: &MockServer) -> Client {
    Client::new()
        .with_base_url(server.uri())
        .with_api_key(API_KEY)
}

fn ok_response() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"session_id": "abc"}))
}

/// The single request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

async fn only_body(server: &MockServer) -> Value {
    let request = only_request(server).await;
    serde_json::from_slice(&request.body).unwrap()
}

async fn assert_no_requests(server: &MockServer) {
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
    server.verify().await;
}

/// Sends `request` to a server that answers 200 and returns the JSON body it got.
async fn body_sent_for(request: &InteractWithSessionRequest) -> Value {
    let server = server_answering(ok_response()).await;
    let reply = client_for(&server)
        .interact_with_session(request)
        .await
        .unwrap();
    assert_eq!(
        reply,
        InteractWithSessionResponse {
            session_id: "abc".into()
        }
    );
    only_body(&server).await
}

/// Sends `request`, expects it refused by validation before any I/O, and
/// returns the validation error.
async fn refused(request: &InteractWithSessionRequest) -> ValidationError {
    let server = server_expecting_nothing().await;
    let error = client_for(&server)
        .interact_with_session(request)
        .await
        .unwrap_err();
    assert_no_requests(&server).await;
    let Error::Validation(validation) = error else {
        panic!("expected Error::Validation, got {error:?}");
    };
    // The client refuses exactly what `validate()` refuses.
    assert_eq!(request.validate(), Err(validation.clone()));
    validation
}

fn with_manna(manna_budget: f64) -> InteractWithSessionRequest {
    InteractWithSessionRequest {
        budget: Some(InteractWithSessionBudget {
            manna_budget: Some(manna_budget),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn with_reply_interval(reply_interval: f64) -> InteractWithSessionRequest {
    InteractWithSessionRequest {
        autonomy_settings: Some(InteractWithSessionAutonomySettings {
            auto_reply: false,
            reply_interval,
            actor_selection_method: InteractWithSessionActorSelectionMethod::Random,
        }),
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------
// 1. The request body.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn body_has_set_optionals_nested_objects_and_enum_wire_value_and_omits_unset_ones() {
    let request = InteractWithSessionRequest {
        session_id: Some("sess-42".into()),
        content: Some("Draw a lighthouse at dusk".into()),
        attachments: Some(vec!["https://example.com/a.png".into()]),
        stream: None,
        thinking: Some(false),
        agent_ids: None,
        scenario: None,
        budget: Some(InteractWithSessionBudget {
            manna_budget: Some(250.0),
            token_budget: None,
            turn_budget: Some(3.0),
        }),
        title: None,
        autonomy_settings: Some(InteractWithSessionAutonomySettings {
            auto_reply: true,
            reply_interval: 30.5,
            actor_selection_method: InteractWithSessionActorSelectionMethod::RandomExcludeLast,
        }),
        extras: Some(InteractWithSessionExtras {
            exclude_memory: Some(true),
        }),
    };
    let server = server_answering(ok_response()).await;
    client_for(&server)
        .interact_with_session(&request)
        .await
        .unwrap();
    let received = only_request(&server).await;
    let body: Value = serde_json::from_slice(&received.body).unwrap();
    assert_eq!(
        body,
        json!({
            "session_id": "sess-42",
            "content": "Draw a lighthouse at dusk",
            "attachments": ["https://example.com/a.png"],
            "thinking": false,
            "budget": {"manna_budget": 250.0, "turn_budget": 3.0},
            "autonomy_settings": {
                "auto_reply": true,
                "reply_interval": 30.5,
                "actor_selection_method": "random_exclude_last"
            },
            "extras": {"exclude_memory": true}
        })
    );
    // The exact bytes on the wire: compact, in declaration order, no nulls.
    assert_eq!(
        std::str::from_utf8(&received.body).unwrap(),
        r#"{"session_id":"sess-42","content":"Draw a lighthouse at dusk","attachments":["https://example.com/a.png"],"thinking":false,"budget":{"manna_budget":250.0,"turn_budget":3.0},"autonomy_settings":{"auto_reply":true,"reply_interval":30.5,"actor_selection_method":"random_exclude_last"},"extras":{"exclude_memory":true}}"#
    );
}

#[tokio::test]
async fn body_of_the_other_optionals_and_the_other_enum_value() {
    let request = InteractWithSessionRequest {
        stream: Some(true),
        agent_ids: Some(vec!["agent-1".into(), "agent-2".into()]),
        scenario: Some("a quiet harbour".into()),
        title: Some("Lighthouses".into()),
        budget: Some(InteractWithSessionBudget {
            token_budget: Some(5000.0),
            ..Default::default()
        }),
        autonomy_settings: Some(InteractWithSessionAutonomySettings {
            auto_reply: false,
            reply_interval: 60.0,
            actor_selection_method: InteractWithSessionActorSelectionMethod::Random,
        }),
        extras: Some(InteractWithSessionExtras::default()),
        ..Default::default()
    };
    assert_eq!(
        body_sent_for(&request).await,
        json!({
            "stream": true,
            "agent_ids": ["agent-1", "agent-2"],
            "scenario": "a quiet harbour",
            "budget": {"token_budget": 5000.0},
            "title": "Lighthouses",
            "autonomy_settings": {
                "auto_reply": false,
                "reply_interval": 60.0,
                "actor_selection_method": "random"
            },
            "extras": {}
        })
    );
}

#[tokio::test]
async fn an_empty_request_sends_an_empty_object() {
    assert_eq!(
        body_sent_for(&InteractWithSessionRequest::default()).await,
        json!({})
    );
}

#[test]
fn actor_selection_method_wire_values() {
    use InteractWithSessionActorSelectionMethod::*;
    assert_eq!(Random.as_str(), "random");
    assert_eq!(RandomExcludeLast.as_str(), "random_exclude_last");
    assert_eq!(RandomExcludeLast.to_string(), "random_exclude_last");
    assert_eq!(
        serde_json::to_value(RandomExcludeLast).unwrap(),
        json!("random_exclude_last")
    );
    assert_eq!(
        serde_json::from_value::<InteractWithSessionActorSelectionMethod>(json!("random")).unwrap(),
        Random
    );
    assert!(
        serde_json::from_value::<InteractWithSessionActorSelectionMethod>(json!("first")).is_err()
    );
}

// ---------------------------------------------------------------------------
// 2. Method, path and headers.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn sends_a_json_post_to_v2_sessions_with_the_api_key() {
    let server = server_answering(ok_response()).await;
    client_for(&server)
        .interact_with_session(&InteractWithSessionRequest::default())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v2/sessions");
    assert_eq!(request.url.query(), None);
    assert_eq!(request.headers.get("x-api-key").unwrap(), API_KEY);
    assert_eq!(
        request.headers.get_all("x-api-key").iter().count(),
        1,
        "the key is sent once"
    );
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/json"
    );
}

#[tokio::test]
async fn no_api_key_header_without_a_configured_key() {
    let server = server_answering(ok_response()).await;
    Client::new()
        .with_base_url(server.uri())
        .interact_with_session(&InteractWithSessionRequest::default())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v2/sessions");
    assert!(request.headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn the_last_configured_api_key_wins() {
    let server = server_answering(ok_response()).await;
    client_for(&server)
        .with_api_key("second-key")
        .interact_with_session(&InteractWithSessionRequest::default())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.headers.get("x-api-key").unwrap(), "second-key");
    assert_eq!(request.headers.get_all("x-api-key").iter().count(), 1);
}

#[tokio::test]
async fn an_api_key_that_is_no_header_value_is_refused_before_sending() {
    let server = server_expecting_nothing().await;
    let key = format!("{API_KEY}\r\nX-Injected: 1");
    let error = Client::new()
        .with_base_url(server.uri())
        .with_api_key(key.clone())
        .interact_with_session(&InteractWithSessionRequest::default())
        .await
        .unwrap_err();
    assert_no_requests(&server).await;
    let Error::InvalidHeader { name } = error else {
        panic!("expected Error::InvalidHeader, got {error:?}");
    };
    assert_eq!(name, "X-Api-Key");
    assert_eq!(
        error.to_string(),
        "the value of the X-Api-Key header is not a valid header value"
    );
    assert!(!error.to_string().contains(API_KEY));
    assert!(!format!("{error:?}").contains(API_KEY));
}

// ---------------------------------------------------------------------------
// 3. The 200 response.
// ---------------------------------------------------------------------------

async fn reply_to(response: ResponseTemplate) -> Reply {
    let server = server_answering(response).await;
    let reply = client_for(&server)
        .interact_with_session(&InteractWithSessionRequest::default())
        .await;
    server.verify().await;
    reply
}

fn abc() -> InteractWithSessionResponse {
    InteractWithSessionResponse {
        session_id: "abc".into(),
    }
}

#[tokio::test]
async fn ok_with_application_json_decodes() {
    let reply = reply_to(
        ResponseTemplate::new(200).set_body_raw(r#"{"session_id":"abc"}"#, "application/json"),
    )
    .await;
    assert_eq!(reply.unwrap(), abc());
}

#[tokio::test]
async fn ok_with_octet_stream_content_type_still_decodes_as_json() {
    let reply = reply_to(
        ResponseTemplate::new(200)
            .set_body_raw(r#"{"session_id":"abc"}"#, "application/octet-stream"),
    )
    .await;
    assert_eq!(reply.unwrap(), abc());
}

#[tokio::test]
async fn ok_with_text_plain_content_type_still_decodes_as_json() {
    let reply =
        reply_to(ResponseTemplate::new(200).set_body_string(r#"{"session_id":"abc"}"#)).await;
    assert_eq!(reply.unwrap(), abc());
}

#[tokio::test]
async fn ok_without_content_type_still_decodes_as_json() {
    // `set_body_bytes` sets no content-type header at all; the plain reqwest
    // probe below checks that, then the client makes the second request.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(
            ResponseTemplate::new(200).set_body_bytes(br#"{"session_id":"abc"}"#.to_vec()),
        )
        .expect(2)
        .mount(&server)
        .await;
    let probe = reqwest::Client::new()
        .post(format!("{}/v2/sessions", server.uri()))
        .send()
        .await
        .unwrap();
    assert!(
        probe.headers().get("content-type").is_none(),
        "the test server must send no content-type"
    );
    assert_eq!(
        &probe.bytes().await.unwrap()[..],
        br#"{"session_id":"abc"}"#
    );
    let reply = client_for(&server)
        .interact_with_session(&InteractWithSessionRequest::default())
        .await;
    assert_eq!(reply.unwrap(), abc());
    server.verify().await;
}

#[tokio::test]
async fn ok_ignores_unknown_fields() {
    let reply = reply_to(
        ResponseTemplate::new(200)
            .set_body_json(json!({"session_id": "abc", "created": true, "extra": [1, 2]})),
    )
    .await;
    assert_eq!(reply.unwrap(), abc());
}

// ---------------------------------------------------------------------------
// 4. Documented error responses.
// ---------------------------------------------------------------------------

fn api_error(reply: Reply) -> (InteractWithSessionError, String) {
    let error = reply.unwrap_err();
    let display = error.to_string();
    assert!(!display.contains(API_KEY));
    match error {
        Error::Api(api) => (api, display),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn status_400_is_bad_request() {
    let (error, display) = api_error(
        reply_to(
            ResponseTemplate::new(400)
                .set_body_raw(r#"{"message":"content or attachments required"}"#, "*/*"),
        )
        .await,
    );
    assert_eq!(
        error,
        InteractWithSessionError::BadRequest(InteractWithSessionBadRequest {
            message: Some("content or attachments required".into())
        })
    );
    assert_eq!(display, "the server answered 400 Bad Request");
}

#[tokio::test]
async fn status_400_without_a_message_is_bad_request_with_none() {
    let (error, _) = api_error(reply_to(ResponseTemplate::new(400).set_body_json(json!({}))).await);
    assert_eq!(
        error,
        InteractWithSessionError::BadRequest(InteractWithSessionBadRequest { message: None })
    );
}

#[tokio::test]
async fn status_401_is_unauthorized() {
    let (error, display) = api_error(
        reply_to(ResponseTemplate::new(401).set_body_json(json!({"message": "Invalid API key"})))
            .await,
    );
    assert_eq!(
        error,
        InteractWithSessionError::Unauthorized(InteractWithSessionUnauthorized {
            message: Some("Invalid API key".into())
        })
    );
    assert_eq!(display, "the server answered 401 Unauthorized");
}

#[tokio::test]
async fn status_404_is_not_found() {
    let (error, display) = api_error(
        reply_to(
            ResponseTemplate::new(404)
                .set_body_raw(r#"{"message":"Session not found"}"#, "text/plain"),
        )
        .await,
    );
    assert_eq!(
        error,
        InteractWithSessionError::NotFound(InteractWithSessionNotFound {
            message: Some("Session not found".into())
        })
    );
    assert_eq!(display, "the server answered 404 Not Found");
}

#[tokio::test]
async fn status_500_is_internal_server_error_with_any_json_error() {
    let (error, display) = api_error(
        reply_to(
            ResponseTemplate::new(500)
                .set_body_json(json!({"error": {"code": 7}, "message": "boom"})),
        )
        .await,
    );
    assert_eq!(
        error,
        InteractWithSessionError::InternalServerError(InteractWithSessionInternalServerError {
            error: Some(json!({"code": 7})),
            message: Some("boom".into()),
        })
    );
    assert_eq!(display, "the server answered 500 Internal Server Error");
}

#[tokio::test]
async fn status_500_error_may_be_any_json_value() {
    for (error_value, expected) in [
        (json!("text"), json!("text")),
        (json!([1, "two", null]), json!([1, "two", null])),
        (json!(3.5), json!(3.5)),
        (json!(false), json!(false)),
    ] {
        let (error, _) = api_error(
            reply_to(ResponseTemplate::new(500).set_body_json(json!({"error": error_value}))).await,
        );
        assert_eq!(
            error,
            InteractWithSessionError::InternalServerError(InteractWithSessionInternalServerError {
                error: Some(expected),
                message: None,
            })
        );
    }
}

#[tokio::test]
async fn documented_status_with_a_body_of_the_wrong_shape_is_a_decode_error() {
    let error = reply_to(ResponseTemplate::new(401).set_body_string("Unauthorized"))
        .await
        .unwrap_err();
    let Error::Decode { status, body, .. } = &error else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(*status, reqwest::StatusCode::UNAUTHORIZED);
    assert_eq!(&body[..], b"Unauthorized");
}

// ---------------------------------------------------------------------------
// 5. Undocumented statuses.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn status_503_is_unexpected_status_with_the_raw_body() {
    let raw: &[u8] = b"<html>\xffupstream down</html>";
    let error = reply_to(ResponseTemplate::new(503).set_body_raw(raw.to_vec(), "text/html"))
        .await
        .unwrap_err();
    let display = error.to_string();
    let Error::UnexpectedStatus { status, body } = error else {
        panic!("expected Error::UnexpectedStatus, got {error:?}");
    };
    assert_eq!(status, reqwest::StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(status.as_u16(), 503);
    assert_eq!(&body[..], raw);
    assert_eq!(
        display,
        "the server answered with an undocumented status 503 Service Unavailable"
    );
}

#[tokio::test]
async fn status_503_with_an_empty_body_keeps_the_empty_body() {
    let error = reply_to(ResponseTemplate::new(503)).await.unwrap_err();
    let Error::UnexpectedStatus { status, body } = error else {
        panic!("expected Error::UnexpectedStatus, got {error:?}");
    };
    assert_eq!(status.as_u16(), 503);
    assert!(body.is_empty());
}

#[tokio::test]
async fn undocumented_client_error_status_is_unexpected_status() {
    let error = reply_to(ResponseTemplate::new(429).set_body_json(json!({"message": "slow"})))
        .await
        .unwrap_err();
    let Error::UnexpectedStatus { status, body } = error else {
        panic!("expected Error::UnexpectedStatus, got {error:?}");
    };
    assert_eq!(status.as_u16(), 429);
    assert_eq!(&body[..], br#"{"message":"slow"}"#);
}

// ---------------------------------------------------------------------------
// 6. Malformed 200 bodies.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn malformed_json_on_200_is_a_decode_error_with_the_raw_body() {
    let raw = r#"{"session_id": "abc""#;
    let error = reply_to(ResponseTemplate::new(200).set_body_raw(raw, "application/json"))
        .await
        .unwrap_err();
    let display = error.to_string();
    let Error::Decode {
        status,
        body,
        source,
    } = error
    else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(&body[..], raw.as_bytes());
    assert_eq!(
        source.to_string(),
        "EOF while parsing an object at line 1 column 20"
    );
    assert_eq!(
        display,
        "the 200 OK response body could not be decoded: EOF while parsing an object at line 1 column 20"
    );
}

#[tokio::test]
async fn a_200_without_the_required_session_id_is_a_decode_error() {
    let error = reply_to(ResponseTemplate::new(200).set_body_json(json!({"id": "abc"})))
        .await
        .unwrap_err();
    let Error::Decode {
        status,
        body,
        source,
    } = error
    else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(status.as_u16(), 200);
    assert_eq!(&body[..], br#"{"id":"abc"}"#);
    assert_eq!(
        source.to_string(),
        "missing field `session_id` at line 1 column 12"
    );
}

#[tokio::test]
async fn a_200_with_an_empty_body_is_a_decode_error() {
    let error = reply_to(ResponseTemplate::new(200)).await.unwrap_err();
    let Error::Decode { status, body, .. } = error else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(status.as_u16(), 200);
    assert!(body.is_empty());
}

// ---------------------------------------------------------------------------
// 7. Validation before any I/O.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn manna_budget_below_minimum_is_refused() {
    let error = refused(&with_manna(99.0)).await;
    assert_eq!(
        error.to_string(),
        "budget.manna_budget: 99 is below the minimum 100"
    );
    assert_eq!(error.path(), "budget.manna_budget");
    assert_eq!(
        error.violation(),
        &Violation::Minimum {
            value: "99".into(),
            minimum: "100".into(),
            exclusive: false
        }
    );
}

#[tokio::test]
async fn manna_budget_above_maximum_is_refused() {
    let error = refused(&with_manna(50001.0)).await;
    assert_eq!(
        error.to_string(),
        "budget.manna_budget: 50001 is above the maximum 50000"
    );
    assert_eq!(error.path(), "budget.manna_budget");
    assert_eq!(
        error.violation(),
        &Violation::Maximum {
            value: "50001".into(),
            maximum: "50000".into(),
            exclusive: false
        }
    );
}

#[tokio::test]
async fn fractional_manna_budget_just_below_minimum_is_refused() {
    let error = refused(&with_manna(99.5)).await;
    assert_eq!(
        error.to_string(),
        "budget.manna_budget: 99.5 is below the minimum 100"
    );
}

#[tokio::test]
async fn nan_manna_budget_is_refused() {
    let error = refused(&with_manna(f64::NAN)).await;
    assert_eq!(error.path(), "budget.manna_budget");
    assert_eq!(error.violation(), &Violation::NotANumber);
    assert_eq!(
        error.to_string(),
        "budget.manna_budget: NaN is not a number"
    );
}

#[tokio::test]
async fn infinite_manna_budget_is_refused() {
    let error = refused(&with_manna(f64::INFINITY)).await;
    assert_eq!(
        error.to_string(),
        "budget.manna_budget: inf is above the maximum 50000"
    );
    let error = refused(&with_manna(f64::NEG_INFINITY)).await;
    assert_eq!(
        error.to_string(),
        "budget.manna_budget: -inf is below the minimum 100"
    );
}

#[tokio::test]
async fn token_and_turn_budget_bounds_are_refused() {
    let error = refused(&InteractWithSessionRequest {
        budget: Some(InteractWithSessionBudget {
            token_budget: Some(999.0),
            ..Default::default()
        }),
        ..Default::default()
    })
    .await;
    assert_eq!(
        error.to_string(),
        "budget.token_budget: 999 is below the minimum 1000"
    );
    let error = refused(&InteractWithSessionRequest {
        budget: Some(InteractWithSessionBudget {
            token_budget: Some(1000001.0),
            ..Default::default()
        }),
        ..Default::default()
    })
    .await;
    assert_eq!(
        error.to_string(),
        "budget.token_budget: 1000001 is above the maximum 1000000"
    );
    let error = refused(&InteractWithSessionRequest {
        budget: Some(InteractWithSessionBudget {
            turn_budget: Some(0.0),
            ..Default::default()
        }),
        ..Default::default()
    })
    .await;
    assert_eq!(
        error.to_string(),
        "budget.turn_budget: 0 is below the minimum 1"
    );
    let error = refused(&InteractWithSessionRequest {
        budget: Some(InteractWithSessionBudget {
            turn_budget: Some(1001.0),
            ..Default::default()
        }),
        ..Default::default()
    })
    .await;
    assert_eq!(error.path(), "budget.turn_budget");
    assert_eq!(
        error.to_string(),
        "budget.turn_budget: 1001 is above the maximum 1000"
    );
}

#[tokio::test]
async fn title_longer_than_1000_characters_is_refused() {
    let error = refused(&InteractWithSessionRequest {
        title: Some("t".repeat(1001)),
        ..Default::default()
    })
    .await;
    assert_eq!(
        error.to_string(),
        "title: 1001 characters are more than the maximum length 1000"
    );
    assert_eq!(error.path(), "title");
    assert_eq!(
        error.violation(),
        &Violation::MaxLength {
            length: 1001,
            max_length: 1000
        }
    );
}

#[tokio::test]
async fn scenario_longer_than_1000_characters_is_refused() {
    let error = refused(&InteractWithSessionRequest {
        scenario: Some("s".repeat(1001)),
        ..Default::default()
    })
    .await;
    assert_eq!(
        error.to_string(),
        "scenario: 1001 characters are more than the maximum length 1000"
    );
    assert_eq!(error.path(), "scenario");
    assert_eq!(
        error.violation(),
        &Violation::MaxLength {
            length: 1001,
            max_length: 1000
        }
    );
}

#[tokio::test]
async fn reply_interval_below_minimum_is_refused() {
    let error = refused(&with_reply_interval(-1.0)).await;
    assert_eq!(
        error.to_string(),
        "autonomy_settings.reply_interval: -1 is below the minimum 0"
    );
    assert_eq!(error.path(), "autonomy_settings.reply_interval");
    assert_eq!(
        error.violation(),
        &Violation::Minimum {
            value: "-1".into(),
            minimum: "0".into(),
            exclusive: false
        }
    );
}

#[tokio::test]
async fn reply_interval_above_maximum_is_refused() {
    let error = refused(&with_reply_interval(3601.0)).await;
    assert_eq!(
        error.to_string(),
        "autonomy_settings.reply_interval: 3601 is above the maximum 3600"
    );
    assert_eq!(error.path(), "autonomy_settings.reply_interval");
    assert_eq!(
        error.violation(),
        &Violation::Maximum {
            value: "3601".into(),
            maximum: "3600".into(),
            exclusive: false
        }
    );
}

#[tokio::test]
async fn nan_reply_interval_is_refused() {
    let error = refused(&with_reply_interval(f64::NAN)).await;
    assert_eq!(
        error.to_string(),
        "autonomy_settings.reply_interval: NaN is not a number"
    );
}

#[tokio::test]
async fn validation_error_display_through_error() {
    let server = server_expecting_nothing().await;
    let error = client_for(&server)
        .interact_with_session(&with_manna(99.0))
        .await
        .unwrap_err();
    assert_no_requests(&server).await;
    assert_eq!(
        error.to_string(),
        "invalid request: budget.manna_budget: 99 is below the minimum 100"
    );
    let source = std::error::Error::source(&error).unwrap();
    assert_eq!(
        source.to_string(),
        "budget.manna_budget: 99 is below the minimum 100"
    );
}

#[tokio::test]
async fn the_first_violation_in_field_order_is_reported() {
    // scenario is declared before budget, title and autonomy_settings.
    let error = refused(&InteractWithSessionRequest {
        scenario: Some("s".repeat(1001)),
        budget: Some(InteractWithSessionBudget {
            manna_budget: Some(1.0),
            ..Default::default()
        }),
        title: Some("t".repeat(2000)),
        autonomy_settings: with_reply_interval(-5.0).autonomy_settings,
        ..Default::default()
    })
    .await;
    assert_eq!(error.path(), "scenario");
}

#[tokio::test]
async fn values_exactly_at_the_bounds_are_accepted_and_sent() {
    let at_minimum = InteractWithSessionRequest {
        scenario: Some("s".repeat(1000)),
        title: Some("t".repeat(1000)),
        budget: Some(InteractWithSessionBudget {
            manna_budget: Some(100.0),
            token_budget: Some(1000.0),
            turn_budget: Some(1.0),
        }),
        autonomy_settings: Some(InteractWithSessionAutonomySettings {
            auto_reply: true,
            reply_interval: 0.0,
            actor_selection_method: InteractWithSessionActorSelectionMethod::Random,
        }),
        ..Default::default()
    };
    assert_eq!(at_minimum.validate(), Ok(()));
    assert_eq!(
        body_sent_for(&at_minimum).await,
        json!({
            "scenario": "s".repeat(1000),
            "budget": {"manna_budget": 100.0, "token_budget": 1000.0, "turn_budget": 1.0},
            "title": "t".repeat(1000),
            "autonomy_settings": {
                "auto_reply": true,
                "reply_interval": 0.0,
                "actor_selection_method": "random"
            }
        })
    );

    let at_maximum = InteractWithSessionRequest {
        budget: Some(InteractWithSessionBudget {
            manna_budget: Some(50000.0),
            token_budget: Some(1000000.0),
            turn_budget: Some(1000.0),
        }),
        autonomy_settings: Some(InteractWithSessionAutonomySettings {
            auto_reply: false,
            reply_interval: 3600.0,
            actor_selection_method: InteractWithSessionActorSelectionMethod::RandomExcludeLast,
        }),
        ..Default::default()
    };
    assert_eq!(at_maximum.validate(), Ok(()));
    assert_eq!(
        body_sent_for(&at_maximum).await,
        json!({
            "budget": {"manna_budget": 50000.0, "token_budget": 1000000.0, "turn_budget": 1000.0},
            "autonomy_settings": {
                "auto_reply": false,
                "reply_interval": 3600.0,
                "actor_selection_method": "random_exclude_last"
            }
        })
    );
}

#[tokio::test]
async fn lengths_count_characters_not_bytes() {
    // 1000 two-byte characters: 2000 bytes, but within maxLength 1000.
    let title = "é".repeat(1000);
    assert_eq!(title.len(), 2000);
    let request = InteractWithSessionRequest {
        title: Some(title.clone()),
        ..Default::default()
    };
    assert_eq!(body_sent_for(&request).await, json!({ "title": title }));

    let error = refused(&InteractWithSessionRequest {
        scenario: Some("🌊".repeat(1001)),
        ..Default::default()
    })
    .await;
    assert_eq!(
        error.violation(),
        &Violation::MaxLength {
            length: 1001,
            max_length: 1000
        }
    );
}

// ---------------------------------------------------------------------------
// 8. The API key is never printed.
// ---------------------------------------------------------------------------

#[test]
fn client_debug_redacts_the_api_key() {
    let client = Client::new().with_api_key(API_KEY);
    let debug = format!("{client:?}");
    assert!(!debug.contains(API_KEY));
    assert_eq!(
        debug,
        r#"Client { base_url: "https://api.eden.art", api_key: Some("<redacted>"), .. }"#
    );
    assert!(!format!("{client:#?}").contains(API_KEY));
    let clone = client.clone();
    assert!(!format!("{clone:?}").contains(API_KEY));
}

#[test]
fn client_debug_without_a_key() {
    assert_eq!(
        format!("{:?}", Client::new()),
        r#"Client { base_url: "https://api.eden.art", api_key: None, .. }"#
    );
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}

#[tokio::test]
async fn no_error_variant_prints_the_api_key() {
    let mut errors: Vec<Error<InteractWithSessionError>> = Vec::new();
    for (status, body) in [
        (400, json!({"message": "bad"})),
        (401, json!({"message": "unauthorized"})),
        (404, json!({"message": "missing"})),
        (500, json!({"error": {"code": 7}, "message": "boom"})),
    ] {
        errors.push(
            reply_to(ResponseTemplate::new(status).set_body_json(body))
                .await
                .unwrap_err(),
        );
    }
    errors.push(
        reply_to(ResponseTemplate::new(503).set_body_string("down"))
            .await
            .unwrap_err(),
    );
    errors.push(
        reply_to(ResponseTemplate::new(200).set_body_string("not json"))
            .await
            .unwrap_err(),
    );
    let server = server_expecting_nothing().await;
    errors.push(
        client_for(&server)
            .interact_with_session(&with_manna(99.0))
            .await
            .unwrap_err(),
    );
    errors.push(
        client_for(&server)
            .with_api_key(format!("{API_KEY}\n"))
            .interact_with_session(&InteractWithSessionRequest::default())
            .await
            .unwrap_err(),
    );
    assert_no_requests(&server).await;
    errors.push(
        Client::new()
            .with_base_url(format!("http://127.0.0.1:{}", closed_port()))
            .with_api_key(API_KEY)
            .interact_with_session(&InteractWithSessionRequest::default())
            .await
            .unwrap_err(),
    );

    let kinds: Vec<&str> = errors
        .iter()
        .map(|error| match error {
            Error::Api(InteractWithSessionError::BadRequest(_)) => "400",
            Error::Api(InteractWithSessionError::Unauthorized(_)) => "401",
            Error::Api(InteractWithSessionError::NotFound(_)) => "404",
            Error::Api(InteractWithSessionError::InternalServerError(_)) => "500",
            Error::UnexpectedStatus { .. } => "unexpected",
            Error::Decode { .. } => "decode",
            Error::Validation(_) => "validation",
            Error::InvalidHeader { .. } => "header",
            Error::Transport(_) => "transport",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "400",
            "401",
            "404",
            "500",
            "unexpected",
            "decode",
            "validation",
            "header",
            "transport"
        ]
    );
    for error in &errors {
        let display = error.to_string();
        assert!(
            !display.contains(API_KEY),
            "Display leaks the key: {display}"
        );
        let debug = format!("{error:?}");
        assert!(!debug.contains(API_KEY), "Debug leaks the key: {debug}");
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            assert!(!inner.to_string().contains(API_KEY));
            source = inner.source();
        }
    }
}

// ---------------------------------------------------------------------------
// 9. Servers and base URLs.
// ---------------------------------------------------------------------------

#[test]
fn new_and_default_use_production() {
    assert_eq!(Client::new().base_url(), "https://api.eden.art");
    assert_eq!(Client::default().base_url(), "https://api.eden.art");
    assert_eq!(Server::Production.url(), "https://api.eden.art");
}

#[test]
fn with_server_selects_each_listed_server() {
    assert_eq!(
        Client::new().with_server(Server::Staging).base_url(),
        "https://api-staging.eden.art"
    );
    assert_eq!(
        Client::new().with_server(Server::Development).base_url(),
        "http://localhost:8080"
    );
    assert_eq!(
        Client::new()
            .with_server(Server::Staging)
            .with_server(Server::Production)
            .base_url(),
        "https://api.eden.art"
    );
    assert_eq!(Server::Staging.url(), "https://api-staging.eden.art");
    assert_eq!(Server::Development.url(), "http://localhost:8080");
}

#[test]
fn with_base_url_strips_trailing_slashes() {
    assert_eq!(
        Client::new().with_base_url("http://x/").base_url(),
        "http://x"
    );
    assert_eq!(
        Client::new().with_base_url("http://x///").base_url(),
        "http://x"
    );
    assert_eq!(
        Client::new().with_base_url("http://x").base_url(),
        "http://x"
    );
    assert_eq!(
        Client::new().with_base_url("http://x/api/").base_url(),
        "http://x/api"
    );
}

#[tokio::test]
async fn a_base_url_with_a_trailing_slash_requests_the_exact_path() {
    let server = server_answering(ok_response()).await;
    let reply = Client::new()
        .with_base_url(format!("{}/", server.uri()))
        .interact_with_session(&InteractWithSessionRequest::default())
        .await;
    assert_eq!(reply.unwrap(), abc());
    assert_eq!(only_request(&server).await.url.path(), "/v2/sessions");
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_keeps_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/proxy/eden/v2/sessions"))
        .respond_with(ok_response())
        .expect(1)
        .mount(&server)
        .await;
    let reply = Client::new()
        .with_base_url(format!("{}/proxy/eden/", server.uri()))
        .interact_with_session(&InteractWithSessionRequest::default())
        .await;
    assert_eq!(reply.unwrap(), abc());
    server.verify().await;
}

#[test]
fn from_reqwest_starts_at_production_without_a_key() {
    let client = Client::from_reqwest(reqwest::Client::new());
    assert_eq!(client.base_url(), "https://api.eden.art");
    assert_eq!(
        format!("{client:?}"),
        r#"Client { base_url: "https://api.eden.art", api_key: None, .. }"#
    );
}

#[tokio::test]
async fn from_reqwest_sends_with_the_given_reqwest_client() {
    let server = server_answering(ok_response()).await;
    let http = reqwest::Client::builder()
        .user_agent("eden-client-tests/1.0")
        .build()
        .unwrap();
    let reply = Client::from_reqwest(http)
        .with_base_url(server.uri())
        .with_api_key(API_KEY)
        .interact_with_session(&InteractWithSessionRequest::default())
        .await;
    assert_eq!(reply.unwrap(), abc());
    let request = only_request(&server).await;
    assert_eq!(
        request.headers.get("user-agent").unwrap(),
        "eden-client-tests/1.0"
    );
    assert_eq!(request.headers.get("x-api-key").unwrap(), API_KEY);
}

#[tokio::test]
async fn clones_share_the_configuration() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions"))
        .respond_with(ok_response())
        .expect(2)
        .mount(&server)
        .await;
    let client = client_for(&server);
    let clone = client.clone();
    assert_eq!(clone.base_url(), client.base_url());
    client
        .interact_with_session(&InteractWithSessionRequest::default())
        .await
        .unwrap();
    clone
        .interact_with_session(&InteractWithSessionRequest::default())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.headers.get("x-api-key").unwrap(), API_KEY);
    }
}

// ---------------------------------------------------------------------------
// 10. Transport failures.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_closed_port_is_a_transport_error() {
    let port = closed_port();
    let error = Client::new()
        .with_base_url(format!("http://127.0.0.1:{port}"))
        .with_api_key(API_KEY)
        .interact_with_session(&InteractWithSessionRequest::default())
        .await
        .unwrap_err();
    let display = error.to_string();
    let Error::Transport(transport) = error else {
        panic!("expected Error::Transport, got {error:?}");
    };
    assert!(transport.is_connect(), "not a connect error: {transport:?}");
    assert_eq!(
        transport.url().map(|url| url.as_str()),
        Some(format!("http://127.0.0.1:{port}/v2/sessions").as_str())
    );
    assert!(
        display.starts_with("the request failed: "),
        "unexpected Display: {display}"
    );
    assert!(!display.contains(API_KEY));
}

// ---------------------------------------------------------------------------
// The README usage example.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn readme_usage_example() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(r#"{"session_id":"sess-1"}"#, "*/*"),
    )
    .await;

    let client = Client::new()
        .with_base_url(server.uri())
        .with_api_key("key");
    let reply = client
        .interact_with_session(&InteractWithSessionRequest {
            content: Some("Draw a lighthouse at dusk".into()),
            budget: Some(InteractWithSessionBudget {
                manna_budget: Some(500.0),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await;

    assert_eq!(
        reply.unwrap(),
        InteractWithSessionResponse {
            session_id: "sess-1".into()
        }
    );
    let request = only_request(&server).await;
    assert_eq!(request.headers.get("x-api-key").unwrap(), "key");
    assert_eq!(
        serde_json::from_slice::<Value>(&request.body).unwrap(),
        json!({
            "content": "Draw a lighthouse at dusk",
            "budget": {"manna_budget": 500.0}
        })
    );
}
