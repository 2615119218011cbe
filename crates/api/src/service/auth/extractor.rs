//! `AuthUser`: the signed-in user behind a bearer token, checked against the database on every
//! request (the session and its account in one query) so that a logout, an ended session, a
//! deactivated account or a changed password stops its tokens at once.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use puente_i18n::Lang;
use puente_workflow::{Actor, OrgId, Role, UserId};
use uuid::Uuid;

use crate::error::ApiError;
use crate::service::auth::{mfa, session};
use crate::service::repo;
use crate::state::AppState;

/// The signed-in user.
#[derive(Debug, Clone)]
pub struct AuthUser {
    /// Their id.
    pub id: Uuid,
    /// Their role.
    pub role: Role,
    /// Their organization.
    pub organization: Uuid,
    /// Whether they administer organizations and users.
    pub admin: bool,
    /// Their saved language.
    pub lang: Lang,
    /// The session the token belongs to.
    pub session: Uuid,
    /// Whether they must enrol a second factor before anything else.
    pub must_enrol: bool,
}

impl AuthUser {
    /// The user as the workflow sees them.
    pub fn actor(&self) -> Actor {
        Actor {
            user: UserId(self.id),
            role: self.role,
            organization: OrgId(self.organization),
        }
    }

    /// 403 unless a manager.
    pub fn require_manager(&self) -> Result<(), crate::service::Error> {
        if self.role == Role::Manager {
            Ok(())
        } else {
            Err(crate::service::Error::Forbidden)
        }
    }

    /// 403 unless an admin manager.
    pub fn require_admin(&self) -> Result<(), crate::service::Error> {
        if self.role == Role::Manager && self.admin {
            Ok(())
        } else {
            Err(crate::service::Error::Forbidden)
        }
    }
}

/// The bearer token of a request.
fn bearer(parts: &Parts) -> Option<&str> {
    bearer_of(&parts.headers)
}

/// The bearer token in `Authorization` headers.
pub fn bearer_of(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

impl<S> FromRequestParts<S> for AuthUser
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Enrolling(user) = Enrolling::from_request_parts(parts, state).await?;
        if user.must_enrol {
            return Err(ApiError::MfaEnrolmentRequired);
        }
        Ok(user)
    }
}

/// A signed-in user who may still have to enrol a second factor: what the enrolment itself,
/// `GET /me`, the sessions and logout accept.
#[derive(Debug, Clone)]
pub struct Enrolling(pub AuthUser);

impl<S> FromRequestParts<S> for Enrolling
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let token = bearer(parts).ok_or(ApiError::Unauthorized)?;
        Ok(Enrolling(AuthUser::from_token(&state, token).await?))
    }
}

impl AuthUser {
    /// The user an access token names, if it is valid, its session open and the account still
    /// active with the same token version.
    pub async fn from_token(state: &AppState, token: &str) -> Result<AuthUser, ApiError> {
        AuthUser::with_account(state, token)
            .await
            .map(|(user, _)| user)
    }

    /// The same, with the account it was read from (its name and e-mail, for the pages).
    pub async fn with_account(
        state: &AppState,
        token: &str,
    ) -> Result<(AuthUser, crate::entity::user::Model), ApiError> {
        let claims = state.keys.verify(token).ok_or(ApiError::Unauthorized)?;
        let (open, user) = repo::sessions::with_user(&state.db, claims.sid)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        if open.user_id != claims.sub
            || !session::is_open(state, &open, state.sign_in_now())
            || !user.active
            || user.token_version != claims.ver
        {
            return Err(ApiError::Unauthorized);
        }
        let role = user.role;
        // Every request's log line names who made it.
        tracing::Span::current().record("user", tracing::field::display(user.id));
        let auth = AuthUser {
            id: user.id,
            role,
            organization: user.organization_id,
            admin: user.admin,
            lang: user.locale.parse().unwrap_or_default(),
            session: open.id,
            must_enrol: mfa::must_enrol(state, &user),
        };
        Ok((auth, user))
    }
}
