//! Accounts: a shelter's self-registration, one's own password, and the program's directory
//! for managers (organizations and people by pages, and the lawyers a case can be assigned to).
//! Adding and changing organizations and people is [`super::directory`].

pub mod create;
pub mod first_run;
pub mod invitation;
pub mod me;
pub mod recovery;
pub mod registration;
pub mod shelter;

use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Error, Listing};
use crate::address::ClientAddress;
use crate::entity::{organization, user};
use crate::service::accounts::create::Check;
use crate::service::auth::AuthUser;
use crate::service::auth::throttle::{self, Limit};
use crate::service::repo::orgs;
pub use crate::service::repo::orgs::{OrgFilter, OrgKind};
use crate::service::repo::users;
use crate::state::AppState;
use registration::NewShelter;

/// One page of the organizations that pass `filter`, by name, with how many pass in all.
pub async fn organizations(
    state: &AppState,
    caller: &AuthUser,
    filter: OrgFilter,
    limit: u64,
    cursor: Option<&str>,
) -> Result<Listing<organization::Model>, Error> {
    caller.require_manager()?;
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
    caller.require_manager()?;
    Ok(orgs::all(&state.db).await?)
}

/// How many organizations pass `filter` (for a list's tab, without reading any of them).
pub async fn count_organizations(
    state: &AppState,
    caller: &AuthUser,
    filter: OrgFilter,
) -> Result<u64, Error> {
    caller.require_manager()?;
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
    caller.require_manager()?;
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
    caller.require_manager()?;
    Ok(users::active_lawyers(&state.db).await?)
}

/// A shelter's registration: the shelter and its first staff member.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The shelter.
    pub organization: RegistrationOrg,
    /// Its first staff member.
    pub user: RegistrationUser,
}

/// The shelter that registers.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationOrg {
    /// Its name.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*[^\s\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069][^\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*$"
    )]
    pub name: String,
    /// Its federal entity (ISO 3166-2:MX).
    #[schema(value_type = puente_workflow::intake::MexicanState)]
    pub state: String,
    /// Its municipality.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*[^\s\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069][^\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*$"
    )]
    pub municipality: String,
}

/// The shelter's first staff member.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationUser {
    /// Their full name.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*[^\s\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069][^\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*$"
    )]
    pub name: String,
    /// Their e-mail address (the login).
    #[schema(format = Email)]
    pub email: String,
    /// Their password: 10 to 256 characters, not a common one, not made of their name or
    /// address.
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
    /// Their language (Spanish unless said).
    #[serde(default)]
    pub locale: Option<puente_i18n::Lang>,
}

/// Registers a shelter and its first staff member from `client` (see
/// [`registration::register`]): the normalized address, the same whether or not it already had
/// an account.
pub async fn register(
    state: &AppState,
    client: &ClientAddress,
    registration: Registration,
) -> Result<String, Error> {
    let Registration { organization, user } = registration;
    registration::register(
        state,
        client,
        NewShelter {
            name: &organization.name,
            state: &organization.state,
            municipality: &organization.municipality,
            person: &user.name,
            email: &user.email,
            password: user.password,
            locale: user.locale.unwrap_or_default(),
        },
    )
    .await
}

/// A change of one's own password.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The password now.
    pub current_password: String,
    /// The new one: 10 to 256 characters, not a common one, not made of one's name or address.
    #[schema(min_length = 10, max_length = 256)]
    pub new_password: String,
}

/// Changes the caller's own password after checking the current one. Wrong current passwords
/// are throttled like sign-ins (a stolen session must not become a password-guessing oracle);
/// every session of the account ends, as after any password change.
pub async fn change_password(
    state: &AppState,
    caller: &AuthUser,
    change: PasswordChange,
) -> Result<(), Error> {
    // The caller's account was read to authenticate them: gone since, it is not found.
    let account = users::find(&state.db, caller.id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut check = Check::default();
    check.password(
        "new_password",
        &change.new_password,
        &[&account.name, &account.email],
    );
    check.done()?;
    let limit = Limit::per_account(&state.settings, format!("password:{}", caller.id));
    let reservation =
        throttle::reserve(&state.db, state.sign_in_now().unix_timestamp(), &[limit]).await?;
    if !state
        .hasher
        .verify(change.current_password, account.password_hash.clone())
        .await?
    {
        return Err(Error::field("current_password", "password.wrong"));
    }
    reservation.release(&state.db).await?;
    let password_hash = state.hasher.hash(change.new_password).await?;
    users::update(
        &state.db,
        account,
        users::Changes {
            password_hash: Some(password_hash),
            ..users::Changes::default()
        },
        state.now(),
    )
    .await?;
    Ok(())
}
