//! Signing in and out: login, refresh and logout.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use time::Duration;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{password, refresh};
use crate::clock;
use crate::entity::user;
use crate::error::ApiError;
use crate::extract::Json;
use crate::openapi::ProblemDoc;
use crate::repo::{tokens, users};
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

/// A new pair of tokens.
#[derive(Serialize, ToSchema)]
pub struct TokenPair {
    access_token: String,
    token_type: &'static str,
    expires_in: i64,
    refresh_token: String,
}

/// Issues an access token and a refresh token of `family` for `user`.
async fn pair(state: &AppState, user: &user::Model, family: Uuid) -> Result<TokenPair, ApiError> {
    let now = clock::now().unix_timestamp();
    let access_token = state
        .keys
        .issue(
            user.id,
            &user.role,
            user.organization_id,
            user.admin,
            user.token_version,
            now,
        )
        .map_err(ApiError::Internal)?;
    let refresh_token = refresh::generate().map_err(ApiError::Internal)?;
    tokens::store(
        &state.db,
        user.id,
        family,
        refresh::digest(&refresh_token),
        Duration::days(state.settings.refresh_token_days),
    )
    .await?;
    Ok(TokenPair {
        access_token,
        token_type: "Bearer",
        expires_in: state.keys.lifetime(),
        refresh_token,
    })
}

/// 429 when failures within the window reached `limit`, with the seconds until the oldest
/// leaves the window.
async fn check_limit(
    state: &AppState,
    email: Option<&str>,
    address: Option<&str>,
    limit: u64,
) -> Result<(), ApiError> {
    let window = Duration::minutes(state.settings.login_window_minutes);
    let now = clock::now();
    let (failures, oldest) =
        tokens::failures_since(&state.db, email, address, now - window).await?;
    if failures >= limit {
        let retry_after = oldest
            .map(|oldest| (oldest + window - now).whole_seconds())
            .unwrap_or(60)
            .max(1);
        return Err(ApiError::TooManyRequests {
            retry_after: u64::try_from(retry_after).unwrap_or(60),
        });
    }
    Ok(())
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
    let email = body.email.trim().to_lowercase();
    let address = peer.ip().to_string();
    check_limit(
        &state,
        Some(&email),
        None,
        state.settings.login_attempts_per_account,
    )
    .await?;
    check_limit(
        &state,
        None,
        Some(&address),
        state.settings.login_attempts_per_address,
    )
    .await?;
    let user = users::by_email(&state.db, &email).await?;
    let stored = user
        .as_ref()
        .map_or(password::decoy(), |u| u.password_hash.as_str());
    let password = body.password;
    let stored = stored.to_owned();
    let matches = tokio::task::spawn_blocking(move || password::verify(&password, &stored))
        .await
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    let user = user.filter(|u| matches && u.active);
    tokens::record_attempt(&state.db, &email, &address, user.is_some()).await?;
    let user = user.ok_or(ApiError::InvalidCredentials)?;
    Ok(axum::Json(pair(&state, &user, Uuid::now_v7()).await?))
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
    let stored = tokens::by_digest(&state.db, &refresh::digest(&body.refresh_token))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if stored.revoked_at.is_some() || stored.expires_at <= clock::now() {
        return Err(ApiError::Unauthorized);
    }
    if stored.used_at.is_some() || !tokens::use_once(&state.db, stored.id).await? {
        tracing::warn!(family = %stored.family_id, "refresh token reused: family revoked");
        tokens::revoke_family(&state.db, stored.family_id).await?;
        return Err(ApiError::Unauthorized);
    }
    let user = users::find(&state.db, stored.user_id)
        .await?
        .filter(|u| u.active)
        .ok_or(ApiError::Unauthorized)?;
    Ok(axum::Json(pair(&state, &user, stored.family_id).await?))
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
    if let Some(stored) =
        tokens::by_digest(&state.db, &refresh::digest(&body.refresh_token)).await?
    {
        tokens::revoke_family(&state.db, stored.family_id).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
