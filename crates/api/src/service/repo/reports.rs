//! What the caseload report and the CSV exports read besides the cases themselves (read a page
//! at a time by `cases`): their history's steps, the firms, the lawyers and the logged time.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;
use uuid::Uuid;

use puente_workflow::{EventKind, Role, Status};

use crate::entity::organization::OrgKind;
use crate::entity::{case, case_event, hours, organization, user};

/// The cases `ids`.
pub async fn cases_by_ids(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<case::Model>, sea_orm::DbErr> {
    case::Entity::find()
        .filter(case::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// The history events of cases `ids` as steps: case, event, the state after it and when, by
/// case and in order.
pub async fn steps(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, String, Status, OffsetDateTime)>, sea_orm::DbErr> {
    case_event::Entity::find()
        .select_only()
        .columns([
            case_event::Column::CaseId,
            case_event::Column::Event,
            case_event::Column::StateAfter,
            case_event::Column::CreatedAt,
        ])
        .filter(case_event::Column::CaseId.is_in(ids.iter().copied()))
        .order_by_asc(case_event::Column::CaseId)
        .order_by_asc(case_event::Column::Seq)
        .into_tuple()
        .all(db)
        .await
}

/// The events of `events` that cases `ids` went through: case, event and when, in order.
pub async fn milestones(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
    events: &[EventKind],
) -> Result<Vec<(Uuid, String, OffsetDateTime)>, sea_orm::DbErr> {
    case_event::Entity::find()
        .select_only()
        .columns([
            case_event::Column::CaseId,
            case_event::Column::Event,
            case_event::Column::CreatedAt,
        ])
        .filter(case_event::Column::CaseId.is_in(ids.iter().copied()))
        .filter(case_event::Column::Event.is_in(events.iter().map(|e| e.as_str())))
        .order_by_asc(case_event::Column::CaseId)
        .order_by_asc(case_event::Column::Seq)
        .into_tuple()
        .all(db)
        .await
}

/// The law firms, by name.
pub async fn firms(db: &impl ConnectionTrait) -> Result<Vec<organization::Model>, sea_orm::DbErr> {
    organization::Entity::find()
        .filter(organization::Column::Kind.eq(OrgKind::LawFirm))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await
}

/// Every lawyer, active or not.
pub async fn lawyers(db: &impl ConnectionTrait) -> Result<Vec<user::Model>, sea_orm::DbErr> {
    user::Entity::find()
        .filter(user::Column::Role.eq(Role::Lawyer))
        .all(db)
        .await
}

/// Every logged hour.
pub async fn hours(db: &impl ConnectionTrait) -> Result<Vec<hours::Model>, sea_orm::DbErr> {
    hours::Entity::find().all(db).await
}
