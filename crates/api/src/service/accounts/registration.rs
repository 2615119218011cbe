//! A shelter's self-registration and the confirmation of its e-mail address.
//!
//! Registration answers the same whether or not the address already has an account, so that
//! nobody learns from it who uses Puente: the difference goes by e-mail, to the address itself
//! (a link that confirms it, or word that someone tried to register it again). The password is
//! hashed in both cases, so the answer takes as long. Until one of its staff confirms their
//! address (or a manager verifies it), a shelter can prepare its request but not submit it.

use puente_i18n::Lang;
use puente_workflow::Role;
use puente_workflow::intake::MexicanState;
use serde_json::json;

use crate::address::ClientAddress;
use crate::entity::user;
use crate::service::accounts::create::Check;
use crate::service::auth::links::{self, Purpose};
use crate::service::auth::throttle::{self, Limit};

use crate::service::Error;
use crate::service::mail::Notice;
use crate::service::repo::orgs::{self, NewOrg, OrgKind};
use crate::service::repo::outbox::{self, Message, To};
use crate::service::repo::users::{self, NewUser};
use crate::state::AppState;

/// A registration as typed.
pub struct NewShelter<'a> {
    /// The shelter's name.
    pub name: &'a str,
    /// Its federal entity (ISO code).
    pub state: &'a str,
    /// Its municipality.
    pub municipality: &'a str,
    /// The first staff member's name.
    pub person: &'a str,
    /// Their e-mail address (the login).
    pub email: &'a str,
    /// Their password.
    pub password: String,
    /// Their language.
    pub locale: Lang,
}

/// Registers a shelter and its first staff member, unverified and unconfirmed, e-mails the
/// link that confirms the address and tells the managers a shelter waits to be verified; for an address that already has an account, creates nothing
/// and tells its owner instead. Either way the answer is the normalized address.
pub async fn register(
    state: &AppState,
    address: &ClientAddress,
    new: NewShelter<'_>,
) -> Result<String, Error> {
    // Before the throttle: trying before Puente is set up uses up nothing.
    if !super::first_run::is_set_up(&state.db).await? {
        return Err(Error::conflict("not_set_up"));
    }
    throttle_registration(state, address).await?;
    let mut check = Check::default();
    let org_name = check.text("organization.name", new.name, 200);
    let org_state = check.state("organization.state", new.state);
    let municipality = check.text("organization.municipality", new.municipality, 200);
    let name = check.text("user.name", new.person, 200);
    let email = check.email("user.email", new.email);
    check.password("user.password", &new.password, &[&name, &email, &org_name]);
    check.done()?;
    let password_hash = state.hasher.hash(new.password).await?;
    let now = state.sign_in_now();
    if let Some(owner) = users::by_email(&state.db, &email).await? {
        tell_owner(state, &owner).await?;
        return Ok(email);
    }
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    let org = orgs::create(
        &txn,
        NewOrg {
            kind: OrgKind::Shelter,
            name: &org_name,
            state: org_state.map(MexicanState::code),
            municipality: Some(&municipality),
            verified: false,
        },
        state.now(),
    )
    .await?;
    let created = users::create(
        &txn,
        NewUser {
            organization: org.id,
            email: &email,
            name: &name,
            role: Role::Shelter,
            admin: false,
            password_hash,
            locale: new.locale.code(),
            email_confirmed: false,
        },
        state.now(),
    )
    .await;
    let created = match created {
        // Registered by someone else a moment ago: the same answer as above.
        Err(error) if crate::service::repo::is_unique_violation(&error) => {
            drop(txn);
            if let Some(owner) = users::by_email(&state.db, &email).await? {
                tell_owner(state, &owner).await?;
            }
            return Ok(email);
        }
        other => other?,
    };
    send_link(&txn, state, &created, now).await?;
    let registered = Message {
        notice: Notice::ShelterRegistered,
        case: None,
        to: To::Managers,
        payload: json!({
            "organization": org.name,
            "municipality": org.municipality,
            "state": org.state,
            "path": format!("/shelters/{}", org.id),
        }),
        except: None,
        dedupe: None,
    };
    outbox::enqueue(&txn, registered, state.now()).await?;
    txn.commit().await?;
    Ok(email)
}

/// Tells the owner of an address that someone tried to register it again.
async fn tell_owner(state: &AppState, owner: &user::Model) -> Result<(), Error> {
    let message = Message {
        notice: Notice::RegistrationAttempt,
        case: None,
        to: To::User(owner.id),
        payload: json!({"path": "/login"}),
        except: None,
        dedupe: None,
    };
    outbox::enqueue(&state.db, message, state.now()).await?;
    Ok(())
}

/// Queues the e-mail with a new confirmation link for `person`.
async fn send_link(
    db: &impl sea_orm::ConnectionTrait,
    state: &AppState,
    person: &user::Model,
    now: time::OffsetDateTime,
) -> Result<(), Error> {
    let link = (Purpose::ConfirmEmail, Notice::ConfirmEmail);
    links::send(db, state, person, link, Default::default(), now).await
}

/// Confirms the address a link was sent to and welcomes the shelter (once); 422 naming `token` when the link is unknown, used
/// or expired.
pub async fn confirm(state: &AppState, token: &str) -> Result<(), Error> {
    let now = state.sign_in_now();
    let Some(user) = links::redeem(state, Purpose::ConfirmEmail, token, now).await? else {
        return Err(Error::field("token", "token.invalid"));
    };
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    users::confirm_email(&txn, user, now).await?;
    let welcome = Message {
        notice: Notice::Welcome,
        case: None,
        to: To::User(user),
        payload: json!({"path": "/"}),
        except: None,
        dedupe: Some(format!("welcome:{user}")),
    };
    outbox::enqueue(&txn, welcome, state.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Sends a new confirmation link to a signed-in person whose address is unconfirmed (the one
/// before stops working); at most five an hour. 409 `email_confirmed` when there is nothing to
/// confirm.
pub async fn resend(state: &AppState, person: &user::Model) -> Result<(), Error> {
    if person.email_confirmed_at.is_some() {
        return Err(Error::conflict("email_confirmed"));
    }
    let now = state.sign_in_now();
    let limit = Limit::new(format!("confirm-link:{}", person.id), 5, 60 * 60);
    // Every link sent counts: the reservation is kept.
    drop(throttle::reserve(&state.db, now.unix_timestamp(), &[limit]).await?);
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    send_link(&txn, state, person, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Counts a self-registration from `address`: at most `registrations_per_address_per_hour`
/// (429 beyond), so that nobody fills the database with accounts from one place.
async fn throttle_registration(state: &AppState, address: &ClientAddress) -> Result<(), Error> {
    let limit = Limit::new(
        format!("register:{address}"),
        state.settings.registrations_per_address_per_hour,
        60 * 60,
    );
    // Every registration counts, accepted or not: the reservation is kept.
    drop(throttle::reserve(&state.db, state.sign_in_now().unix_timestamp(), &[limit]).await?);
    Ok(())
}
