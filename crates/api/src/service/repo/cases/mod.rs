//! Cases: creation, lists, intake edits and committing workflow transitions, each change with
//! its history event in one transaction, guarded by the case's version. This module holds the
//! case rows (creating and reading them) and the version guard every change goes through; the
//! lists with their filters and cursor are in `lists`, the document events in `documents`, the
//! intake edits, transitions and activity in `changes`.

mod changes;
mod documents;
mod lists;

pub use changes::{
    commit, touch, update_intake, update_lisr_fractions, update_milestones, update_notary,
};
pub use documents::{delete_document, purge_document, record_document};
pub use lists::{Filter, Order, Scope, count, cursor_of, list};

/// `select` reading every column of a case but its intake, which is left `{}`: for those that
/// read the caseload in bulk and never look at the intake (the largest column by far, and a
/// JSON document to parse per case).
pub(crate) fn without_intake(select: sea_orm::Select<Cases>) -> sea_orm::Select<Cases> {
    use sea_orm::Iterable;
    select
        .select_only()
        .columns(case::Column::iter().filter(|c| !matches!(c, case::Column::Intake)))
        .expr_as(Expr::value(json!({})), "intake")
}

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use serde_json::{Value, json};
use time::OffsetDateTime;
use uuid::Uuid;

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{CaseState, Role, Status};

use super::history::{self, Entry};
use crate::clock;
use crate::entity::case::{self, Entity as Cases, Model};
use crate::entity::case_event;

fn title(intake: &IntakeDraft) -> String {
    intake
        .proposed_names
        .first()
        .map(|name| name.trim().chars().take(200).collect())
        .unwrap_or_default()
}

/// Creates a case in `draft` at time `at`, with its first history event.
pub async fn create(
    db: &DatabaseConnection,
    shelter: Uuid,
    intake: &IntakeDraft,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match try_create(db, shelter, intake, actor, at).await {
            Err(error) if attempt < 5 && super::is_unique_violation(&error) => continue,
            other => return other,
        }
    }
}

async fn try_create(
    db: &DatabaseConnection,
    shelter: Uuid,
    intake: &IntakeDraft,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    let txn = db.begin().await?;
    let now = clock::truncate(at);
    let year = now.year();
    let prefix = format!("PUE-{year}-");
    let last = Cases::find()
        .filter(case::Column::Reference.starts_with(&prefix))
        .order_by_desc(case::Column::Reference)
        .one(&txn)
        .await?;
    let next = last
        .and_then(|c| c.reference.strip_prefix(&prefix)?.parse::<u32>().ok())
        .unwrap_or(0)
        + 1;
    let id = Uuid::now_v7();
    let draft = CaseState::at(Status::Draft);
    let mut model = Model {
        id,
        reference: format!("{prefix}{next:06}"),
        status: Status::Draft,
        held_from: None,
        version: 1,
        shelter_id: shelter,
        lawyer_id: None,
        firm_id: None,
        domicile_state: domicile_state(intake),
        title: title(intake),
        intake: serde_json::to_value(intake).unwrap_or(Value::Null),
        name_authorization: None,
        deed: None,
        folio: None,
        filing: None,
        lisr_fractions: None,
        milestones: None,
        notary: None,
        rfc: None,
        history_head: history::genesis(id),
        history_length: 0,
        created_at: now,
        updated_at: now,
        status_changed_at: now,
        last_activity_at: now,
    };
    let event = history::prepare(Entry {
        case: &model,
        actor: Some(actor),
        event: "created",
        data: json!({}),
        before: draft,
        after: draft,
        at: now,
    });
    model.history_head = event.hash.clone();
    model.history_length = 1;
    let stored = case::ActiveModel::from(model).insert(&txn).await?;
    history::insert(&txn, &event).await?;
    txn.commit().await?;
    Ok(stored)
}

fn domicile_state(intake: &IntakeDraft) -> Option<String> {
    intake
        .domicile
        .as_ref()
        .and_then(|d| d.state.as_deref())
        .and_then(|s| s.parse::<puente_workflow::intake::MexicanState>().ok())
        .map(|s| s.code().to_owned())
}

/// One case.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, sea_orm::DbErr> {
    Cases::find_by_id(id).one(db).await
}

