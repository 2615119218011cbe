//! Signing in and out, the language switch, a shelter's self-registration and the password
//! change.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::Lang;
use puente_workflow::intake::MexicanState;
use serde_json::{Value, json};

use super::api::{Answer, Api};
use super::redirect::local_path;
use super::render::{errors, failure, page, see};
use super::session;
use super::visit::{Checked, Fields, SignedIn, SignedOutForm, Visit, with_cookies};
use crate::auth::session::{self as sessions, Credentials};
use crate::error::ApiError;
use crate::state::AppState;

/// The states of Mexico, for a select.
pub fn states() -> Vec<Value> {
    MexicanState::ALL
        .into_iter()
        .map(|s| json!({"code": s.code(), "name": s.name()}))
        .collect()
}

/// Where to go after signing in: the page that asked for it, or home.
fn next_of(query: &str) -> String {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "next")
        .and_then(|(_, value)| local_path(&value).map(str::to_owned))
        .unwrap_or_else(|| "/".to_owned())
}

fn login_form(
    state: &AppState,
    visit: &Visit,
    status: StatusCode,
    fields: Option<&Fields>,
    error: Option<&str>,
) -> Response {
    let mut context = visit.context();
    let email = fields.map(|f| f.get("email")).unwrap_or_default();
    let next = match fields {
        Some(fields) => local_path(fields.get("next")).unwrap_or("/").to_owned(),
        None => next_of(&visit.query),
    };
    context.insert("email", email);
    context.insert("next", &next);
    context.insert("error", &error.unwrap_or_default());
    context.insert("done", &super::cases::done_key(visit));
    // After a right password, an account with a second factor is asked for its code.
    context.insert(
        "ask_code",
        &error.is_some_and(|key| key.starts_with("web-error-mfa")),
    );
    page(state, visit, status, "login.html", context)
}

/// The sign-in page.
pub async fn login_page(State(state): State<AppState>, visit: Visit) -> Response {
    if visit.viewer.is_some() {
        return see(&next_of(&visit.query));
    }
    login_form(&state, &visit, StatusCode::OK, None, None)
}

/// Signs in and goes where the person was heading.
pub async fn login(
    State(state): State<AppState>,
    visit: Visit,
    SignedOutForm(fields): SignedOutForm,
) -> Response {
    let credentials = Credentials {
        email: fields.get("email"),
        password: fields.secret("password").to_owned(),
        otp: Some(fields.get("otp")).filter(|otp| !otp.trim().is_empty()),
    };
    match sessions::sign_in(&state, credentials, visit.client()).await {
        Ok(pair) => with_cookies(
            see(local_path(fields.get("next")).unwrap_or("/")),
            session::session_cookies(&state, &pair),
        ),
        Err(ApiError::InvalidCredentials) => login_form(
            &state,
            &visit,
            StatusCode::UNAUTHORIZED,
            Some(&fields),
            Some("web-error-credentials"),
        ),
        Err(ApiError::TooManyRequests { .. }) => login_form(
            &state,
            &visit,
            StatusCode::TOO_MANY_REQUESTS,
            Some(&fields),
            Some("web-error-too-many"),
        ),
        Err(ApiError::MfaRequired) => login_form(
            &state,
            &visit,
            StatusCode::UNAUTHORIZED,
            Some(&fields),
            Some("web-error-mfa-required"),
        ),
        Err(ApiError::MfaInvalid) => login_form(
            &state,
            &visit,
            StatusCode::UNAUTHORIZED,
            Some(&fields),
            Some("web-error-mfa-invalid"),
        ),
        Err(ApiError::Busy { .. }) => login_form(
            &state,
            &visit,
            StatusCode::SERVICE_UNAVAILABLE,
            Some(&fields),
            Some("web-error-busy"),
        ),
        Err(error) => axum::response::IntoResponse::into_response(error),
    }
}

/// Signs out: the refresh token is revoked and the cookies removed.
///
/// Someone whose session already ended elsewhere is no longer signed in, so the form's token
/// (bound to that session) no longer matches: their cookies are cleared all the same, since
/// signing out nobody can be forged to no harm.
pub async fn logout(
    State(state): State<AppState>,
    visit: Visit,
    form: Result<Checked, Response>,
) -> Response {
    match form {
        Err(refused) if visit.viewer.is_some() => refused,
        _ => see_signed_out(&state, &visit).await,
    }
}

