//! Signing in and out, shared by the API (`routes::auth`) and the web pages: the login
//! throttles, the second factor, sessions with their idle and absolute limits, the token pair,
//! single-use refresh tokens and their revocation.
//!
//! The throttles (OWASP ASVS 6.3.1): failures are counted per account *and* address (refused
//! beyond `login_attempts_per_account`) and per address (beyond `login_attempts_per_address`),
//! each attempt counted before its password is checked. Per account alone they only slow
//! sign-ins down, growing with the failures, so that nobody can lock an owner out of their
//! account by failing on purpose from elsewhere.

use std::time::Duration as StdDuration;

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::clock;
use crate::entity::{session, user};
use crate::error::ApiError;
use crate::service::auth::throttle::{self, Limit};
use crate::service::auth::{mfa, refresh};
use crate::service::repo::sessions::{self, NewSession};
use crate::service::repo::{tokens, users};
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

/// Who is signing in, as the request shows them.
#[derive(Debug, Clone, Default)]
pub struct Client {
    /// The client's address (see `crate::address`).
    pub address: String,
    /// The `User-Agent` header.
    pub user_agent: String,
}

impl Client {
    /// The client of a request from `address` (already read through the trusted proxies).
    pub fn of(address: crate::address::ClientAddress, headers: &axum::http::HeaderMap) -> Client {
        Client {
            address: address.to_string(),
            user_agent: headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned(),
        }
    }
}

/// What a sign-in presents.
pub struct Credentials<'a> {
    /// The e-mail.
    pub email: &'a str,
    /// The password.
    pub password: String,
    /// The second factor's code (or a recovery code), when asked for.
    pub otp: Option<&'a str>,
}

/// Issues an access token and a refresh token of `session` for `user`.
async fn pair(
    state: &AppState,
    user: &user::Model,
    session: &session::Model,
) -> Result<TokenPair, ApiError> {
    let access_token = state
        .keys
        .issue(user, session.id, clock::now().unix_timestamp())
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    let refresh_token =
        refresh::generate().map_err(|error| ApiError::Internal(error.to_string()))?;
    // A refresh token outlives neither the idle limit nor the session.
    let now = state.sign_in_now();
    let expires_at = (now + idle(state)).min(session.expires_at);
    tokens::store(
        &state.db,
        user.id,
        session.id,
        refresh::digest(&refresh_token),
        now,
        expires_at,
    )
    .await?;
    Ok(TokenPair {
        access_token,
        token_type: "Bearer",
        expires_in: state.keys.lifetime(),
        refresh_token,
    })
}

fn idle(state: &AppState) -> Duration {
    Duration::days(state.settings.session_idle_days)
}

/// Whether a session is still open at `now`: not ended, within its absolute limit, and used
/// within the idle limit.
pub fn is_open(state: &AppState, session: &session::Model, now: OffsetDateTime) -> bool {
    session.revoked_at.is_none()
        && now < session.expires_at
        && now < session.last_seen_at + idle(state)
}

/// Starts a session for `user` and issues its first pair.
pub async fn start(
    state: &AppState,
    user: &user::Model,
    client: &Client,
    second_factor: bool,
) -> Result<TokenPair, ApiError> {
    let now = state.sign_in_now();
    let session = sessions::create(
        &state.db,
        NewSession {
            user: user.id,
            address: &client.address,
            user_agent: &client.user_agent,
            second_factor,
            now,
            expires_at: now + Duration::days(state.settings.session_absolute_days),
        },
    )
    .await?;
    pair(state, user, &session).await
}

fn login_limits(state: &AppState, email: &str, address: &str) -> [Limit; 2] {
    let window = state.settings.login_window_minutes * 60;
    [
        Limit::per_account(&state.settings, format!("login:{email}|{address}")),
        Limit::new(
            format!("address:{address}"),
            state.settings.login_attempts_per_address,
            window,
        ),
    ]
}

fn account_limit(state: &AppState, email: &str) -> Limit {
    Limit::per_account(&state.settings, format!("account:{email}"))
}

/// The wait before checking a password of an account that failed `failures` times in the
/// window from anywhere: none up to the limit, then one second doubling with each failure, up
/// to `login_delay_max_seconds`.
fn delay(state: &AppState, failures: u64) -> StdDuration {
    let limit = state.settings.login_attempts_per_account;
    if failures < limit {
        return StdDuration::ZERO;
    }
    let doubling = u32::try_from(failures - limit).unwrap_or(u32::MAX).min(16);
    StdDuration::from_secs((1u64 << doubling).min(state.settings.login_delay_max_seconds))
}

