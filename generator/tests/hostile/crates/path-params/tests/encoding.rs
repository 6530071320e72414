//! Path, query and header parameters of `get_content`, against a real server
//! (wiremock on loopback): each path value stays inside its own segment,
//! query values decode back exactly, and what cannot be sent safely is
//! refused before anything is sent.

use hostile_path_params::types::{GetContentParams, GetContentResponse};
use hostile_path_params::{Client, Error, Server, Violation};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server answering every GET with `{"name": "file"}`.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "file"})))
        .mount(&server)
        .await;
    server
}

fn client_for(server: &MockServer) -> Client {
    Client::new().with_base_url(format!("{}/api/v1", server.uri()))
}

fn file() -> GetContentResponse {
    GetContentResponse {
        name: Some("file".to_owned()),
    }
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

async fn assert_nothing_sent(server: &MockServer) {
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

/// The raw (still percent-encoded) path the server received for the three
/// path values.
async fn path_for(owner: &str, repo: &str, file_path: &str) -> String {
    let server = server().await;
    let reply = client_for(&server)
        .get_content(owner, repo, file_path, &GetContentParams::default())
        .await
        .unwrap();
    assert_eq!(reply, file());
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    request.url.path().to_owned()
}

#[test]
fn new_points_at_the_spec_server() {
    assert_eq!(Client::new().base_url(), "https://files.example.com/api/v1");
    assert_eq!(
        Client::default().base_url(),
        "https://files.example.com/api/v1"
    );
    assert_eq!(
        Server::FilesExampleCom.url(),
        "https://files.example.com/api/v1"
    );
    assert_eq!(
        Client::new()
            .with_base_url("http://x/")
            .with_server(Server::FilesExampleCom)
            .base_url(),
        "https://files.example.com/api/v1"
    );
    assert_eq!(
        Client::from_reqwest(reqwest::Client::new()).base_url(),
        "https://files.example.com/api/v1"
    );
}

#[tokio::test]
async fn the_base_url_prefix_is_kept() {
    assert_eq!(
        path_for("o", "r", "p").await,
        "/api/v1/repos/o/r/contents/p"
    );
    // A trailing slash on the base URL is not doubled.
    let server = server().await;
    Client::new()
        .with_base_url(format!("{}/api/v1//", server.uri()))
        .get_content("o", "r", "p", &GetContentParams::default())
        .await
        .unwrap();
    assert_eq!(
        only_request(&server).await.url.path(),
        "/api/v1/repos/o/r/contents/p"
    );
}

#[tokio::test]
async fn slash_question_mark_and_dot_dot_stay_in_their_segments() {
    assert_eq!(
        path_for("o/x", "r?y", "a/../b").await,
        "/api/v1/repos/o%2Fx/r%3Fy/contents/a%2F..%2Fb"
    );
}

#[tokio::test]
async fn hash_percent_and_spaces_are_encoded() {
    assert_eq!(
        path_for("o#frag", "100%", "my file.txt").await,
        "/api/v1/repos/o%23frag/100%25/contents/my%20file.txt"
    );
    // An already encoded value is sent as it is written, not decoded.
    assert_eq!(
        path_for("%2F", "%2e%2e", "a%20b").await,
        "/api/v1/repos/%252F/%252e%252e/contents/a%2520b"
    );
}

#[tokio::test]
async fn unicode_is_utf8_percent_encoded() {
    assert_eq!(
        path_for("café", "日本", "😀").await,
        "/api/v1/repos/caf%C3%A9/%E6%97%A5%E6%9C%AC/contents/%F0%9F%98%80"
    );
}

#[tokio::test]
async fn unreserved_characters_are_sent_as_they_are() {
    assert_eq!(
        path_for("A-z_0.9~", "...", ".hidden").await,
        "/api/v1/repos/A-z_0.9~/.../contents/.hidden"
    );
}

#[tokio::test]
async fn reserved_and_special_characters_each_become_one_escape() {
    assert_eq!(
        path_for("&=+;,", "@:!$'()*", "[]\\\"<>`{}|^").await,
        "/api/v1/repos/%26%3D%2B%3B%2C/%40%3A%21%24%27%28%29%2A/contents/\
         %5B%5D%5C%22%3C%3E%60%7B%7D%7C%5E"
    );
}

#[tokio::test]
async fn dot_and_dot_dot_are_refused_before_sending() {
    let server = server().await;
    let client = client_for(&server);
    for (owner, repo, file_path, name) in [
        ("..", "r", "p", "owner"),
        (".", "r", "p", "owner"),
        ("o", "..", "p", "repo"),
        ("o", ".", "p", "repo"),
        ("o", "r", "..", "path"),
        ("o", "r", ".", "path"),
    ] {
        let error = client
            .get_content(owner, repo, file_path, &GetContentParams::default())
            .await
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("invalid request: {name}: `.` and `..` cannot be sent as a path segment")
        );
        match error {
            Error::Validation(error) => {
                assert_eq!(error.path(), name);
                assert_eq!(error.violation(), &Violation::DotSegment);
                assert_eq!(
                    error.to_string(),
                    format!("{name}: `.` and `..` cannot be sent as a path segment")
                );
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn the_ref_query_value_decodes_back_exactly() {
    let server = server().await;
    let value = "a&b=c#d e+f%20g/h?i";
    client_for(&server)
        .get_content(
            "o",
            "r",
            "p",
            &GetContentParams {
                ref_: Some(value.to_owned()),
                ..GetContentParams::default()
            },
        )
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/v1/repos/o/r/contents/p");
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(pairs, [("ref".to_owned(), value.to_owned())]);
    // form-urlencoded: space as `+`, the rest of `&=#+%/?` escaped.
    assert_eq!(
        request.url.query(),
        Some("ref=a%26b%3Dc%23d%20e%2Bf%2520g%2Fh%3Fi")
    );
}

#[tokio::test]
async fn per_page_bounds_are_inclusive() {
    let server = server().await;
    let client = client_for(&server);
    for per_page in [1, 30, 100] {
        client
            .get_content(
                "o",
                "r",
                "p",
                &GetContentParams {
                    per_page: Some(per_page),
                    ..GetContentParams::default()
                },
            )
            .await
            .unwrap();
    }
    let queries: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.query().unwrap().to_owned())
        .collect();
    assert_eq!(queries, ["per_page=1", "per_page=30", "per_page=100"]);
}

#[tokio::test]
async fn per_page_out_of_bounds_is_refused_before_sending() {
    let server = server().await;
    let client = client_for(&server);
    for (per_page, message) in [
        (0, "per_page: 0 is below the minimum 1"),
        (101, "per_page: 101 is above the maximum 100"),
        (-1, "per_page: -1 is below the minimum 1"),
        (
            i64::MAX,
            "per_page: 9223372036854775807 is above the maximum 100",
        ),
    ] {
        let params = GetContentParams {
            per_page: Some(per_page),
            ..GetContentParams::default()
        };
        assert_eq!(params.validate().unwrap_err().to_string(), message);
        let error = client
            .get_content("o", "r", "p", &params)
            .await
            .unwrap_err();
        assert_eq!(error.to_string(), format!("invalid request: {message}"));
        match error {
            Error::Validation(error) => {
                assert_eq!(error.path(), "per_page");
                let expected = if per_page < 1 {
                    Violation::Minimum {
                        value: per_page.to_string(),
                        minimum: "1".to_owned(),
                        exclusive: false,
                    }
                } else {
                    Violation::Maximum {
                        value: per_page.to_string(),
                        maximum: "100".to_owned(),
                        exclusive: false,
                    }
                };
                assert_eq!(error.violation(), &expected);
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn labels_are_sent_as_one_comma_joined_value() {
    let server = server().await;
    client_for(&server)
        .get_content(
            "o",
            "r",
            "p",
            &GetContentParams {
                labels: Some(vec!["a".to_owned(), "b".to_owned()]),
                ..GetContentParams::default()
            },
        )
        .await
        .unwrap();
    let request = only_request(&server).await;
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(pairs, [("labels".to_owned(), "a,b".to_owned())]);
}

#[tokio::test]
async fn one_label_is_sent_as_it_is() {
    let server = server().await;
    client_for(&server)
        .get_content(
            "o",
            "r",
            "p",
            &GetContentParams {
                labels: Some(vec!["only one".to_owned()]),
                ..GetContentParams::default()
            },
        )
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("labels=only%20one"));
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(pairs, [("labels".to_owned(), "only one".to_owned())]);
}

/// RFC 6570 (which OpenAPI's `style: form` follows) treats an empty list as
/// undefined: `{?labels}` with `[]` expands to nothing. The client sends
/// `labels=` instead, which every form decoder reads as one empty label, the
/// same request as `Some(vec!["".into()])`.
#[tokio::test]
async fn an_empty_label_list_sends_no_labels_parameter() {
    let server = server().await;
    client_for(&server)
        .get_content(
            "o",
            "r",
            "p",
            &GetContentParams {
                labels: Some(vec![]),
                ..GetContentParams::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(only_request(&server).await.url.query(), None);
}

/// OpenAPI `style: form, explode: false` is RFC 6570 `{?labels}`: each item
/// is percent-encoded and the items are joined by a literal `,`, so
/// `["a,b", "c"]` is `labels=a%2Cb,c` and `["a", "b", "c"]` is
/// `labels=a,b,c`. The client joins the raw items with `,` first and then
/// form-encodes the joined string, so both lists arrive as `labels=a%2Cb%2Cc`
/// and a comma inside an item cannot be told from the delimiter.
#[tokio::test]
async fn a_comma_inside_a_label_is_distinguishable_from_the_delimiter() {
    let server = server().await;
    let client = client_for(&server);
    for labels in [vec!["a,b", "c"], vec!["a", "b", "c"]] {
        client
            .get_content(
                "o",
                "r",
                "p",
                &GetContentParams {
                    labels: Some(labels.into_iter().map(str::to_owned).collect()),
                    ..GetContentParams::default()
                },
            )
            .await
            .unwrap();
    }
    let queries: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.query().unwrap().to_owned())
        .collect();
    assert_eq!(queries, ["labels=a%2Cb,c", "labels=a,b,c"]);
}

#[tokio::test]
async fn all_query_parameters_in_spec_order() {
    let server = server().await;
    client_for(&server)
        .get_content(
            "o",
            "r",
            "p",
            &GetContentParams {
                ref_: Some("main".to_owned()),
                per_page: Some(50),
                labels: Some(vec!["x".to_owned(), "y z".to_owned()]),
                x_request_id: Some("req-1".to_owned()),
            },
        )
        .await
        .unwrap();
    let request = only_request(&server).await;
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [
            ("ref".to_owned(), "main".to_owned()),
            ("per_page".to_owned(), "50".to_owned()),
            ("labels".to_owned(), "x,y z".to_owned()),
        ]
    );
    assert_eq!(request.headers.get("x-request-id").unwrap(), "req-1");
    assert_eq!(request.headers.get_all("x-request-id").iter().count(), 1);
}

#[tokio::test]
async fn no_optional_parameter_sends_no_query_and_no_header() {
    let server = server().await;
    client_for(&server)
        .get_content("o", "r", "p", &GetContentParams::default())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert!(request.headers.get("x-request-id").is_none());
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_refused_before_sending() {
    let server = server().await;
    let client = client_for(&server);
    for value in [
        "id\r\nX-Injected: yes",
        "id\nX-Injected: yes",
        "id\rX",
        "nul\0",
    ] {
        let error = client
            .get_content(
                "o",
                "r",
                "p",
                &GetContentParams {
                    x_request_id: Some(value.to_owned()),
                    ..GetContentParams::default()
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::InvalidHeader {
                    name: "X-Request-Id"
                }
            ),
            "{value:?}: {error:?}"
        );
        assert_eq!(
            error.to_string(),
            "the value of the X-Request-Id header is not a valid header value"
        );
    }
    assert_nothing_sent(&server).await;
}
