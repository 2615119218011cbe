//! Keeping store and database in step: `storage gc` removes only orphans, `storage verify`
//! finds altered and missing objects (which downloads refuse), `keys rotate` re-wraps keys
//! without touching the objects.

use crate::common::*;
use object_store::ObjectStoreExt;
use object_store::path::Path;
use puente_api::entity::document;
use puente_api::service::maintenance;
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::Value;

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n{}", text.repeat(500)).into_bytes()
}

/// A proof of address, uploaded.
async fn proof_of_address(app: &TestApp, token: &str, case: &str, bytes: Vec<u8>) -> Value {
    let (status, document) = app
        .upload(token, case, "proof_of_address", None, "recibo.pdf", bytes)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{document}");
    document
}

#[tokio::test]
async fn gc_removes_only_objects_without_a_document_and_old_enough() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let kept = proof_of_address(&app, &program.shelter.token, &case, pdf("recibo")).await;
    let orphan = Path::from(format!(
        "cases/{case}/documents/{}/v1",
        uuid::Uuid::new_v4()
    ));
    app.state
        .store
        .inner()
        .put(&orphan, b"left by an interrupted upload".to_vec().into())
        .await
        .unwrap();

    let young = maintenance::gc(&app.state, time::Duration::hours(24))
        .await
        .unwrap();
    assert_eq!((young.scanned, young.removed, young.recent), (2, 0, 1));
    let done = maintenance::gc(&app.state, time::Duration::seconds(-60))
        .await
        .unwrap();
    assert_eq!((done.scanned, done.removed), (2, 1));
    assert!(app.state.store.inner().head(&orphan).await.is_err());
    let (status, _, bytes) = app
        .download(&program.shelter.token, kept["id"].as_str().unwrap())
        .await;
    assert_eq!((status, bytes), (StatusCode::OK, pdf("recibo")));
}

#[tokio::test]
async fn verify_finds_altered_and_missing_objects_and_downloads_refuse_them() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let first = proof_of_address(&app, &program.shelter.token, &case, pdf("uno")).await;
    let second = proof_of_address(&app, &program.shelter.token, &case, pdf("dos")).await;
    let (checked, damaged) = maintenance::verify(&app.state).await.unwrap();
    assert_eq!((checked, damaged.len()), (2, 0));

    // Flip one byte of the first object, remove the second.
    let rows = document::Entity::find().all(&app.state.db).await.unwrap();
    let key = |id: &Value| {
        rows.iter()
            .find(|r| r.id.to_string() == id.as_str().unwrap())
            .unwrap()
            .object_key
            .clone()
    };
    let first_key = Path::from(key(&first["id"]));
    let mut raw = app
        .state
        .store
        .inner()
        .get(&first_key)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let middle = raw.len() / 2;
    raw[middle] ^= 0x40;
    app.state
        .store
        .inner()
        .put(&first_key, raw.into())
        .await
        .unwrap();
    app.state
        .store
        .inner()
        .delete(&Path::from(key(&second["id"])))
        .await
        .unwrap();

    let (_, damaged) = maintenance::verify(&app.state).await.unwrap();
    let reasons: Vec<(String, &str)> = damaged
        .iter()
        .map(|d| (d.document.to_string(), d.reason))
        .collect();
    assert!(
        reasons.contains(&(first["id"].as_str().unwrap().to_owned(), "unreadable")),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&(second["id"].as_str().unwrap().to_owned(), "missing")),
        "{reasons:?}"
    );

    let response = app
        .client
        .get(app.url(&format!(
            "/api/v1/documents/{}/content",
            first["id"].as_str().unwrap()
        )))
        .bearer_auth(&program.shelter.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["code"], "document_integrity");
    assert!(
        !problem.to_string().contains("uno"),
        "nothing of the content is served"
    );
}

