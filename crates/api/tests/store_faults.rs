//! The store stops while documents move: uploads and downloads answer 503 with a problem
//! document, nothing half-written remains, no row points to a missing object, and Puente recovers
//! by itself when the store returns.
//!
//! These need an S3 service named by `PUENTE_TEST_S3_*` (`.ci/run` starts one; see
//! `tests/README.md`), reached through a proxy the test can cut, so they are ignored by a plain
//! `cargo test` and run with `-- --include-ignored`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::common::files::*;
use crate::common::proxy::Proxy;
use crate::common::*;
use futures::StreamExt;
use puente_api::service::maintenance;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

const NEEDS_S3: &str = "needs an S3 service named by PUENTE_TEST_S3_* (.ci/run starts one)";

/// Puente with its S3 store behind a proxy, and a case in `open`.
struct Faulty {
    app: TestApp,
    proxy: Arc<Proxy>,
    program: Program,
    case: String,
}

async fn faulty() -> Faulty {
    let endpoint = std::env::var("PUENTE_TEST_S3_ENDPOINT").expect(NEEDS_S3);
    let upstream: SocketAddr = endpoint
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .expect("PUENTE_TEST_S3_ENDPOINT is http://127.0.0.1:PORT");
    let proxy = Arc::new(Proxy::start(upstream).await);
    let endpoint = format!("http://{}", proxy.address);
    let app = TestApp::spawn_with(&[
        ("PUENTE_S3_ENDPOINT", endpoint.as_str()),
        ("PUENTE_DOCUMENT_LIMIT_BYTES", "209715200"),
    ])
    .await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    Faulty {
        app,
        proxy,
        program,
        case,
    }
}

impl Faulty {
    /// Uploads `file` as an `other` document (the manager may).
    async fn upload(&self, file: &Patterned) -> reqwest::Result<(StatusCode, Value)> {
        self.upload_stream(file.size(), file.stream(|_| {}).boxed())
            .await
    }

    async fn upload_stream(
        &self,
        size: usize,
        stream: futures::stream::BoxStream<'static, Result<Vec<u8>, std::io::Error>>,
    ) -> reqwest::Result<(StatusCode, Value)> {
        let part = Part::stream_with_length(reqwest::Body::wrap_stream(stream), size as u64)
            .file_name("expediente.pdf");
        let response = self
            .app
            .client
            .post(
                self.app
                    .url(&format!("/api/v1/cases/{}/documents", self.case)),
            )
            .bearer_auth(&self.program.manager.token)
            .multipart(Form::new().text("kind", "other").part("file", part))
            .send()
            .await?;
        let status = response.status();
        Ok((status, response.json().await.unwrap_or(Value::Null)))
    }

    async fn content(&self, document: &str) -> reqwest::Response {
        self.app
            .client
            .get(
                self.app
                    .url(&format!("/api/v1/documents/{document}/content")),
            )
            .bearer_auth(&self.program.manager.token)
            .send()
            .await
            .unwrap()
    }

    /// `/readyz`'s status, and the dependencies it names as not answering.
    async fn ready(&self) -> (StatusCode, Vec<String>) {
        let (status, body) = self
            .app
            .call(reqwest::Method::GET, "/readyz", None, None)
            .await;
        let down = error_fields(&body).into_iter().map(str::to_owned).collect();
        (status, down)
    }

    /// No row without its object, no object without its row.
    async fn assert_in_step(&self) {
        let (_, damaged) = maintenance::verify(&self.app.state).await.unwrap();
        assert_eq!(damaged, vec![], "every row's object is there and intact");
        let collected = maintenance::gc(&self.app.state, time::Duration::seconds(-60))
            .await
            .unwrap();
        assert_eq!(collected.removed, 0, "no object without a row");
    }
}

fn assert_store_unavailable(status: StatusCode, problem: &Value) {
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("store_unavailable")),
        "{problem}"
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("no se guardó nada"),
        "{problem}"
    );
}

#[tokio::test]
#[ignore = "needs an S3 service named by PUENTE_TEST_S3_* (.ci/run starts one)"]
async fn the_store_stopping_during_an_upload_answers_503_leaves_nothing_and_heals() {
    let faulty = faulty().await;
    // 40 MiB; the store goes away once 16 MiB have been sent (several parts are already in
    // it), and the rest of the file follows slowly, as from a phone.
    let file = Patterned { mebibytes: 40 };
    let cut = Arc::new(AtomicBool::new(false));
    let (proxy, cut_seen) = (Arc::clone(&faulty.proxy), Arc::clone(&cut));
    let stream = file
        .stream(move |index| {
            if index == 16 {
                proxy.stop();
                cut_seen.store(true, Ordering::SeqCst);
            }
        })
        .then(move |piece| {
            let slow = cut.load(Ordering::SeqCst);
            async move {
                if slow {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                piece
            }
        })
        .boxed();
    let (status, problem) = faulty
        .upload_stream(file.size(), stream)
        .await
        .expect("Puente answers even though the store is gone");
    assert_store_unavailable(status, &problem);
    assert_eq!(
        faulty.ready().await,
        (StatusCode::SERVICE_UNAVAILABLE, vec!["storage".to_owned()])
    );
    assert_eq!(rows(&faulty.app).await, 0);
    assert!(
        !faulty
            .app
            .history_events(&faulty.case, &faulty.program.manager.token)
            .await
            .contains(&"document_uploaded".to_owned())
    );

    // The store returns: Puente is ready again without a restart, nothing half-written is in
    // the store, and the same upload now succeeds.
    faulty.proxy.resume().await;
    assert_eq!(faulty.ready().await, (StatusCode::OK, vec![]));
    assert_eq!(objects(&faulty.app).await.len(), 0);
    faulty.assert_in_step().await;
    let again = Patterned { mebibytes: 12 };
    let (status, stored) = faulty.upload(&again).await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    assert_eq!(stored["sha256"], again.sha256());
    assert_eq!(rows(&faulty.app).await, 1);
    faulty.assert_in_step().await;
}

#[tokio::test]
#[ignore = "needs an S3 service named by PUENTE_TEST_S3_* (.ci/run starts one)"]
async fn the_store_stopping_during_a_download_cuts_it_short_and_503s_until_it_returns() {
    let faulty = faulty().await;
    let file = Patterned { mebibytes: 80 };
    let (status, stored) = faulty.upload(&file).await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    let id = stored["id"].as_str().unwrap().to_owned();

    // A download under way when the store goes away ends in an error, never in a short file
    // that looks complete: the length was announced and is not reached.
    let mut response = faulty.content(&id).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.content_length(), Some(file.size() as u64));
    let mut received = 0usize;
    let outcome = loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                received += chunk.len();
                if received >= 2 * 1024 * 1024 {
                    faulty.proxy.stop();
                }
            }
            Ok(None) => break Ok(()),
            Err(error) => break Err(error),
        }
    };
    assert!(
        outcome.is_err() && received < file.size(),
        "the cut download ends in an error after {received} of {} bytes",
        file.size()
    );

    // While the store is away: a clear 503, for downloads and readiness.
    let response = faulty.content(&id).await;
    let status = response.status();
    let problem: Value = response.json().await.unwrap();
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("store_unavailable")),
        "{problem}"
    );
    assert_eq!(
        faulty.ready().await,
        (StatusCode::SERVICE_UNAVAILABLE, vec!["storage".to_owned()])
    );

    // It returns: the same document downloads whole, without a restart.
    faulty.proxy.resume().await;
    let response = faulty.content(&id).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        received_sha256(response).await,
        (file.size(), file.sha256())
    );
    faulty.assert_in_step().await;
}