/// Signs in with e-mail and password (and a second factor when the account has one), within
/// the login throttles.
pub async fn sign_in(
    state: &AppState,
    credentials: Credentials<'_>,
    client: &Client,
) -> Result<TokenPair, ApiError> {
    let email = credentials.email.trim().to_lowercase();
    let now = state.sign_in_now().unix_timestamp();
    let reservation = throttle::reserve(
        &state.db,
        now,
        &login_limits(state, &email, &client.address),
    )
    .await?;
    let account = account_limit(state, &email);
    let failures = throttle::counted(&state.db, now, &account).await?;
    tokio::time::sleep(delay(state, failures)).await;
    let user = users::by_email(&state.db, &email).await?;
    let stored = user
        .as_ref()
        .map_or(crate::service::auth::password::decoy(), |u| {
            u.password_hash.as_str()
        })
        .to_owned();
    let matches = state.hasher.verify(credentials.password, stored).await?;
    let user = match user.filter(|_| matches) {
        // The right password proves the person: they are told why they cannot come in.
        Some(user) if !user.active => {
            reservation.release(&state.db).await?;
            return Err(ApiError::AccountDeactivated);
        }
        Some(user) => user,
        None => {
            throttle::count(&state.db, now, &account).await?;
            tokens::record_attempt(
                &state.db,
                &email,
                &client.address,
                false,
                state.sign_in_now(),
            )
            .await?;
            return Err(ApiError::InvalidCredentials);
        }
    };
    // The password was right: this attempt does not count against the address.
    reservation.release(&state.db).await?;
    let second_factor = mfa::check_at_sign_in(state, &user, credentials.otp).await?;
    tokens::record_attempt(
        &state.db,
        &email,
        &client.address,
        true,
        state.sign_in_now(),
    )
    .await?;
    start(state, &user, client, second_factor).await
}

/// A new pair for a refresh token. A refresh token works once; a used one presented again
/// revokes its whole session. An ended session, or one idle or past its absolute limit, renews
/// nothing.
pub async fn renew(state: &AppState, refresh_token: &str) -> Result<TokenPair, ApiError> {
    let stored = tokens::by_digest(&state.db, &refresh::digest(refresh_token))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let now = state.sign_in_now();
    if stored.revoked_at.is_some() || stored.expires_at <= now {
        return Err(ApiError::Unauthorized);
    }
    if stored.used_at.is_some()
        || !tokens::use_once(&state.db, stored.id, state.sign_in_now()).await?
    {
        tracing::warn!(session = %stored.family_id, "refresh token reused: session ended");
        end(state, stored.family_id).await?;
        return Err(ApiError::Unauthorized);
    }
    let (session, user) = sessions::with_user(&state.db, stored.family_id)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if !is_open(state, &session, now) || !user.active || user.id != stored.user_id {
        return Err(ApiError::Unauthorized);
    }
    sessions::touch(&state.db, session.id, now).await?;
    pair(state, &user, &session).await
}

/// Ends a session: its refresh tokens and, at once, its access tokens.
pub async fn end(state: &AppState, session: Uuid) -> Result<(), ApiError> {
    tokens::revoke_family(&state.db, session, state.sign_in_now()).await?;
    sessions::revoke(&state.db, session, state.sign_in_now()).await?;
    Ok(())
}

/// Signs out the session of a refresh token, if the token is known.
pub async fn sign_out(state: &AppState, refresh_token: &str) -> Result<(), ApiError> {
    if let Some(stored) = tokens::by_digest(&state.db, &refresh::digest(refresh_token)).await? {
        end(state, stored.family_id).await?;
    }
    Ok(())
}

/// Starts a new session for an account already proven in this request (the web pages, right
/// after a password change ended the old one).
pub async fn start_for(
    state: &AppState,
    user: Uuid,
    client: &Client,
) -> Result<TokenPair, ApiError> {
    let account = users::find(&state.db, user)
        .await?
        .filter(|u| u.active)
        .ok_or(ApiError::Unauthorized)?;
    let second_factor = account.mfa_enabled_at.is_some();
    start(state, &account, client, second_factor).await
}

/// A user's open sessions, newest first.
pub async fn open_of(state: &AppState, user: Uuid) -> Result<Vec<session::Model>, ApiError> {
    let now = state.sign_in_now();
    Ok(sessions::open_of(&state.db, user, now)
        .await?
        .into_iter()
        .filter(|s| is_open(state, s, now))
        .collect())
}

/// Ends one of `user`'s own sessions (404 for anyone else's).
pub async fn end_own(state: &AppState, user: Uuid, session: Uuid) -> Result<(), ApiError> {
    let own = sessions::find(&state.db, session)
        .await?
        .filter(|s| s.user_id == user)
        .ok_or(ApiError::NotFound)?;
    end(state, own.id).await
}
