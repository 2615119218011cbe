//! The «Seguridad» page: someone the program asks for a second factor is sent there after
//! signing in, sets it up with the QR code's key and a first code, sees the recovery codes once,
//! and may then use Puente; the page lists the open sessions and ends another one.

use puente_api::service::repo::orgs::OrgKind;
use reqwest::StatusCode;
use totp_rs::{Algorithm, Secret, TOTP};

use super::mfa::make_admin;
use crate::common::browser::Browser;
use crate::common::*;

fn code_now(secret: &str) -> String {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    TOTP::new(Algorithm::SHA1, 6, 0, 30, bytes, None, String::new())
        .unwrap()
        .generate_current()
        .unwrap()
}

#[tokio::test]
async fn an_admin_sets_up_the_second_factor_in_the_pages_before_anything_else() {
    let app = TestApp::spawn_with(&[("PUENTE_MFA_REQUIRED_FOR", "admins")]).await;
    let program = app.org(OrgKind::Program, "Programa", true).await;
    let admin = app.person_with_password(program, "manager").await;
    make_admin(&app, &admin).await;

    let mut browser = Browser::new(&app, false);
    let signed_in = browser.sign_in_at("/login", &admin.email, PASSWORD).await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.html
    );
    let home = browser.get("/").await;
    assert_eq!(home.location.as_deref(), Some("/security"));
    let page = browser.get("/security").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("segundo factor"), "{}", page.html);

    let enrolment = browser.post("/security/mfa/enrol", &[]).await;
    assert_eq!(enrolment.status, StatusCode::OK, "{}", enrolment.html);
    assert!(
        enrolment.html.contains("<svg"),
        "the QR code is drawn in the page"
    );
    let secret = enrolment
        .html
        .split("<code class=\"secret\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap()
        .to_owned();
    let wrong = browser
        .post("/security/mfa/confirm", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = browser
        .post("/security/mfa/confirm", &[("code", &code_now(&secret))])
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.html);
    assert_eq!(done.html.matches("<li><code>").count(), 10, "{}", done.html);
    assert_eq!(browser.get("/").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_page_lists_the_open_sessions_and_ends_another() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let mut browser = Browser::new(&app, false);
    browser.sign_in_at("/login", &person.email, PASSWORD).await;
    let page = browser.get("/security").await;
    assert_eq!(page.status, StatusCode::OK);
    // The browser's session and the one the harness signed in with.
    let ends = page.html.matches("/end\"").count();
    assert_eq!(ends, 2, "{}", page.html);
    let (status, _) = app.get("/api/v1/me", &person.token).await;
    assert_eq!(status, StatusCode::OK);
    let sessions = app.get("/api/v1/me/sessions", &person.token).await.1;
    let other = sessions["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .and_then(|s| s["id"].as_str())
        .unwrap()
        .to_owned();
    let ended = browser
        .post(&format!("/security/sessions/{other}/end"), &[])
        .await;
    assert_eq!(ended.location.as_deref(), Some("/security"));
    assert_eq!(
        app.get("/api/v1/me", &person.token).await.0,
        StatusCode::UNAUTHORIZED
    );
    let page = browser.get("/security").await;
    assert_eq!(page.status, StatusCode::OK);
    // Its own session ended from another device, the browser still signs out cleanly.
    let token = app.login(&person.email, PASSWORD).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let mine = app.get("/api/v1/me/sessions", &token).await.1["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["current"] == false)
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    for id in mine {
        app.call(
            reqwest::Method::DELETE,
            &format!("/api/v1/me/sessions/{id}"),
            Some(&token),
            None,
        )
        .await;
    }
    let out = browser.post("/logout", &[]).await;
    assert_eq!(out.location.as_deref(), Some("/login"), "{}", out.html);
}
