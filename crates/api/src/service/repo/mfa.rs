//! Second factors: the sealed TOTP secret on the account, the last code's step, and the
//! one-time recovery codes.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::entity::recovery_code::{self, Entity as RecoveryCodes};
use crate::entity::user::{self, Entity as Users};

/// Stores a secret being enrolled (not in use until [`enable`]).
pub async fn set_pending(
    db: &impl ConnectionTrait,
    user: Uuid,
    sealed: String,
) -> Result<(), sea_orm::DbErr> {
    set_secret(db, user, Some(sealed)).await
}

/// Sets (or clears) the secret, with the factor not in use and no code step recorded.
async fn set_secret(
    db: &impl ConnectionTrait,
    user: Uuid,
    sealed: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    Users::update_many()
        .col_expr(user::Column::MfaSecret, Expr::value(sealed))
        .col_expr(
            user::Column::MfaEnabledAt,
            Expr::value(Option::<OffsetDateTime>::None),
        )
        .col_expr(user::Column::MfaLastStep, Expr::value(Option::<i64>::None))
        .filter(user::Column::Id.eq(user))
        .exec(db)
        .await?;
    Ok(())
}

/// Puts the enrolled secret in use, with the step of the code that confirmed it.
pub async fn enable(
    db: &impl ConnectionTrait,
    user: Uuid,
    now: OffsetDateTime,
    step: i64,
) -> Result<(), sea_orm::DbErr> {
    Users::update_many()
        .col_expr(user::Column::MfaEnabledAt, Expr::value(now))
        .col_expr(user::Column::MfaLastStep, Expr::value(step))
        .filter(user::Column::Id.eq(user))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes the second factor and its recovery codes.
pub async fn disable(db: &impl ConnectionTrait, user: Uuid) -> Result<(), sea_orm::DbErr> {
    set_secret(db, user, None).await?;
    RecoveryCodes::delete_many()
        .filter(recovery_code::Column::UserId.eq(user))
        .exec(db)
        .await?;
    Ok(())
}

/// Records that the code of `step` was used, unless that step or a later one was: true when
/// this call recorded it (so a code works once, even when two requests race with it).
pub async fn use_step(
    db: &impl ConnectionTrait,
    user: Uuid,
    step: i64,
) -> Result<bool, sea_orm::DbErr> {
    let result = Users::update_many()
        .col_expr(user::Column::MfaLastStep, Expr::value(step))
        .filter(user::Column::Id.eq(user))
        .filter(
            user::Column::MfaLastStep
                .is_null()
                .or(user::Column::MfaLastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Replaces a user's recovery codes with new ones (their digests).
pub async fn replace_recovery_codes(
    db: &impl ConnectionTrait,
    user: Uuid,
    digests: &[String],
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    RecoveryCodes::delete_many()
        .filter(recovery_code::Column::UserId.eq(user))
        .exec(db)
        .await?;
    for digest in digests {
        recovery_code::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(user),
            code_hash: Set(digest.clone()),
            used_at: Set(None),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Uses a recovery code once: true when it existed, unused, and this call used it.
pub async fn use_recovery_code(
    db: &impl ConnectionTrait,
    user: Uuid,
    digest: &str,
    now: OffsetDateTime,
) -> Result<bool, sea_orm::DbErr> {
    let result = RecoveryCodes::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(user))
        .filter(recovery_code::Column::CodeHash.eq(digest))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// How many recovery codes a user has left.
pub async fn recovery_codes_left(
    db: &impl ConnectionTrait,
    user: Uuid,
) -> Result<u64, sea_orm::DbErr> {
    RecoveryCodes::find()
        .filter(recovery_code::Column::UserId.eq(user))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await
}
