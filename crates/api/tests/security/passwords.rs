//! Passwords: the common ones are refused beside their field, in the API and in the pages, and
//! a password's spaces are kept the same way by both.

use puente_api::service::repo::orgs::OrgKind;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::*;

fn registration(email: &str, password: &str) -> serde_json::Value {
    json!({
        "organization": {"name": "Casa Ejemplo", "state": "MX-SON", "municipality": "Nogales"},
        "user": {"name": "Ana López", "email": email, "password": password},
    })
}

#[tokio::test]
async fn a_common_password_is_refused_beside_its_field() {
    let app = TestApp::spawn().await;
    app.set_up().await;
    for common in ["password1234", "Contraseña", "teamomucho", "  America123 "] {
        let (status, body) = app
            .call(
                Method::POST,
                "/api/v1/shelters",
                None,
                Some(registration("ana@casa-ejemplo.mx", common)),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{common}: {body}");
        let error = &body["errors"][0];
        assert_eq!(error["field"], "user.password", "{body}");
        assert_eq!(error["code"], "password.common", "{body}");
    }
    // So is one made of the person's own words, or Puente's.
    for guessable in ["Puente2026!!", "ana.lopez-casa-ejemplo", "CasaEjemplo2026"] {
        let body = registration("ana.lopez@casa-ejemplo.mx", guessable);
        let (status, body) = app
            .call(Method::POST, "/api/v1/shelters", None, Some(body))
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{guessable}: {body}"
        );
        assert_eq!(body["errors"][0]["field"], "user.password", "{body}");
        assert_eq!(body["errors"][0]["code"], "password.context", "{body}");
    }
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let (status, body) = app
        .post(
            "/api/v1/me/password",
            &person.token,
            json!({"current_password": PASSWORD, "new_password": "password1234"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "new_password");
}

#[tokio::test]
async fn spaces_in_a_password_count_the_same_in_the_pages_and_the_api() {
    let app = TestApp::spawn().await;
    app.set_up().await;
    const PASSWORD_WITH_SPACES: &str = "  frase con espacios al borde  ";
    let password = PASSWORD_WITH_SPACES;
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/shelters",
            None,
            Some(registration("espacios@casa-ejemplo.mx", password)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // The API takes the password exactly as typed…
    app.login("espacios@casa-ejemplo.mx", password).await;
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "espacios@casa-ejemplo.mx", "password": password.trim()})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // …and so does the sign-in page.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = browser.get(app.url("/login")).send().await.unwrap();
    let cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|pair| pair.contains("csrf="))
        .unwrap();
    let html = page.text().await.unwrap();
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let sign_in = |password: &'static str| {
        let browser = browser.clone();
        let cookie = cookie.clone();
        let csrf = csrf.clone();
        let url = app.url("/login");
        async move {
            browser
                .post(url)
                .header("cookie", cookie)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("email", "espacios@casa-ejemplo.mx"),
                    ("password", password),
                    ("next", "/"),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(sign_in(password.trim()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(sign_in(password).await, StatusCode::SEE_OTHER);
}
