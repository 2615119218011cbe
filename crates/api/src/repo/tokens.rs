//! Refresh tokens and login attempts.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::clock;
use crate::entity::login_attempt::{self, Entity as LoginAttempts};
use crate::entity::refresh_token::{self, Entity as RefreshTokens, Model};

/// Stores a refresh token's digest.
pub async fn store(
    db: &impl ConnectionTrait,
    user: Uuid,
    family: Uuid,
    digest: String,
    lifetime: Duration,
) -> Result<Model, sea_orm::DbErr> {
    let now = clock::now();
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        family_id: Set(family),
        token_hash: Set(digest),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// A token by its digest.
pub async fn by_digest(
    db: &impl ConnectionTrait,
    digest: &str,
) -> Result<Option<Model>, sea_orm::DbErr> {
    RefreshTokens::find()
        .filter(refresh_token::Column::TokenHash.eq(digest))
        .one(db)
        .await
}

/// Marks a token used, only if nobody did first: true when this call used it.
pub async fn use_once(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, sea_orm::DbErr> {
    let result = RefreshTokens::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(clock::now()))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Revokes every token of a family.
pub async fn revoke_family(db: &impl ConnectionTrait, family: Uuid) -> Result<(), sea_orm::DbErr> {
    RefreshTokens::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(clock::now()))
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes every token of a user.
pub async fn revoke_user(db: &impl ConnectionTrait, user: Uuid) -> Result<(), sea_orm::DbErr> {
    RefreshTokens::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(clock::now()))
        .filter(refresh_token::Column::UserId.eq(user))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Records a login attempt.
pub async fn record_attempt(
    db: &impl ConnectionTrait,
    email: &str,
    address: &str,
    succeeded: bool,
) -> Result<(), sea_orm::DbErr> {
    login_attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.to_owned()),
        address: Set(address.to_owned()),
        succeeded: Set(succeeded),
        created_at: Set(clock::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Failed attempts since `since` for an e-mail or an address, and the oldest of them.
pub async fn failures_since(
    db: &impl ConnectionTrait,
    by_email: Option<&str>,
    by_address: Option<&str>,
    since: OffsetDateTime,
) -> Result<(u64, Option<OffsetDateTime>), sea_orm::DbErr> {
    let mut query = LoginAttempts::find()
        .filter(login_attempt::Column::Succeeded.eq(false))
        .filter(login_attempt::Column::CreatedAt.gte(since));
    if let Some(email) = by_email {
        query = query.filter(login_attempt::Column::Email.eq(email));
    }
    if let Some(address) = by_address {
        query = query.filter(login_attempt::Column::Address.eq(address));
    }
    let count = query.clone().count(db).await?;
    let oldest = query
        .order_by_asc(login_attempt::Column::CreatedAt)
        .one(db)
        .await?
        .map(|a| a.created_at);
    Ok((count, oldest))
}