#[tokio::test]
async fn rotating_the_master_key_rewraps_every_document_key_and_downloads_still_work() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let documents = [
        proof_of_address(&app, &program.shelter.token, &case, pdf("a")).await,
        proof_of_address(&app, &program.shelter.token, &case, pdf("b")).await,
    ];
    let before = document::Entity::find().all(&app.state.db).await.unwrap();
    let objects_before: Vec<Vec<u8>> = {
        let mut out = Vec::new();
        for row in &before {
            out.push(
                app.state
                    .store
                    .inner()
                    .get(&Path::from(row.object_key.as_str()))
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap()
                    .to_vec(),
            );
        }
        out
    };

    // As `puente keys rotate` does in the embedded mode: a new key in the file, then re-wrap.
    let old = app.state.keyring.current_id();
    let rotation = puente_api::storage::Keyring::rotate(&app.state.settings).unwrap();
    let new = rotation.id().to_owned();
    assert_ne!(old, new);
    assert_eq!(maintenance::rewrap(&app.state).await.unwrap(), 2);
    assert_eq!(
        maintenance::rewrap(&app.state).await.unwrap(),
        0,
        "nothing left to re-wrap"
    );
    rotation.finish().unwrap();

    let after = document::Entity::find().all(&app.state.db).await.unwrap();
    assert!(after.iter().all(|row| row.key_id == new));
    for (row, raw) in before.iter().zip(objects_before) {
        let now = app
            .state
            .store
            .inner()
            .get(&Path::from(row.object_key.as_str()))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec();
        assert_eq!(now, raw, "objects are not rewritten");
    }
    // The running server learns the new key when it first meets it.
    for (document, text) in documents.iter().zip(["a", "b"]) {
        let (status, _, bytes) = app
            .download(&program.shelter.token, document["id"].as_str().unwrap())
            .await;
        assert_eq!((status, bytes), (StatusCode::OK, pdf(text)));
    }
}

/// Deletion in two phases: a deleted document is blocked while its retention lasts, then purged
/// (object, file name and key gone; the row and the history kept and still verifiable).
#[tokio::test]
async fn purge_removes_deleted_documents_only_once_their_retention_has_ended() {
    let app = TestApp::spawn_with(&[("PUENTE_DOCUMENT_RETENTION_DAYS", "30")]).await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let kept = proof_of_address(&app, &program.shelter.token, &case, pdf("vigente")).await;
    let gone = proof_of_address(&app, &program.shelter.token, &case, pdf("equivocado")).await;
    let gone_id = uuid::Uuid::parse_str(gone["id"].as_str().unwrap()).unwrap();
    let response = app
        .client
        .delete(app.url(&format!("/api/v1/documents/{gone_id}")))
        .bearer_auth(&program.shelter.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let row = document::Entity::find_by_id(gone_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let object = Path::from(row.object_key.as_str());
    let now = time::OffsetDateTime::now_utc();

    // Within the retention: blocked, still held.
    let early = maintenance::purge(&app.state, now + time::Duration::days(29))
        .await
        .unwrap();
    assert_eq!((early.purged, early.retained), (0, 1));
    assert!(app.state.store.inner().head(&object).await.is_ok());

    // After it: purged, once.
    let late = maintenance::purge(&app.state, now + time::Duration::days(31))
        .await
        .unwrap();
    assert_eq!((late.purged, late.retained), (1, 0));
    let again = maintenance::purge(&app.state, now + time::Duration::days(32))
        .await
        .unwrap();
    assert_eq!((again.purged, again.retained), (0, 0));
    assert!(matches!(
        app.state.store.inner().head(&object).await,
        Err(object_store::Error::NotFound { .. })
    ));
    let row = document::Entity::find_by_id(gone_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.purged_at.is_some());
    assert_eq!((row.filename.as_str(), row.wrapped_key.as_str()), ("", ""));
    assert_eq!(
        row.sha256,
        gone["sha256"].as_str().unwrap(),
        "kept for statistics"
    );

    // Recorded by Puente itself, the chain still whole, the other document untouched.
    let (_, history) = app
        .get(
            &format!("/api/v1/cases/{case}/history"),
            &program.manager.token,
        )
        .await;
    let purged = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "document_purged")
        .expect("a document_purged event");
    assert_eq!(purged["data"]["document_id"], gone["id"]);
    assert!(purged["actor"].is_null(), "{purged}");
    let verification = puente_api::service::repo::history::verify(&app.state.db)
        .await
        .unwrap();
    assert!(verification.ok, "{verification:?}");
    let (checked, damaged) = maintenance::verify(&app.state).await.unwrap();
    assert_eq!((checked, damaged.len()), (1, 0));
    let (status, _, bytes) = app
        .download(&program.shelter.token, kept["id"].as_str().unwrap())
        .await;
    assert_eq!((status, bytes), (StatusCode::OK, pdf("vigente")));
    let (status, _, _) = app
        .download(&program.shelter.token, &gone_id.to_string())
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
