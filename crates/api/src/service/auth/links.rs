//! One-time links sent by e-mail: a random token in the link (256 bits), only its SHA-256
//! stored, good once and until it expires (`email_link_hours`). A new link of the same purpose
//! retires the ones sent before.

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::service::Error;
use crate::service::auth::refresh;
use crate::service::repo::email_tokens;
use crate::state::AppState;

/// What a link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms the address it was sent to.
    ConfirmEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "confirm_email",
        }
    }

    /// The page the link opens, before its token.
    pub fn path(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "/confirm-email/",
        }
    }
}

/// A new link's path for `user`, stored in `db` (the caller's transaction).
pub async fn issue(
    db: &impl sea_orm::ConnectionTrait,
    state: &AppState,
    user: Uuid,
    purpose: Purpose,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let token = refresh::generate().map_err(|error| Error::Internal(error.to_string()))?;
    email_tokens::retire(db, user, purpose.as_str(), now).await?;
    email_tokens::store(
        db,
        user,
        purpose.as_str(),
        refresh::digest(&token),
        now,
        now + Duration::hours(state.settings.email_link_hours),
    )
    .await?;
    Ok(format!("{}{token}", purpose.path()))
}

/// Uses the link whose token is `token`: its account, or `None` when the token is unknown,
/// used or expired (the three are not told apart).
pub async fn redeem(
    state: &AppState,
    purpose: Purpose,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<Uuid>, Error> {
    let token = token.trim();
    // A token is 43 URL-safe characters; anything else cannot be one.
    if token.len() != 43
        || !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Ok(None);
    }
    Ok(email_tokens::redeem(&state.db, purpose.as_str(), &refresh::digest(token), now).await?)
}
