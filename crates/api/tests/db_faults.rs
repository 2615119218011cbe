//! PostgreSQL goes away and comes back while a `puente serve` process runs (it reaches the
//! database through a proxy the test cuts): meanwhile the API answers 503 problem documents, a
//! page answers a 503 page, `/readyz` names the database; once it is back Puente serves again
//! without a restart, and what it acknowledged before is there.
//!
//! It needs PostgreSQL (`PUENTE_TEST_DATABASE_URL`), so a plain `cargo test` (SQLite, a file
//! that cannot go away) ignores it; `.ci/run` runs it in its PostgreSQL pass.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::common::process::Server;
use crate::common::proxy::Proxy;
use crate::common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

const NEEDS_POSTGRES: &str = "needs PostgreSQL named by PUENTE_TEST_DATABASE_URL (.ci/run)";

async fn get(client: &reqwest::Client, url: String, token: &str) -> (StatusCode, String, Value) {
    let response = client.get(url).bearer_auth(token).send().await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, kind, body)
}

#[tokio::test]
#[ignore = "needs PostgreSQL named by PUENTE_TEST_DATABASE_URL (.ci/run)"]
async fn postgresql_going_away_answers_503_names_it_and_heals_without_a_restart() {
    let app = TestApp::spawn().await;
    assert!(app.database_url.starts_with("postgres"), "{NEEDS_POSTGRES}");
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    // postgres://user@host:port/database: the server's goes through the proxy instead.
    let authority = app.database_url.split('@').nth(1).unwrap();
    let upstream = authority.split('/').next().unwrap().to_owned();
    let proxy = Proxy::start(upstream.parse::<SocketAddr>().unwrap()).await;
    let url = app
        .database_url
        .replacen(&upstream, &proxy.address.to_string(), 1);
    let data = app.dir.path().join("served");
    let server = tokio::task::spawn_blocking(move || Server::start_on(&url, &data, &[]))
        .await
        .unwrap();
    let client = reqwest::Client::new();
    let token = &program.manager.token;
    let comments = format!("{}/api/v1/cases/{case}/comments", server.url);
    let before = client
        .post(&comments)
        .bearer_auth(token)
        .json(&json!({"body": "Antes de la caída"}))
        .send()
        .await
        .unwrap();
    assert_eq!(before.status(), StatusCode::CREATED);

    proxy.stop();
    let (status, _, ready) = get(&client, format!("{}/readyz", server.url), token).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{ready}");
    assert_eq!(ready["code"], "not_ready");
    assert_eq!(error_fields(&ready), ["database"]);
    let (status, kind, problem) = get(
        &client,
        format!("{}/api/v1/cases/{case}", server.url),
        token,
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{problem}");
    assert!(kind.starts_with("application/problem+json"), "{kind}");
    assert_eq!(problem["code"], "unavailable");
    // A person at a browser (signed in: the session cookie holds the token) gets a page that
    // says so.
    let page = client
        .get(format!("{}/cases/{case}", server.url))
        .header("accept", "text/html")
        .header("cookie", format!("puente_session={token}"))
        .send()
        .await
        .unwrap();
    let status = page.status();
    let html = page.text().await.unwrap();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{html}");
    assert!(html.contains("<html"), "{html}");
    assert!(html.contains("Servicio no disponible"), "{html}");

    // Back: ready again without a restart, and what was acknowledged is there.
    proxy.resume().await;
    let since = Instant::now();
    loop {
        let (status, _, _) = get(&client, format!("{}/readyz", server.url), token).await;
        if status == StatusCode::OK {
            break;
        }
        assert!(
            since.elapsed() < Duration::from_secs(30),
            "never ready again"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (status, _, listed) = get(&client, comments.clone(), token).await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    assert!(listed.to_string().contains("Antes de la caída"), "{listed}");
    let after = client
        .post(&comments)
        .bearer_auth(token)
        .json(&json!({"body": "Después de la caída"}))
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::CREATED);
    println!(
        "database faults: back and ready {} ms after PostgreSQL returned",
        since.elapsed().as_millis()
    );
}
