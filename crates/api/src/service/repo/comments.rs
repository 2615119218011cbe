//! Comments on a case.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::entity::comment::{self, Entity as Comments, Model};

/// Adds a comment.
pub async fn add(
    db: &impl ConnectionTrait,
    case: Uuid,
    author: Uuid,
    body: &str,
    at: time::OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(case),
        author_id: Set(author),
        body: Set(body.to_owned()),
        created_at: Set(at),
    }
    .insert(db)
    .await
}

/// A case's comments, oldest first.
pub async fn of_case(db: &impl ConnectionTrait, case: Uuid) -> Result<Vec<Model>, sea_orm::DbErr> {
    Comments::find()
        .filter(comment::Column::CaseId.eq(case))
        .order_by_asc(comment::Column::CreatedAt)
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await
}
