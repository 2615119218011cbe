//! A shelter's personal data: exported whole as one archive, blocked (never shown again, no
//! e-mail sent, staff signed out), and purged when its retention ends, after which none of it
//! remains in the database or the store while the program's statistics stay the same and the
//! history still verifies. Admins only.

use std::io::Read;

use crate::common::files::objects;
use crate::common::*;
use puente_api::entity::{
    case, case_event, comment, document, hours, login_attempt, organization, outbox, refresh_token,
    user,
};
use reqwest::{Method, StatusCode};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

/// Words that identify people, each written somewhere in the shelter's case.
const PERSONAL: [&str; 12] = [
    "Gloria Hernández García",
    "HEGG560427MVZRRL04",
    "gloria@pasolibre.org.mx",
    "Jean-Baptiste Noël",
    "jb@pasolibre.org.mx",
    "+52 656 123 4567",
    "contacto@pasolibre.org.mx",
    "Calle Niños Héroes 123",
    "acta de nacimiento de Jean-Baptiste",
    "Gloria decidió no continuar",
    "domicilio de Gloria",
    "Llamada con Jean-Baptiste",
];

/// Everything the database holds, as text.
async fn database_text(app: &TestApp) -> String {
    let db = &app.state.db;
    format!(
        "{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}",
        case::Entity::find().all(db).await.unwrap(),
        case_event::Entity::find().all(db).await.unwrap(),
        comment::Entity::find().all(db).await.unwrap(),
        hours::Entity::find().all(db).await.unwrap(),
        document::Entity::find().all(db).await.unwrap(),
        user::Entity::find().all(db).await.unwrap(),
        organization::Entity::find().all(db).await.unwrap(),
        outbox::Entity::find().all(db).await.unwrap(),
        refresh_token::Entity::find().all(db).await.unwrap(),
        login_attempt::Entity::find().all(db).await.unwrap(),
    )
}

/// Asks for the shelter's purge; the status and the problem's code, if any.
async fn purge(app: &TestApp, admin: &str, org: impl std::fmt::Display) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        &format!("/api/v1/organizations/{org}/purge"),
        Some(admin),
        None,
    )
    .await
}

fn code(answer: &(StatusCode, Value)) -> (StatusCode, Option<&str>) {
    (answer.0, answer.1["code"].as_str())
}

struct Shelter {
    case: String,
    documents: Vec<(String, Vec<u8>)>,
}

