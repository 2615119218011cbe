//! What the operator does from the command line, with the database and no signed-in caller:
//! add an organization, remove someone's lost second factor.

use sea_orm::DatabaseConnection;
use time::OffsetDateTime;

use super::Error;
use super::repo::orgs::{self, NewOrg, OrgKind};
use super::repo::users;
use crate::entity::{organization, user};

/// Adds an organization of `kind`, verified or not, in `state` (ISO 3166-2:MX) when given.
pub async fn add_organization(
    db: &DatabaseConnection,
    kind: OrgKind,
    name: &str,
    state: Option<&str>,
    verified: bool,
    now: OffsetDateTime,
) -> Result<organization::Model, Error> {
    let new = NewOrg {
        kind,
        name,
        state,
        municipality: None,
        verified,
    };
    Ok(orgs::create(db, new, now).await?)
}

/// Removes the second factor of the account with `email`, anyone's (the last admin's too), and
/// ends their sessions; not found when no account has that address.
pub async fn remove_second_factor(
    db: &DatabaseConnection,
    email: &str,
    now: OffsetDateTime,
) -> Result<user::Model, Error> {
    let person = users::by_email(db, &email.trim().to_lowercase())
        .await?
        .ok_or(Error::NotFound)?;
    super::auth::mfa::remove_lost(db, None, &person, now).await?;
    Ok(person)
}
