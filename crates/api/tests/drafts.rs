//! Drafts over HTTP: generated from the case's facts and stored as a new version, previewed
//! without storing, refused cleanly when they should be, and template errors reported with the
//! template and line (at start-up, or as a 422), never as a 500.

use crate::common::files::rows;
use crate::common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A case claimed by the program's lawyer.
async fn claimed(app: &TestApp, program: &Program) -> String {
    let case = open_case(app, program).await;
    let (status, body) = app
        .fire(&program.lawyer.token, &case, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    case
}

async fn content(app: &TestApp, token: &str, document: &Value) -> Vec<u8> {
    let (status, _, bytes) = app.download(token, document["id"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    bytes
}

#[tokio::test]
async fn drafts_are_generated_as_new_versions_and_recorded() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = claimed(&app, &program).await;
    let lawyer = &program.lawyer.token;

    let (status, docx) = app
        .generate(
            lawyer,
            &case,
            json!({"template": "bylaws", "format": "docx"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{docx}");
    assert_eq!(docx["kind"], "bylaws_draft");
    assert_eq!(docx["version"], 1);
    assert_eq!(
        docx["content_type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(
        docx["filename"]
            .as_str()
            .unwrap()
            .starts_with("proyecto-de-estatutos-PUE-")
    );
    assert!(content(&app, lawyer, &docx).await.starts_with(b"PK"));

    let (status, pdf) = app
        .generate(
            lawyer,
            &case,
            json!({"template": "bylaws", "format": "pdf"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{pdf}");
    assert_eq!(
        (pdf["kind"].as_str(), pdf["version"].as_i64()),
        (Some("bylaws_draft"), Some(2))
    );
    assert!(content(&app, lawyer, &pdf).await.starts_with(b"%PDF-"));

    let (status, letter) = app
        .generate(
            lawyer,
            &case,
            json!({"template": "notary_letter", "format": "html"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{letter}");
    assert_eq!(letter["kind"], "other");
    let html = String::from_utf8(content(&app, lawyer, &letter).await).unwrap();
    assert!(html.contains("Casa del Migrante Paso Libre"));
    assert!(html.contains("BORRADOR PARA REVISIÓN"));

    let (_, history) = app
        .get(
            &format!("/api/v1/cases/{case}/history"),
            &program.manager.token,
        )
        .await;
    let generated: Vec<&Value> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "document_generated")
        .collect();
    assert_eq!(generated.len(), 3);
    assert_eq!(generated[0]["data"]["template"], "bylaws");
    assert_eq!(generated[2]["data"]["template"], "notary_letter");

    // The manager files the intake summary (an `other` paper).
    let (status, summary) = app
        .generate(
            &program.manager.token,
            &case,
            json!({"template": "intake_summary", "format": "pdf"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{summary}");
}

#[tokio::test]
async fn previews_show_the_draft_without_storing_it() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = claimed(&app, &program).await;
    let response = app
        .preview(&program.shelter.token, &case, "template=bylaws")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let csp = response.headers()[reqwest::header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    let html = response.text().await.unwrap();
    for text in [
        "Proyecto de estatutos sociales de Casa del Migrante Paso Libre, A.C.",
        "BORRADOR PARA REVISIÓN DEL ABOGADO RESPONSABLE Y DEL NOTARIO",
        "Admisión de extranjeros",
        "Gloria Hernández García",
        "Juárez, Chihuahua",
    ] {
        assert!(html.contains(text), "{text}");
    }
    assert!(!html.contains("<script"));
    assert_eq!(rows(&app).await, 0, "a preview stores nothing");
}

#[tokio::test]
async fn drafts_are_refused_to_those_who_may_not_and_for_bad_requests() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = claimed(&app, &program).await;
    let bylaws = json!({"template": "bylaws", "format": "pdf"});
    let cases: Vec<(&str, &str, Value, StatusCode, Option<&str>)> = vec![
        (
            "another shelter",
            &program.other_shelter.token,
            bylaws.clone(),
            StatusCode::NOT_FOUND,
            None,
        ),
        (
            "a lawyer of another firm",
            &program.outsider.token,
            bylaws.clone(),
            StatusCode::NOT_FOUND,
            None,
        ),
        (
            "the shelter files no bylaws draft",
            &program.shelter.token,
            bylaws.clone(),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            "the manager files no bylaws draft",
            &program.manager.token,
            bylaws.clone(),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            "an unknown template",
            &program.lawyer.token,
            json!({"template": "testamento", "format": "pdf"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("template"),
        ),
        (
            "an unknown format",
            &program.lawyer.token,
            json!({"template": "bylaws", "format": "rtf"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("format"),
        ),
        (
            "a missing format",
            &program.lawyer.token,
            json!({"template": "bylaws"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("format"),
        ),
        (
            "an unknown field",
            &program.lawyer.token,
            json!({"template": "bylaws", "format": "pdf", "lang": "fr"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("lang"),
        ),
    ];
    for (who, token, body, expected, field) in cases {
        let (status, problem) = app.generate(token, &case, body).await;
        assert_eq!(status, expected, "{who}: {problem}");
        if let Some(field) = field {
            assert_eq!(problem["errors"][0]["field"], field, "{who}: {problem}");
        }
    }
    // An open case a lawyer has not claimed shows only its summary: no draft of it.
    let open = open_case(&app, &program).await;
    let response = app
        .preview(&program.colleague.token, &open, "template=bylaws")
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = app
        .preview(&program.lawyer.token, &case, "template=testamento")
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rows(&app).await, 0, "nothing was stored");
}

fn templates_with(dir: &std::path::Path, file: &str, text: &str) {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates/documents");
    for entry in std::fs::read_dir(source).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    std::fs::write(dir.join(file), text).unwrap();
}

#[tokio::test]
async fn a_broken_template_stops_the_start_naming_the_template_and_line() {
    let dir = tempfile::tempdir().unwrap();
    templates_with(
        dir.path(),
        "notary_letter.md",
        "# Carta\n\nUno.\n\n{% if consejo %}\nSin cerrar.\n",
    );
    let data = tempfile::tempdir().unwrap();
    let url = database_url(data.path()).await;
    let settings = settings(
        data.path(),
        &url,
        &[("PUENTE_TEMPLATES_DIR", dir.path().to_str().unwrap())],
    );
    let db = puente_api::db::connect(&settings).await.unwrap();
    puente_api::db::migrate(&db).await.unwrap();
    let error = puente_api::prepare(settings)
        .await
        .err()
        .expect("the start fails");
    let message = error.to_string();
    assert!(message.contains("notary_letter.md"), "{message}");
    assert!(message.contains("line"), "{message}");
}

#[tokio::test]
async fn a_template_failing_for_one_case_answers_422_naming_the_template_and_line() {
    // Fine for every sample case, so it passes the start-up check; fails for the first case of
    // a new database.
    let dir = tempfile::tempdir().unwrap();
    templates_with(
        dir.path(),
        "intake_summary.md",
        "# Resumen\n\n{% if expediente is ending_with(pat=\"000001\") %}\n{{ variable_que_no_existe }}\n{% endif %}\n",
    );
    let app = TestApp::spawn_with(&[("PUENTE_TEMPLATES_DIR", dir.path().to_str().unwrap())]).await;
    let program = Program::new(&app).await;
    let case = claimed(&app, &program).await;
    let (status, problem) = app
        .generate(
            &program.manager.token,
            &case,
            json!({"template": "intake_summary", "format": "pdf"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "template");
    assert_eq!(problem["errors"][0]["code"], "template.failed");
    let message = problem["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("intake_summary.md"), "{message}");
    assert!(message.contains("línea 4"), "{message}");
    assert_eq!(rows(&app).await, 0);
}

/// The lawyer chooses the LISR art. 79 fraction(s) a donataria's bylaws name; until then the
/// bylaws leave a blank. Only the lawyer who drafts, only for a donataria, only at the current
/// version, and only the fractions Puente knows.
#[tokio::test]
async fn the_lawyer_chooses_the_lisr_fractions_the_bylaws_name() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = claimed(&app, &program).await;
    let lawyer = &program.lawyer.token;
    let read = |response: reqwest::Response| async move {
        assert_eq!(response.status(), StatusCode::OK);
        response.text().await.unwrap()
    };
    let before = read(app.preview(lawyer, &case, "template=bylaws").await).await;
    assert!(before.contains("fracción ______"), "a blank for the lawyer");

    let version = app.case(&case, lawyer).await.1["version"].as_i64().unwrap();
    let both = json!({"lisr_fractions": ["xxv_b", "vi", "vi"]});
    let (status, _) = app
        .choose_donataria(&program.shelter.token, &case, Some(version), both.clone())
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .choose_donataria(lawyer, &case, None, both.clone())
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_REQUIRED);
    let (status, _) = app
        .choose_donataria(lawyer, &case, Some(version - 1), both.clone())
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    let (status, problem) = app
        .choose_donataria(
            lawyer,
            &case,
            Some(version),
            json!({"lisr_fractions": ["viii"]}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(problem.to_string().contains("lisr_fractions"), "{problem}");
    assert_eq!(
        app.case(&case, lawyer).await.1["version"].as_i64(),
        Some(version),
        "nothing changed"
    );

    let (status, view) = app
        .choose_donataria(lawyer, &case, Some(version), both)
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["lisr_fractions"], json!(["vi", "xxv_b"]));
    assert_eq!(
        app.history_events(&case, lawyer)
            .await
            .last()
            .map(String::as_str),
        Some("lisr_fractions_chosen")
    );
    let after = read(app.preview(lawyer, &case, "template=bylaws").await).await;
    assert!(!after.contains("fracción ______"));
    assert!(
        after.contains("artículo 79, fracción VI"),
        "fraction VI named"
    );
    assert!(
        after.contains("fracción XXV, inciso b)"),
        "fraction XXV b) named"
    );

    // A request that does not seek the authorization has no fraction to choose.
    let mut plain = intake();
    plain["donataria_autorizada"] = json!(false);
    let (status, created) = app.create_case(&program.shelter.token, plain).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let other = created["id"].as_str().unwrap().to_owned();
    for (token, event, data) in [
        (&program.shelter.token, "submit", json!({})),
        (&program.manager.token, "accept", json!({})),
        (lawyer, "claim", attestation()),
    ] {
        assert_eq!(app.fire(token, &other, event, data).await.0, StatusCode::OK);
    }
    let version = app.case(&other, lawyer).await.1["version"].as_i64();
    let (status, problem) = app
        .choose_donataria(lawyer, &other, version, json!({"lisr_fractions": ["vi"]}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "lisr_fractions");
    assert_eq!(problem["errors"][0]["code"], "donataria.not_sought");
}
