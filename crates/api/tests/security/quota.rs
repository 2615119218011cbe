//! Storage quotas: anyone may register a shelter, and an unverified one could fill the store.
//! Each organization's live documents now have a ceiling (small until a manager verifies it); an
//! upload past it is refused naming `file`, and nothing of it is kept.

use puente_api::service::repo::orgs::OrgKind;
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::files::{objects, pdf, rows};
use crate::common::*;

async fn paper(app: &TestApp, token: &str, case: &str, size: usize) -> (StatusCode, Value) {
    app.upload(token, case, "other", None, "acta.pdf", pdf(size))
        .await
}

fn refused_for_quota(status: StatusCode, problem: &Value) {
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "file");
    assert_eq!(problem["errors"][0]["code"], "storage.quota_exceeded");
}

#[tokio::test]
async fn an_unverified_shelter_stores_only_up_to_its_small_quota() {
    let app = TestApp::spawn_with(&[
        ("PUENTE_UNVERIFIED_STORAGE_QUOTA_BYTES", "5000"),
        ("PUENTE_STORAGE_QUOTA_BYTES", "1000000"),
    ])
    .await;
    let org = app
        .org(OrgKind::Shelter, "Albergue Recién Registrado", false)
        .await;
    let shelter = app.person(org, "shelter", false).await;
    let (status, case) = app.create_case(&shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let case = case["id"].as_str().unwrap().to_owned();

    let (status, first) = paper(&app, &shelter.token, &case, 3_000).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, problem) = paper(&app, &shelter.token, &case, 3_000).await;
    refused_for_quota(status, &problem);
    assert_eq!(rows(&app).await, 1);
    assert_eq!(objects(&app).await.len(), 1);

    // The quota counts live documents: a deleted one makes room again.
    let deleted = app
        .client
        .delete(app.url(&format!(
            "/api/v1/documents/{}",
            first["id"].as_str().unwrap()
        )))
        .bearer_auth(&shelter.token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        paper(&app, &shelter.token, &case, 3_000).await.0,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_verified_shelter_has_the_larger_quota_and_it_holds_too() {
    let app = TestApp::spawn_with(&[
        ("PUENTE_UNVERIFIED_STORAGE_QUOTA_BYTES", "1000"),
        ("PUENTE_STORAGE_QUOTA_BYTES", "100000"),
    ])
    .await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let token = program.shelter.token.clone();
    assert_eq!(
        paper(&app, &token, &case, 60_000).await.0,
        StatusCode::CREATED
    );
    // The lawyer's papers on the shelter's case count towards the shelter's quota.
    assert_eq!(
        app.fire(&program.lawyer.token, &case, "claim", attestation())
            .await
            .0,
        StatusCode::OK
    );
    let (status, problem) = paper(&app, &program.lawyer.token, &case, 50_000).await;
    refused_for_quota(status, &problem);
    assert_eq!(
        paper(&app, &program.lawyer.token, &case, 30_000).await.0,
        StatusCode::CREATED
    );
    assert_eq!(rows(&app).await, 2);
}
