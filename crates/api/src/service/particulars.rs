//! An associate's generales, completed by the lawyer after the request was submitted: the
//! shelter may not have had them, and the signing needs them (LEGAL-REVIEW.md C-4). The shelter
//! writes them with the rest of the intake while it may still edit it.

use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use puente_workflow::intake::{ParticularsDraft, Rfc};
use puente_workflow::{FieldError, Role, Status};

use super::Error;
use crate::service::auth::AuthUser;
use crate::service::repo::cases::{self, state_of};
use crate::service::views::{CaseView, intake_of};
use crate::state::AppState;

/// An associate's generales and RFC, as the lawyer completes them.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssociateParticulars {
    /// Their RFC (a person's, 13 characters), needed for those who reside in Mexico.
    #[serde(default)]
    pub rfc: Option<String>,
    /// Their generales; each absent one is left blank for the notary.
    pub particulars: ParticularsDraft,
}

/// Replaces associate `index`'s (from 0) generales and RFC: the assigned lawyer, from the claim
/// until the signing, or the shelter while it may edit its intake; `expected` must name the
/// case's current version. Recorded in the history as `intake_updated`.
pub async fn update(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    index: usize,
    expected: Option<i32>,
    input: &AssociateParticulars,
) -> Result<CaseView, Error> {
    let case = super::cases::full(state, caller, id).await?;
    let lawyer = caller.role == Role::Lawyer && case.lawyer_id == Some(caller.id);
    let shelter = caller.role == Role::Shelter && caller.organization == case.shelter_id;
    if !lawyer && !shelter {
        return Err(Error::Forbidden);
    }
    let at = state_of(&case);
    let open = if lawyer {
        at.state.is_before_signing()
    } else {
        matches!(at.state, Status::Draft | Status::NeedsInfo)
    };
    if !open {
        return Err(Error::invalid_state(at, case.version));
    }
    let mut intake = intake_of(&case);
    let Some(associate) = intake.associates.get_mut(index) else {
        return Err(Error::NotFound);
    };
    let mut errors = Vec::new();
    input.particulars.check(index, &mut errors);
    let rfc = match input
        .rfc
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        None => None,
        Some(text) => match Rfc::parse(text) {
            Ok(rfc) if !rfc.is_legal_person() => Some(rfc.as_str().to_owned()),
            Ok(_) => {
                errors.push(FieldError::new("rfc", "rfc.natural_person"));
                None
            }
            Err(error) => {
                errors.push(FieldError::new("rfc", error.code()));
                None
            }
        },
    };
    if !errors.is_empty() {
        // The paths name the intake (`associates[0].particulars.birth_date`); here the body
        // holds one associate's `particulars`.
        let prefix = format!("associates[{index}].");
        for error in &mut errors {
            if let Some(rest) = error.field.strip_prefix(&prefix) {
                error.field = rest.to_owned();
            }
        }
        return Err(Error::Invalid(errors));
    }
    super::cases::at_version(&case, expected)?;
    associate.particulars = input.particulars.clone();
    associate.rfc = rfc;
    let actor = (caller.id, caller.role);
    let updated = cases::update_intake(&state.db, &case, &intake, actor, state.now()).await?;
    super::cases::saved(state, caller, id, updated).await
}
