//! Names that collide with what the generator declares itself, and a
//! credential that travels in the query string.

use hostile_own_names::types::*;
use hostile_own_names::{Client, Error, Server, Violation};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn params(kind: Kind) -> GetItemsParams2 {
    GetItemsParams2 {
        body: Some("b".to_owned()),
        params: Some("p".to_owned()),
        type_: Some("t".to_owned()),
        kind,
    }
}

#[tokio::test]
async fn parameters_named_like_the_generated_code_keep_their_wire_names() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items/3"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"items":[{"kind":"huge"}]}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new()
        .with_base_url(server.uri())
        .with_api_key("s3cret key");
    let response = client.get_items(3, &params(Kind::Large)).await.unwrap();
    // An enum in a response keeps a value the spec does not list.
    assert_eq!(
        response,
        GetItemsResponse {
            items: vec![Item {
                kind: Some(Kind::Unknown("huge".to_owned()))
            }]
        }
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("body=b&params=p&kind=large&api+key=s3cret+key")
    );
    assert_eq!(requests[0].headers.get("type").unwrap(), "t");
}

#[tokio::test]
async fn a_path_parameter_out_of_bounds_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = Client::new().with_base_url(server.uri());
    for (value, expected) in [
        (0, "type: 0 is below the minimum 1"),
        (11, "type: 11 is above the maximum 10"),
    ] {
        match client.get_items(value, &params(Kind::Small)).await {
            Err(Error::Validation(error)) => assert_eq!(error.to_string(), expected),
            other => panic!("{other:?}"),
        }
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_query_credential_never_shows_in_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::new()
        .with_base_url(format!("http://127.0.0.1:{port}"))
        .with_api_key("s3cret");
    let error = client.get_items(1, &params(Kind::Small)).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!error.to_string().contains("s3cret"), "{error}");
    assert!(!format!("{error:?}").contains("s3cret"), "{error:?}");
}

#[tokio::test]
async fn a_documented_4xx_range_is_its_own_variant() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(422).set_body_string(r#"{"message":"no"}"#))
        .mount(&server)
        .await;
    let client = Client::new().with_base_url(server.uri());
    match client.get_items(1, &params(Kind::Small)).await {
        Err(Error::Api(GetItemsError2::ClientError { status, body })) => {
            assert_eq!(status, 422);
            assert_eq!(
                body,
                GetItemsError {
                    message: Some("no".to_owned())
                }
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn values_that_read_like_the_catch_all_stay_distinct() {
    for (value, wire) in [
        (PostNewStatus::Unknown2, "\"unknown\""),
        (PostNewStatus::Unknown, "\"Unknown\""),
        (PostNewStatus::Unknown3, "\"UNKNOWN\""),
    ] {
        assert_eq!(serde_json::to_string(&value).unwrap(), wire);
        assert_eq!(serde_json::from_str::<PostNewStatus>(wire).unwrap(), value);
    }
    let listed: PostNewStatus2 = serde_json::from_str("\"Unknown\"").unwrap();
    assert_eq!(listed, PostNewStatus2::Unknown);
    let unlisted: PostNewStatus2 = serde_json::from_str("\"closed\"").unwrap();
    assert_eq!(unlisted, PostNewStatus2::Unknown2("closed".to_owned()));
    assert_eq!(serde_json::to_string(&unlisted).unwrap(), "\"closed\"");
}

#[test]
fn server_urls_are_kept_as_written() {
    assert_eq!(Server::Production.url(), "https://a.example.com");
    assert_eq!(Server::Production2.url(), "https://b.example.com");
    assert_eq!(
        Server::CExampleCom.url(),
        "https://c.example.com/\"); panic!(\"{x}"
    );
    assert_eq!(Client::new().base_url(), "https://a.example.com");
}

#[tokio::test]
async fn operations_named_like_client_methods_are_renamed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/with"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new().with_base_url(server.uri());
    client.get_with().await.unwrap();
    assert!(matches!(
        client
            .post_new(&PostNewRequest {
                status: Some(PostNewStatus::Unknown3)
            })
            .await,
        Err(Error::UnexpectedStatus { .. })
    ));
    let _ = Violation::DotSegment;
}

#[tokio::test]
async fn only_the_first_satisfied_security_alternative_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"items":[]}"#))
        .mount(&server)
        .await;
    let both = Client::new()
        .with_base_url(server.uri())
        .with_api_key("key")
        .with_http_2("token");
    both.get_items(1, &params(Kind::Small)).await.unwrap();
    let bearer_only = Client::new()
        .with_base_url(server.uri())
        .with_http_2("token");
    bearer_only
        .get_items(1, &params(Kind::Small))
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    // The first alternative (`api_key`) is met: no bearer token beside it.
    assert_eq!(
        requests[0].url.query(),
        Some("body=b&params=p&kind=small&api+key=key")
    );
    assert!(requests[0].headers.get("authorization").is_none());
    // Only the second (`http`) is met.
    assert_eq!(requests[1].url.query(), Some("body=b&params=p&kind=small"));
    assert_eq!(
        requests[1].headers.get("authorization").unwrap(),
        "Bearer token"
    );
}
