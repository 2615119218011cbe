//! The demo's accounts: each person's user, all with the demo password, and how the workflow
//! sees them.

use sea_orm::DatabaseConnection;

use puente_workflow::{Actor, OrgId, Role, UserId};

use super::PASSWORD;
use crate::clock;
use crate::error::ApiError;
use crate::service::repo::users::{self, NewUser};

/// What the demo needs from the person fields of the database: an account id and how the
/// workflow sees them.
pub(super) struct Who {
    pub(super) id: uuid::Uuid,
    pub(super) actor: Actor,
}

/// The demo password's hash, computed once for every account.
fn demo_hash() -> Result<String, ApiError> {
    static HASH: std::sync::OnceLock<Result<String, String>> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        crate::service::auth::password::hash(PASSWORD).map_err(|error| error.to_string())
    })
    .clone()
    .map_err(ApiError::Internal)
}

pub(super) async fn account(
    db: &DatabaseConnection,
    org: uuid::Uuid,
    kind: Role,
    name: &str,
    email: &str,
    admin: bool,
) -> Result<Who, ApiError> {
    let user = users::create(
        db,
        NewUser {
            organization: org,
            email,
            name,
            role: kind,
            admin,
            password_hash: demo_hash()?,
            locale: "es",
            email_confirmed: true,
        },
        clock::now(),
    )
    .await?;
    Ok(Who {
        id: user.id,
        actor: Actor {
            user: UserId(user.id),
            role: kind,
            organization: OrgId(org),
        },
    })
}
