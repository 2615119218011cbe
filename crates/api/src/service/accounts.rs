//! The program's directory, for managers: organizations and people by pages, and the lawyers a
//! case can be assigned to.

use uuid::Uuid;

use super::{Error, Listing};
use crate::auth::AuthUser;
use crate::entity::{organization, user};
use crate::repo::orgs::{self, OrgFilter};
use crate::repo::users;
use crate::state::AppState;

fn managers_only(caller: &AuthUser) -> Result<(), Error> {
    if caller.role == puente_workflow::Role::Manager {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// One page of the organizations that pass `filter`, by name, with how many pass in all.
pub async fn organizations(
    state: &AppState,
    caller: &AuthUser,
    filter: OrgFilter,
    limit: u64,
    cursor: Option<&str>,
) -> Result<Listing<organization::Model>, Error> {
    managers_only(caller)?;
    let limit = super::page_size(limit)?;
    let after = super::cursor(cursor)?;
    let (items, more) = orgs::page(&state.db, filter, after.as_ref(), limit).await?;
    let total = orgs::count(&state.db, filter).await?;
    Ok(Listing::of(items, more, total, |org| {
        orgs::cursor_of(org).encode()
    }))
}

/// Every organization, by name: the choices of the form that adds a person.
pub async fn all_organizations(
    state: &AppState,
    caller: &AuthUser,
) -> Result<Vec<organization::Model>, Error> {
    managers_only(caller)?;
    Ok(orgs::all(&state.db).await?)
}

/// How many organizations pass `filter` (for a list's tab, without reading any of them).
pub async fn count_organizations(
    state: &AppState,
    caller: &AuthUser,
    filter: OrgFilter,
) -> Result<u64, Error> {
    managers_only(caller)?;
    Ok(orgs::count(&state.db, filter).await?)
}

/// One page of the accounts (of one organization), by e-mail, with how many there are.
pub async fn people(
    state: &AppState,
    caller: &AuthUser,
    organization: Option<Uuid>,
    limit: u64,
    cursor: Option<&str>,
) -> Result<Listing<user::Model>, Error> {
    managers_only(caller)?;
    let limit = super::page_size(limit)?;
    let after = super::cursor(cursor)?;
    let (items, more) = users::page(&state.db, organization, after.as_ref(), limit).await?;
    let total = users::count(&state.db, organization).await?;
    Ok(Listing::of(items, more, total, |person| {
        users::cursor_of(person).encode()
    }))
}

/// Every active lawyer, by name: whom a manager may assign a case to.
pub async fn lawyers_to_assign(
    state: &AppState,
    caller: &AuthUser,
) -> Result<Vec<user::Model>, Error> {
    managers_only(caller)?;
    Ok(users::active_lawyers(&state.db).await?)
}
