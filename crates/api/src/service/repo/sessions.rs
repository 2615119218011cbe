//! Sessions: one per sign-in, ended by logout, by the owner from their list, or by the idle and
//! absolute limits.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::entity::session::{self, Entity as Sessions, Model};
use crate::entity::user;

/// A new session.
pub struct NewSession<'a> {
    /// Whose.
    pub user: Uuid,
    /// The client address at sign-in.
    pub address: &'a str,
    /// The client program, as it names itself.
    pub user_agent: &'a str,
    /// Whether a second factor was passed.
    pub second_factor: bool,
    /// When it begins.
    pub now: OffsetDateTime,
    /// When it ends at the latest.
    pub expires_at: OffsetDateTime,
}

/// Starts a session.
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewSession<'_>,
) -> Result<Model, sea_orm::DbErr> {
    session::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(new.user),
        address: Set(new.address.chars().take(64).collect()),
        user_agent: Set(new.user_agent.chars().take(200).collect()),
        second_factor: Set(new.second_factor),
        created_at: Set(new.now),
        last_seen_at: Set(new.now),
        expires_at: Set(new.expires_at),
        revoked_at: Set(None),
    }
    .insert(db)
    .await
}

/// A session with its account, in one query (every signed-in request asks).
pub async fn with_user(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<(Model, user::Model)>, sea_orm::DbErr> {
    Ok(Sessions::find_by_id(id)
        .find_also_related(user::Entity)
        .one(db)
        .await?
        .and_then(|(session, user)| Some((session, user?))))
}

/// One session.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, sea_orm::DbErr> {
    Sessions::find_by_id(id).one(db).await
}

/// Records that a session was used now (its idle limit starts again).
pub async fn touch(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    Sessions::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .filter(session::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends a session, if it is still open.
pub async fn revoke(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    Sessions::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user.
pub async fn revoke_user(
    db: &impl ConnectionTrait,
    user: Uuid,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    Sessions::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::UserId.eq(user))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// A user's sessions not ended nor past their absolute limit, newest first.
pub async fn open_of(
    db: &impl ConnectionTrait,
    user: Uuid,
    now: OffsetDateTime,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    Sessions::find()
        .filter(session::Column::UserId.eq(user))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(now))
        .order_by_desc(session::Column::CreatedAt)
        .all(db)
        .await
}
