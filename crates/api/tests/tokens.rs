//! Tokens: every forged, stale or misdirected access token is refused; a refresh token works
//! once, and replaying it revokes its family; logout, deactivation and a password change end
//! sessions; logins are rate-limited.

use crate::common::*;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use puente_api::service::repo::orgs::OrgKind;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

fn kid() -> String {
    use sha2::Digest;
    sha2::Sha256::digest(SECRET.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The session a person's token belongs to (its `sid` claim).
fn session_of(person: &Person) -> Value {
    let payload = person.token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice::<Value>(&bytes).unwrap()["sid"].clone()
}

fn claims(person: &Person, now: i64) -> Value {
    json!({
        "iss": "puente", "aud": "puente-api", "sub": person.id, "exp": now + 600, "iat": now,
        "nbf": now, "jti": Uuid::new_v4(), "role": "manager", "org": person.org, "admin": false, "ver": 0,
        "sid": session_of(person),
    })
}

fn sign(claims: &Value, secret: &str, kid: Option<String>) -> String {
    let mut header = Header::new(Algorithm::HS256);
    header.kid = kid;
    encode(
        &header,
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

#[tokio::test]
async fn forged_stale_and_misdirected_access_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let program = app.org(OrgKind::Program, "Programa", true).await;
    let manager = app.person(program, "manager", false).await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let good = claims(&manager, now);
    assert_eq!(
        app.me(&sign(&good, SECRET, Some(kid()))).await.0,
        StatusCode::OK
    );

    let mut expired = good.clone();
    expired["exp"] = json!(now - 60);
    let mut early = good.clone();
    early["nbf"] = json!(now + 3600);
    let mut audience = good.clone();
    audience["aud"] = json!("otra-api");
    let mut issuer = good.clone();
    issuer["iss"] = json!("otro");
    let mut stale_version = good.clone();
    stale_version["ver"] = json!(1);
    let mut stranger = good.clone();
    stranger["sub"] = json!(Uuid::new_v4());
    let mut no_session = good.clone();
    no_session["sid"] = json!(Uuid::new_v4());
    let mut sessionless = good.clone();
    sessionless.as_object_mut().unwrap().remove("sid");
    let unsigned = {
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = engine.encode(json!({"alg": "none", "typ": "JWT", "kid": kid()}).to_string());
        let body = engine.encode(good.to_string());
        format!("{header}.{body}.")
    };
    let cases = [
        ("expired", sign(&expired, SECRET, Some(kid()))),
        ("not yet valid", sign(&early, SECRET, Some(kid()))),
        ("wrong audience", sign(&audience, SECRET, Some(kid()))),
        ("wrong issuer", sign(&issuer, SECRET, Some(kid()))),
        (
            "wrong signature",
            sign(&good, "another-secret-0123456789abcdef-0123", Some(kid())),
        ),
        (
            "unknown key id",
            sign(&good, SECRET, Some("0000000000000000".into())),
        ),
        ("no key id", sign(&good, SECRET, None)),
        ("alg none", unsigned),
        (
            "revoked by version",
            sign(&stale_version, SECRET, Some(kid())),
        ),
        ("unknown user", sign(&stranger, SECRET, Some(kid()))),
        ("unknown session", sign(&no_session, SECRET, Some(kid()))),
        ("no session", sign(&sessionless, SECRET, Some(kid()))),
        ("garbage", "not.a.token".to_owned()),
    ];
    for (what, token) in cases {
        let (status, body) = app.get("/api/v1/me", &token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}");
        assert_eq!(body["code"], "unauthorized", "{what}");
    }
    let (status, _) = app.call(Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_refresh_token_works_once_and_a_replay_revokes_the_family() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let first = app.login(&person.email, PASSWORD).await;
    let refresh = |token: &Value| json!({"refresh_token": token["refresh_token"]});

    let (status, second) = app
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(refresh(&first)),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(
        app.me(second["access_token"].as_str().unwrap()).await.0,
        StatusCode::OK
    );

    // The used token again: refused, and the family it belongs to is revoked.
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(refresh(&first)),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(refresh(&second)),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the newer token of the family is revoked too"
    );

    // Another login is another family, ended by logout.
    let third = app.login(&person.email, PASSWORD).await;
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/logout",
            None,
            Some(refresh(&third)),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(refresh(&third)),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": "inventado"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn deactivation_and_a_password_change_end_every_session() {
    let app = TestApp::spawn().await;
    let program = app.org(OrgKind::Program, "Programa", true).await;
    let admin = app.person(program, "manager", true).await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let session = app.login(&person.email, PASSWORD).await;
    let access = session["access_token"].as_str().unwrap().to_owned();

    let (status, _) = app
        .post(
            "/api/v1/me/password",
            &access,
            json!({"current_password": PASSWORD, "new_password": "otra-contraseña-larga"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.me(&access).await.0, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": session["refresh_token"]})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let session = app.login(&person.email, "otra-contraseña-larga").await;
    let access = session["access_token"].as_str().unwrap().to_owned();
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{}", person.id),
            Some(&admin.token),
            Some(json!({"active": false})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.me(&access).await.0, StatusCode::UNAUTHORIZED);
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": person.email, "password": "otra-contraseña-larga"})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("account_deactivated")),
        "the right password is told why it does not open the account"
    );
}

#[tokio::test]
async fn repeated_failed_logins_are_slowed_down_per_account_and_per_address() {
    let app = TestApp::spawn_with(&[("PUENTE_LOGIN_ATTEMPTS_PER_ADDRESS", "8")]).await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let attempt = |email: String, password: &'static str| {
        let app = &app;
        async move {
            let response = app
                .client
                .post(app.url("/api/v1/auth/login"))
                .header("Accept-Language", "en")
                .json(&json!({"email": email, "password": password}))
                .send()
                .await
                .unwrap();
            let retry = response
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
            (
                response.status(),
                retry,
                response.json::<Value>().await.unwrap(),
            )
        }
    };
    for _ in 0..5 {
        assert_eq!(
            attempt(person.email.clone(), "equivocada-123").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    // The account is locked for a while, even with the right password.
    let (status, retry, body) = attempt(person.email.clone(), PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry.is_some_and(|s| (1..=900).contains(&s)), "{retry:?}");
    assert_eq!(body["title"], "Too many attempts");
    // From the same address, other accounts run out after the per-address limit.
    for n in 0..3 {
        assert_eq!(
            attempt(format!("nadie{n}@prueba.mx"), "equivocada-123")
                .await
                .0,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        attempt("otra@prueba.mx".into(), "equivocada-123").await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
}
