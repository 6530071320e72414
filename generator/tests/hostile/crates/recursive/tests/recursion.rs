//! Recursive schemas decode from a real server (wiremock on loopback) into
//! exactly the values they describe, and serialize back to the same JSON.

use std::collections::BTreeMap;

use hostile_recursive::types::{A, B, Node};
use hostile_recursive::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn leaf(name: &str) -> Node {
    Node {
        name: name.to_owned(),
        parent: None,
        children: None,
        by_name: None,
    }
}

/// Three levels through each recursive field: `parent` (a `Box`),
/// `children` (a `Vec`) and `by_name` (a map).
fn tree() -> Node {
    Node {
        name: "root".to_owned(),
        parent: Some(Box::new(Node {
            name: "up".to_owned(),
            parent: Some(Box::new(leaf("up-up"))),
            children: Some(vec![]),
            by_name: None,
        })),
        children: Some(vec![
            Node {
                name: "child-1".to_owned(),
                parent: None,
                children: Some(vec![leaf("grandchild-1a"), leaf("grandchild-1b")]),
                by_name: Some(BTreeMap::from([("deep".to_owned(), leaf("grandchild-1c"))])),
            },
            leaf("child-2"),
        ]),
        by_name: Some(BTreeMap::from([
            (
                "first".to_owned(),
                Node {
                    name: "named-1".to_owned(),
                    parent: Some(Box::new(leaf("named-1-parent"))),
                    children: Some(vec![leaf("named-1-child")]),
                    by_name: Some(BTreeMap::new()),
                },
            ),
            ("second".to_owned(), leaf("named-2")),
        ])),
    }
}

fn tree_json() -> Value {
    json!({
        "name": "root",
        "parent": {
            "name": "up",
            "parent": {"name": "up-up"},
            "children": [],
        },
        "children": [
            {
                "name": "child-1",
                "children": [{"name": "grandchild-1a"}, {"name": "grandchild-1b"}],
                "by_name": {"deep": {"name": "grandchild-1c"}},
            },
            {"name": "child-2"},
        ],
        "by_name": {
            "first": {
                "name": "named-1",
                "parent": {"name": "named-1-parent"},
                "children": [{"name": "named-1-child"}],
                "by_name": {},
            },
            "second": {"name": "named-2"},
        },
    })
}

async fn serving(route: &str, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn get_tree_decodes_three_levels_exactly() {
    let server = serving("/tree", tree_json()).await;
    let tree = Client::new(server.uri()).get_tree().await.unwrap();
    assert_eq!(tree, self::tree());
    // Spot checks through each kind of nesting.
    assert_eq!(
        tree.parent.as_ref().unwrap().parent.as_ref().unwrap().name,
        "up-up"
    );
    assert_eq!(
        tree.children.as_ref().unwrap()[0]
            .children
            .as_ref()
            .unwrap()[1]
            .name,
        "grandchild-1b"
    );
    assert_eq!(
        tree.children.as_ref().unwrap()[0].by_name.as_ref().unwrap()["deep"].name,
        "grandchild-1c"
    );
    assert_eq!(
        tree.by_name.as_ref().unwrap()["first"]
            .parent
            .as_ref()
            .unwrap()
            .name,
        "named-1-parent"
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/tree");
    server.verify().await;
}

#[test]
fn a_tree_serializes_back_to_the_same_json() {
    assert_eq!(serde_json::to_value(tree()).unwrap(), tree_json());
    let text = serde_json::to_string(&tree()).unwrap();
    assert_eq!(serde_json::from_str::<Node>(&text).unwrap(), tree());
    // Unset optionals are omitted, empty ones kept.
    assert_eq!(
        serde_json::to_string(&leaf("x")).unwrap(),
        r#"{"name":"x"}"#
    );
    assert_eq!(
        serde_json::to_string(&Node {
            children: Some(vec![]),
            by_name: Some(BTreeMap::new()),
            ..leaf("x")
        })
        .unwrap(),
        r#"{"name":"x","children":[],"by_name":{}}"#
    );
}

#[test]
fn a_deep_parent_chain_round_trips() {
    // 100 levels: below serde_json's nesting limit of 128.
    let mut node = leaf("0");
    for depth in 1..=100 {
        node = Node {
            parent: Some(Box::new(node)),
            ..leaf(&depth.to_string())
        };
    }
    let text = serde_json::to_string(&node).unwrap();
    assert!(text.starts_with(r#"{"name":"100","parent":{"name":"99","parent":"#));
    assert_eq!(serde_json::from_str::<Node>(&text).unwrap(), node);
}

#[tokio::test]
async fn a_node_without_its_name_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/tree"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(r#"{"children":[{}],"name":"root"}"#),
        )
        .mount(&server)
        .await;
    let error = Client::new(server.uri()).get_tree().await.unwrap_err();
    match error {
        Error::Decode {
            status,
            body,
            source,
        } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(&body[..], br#"{"children":[{}],"name":"root"}"#);
            assert_eq!(
                source.to_string(),
                "missing field `name` at line 1 column 15"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// `A { b: B { a: A { b: B { a: A { b: B {} } } }, c: A { b: B {} } } }`.
fn graph() -> A {
    A {
        b: Box::new(B {
            a: Some(Box::new(A {
                b: Box::new(B {
                    a: Some(Box::new(A {
                        b: Box::new(B::default()),
                    })),
                    c: None,
                }),
            })),
            c: Some(Box::new(A {
                b: Box::new(B::default()),
            })),
        }),
    }
}

fn graph_json() -> Value {
    json!({
        "b": {
            "a": {"b": {"a": {"b": {}}}},
            "c": {"b": {}},
        },
    })
}

#[tokio::test]
async fn get_graph_decodes_mutual_recursion_exactly() {
    let server = serving("/graph", graph_json()).await;
    let graph = Client::new(server.uri()).get_graph().await.unwrap();
    assert_eq!(graph, self::graph());
    let inner = graph.b.a.as_ref().unwrap();
    assert_eq!(inner.b.a.as_ref().unwrap().b.a, None);
    assert_eq!(graph.b.c.as_ref().unwrap().b.c, None);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/graph");
    server.verify().await;
}

#[test]
fn a_graph_serializes_back_to_the_same_json() {
    assert_eq!(serde_json::to_value(graph()).unwrap(), graph_json());
    assert_eq!(
        serde_json::to_string(&graph()).unwrap(),
        r#"{"b":{"a":{"b":{"a":{"b":{}}}},"c":{"b":{}}}}"#
    );
}

#[tokio::test]
async fn the_nullable_c_decodes_null_as_none() {
    let server = serving("/graph", json!({"b": {"c": null, "a": {"b": {"c": null}}}})).await;
    let graph = Client::new(server.uri()).get_graph().await.unwrap();
    assert_eq!(
        graph,
        A {
            b: Box::new(B {
                a: Some(Box::new(A {
                    b: Box::new(B::default()),
                })),
                c: None,
            }),
        }
    );
}

#[tokio::test]
async fn an_a_without_its_required_b_is_a_decode_error() {
    let server = serving("/graph", json!({"b": {"a": {}}})).await;
    let error = Client::new(server.uri()).get_graph().await.unwrap_err();
    match error {
        Error::Decode { status, source, .. } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(source.to_string(), "missing field `b` at line 1 column 12");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