async fn see_signed_out(state: &AppState, visit: &Visit) -> Response {
    if let Some(refresh) = visit.refresh.as_deref()
        && let Err(error) = sessions::sign_out(state, refresh).await
    {
        return axum::response::IntoResponse::into_response(error);
    }
    with_cookies(see("/login"), session::cleared(session::Jar::of(state)))
}

/// The language switch: remembered in a cookie, back to the same page.
pub async fn switch_language(State(state): State<AppState>, Checked(fields): Checked) -> Response {
    let lang: Lang = fields.get("lang").parse().unwrap_or_default();
    let back = local_path(fields.get("back")).unwrap_or("/");
    with_cookies(
        see(back),
        [session::Jar::of(&state).set(session::LANG, lang.code(), 60 * 60 * 24 * 365)],
    )
}

fn register_form(
    state: &AppState,
    visit: &Visit,
    status: StatusCode,
    fields: Option<&Fields>,
    answer: Option<&Answer>,
) -> Response {
    let mut context = visit.context();
    let value = |name: &str| fields.map(|f| f.get(name)).unwrap_or_default().to_owned();
    context.insert(
        "form",
        &json!({
            "shelter": value("shelter"),
            "state": value("state"),
            "municipality": value("municipality"),
            "name": value("name"),
            "email": value("email"),
        }),
    );
    context.insert("states", &states());
    errors(&mut context, answer);
    page(state, visit, status, "register.html", context)
}

/// A shelter's registration form.
pub async fn register_page(State(state): State<AppState>, visit: Visit) -> Response {
    register_form(&state, &visit, StatusCode::OK, None, None)
}

/// Registers a shelter and its first user through the API, then asks them to confirm their
/// address by the link sent to it and to sign in.
pub async fn register(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    visit: Visit,
    SignedOutForm(fields): SignedOutForm,
) -> Response {
    let body = json!({
        "organization": {
            "name": fields.get("shelter"),
            "state": fields.get("state"),
            "municipality": fields.get("municipality"),
        },
        "user": {
            "name": fields.get("name"),
            "email": fields.get("email"),
            "password": fields.secret("password"),
            "locale": visit.lang.code(),
        },
    });
    let answer = api
        .call(
            &visit,
            None,
            axum::http::Method::POST,
            "/api/v1/shelters",
            Some(&body),
        )
        .await;
    if answer.status == StatusCode::UNPROCESSABLE_ENTITY {
        return register_form(&state, &visit, answer.status, Some(&fields), Some(&answer));
    }
    if !answer.ok() {
        return failure(&state, &visit, &answer);
    }
    // The same page whether or not the address had an account: what differs goes by e-mail.
    see("/login?done=registered")
}

fn password_form(
    state: &AppState,
    visit: &Visit,
    status: StatusCode,
    answer: Option<&Answer>,
) -> Response {
    let mut context = visit.context();
    errors(&mut context, answer);
    page(state, visit, status, "password.html", context)
}

/// The password change form.
pub async fn password_page(State(state): State<AppState>, signed: SignedIn) -> Response {
    password_form(&state, &signed.visit, StatusCode::OK, None)
}

/// Changes the password through the API; the old session ends with it, so the person is
/// signed in again with the new one.
pub async fn change_password(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    let visit = &signed.visit;
    let new_password = fields.secret("new_password").to_owned();
    if new_password != fields.secret("confirm_password") {
        let answer = Answer {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: json!({"errors": [{
                "field": "confirm_password",
                "message": puente_i18n::text(visit.lang, "web-error-password-confirm", &[]),
            }]}),
        };
        return password_form(&state, visit, answer.status, Some(&answer));
    }
    let body = json!({
        "current_password": fields.secret("current_password"),
        "new_password": new_password,
    });
    let answer = api
        .post(visit, &signed.viewer, "/api/v1/me/password", &body)
        .await;
    if answer.status == StatusCode::UNPROCESSABLE_ENTITY {
        return password_form(&state, visit, answer.status, Some(&answer));
    }
    if !answer.ok() {
        return failure(&state, visit, &answer);
    }
    // The change ended every session: this browser gets a new one at once.
    match sessions::start_for(&state, signed.viewer.user.id, visit.client()).await {
        Ok(pair) => with_cookies(
            see("/?done=password"),
            session::session_cookies(&state, &pair),
        ),
        Err(_) => see_signed_out(&state, visit).await,
    }
}
