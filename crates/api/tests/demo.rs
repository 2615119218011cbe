//! `puente demo` fills an empty database with a program whose every case went through the
//! workflow, and refuses a database that already holds something.

use std::collections::BTreeSet;

use crate::common::*;
use puente_api::entity::{case, organization, user};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

#[tokio::test]
async fn the_demo_fills_an_empty_database_once_with_cases_across_the_workflow() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let logins = puente_api::service::demo::fill(&app.state).await.unwrap();
    assert!(
        logins
            .iter()
            .any(|l| l.email == "coordinacion@puente.ejemplo.mx")
    );

    let orgs = organization::Entity::find().all(db).await.unwrap();
    let count = |kind: &str| orgs.iter().filter(|o| o.kind.as_str() == kind).count();
    assert_eq!(
        (count("program"), count("law_firm"), count("shelter")),
        (1, 3, 27)
    );
    assert_eq!(user::Entity::find().count(db).await.unwrap(), 2 + 9 + 27);
    let states: BTreeSet<String> = case::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.status.as_str().to_owned())
        .collect();
    let expected: BTreeSet<String> = [
        "draft",
        "submitted",
        "needs_info",
        "open",
        "claimed",
        "name_reservation",
        "drafting",
        "shelter_review",
        "notary",
        "signed",
        "filed",
        "closed",
        "declined",
        "withdrawn",
        "on_hold",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(states, expected);
    assert!(
        puente_api::service::repo::history::verify(db)
            .await
            .unwrap()
            .ok
    );

    // Its accounts sign in with the printed password.
    let session = app
        .login(
            "coordinacion@puente.ejemplo.mx",
            puente_api::service::demo::PASSWORD,
        )
        .await;
    let (_, cases) = app
        .get(
            "/api/v1/cases?limit=200",
            session["access_token"].as_str().unwrap(),
        )
        .await;
    assert_eq!(cases["items"].as_array().unwrap().len(), 27);

    // The cases past the claim carry their papers, readable, and the dashboard has real
    // figures: registrations, medians and hours.
    let token = session["access_token"].as_str().unwrap();
    let closed = cases["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "closed")
        .unwrap();
    let (status, documents) = app
        .get(
            &format!("/api/v1/cases/{}/documents", closed["id"].as_str().unwrap()),
            token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{documents}");
    let kinds: BTreeSet<&str> = documents["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "founder_id",
        "founder_tax_certificate",
        "proof_of_address",
        "name_authorization",
        "bylaws_draft",
        "signed_deed",
        "registry_receipt",
    ] {
        assert!(kinds.contains(kind), "{kind} in {kinds:?}");
    }
    let paper = documents["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "signed_deed")
        .unwrap()["id"]
        .as_str()
        .unwrap();
    let (status, _, bytes) = app.download(token, paper).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"%PDF-"));
    let report = app.caseload(token, "").await;
    let filed: u64 = report["filed_per_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["filed"].as_u64().unwrap())
        .sum();
    assert_eq!(filed, 2, "the filed and the closed case: {report}");
    assert_eq!(report["times"]["claim_to_signing"]["cases"], 3, "{report}");
    assert!(
        report["hours"]["total_hours"].as_f64().unwrap() >= 19.5,
        "{report}"
    );

    assert!(
        puente_api::service::demo::fill(&app.state).await.is_err(),
        "a second run is refused"
    );
}
