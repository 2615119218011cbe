//! Text injection: an anonymous shelter put line breaks and a phishing line in a proposed name,
//! and it arrived as a paragraph of its own in the "new request" e-mail to every manager. A
//! single-line field now refuses control characters (422 naming the field, nothing saved), a
//! multi-line one keeps its line breaks and nothing else, and an e-mail shows a name quoted, on
//! one line.

use puente_api::entity::{case, outbox};
use puente_api::service::mail::Notice;
use puente_api::service::mail::templates::MailTemplates;
use puente_i18n::Lang;
use reqwest::{Method, StatusCode};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::common::*;

const PHISHING: &str =
    "Casa del Migrante\r\n\r\nURGENTE: confirme su contraseña en https://evil.example\r\n";

/// The refused fields of a 422 answer, as `(field, code)`.
fn refused(status: StatusCode, problem: &Value) -> Vec<(String, String)> {
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert!(!e["message"].as_str().unwrap().is_empty(), "{e}");
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn control(field: &str) -> (String, String) {
    (field.to_owned(), "text.control_characters".to_owned())
}

#[tokio::test]
async fn a_proposed_name_with_line_breaks_is_refused_naming_it_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let cases = || async { case::Entity::find().count(&app.state.db).await.unwrap() };

    let mut phishing = intake();
    phishing["proposed_names"][1] = json!(PHISHING);
    let (status, problem) = app.create_case(&program.shelter.token, phishing).await;
    assert_eq!(
        refused(status, &problem),
        [control("intake.proposed_names[1]")]
    );
    assert_eq!(cases().await, 0);

    // Nor can a saved draft take one in, nor any other one-line field.
    let (status, draft) = app.create_case(&program.shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    let path = format!("/api/v1/cases/{}", draft["id"].as_str().unwrap());
    let mut changed = intake();
    changed["proposed_names"][0] = json!("Casa\u{2028}URGENTE");
    changed["domicile"]["address"] = json!("Calle 1\nPiso 2");
    changed["associates"][1]["full_name"] = json!("Jean\tNoël");
    changed["contact"]["name"] = json!("Gloria \u{202E}zednánreH");
    let response = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&program.shelter.token)
        .header("if-match", "\"1\"")
        .json(&json!({"intake": changed}))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let problem: Value = response.json().await.unwrap();
    let mut fields = refused(status, &problem);
    fields.sort();
    assert_eq!(
        fields,
        [
            control("intake.associates[1].full_name"),
            control("intake.contact.name"),
            control("intake.domicile.address"),
            control("intake.proposed_names[0]"),
        ]
    );
    let (_, stored) = app.get(&path, &program.shelter.token).await;
    assert_eq!(stored["version"], 1);
    assert_eq!(stored["intake"], draft["intake"]);

    // The purpose may run over several lines; a tab or an escape sequence has no place in it.
    let mut lines = intake();
    lines["purpose"] = json!("Brindar albergue a personas migrantes.\r\nY orientación legal.");
    let (status, _) = app.create_case(&program.shelter.token, lines.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    lines["purpose"] = json!("Brindar albergue a personas migrantes.\u{1b}[2J\tY más.");
    let (status, problem) = app.create_case(&program.shelter.token, lines).await;
    assert_eq!(refused(status, &problem), [control("intake.purpose")]);
}

#[tokio::test]
async fn names_of_accounts_and_event_texts_refuse_control_characters_too() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;

    // A shelter registering itself.
    let (status, problem) = app
        .call(
            Method::POST,
            "/api/v1/shelters",
            None,
            Some(json!({
                "organization": {"name": PHISHING, "state": "MX-SON", "municipality": "Nogales"},
                "user": {"name": "Ana\nLópez", "email": "ana@casa-ejemplo.mx",
                         "password": "una-contraseña-larga-y-rara"},
            })),
        )
        .await;
    let mut fields = refused(status, &problem);
    fields.sort();
    assert_eq!(fields, [control("organization.name"), control("user.name")]);

    // A name given with an event (one line), and a message (several lines, nothing else).
    let case = open_case(&app, &program).await;
    let (status, _) = app
        .fire(&program.lawyer.token, &case, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, problem) = app
        .fire(
            &program.lawyer.token,
            &case,
            "name_authorized",
            json!({"authorized_name": PHISHING, "authorized_on": "2026-01-15"}),
        )
        .await;
    assert_eq!(refused(status, &problem), [control("data.authorized_name")]);

    // A comment keeps its paragraphs but not an escape sequence.
    let comments = format!("/api/v1/cases/{case}/comments");
    let (status, _) = app
        .post(
            &comments,
            &program.lawyer.token,
            json!({"body": "Hola.\n\nFalta el INE."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, problem) = app
        .post(
            &comments,
            &program.lawyer.token,
            json!({"body": "Hola.\u{7}"}),
        )
        .await;
    assert_eq!(refused(status, &problem), [control("body")]);
}

#[tokio::test]
async fn the_new_request_e_mail_shows_a_name_with_odd_whitespace_quoted_on_one_line() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let mut odd = intake();
    // Spaces, a no-break space and an em space: whitespace, not control characters.
    odd["proposed_names"][0] = json!("  Casa   del\u{a0}\u{2003}Migrante  ");
    let (status, case) = app.create_case(&program.shelter.token, odd).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let id = case["id"].as_str().unwrap();
    let (status, _) = app
        .fire(&program.shelter.token, id, "submit", json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);

    let messages: Vec<outbox::Model> = outbox::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == Notice::NewSubmission)
        .collect();
    assert!(!messages.is_empty());
    let templates = MailTemplates::new(&app.state.settings.public_url).unwrap();
    for message in messages {
        for (lang, quoted) in [
            (Lang::Es, "(«Casa del Migrante»)"),
            (Lang::En, "(“Casa del Migrante”)"),
        ] {
            let mail = templates
                .render(Notice::NewSubmission, lang, "Laura", &message.payload)
                .unwrap();
            let line = mail
                .body
                .lines()
                .find(|line| line.contains("Casa"))
                .unwrap();
            assert!(line.contains(quoted), "{mail:?}");
            assert!(
                line.contains(case["reference"].as_str().unwrap()),
                "{mail:?}"
            );
        }
    }
}
