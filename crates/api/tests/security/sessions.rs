//! Sessions: logout ends the access token at once, not fifteen minutes later; a session ends
//! after its idle limit and at its absolute limit however much it is used; the owner sees their
//! sessions and ends any of them, and nobody else's.

use puente_api::service::repo::orgs::OrgKind;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use time::Duration;

use crate::common::*;

#[tokio::test]
async fn logout_ends_the_access_token_at_once() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let pair = app.login(&person.email, PASSWORD).await;
    let access = pair["access_token"].as_str().unwrap();
    assert_eq!(app.me(access).await.0, StatusCode::OK);
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/logout",
            None,
            Some(json!({"refresh_token": pair["refresh_token"]})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.me(access).await.0, StatusCode::UNAUTHORIZED);
    // A logout with the bearer token alone ends that session too.
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/logout",
            Some(&person.token),
            Some(json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.me(&person.token).await.0, StatusCode::UNAUTHORIZED);
}

async fn refresh(app: &TestApp, token: &Value) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(json!({"refresh_token": token})),
    )
    .await
}

#[tokio::test]
async fn a_session_ends_when_idle_and_at_its_absolute_limit() {
    let app = TestApp::spawn_with(&[
        ("PUENTE_SESSION_IDLE_DAYS", "7"),
        ("PUENTE_SESSION_ABSOLUTE_DAYS", "30"),
    ])
    .await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let start = time::OffsetDateTime::now_utc();

    // Idle: six days without use is fine; a renewal then starts the idle limit again.
    app.state.sign_in_clock.set(start);
    let idle = app.login(&person.email, PASSWORD).await;
    app.state.sign_in_clock.set(start + Duration::days(6));
    let (status, renewed) = refresh(&app, &idle["refresh_token"]).await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    app.state
        .sign_in_clock
        .set(start + Duration::days(12) + Duration::hours(23));
    assert_eq!(
        app.me(renewed["access_token"].as_str().unwrap()).await.0,
        StatusCode::OK
    );
    // Seven days after the last use, neither its access token nor its refresh token works.
    app.state
        .sign_in_clock
        .set(start + Duration::days(13) + Duration::hours(1));
    assert_eq!(
        app.me(renewed["access_token"].as_str().unwrap()).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        refresh(&app, &renewed["refresh_token"]).await.0,
        StatusCode::UNAUTHORIZED
    );

    // Absolute: renewed every five days, the session still ends thirty days after sign-in.
    app.state.sign_in_clock.set(start);
    let mut pair = app.login(&person.email, PASSWORD).await;
    for day in (5..30).step_by(5) {
        app.state.sign_in_clock.set(start + Duration::days(day));
        let (status, next) = refresh(&app, &pair["refresh_token"]).await;
        assert_eq!(status, StatusCode::OK, "day {day}: {next}");
        pair = next;
    }
    app.state
        .sign_in_clock
        .set(start + Duration::days(30) + Duration::minutes(1));
    assert_eq!(
        app.me(pair["access_token"].as_str().unwrap()).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        refresh(&app, &pair["refresh_token"]).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_owner_sees_and_ends_their_sessions_and_nobody_elses() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let phone = app.login(&person.email, PASSWORD).await;
    let phone_token = phone["access_token"].as_str().unwrap();
    let (status, list) = app.get("/api/v1/me/sessions", &person.token).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let items = list["items"].as_array().unwrap();
    assert!(items.len() >= 2, "{list}");
    assert_eq!(items.iter().filter(|s| s["current"] == true).count(), 1);
    let other = items
        .iter()
        .find(|s| s["current"] == false)
        .and_then(|s| s["id"].as_str())
        .unwrap()
        .to_owned();

    // Someone else cannot end it, nor learn it exists.
    let stranger = app.person(shelter, "shelter", false).await;
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/v1/me/sessions/{other}"),
            Some(&stranger.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.me(phone_token).await.0, StatusCode::OK);

    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/v1/me/sessions/{other}"),
            Some(&person.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.me(phone_token).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        refresh(&app, &phone["refresh_token"]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.me(&person.token).await.0, StatusCode::OK);
}
