//! One-time links sent by e-mail, stored only as the SHA-256 of their token.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::entity::email_token::{self, Entity as EmailTokens};

/// Stores a link for `user`, good for one use until `expires_at`.
pub async fn store(
    db: &impl ConnectionTrait,
    user: Uuid,
    purpose: &str,
    digest: String,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    email_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        purpose: Set(purpose.to_owned()),
        token_hash: Set(digest),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(drop)
}

/// Uses the link with this digest and purpose, if it is unused and unexpired: its account.
/// One statement decides, so two clicks at once use it once.
pub async fn redeem(
    db: &impl ConnectionTrait,
    purpose: &str,
    digest: &str,
    now: OffsetDateTime,
) -> Result<Option<Uuid>, sea_orm::DbErr> {
    let Some(token) = EmailTokens::find()
        .filter(email_token::Column::TokenHash.eq(digest))
        .filter(email_token::Column::Purpose.eq(purpose))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let used = EmailTokens::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::Id.eq(token.id))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok((used.rows_affected == 1).then_some(token.user_id))
}

/// The account of the link with this digest and purpose, if it is unused and unexpired.
pub async fn holder(
    db: &impl ConnectionTrait,
    purpose: &str,
    digest: &str,
    now: OffsetDateTime,
) -> Result<Option<Uuid>, sea_orm::DbErr> {
    Ok(EmailTokens::find()
        .filter(email_token::Column::TokenHash.eq(digest))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .map(|token| token.user_id))
}

/// Ends every unused link of `user` for `purpose` (a newer one replaces them).
pub async fn retire(
    db: &impl ConnectionTrait,
    user: Uuid,
    purpose: &str,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    EmailTokens::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::UserId.eq(user))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await
        .map(drop)
}
