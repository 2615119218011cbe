//! «Seguridad de tu cuenta»: one's open sessions, each of which can be ended, and the second
//! factor: set it up (QR code and key, confirmed with a first code, then the recovery codes
//! shown once), get new recovery codes, or turn it off where the program allows. Someone the
//! program asks for a second factor lands here until it is set up.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::text;
use serde::Serialize;
use tera::Context;

use super::cookies;
use super::render::{not_found, page, see};
use super::visit::{Checked, SignedIn, with_cookies};
use crate::error::ApiError;
use crate::extract::Id;
use crate::service::accounts::me;
use crate::service::auth::mfa;
use crate::service::auth::session as sessions;
use crate::state::AppState;

#[derive(Serialize)]
struct SessionRow {
    id: uuid::Uuid,
    current: bool,
    /// The browser as it names itself.
    browser: String,
    /// Where from, since when, last used.
    summary: String,
}

/// What the page shows beyond the status: the enrolment under way, or the recovery codes
/// just made, or an error's message key.
#[derive(Default)]
struct Shown {
    enrolment: Option<mfa::Enrolment>,
    recovery_codes: Vec<String>,
    error: Option<&'static str>,
}

async fn render(state: &AppState, signed: &SignedIn, status: StatusCode, shown: Shown) -> Response {
    let visit = &signed.visit;
    let user = match me::account(state, &signed.viewer.user).await {
        Ok(user) => user,
        Err(error) => return super::render::refusal(state, visit, error),
    };
    let (mfa_status, open) = match (
        mfa::status(state, &user).await,
        sessions::open_of(state, user.id).await,
    ) {
        (Ok(status), Ok(open)) => (status, open),
        (Err(error), _) | (_, Err(error)) => {
            return axum::response::IntoResponse::into_response(error);
        }
    };
    let lang = visit.lang;
    let when = |at: time::OffsetDateTime| {
        super::case_page::when(state, lang, &crate::service::views::rfc3339(at))
    };
    let rows: Vec<SessionRow> = open
        .into_iter()
        .map(|s| SessionRow {
            current: s.id == signed.viewer.user.session,
            id: s.id,
            browser: if s.user_agent.is_empty() {
                text(lang, "web-sessions-unknown-browser", &[])
            } else {
                s.user_agent.clone()
            },
            summary: text(
                lang,
                "web-sessions-from",
                &[
                    ("address", s.address.as_str().into()),
                    ("since", when(s.created_at).into()),
                    ("last", when(s.last_seen_at).into()),
                ],
            ),
        })
        .collect();
    let codes_left = text(
        lang,
        "web-mfa-codes-left",
        &[("n", mfa_status.recovery_codes_left.to_string().into())],
    );
    let mut context: Context = visit.context();
    context.insert("sessions", &rows);
    context.insert("mfa", &mfa_status);
    context.insert("must_enrol", &signed.viewer.user.must_enrol);
    context.insert("codes_left", &codes_left);
    context.insert("enrolment", &shown.enrolment);
    context.insert("recovery_codes", &shown.recovery_codes);
    context.insert("error", &shown.error.unwrap_or_default());
    page(state, visit, status, "security.html", context)
}

/// The page.
pub async fn security_page(State(state): State<AppState>, signed: SignedIn) -> Response {
    render(&state, &signed, StatusCode::OK, Shown::default()).await
}

/// Ends one of one's sessions; ending this one signs out.
pub async fn end_session(
    State(state): State<AppState>,
    signed: SignedIn,
    Id(id): Id,
    _: Checked,
) -> Response {
    let user = signed.viewer.user.id;
    match sessions::end_own(&state, user, id).await {
        Ok(()) if id == signed.viewer.user.session => {
            with_cookies(see("/login"), cookies::cleared(cookies::Jar::of(&state)))
        }
        Ok(()) => see("/security"),
        Err(ApiError::NotFound) => not_found(&state, &signed.visit),
        Err(error) => axum::response::IntoResponse::into_response(error),
    }
}

/// Begins setting up the second factor: the QR code and the key, and the form for the first
/// code.
pub async fn enrol(State(state): State<AppState>, signed: SignedIn, _: Checked) -> Response {
    let result = match me::account(&state, &signed.viewer.user).await {
        Ok(user) => mfa::begin(&state, &user).await,
        Err(error) => Err(error.into()),
    };
    match result {
        Ok(enrolment) => {
            let shown = Shown {
                enrolment: Some(enrolment),
                ..Shown::default()
            };
            render(&state, &signed, StatusCode::OK, shown).await
        }
        Err(error) => refused(&state, &signed, error).await,
    }
}

/// Which step a code confirms.
#[derive(Clone, Copy)]
enum CodeStep {
    Confirm,
    RecoveryCodes,
    Disable,
}

async fn with_code(state: &AppState, signed: &SignedIn, code: &str, step: CodeStep) -> Response {
    let user = match me::account(state, &signed.viewer.user).await {
        Ok(user) => user,
        Err(error) => return super::render::refusal(state, &signed.visit, error),
    };
    let result = match step {
        CodeStep::Confirm => mfa::confirm(state, &user, code).await,
        CodeStep::RecoveryCodes => mfa::renew_recovery_codes(state, &user, code).await,
        CodeStep::Disable => mfa::disable(state, &user, code).await.map(|()| Vec::new()),
    };
    match result {
        Ok(recovery_codes) if !recovery_codes.is_empty() => {
            let shown = Shown {
                recovery_codes,
                ..Shown::default()
            };
            render(state, signed, StatusCode::OK, shown).await
        }
        Ok(_) => see("/security?done=mfa-off"),
        Err(error) => refused(state, signed, error).await,
    }
}

/// Confirms the set-up with the app's first code; shows the recovery codes once.
pub async fn confirm(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    with_code(&state, &signed, fields.get("code"), CodeStep::Confirm).await
}

/// New recovery codes, with a current code.
pub async fn recovery_codes(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    with_code(&state, &signed, fields.get("code"), CodeStep::RecoveryCodes).await
}

/// Turns the second factor off, with a current code.
pub async fn disable(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    with_code(&state, &signed, fields.get("code"), CodeStep::Disable).await
}

/// The page again with what went wrong, for the refusals a person can act on.
async fn refused(state: &AppState, signed: &SignedIn, error: ApiError) -> Response {
    let (status, key) = match &error {
        ApiError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "web-error-mfa-code"),
        ApiError::TooManyRequests { .. } => (StatusCode::TOO_MANY_REQUESTS, "web-error-too-many"),
        ApiError::Conflict { .. } => (StatusCode::CONFLICT, "web-error-mfa-state"),
        _ => return axum::response::IntoResponse::into_response(error),
    };
    let shown = Shown {
        error: Some(key),
        ..Shown::default()
    };
    render(state, signed, status, shown).await
}
