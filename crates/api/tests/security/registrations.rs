//! Open registration: the answer does not tell whether an address already has an account (the
//! difference goes by e-mail), and a shelter confirms its address by a one-time link, or is
//! verified by a manager, before it can submit a request.

use puente_api::service::mail::Notice;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use time::Duration;

use crate::common::*;

const EMAIL: &str = "gloria@pasolibre.org.mx";

fn registration(shelter: &str, password: &str) -> Value {
    json!({
        "organization": {"name": shelter, "state": "MX-CHH", "municipality": "Juárez"},
        "user": {"name": "Gloria Hernández", "email": EMAIL, "password": password},
    })
}

async fn register(app: &TestApp, shelter: &str, password: &str) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        "/api/v1/shelters",
        None,
        Some(registration(shelter, password)),
    )
    .await
}

async fn confirm(app: &TestApp, token: &str) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        "/api/v1/auth/confirm-email",
        None,
        Some(json!({"token": token})),
    )
    .await
}

fn token_of(link: &str) -> &str {
    link.strip_prefix("/confirm-email/").unwrap()
}

/// A registered shelter's staff member, signed in, with a complete draft: the case's id and
/// the token.
async fn registered_with_draft(app: &TestApp) -> (String, String) {
    app.set_up().await;
    let (status, body) = register(app, "Casa del Migrante Paso Libre", PASSWORD).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let token = app.login(EMAIL, PASSWORD).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, case) = app.create_case(&token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    (case["id"].as_str().unwrap().to_owned(), token)
}

#[tokio::test]
async fn registering_a_taken_address_answers_the_same_and_tells_its_owner() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let first = register(&app, "Casa del Migrante Paso Libre", PASSWORD).await;
    let again = register(&app, "Otro albergue", "otra-frase-larga-distinta").await;
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
    assert_eq!(first, again);
    assert_eq!(
        first.1,
        json!({"email": EMAIL, "status": "confirmation_sent"})
    );
    // Nothing was created the second time, and the account kept its password.
    let (_, shelters) = app
        .get("/api/v1/organizations?kind=shelter", &program.manager.token)
        .await;
    let names: Vec<&str> = shelters["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["name"].as_str())
        .collect();
    assert!(names.contains(&"Casa del Migrante Paso Libre"), "{names:?}");
    assert!(!names.contains(&"Otro albergue"), "{names:?}");
    app.login(EMAIL, PASSWORD).await;
    // The address heard of both: a link first, then word of the second attempt.
    let kinds: Vec<Notice> = app
        .mail_to(EMAIL)
        .await
        .into_iter()
        .map(|(kind, _)| kind)
        .collect();
    assert_eq!(kinds, [Notice::ConfirmEmail, Notice::RegistrationAttempt]);
}

#[tokio::test]
async fn an_unconfirmed_unverified_shelter_cannot_submit() {
    let app = TestApp::spawn().await;
    let (case, token) = registered_with_draft(&app).await;
    let submit = || app.fire(&token, &case, "submit", json!({}));
    let (status, refused) = submit().await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["missing"], json!(["shelter:email_confirmed"]));
    let (_, offers) = app
        .get(&format!("/api/v1/cases/{case}/transitions"), &token)
        .await;
    assert!(
        offers.to_string().contains("shelter:email_confirmed"),
        "{offers}"
    );
    let (_, me) = app.get("/api/v1/me", &token).await;
    assert_eq!(me["email_confirmed"], false);

    // A new link replaces the first, which no longer works.
    let first = app.confirmation_link(EMAIL).await;
    let (status, _) = app
        .post("/api/v1/me/email-confirmation", &token, json!({}))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let second = app.confirmation_link(EMAIL).await;
    assert_ne!(first, second);
    let (status, problem) = confirm(&app, token_of(&first)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "token", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "token.invalid", "{problem}");

    // The new one confirms the address, once; then the request goes.
    let (status, body) = confirm(&app, token_of(&second)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        confirm(&app, token_of(&second)).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (_, me) = app.get("/api/v1/me", &token).await;
    assert_eq!(me["email_confirmed"], true);
    let (status, _) = app
        .post("/api/v1/me/email-confirmation", &token, json!({}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, body) = submit().await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_link_expires_and_a_mangled_one_confirms_nothing() {
    let app = TestApp::spawn().await;
    let start = app.state.sign_in_now();
    app.state.sign_in_clock.set(start);
    let (case, token) = registered_with_draft(&app).await;
    let link = app.confirmation_link(EMAIL).await;
    for mangled in ["", "x", "../../etc/passwd", &token_of(&link)[..42]] {
        let (status, _) = confirm(&app, mangled).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{mangled:?}");
    }
    app.state
        .sign_in_clock
        .set(start + Duration::hours(48) + Duration::minutes(1));
    let (status, _) = confirm(&app, token_of(&link)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    app.state.sign_in_clock.set(start);
    assert_eq!(
        app.fire(&token, &case, "submit", json!({})).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn a_manager_verifying_the_shelter_confirms_it() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (case, token) = registered_with_draft(&app).await;
    let (_, me) = app.get("/api/v1/me", &token).await;
    let org = me["organization"]["id"].as_str().unwrap().to_owned();
    let (status, _) = app
        .post(
            &format!("/api/v1/organizations/{org}/verify"),
            &program.manager.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, me) = app.get("/api/v1/me", &token).await;
    assert_eq!(me["email_confirmed"], true);
    let (status, body) = app.fire(&token, &case, "submit", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
