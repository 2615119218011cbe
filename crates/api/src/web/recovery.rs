//! "¿Olvidaste tu contraseña?": the form that asks for a reset link (the same answer whether or
//! not the address has an account), and the page the link opens to choose a new password.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::text;

use super::refusal::Refusal;
use super::render::{errors, failure, link_gone, page, see};
use super::visit::{Fields, SignedOutForm, Visit};
use crate::service::Error;
use crate::service::accounts::recovery::{self, NewPassword};
use crate::state::AppState;

fn request_form(
    state: &AppState,
    visit: &Visit,
    status: StatusCode,
    fields: Option<&Fields>,
    refused: Option<&Refusal>,
) -> Response {
    let mut context = visit.context();
    context.insert("email", fields.map(|f| f.get("email")).unwrap_or_default());
    errors(&mut context, refused);
    page(state, visit, status, "reset_request.html", context)
}

/// The form that asks for a reset link.
pub async fn request_page(State(state): State<AppState>, visit: Visit) -> Response {
    request_form(&state, &visit, StatusCode::OK, None, None)
}

/// Asks for a reset link; whatever the address, the person is sent to sign in with word that a
/// link is on its way if the address has an account.
pub async fn request(
    State(state): State<AppState>,
    visit: Visit,
    SignedOutForm(fields): SignedOutForm,
) -> Response {
    let email = fields.get("email");
    if email.is_empty() {
        let message = text(visit.lang, "error-required", &[]);
        let refused = Refusal::field(visit.lang, "email", message);
        return request_form(
            &state,
            &visit,
            refused.status,
            Some(&fields),
            Some(&refused),
        );
    }
    // The visit's client was read through the trusted proxies already.
    let client = visit.client_address();
    match recovery::request(&state, &client, email).await {
        Ok(()) => see("/login?done=reset_sent"),
        Err(error) => {
            let refused = Refusal::of(error, visit.lang);
            request_form(
                &state,
                &visit,
                refused.status,
                Some(&fields),
                Some(&refused),
            )
        }
    }
}

/// The page of a link that no longer works, with the way to ask for a new one.
fn link_invalid(state: &AppState, visit: &Visit) -> Response {
    let again = ("/password-reset", "web-reset-ask-again");
    link_gone(state, visit, "web-reset-link-invalid", Some(again))
}

fn new_password_form(
    state: &AppState,
    visit: &Visit,
    token: &str,
    status: StatusCode,
    refused: Option<&Refusal>,
) -> Response {
    let mut context = visit.context();
    context.insert("token", token);
    errors(&mut context, refused);
    page(state, visit, status, "reset_password.html", context)
}

/// The page a reset link opens: the new password, twice (the link is used only when it is
/// saved).
pub async fn link_page(
    State(state): State<AppState>,
    visit: Visit,
    Path(token): Path<String>,
) -> Response {
    match recovery::is_valid(&state, &token).await {
        Ok(true) => new_password_form(&state, &visit, &token, StatusCode::OK, None),
        Ok(false) => link_invalid(&state, &visit),
        Err(error) => failure(&state, &visit, &Refusal::of(error, visit.lang)),
    }
}

/// Saves the new password: the person signs in with it.
pub async fn set_password(
    State(state): State<AppState>,
    visit: Visit,
    Path(token): Path<String>,
    SignedOutForm(fields): SignedOutForm,
) -> Response {
    let new_password = fields.secret("new_password").to_owned();
    if new_password != fields.secret("confirm_password") {
        let message = text(visit.lang, "web-error-password-confirm", &[]);
        let refused = Refusal::field(visit.lang, "confirm_password", message);
        return new_password_form(&state, &visit, &token, refused.status, Some(&refused));
    }
    let input = NewPassword {
        token: token.clone(),
        new_password,
    };
    match recovery::reset(&state, input).await {
        Ok(()) => see("/login?done=password_reset"),
        Err(Error::Invalid(errors)) if errors.iter().any(|e| e.field == "token") => {
            link_invalid(&state, &visit)
        }
        Err(error) => {
            let refused = Refusal::of(error, visit.lang);
            if refused.is_input() {
                new_password_form(&state, &visit, &token, refused.status, Some(&refused))
            } else {
                failure(&state, &visit, &refused)
            }
        }
    }
}
