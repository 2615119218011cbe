//! Pro bono hours logged on a case.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use time::Date;
use uuid::Uuid;

use crate::clock;
use crate::entity::hours::{self, Entity as Hours, Model};

/// Logs time.
pub async fn log(
    db: &impl ConnectionTrait,
    case: Uuid,
    lawyer: Uuid,
    firm: Uuid,
    worked_on: Date,
    minutes: i32,
    description: &str,
) -> Result<Model, sea_orm::DbErr> {
    hours::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(case),
        lawyer_id: Set(lawyer),
        firm_id: Set(firm),
        worked_on: Set(worked_on),
        minutes: Set(minutes),
        description: Set(description.to_owned()),
        created_at: Set(clock::now()),
    }
    .insert(db)
    .await
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
