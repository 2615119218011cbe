//! The intake as the caller may see it: whole, or summarised without the associates' personal
//! data and the contact, and what a list shows of either.

use serde::Serialize;
use utoipa::ToSchema;

use puente_workflow::intake::IntakeDraft;

/// An associate as shown before a case is claimed: no name, no identifiers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SummaryAssociate {
    /// Nationality (ISO 3166-1 alpha-2).
    pub nationality: Option<String>,
    /// Place on the board.
    pub board_role: Option<String>,
}

/// Where the association would be, without the street address.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SummaryDomicile {
    /// Federal entity (ISO 3166-2:MX).
    pub state: Option<String>,
    /// Municipality.
    pub municipality: Option<String>,
}

/// The intake without the associates' personal data and the contact: what a lawyer sees of an
/// open request before claiming it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IntakeSummary {
    /// Proposed names.
    pub proposed_names: Vec<String>,
    /// Social object.
    pub purpose: Option<String>,
    /// Federal entity and municipality.
    pub domicile: Option<SummaryDomicile>,
    /// Nationality and board role of each associate.
    pub associates: Vec<SummaryAssociate>,
    /// Board or sole administrator.
    pub governance: Option<String>,
    /// Whether it will seek donataria autorizada status.
    pub donataria_autorizada: Option<bool>,
}

impl IntakeSummary {
    pub(super) fn of(intake: &IntakeDraft) -> IntakeSummary {
        IntakeSummary {
            proposed_names: intake.proposed_names.clone(),
            purpose: intake.purpose.clone(),
            domicile: intake.domicile.as_ref().map(|d| SummaryDomicile {
                state: d.state.clone(),
                municipality: d.municipality.clone(),
            }),
            associates: intake
                .associates
                .iter()
                .map(|a| SummaryAssociate {
                    nationality: a.nationality.clone(),
                    board_role: a.board_role.clone(),
                })
                .collect(),
            governance: intake.governance.clone(),
            donataria_autorizada: intake.donataria_autorizada,
        }
    }
}

/// The intake as the caller may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum CaseIntake {
    /// Everything, for those who may see the personal data.
    Full(IntakeDraft),
    /// The anonymised summary.
    Summary(IntakeSummary),
}

/// What a list shows of an intake, whole or summarised.
#[derive(Debug, Clone, Copy)]
pub struct Outline<'a> {
    /// The proposed names.
    pub names: &'a [String],
    /// The social object.
    pub purpose: Option<&'a str>,
    /// The domicile's federal entity.
    pub state: Option<&'a str>,
    /// The domicile's municipality.
    pub municipality: Option<&'a str>,
    /// How many associates.
    pub associates: usize,
}

impl CaseIntake {
    /// What a list shows of it.
    pub fn outline(&self) -> Outline<'_> {
        match self {
            CaseIntake::Full(intake) => {
                let domicile = intake.domicile.as_ref();
                Outline {
                    names: &intake.proposed_names,
                    purpose: intake.purpose.as_deref(),
                    state: domicile.and_then(|d| d.state.as_deref()),
                    municipality: domicile.and_then(|d| d.municipality.as_deref()),
                    associates: intake.associates.len(),
                }
            }
            CaseIntake::Summary(summary) => {
                let domicile = summary.domicile.as_ref();
                Outline {
                    names: &summary.proposed_names,
                    purpose: summary.purpose.as_deref(),
                    state: domicile.and_then(|d| d.state.as_deref()),
                    municipality: domicile.and_then(|d| d.municipality.as_deref()),
                    associates: summary.associates.len(),
                }
            }
        }
    }
}
