//! `AuthUser`: the caller of a use case, the signed-in user behind an access token, checked
//! against the database on every request (the session and its account in one query) so that a
//! logout, an ended session, a deactivated account or a changed password stops its tokens at
//! once. The HTTP extractors that read the token are `crate::caller`'s.

use puente_i18n::Lang;
use puente_workflow::{Actor, OrgId, Role, UserId};
use uuid::Uuid;

use crate::service::Error;
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

impl AuthUser {
    /// The user an access token names, if it is valid, its session open and the account still
    /// active with the same token version.
    pub async fn from_token(state: &AppState, token: &str) -> Result<AuthUser, Error> {
        AuthUser::with_account(state, token)
            .await
            .map(|(user, _)| user)
    }

    /// The same, with the account it was read from (its name and e-mail, for the pages).
    pub async fn with_account(
        state: &AppState,
        token: &str,
    ) -> Result<(AuthUser, crate::entity::user::Model), Error> {
        let claims = state.keys.verify(token).ok_or(Error::Unauthenticated)?;
        let (open, user) = repo::sessions::with_user(&state.db, claims.sid)
            .await?
            .ok_or(Error::Unauthenticated)?;
        if open.user_id != claims.sub
            || !session::is_open(state, &open, state.sign_in_now())
            || !user.active
            || user.token_version != claims.ver
        {
            return Err(Error::Unauthenticated);
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