/// Up to `limit` cases by creation after the case created at `after` (`(created_at, id)`):
/// the whole caseload a page at a time, never all of it in memory, each case without its intake
/// ([`without_intake`]).
pub async fn page_by_creation(
    db: &impl ConnectionTrait,
    after: Option<(OffsetDateTime, Uuid)>,
    limit: u64,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    let after = after.map(|(at, id)| super::page::Cursor { at, id });
    let query = super::page::keyset(
        without_intake(Cases::find()),
        case::Column::CreatedAt,
        case::Column::Id,
        super::page::Direction::Ascending,
        after.as_ref(),
        limit,
    );
    Ok(super::page::split(query.all(db).await?, limit).0)
}

/// Deletes case `id` with its history, comments and hours if it is still in `draft` and holds
/// no document (never one, deleted or not); whether it did. The case row is locked first, so a
/// submission or an upload at the same moment waits, and nothing is deleted unless the case
/// itself is (the transaction is rolled back otherwise).
pub async fn delete_draft(db: &DatabaseConnection, id: Uuid) -> Result<bool, sea_orm::DbErr> {
    use crate::entity::{comment, document, hours};
    use sea_orm::{PaginatorTrait, QuerySelect};
    let txn = db.begin().await?;
    // `FOR UPDATE` on PostgreSQL; SQLite writes through one connection at a time.
    let draft = Cases::find_by_id(id)
        .filter(case::Column::Status.eq(Status::Draft))
        .lock_exclusive()
        .one(&txn)
        .await?
        .is_some();
    let documents = document::Entity::find()
        .filter(document::Column::CaseId.eq(id))
        .count(&txn)
        .await?;
    if documents > 0 || !draft {
        return Ok(false);
    }
    case_event::Entity::delete_many()
        .filter(case_event::Column::CaseId.eq(id))
        .exec(&txn)
        .await?;
    comment::Entity::delete_many()
        .filter(comment::Column::CaseId.eq(id))
        .exec(&txn)
        .await?;
    hours::Entity::delete_many()
        .filter(hours::Column::CaseId.eq(id))
        .exec(&txn)
        .await?;
    let deleted = Cases::delete_many()
        .filter(case::Column::Id.eq(id))
        .filter(case::Column::Status.eq(Status::Draft))
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        // Dropped without a commit: rolled back.
        return Ok(false);
    }
    txn.commit().await?;
    Ok(true)
}

/// How many of the cases in `states` `lawyer` holds.
pub async fn held_by(
    db: &impl ConnectionTrait,
    lawyer: Uuid,
    states: Vec<puente_workflow::Status>,
) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    Cases::find()
        .filter(case::Column::LawyerId.eq(lawyer))
        .filter(case::Column::Status.is_in(states))
        .count(db)
        .await
}

/// A shelter's cases, oldest first.
pub async fn of_shelter(
    db: &impl ConnectionTrait,
    shelter: Uuid,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    Cases::find()
        .filter(case::Column::ShelterId.eq(shelter))
        .order_by_asc(case::Column::CreatedAt)
        .all(db)
        .await
}

/// The update that moves a case's history head to `event` and raises its version, only if the
/// case is still at the version it was read at. Callers add their own columns.
fn advance(
    case: &Model,
    event: &case_event::Model,
    now: OffsetDateTime,
) -> sea_orm::UpdateMany<Cases> {
    chain(case, event, now).col_expr(case::Column::LastActivityAt, Expr::value(now))
}

/// Appends `event` to the case's history if the case is still at its version, without counting
/// as activity on the case (for what Puente does by itself).
pub(crate) fn chain(
    case: &Model,
    event: &case_event::Model,
    now: OffsetDateTime,
) -> sea_orm::UpdateMany<Cases> {
    Cases::update_many()
        .col_expr(case::Column::Version, Expr::value(case.version + 1))
        .col_expr(case::Column::HistoryHead, Expr::value(event.hash.clone()))
        .col_expr(case::Column::HistoryLength, Expr::value(event.seq))
        .col_expr(case::Column::UpdatedAt, Expr::value(now))
        .filter(case::Column::Id.eq(case.id))
        .filter(case::Column::Version.eq(case.version))
}

/// Where a case stands.
pub fn state_of(case: &Model) -> CaseState {
    CaseState {
        state: case.status,
        held_from: case.held_from,
    }
}
