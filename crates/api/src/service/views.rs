//! How cases look on the wire (API.md, "Case"), with what a caller may not see left out.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{
    Activity, Alert, AlertSettings, Assignment, Facts, NameAuthorization, OrgId, Status, UserId,
    Visibility, alerts, visibility,
};
use utoipa::ToSchema;

use crate::entity::{case, document, organization, user};
use crate::service::auth::AuthUser;
use crate::service::permissions::Permissions;
use crate::service::repo::cases::state_of;

/// Someone or something named on a case.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Named {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Its federal entity, for shelters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// The names a page of cases refers to, loaded in two queries.
pub struct Names {
    orgs: HashMap<Uuid, organization::Model>,
    users: HashMap<Uuid, user::Model>,
}

impl Names {
    /// Loads the shelters, firms and lawyers of `cases`.
    pub async fn load(
        db: &impl ConnectionTrait,
        cases: &[case::Model],
    ) -> Result<Names, sea_orm::DbErr> {
        let org_ids: Vec<Uuid> = cases
            .iter()
            .flat_map(|c| std::iter::once(c.shelter_id).chain(c.firm_id))
            .collect();
        let user_ids: Vec<Uuid> = cases.iter().filter_map(|c| c.lawyer_id).collect();
        let orgs = crate::service::repo::orgs::by_ids(db, &org_ids)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let users = crate::service::repo::users::by_ids(db, &user_ids)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        Ok(Names { orgs, users })
    }

    /// The shelter organization of a case.
    pub fn shelter(&self, case: &case::Model) -> Option<&organization::Model> {
        self.orgs.get(&case.shelter_id)
    }

    /// An organization's name.
    pub fn org_name(&self, id: Option<Uuid>) -> &str {
        id.and_then(|id| self.orgs.get(&id))
            .map_or("", |org| org.name.as_str())
    }

    /// A user's name.
    pub fn user_name(&self, id: Option<Uuid>) -> &str {
        id.and_then(|id| self.users.get(&id))
            .map_or("", |user| user.name.as_str())
    }
}

/// The workflow's facts about a case that do not depend on the event (documents arrive with
/// document storage; until then a case holds none).
pub fn facts(case: &case::Model, shelter_verified: bool) -> Facts {
    let intake = intake_of(case);
    let mut facts = Facts::new(OrgId(case.shelter_id));
    facts.shelter_verified = shelter_verified;
    facts.assignment = case
        .lawyer_id
        .zip(case.firm_id)
        .map(|(lawyer, firm)| Assignment {
            lawyer: UserId(lawyer),
            firm: OrgId(firm),
        });
    facts.intake_gaps = intake.gaps();
    facts.associates = intake.associates.len();
    facts.name_authorization = name_authorization(case);
    facts
}

/// Everything the workflow needs to know about a stored case: its shelter's verification and
/// confirmed address, and the documents it holds, besides what the row says.
pub async fn case_facts(
    db: &impl ConnectionTrait,
    case: &case::Model,
) -> Result<Facts, sea_orm::DbErr> {
    let shelter = crate::service::repo::orgs::find(db, case.shelter_id).await?;
    let documents = crate::service::repo::documents::of_case(db, case.id).await?;
    facts_with(db, case, shelter.as_ref(), &documents).await
}

/// The same, from the shelter and the documents already read.
pub async fn facts_with(
    db: &impl ConnectionTrait,
    case: &case::Model,
    shelter: Option<&organization::Model>,
    documents: &[document::Model],
) -> Result<Facts, sea_orm::DbErr> {
    let mut facts = facts(case, shelter.is_some_and(|s| s.verified));
    facts.shelter_email_confirmed = facts.shelter_verified
        || crate::service::repo::users::has_confirmed_member(db, case.shelter_id).await?;
    facts.documents = crate::service::repo::documents::counts(documents, facts.associates);
    Ok(facts)
}

/// The stored intake.
pub fn intake_of(case: &case::Model) -> IntakeDraft {
    serde_json::from_value(case.intake.clone()).unwrap_or_default()
}

/// The name authorization recorded on the case, once granted.
pub fn name_authorization(case: &case::Model) -> Option<NameAuthorization> {
    case.name_authorization
        .as_ref()
        .and_then(|value| serde_json::from_value(value.clone()).ok())
}

/// The alerts that hold for a case today.
pub fn case_alerts(
    case: &case::Model,
    today: time::Date,
    offset: time::UtcOffset,
    settings: &AlertSettings,
) -> Vec<Alert> {
    let at = state_of(case);
    let day = |t: OffsetDateTime| t.to_offset(offset).date();
    // The history as alerts need it: when the current state began, and the last activity.
    let history = [
        Activity {
            on: day(case.status_changed_at),
            state_after: at.state,
        },
        Activity {
            on: day(case.last_activity_at),
            state_after: at.state,
        },
    ];
    alerts(
        at,
        &history,
        name_authorization(case).as_ref(),
        today,
        settings,
    )
}

