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

/// Deletes a request the caller's shelter has not sent: still in `draft`, with no document.
/// Nobody but the shelter has seen it, and nothing of it is kept. Anything else is refused: a
/// request sent (409 `invalid_state`; it may be withdrawn instead), a draft holding documents
/// (409 `draft_has_documents`).
pub async fn discard(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<(), Error> {
    let case = super::cases::full(state, caller, id).await?;
    if caller.role != Role::Shelter {
        return Err(Error::Forbidden);
    }
    if state_of(&case).state != Status::Draft {
        return Err(Error::invalid_state(state_of(&case), case.version));
    }
    if !cases::delete_draft(&state.db, id).await? {
        // It holds a document, or left `draft` meanwhile.
        return match cases::find(&state.db, id).await? {
            Some(now) if state_of(&now).state == Status::Draft => {
                Err(Error::conflict("draft_has_documents"))
            }
            Some(now) => Err(Error::invalid_state(state_of(&now), now.version)),
            None => Ok(()),
        };
    }
    tracing::info!(case = %id, "draft discarded by its shelter");
    Ok(())
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
