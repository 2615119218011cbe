//! Signing in and out, the language switch, a shelter's self-registration and the password
//! change.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::{Lang, text};
use puente_workflow::intake::MexicanState;
use serde::Serialize;

use super::cookies;
use super::redirect::local_path;
use super::refusal::Refusal;
use super::render::{errors, failure, page, refusal, see};
use super::visit::{Checked, Fields, SignedIn, SignedOutForm, Visit, with_cookies};
use crate::error::ApiError;
use crate::service::accounts::{
    self, PasswordChange, Registration, RegistrationOrg, RegistrationUser,
};
use crate::service::auth::session::{self as sessions, Credentials};
use crate::state::AppState;

/// A state of Mexico as a select offers it.
#[derive(Debug, Clone, Serialize)]
pub struct StateChoice {
    /// Its ISO 3166-2:MX code.
    pub code: &'static str,
    /// Its name.
    pub name: &'static str,
}

/// The states of Mexico, for a select.
pub fn states() -> Vec<StateChoice> {
    MexicanState::ALL
        .into_iter()
        .map(|s| StateChoice {
            code: s.code(),
            name: s.name(),
        })
        .collect()
}

/// Where to go after signing in: the page that asked for it, or home.
fn next_of(query: &str) -> String {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "next")
        .and_then(|(_, value)| local_path(&value).map(str::to_owned))
        .unwrap_or_else(|| "/".to_owned())
}

async fn login_form(
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
    context.insert("done", &super::home::done_key(visit));
    // On an installation nobody set up, the page says so instead of inviting shelters to
    // register into it (an unreadable database says nothing here: the sign-in will tell).
    let set_up = accounts::first_run::is_set_up(&state.db)
        .await
        .unwrap_or(true);
    context.insert("set_up", &set_up);
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
    login_form(&state, &visit, StatusCode::OK, None, None).await
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
            cookies::session_cookies(&state, &pair),
        ),
        Err(error) => {
            // A refusal the sign-in form explains beside its fields, with its status.
            let explained = match &error {
                ApiError::InvalidCredentials => (StatusCode::UNAUTHORIZED, "web-error-credentials"),
                ApiError::TooManyRequests { .. } => {
                    (StatusCode::TOO_MANY_REQUESTS, "web-error-too-many")
                }
                ApiError::MfaRequired => (StatusCode::UNAUTHORIZED, "web-error-mfa-required"),
                ApiError::MfaInvalid => (StatusCode::UNAUTHORIZED, "web-error-mfa-invalid"),
                ApiError::AccountDeactivated => (StatusCode::FORBIDDEN, "web-error-deactivated"),
                ApiError::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, "web-error-busy"),
                _ => return axum::response::IntoResponse::into_response(error),
            };
            login_form(
                &state,
                &visit,
                explained.0,
                Some(&fields),
                Some(explained.1),
            )
            .await
        }
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
    with_cookies(see("/login"), cookies::cleared(cookies::Jar::of(state)))
}

/// The language switch: remembered in a cookie, back to the same page.
pub async fn switch_language(
    State(state): State<AppState>,
    visit: Visit,
    Checked(fields): Checked,
) -> Response {
    let lang: Lang = fields.get("lang").parse().unwrap_or_default();
    let back = local_path(fields.get("back")).unwrap_or("/");
    // Someone whose account speaks the other language is offered, on the page they go back
    // to, to keep this one.
    let offer = visit
        .viewer
        .as_ref()
        .is_some_and(|viewer| viewer.locale != lang);
    let back = if offer {
        format!(
            "{back}{}{}",
            if back.contains('?') { "&" } else { "?" },
            super::visit::SWITCHED
        )
    } else {
        back.to_owned()
    };
    with_cookies(
        see(&back),
        [cookies::Jar::of(&state).set(cookies::LANG, lang.code(), 60 * 60 * 24 * 365)],
    )
}

/// What a shelter typed in the registration form, shown again when it is refused.
#[derive(Serialize)]
struct RegisterForm<'a> {
    shelter: &'a str,
    state: &'a str,
    municipality: &'a str,
    name: &'a str,
    email: &'a str,
}

