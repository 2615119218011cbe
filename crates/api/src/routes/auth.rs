//! Signing in and out: login, refresh and logout.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::session::{self, TokenPair};
use crate::error::ApiError;
use crate::extract::Json;
use crate::openapi::ProblemDoc;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(refresh_tokens))
        .routes(routes!(logout))
}

/// E-mail and password.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Login {
    email: String,
    password: String,
}

/// A refresh token.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    refresh_token: String,
}

/// Signs in: an access token (15 minutes) and a refresh token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = Login, responses(
    (status = 200, body = TokenPair),
    (status = 401, description = "Wrong e-mail or password", body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, description = "Too many failed attempts; see Retry-After", body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<Login>,
) -> Result<axum::Json<TokenPair>, ApiError> {
    let address = peer.ip().to_string();
    Ok(axum::Json(
        session::sign_in(&state, &body.email, body.password, &address).await?,
    ))
}

/// A new pair for a refresh token. A refresh token works once; a used one presented again
/// revokes its whole family.
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

/// Signs out: revokes the refresh token's family. Answers 204 whether or not the token was
/// known, so it reveals nothing.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = RefreshRequest, responses(
    (status = 204, description = "Signed out"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn logout(
    State(state): State<AppState>,
    Json(body): Json<RefreshRequest>,
) -> Result<impl IntoResponse, ApiError> {
    session::sign_out(&state, &body.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}
