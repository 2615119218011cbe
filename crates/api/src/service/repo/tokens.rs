//! Refresh tokens (their family is the session they belong to) and the record of login
//! attempts.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::entity::login_attempt;
use crate::entity::refresh_token::{self, Entity as RefreshTokens, Model};

/// Stores a refresh token's digest, good until `expires_at`.
pub async fn store(
    db: &impl ConnectionTrait,
    user: Uuid,
    family: Uuid,
    digest: String,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        family_id: Set(family),
        token_hash: Set(digest),
        expires_at: Set(expires_at),
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
pub async fn use_once(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<bool, sea_orm::DbErr> {
    let result = RefreshTokens::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Revokes every token of a family.
pub async fn revoke_family(
    db: &impl ConnectionTrait,
    family: Uuid,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    RefreshTokens::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes every token of a user.
pub async fn revoke_user(
    db: &impl ConnectionTrait,
    user: Uuid,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    RefreshTokens::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes every refresh token of a user (revoked ones included).
pub async fn delete_of_user(db: &impl ConnectionTrait, user: Uuid) -> Result<(), sea_orm::DbErr> {
    RefreshTokens::delete_many()
        .filter(refresh_token::Column::UserId.eq(user))
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
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    login_attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.to_owned()),
        address: Set(address.to_owned()),
        succeeded: Set(succeeded),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Deletes the record of every login attempt with this e-mail address.
pub async fn forget_attempts_of(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<(), sea_orm::DbErr> {
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::Email.eq(email))
        .exec(db)
        .await?;
    Ok(())
}
