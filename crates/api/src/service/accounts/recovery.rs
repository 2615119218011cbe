//! Account recovery: a person who forgot their password asks for a one-time link by e-mail (the
//! same answer whether or not the address has an account), and sets a new password with it; an
//! admin can send that link to anyone. The link is an e-mail link like the address's
//! confirmation (`auth::links`): good once, for `email_link_hours`, a newer one retiring the
//! ones before.

use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::create::Check;
use crate::address::ClientAddress;
use crate::entity::user;
use crate::service::Error;
use crate::service::auth::AuthUser;
use crate::service::auth::links::{self, Purpose};
use crate::service::auth::throttle::{self, Limit};
use crate::service::mail::Notice;
use crate::service::repo::users;
use crate::state::AppState;

/// A request for a reset link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    /// The account's e-mail address.
    pub email: String,
}

/// A new password set with a reset link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    /// The token of the link (the last part of its path).
    pub token: String,
    /// The new password: 10 to 256 characters, not a common one.
    #[schema(min_length = 10, max_length = 256)]
    pub new_password: String,
}

/// Sends a reset link to the account of `email`, if there is an active one; nothing tells the
/// caller whether there is. At most five requests an hour for an address and twenty from one
/// client (429 beyond), so that nobody floods a mailbox or the outbox.
pub async fn request(state: &AppState, client: &ClientAddress, email: &str) -> Result<(), Error> {
    let email = email.trim().to_lowercase();
    let limits = [
        Limit::new(format!("reset:{email}"), 5, 60 * 60),
        Limit::new(format!("reset-from:{client}"), 20, 60 * 60),
    ];
    // Every request counts: the reservation is kept.
    drop(throttle::reserve(&state.db, state.sign_in_now().unix_timestamp(), &limits).await?);
    match users::by_email(&state.db, &email).await? {
        Some(person) if person.active => send_link(state, &person).await,
        // A deactivated account is told so when it signs in with its password; an unknown
        // address gets nothing.
        _ => Ok(()),
    }
}

/// Sends a reset link to person `id` (admins): for someone who cannot ask for it themselves.
/// 409 `account_inactive` for a deactivated account.
pub async fn send_for(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<(), Error> {
    caller.require_admin()?;
    let person = users::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    if !person.active {
        return Err(Error::conflict("account_inactive"));
    }
    send_link(state, &person).await
}

/// Queues the e-mail with a new reset link for `person`.
async fn send_link(state: &AppState, person: &user::Model) -> Result<(), Error> {
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    let link = (Purpose::ResetPassword, Notice::PasswordReset);
    let now = state.sign_in_now();
    links::send(&txn, state, person, link, Default::default(), now).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether `token` is a reset link still good (to show its form, without using it).
pub async fn is_valid(state: &AppState, token: &str) -> Result<bool, Error> {
    Ok(
        links::holder(state, Purpose::ResetPassword, token, state.sign_in_now())
            .await?
            .is_some(),
    )
}

/// Sets a new password with a reset link: 422 naming `token` when the link is unknown, used or
/// expired (or its account was deactivated since), naming `new_password` when the password is
/// refused (the link then stays good). Every session of the account ends, and the address is
/// confirmed (the link reached it).
pub async fn reset(state: &AppState, input: NewPassword) -> Result<(), Error> {
    let now = state.sign_in_now();
    let invalid = || Error::field("token", "token.invalid");
    let holder = links::holder(state, Purpose::ResetPassword, &input.token, now)
        .await?
        .ok_or_else(invalid)?;
    let person = users::find(&state.db, holder)
        .await?
        .filter(|p| p.active)
        .ok_or_else(invalid)?;
    let mut check = Check::default();
    check.password(
        "new_password",
        &input.new_password,
        &[&person.name, &person.email],
    );
    check.done()?;
    let password_hash = state.hasher.hash(input.new_password).await?;
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    // Two forms sent at once: one uses the link, the other is told it is used.
    if links::redeem_in(&txn, Purpose::ResetPassword, &input.token, now)
        .await?
        .is_none()
    {
        return Err(invalid());
    }
    let id = person.id;
    let changes = users::Changes {
        password_hash: Some(password_hash),
        ..users::Changes::default()
    };
    users::update(&txn, person, changes, state.now()).await?;
    users::confirm_email(&txn, id, now).await?;
    txn.commit().await?;
    Ok(())
}
