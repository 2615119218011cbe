//! The notification outbox: messages written in the same transaction as the event that causes
//! them, one row per person, and delivered later by a worker that leases each row first, so that
//! several servers sharing the database never send one twice.

use puente_workflow::Role;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::Value;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::entity::outbox::{self, Entity as Outbox, Model};
use crate::entity::{organization, user};
use crate::service::mail::Notice;

/// Whom a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    /// One person.
    User(Uuid),
    /// Every active manager.
    Managers,
    /// Every active staff member of a shelter (none while its personal data is blocked).
    ShelterStaff(Uuid),
}

/// A message to deliver.
#[derive(Debug, Clone)]
pub struct Message {
    /// What it is.
    pub notice: Notice,
    /// The case concerned.
    pub case: Option<Uuid>,
    /// Whom to tell.
    pub to: To,
    /// The facts the message is written from.
    pub payload: Value,
    /// Someone not to tell (the person who acted).
    pub except: Option<Uuid>,
    /// Makes the message unique per person: queued a second time, it is not added.
    pub dedupe: Option<String>,
}

/// Whether a person wants a kind of notice: essential ones always, others unless turned off.
pub fn wants(person: &user::Model, notice: Notice) -> bool {
    notice.essential()
        || !person
            .muted_notifications
            .as_array()
            .is_some_and(|muted| muted.iter().any(|m| m.as_str() == Some(notice.as_str())))
}

/// The people a message goes to.
async fn recipients(
    db: &impl ConnectionTrait,
    message: &Message,
) -> Result<Vec<user::Model>, sea_orm::DbErr> {
    let people = user::Entity::find().filter(user::Column::Active.eq(true));
    let people = match message.to {
        To::User(id) => people.filter(user::Column::Id.eq(id)).all(db).await?,
        To::Managers => {
            people
                .filter(user::Column::Role.eq(Role::Manager))
                .all(db)
                .await?
        }
        To::ShelterStaff(org) => {
            let blocked = organization::Entity::find_by_id(org)
                .one(db)
                .await?
                .is_none_or(|o| o.blocked_at.is_some());
            if blocked {
                Vec::new()
            } else {
                people
                    .filter(user::Column::OrganizationId.eq(org))
                    .filter(user::Column::Role.eq(Role::Shelter))
                    .all(db)
                    .await?
            }
        }
    };
    Ok(people
        .into_iter()
        .filter(|p| Some(p.id) != message.except && wants(p, message.notice))
        .collect())
}

/// Queues a message: one row for each person it goes to. Returns how many were queued.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    message: Message,
    now: OffsetDateTime,
) -> Result<u64, sea_orm::DbErr> {
    let rows: Vec<outbox::ActiveModel> = recipients(db, &message)
        .await?
        .into_iter()
        .map(|person| outbox::ActiveModel {
            id: Set(Uuid::now_v7()),
            kind: Set(message.notice),
            case_id: Set(message.case),
            recipient_id: Set(Some(person.id)),
            payload: Set(message.payload.clone()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            sent_at: Set(None),
            failed_at: Set(None),
            last_error: Set(None),
            created_at: Set(now),
            dedupe_key: Set(message
                .dedupe
                .as_ref()
                .map(|key| format!("{key}:{}", person.id))),
            lease_until: Set(None),
        })
        .collect();
    // One statement for every recipient; a row whose dedupe key is already queued is skipped.
    let queued = if rows.is_empty() {
        0
    } else {
        Outbox::insert_many(rows)
            .on_conflict(
                OnConflict::column(outbox::Column::DedupeKey)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?
    };
    tracing::info!(
        notice = message.notice.as_str(),
        queued,
        "notification queued"
    );
    Ok(queued)
}

/// Leases up to `limit` messages that are due: each is then this worker's until `lease`
/// passes. On PostgreSQL the rows are read `FOR UPDATE SKIP LOCKED`, so workers on other
/// servers pass over them instead of waiting; on every database a row is taken only if no other
/// worker's lease holds it.
pub async fn lease(
    db: &sea_orm::DatabaseConnection,
    now: OffsetDateTime,
    lease: Duration,
    limit: u64,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    let free = Condition::any()
        .add(outbox::Column::LeaseUntil.is_null())
        .add(outbox::Column::LeaseUntil.lt(now));
    let due = Condition::all()
        .add(outbox::Column::SentAt.is_null())
        .add(outbox::Column::FailedAt.is_null())
        .add(outbox::Column::NextAttemptAt.lte(now))
        .add(free.clone());
    let txn = db.begin().await?;
    let mut select = Outbox::find()
        .filter(due.clone())
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(limit);
    if txn.get_database_backend() == DbBackend::Postgres {
        select = select.lock_with_behavior(
            sea_orm::sea_query::LockType::Update,
            sea_orm::sea_query::LockBehavior::SkipLocked,
        );
    }
    let candidates = select.all(&txn).await?;
    let mut leased = Vec::new();
    for mut row in candidates {
        let taken = Outbox::update_many()
            .col_expr(outbox::Column::LeaseUntil, Expr::value(now + lease))
            .col_expr(
                outbox::Column::Attempts,
                Expr::col(outbox::Column::Attempts).add(1),
            )
            .filter(outbox::Column::Id.eq(row.id))
            .filter(due.clone())
            .exec(&txn)
            .await?
            .rows_affected;
        if taken == 1 {
            row.attempts += 1;
            row.lease_until = Some(now + lease);
            leased.push(row);
        }
    }
    txn.commit().await?;
    Ok(leased)
}

/// Marks a message delivered.
pub async fn sent(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    Outbox::update_many()
        .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
        .col_expr(
            outbox::Column::LeaseUntil,
            Expr::value(Option::<OffsetDateTime>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or given up on when `None`.
pub async fn failed(
    db: &impl ConnectionTrait,
    id: Uuid,
    error: &str,
    retry_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    let mut update = Outbox::update_many()
        .col_expr(
            outbox::Column::LeaseUntil,
            Expr::value(Option::<OffsetDateTime>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Some(error.chars().take(1000).collect::<String>())),
        );
    update = match retry_at {
        Some(at) => update.col_expr(outbox::Column::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(outbox::Column::FailedAt, Expr::value(Some(now))),
    };
    update.filter(outbox::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}
