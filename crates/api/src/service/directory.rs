//! Changing the program's directory: admins add organizations and people and change accounts
//! (turn them off or on, rename them, reset a password); managers verify shelters. Reading it
//! is [`super::accounts`].

use puente_workflow::Role;
use puente_workflow::intake::MexicanState;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Error;
use crate::entity::{organization, user};
use crate::service::accounts::create::{self, Check, NewAccount};
use crate::service::auth::AuthUser;
use crate::service::repo::orgs::{self, NewOrg, OrgKind};
use crate::service::repo::users::{self, Changes};
use crate::state::AppState;

/// A new organization.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrgRequest {
    /// Its kind, which fixes its members' role.
    pub kind: OrgKind,
    /// Its name.
    pub name: String,
    /// Its federal entity (ISO 3166-2:MX).
    pub state: Option<String>,
    /// Its municipality.
    pub municipality: Option<String>,
    /// Whether it starts verified.
    #[serde(default)]
    pub verified: bool,
}

/// Adds an organization (admins).
pub async fn add_organization(
    state: &AppState,
    caller: &AuthUser,
    new: NewOrgRequest,
) -> Result<organization::Model, Error> {
    caller.require_admin()?;
    let mut check = Check::default();
    let name = check.text("name", &new.name, 200);
    let org_state = new.state.as_deref().and_then(|s| check.state("state", s));
    let municipality = new
        .municipality
        .as_deref()
        .map(|m| check.text("municipality", m, 200));
    check.done()?;
    let org = orgs::create(
        &state.db,
        NewOrg {
            kind: new.kind,
            name: &name,
            state: org_state.map(MexicanState::code),
            municipality: municipality.as_deref(),
            verified: new.verified,
        },
        state.now(),
    )
    .await?;
    Ok(org)
}

/// Marks organization `id` verified (managers).
pub async fn verify_organization(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
) -> Result<organization::Model, Error> {
    caller.require_manager()?;
    let org = orgs::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    Ok(orgs::verify(&state.db, org, state.now()).await?)
}

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    /// E-mail address (the login).
    pub email: String,
    /// Full name.
    pub name: String,
    /// Role, which must fit the organization's kind.
    pub role: Role,
    /// The organization.
    pub organization_id: Uuid,
    /// Whether an admin (managers only).
    #[serde(default)]
    pub admin: bool,
    /// The first password.
    pub password: String,
    /// Language (Spanish unless said).
    pub locale: Option<puente_i18n::Lang>,
}

/// Adds an account, its address taken as confirmed (admins).
pub async fn add_person(
    state: &AppState,
    caller: &AuthUser,
    new: NewUserRequest,
) -> Result<user::Model, Error> {
    caller.require_admin()?;
    create::create(
        &state.db,
        &state.hasher,
        NewAccount {
            email: &new.email,
            name: &new.name,
            role: new.role,
            organization: new.organization_id,
            admin: new.admin,
            password: new.password,
            locale: new.locale.unwrap_or_default(),
        },
        state.now(),
    )
    .await
}

/// Changes to an account; what is left out stays as it is.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserChanges {
    /// Whether it may sign in.
    pub active: Option<bool>,
    /// A new name.
    pub name: Option<String>,
    /// A new password.
    pub password: Option<String>,
}

/// Deactivates, renames or resets the password of account `id` (admins); deactivating or a new
/// password revokes the person's tokens.
pub async fn change_person(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    changes: UserChanges,
) -> Result<user::Model, Error> {
    caller.require_admin()?;
    let person = users::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    if changes.active == Some(false) {
        may_deactivate(&state.db, &person, Some(caller.id)).await?;
    }
    let mut check = Check::default();
    let name = changes.name.as_deref().map(|n| check.text("name", n, 200));
    if let Some(password) = &changes.password {
        let own_name = name.as_deref().unwrap_or(&person.name);
        check.password("password", password, &[own_name, &person.email]);
    }
    check.done()?;
    let password_hash = match changes.password {
        Some(password) => Some(state.hasher.hash(password).await?),
        None => None,
    };
    let person = users::update(
        &state.db,
        person,
        Changes {
            active: changes.active,
            name,
            password_hash,
            ..Changes::default()
        },
        state.now(),
    )
    .await?;
    Ok(person)
}

/// Account `id` (admins), to confirm a change to it.
pub async fn person(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<user::Model, Error> {
    caller.require_admin()?;
    users::find(&state.db, id).await?.ok_or(Error::NotFound)
}

/// Whether `person` may be deactivated (`by` an admin, or from the operator's shell): nobody
/// deactivates their own account (409 `own_account`), and the last active admin stays (409
/// `last_admin`), so that the program is never left without anyone to administer it.
pub async fn may_deactivate(
    db: &impl sea_orm::ConnectionTrait,
    person: &user::Model,
    by: Option<Uuid>,
) -> Result<(), Error> {
    if by == Some(person.id) {
        return Err(Error::conflict("own_account"));
    }
    if person.admin && person.active && users::active_admins(db).await? <= 1 {
        return Err(Error::conflict("last_admin"));
    }
    Ok(())
}

/// Removes the lost second factor of person `id` (admins, not their own) and ends their
/// sessions.
pub async fn remove_second_factor(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
) -> Result<(), Error> {
    caller.require_admin()?;
    let person = users::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    crate::service::auth::mfa::remove_lost(&state.db, Some(caller.id), &person, state.sign_in_now())
        .await
}
