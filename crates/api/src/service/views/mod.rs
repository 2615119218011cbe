//! How cases look on the wire (API.md, "Case"), with what a caller may not see left out.
//!
//! This module holds the case view and the names it refers to; the workflow's facts about a case
//! and its alerts are in `facts`, the intake as the caller may see it in `intake`.

mod facts;
mod intake;

pub use facts::{
    access_facts, case_alerts, case_facts, deed, facts, facts_with, intake_of, legal_record,
    milestones, name_authorization, notary, sees_alerts,
};
pub use intake::{CaseIntake, IntakeSummary, Outline, SummaryAssociate, SummaryDomicile};

use std::collections::HashMap;

use sea_orm::ConnectionTrait;
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use puente_workflow::{
    Alert, AlertSettings, Deed, Filing, NameAuthorization, Status, Visibility, visibility,
};
use utoipa::ToSchema;

use crate::entity::{case, organization, user};
use crate::service::auth::AuthUser;
use crate::service::permissions::Permissions;
use crate::service::repo::cases::state_of;

/// Someone or something named on a case.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = NamedOnCase)]
pub struct Named {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Its federal entity, for shelters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Whether the program verified it, for shelters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
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
        Names::load_knowing(db, cases, &[]).await
    }

    /// The same, with `known` organizations already read (not read again).
    pub async fn load_knowing(
        db: &impl ConnectionTrait,
        cases: &[case::Model],
        known: &[organization::Model],
    ) -> Result<Names, sea_orm::DbErr> {
        let org_ids: Vec<Uuid> = cases
            .iter()
            .flat_map(|c| std::iter::once(c.shelter_id).chain(c.firm_id))
            .filter(|id| !known.iter().any(|org| org.id == *id))
            .collect();
        let user_ids: Vec<Uuid> = cases.iter().filter_map(|c| c.lawyer_id).collect();
        let orgs = crate::service::repo::orgs::by_ids(db, &org_ids)
            .await?
            .into_iter()
            .chain(known.iter().cloned())
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
    /// The inscription in the registry: folio, office and date (to those who see the whole
    /// case).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filing: Option<Filing>,
    /// The association's RFC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rfc: Option<String>,
    /// For a donataria: the LISR art. 79 fractions the lawyer chose for the bylaws (to those who
    /// see the whole case).
    pub lisr_fractions: Vec<crate::service::donataria::LisrFraction>,
    /// The notary chosen for the signing (to those who see the whole case).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notary: Option<puente_workflow::Notary>,
    /// The milestones after the signing, by name (to those who see the whole case).
    #[schema(value_type = Object)]
    pub milestones: puente_workflow::Milestones,
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
    /// To a lawyer who may claim it: the names a firm's conflict-of-interest search needs
    /// before the attestation (the shelter, then each associate); only names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflict_parties: Vec<String>,
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
    let at = state_of(case);
    let seen = visibility(at, &viewer.actor(), &access_facts(case));
    if seen == Visibility::Hidden {
        return None;
    }
    // A shelter's blocked personal data is not shown to anyone.
    let blocked = shelter.is_some_and(|s| s.blocked_at.is_some() && s.purged_at.is_none());
    let full = seen == Visibility::Full && !blocked;
    let intake = intake_of(case);
    let conflict_parties =
        if viewer.role == puente_workflow::Role::Lawyer && at.state == Status::Open && !blocked {
            shelter
                .map(|s| s.name.clone())
                .into_iter()
                .chain(intake.associates.iter().filter_map(|a| a.full_name.clone()))
                .map(|name| name.trim().to_owned())
                .filter(|name| !name.is_empty())
                .collect()
        } else {
            Vec::new()
        };
    let named_org = |id: Uuid| {
        names.orgs.get(&id).map(|o| Named {
            id: o.id,
            name: o.name.clone(),
            state: o.state.clone(),
            verified: None,
        })
    };
    Some(CaseView {
        id: case.id,
        reference: case.reference.clone(),
        status: at.state,
        held_from: at.held_from,
        version: case.version,
        shelter: named_org(case.shelter_id).map(|shelter| Named {
            verified: Some(verified),
            ..shelter
        }),
        lawyer: case
            .lawyer_id
            .and_then(|id| names.users.get(&id))
            .map(|u| Named {
                id: u.id,
                name: u.name.clone(),
                state: None,
                verified: None,
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
        filing: case
            .filing
            .clone()
            .filter(|_| full)
            .and_then(|f| serde_json::from_value(f).ok()),
        rfc: case.rfc.clone().filter(|_| full),
        notary: notary(case).filter(|_| full),
        milestones: if full {
            milestones(case)
        } else {
            Default::default()
        },
        lisr_fractions: if full {
            crate::service::donataria::fractions_of(case)
        } else {
            Vec::new()
        },
        created_at: rfc3339(case.created_at),
        updated_at: rfc3339(case.updated_at),
        status_changed_at: rfc3339(case.status_changed_at),
        may: Permissions::of(case, viewer, full),
        conflict_parties,
    })
}
