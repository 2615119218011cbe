//! One's own account: who one is, one's profile (name, language, notices, and for lawyers
//! preferred states and capacity), and a new link to confirm one's address.

use serde::Deserialize;
use utoipa::ToSchema;

use puente_workflow::{FieldError, Role};

use super::create::Check;
use crate::entity::{organization, user};
use crate::service::Error;
use crate::service::auth::AuthUser;
use crate::service::repo::orgs;
use crate::service::repo::users::{self, Changes};
use crate::state::AppState;

/// The body of the request.
#[derive(Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeChanges {
    /// One's name.
    pub name: Option<String>,
    /// One's language.
    pub locale: Option<puente_i18n::Lang>,
    /// Lawyers: states of Mexico (ISO 3166-2:MX) whose requests to list first.
    pub preferred_states: Option<Vec<String>>,
    /// Lawyers: how many cases they take at once, 0 to 50 (`null`: the program's default).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i32>)]
    pub case_capacity: Option<Option<i32>>,
    /// Notices to turn off (only those that are not essential): the whole list.
    pub muted_notifications: Option<Vec<String>>,
}

/// Tells a field sent as `null` (`Some(None)`) from one left out (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i32>>, D::Error> {
    Option::<i32>::deserialize(d).map(Some)
}

/// The caller's account and organization.
pub async fn profile(
    state: &AppState,
    caller: &AuthUser,
) -> Result<(user::Model, Option<organization::Model>), Error> {
    let user = users::find(&state.db, caller.id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let org = orgs::find(&state.db, user.organization_id).await?;
    Ok((user, org))
}

/// The caller's account.
pub async fn account(state: &AppState, caller: &AuthUser) -> Result<user::Model, Error> {
    users::find(&state.db, caller.id)
        .await?
        .ok_or(Error::Unauthenticated)
}

/// Changes the caller's own name, language, notices and (lawyers) preferred states and capacity.
pub async fn update(
    state: &AppState,
    caller: &AuthUser,
    changes: MeChanges,
) -> Result<(user::Model, Option<organization::Model>), Error> {
    let mut check = Check::default();
    let name = changes.name.as_deref().map(|n| check.text("name", n, 200));
    let lawyer = caller.role == Role::Lawyer;
    if let Some(states) = &changes.preferred_states {
        if !lawyer {
            check
                .0
                .push(FieldError::new("preferred_states", "lawyers_only"));
        } else if states.len() > 32 {
            check
                .0
                .push(FieldError::new("preferred_states", "too_many").with("max", 32));
        }
        for (i, code) in states.iter().enumerate() {
            check.state(&format!("preferred_states[{i}]"), code);
        }
    }
    if let Some(capacity) = changes.case_capacity {
        if !lawyer {
            check
                .0
                .push(FieldError::new("case_capacity", "lawyers_only"));
        } else if capacity.is_some_and(|c| !(0..=50).contains(&c)) {
            check
                .0
                .push(FieldError::new("case_capacity", "capacity.range"));
        }
    }
    for (i, name) in changes.muted_notifications.iter().flatten().enumerate() {
        let field = format!("muted_notifications[{i}]");
        match crate::service::mail::Notice::parse(name) {
            None => check.0.push(FieldError::new(field, "invalid_choice")),
            Some(notice) if notice.essential() => {
                check
                    .0
                    .push(FieldError::new(field, "notification.essential"));
            }
            Some(_) => {}
        }
    }
    check.done()?;
    let user = users::find(&state.db, caller.id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let canonical = |list: &[String]| {
        let mut list: Vec<String> = list.iter().map(|s| s.trim().to_uppercase()).collect();
        list.sort();
        list.dedup();
        list
    };
    let changes = Changes {
        name,
        locale: changes.locale.map(|l| l.code().to_owned()),
        preferred_states: changes.preferred_states.as_deref().map(canonical),
        case_capacity: changes.case_capacity,
        muted_notifications: changes.muted_notifications.map(|mut list| {
            list.sort();
            list.dedup();
            list
        }),
        ..Changes::default()
    };
    let user = users::update(&state.db, user, changes, state.now()).await?;
    let org = orgs::find(&state.db, user.organization_id).await?;
    Ok((user, org))
}

/// Sends the caller a new link to confirm their address.
pub async fn resend_confirmation(state: &AppState, caller: &AuthUser) -> Result<(), Error> {
    let person = users::find(&state.db, caller.id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    super::registration::resend(state, &person).await
}
