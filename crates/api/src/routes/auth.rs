//! Signing in and out: login (with a second factor when the account has one), refresh,
//! logout, and the confirmation of an e-mail address by its link.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::address::ClientAddress;
use crate::error::ApiError;
use crate::extract::Json;
use crate::openapi::ProblemDoc;
use crate::service::auth::session::{self, Client, Credentials, TokenPair};
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(refresh_tokens))
        .routes(routes!(logout))
        .routes(routes!(confirm_email))
}

/// The token of a link sent by e-mail.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkToken {
    /// The last part of the link's path.
    token: String,
}

/// Whose address was confirmed.
#[derive(Serialize, ToSchema)]
pub struct EmailConfirmed {
    /// Always true.
    pub confirmed: bool,
}

/// Confirms an e-mail address by the token of the link sent to it at registration; the link
/// works once. 422 naming `token` when it is unknown, used or expired.
#[utoipa::path(post, path = "/api/v1/auth/confirm-email", tag = "auth", request_body = LinkToken, responses(
    (status = 200, body = EmailConfirmed),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn confirm_email(
    State(state): State<AppState>,
    Json(body): Json<LinkToken>,
) -> Result<axum::Json<EmailConfirmed>, ApiError> {
    crate::service::accounts::registration::confirm(&state, &body.token).await?;
    Ok(axum::Json(EmailConfirmed { confirmed: true }))
}

/// E-mail and password, and the second factor's code when the account has one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Login {
    email: String,
    password: String,
    /// The six-digit code of the authenticator app, or a recovery code.
    #[serde(default)]
    otp: Option<String>,
}

/// A refresh token.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    refresh_token: String,
}

/// The session to end: the one of this refresh token, or (without it) the bearer token's.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    #[serde(default)]
    refresh_token: Option<String>,
}

/// Signs in: an access token (15 minutes) and a refresh token of a new session.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = Login, responses(
    (status = 200, body = TokenPair),
    (status = 401, description = "Wrong e-mail or password (`invalid_credentials`); a second factor is needed (`mfa_required`) or its code is wrong (`mfa_invalid`)", body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, description = "Too many failed attempts from this address; see Retry-After", body = ProblemDoc, content_type = "application/problem+json"),
    (status = 503, description = "Too many sign-ins at once; see Retry-After", body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn login(
    State(state): State<AppState>,
    address: ClientAddress,
    headers: HeaderMap,
    Json(body): Json<Login>,
) -> Result<axum::Json<TokenPair>, ApiError> {
    let credentials = Credentials {
        email: &body.email,
        password: body.password,
        otp: body.otp.as_deref(),
    };
    Ok(axum::Json(
        session::sign_in(&state, credentials, &Client::of(address, &headers)).await?,
    ))
}

/// A new pair for a refresh token. A refresh token works once; a used one presented again
/// ends its whole session, as does an idle or expired session.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest, responses(
    (status = 200, body = TokenPair),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn refresh_tokens(
    State(state): State<AppState>,
    Json(body): Json<RefreshRequest>,
) -> Result<axum::Json<TokenPair>, ApiError> {
    Ok(axum::Json(
        session::renew(&state, &body.refresh_token).await?,
    ))
}

/// Signs out: ends the session of the refresh token (or of the bearer token), so that its
/// refresh and access tokens stop working at once. Answers 204 whether or not the token was
/// known, so it reveals nothing.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = LogoutRequest, responses(
    (status = 204, description = "Signed out"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<LogoutRequest>,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(refresh_token) = &body.refresh_token {
        session::sign_out(&state, refresh_token).await?;
    }
    if let Some(claims) =
        crate::caller::bearer_of(&headers).and_then(|token| state.keys.verify(token))
    {
        session::end(&state, claims.sid).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
