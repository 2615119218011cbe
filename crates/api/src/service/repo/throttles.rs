//! Attempt counters in fixed windows, changed atomically in the database so that concurrent
//! requests and several servers see one count.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entity::throttle::{self, Entity as Throttles};

/// Adds one to the counter of `key` in the window starting at `window_start` and returns the
/// new count: one statement (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), so no two
/// concurrent callers read the same count.
pub async fn hit(
    db: &impl ConnectionTrait,
    key: &str,
    window_start: i64,
) -> Result<i64, sea_orm::DbErr> {
    let row = Throttles::insert(throttle::ActiveModel {
        key: Set(key.to_owned()),
        window_start: Set(window_start),
        count: Set(1),
    })
    .on_conflict(
        OnConflict::columns([throttle::Column::Key, throttle::Column::WindowStart])
            .value(
                throttle::Column::Count,
                Expr::col((Throttles, throttle::Column::Count)).add(1),
            )
            .to_owned(),
    )
    .exec_with_returning(db)
    .await?;
    Ok(i64::from(row.count))
}

/// Takes one back (a reservation that turned out not to count).
pub async fn release(
    db: &impl ConnectionTrait,
    key: &str,
    window_start: i64,
) -> Result<(), sea_orm::DbErr> {
    Throttles::update_many()
        .col_expr(
            throttle::Column::Count,
            Expr::col(throttle::Column::Count).sub(1),
        )
        .filter(throttle::Column::Key.eq(key))
        .filter(throttle::Column::WindowStart.eq(window_start))
        .filter(throttle::Column::Count.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// The count of `key` in a window (0 when nothing was counted).
pub async fn count(
    db: &impl ConnectionTrait,
    key: &str,
    window_start: i64,
) -> Result<i64, sea_orm::DbErr> {
    Ok(Throttles::find_by_id((key.to_owned(), window_start))
        .one(db)
        .await?
        .map_or(0, |row| i64::from(row.count)))
}

/// Forgets the counters of windows that started before `window_start`.
pub async fn forget_before(
    db: &impl ConnectionTrait,
    window_start: i64,
) -> Result<(), sea_orm::DbErr> {
    Throttles::delete_many()
        .filter(throttle::Column::WindowStart.lt(window_start))
        .exec(db)
        .await?;
    Ok(())
}