fn register_form(
    state: &AppState,
    visit: &Visit,
    status: StatusCode,
    fields: Option<&Fields>,
    refused: Option<&Refusal>,
) -> Response {
    let mut context = visit.context();
    let value = |name: &str| fields.map(|f| f.get(name)).unwrap_or_default();
    context.insert(
        "form",
        &RegisterForm {
            shelter: value("shelter"),
            state: value("state"),
            municipality: value("municipality"),
            name: value("name"),
            email: value("email"),
        },
    );
    context.insert("states", &states());
    super::privacy::add_controller(state, &mut context);
    errors(&mut context, refused);
    page(state, visit, status, "register.html", context)
}

/// A shelter's registration form.
pub async fn register_page(State(state): State<AppState>, visit: Visit) -> Response {
    match accounts::first_run::is_set_up(&state.db).await {
        Ok(true) => register_form(&state, &visit, StatusCode::OK, None, None),
        Ok(false) => refusal(
            &state,
            &visit,
            crate::service::Error::conflict("not_set_up"),
        ),
        Err(error) => refusal(&state, &visit, error),
    }
}

/// Registers a shelter and its first user, then asks them to confirm their address by the link
/// sent to it and to sign in.
pub async fn register(
    State(state): State<AppState>,
    visit: Visit,
    SignedOutForm(fields): SignedOutForm,
) -> Response {
    let registration = Registration {
        organization: RegistrationOrg {
            name: fields.get("shelter").to_owned(),
            state: fields.get("state").to_owned(),
            municipality: fields.get("municipality").to_owned(),
        },
        user: RegistrationUser {
            name: fields.get("name").to_owned(),
            email: fields.get("email").to_owned(),
            password: fields.secret("password").to_owned(),
            locale: Some(visit.lang),
        },
    };
    // The visit's client was read through the trusted proxies already.
    let client = visit.client_address();
    match accounts::register(&state, &client, registration).await {
        // The same page whether or not the address had an account: what differs goes by e-mail.
        Ok(_) => see("/login?done=registered"),
        Err(error) => {
            let refused = Refusal::of(error, visit.lang);
            if refused.is_input() {
                register_form(
                    &state,
                    &visit,
                    refused.status,
                    Some(&fields),
                    Some(&refused),
                )
            } else {
                failure(&state, &visit, &refused)
            }
        }
    }
}

fn password_form(
    state: &AppState,
    visit: &Visit,
    status: StatusCode,
    refused: Option<&Refusal>,
) -> Response {
    let mut context = visit.context();
    errors(&mut context, refused);
    page(state, visit, status, "password.html", context)
}

/// The password change form.
pub async fn password_page(State(state): State<AppState>, signed: SignedIn) -> Response {
    password_form(&state, &signed.visit, StatusCode::OK, None)
}

/// Changes the password; the old session ends with it, so the person is signed in again with
/// the new one.
pub async fn change_password(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    let visit = &signed.visit;
    let new_password = fields.secret("new_password").to_owned();
    if new_password != fields.secret("confirm_password") {
        let refused = Refusal::field(
            visit.lang,
            "confirm_password",
            text(visit.lang, "web-error-password-confirm", &[]),
        );
        return password_form(&state, visit, refused.status, Some(&refused));
    }
    let change = PasswordChange {
        current_password: fields.secret("current_password").to_owned(),
        new_password,
    };
    if let Err(error) = accounts::change_password(&state, &signed.viewer.user, change).await {
        let refused = Refusal::of(error, visit.lang);
        return if refused.is_input() {
            password_form(&state, visit, refused.status, Some(&refused))
        } else {
            failure(&state, visit, &refused)
        };
    }
    // The change ended every session: this browser gets a new one at once.
    match sessions::start_for(&state, signed.viewer.user.id, visit.client()).await {
        Ok(pair) => with_cookies(
            see("/?done=password"),
            cookies::session_cookies(&state, &pair),
        ),
        Err(_) => see_signed_out(&state, visit).await,
    }
}
