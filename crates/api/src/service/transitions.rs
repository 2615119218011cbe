//! Moving a case through the workflow: the events the caller may fire now, each with what is
//! still missing, and firing one: gather the facts, ask the workflow, and commit the transition
//! with its history event and notifications, guarded by the case's version. The routes, the
//! pages and the demo all come through here.

use sea_orm::DatabaseConnection;
use serde::Serialize;
use serde_json::Value;
use time::{Date, OffsetDateTime};
use utoipa::ToSchema;
use uuid::Uuid;

use puente_i18n::{Labels, Lang};
use puente_workflow::{
    Actor, CaseState, Event, EventKind, Facts, Field, FieldError, LawyerStanding, OrgId, Rejection,
    Role, Status, UserId, Visibility, apply, available, table::spec, visibility,
};

use super::Error;
use crate::entity::case::Model;
use crate::entity::organization;
use crate::openapi::CodeMessage;
use crate::service::auth::AuthUser;
use crate::service::repo::cases::{self, state_of};
use crate::service::repo::{documents, orgs, users};
use crate::service::views::{CaseView, case_facts, facts_with};
use crate::state::AppState;

/// An event the caller may fire now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Offer {
    /// The event.
    pub event: EventKind,
    /// Its label in the caller's language.
    pub label: String,
    /// Whether nothing is missing.
    pub ready: bool,
    /// Unmet requirements, by stable code.
    pub missing: Vec<String>,
    /// The same, each with a message.
    pub missing_details: Vec<CodeMessage>,
    /// Data the event needs from whoever fires it.
    pub needs: Vec<Field>,
    /// Data it accepts without needing it.
    pub accepts: Vec<Field>,
}

/// What the caller may do with a case now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Offers {
    /// The case's version (for `expected_version`).
    pub version: i32,
    /// Its state.
    pub state: Status,
    /// The events.
    pub items: Vec<Offer>,
}

/// The events `actor` may fire on `case` now, given its `facts`, in `lang`.
pub fn offers_of(case: &Model, actor: &Actor, facts: &Facts, lang: Lang) -> Offers {
    let items = available(state_of(case), actor, facts)
        .into_iter()
        .map(|offer| Offer {
            event: offer.event,
            label: Labels::of(&offer.event.label_key()).get(lang).to_owned(),
            ready: offer.missing.is_empty(),
            missing: offer.missing.iter().map(|m| m.code()).collect(),
            missing_details: offer
                .missing
                .iter()
                .map(|m| CodeMessage {
                    code: m.code(),
                    message: m.message(lang),
                })
                .collect(),
            needs: offer.needs,
            accepts: offer.accepts,
        })
        .collect();
    Offers {
        version: case.version,
        state: state_of(case).state,
        items,
    }
}

/// The events the caller may fire on case `id` now, in their language.
pub async fn offered(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<Offers, Error> {
    let case = super::cases::visible(state, caller, id).await?.case;
    let facts = case_facts(&state.db, &case).await?;
    Ok(offers_of(&case, &caller.actor(), &facts, caller.lang))
}

/// An event asked for by name: on case `id`, with `data`; with `expected_version`, only if the
/// case is still at that version.
pub struct Firing<'a> {
    /// The case.
    pub id: Uuid,
    /// The event's wire name.
    pub event: &'a str,
    /// Its data.
    pub data: &'a Value,
    /// The version the caller saw.
    pub expected_version: Option<i32>,
}

/// Fires an event asked for by name, as the caller; answers the case as the caller now sees it.
pub async fn fire_named(
    state: &AppState,
    caller: &AuthUser,
    firing: Firing<'_>,
) -> Result<CaseView, Error> {
    let (updated, shelter) = fire_parsed(state, caller, firing).await?;
    super::cases::view_knowing(state, caller, &updated, shelter.as_ref()).await
}

