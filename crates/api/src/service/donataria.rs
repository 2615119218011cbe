//! The lawyer's choice for a donataria's bylaws: the fraction(s) of LISR art. 79 its exclusive
//! activities fall under (LEGAL-REVIEW.md C-2). Until chosen, the bylaws leave the fraction
//! blank for the lawyer.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use puente_docgen as docgen;
use puente_workflow::FieldError;

use super::Error;
use crate::entity::case;
use crate::service::auth::AuthUser;
use crate::service::permissions::Permissions;
use crate::service::repo::cases;
use crate::service::views::{CaseView, intake_of};
use crate::state::AppState;

/// A fraction of LISR art. 79 that fits a migrant shelter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LisrFraction {
    /// Fracción VI: actividades asistenciales (food, clothing, shelter; social orientation) for
    /// people of scarce resources and vulnerable groups.
    Vi,
    /// Fracción XXV, inciso b): support in the defence and promotion of human rights.
    XxvB,
}

impl LisrFraction {
    /// The wire name (`vi`, `xxv_b`), as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            LisrFraction::Vi => "vi",
            LisrFraction::XxvB => "xxv_b",
        }
    }

    /// The fraction as the bylaws name it.
    pub fn drafted(self) -> docgen::LisrFraction {
        match self {
            LisrFraction::Vi => docgen::LisrFraction::VI,
            LisrFraction::XxvB => docgen::LisrFraction::XxvB,
        }
    }
}

/// The lawyer's choice.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DonatariaChoice {
    /// The fractions, in any order; none leaves the bylaws' blank for the lawyer.
    pub lisr_fractions: Vec<LisrFraction>,
}

/// The fractions chosen for the case, in the law's order.
pub fn fractions_of(case: &case::Model) -> Vec<LisrFraction> {
    let mut chosen: Vec<LisrFraction> = case
        .lisr_fractions
        .clone()
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    chosen.sort();
    chosen.dedup();
    chosen
}

/// Records the fractions (the lawyer who may draft the case's documents, when the association
/// seeks to be a donataria); `expected` must name the case's current version.
pub async fn choose(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    expected: Option<i32>,
    choice: &DonatariaChoice,
) -> Result<CaseView, Error> {
    let case = super::cases::full(state, caller, id).await?;
    if !Permissions::of(&case, caller, true).generate {
        return Err(Error::Forbidden);
    }
    if intake_of(&case).donataria_autorizada != Some(true) {
        return Err(Error::Invalid(vec![FieldError::new(
            "lisr_fractions",
            "donataria.not_sought",
        )]));
    }
    super::cases::at_version(&case, expected)?;
    let mut chosen = choice.lisr_fractions.clone();
    chosen.sort();
    chosen.dedup();
    let codes: Vec<&str> = chosen.iter().map(|f| f.as_str()).collect();
    let actor = (caller.id, caller.role);
    let updated =
        cases::update_lisr_fractions(&state.db, &case, &codes, actor, state.now()).await?;
    super::cases::saved(state, caller, id, updated).await
}
