//! A verified shelter's staff invite a colleague: the new account joins the shelter without a
//! password, and an e-mail carries the link to choose one (the reset link, which also confirms
//! the address). The answer is the same whether or not the address already had an account
//! (which is left as it is).

use serde::Deserialize;
use utoipa::ToSchema;

use puente_workflow::Role;

use super::create::Check;
use crate::service::Error;
use crate::service::auth::AuthUser;
use crate::service::auth::links::{self, Purpose};
use crate::service::auth::password;
use crate::service::auth::throttle::{self, Limit};
use crate::service::mail::Notice;
use crate::service::repo::orgs;
use crate::service::repo::users::{self, NewUser};
use crate::state::AppState;

/// The colleague to invite.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    /// Their full name.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*[^\s\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069][^\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*$"
    )]
    pub name: String,
    /// Their e-mail address (their login).
    #[schema(format = Email)]
    pub email: String,
}

/// Invites a colleague to the caller's shelter (staff of a verified shelter, 409
/// `shelter_not_verified` otherwise; ten invitations an hour):
/// the account is made without a usable password, in the caller's language, and the link to
/// choose one goes to the address.
pub async fn invite(
    state: &AppState,
    caller: &AuthUser,
    invitation: Invitation,
) -> Result<(), Error> {
    if caller.role != Role::Shelter {
        return Err(Error::Forbidden);
    }
    // Only a shelter the program vetted brings people in: an unverified one could otherwise
    // take an address for itself before its owner registers.
    let verified = orgs::find(&state.db, caller.organization)
        .await?
        .is_some_and(|o| o.verified);
    if !verified {
        return Err(Error::conflict("shelter_not_verified"));
    }
    let mut check = Check::default();
    let name = check.text("name", &invitation.name, 200);
    let email = check.email("email", &invitation.email);
    check.done()?;
    let now = state.sign_in_now();
    let limit = Limit::new(format!("invite:{}", caller.organization), 10, 60 * 60);
    // Every invitation counts: the reservation is kept.
    drop(throttle::reserve(&state.db, now.unix_timestamp(), &[limit]).await?);
    // An address that already has an account is left as it is, and nothing tells the inviter.
    if users::by_email(&state.db, &email).await?.is_some() {
        return Ok(());
    }
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    let invited = users::create(
        &txn,
        NewUser {
            organization: caller.organization,
            email: &email,
            name: &name,
            role: Role::Shelter,
            admin: false,
            // Nobody knows a password that matches it: the link sets the first one.
            password_hash: password::decoy().to_owned(),
            locale: caller.lang.code(),
            email_confirmed: false,
        },
        state.now(),
    )
    .await;
    let invited = match invited {
        // Invited at the same moment by someone else: the same as an existing account.
        Err(error) if crate::service::repo::is_unique_violation(&error) => return Ok(()),
        other => other?,
    };
    let inviter = users::find(&txn, caller.id).await?.map(|u| u.name);
    let shelter = orgs::find(&txn, caller.organization).await?.map(|o| o.name);
    let extra = serde_json::Map::from_iter([
        ("inviter".to_owned(), serde_json::json!(inviter)),
        ("organization".to_owned(), serde_json::json!(shelter)),
    ]);
    // The link that sets a forgotten password sets the first one too.
    let link = (Purpose::ResetPassword, Notice::Invitation);
    links::send(&txn, state, &invited, link, extra, now).await?;
    txn.commit().await?;
    Ok(())
}