/// Parses and fires; answers the updated case with its shelter (a page that shows the case
/// again by itself needs nothing more).
pub async fn fire_parsed(
    state: &AppState,
    caller: &AuthUser,
    firing: Firing<'_>,
) -> Result<(Model, Option<organization::Model>), Error> {
    let Firing {
        id,
        event,
        data,
        expected_version,
    } = firing;
    let case = cases::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    let kind: EventKind = event
        .parse()
        .map_err(|_| Error::Invalid(vec![FieldError::new("event", "invalid_choice")]))?;
    let event = Event::parse(kind, data).map_err(Error::Invalid)?;
    let shelter = orgs::find(&state.db, case.shelter_id).await?;
    let updated = fire_knowing(
        &state.db,
        (&case, shelter.as_ref()),
        &event,
        &caller.actor(),
        (state.today(), state.now()),
        expected_version,
    )
    .await?;
    Ok((updated, shelter))
}

/// Fires `event` by `actor` on `case`, as of `today` and `at`; with
/// `expected_version`, only if the case is still at that version.
pub async fn fire(
    db: &DatabaseConnection,
    case: &Model,
    event: &Event,
    actor: &Actor,
    today: Date,
    at: OffsetDateTime,
    expected_version: Option<i32>,
) -> Result<Model, Error> {
    let shelter = orgs::find(db, case.shelter_id).await?;
    fire_knowing(
        db,
        (case, shelter.as_ref()),
        event,
        actor,
        (today, at),
        expected_version,
    )
    .await
}

/// The same, with the case's shelter already read. The case's documents are read only for an
/// event whose requirements count them.
async fn fire_knowing(
    db: &DatabaseConnection,
    (case, shelter): (&Model, Option<&organization::Model>),
    event: &Event,
    actor: &Actor,
    (today, at): (Date, OffsetDateTime),
    expected_version: Option<i32>,
) -> Result<Model, Error> {
    let documents = if spec(event.kind).counts_documents() {
        documents::of_case(db, case.id).await?
    } else {
        Vec::new()
    };
    let mut facts = facts_with(db, case, shelter, &documents).await?;
    if let Some(lawyer_id) = event.data.lawyer_id {
        facts.named_lawyer = users::find(db, lawyer_id.0).await?.map(|u| LawyerStanding {
            id: UserId(u.id),
            organization: OrgId(u.organization_id),
            is_lawyer: u.role == Role::Lawyer,
            active: u.active,
        });
    }
    let position = state_of(case);
    let transition = match apply(position, event, actor, &facts, today) {
        Ok(transition) => transition,
        Err(Rejection::NotVisible) => return Err(Error::NotFound),
        Err(Rejection::NotAllowed) => return Err(Error::Forbidden),
        Err(Rejection::InvalidState { current }) => {
            return Err(conflict(current, case.version, actor, &facts));
        }
        Err(Rejection::Unmet(missing)) => return Err(Error::Unmet(missing)),
    };
    if expected_version.is_some_and(|v| v != case.version) {
        return Err(Error::Conflict {
            code: "stale_version",
            state: Some(position),
            version: Some(case.version),
        });
    }
    let notify = crate::service::mail::for_transition(case, &transition, actor.user.0);
    match cases::commit(
        db,
        case,
        &transition,
        (actor.user.0, actor.role),
        notify,
        at,
    )
    .await?
    {
        Some(updated) => Ok(updated),
        None => {
            // Another request moved the case between our read and our write.
            let current = cases::find(db, case.id).await?.ok_or(Error::NotFound)?;
            let facts = case_facts(db, &current).await?;
            Err(conflict(state_of(&current), current.version, actor, &facts))
        }
    }
}

/// The 409 for an event the case's state no longer allows. Where the case stands is told only
/// to someone who may see the case: a lawyer who lost the race to claim a request learns that
/// it was taken, not how far another firm has carried it (its state or its version).
fn conflict(current: CaseState, version: i32, actor: &Actor, facts: &Facts) -> Error {
    if visibility(current, actor, facts) == Visibility::Hidden {
        return Error::Conflict {
            code: "invalid_state",
            state: None,
            version: None,
        };
    }
    Error::invalid_state(current, version)
}
