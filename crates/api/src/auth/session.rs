//! Signing in and out, shared by the API (`routes::auth`) and the web pages: the login limits,
//! the token pair, single-use refresh tokens and their revocation.

use time::Duration;
use uuid::Uuid;

use crate::auth::{password, refresh};
use crate::clock;
use crate::entity::user;
use crate::error::ApiError;
use crate::repo::{tokens, users};
use crate::state::AppState;

/// A new pair of tokens.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TokenPair {
    /// The access token (a JWT).
    pub access_token: String,
    /// `Bearer`.
    pub token_type: &'static str,
    /// Seconds the access token lives.
    pub expires_in: i64,
    /// The refresh token, good once.
    pub refresh_token: String,
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

/// Signs in with e-mail and password from client `address`, within the login limits.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: String,
    address: &str,
) -> Result<TokenPair, ApiError> {
    let email = email.trim().to_lowercase();
    check_limit(
        state,
        Some(&email),
        None,
        state.settings.login_attempts_per_account,
    )
    .await?;
    check_limit(
        state,
        None,
        Some(address),
        state.settings.login_attempts_per_address,
    )
    .await?;
    let user = users::by_email(&state.db, &email).await?;
    let stored = user
        .as_ref()
        .map_or(password::decoy(), |u| u.password_hash.as_str());
    let stored = stored.to_owned();
    let matches = tokio::task::spawn_blocking(move || password::verify(&password, &stored))
        .await
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    let user = user.filter(|u| matches && u.active);
    tokens::record_attempt(&state.db, &email, address, user.is_some()).await?;
    let user = user.ok_or(ApiError::InvalidCredentials)?;
    pair(state, &user, Uuid::now_v7()).await
}

/// A new pair for a refresh token. A refresh token works once; a used one presented again
/// revokes its whole family.
pub async fn renew(state: &AppState, refresh_token: &str) -> Result<TokenPair, ApiError> {
    let stored = tokens::by_digest(&state.db, &refresh::digest(refresh_token))
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
    pair(state, &user, stored.family_id).await
}

/// Signs out: revokes the refresh token's family, if the token is known.
pub async fn sign_out(state: &AppState, refresh_token: &str) -> Result<(), ApiError> {
    if let Some(stored) = tokens::by_digest(&state.db, &refresh::digest(refresh_token)).await? {
        tokens::revoke_family(&state.db, stored.family_id).await?;
    }
    Ok(())
}
