//! What the operator does from the command line, with the database and no signed-in caller:
//! add an organization, remove someone's lost second factor, set someone's password, turn an
//! account off or on.

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
    let person = by_email(db, email).await?;
    super::auth::mfa::remove_lost(db, None, &person, now).await?;
    Ok(person)
}

/// The account with `email`, or not found.
async fn by_email(db: &DatabaseConnection, email: &str) -> Result<user::Model, Error> {
    users::by_email(db, &email.trim().to_lowercase())
        .await?
        .ok_or(Error::NotFound)
}

/// Sets the password of the account with `email` (checked as any new password is) and ends its
/// sessions: for someone who can reach neither their mailbox nor an admin.
pub async fn set_password(
    db: &DatabaseConnection,
    hasher: &super::auth::Hasher,
    email: &str,
    password: String,
    now: OffsetDateTime,
) -> Result<user::Model, Error> {
    let person = by_email(db, email).await?;
    let mut check = super::accounts::create::Check::default();
    check.password("password", &password, &[&person.name, &person.email]);
    check.done()?;
    let changes = users::Changes {
        password_hash: Some(hasher.hash(password).await?),
        ..users::Changes::default()
    };
    Ok(users::update(db, person, changes, now).await?)
}

/// Turns the account with `email` on or off (off ends its sessions); the last active admin is
/// not turned off (409 `last_admin`).
pub async fn set_active(
    db: &DatabaseConnection,
    email: &str,
    active: bool,
    now: OffsetDateTime,
) -> Result<user::Model, Error> {
    let person = by_email(db, email).await?;
    if !active {
        super::directory::may_deactivate(db, &person, None).await?;
    }
    let changes = users::Changes {
        active: Some(active),
        ..users::Changes::default()
    };
    Ok(users::update(db, person, changes, now).await?)
}
