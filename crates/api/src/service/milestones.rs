//! The association's legal life after the signing, tracked without blocking the case
//! (LEGAL-REVIEW.md H-9, W7, W9, W10): the notary's aviso de uso, the RFC (due a month after the
//! signing), the e.firma, the CLUNI and the donataria's application and authorization. The
//! assigned lawyer or a manager records each, with its day and reference, in the history.

use serde::Deserialize;
use serde_json::json;
use time::Date;
use utoipa::ToSchema;
use uuid::Uuid;

use puente_workflow::intake::Rfc;
use puente_workflow::text::Lines;
use puente_workflow::{FieldError, Milestone, MilestoneRecord, Role, Status};

use super::Error;
use crate::service::auth::AuthUser;
use crate::service::repo::cases::{self, state_of};
use crate::service::views::{CaseView, deed, milestones};
use crate::state::AppState;

/// A milestone as recorded.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMilestone {
    /// The day it was reached, `YYYY-MM-DD`: not before the signing, not in the future.
    pub on: String,
    /// What identifies it: the association's RFC (required for `rfc`), the CLUNI, the SAT's
    /// folio or oficio.
    #[serde(default)]
    pub reference: Option<String>,
}

/// The longest reference accepted.
const REFERENCE_CHARS: usize = 100;

/// Records `milestone` of case `id` (the assigned lawyer or a manager, once the deed is signed).
pub async fn record(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    milestone: Milestone,
    input: &NewMilestone,
) -> Result<CaseView, Error> {
    let case = super::cases::full(state, caller, id).await?;
    let assigned = caller.role == Role::Lawyer && case.lawyer_id == Some(caller.id);
    if !assigned && caller.role != Role::Manager {
        return Err(Error::Forbidden);
    }
    let at = state_of(&case);
    let after_signing = matches!(
        at.progress(),
        Status::Signed | Status::Filed | Status::Closed
    );
    let Some(signed_on) = deed(&case).map(|d| d.signed_on).filter(|_| after_signing) else {
        return Err(Error::invalid_state(at, case.version));
    };
    let entry = read(milestone, input, signed_on, state.today())?;
    let mut all = milestones(&case);
    all.insert(milestone, entry.clone());
    let data =
        json!({"milestone": milestone, "on": entry.on.to_string(), "reference": entry.reference});
    let actor = (caller.id, caller.role);
    let updated =
        cases::update_milestones(&state.db, &case, &all, data, actor, state.now()).await?;
    super::cases::saved(state, caller, id, updated).await
}

/// Reads a milestone, refusing every wrong field at once.
fn read(
    milestone: Milestone,
    input: &NewMilestone,
    signed_on: Date,
    today: Date,
) -> Result<MilestoneRecord, Error> {
    let mut errors = Vec::new();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let on = match Date::parse(input.on.trim(), &format) {
        Ok(on) if on > today => {
            errors.push(FieldError::new("on", "date.future"));
            None
        }
        Ok(on) if on < signed_on => {
            errors.push(FieldError::new("on", "date.before_signing"));
            None
        }
        Ok(on) => Some(on),
        Err(_) => {
            errors.push(FieldError::new("on", "date.invalid"));
            None
        }
    };
    let text = input
        .reference
        .as_deref()
        .map(str::trim)
        .unwrap_or_default();
    let reference =
        if let Some(problem) = puente_workflow::text::check("reference", text, Lines::One) {
            errors.push(problem);
            None
        } else if text.chars().count() > REFERENCE_CHARS {
            errors.push(FieldError::new("reference", "too_long").with("max", REFERENCE_CHARS));
            None
        } else if milestone == Milestone::Rfc {
            match Rfc::parse(text) {
                Ok(rfc) if rfc.is_legal_person() => Some(rfc.as_str().to_owned()),
                Ok(_) => {
                    errors.push(FieldError::new("reference", "rfc.legal_person"));
                    None
                }
                Err(_) if text.is_empty() => {
                    errors.push(FieldError::new("reference", "required"));
                    None
                }
                Err(error) => {
                    errors.push(FieldError::new("reference", error.code()));
                    None
                }
            }
        } else {
            (!text.is_empty()).then(|| text.to_owned())
        };
    match on {
        Some(on) if errors.is_empty() => Ok(MilestoneRecord { on, reference }),
        _ => Err(Error::Invalid(errors)),
    }
}
