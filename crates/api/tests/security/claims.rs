//! A lawyer who claims a request another firm already took learns that it was taken (409), and
//! nothing else: not where the case stands now nor its version, which would tell how far the
//! other firm has carried it. A lawyer of the firm that holds it still gets both.

use puente_api::service::repo::orgs::OrgKind;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

#[tokio::test]
async fn claiming_a_case_another_firm_took_answers_409_without_its_state_or_version() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let (status, _) = app
        .fire(&program.lawyer.token, &case, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::OK);

    for data in [attestation(), json!({})] {
        let (status, problem) = app
            .fire(&program.outsider.token, &case, "claim", data)
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{problem}");
        assert_eq!(problem["code"], "invalid_state", "{problem}");
        for leaked in ["state", "version", "held_from"] {
            assert!(problem.get(leaked).is_none(), "{leaked} in {problem}");
        }
        assert!(!problem.to_string().contains("claimed"), "{problem}");
    }

    // The firm's own lawyers see the case, so they are told where it stands.
    let (status, problem) = app
        .fire(&program.colleague.token, &case, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["state"], "claimed", "{problem}");
    assert!(problem["version"].is_number(), "{problem}");
}

#[tokio::test]
async fn lawyers_who_lose_a_simultaneous_claim_learn_nothing_of_the_case_either() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let mut tokens = Vec::new();
    for i in 0..8 {
        let firm = app
            .org(OrgKind::LawFirm, &format!("Despacho {i}"), true)
            .await;
        tokens.push(app.person(firm, "lawyer", false).await.token);
    }
    let url = app.url(&format!("/api/v1/cases/{case}/transitions"));
    let claims = tokens.into_iter().map(|token| {
        let (client, url) = (app.client.clone(), url.clone());
        tokio::spawn(async move {
            let response = client
                .post(url)
                .bearer_auth(token)
                .json(&json!({"event": "claim", "data": attestation()}))
                .send()
                .await
                .unwrap();
            (response.status(), response.json::<Value>().await.unwrap())
        })
    });
    let mut won = 0;
    for claim in claims.collect::<Vec<_>>() {
        let (status, body) = claim.await.unwrap();
        if status == StatusCode::OK {
            won += 1;
            continue;
        }
        // Whether it lost before reading the case or between its read and its write.
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        for leaked in ["state", "version", "held_from"] {
            assert!(body.get(leaked).is_none(), "{leaked} in {body}");
        }
    }
    assert_eq!(won, 1);
}
