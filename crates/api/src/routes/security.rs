//! One's own sign-in security: the open sessions (seen and ended one by one) and the second
//! factor (enrolment, confirmation with recovery codes, new recovery codes, turning it off).
//! These answer also to someone who must still enrol a second factor.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::caller::Enrolling;
use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::openapi::{Page, ProblemDoc};
use crate::service::auth::mfa::{self, Enrolment, Status};
use crate::service::auth::session;
use crate::service::views::rfc3339;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sessions))
        .routes(routes!(end_session))
        .routes(routes!(mfa_status))
        .routes(routes!(mfa_enrol))
        .routes(routes!(mfa_confirm))
        .routes(routes!(mfa_recovery_codes))
        .routes(routes!(mfa_disable))
}

/// An open session.
#[derive(Serialize, ToSchema)]
pub struct SessionView {
    id: Uuid,
    /// Whether it is the session of this request.
    current: bool,
    /// The address it signed in from.
    address: String,
    /// The browser or program, as it names itself.
    user_agent: String,
    /// Whether it passed a second factor.
    second_factor: bool,
    created_at: String,
    last_seen_at: String,
    /// When it ends at the latest.
    expires_at: String,
}

/// One's open sessions, newest first.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "accounts", security(("bearer" = [])), responses(
    (status = 200, body = Page<SessionView>),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn list_sessions(
    State(state): State<AppState>,
    Enrolling(auth): Enrolling,
) -> Result<axum::Json<Page<SessionView>>, ApiError> {
    let items = session::open_of(&state, auth.id)
        .await?
        .into_iter()
        .map(|s| SessionView {
            current: s.id == auth.session,
            id: s.id,
            address: s.address,
            user_agent: s.user_agent,
            second_factor: s.second_factor,
            created_at: rfc3339(s.created_at),
            last_seen_at: rfc3339(s.last_seen_at),
            expires_at: rfc3339(s.expires_at),
        })
        .collect();
    Ok(axum::Json(Page::whole(items)))
}

/// Ends one of one's sessions (another device, or this one): its tokens stop working at once.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The session")), responses(
    (status = 204, description = "Ended"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn end_session(
    State(state): State<AppState>,
    Enrolling(auth): Enrolling,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    session::end_own(&state, auth.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn account(
    state: &AppState,
    auth: &crate::service::auth::AuthUser,
) -> Result<crate::entity::user::Model, ApiError> {
    Ok(crate::service::accounts::me::account(state, auth).await?)
}

/// How one's second factor stands.
#[utoipa::path(get, path = "/api/v1/me/mfa", tag = "accounts", security(("bearer" = [])), responses(
    (status = 200, body = Status),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn mfa_status(
    State(state): State<AppState>,
    Enrolling(auth): Enrolling,
) -> Result<axum::Json<Status>, ApiError> {
    let user = account(&state, &auth).await?;
    Ok(axum::Json(mfa::status(&state, &user).await?))
}

/// Begins enrolling a second factor (TOTP): a new secret, shown once as text and as a QR code
/// (SVG). It is used only once confirmed with a first code.
#[utoipa::path(post, path = "/api/v1/me/mfa/enrolment", tag = "accounts", security(("bearer" = [])), responses(
    (status = 201, body = Enrolment),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, description = "A second factor is in use already (`mfa_already_enabled`)", body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn mfa_enrol(
    State(state): State<AppState>,
    Enrolling(auth): Enrolling,
) -> Result<(StatusCode, axum::Json<Enrolment>), ApiError> {
    let user = account(&state, &auth).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(mfa::begin(&state, &user).await?),
    ))
}

/// A code of the authenticator app (or, where it applies, a recovery code).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    code: String,
}

/// One-time recovery codes, shown once.
#[derive(Serialize, ToSchema)]
pub struct RecoveryCodes {
    recovery_codes: Vec<String>,
}

/// Confirms the enrolment with the app's first code: from now on sign-ins ask for a code.
/// Answers ten one-time recovery codes, shown only this once.
#[utoipa::path(post, path = "/api/v1/me/mfa/confirm", tag = "accounts", security(("bearer" = [])), request_body = Code, responses(
    (status = 200, body = RecoveryCodes),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, description = "Wrong code (`code`)", body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn mfa_confirm(
    State(state): State<AppState>,
    Enrolling(auth): Enrolling,
    Json(body): Json<Code>,
) -> Result<axum::Json<RecoveryCodes>, ApiError> {
    let user = account(&state, &auth).await?;
    let recovery_codes = mfa::confirm(&state, &user, &body.code).await?;
    Ok(axum::Json(RecoveryCodes { recovery_codes }))
}

/// New recovery codes (the old ones stop working), with a current code.
#[utoipa::path(post, path = "/api/v1/me/mfa/recovery-codes", tag = "accounts", security(("bearer" = [])), request_body = Code, responses(
    (status = 200, body = RecoveryCodes),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn mfa_recovery_codes(
    State(state): State<AppState>,
    Enrolling(auth): Enrolling,
    Json(body): Json<Code>,
) -> Result<axum::Json<RecoveryCodes>, ApiError> {
    let user = account(&state, &auth).await?;
    let recovery_codes = mfa::renew_recovery_codes(&state, &user, &body.code).await?;
    Ok(axum::Json(RecoveryCodes { recovery_codes }))
}

/// Turns the second factor off, with a current code; refused (409) where the program requires
/// one.
#[utoipa::path(post, path = "/api/v1/me/mfa/disable", tag = "accounts", security(("bearer" = [])), request_body = Code, responses(
    (status = 204, description = "Turned off"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn mfa_disable(
    State(state): State<AppState>,
    Enrolling(auth): Enrolling,
    Json(body): Json<Code>,
) -> Result<StatusCode, ApiError> {
    let user = account(&state, &auth).await?;
    mfa::disable(&state, &user, &body.code).await?;
    Ok(StatusCode::NO_CONTENT)
}
