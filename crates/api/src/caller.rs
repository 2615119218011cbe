//! The caller of a request: the signed-in user behind its bearer token
//! ([`crate::service::auth::AuthUser`]), refused with 401 without a valid one and with 403 while
//! they must still enrol a second factor.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;

use crate::error::ApiError;
use crate::service::auth::AuthUser;
use crate::state::AppState;

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
