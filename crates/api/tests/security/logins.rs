//! Sign-in throttling: attempts are counted before the password is checked, so a burst of wrong
//! passwords checks at most the limit; the limits hold per account and address and per address,
//! and never lock the owner out from elsewhere; a forwarded address counts only when a trusted
//! proxy forwarded it; wrong current passwords at a password change are throttled too.

use futures::future::join_all;
use puente_api::service::repo::orgs::OrgKind;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

async fn login_from(app: &TestApp, forwarded_for: &str, email: &str, password: &str) -> StatusCode {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("X-Forwarded-For", forwarded_for)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn forty_simultaneous_wrong_passwords_check_at_most_five_and_the_owner_still_signs_in() {
    let app = TestApp::spawn_with(&[("PUENTE_TRUSTED_PROXIES", "127.0.0.1/32")]).await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let owner = app.person_with_password(shelter, "shelter").await;
    let attempts = (0..40).map(|_| login_from(&app, "203.0.113.5", &owner.email, "equivocada-123"));
    let statuses = join_all(attempts).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    // A 401 is a password that was checked; a 429 one refused before any hashing.
    assert!(checked <= 5, "{checked} passwords checked: {statuses:?}");
    assert_eq!(checked + refused, 40, "{statuses:?}");
    // From that address, even the right password waits for the window…
    assert_eq!(
        login_from(&app, "203.0.113.5", &owner.email, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // …but the owner, elsewhere, is only slowed down, never locked out.
    assert_eq!(
        login_from(&app, "198.51.100.7", &owner.email, PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn invented_accounts_from_one_address_exhaust_that_address_only() {
    let app = TestApp::spawn_with(&[
        ("PUENTE_TRUSTED_PROXIES", "127.0.0.1/32"),
        ("PUENTE_LOGIN_ATTEMPTS_PER_ADDRESS", "6"),
    ])
    .await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let owner = app.person_with_password(shelter, "shelter").await;
    for n in 0..6 {
        let status = login_from(
            &app,
            "203.0.113.9",
            &format!("nadie{n}@prueba.mx"),
            "x-equivocada-1",
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        login_from(&app, "203.0.113.9", "otra@prueba.mx", "x-equivocada-1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another client behind the same proxy is not affected.
    assert_eq!(
        login_from(&app, "198.51.100.20", &owner.email, PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_forwarded_address_is_ignored_unless_a_trusted_proxy_sent_it() {
    // No trusted proxy: every request is the loopback peer, whatever it claims.
    let app = TestApp::spawn_with(&[("PUENTE_LOGIN_ATTEMPTS_PER_ADDRESS", "3")]).await;
    for n in 0..3 {
        let claimed = format!("192.0.2.{n}");
        let status = login_from(
            &app,
            &claimed,
            &format!("nadie{n}@prueba.mx"),
            "x-equivocada-1",
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        login_from(&app, "192.0.2.77", "nadie@prueba.mx", "x-equivocada-1").await,
        StatusCode::TOO_MANY_REQUESTS,
        "a client cannot escape the limit by naming another address"
    );
}

#[tokio::test]
async fn wrong_current_passwords_at_a_password_change_are_throttled() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let change = |current: &'static str| {
        let app = &app;
        let token = person.token.clone();
        async move {
            app.post(
                "/api/v1/me/password",
                &token,
                json!({"current_password": current, "new_password": "otra-clave-del-albergue-9"}),
            )
            .await
            .0
        }
    };
    for _ in 0..5 {
        assert_eq!(
            change("no-es-la-mia-1").await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        change("no-es-la-mia-1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(change(PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
}
