//! One-time links sent by e-mail: a random token in the link (256 bits), only its SHA-256
//! stored, good once and until it expires (`email_link_hours`). A new link of the same purpose
//! retires the ones sent before.

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use serde_json::json;

use crate::entity::user;
use crate::service::Error;
use crate::service::auth::refresh;
use crate::service::mail::Notice;
use crate::service::repo::email_tokens;
use crate::service::repo::outbox::{self, Message, To};
use crate::state::AppState;

/// What a link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms the address it was sent to.
    ConfirmEmail,
    /// Sets a new password for a person who forgot theirs.
    ResetPassword,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "confirm_email",
            Purpose::ResetPassword => "reset_password",
        }
    }

    /// The page the link opens, before its token.
    pub fn path(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "/confirm-email/",
            Purpose::ResetPassword => "/password-reset/",
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

/// Queues `notice`, the e-mail that carries a new link of `purpose` to `person`, with their
/// address, how long the link works and `extra` (the notice's own fields), in `db` (the
/// caller's transaction).
pub async fn send(
    db: &impl sea_orm::ConnectionTrait,
    state: &AppState,
    person: &user::Model,
    (purpose, notice): (Purpose, Notice),
    extra: serde_json::Map<String, serde_json::Value>,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let path = issue(db, state, person.id, purpose, now).await?;
    let mut payload = json!({
        "path": path,
        "email": person.email,
        "hours": state.settings.email_link_hours,
    });
    if let Some(fields) = payload.as_object_mut() {
        fields.extend(extra);
    }
    let message = Message {
        notice,
        case: None,
        to: To::User(person.id),
        payload,
        except: None,
        dedupe: None,
    };
    outbox::enqueue(db, message, state.now()).await?;
    Ok(())
}

/// Uses the link whose token is `token`: its account, or `None` when the token is unknown,
/// used or expired (the three are not told apart).
pub async fn redeem(
    state: &AppState,
    purpose: Purpose,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<Uuid>, Error> {
    redeem_in(&state.db, purpose, token, now).await
}

/// The same in `db` (the caller's transaction, with what the link does).
pub async fn redeem_in(
    db: &impl sea_orm::ConnectionTrait,
    purpose: Purpose,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<Uuid>, Error> {
    let Some(token) = well_formed(token) else {
        return Ok(None);
    };
    Ok(email_tokens::redeem(db, purpose.as_str(), &refresh::digest(token), now).await?)
}

/// The account of a link still good, without using it (to show the form it opens).
pub async fn holder(
    state: &AppState,
    purpose: Purpose,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<Uuid>, Error> {
    let Some(token) = well_formed(token) else {
        return Ok(None);
    };
    Ok(email_tokens::holder(&state.db, purpose.as_str(), &refresh::digest(token), now).await?)
}

/// The token trimmed, if it can be one: 43 URL-safe characters.
fn well_formed(token: &str) -> Option<&str> {
    let token = token.trim();
    (token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then_some(token)
}
