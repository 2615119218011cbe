//! A shelter's intake: a new request in `draft`, and its intake replaced while the shelter may
//! still change it.

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{Problem, Role, Status};
use uuid::Uuid;

use super::Error;
use crate::service::auth::AuthUser;
use crate::service::repo::cases::{self, state_of};
use crate::service::repo::history;
use crate::service::views::CaseView;
use crate::state::AppState;

/// Refuses values that are wrong (a bad CURP, an unknown state); what is merely missing may
/// wait until submission.
fn check_draft(intake: &IntakeDraft) -> Result<(), Error> {
    let wrong: Vec<_> = intake
        .problems()
        .into_iter()
        .filter(|e| e.problem() == Problem::Invalid)
        .map(|mut e| {
            e.field = format!("intake.{}", e.field);
            e
        })
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(wrong))
    }
}

/// Creates a request in `draft` for the caller's shelter. The intake may be incomplete; wrong
/// values are refused.
pub async fn create(
    state: &AppState,
    caller: &AuthUser,
    intake: &IntakeDraft,
) -> Result<CaseView, Error> {
    if caller.role != Role::Shelter {
        return Err(Error::Forbidden);
    }
    check_draft(intake)?;
    let case = cases::create(
        &state.db,
        caller.organization,
        intake,
        (caller.id, caller.role),
        state.now(),
    )
    .await?;
    super::cases::view(state, caller, &case).await
}

/// Opens a new request for the caller's shelter from the pages: an earlier draft the caller
/// started and nobody wrote anything in is reused (its id returned) instead of piling up empty
/// requests.
pub async fn start(state: &AppState, caller: &AuthUser) -> Result<Uuid, Error> {
    if caller.role != Role::Shelter {
        return Err(Error::Forbidden);
    }
    let empty = IntakeDraft::default();
    let untouched: Vec<_> = cases::of_shelter(&state.db, caller.organization)
        .await?
        .into_iter()
        .filter(|case| {
            state_of(case).state == Status::Draft && super::views::intake_of(case) == empty
        })
        .collect();
    // Only one the caller started: a colleague's may be open in another browser right now.
    for case in untouched {
        let started = history::of_case(&state.db, case.id).await?;
        if started.first().and_then(|event| event.actor_id) == Some(caller.id) {
            return Ok(case.id);
        }
    }
    Ok(create(state, caller, &empty).await?.id)
}

/// Replaces the intake of case `id` (its own shelter, in `draft` or `needs_info`), if the case
/// is still at the `expected` version (which must be given).
pub async fn replace(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    expected: Option<i32>,
    intake: &IntakeDraft,
) -> Result<CaseView, Error> {
    let case = super::cases::visible(state, caller, id).await?.case;
    if caller.role != Role::Shelter || caller.organization != case.shelter_id {
        return Err(Error::Forbidden);
    }
    let at = state_of(&case);
    if !matches!(at.state, Status::Draft | Status::NeedsInfo) {
        return Err(Error::invalid_state(at, case.version));
    }
    super::cases::at_version(&case, expected)?;
    check_draft(intake)?;
    let actor = (caller.id, caller.role);
    let updated = cases::update_intake(&state.db, &case, intake, actor, state.now()).await?;
    super::cases::saved(state, caller, id, updated).await
}
