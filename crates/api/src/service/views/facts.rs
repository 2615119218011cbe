//! What the workflow knows about a stored case (its facts) and the deadline alerts that hold for
//! it, with who is shown them.

use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{
    Activity, Alert, AlertSettings, Assignment, Deed, Facts, LegalRecord, Milestone,
    MilestoneRecord, Milestones, NameAuthorization, Notary, OrgId, UserId, alerts,
};

use crate::entity::{case, document, organization};
use crate::service::auth::AuthUser;
use crate::service::repo::cases::state_of;

/// The workflow's facts about a case that do not depend on the event (documents arrive with
/// document storage; until then a case holds none).
pub fn facts(case: &case::Model, shelter_verified: bool) -> Facts {
    facts_of(case, &intake_of(case), shelter_verified)
}

/// The facts the visibility rule reads, the shelter and the assignment, without the intake: a
/// list decides who sees each case without parsing or validating its intake.
pub fn access_facts(case: &case::Model) -> Facts {
    let mut facts = Facts::new(OrgId(case.shelter_id));
    facts.assignment = case
        .lawyer_id
        .zip(case.firm_id)
        .map(|(lawyer, firm)| Assignment {
            lawyer: UserId(lawyer),
            firm: OrgId(firm),
        });
    facts
}

/// The same, from the intake already read.
fn facts_of(case: &case::Model, intake: &IntakeDraft, shelter_verified: bool) -> Facts {
    let mut facts = access_facts(case);
    facts.shelter_verified = shelter_verified;
    facts.intake_gaps = intake.gaps();
    facts.associates = intake.associates.len();
    facts.residents = intake.resident_slots().len();
    facts.missing_particulars = intake.missing_particulars();
    facts.name_authorization = name_authorization(case);
    facts.notary_number = notary(case).map(|n| n.number);
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
    let intake = intake_of(case);
    let mut facts = facts_of(case, &intake, shelter.is_some_and(|s| s.verified));
    facts.shelter_email_confirmed = facts.shelter_verified
        || crate::service::repo::users::has_confirmed_member(db, case.shelter_id).await?;
    facts.documents = crate::service::repo::documents::counts(
        documents,
        facts.associates,
        &intake.resident_slots(),
    );
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

/// The notary chosen for the signing, once chosen.
pub fn notary(case: &case::Model) -> Option<Notary> {
    case.notary
        .clone()
        .and_then(|value| serde_json::from_value(value).ok())
}

/// The milestones recorded after the signing: those recorded one by one, the aviso de uso the
/// signing already dated, and the RFC given when the case was closed.
pub fn milestones(case: &case::Model) -> Milestones {
    let mut recorded: Milestones = case
        .milestones
        .clone()
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    if let Some(on) = deed(case).and_then(|d| d.aviso_de_uso_on) {
        recorded
            .entry(Milestone::AvisoDeUso)
            .or_insert(MilestoneRecord {
                on,
                reference: None,
            });
    }
    if let Some(rfc) = &case.rfc {
        recorded.entry(Milestone::Rfc).or_insert(MilestoneRecord {
            on: case.updated_at.date(),
            reference: Some(rfc.clone()),
        });
    }
    recorded
}

/// The signed deed's particulars, once signed.
pub fn deed(case: &case::Model) -> Option<Deed> {
    case.deed
        .clone()
        .and_then(|value| serde_json::from_value(value).ok())
}

/// What the legal deadlines look at.
pub fn legal_record(case: &case::Model) -> LegalRecord {
    LegalRecord {
        name_authorization: name_authorization(case),
        signed_on: deed(case).map(|d| d.signed_on),
        milestones: milestones(case),
    }
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
    alerts(at, &history, &legal_record(case), today, settings)
}

/// Whether `viewer` is shown a case's deadline alerts: managers and the assigned lawyer
/// (WORKFLOW.md).
pub fn sees_alerts(case: &case::Model, viewer: &AuthUser) -> bool {
    viewer.role == puente_workflow::Role::Manager || case.lawyer_id == Some(viewer.id)
}