/// Whether `viewer` is shown a case's deadline alerts: managers and the assigned lawyer
/// (WORKFLOW.md).
pub fn sees_alerts(case: &case::Model, viewer: &AuthUser) -> bool {
    viewer.role == puente_workflow::Role::Manager || case.lawyer_id == Some(viewer.id)
}

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
    fn of(intake: &IntakeDraft) -> IntakeSummary {
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

/// The signed deed's particulars.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Deed {
    /// Notary's number.
    pub notary_number: String,
    /// Deed number.
    pub deed_number: String,
    /// Signing date, `YYYY-MM-DD`.
    pub signed_on: String,
}

/// A case on the wire (API.md, "Case").
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseView {
    /// Id.
    pub id: Uuid,
    /// Human reference, `PUE-2026-000123`.
    pub reference: String,
    /// Status of the workflow.
    pub status: Status,
    /// While on hold: the state it will resume to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held_from: Option<Status>,
    /// Version, for `If-Match` and `expected_version`.
    pub version: i32,
    /// The shelter.
    pub shelter: Option<Named>,
    /// The lawyer who claimed it or was assigned.
    pub lawyer: Option<Named>,
    /// The lawyer's firm.
    pub firm: Option<Named>,
    /// The intake, whole or summarised.
    pub intake: CaseIntake,
    /// Whether `intake` includes the associates' personal data.
    pub personal_data: bool,
    /// The name authorization, once granted.
    pub name_authorization: Option<NameAuthorization>,
    /// Deadline alerts holding today.
    pub alerts: Vec<Alert>,
    /// The signed deed (to those who see the whole case).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deed: Option<Deed>,
    /// The registry's folio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folio: Option<String>,
    /// The association's RFC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rfc: Option<String>,
    /// Created (RFC 3339).
    #[schema(format = DateTime)]
    pub created_at: String,
    /// Last changed.
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// When it entered its current state.
    #[schema(format = DateTime)]
    pub status_changed_at: String,
    /// What the caller may do with it now (the workflow's events are offered at
    /// `/transitions`).
    pub may: Permissions,
}

/// A time as RFC 3339.
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A case as the caller may see it, or `None` when they may not see it at all.
pub fn case_view(
    case: &case::Model,
    names: &Names,
    viewer: &AuthUser,
    today: time::Date,
    offset: time::UtcOffset,
    alert_settings: &AlertSettings,
) -> Option<CaseView> {
    let shelter = names.shelter(case);
    let verified = shelter.is_some_and(|s| s.verified);
    let facts = facts(case, verified);
    let at = state_of(case);
    let seen = visibility(at, &viewer.actor(), &facts);
    if seen == Visibility::Hidden {
        return None;
    }
    // A shelter's blocked personal data is not shown to anyone.
    let full = seen == Visibility::Full
        && !shelter.is_some_and(|s| s.blocked_at.is_some() && s.purged_at.is_none());
    let intake = intake_of(case);
    let named_org = |id: Uuid| {
        names.orgs.get(&id).map(|o| Named {
            id: o.id,
            name: o.name.clone(),
            state: o.state.clone(),
        })
    };
    Some(CaseView {
        id: case.id,
        reference: case.reference.clone(),
        status: at.state,
        held_from: at.held_from,
        version: case.version,
        shelter: named_org(case.shelter_id),
        lawyer: case
            .lawyer_id
            .and_then(|id| names.users.get(&id))
            .map(|u| Named {
                id: u.id,
                name: u.name.clone(),
                state: None,
            }),
        firm: case.firm_id.and_then(named_org),
        intake: if full {
            CaseIntake::Full(intake)
        } else {
            CaseIntake::Summary(IntakeSummary::of(&intake))
        },
        personal_data: full,
        name_authorization: name_authorization(case),
        alerts: if sees_alerts(case, viewer) {
            case_alerts(case, today, offset, alert_settings)
        } else {
            Vec::new()
        },
        deed: case
            .deed
            .clone()
            .filter(|_| full)
            .and_then(|d| serde_json::from_value(d).ok()),
        folio: case.folio.clone().filter(|_| full),
        rfc: case.rfc.clone().filter(|_| full),
        created_at: rfc3339(case.created_at),
        updated_at: rfc3339(case.updated_at),
        status_changed_at: rfc3339(case.status_changed_at),
        may: Permissions::of(case, viewer, full),
    })
}
