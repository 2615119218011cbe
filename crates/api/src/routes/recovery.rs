//! Account recovery: a reset link asked for by the person (the answer never says whether the
//! address has an account) or sent by an admin, and the new password set with it.

use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::address::ClientAddress;
use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::openapi::ProblemDoc;
use crate::service::accounts::recovery::{self, NewPassword, ResetRequest};
use crate::service::auth::AuthUser;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(request_reset))
        .routes(routes!(reset_password))
        .routes(routes!(send_reset))
}

/// Asks for a link to set a new password. The answer is 202 whether or not the address has an
/// account; an active account gets the link by e-mail (good once, for `email_link_hours`, the
/// one before retired). At most five requests an hour per address and twenty per client.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = ResetRequest, responses(
    (status = 202, description = "If the address has an account, a link is on its way"),
    (status = 400, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn request_reset(
    State(state): State<AppState>,
    address: ClientAddress,
    Json(body): Json<ResetRequest>,
) -> Result<StatusCode, ApiError> {
    recovery::request(&state, &address, &body.email).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Sets a new password with the token of a reset link; the link works once, and every session
/// of the account ends. 422 naming `token` when the link is unknown, used or expired, naming
/// `new_password` when the password is refused (the link then stays good).
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth", request_body = NewPassword, responses(
    (status = 204, description = "The new password is set"),
    (status = 400, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn reset_password(
    State(state): State<AppState>,
    Json(body): Json<NewPassword>,
) -> Result<StatusCode, ApiError> {
    recovery::reset(&state, body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a reset link to an account (admins), for someone who cannot ask for it; 409
/// `account_inactive` when the account is deactivated.
#[utoipa::path(post, path = "/api/v1/users/{id}/password-reset", tag = "accounts", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The account")),
    responses(
    (status = 202, description = "The link is on its way"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn send_reset(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    recovery::send_for(&state, &auth, id).await?;
    Ok(StatusCode::ACCEPTED)
}
