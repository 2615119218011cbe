//! Deadline alerts on cases, in the list filter and in the report: each appears at the first
//! minute of the day it is due (Mexico City time) and not a minute before, and disappears when the
//! case moves on. The case clock is fixed at each moment.

use crate::common::files::pdf;
use crate::common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

/// The alerts the case carries, the cases the list filter finds for `alert`, and the report's
/// count of it, all at `moment`.
async fn alerts_at(
    app: &TestApp,
    program: &Program,
    case: &str,
    moment: &str,
    alert: &str,
) -> (Vec<String>, bool, u64) {
    app.state.clock.set(at(moment));
    let (status, view) = app.case(case, &program.manager.token).await;
    assert_eq!(status, StatusCode::OK);
    let alerts = view["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect();
    let (_, list) = app
        .get(
            &format!("/api/v1/cases?alert={alert}"),
            &program.manager.token,
        )
        .await;
    let listed = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == case);
    let (_, report) = app
        .get("/api/v1/reports/caseload", &program.manager.token)
        .await;
    let counted = report["alerts"]["counts"][alert].as_u64().unwrap();
    (alerts, listed, counted)
}

/// Checks an alert is absent a minute before `due` (UTC) and present from `due`.
async fn appears_at(app: &TestApp, program: &Program, case: &str, alert: &str, due: &str) {
    let before = (at(due) - time::Duration::minutes(1))
        .format(&Rfc3339)
        .unwrap();
    let (alerts, listed, counted) = alerts_at(app, program, case, &before, alert).await;
    assert!(
        !alerts.contains(&alert.to_owned()),
        "{alert} at {before}: {alerts:?}"
    );
    assert!(!listed && counted == 0, "{alert} at {before}");
    let (alerts, listed, counted) = alerts_at(app, program, case, due, alert).await;
    assert!(
        alerts.contains(&alert.to_owned()),
        "{alert} at {due}: {alerts:?}"
    );
    assert!(listed, "{alert} at {due}: not found by ?alert=");
    assert_eq!(counted, 1, "{alert} at {due}");
}

async fn step(app: &TestApp, when: &str, token: &str, case: &str, event: &str, data: Value) {
    app.state.clock.set(at(when));
    let (status, body) = app.fire(token, case, event, data).await;
    assert_eq!(status, StatusCode::OK, "{event}: {body}");
}

#[tokio::test]
async fn alerts_appear_and_disappear_at_the_day_boundaries_of_the_program() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    app.state.clock.set(at("2026-03-01T18:00:00Z"));
    let (_, case) = app.create_case(&program.shelter.token, intake()).await;
    let case = case["id"].as_str().unwrap().to_owned();
    let shelter = program.shelter.token.clone();
    let manager = program.manager.token.clone();
    let lawyer = program.lawyer.token.clone();

    // Submitted at 23:59 on 1 March in Mexico City (05:59 UTC on the 2nd): screening is overdue
    // after more than five days, so from 7 March 00:00 (06:00 UTC).
    step(
        &app,
        "2026-03-02T05:59:00Z",
        &shelter,
        &case,
        "submit",
        json!({}),
    )
    .await;
    appears_at(
        &app,
        &program,
        &case,
        "screening_overdue",
        "2026-03-07T06:00:00Z",
    )
    .await;

    // Accepted on 8 March: no longer overdue; unclaimed after more than fourteen days, from
    // 23 March.
    step(
        &app,
        "2026-03-08T18:00:00Z",
        &manager,
        &case,
        "accept",
        json!({}),
    )
    .await;
    let (alerts, _, _) = alerts_at(
        &app,
        &program,
        &case,
        "2026-03-08T18:01:00Z",
        "screening_overdue",
    )
    .await;
    assert!(alerts.is_empty(), "{alerts:?}");
    appears_at(&app, &program, &case, "unclaimed", "2026-03-23T06:00:00Z").await;

    // Claimed on 24 March: stalled after thirty days without activity, from 23 April.
    step(
        &app,
        "2026-03-24T18:00:00Z",
        &lawyer,
        &case,
        "claim",
        attestation(),
    )
    .await;
    let (alerts, _, _) =
        alerts_at(&app, &program, &case, "2026-03-24T18:01:00Z", "unclaimed").await;
    assert!(alerts.is_empty(), "{alerts:?}");
    appears_at(&app, &program, &case, "stalled", "2026-04-23T06:00:00Z").await;

    // A comment is activity: the stall ends.
    app.state.clock.set(at("2026-04-23T18:00:00Z"));
    let (status, _) = app
        .post(
            &format!("/api/v1/cases/{case}/comments"),
            &lawyer,
            json!({"body": "Seguimos con la autorización."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (alerts, _, _) = alerts_at(&app, &program, &case, "2026-04-23T18:01:00Z", "stalled").await;
    assert!(alerts.is_empty(), "{alerts:?}");

    // The name authorized on 24 April lapses 180 days later: urgent from 30 days before,
    // lapsed the day after.
    for (kind, associate) in [
        ("founder_id", Some("0")),
        ("founder_id", Some("1")),
        ("proof_of_address", None),
        ("name_authorization", None),
    ] {
        let (status, _) = app
            .upload(&lawyer, &case, kind, associate, "a.pdf", pdf(500))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    step(
        &app,
        "2026-04-24T18:00:00Z",
        &lawyer,
        &case,
        "request_name",
        json!({}),
    )
    .await;
    step(
        &app,
        "2026-04-24T18:00:00Z",
        &lawyer,
        &case,
        "name_authorized",
        json!({
            "authorized_name": "Casa del Migrante Paso Libre",
            "authorized_on": "2026-04-24",
            "cud": "A202604241234567890",
        }),
    )
    .await;
    let (_, view) = app.case(&case, &manager).await;
    assert_eq!(view["name_authorization"]["expires_on"], "2026-10-21");
    appears_at(
        &app,
        &program,
        &case,
        "name_authorization_lapsing",
        "2026-09-21T06:00:00Z",
    )
    .await;
    appears_at(
        &app,
        &program,
        &case,
        "name_authorization_lapsed",
        "2026-10-22T06:00:00Z",
    )
    .await;
    let (alerts, _, _) = alerts_at(
        &app,
        &program,
        &case,
        "2026-10-22T06:00:00Z",
        "name_authorization_lapsing",
    )
    .await;
    assert!(
        !alerts.contains(&"name_authorization_lapsing".to_owned()),
        "lapsed replaces urgent: {alerts:?}"
    );

    // Shown to managers and the assigned lawyer; not to the shelter or the lawyer's colleague.
    let (_, seen) = app.case(&case, &lawyer).await;
    assert!(
        seen["alerts"]
            .as_array()
            .unwrap()
            .contains(&json!("name_authorization_lapsed"))
    );
    for other in [&program.shelter, &program.colleague] {
        let (status, seen) = app.case(&case, &other.token).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(seen["alerts"], json!([]));
        let (_, listed) = app
            .get(
                "/api/v1/cases?alert=name_authorization_lapsed",
                &other.token,
            )
            .await;
        assert_eq!(listed["items"], json!([]));
    }
}
