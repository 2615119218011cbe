//! The server's own defences: a client that never finishes its headers is closed within the
//! header timeout; `/metrics` is not public; self-registration is throttled per address.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::*;

#[tokio::test]
async fn a_half_sent_request_is_closed_within_the_header_timeout() {
    let app = TestApp::spawn_with(&[("PUENTE_HEADER_READ_TIMEOUT_SECONDS", "1")]).await;
    let mut stream = tokio::net::TcpStream::connect(app.address).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: puente\r\nX-Slow: ")
        .await
        .unwrap();
    let mut buffer = Vec::new();
    // The server answers 408 or just closes; either way the read ends, and soon.
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut buffer)).await;
    assert!(read.is_ok(), "the connection was still open after 10 s");
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(5), "closed after {waited:?}");
    // A whole request on a new connection is answered as usual.
    let (status, _) = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn metrics_need_their_token_and_are_not_served_without_one() {
    let app = TestApp::spawn().await;
    let (status, _) = app.call(Method::GET, "/metrics", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let token = "metricas-0123456789-abcdef";
    let app = TestApp::spawn_with(&[("PUENTE_METRICS_TOKEN", token)]).await;
    let (status, _) = app.call(Method::GET, "/metrics", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .call(Method::GET, "/metrics", Some("otro-token-cualquiera"), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = app.call(Method::GET, "/metrics", Some(token), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.as_str().unwrap().contains("puente_http_requests"),
        "{body}"
    );
}

#[tokio::test]
async fn the_eleventh_registration_from_one_address_in_an_hour_is_refused() {
    let app = TestApp::spawn().await;
    app.set_up().await;
    for n in 0..10 {
        let (status, body) = app
            .call(
                Method::POST,
                "/api/v1/shelters",
                None,
                Some(json!({
                    "organization": {"name": format!("Casa {n}"), "state": "MX-SON", "municipality": "Nogales"},
                    "user": {"name": "Ana López", "email": format!("ana{n}@casa-ejemplo.mx"), "password": "una-frase-larga-y-propia"},
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{n}: {body}");
    }
    let response = app
        .client
        .post(app.url("/api/v1/shelters"))
        .json(&json!({
            "organization": {"name": "Casa 11", "state": "MX-SON", "municipality": "Nogales"},
            "user": {"name": "Ana López", "email": "ana11@casa-ejemplo.mx", "password": "una-frase-larga-y-propia"},
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key("retry-after"));
}
