//! Claiming races: many lawyers claim one case at the same moment; exactly one wins, everyone
//! else gets 409, and the history records one claim. Also across two `puente serve` processes
//! sharing one database.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::common::*;
use futures::future::join_all;
use puente_api::service::repo::orgs::OrgKind;
use reqwest::StatusCode;
use serde_json::json;

async fn claims_in_parallel(urls: &[String], tokens: &[String]) -> Vec<StatusCode> {
    let client = reqwest::Client::new();
    let requests = tokens.iter().enumerate().map(|(i, token)| {
        let request = client
            .post(&urls[i % urls.len()])
            .bearer_auth(token)
            .json(&json!({"event": "claim", "data": attestation()}));
        async move {
            request
                .send()
                .await
                .map(|r| r.status())
                .unwrap_or(StatusCode::BAD_GATEWAY)
        }
    });
    join_all(requests).await
}

async fn claim_events(app: &TestApp, manager: &Person, case: &str) -> usize {
    let (_, history) = app
        .get(&format!("/api/v1/cases/{case}/history"), &manager.token)
        .await;
    history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "claim")
        .count()
}

#[tokio::test]
async fn fifty_simultaneous_claims_give_one_success_and_forty_nine_conflicts() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let mut tokens = Vec::new();
    for i in 0..50 {
        let firm = app
            .org(OrgKind::LawFirm, &format!("Despacho {i}"), true)
            .await;
        tokens.push(app.person(firm, "lawyer", false).await.token);
    }
    let url = app.url(&format!("/api/v1/cases/{case}/transitions"));
    let statuses = claims_in_parallel(&[url], &tokens).await;
    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let lost = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, lost), (1, 49), "{statuses:?}");
    assert_eq!(claim_events(&app, &program.manager, &case).await, 1);
}

/// A `puente serve` process on the test's database, stopped when dropped.
struct Server(Child, String);

impl Server {
    fn start(app: &TestApp, name: &str) -> Server {
        let data = app.dir.path().join(name);
        let mut child = Command::new(env!("CARGO_BIN_EXE_puente"))
            .arg("serve")
            .env("PUENTE_LISTEN", "127.0.0.1:0")
            .env("PUENTE_DATABASE_URL", &app.database_url)
            .env("PUENTE_DATA_DIR", &data)
            .env("PUENTE_JWT_SECRET", SECRET)
            .env("PUENTE_LOG_FORMAT", "text")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("puente serve starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let mut said = Vec::new();
        let address = loop {
            let Some(Ok(line)) = lines.next() else {
                panic!("puente serve stopped before listening: {said:#?}");
            };
            if let Some(address) = line.split("listens on ").nth(1) {
                break address.trim().to_owned();
            }
            said.push(line);
        };
        // Keep draining the log so the process never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server(child, address)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn two_server_processes_on_one_database_still_let_only_one_claim_win() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let mut tokens = Vec::new();
    for i in 0..20 {
        let firm = app
            .org(OrgKind::LawFirm, &format!("Despacho {i}"), true)
            .await;
        tokens.push(app.person(firm, "lawyer", false).await.token);
    }
    let first = Server::start(&app, "one");
    let second = Server::start(&app, "two");
    let urls: Vec<String> = [&first, &second]
        .iter()
        .map(|server| format!("{}/api/v1/cases/{case}/transitions", server.1))
        .collect();
    let statuses = claims_in_parallel(&urls, &tokens).await;
    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let lost = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, lost), (1, 19), "{statuses:?}");
    assert_eq!(claim_events(&app, &program.manager, &case).await, 1);
}