/// The shelter's story: a request asked for more, accepted, claimed, papers uploaded, comments
/// and hours, then withdrawn.
async fn story(app: &TestApp, program: &Program) -> Shelter {
    app.state.clock.set(at("2026-02-02T16:00:00Z"));
    let case = open_case(app, program).await;
    let ok = |answer: (StatusCode, Value)| assert_eq!(answer.0, StatusCode::OK, "{}", answer.1);
    ok(app
        .fire(&program.lawyer.token, &case, "claim", attestation())
        .await);
    let mut documents = Vec::new();
    for (associate, name) in [
        ("0", "ine-gloria-hernandez.pdf"),
        ("1", "pasaporte-jean-baptiste.pdf"),
    ] {
        let mut bytes = crate::common::files::pdf(3000);
        bytes.extend_from_slice(format!("%% {name}").as_bytes());
        let (status, _) = app
            .upload(
                &program.shelter.token,
                &case,
                "founder_id",
                Some(associate),
                name,
                bytes.clone(),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        documents.push((name.to_owned(), bytes));
    }
    let (status, _) = app
        .post(
            &format!("/api/v1/cases/{case}/comments"),
            &program.lawyer.token,
            json!({"body": "Falta el acta de nacimiento de Jean-Baptiste y el domicilio de Gloria."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = app
        .post(
            &format!("/api/v1/cases/{case}/hours"),
            &program.lawyer.token,
            json!({"date": "2026-02-02", "hours": 1.5, "description": "Llamada con Jean-Baptiste"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    Shelter { case, documents }
}

async fn caseload(app: &TestApp, program: &Program) -> Value {
    let mut report = app.caseload(&program.manager.token, "?to=2026-03-31").await;
    report.as_object_mut().unwrap().remove("as_of");
    report
}

#[tokio::test]
async fn export_block_and_purge_leave_no_personal_data_and_the_same_statistics() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let shelter = story(&app, &program).await;
    let case = shelter.case.clone();
    let org = program.shelter.org;
    let admin = program.admin.token.clone();

    // Only admins.
    for person in [&program.manager, &program.lawyer, &program.shelter] {
        for (method, path) in [
            (Method::GET, format!("/api/v1/organizations/{org}/export")),
            (Method::POST, format!("/api/v1/organizations/{org}/block")),
            (Method::POST, format!("/api/v1/organizations/{org}/purge")),
        ] {
            let (status, _) = app
                .call(
                    method,
                    &path,
                    Some(&person.token),
                    Some(json!({"reason": "x"})),
                )
                .await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        }
    }

    // The export: everything, documents byte for byte.
    app.state.clock.set(at("2026-03-01T16:00:00Z"));
    let response = app
        .client
        .get(app.url(&format!("/api/v1/organizations/{org}/export")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let bytes = response.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut summary = String::new();
    archive
        .by_name("shelter.json")
        .unwrap()
        .read_to_string(&mut summary)
        .unwrap();
    for word in &PERSONAL[..9] {
        assert!(summary.contains(word), "the export holds {word}");
    }
    let summary: Value = serde_json::from_str(&summary).unwrap();
    assert_eq!(summary["organization"]["id"], org.to_string());
    assert_eq!(summary["staff"][0]["email"], program.shelter.email.as_str());
    assert_eq!(summary["cases"][0]["id"], case.as_str());
    for (name, expected) in &shelter.documents {
        let listed = summary["cases"][0]["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["filename"] == name.as_str())
            .unwrap();
        let mut file = archive.by_name(listed["file"].as_str().unwrap()).unwrap();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        assert_eq!(&content, expected, "{name}");
    }
    assert!(
        app.history_events(&case, &program.manager.token)
            .await
            .contains(&"personal_data_exported".to_owned())
    );

    // Blocking waits until every case has ended.
    let (status, problem) = app
        .post(
            &format!("/api/v1/organizations/{org}/block"),
            &admin,
            json!({"reason": "Solicitud de cancelación del 1 de marzo"}),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::CONFLICT, Some("cases_active"))
    );
    let (status, _) = app
        .fire(
            &program.shelter.token,
            &case,
            "withdraw",
            json!({"reason": "Gloria decidió no continuar"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let before = caseload(&app, &program).await;
    let (status, problem) = app
        .post(
            &format!("/api/v1/organizations/{org}/block"),
            &admin,
            json!({"reason": " "}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "reason");
    let (status, blocked) = app
        .post(
            &format!("/api/v1/organizations/{org}/block"),
            &admin,
            json!({"reason": "Solicitud de cancelación del 1 de marzo"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{blocked}");
    assert!(blocked["blocked_at"].is_string());

    // Blocked: not shown to anyone, the staff signed out, no e-mail queued for them.
    let (status, view) = app.case(&case, &program.manager.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["personal_data"], false);
    assert!(!view.to_string().contains("Gloria"), "{view}");
    for path in [
        format!("/api/v1/cases/{case}/documents"),
        format!("/api/v1/cases/{case}/comments"),
    ] {
        let (status, problem) = app.get(&path, &program.manager.token).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (StatusCode::CONFLICT, Some("personal_data_blocked")),
            "{path}"
        );
    }
    let (status, _) = app.get("/api/v1/me", &program.shelter.token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let queued = outbox::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .len();
    let (status, _) = app
        .fire(
            &program.manager.token,
            &case,
            "reopen",
            json!({"reason": "Revisión"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let rows = outbox::Entity::find().all(&app.state.db).await.unwrap();
    assert!(
        rows[queued..]
            .iter()
            .all(|r| r.recipient_id != Some(program.shelter.id)),
        "nothing is sent to a blocked shelter"
    );
    let (status, _) = app
        .fire(
            &program.manager.token,
            &case,
            "withdraw",
            json!({"reason": "Sigue bloqueado"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    // The purge waits for the end of the retention (a year by default).
    let (status, problem) = purge(&app, &admin, org).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::CONFLICT, Some("retention_running"))
    );
    app.state.clock.set(at("2027-03-02T16:00:00Z"));
    let (status, summary) = purge(&app, &admin, org).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["cases"], 1);
    assert_eq!(summary["documents"], 2);
    assert_eq!(summary["accounts"], 1);

    // Nothing personal remains, in the database or the store.
    let text = database_text(&app).await;
    for word in PERSONAL {
        assert!(!text.contains(word), "{word} remains in the database");
    }
    assert!(
        !text.contains(&program.shelter.email),
        "the staff's e-mail remains"
    );
    for (name, _) in &shelter.documents {
        assert!(!text.contains(name.as_str()), "{name} remains");
    }
    let stored = objects(&app).await;
    assert!(
        !stored.iter().any(|(key, _)| key.contains(&case)),
        "the shelter's documents remain in the store: {stored:?}"
    );

    // The statistics are those of before; the history still verifies, and tells what happened.
    assert_eq!(caseload(&app, &program).await, before);
    let (_, audit) = app
        .get("/api/v1/audit/verify", &program.manager.token)
        .await;
    assert_eq!(audit["ok"], true, "{audit}");
    let events = app.history_events(&case, &program.manager.token).await;
    for event in [
        "personal_data_blocked",
        "document_purged",
        "personal_data_purged",
    ] {
        assert!(events.contains(&event.to_owned()), "{events:?}");
    }
    let (_, view) = app.case(&case, &program.manager.token).await;
    assert_eq!(view["status"], "withdrawn");

    // Twice is refused.
    let (status, problem) = purge(&app, &admin, org).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::CONFLICT, Some("already_purged"))
    );
}

#[tokio::test]
async fn privacy_operations_refuse_what_is_not_a_shelter() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let firm = program.lawyer.org;
    let (status, problem) = app
        .post(
            &format!("/api/v1/organizations/{firm}/block"),
            &program.admin.token,
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::CONFLICT, Some("not_a_shelter"))
    );
    let admin = &program.admin.token;
    assert_eq!(
        purge(&app, admin, uuid::Uuid::new_v4()).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        code(&purge(&app, admin, program.shelter.org).await),
        (StatusCode::CONFLICT, Some("not_blocked"))
    );
}
