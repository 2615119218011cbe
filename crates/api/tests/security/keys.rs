//! Master keys cannot be lost: `puente keys rotate` run twice in the same second used to give
//! both keys the id `k<seconds>`, the second replacing the first in the key file after the
//! first run had re-wrapped every document under it; every download then failed. And a running
//! server kept wrapping new uploads under the retired key until restarted.

use std::process::{Command, Output};

use puente_api::config::StorageKind;
use puente_api::entity::document;
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::Value;

use crate::common::files::pdf;
use crate::common::*;

/// Runs the built `puente` binary on the same database, store and data folder as `app`.
fn puente(app: &TestApp, args: &[&str]) -> Output {
    let settings = &app.state.settings;
    let mut command = Command::new(env!("CARGO_BIN_EXE_puente"));
    command
        .args(args)
        .current_dir(app.dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PUENTE_DATA_DIR", &settings.data_dir)
        .env("PUENTE_DATABASE_URL", &app.database_url)
        .env("PUENTE_JWT_SECRET", SECRET)
        .env("PUENTE_LOG_FORMAT", "text");
    if settings.storage == StorageKind::S3 {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        command
            .env("PUENTE_STORAGE", "s3")
            .env("PUENTE_S3_ENDPOINT", text(&settings.s3_endpoint))
            .env("PUENTE_S3_ALLOW_HTTP", settings.s3_allow_http.to_string())
            .env("PUENTE_S3_BUCKET", text(&settings.s3_bucket))
            .env("PUENTE_S3_ACCESS_KEY_ID", text(&settings.s3_access_key_id))
            .env(
                "PUENTE_S3_SECRET_ACCESS_KEY",
                settings
                    .s3_secret_access_key
                    .as_ref()
                    .map(|s| s.expose().to_owned())
                    .unwrap_or_default(),
            )
            .env("PUENTE_STORAGE_PREFIX", text(&settings.storage_prefix));
    }
    command.output().expect("the puente binary runs")
}

fn succeeded(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The key file as it is on disk.
fn key_file(app: &TestApp) -> Value {
    let path = app.state.settings.data_dir.join("master-keys.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

async fn upload_paper(app: &TestApp, token: &str, case: &str, bytes: Vec<u8>) -> String {
    let (status, stored) = app
        .upload(token, case, "other", None, "recibo.pdf", bytes)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    stored["id"].as_str().unwrap().to_owned()
}

async fn download(app: &TestApp, token: &str, id: &str) -> (StatusCode, Vec<u8>) {
    let response = app
        .client
        .get(app.url(&format!("/api/v1/documents/{id}/content")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (
        response.status(),
        response.bytes().await.unwrap_or_default().to_vec(),
    )
}

async fn key_of(app: &TestApp, id: &str) -> String {
    document::Entity::find_by_id(id.parse::<uuid::Uuid>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .key_id
}

#[tokio::test]
async fn two_rotations_back_to_back_keep_every_document_readable() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let token = program.shelter.token.clone();
    let files = [pdf(2_000), pdf(70_000)];
    let mut ids = Vec::new();
    for file in &files {
        ids.push(upload_paper(&app, &token, &case, file.clone()).await);
    }

    let first = succeeded(&puente(&app, &["keys", "rotate"]));
    let second = succeeded(&puente(&app, &["keys", "rotate"]));
    assert!(first.contains("2 document keys re-wrapped"), "{first}");
    assert!(second.contains("2 document keys re-wrapped"), "{second}");

    // Three keys, none replaced: the one the server generated and one per rotation.
    let keys = key_file(&app);
    assert_eq!(keys["keys"].as_object().unwrap().len(), 3, "{keys}");
    let current = keys["current"].as_str().unwrap();
    assert!(second.contains(current), "{second}");
    assert!(!first.contains(current), "each rotation has its own key");
    assert!(
        !app.state
            .settings
            .data_dir
            .join("master-keys.json.previous")
            .exists(),
        "the copy of the old file goes once the re-wrap committed"
    );
    for (id, file) in ids.iter().zip(&files) {
        assert_eq!(key_of(&app, id).await, current);
        assert_eq!(
            download(&app, &token, id).await,
            (StatusCode::OK, file.clone())
        );
    }
    // And the server, never restarted, wraps the next upload under the newest key.
    let later = upload_paper(&app, &token, &case, pdf(500)).await;
    assert_eq!(key_of(&app, &later).await, current);
    assert_eq!(
        download(&app, &token, &later).await,
        (StatusCode::OK, pdf(500))
    );
    let verified = succeeded(&puente(&app, &["storage", "verify"]));
    assert!(verified.contains("ok: 3 documents"), "{verified}");
}

#[tokio::test]
async fn a_running_server_wraps_new_uploads_under_the_rotated_key() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let token = program.shelter.token.clone();
    let before = upload_paper(&app, &token, &case, pdf(1_000)).await;
    let retired = key_file(&app)["current"].as_str().unwrap().to_owned();
    assert_eq!(key_of(&app, &before).await, retired);

    succeeded(&puente(&app, &["keys", "rotate"]));
    let rotated = key_file(&app)["current"].as_str().unwrap().to_owned();
    assert_ne!(rotated, retired);

    // No restart: the next upload is wrapped under the new key, and both still download.
    let after = upload_paper(&app, &token, &case, pdf(3_000)).await;
    assert_eq!(key_of(&app, &after).await, rotated);
    assert_eq!(key_of(&app, &before).await, rotated);
    assert_eq!(
        download(&app, &token, &before).await,
        (StatusCode::OK, pdf(1_000))
    );
    assert_eq!(
        download(&app, &token, &after).await,
        (StatusCode::OK, pdf(3_000))
    );
}
