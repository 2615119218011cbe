//! Firing a workflow event on a stored case: gather the facts, ask the workflow, and commit the
//! transition with its history event and notifications, guarded by the case's version. The
//! HTTP route and the demo both come through here.

use sea_orm::DatabaseConnection;
use time::{Date, OffsetDateTime};

use puente_workflow::{
    Actor, CaseState, Event, Facts, LawyerStanding, OrgId, Rejection, Role, UserId, Visibility,
    apply, visibility,
};

use crate::entity::case::Model;
use crate::error::ApiError;
use crate::repo::cases::{self, state_of};
use crate::repo::users;
use crate::views::case_facts;

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
) -> Result<Model, ApiError> {
    let mut facts = case_facts(db, case).await?;
    if let Some(lawyer_id) = event.data.lawyer_id {
        facts.named_lawyer = users::find(db, lawyer_id.0).await?.map(|u| LawyerStanding {
            id: UserId(u.id),
            organization: OrgId(u.organization_id),
            is_lawyer: u.role == Role::Lawyer.as_str(),
            active: u.active,
        });
    }
    let position = state_of(case);
    let transition = match apply(position, event, actor, &facts, today) {
        Ok(transition) => transition,
        Err(Rejection::NotVisible) => return Err(ApiError::NotFound),
        Err(Rejection::NotAllowed) => return Err(ApiError::Forbidden),
        Err(Rejection::InvalidState { current }) => {
            return Err(conflict(current, case.version, actor, &facts));
        }
        Err(Rejection::Unmet(missing)) => return Err(ApiError::Unmet(missing)),
    };
    if expected_version.is_some_and(|v| v != case.version) {
        return Err(ApiError::Conflict {
            code: "stale_version",
            state: Some(position),
            version: Some(case.version),
        });
    }
    let notify = crate::mail::for_transition(case, &transition, actor.user.0);
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
            let current = cases::find(db, case.id).await?.ok_or(ApiError::NotFound)?;
            let facts = case_facts(db, &current).await?;
            Err(conflict(state_of(&current), current.version, actor, &facts))
        }
    }
}

/// The 409 for an event the case's state no longer allows. Where the case stands is told only
/// to someone who may see the case: a lawyer who lost the race to claim a request learns that
/// it was taken, not how far another firm has carried it (its state or its version).
fn conflict(current: CaseState, version: i32, actor: &Actor, facts: &Facts) -> ApiError {
    if visibility(current, actor, facts) == Visibility::Hidden {
        return ApiError::Conflict {
            code: "invalid_state",
            state: None,
            version: None,
        };
    }
    ApiError::invalid_state(current, version)
}
