//! The story of one request, end to end over HTTP: a shelter registers, a manager verifies it,
//! the shelter drafts and submits, is asked for more, resubmits, is accepted, a lawyer claims
//! and releases, another claims, and the history tells it all in order and verifies.

use crate::common::*;
use puente_api::service::repo::orgs::OrgKind;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_request_travels_from_registration_to_a_second_lawyers_claim() {
    let app = TestApp::spawn().await;
    app.set_up().await;
    let program = app.org(OrgKind::Program, "Programa Puente", true).await;
    let manager = app.person(program, "manager", false).await;
    let firm = app
        .org(OrgKind::LawFirm, "Bufete Solidario, S.C.", true)
        .await;
    let first_lawyer = app.person(firm, "lawyer", false).await;
    let other_firm = app
        .org(OrgKind::LawFirm, "Abogados del Norte, S.C.", true)
        .await;
    let second_lawyer = app.person(other_firm, "lawyer", false).await;

    // The shelter registers itself, confirms its address by the link e-mailed to it, and
    // signs in.
    let (status, registered) = app
        .call(
            Method::POST,
            "/api/v1/shelters",
            None,
            Some(json!({
                "organization": {"name": "Casa del Migrante Paso Libre", "state": "MX-CHH", "municipality": "Juárez"},
                "user": {"name": "Gloria Hernández", "email": "Gloria@PasoLibre.org.mx", "password": PASSWORD}
            })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{registered}");
    assert_eq!(
        registered,
        json!({"email": "gloria@pasolibre.org.mx", "status": "confirmation_sent"})
    );
    app.confirm_email("gloria@pasolibre.org.mx").await;
    let login = app.login("gloria@pasolibre.org.mx", PASSWORD).await;
    assert_eq!(login["token_type"], "Bearer");
    assert_eq!(login["expires_in"], 900);
    let shelter = login["access_token"].as_str().unwrap().to_owned();
    let (_, me) = app.get("/api/v1/me", &shelter).await;
    assert_eq!(me["role"], "shelter");
    assert_eq!(me["email_confirmed"], true);
    let shelter_org = me["organization"]["id"].as_str().unwrap().to_owned();
    let (_, orgs) = app
        .get("/api/v1/organizations?kind=shelter", &manager.token)
        .await;
    assert!(orgs.to_string().contains(&shelter_org), "{orgs}");
    assert!(!orgs.to_string().contains("\"verified\":true"), "{orgs}");

    // A draft, saved half-way, then completed with If-Match.
    let (status, case) = app
        .create_case(
            &shelter,
            json!({"proposed_names": ["Casa del Migrante Paso Libre"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    assert_eq!(case["status"], "draft");
    assert!(case["reference"].as_str().unwrap().starts_with("PUE-"));
    let id = case["id"].as_str().unwrap().to_owned();
    let (status, refused) = app.fire(&shelter, &id, "submit", json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused["missing"]
            .as_array()
            .unwrap()
            .contains(&json!("intake:associates"))
    );
    let patched = app
        .client
        .patch(app.url(&format!("/api/v1/cases/{id}")))
        .bearer_auth(&shelter)
        .header("If-Match", "\"1\"")
        .json(&json!({"intake": intake()}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), StatusCode::OK);
    assert_eq!(patched.headers()["etag"], "\"2\"");

    // Submitted; the manager cannot accept an unverified shelter, asks for information.
    assert_eq!(
        app.fire(&shelter, &id, "submit", json!({})).await.0,
        StatusCode::OK
    );
    let (status, refused) = app.fire(&manager.token, &id, "accept", json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["missing"], json!(["shelter:verified"]));
    let (status, _) = app
        .fire(
            &manager.token,
            &id,
            "request_info",
            json!({"message": "Falta el domicilio completo."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    // The shelter answers and resubmits; the manager verifies the shelter and accepts.
    let (status, case) = app.case(&id, &shelter).await;
    assert_eq!(
        (status, case["status"].as_str()),
        (StatusCode::OK, Some("needs_info"))
    );
    let mut fuller = intake();
    fuller["domicile"]["address"] =
        json!("Calle Niños Héroes 123, Col. Centro, C.P. 32000, Ciudad Juárez");
    let version = case["version"].as_i64().unwrap();
    let patched = app
        .client
        .patch(app.url(&format!("/api/v1/cases/{id}")))
        .bearer_auth(&shelter)
        .header("If-Match", format!("\"{version}\""))
        .json(&json!({"intake": fuller}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), StatusCode::OK);
    assert_eq!(
        app.fire(&shelter, &id, "submit", json!({})).await.0,
        StatusCode::OK
    );
    let (status, org) = app
        .post(
            &format!("/api/v1/organizations/{shelter_org}/verify"),
            &manager.token,
            json!({}),
        )
        .await;
    assert_eq!(
        (status, org["verified"].as_bool()),
        (StatusCode::OK, Some(true))
    );
    let (status, case) = app.fire(&manager.token, &id, "accept", json!({})).await;
    assert_eq!(
        (status, case["status"].as_str()),
        (StatusCode::OK, Some("open"))
    );

    // A lawyer sees the summary, without personal data, and claims with the attestation.
    let (_, summary) = app.case(&id, &first_lawyer.token).await;
    assert_eq!(summary["personal_data"], false);
    assert!(summary["intake"]["associates"][0].get("curp").is_none());
    assert!(summary["intake"].get("contact").is_none());
    let (status, refused) = app.fire(&first_lawyer.token, &id, "claim", json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["missing"], json!(["field:conflict_check"]));
    let (status, case) = app
        .fire(&first_lawyer.token, &id, "claim", attestation())
        .await;
    assert_eq!(
        (status, case["status"].as_str()),
        (StatusCode::OK, Some("claimed"))
    );
    assert_eq!(case["personal_data"], true);
    assert_eq!(
        case["intake"]["associates"][0]["curp"],
        "HEGG560427MVZRRL04"
    );

    // Released, then claimed by another firm's lawyer.
    let (status, case) = app
        .fire(
            &first_lawyer.token,
            &id,
            "release",
            json!({"reason": "Conflicto de agenda"}),
        )
        .await;
    assert_eq!(
        (status, case["status"].as_str()),
        (StatusCode::OK, Some("open"))
    );
    let (status, case) = app
        .fire(&second_lawyer.token, &id, "claim", attestation())
        .await;
    assert_eq!(
        (status, case["status"].as_str()),
        (StatusCode::OK, Some("claimed"))
    );
    assert_eq!(case["lawyer"]["id"], second_lawyer.id.to_string());
    let (status, _) = app.case(&id, &first_lawyer.token).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the first firm no longer sees the case"
    );

    // The history tells every step, in order, and its chain verifies.
    let (status, history) = app
        .get(&format!("/api/v1/cases/{id}/history"), &manager.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let events: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "created",
            "intake_updated",
            "submit",
            "request_info",
            "intake_updated",
            "submit",
            "accept",
            "claim",
            "release",
            "claim"
        ]
    );
    let items = history["items"].as_array().unwrap();
    for pair in items.windows(2) {
        assert_eq!(pair[1]["prev_hash"], pair[0]["hash"]);
        assert_eq!(pair[1]["state_before"], pair[0]["state_after"]);
    }
    assert_eq!(
        items[7]["data"]["conflict_check"]["reference"],
        "CONF-2026-001"
    );
    let (status, audit) = app.get("/api/v1/audit/verify", &manager.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(audit["ok"], true);
    assert_eq!(audit["checked"], 10);

    // Comments and the list.
    let (status, _) = app
        .post(
            &format!("/api/v1/cases/{id}/comments"),
            &second_lawyer.token,
            json!({"body": "Recibí el expediente."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, comments) = app
        .get(&format!("/api/v1/cases/{id}/comments"), &shelter)
        .await;
    assert_eq!(comments["items"][0]["body"], "Recibí el expediente.");
    let (_, mine) = app.get("/api/v1/cases", &shelter).await;
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
}
