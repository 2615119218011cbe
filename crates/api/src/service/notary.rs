//! The notary chosen for the signing (LEGAL-REVIEW.md W1): the assigned lawyer records it from
//! the claim until the signing, so the name request can name the fedatario and the fees are agreed
//! early; the drafts address it and `record_signing` requires it.

use uuid::Uuid;

use puente_workflow::NotaryDraft;

use super::Error;
use crate::service::auth::AuthUser;
use crate::service::repo::cases::{self, state_of};
use crate::service::views::CaseView;
use crate::state::AppState;

/// Records (or replaces) the notary of case `id`; `expected` must name the case's current
/// version. Recorded in the history as `notary_chosen`.
pub async fn choose(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    expected: Option<i32>,
    draft: &NotaryDraft,
) -> Result<CaseView, Error> {
    let case = super::cases::full(state, caller, id).await?;
    if !super::permissions::Permissions::of(&case, caller, true).assigned {
        return Err(Error::Forbidden);
    }
    let at = state_of(&case);
    if !at.state.is_before_signing() {
        return Err(Error::invalid_state(at, case.version));
    }
    super::cases::at_version(&case, expected)?;
    let notary = draft.check().map_err(Error::Invalid)?;
    let actor = (caller.id, caller.role);
    let updated = cases::update_notary(&state.db, &case, &notary, actor, state.now()).await?;
    super::cases::saved(state, caller, id, updated).await
}
