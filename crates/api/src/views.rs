//! How cases look on the wire (API.md, "Case"), with what a caller may not see left out.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::{Value, json};
use time::OffsetDateTime;
use uuid::Uuid;

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{
    Activity, Alert, AlertSettings, Assignment, Facts, NameAuthorization, OrgId, UserId,
    Visibility, alerts, visibility,
};

use crate::auth::AuthUser;
use crate::entity::{case, organization, user};
use crate::repo::cases::state_of;

/// Someone or something named on a case.
#[derive(Debug, Clone, Serialize)]
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
        let orgs = organization::Entity::find()
            .filter(organization::Column::Id.is_in(org_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let users = user::Entity::find()
            .filter(user::Column::Id.is_in(user_ids))
            .all(db)
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

/// The stored intake.
pub fn intake_of(case: &case::Model) -> IntakeDraft {
    serde_json::from_value(case.intake.clone()).unwrap_or_default()
}

fn name_authorization(case: &case::Model) -> Option<NameAuthorization> {
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

/// The intake without the associates' personal data and the contact: what a lawyer sees of an
/// open request before claiming it.
fn summary_intake(intake: &IntakeDraft) -> Value {
    json!({
        "proposed_names": intake.proposed_names,
        "purpose": intake.purpose,
        "domicile": intake.domicile.as_ref().map(|d| json!({"state": d.state, "municipality": d.municipality})),
        "associates": intake.associates.iter().map(|a| json!({
            "nationality": a.nationality,
            "board_role": a.board_role,
        })).collect::<Vec<_>>(),
        "governance": intake.governance,
        "donataria_autorizada": intake.donataria_autorizada,
    })
}

/// A case as the caller may see it, or `None` when they may not see it at all.
pub fn case_json(
    case: &case::Model,
    names: &Names,
    viewer: &AuthUser,
    today: time::Date,
    offset: time::UtcOffset,
    alert_settings: &AlertSettings,
) -> Option<Value> {
    let shelter = names.shelter(case);
    let verified = shelter.is_some_and(|s| s.verified);
    let facts = facts(case, verified);
    let seen = visibility(state_of(case), &viewer.actor(), &facts);
    if seen == Visibility::Hidden {
        return None;
    }
    let intake = intake_of(case);
    let named_org = |id: Uuid| {
        names.orgs.get(&id).map(|o| Named {
            id: o.id,
            name: o.name.clone(),
            state: o.state.clone(),
        })
    };
    let lawyer = case
        .lawyer_id
        .and_then(|id| names.users.get(&id))
        .map(|u| Named {
            id: u.id,
            name: u.name.clone(),
            state: None,
        });
    let rfc3339 = |t: OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    };
    let at = state_of(case);
    let mut body = json!({
        "id": case.id,
        "reference": case.reference,
        "status": at.state,
        "version": case.version,
        "shelter": named_org(case.shelter_id),
        "lawyer": lawyer,
        "firm": case.firm_id.and_then(named_org),
        "intake": if seen == Visibility::Full { serde_json::to_value(&intake).unwrap_or(Value::Null) } else { summary_intake(&intake) },
        "personal_data": seen == Visibility::Full,
        "name_authorization": case.name_authorization,
        "alerts": case_alerts(case, today, offset, alert_settings),
        "created_at": rfc3339(case.created_at),
        "updated_at": rfc3339(case.updated_at),
        "status_changed_at": rfc3339(case.status_changed_at),
    });
    if let Some(held_from) = at.held_from {
        body["held_from"] = json!(held_from);
    }
    if seen == Visibility::Full {
        body["deed"] = case.deed.clone().unwrap_or(Value::Null);
        body["folio"] = json!(case.folio);
        body["rfc"] = json!(case.rfc);
    }
    Some(body)
}
