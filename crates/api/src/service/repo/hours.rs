//! Pro bono hours logged on a case.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, Set,
};
use time::Date;
use uuid::Uuid;

use crate::entity::hours::{self, Entity as Hours, Model};

/// Time to log.
pub struct NewHours<'a> {
    /// The case.
    pub case: Uuid,
    /// Who worked.
    pub lawyer: Uuid,
    /// For which firm.
    pub firm: Uuid,
    /// The day worked.
    pub worked_on: Date,
    /// How long.
    pub minutes: i32,
    /// On what.
    pub description: &'a str,
    /// When it was logged.
    pub at: time::OffsetDateTime,
}

/// Logs time.
pub async fn log(db: &impl ConnectionTrait, new: NewHours<'_>) -> Result<Model, sea_orm::DbErr> {
    hours::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(new.case),
        lawyer_id: Set(new.lawyer),
        firm_id: Set(new.firm),
        worked_on: Set(new.worked_on),
        minutes: Set(new.minutes),
        description: Set(new.description.to_owned()),
        created_at: Set(new.at),
    }
    .insert(db)
    .await
}

/// Entry `id` of case `case`.
pub async fn find(
    db: &impl ConnectionTrait,
    case: Uuid,
    id: Uuid,
) -> Result<Option<Model>, sea_orm::DbErr> {
    Hours::find_by_id(id)
        .filter(hours::Column::CaseId.eq(case))
        .one(db)
        .await
}

/// Replaces an entry's day, time and description.
pub async fn correct(
    db: &impl ConnectionTrait,
    entry: Model,
    worked_on: Date,
    minutes: i32,
    description: &str,
) -> Result<Model, sea_orm::DbErr> {
    let mut active: hours::ActiveModel = entry.into();
    active.worked_on = Set(worked_on);
    active.minutes = Set(minutes);
    active.description = Set(description.to_owned());
    active.update(db).await
}

/// Removes an entry.
pub async fn delete(db: &impl ConnectionTrait, entry: Model) -> Result<(), sea_orm::DbErr> {
    entry.delete(db).await.map(drop)
}

/// A case's logged time, by date.
pub async fn of_case(db: &impl ConnectionTrait, case: Uuid) -> Result<Vec<Model>, sea_orm::DbErr> {
    Hours::find()
        .filter(hours::Column::CaseId.eq(case))
        .order_by_asc(hours::Column::WorkedOn)
        .order_by_asc(hours::Column::CreatedAt)
        .all(db)
        .await
}

/// Which logged time an export reads.
#[derive(Debug, Clone, Default)]
pub struct Span {
    /// From this day.
    pub from: Option<Date>,
    /// To this day, included.
    pub to: Option<Date>,
    /// Of this firm's lawyers.
    pub firm: Option<Uuid>,
}

/// One page of the logged time in `span`, by day and then id, after `after`: at most `limit`
/// entries, and whether more follow.
pub async fn page(
    db: &impl ConnectionTrait,
    span: &Span,
    after: Option<&super::page::Cursor<Date>>,
    limit: u64,
) -> Result<(Vec<Model>, bool), sea_orm::DbErr> {
    let mut select = Hours::find();
    if let Some(from) = span.from {
        select = select.filter(hours::Column::WorkedOn.gte(from));
    }
    if let Some(to) = span.to {
        select = select.filter(hours::Column::WorkedOn.lte(to));
    }
    if let Some(firm) = span.firm {
        select = select.filter(hours::Column::FirmId.eq(firm));
    }
    let select = super::page::keyset(
        select,
        hours::Column::WorkedOn,
        hours::Column::Id,
        super::page::Direction::Ascending,
        after,
        limit,
    );
    Ok(super::page::split(select.all(db).await?, limit))
}
