//! The statements that purge a shelter's personal data (see `service::privacy`): free text
//! removed from history events, comments and logged time, accounts anonymised, and the events
//! that record each step on the case.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::entity::{case, case_event, comment, hours, user};

/// Appends a prepared `event` to the case's history without counting as activity on the case,
/// replacing its intake with `intake` when given, only if the case is still at the version it
/// was read at; `false` when it is not (nothing is written then).
pub async fn record_event(
    db: &impl ConnectionTrait,
    case: &case::Model,
    event: &case_event::Model,
    intake: Option<Value>,
    now: OffsetDateTime,
) -> Result<bool, sea_orm::DbErr> {
    let mut update = super::cases::chain(case, event, now);
    if let Some(intake) = intake {
        update = update.col_expr(case::Column::Intake, Expr::value(intake));
    }
    if update.exec(db).await?.rows_affected != 1 {
        return Ok(false);
    }
    super::history::insert(db, event).await?;
    Ok(true)
}

/// Replaces a history event's data with `data` (its free text removed), marked redacted at
/// `now`.
pub async fn redact_event(
    db: &impl ConnectionTrait,
    event: Uuid,
    data: Value,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    case_event::Entity::update_many()
        .col_expr(case_event::Column::Data, Expr::value(data))
        .col_expr(case_event::Column::RedactedAt, Expr::value(Some(now)))
        .filter(case_event::Column::Id.eq(event))
        .exec(db)
        .await?;
    Ok(())
}

/// Empties the body of every comment on a case; how many there were.
pub async fn empty_comments(db: &impl ConnectionTrait, case: Uuid) -> Result<u64, sea_orm::DbErr> {
    Ok(comment::Entity::update_many()
        .col_expr(comment::Column::Body, Expr::value(""))
        .filter(comment::Column::CaseId.eq(case))
        .exec(db)
        .await?
        .rows_affected)
}

/// Empties the description of all time logged on a case (the minutes stay).
pub async fn empty_hours_descriptions(
    db: &impl ConnectionTrait,
    case: Uuid,
) -> Result<(), sea_orm::DbErr> {
    hours::Entity::update_many()
        .col_expr(hours::Column::Description, Expr::value(""))
        .filter(hours::Column::CaseId.eq(case))
        .exec(db)
        .await?;
    Ok(())
}

/// Anonymises an account: a placeholder name and an undeliverable address made from its id,
/// no usable password, inactive.
pub async fn anonymise_account(
    db: &impl ConnectionTrait,
    user: Uuid,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::Name, Expr::value("Persona eliminada"))
        .col_expr(
            user::Column::Email,
            Expr::value(format!("eliminada-{}@invalid", user.simple())),
        )
        .col_expr(user::Column::PasswordHash, Expr::value("!"))
        .col_expr(user::Column::Active, Expr::value(false))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user))
        .exec(db)
        .await?;
    Ok(())
}
