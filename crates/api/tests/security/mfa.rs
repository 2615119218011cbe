//! Second factors: enrolment shows a QR code and the key and takes effect once confirmed with a
//! code; sign-ins then need a code (`mfa_required` without, `mfa_invalid` when wrong or used
//! before); recovery codes work once; those the program requires to enrol can do nothing else
//! until they have.

use puente_api::service::repo::orgs::OrgKind;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use totp_rs::{Algorithm, Secret, TOTP};

use crate::common::*;

/// The code of the authenticator app for `secret`, `steps` periods from now.
fn code(secret: &str, steps: i64) -> String {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    let totp = TOTP::new(Algorithm::SHA1, 6, 0, 30, bytes, None, String::new()).unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp() + steps * 30;
    totp.generate(u64::try_from(now).unwrap())
}

async fn login(app: &TestApp, email: &str, otp: Option<&str>) -> (StatusCode, Value) {
    let mut body = json!({"email": email, "password": PASSWORD});
    if let Some(otp) = otp {
        body["otp"] = json!(otp);
    }
    app.call(Method::POST, "/api/v1/auth/login", None, Some(body))
        .await
}

/// Makes a manager an admin after the fact (the harness makes plain managers).
pub(crate) async fn make_admin(app: &TestApp, person: &Person) {
    use sea_orm::{ActiveModelTrait, Set};
    let user = puente_api::service::repo::users::find(&app.state.db, person.id)
        .await
        .unwrap()
        .unwrap();
    let mut active: puente_api::entity::user::ActiveModel = user.into();
    active.admin = Set(true);
    active.update(&app.state.db).await.unwrap();
}

/// Enrols and confirms; returns the secret and the recovery codes.
async fn enrol(app: &TestApp, token: &str) -> (String, Vec<String>) {
    let (status, enrolment) = app.post("/api/v1/me/mfa/enrolment", token, json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{enrolment}");
    assert!(enrolment["qr_svg"].as_str().unwrap().contains("<svg"));
    assert!(
        enrolment["otpauth_url"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/Puente:")
    );
    let secret = enrolment["secret"].as_str().unwrap().to_owned();
    let (status, body) = app
        .post("/api/v1/me/mfa/confirm", token, json!({"code": "000000"}))
        .await;
    // (One chance in a million that 000000 is the right code.)
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["errors"][0]["field"], "code");
    let (status, body) = app
        .post(
            "/api/v1/me/mfa/confirm",
            token,
            json!({"code": code(&secret, 0)}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let codes: Vec<String> = body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

#[tokio::test]
async fn a_second_factor_is_enrolled_then_asked_for_and_each_code_works_once() {
    let app = TestApp::spawn().await;
    let firm = app.org(OrgKind::LawFirm, "Despacho", true).await;
    let lawyer = app.person_with_password(firm, "lawyer").await;
    let (secret, recovery) = enrol(&app, &lawyer.token).await;

    let (status, body) = login(&app, &lawyer.email, None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("mfa_required"))
    );
    // The code that confirmed the enrolment was used: the next one signs in, once.
    let next = code(&secret, 1);
    let (status, body) = login(&app, &lawyer.email, Some(&next)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = login(&app, &lawyer.email, Some(&next)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("mfa_invalid"))
    );
    // A recovery code works once, in any case and with or without its dash.
    let spelled = recovery[0].to_uppercase().replace('-', "");
    let (status, body) = login(&app, &lawyer.email, Some(&spelled)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = login(&app, &lawyer.email, Some(&recovery[0])).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = app.get("/api/v1/me/mfa", &lawyer.token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["enabled"], true);
    assert_eq!(body["recovery_codes_left"], 9);
    // A wrong password never reaches the second factor.
    let (status, body) = app
        .call(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": lawyer.email, "password": "equivocada-123", "otp": code(&secret, 0)})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_credentials"))
    );
}

#[tokio::test]
async fn those_required_to_enrol_can_do_nothing_else_until_they_have() {
    let app = TestApp::spawn_with(&[("PUENTE_MFA_REQUIRED_FOR", "admins")]).await;
    let program = app.org(OrgKind::Program, "Programa", true).await;
    let admin = app.person_with_password(program, "manager").await;
    make_admin(&app, &admin).await;

    let (status, body) = login(&app, &admin.email, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["access_token"].as_str().unwrap();
    let (status, body) = app.get("/api/v1/cases", token).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("mfa_enrolment_required"))
    );
    assert_eq!(app.get("/api/v1/me", token).await.0, StatusCode::OK);
    let (status, body) = app.get("/api/v1/me/mfa", token).await;
    assert_eq!(
        (status, body["required"].as_bool()),
        (StatusCode::OK, Some(true))
    );
    enrol(&app, token).await;
    assert_eq!(app.get("/api/v1/cases", token).await.0, StatusCode::OK);
    // And they cannot turn it off.
    let (status, body) = app
        .post("/api/v1/me/mfa/disable", token, json!({"code": "123456"}))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("mfa_required_by_program"))
    );
}

async fn remove(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    app.call(Method::DELETE, path, Some(token), None).await
}

#[tokio::test]
async fn an_admin_removes_a_lost_second_factor_but_not_their_own() {
    let app = TestApp::spawn().await;
    let program = app.org(OrgKind::Program, "Programa", true).await;
    let admin = app.person_with_password(program, "manager").await;
    make_admin(&app, &admin).await;
    let manager = app.person_with_password(program, "manager").await;
    let firm = app.org(OrgKind::LawFirm, "Despacho", true).await;
    let lawyer = app.person_with_password(firm, "lawyer").await;
    enrol(&app, &lawyer.token).await;
    let path = format!("/api/v1/users/{}/mfa", lawyer.id);

    // Only an admin, and never for themselves.
    assert_eq!(
        remove(&app, &manager.token, &path).await.0,
        StatusCode::FORBIDDEN
    );
    let own = format!("/api/v1/users/{}/mfa", admin.id);
    let (status, body) = remove(&app, &admin.token, &own).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("mfa_own_factor"))
    );

    // Removed: the lawyer's sessions end, and the password alone signs in again.
    let (status, body) = remove(&app, &admin.token, &path).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(
        app.get("/api/v1/me", &lawyer.token).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, body) = login(&app, &lawyer.email, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = remove(&app, &admin.token, &path).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("mfa_not_enabled"))
    );
}
