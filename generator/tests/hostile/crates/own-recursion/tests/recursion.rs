//! A union that contains itself, and a cycle through `allOf`, a map and an
//! array alias.

use std::collections::BTreeMap;

use hostile_own_recursion::types::*;
use hostile_own_recursion::{Client, Error};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn folder(name: &str) -> Folder {
    Folder {
        name: name.to_owned(),
        parent: None,
        children: None,
        by_name: None,
    }
}

#[tokio::test]
async fn a_recursive_union_is_sent_and_a_recursive_struct_decoded() {
    let expr = Expr::Sum(Box::new(Sum {
        left: Box::new(Expr::Number(1.0)),
        right: Box::new(Expr::Sum(Box::new(Sum {
            left: Box::new(Expr::Number(2.0)),
            right: Box::new(Expr::Number(3.5)),
        }))),
    }));
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/expr"))
        .and(body_json(serde_json::json!({"left": 1.0, "right": {"left": 2.0, "right": 3.5}})))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"name":"root","parent":{"name":"up"},"children":[{"name":"a"}],"by_name":{"b":{"name":"b"}}}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    let root = client.eval(&expr).await.unwrap();
    assert_eq!(
        root,
        Folder {
            name: "root".to_owned(),
            parent: Some(Box::new(folder("up"))),
            children: Some(vec![folder("a")]),
            by_name: Some(BTreeMap::from([("b".to_owned(), folder("b"))])),
        }
    );
}

#[test]
fn constraints_are_checked_through_the_cycle() {
    let mut root = folder("root");
    root.children = Some(vec![folder("ok"), folder("")]);
    assert_eq!(
        root.validate().unwrap_err().to_string(),
        "children[1].name: 0 characters are fewer than the minimum length 1"
    );
    root.children = Some(vec![folder("x"); 101]);
    assert_eq!(
        root.validate().unwrap_err().to_string(),
        "children: 101 items are more than the maximum 100"
    );
    root.children = None;
    root.parent = Some(Box::new(folder("")));
    assert_eq!(
        root.validate().unwrap_err().to_string(),
        "parent.name: 0 characters are fewer than the minimum length 1"
    );
    let _ = Error::<std::convert::Infallible>::InvalidHeader { name: "x" };
}

#[tokio::test]
async fn a_body_that_is_an_array_alias_checks_each_item_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/folders"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    match client.put_folders(&vec![folder("a"), folder("")]).await {
        Err(Error::Validation(error)) => assert_eq!(
            error.to_string(),
            "[1].name: 0 characters are fewer than the minimum length 1"
        ),
        other => panic!("{other:?}"),
    }
    client.put_folders(&vec![folder("a")]).await.unwrap();
}
