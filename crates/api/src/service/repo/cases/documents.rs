//! A case's documents in its history: recording a stored document, soft-deleting one and
//! recording its purge, each with its history event in one transaction guarded by the case's
//! version.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use puente_workflow::Role;

use super::{advance, chain, state_of};
use crate::clock;
use crate::entity::case::Model;
use crate::entity::document;
use crate::service::repo::history::{self, Entry};

/// Records a stored document on its case: the row, and a `document_uploaded` (or, for a draft
/// from `template`, `document_generated`) history event,
/// in one transaction guarded by the case's version; `None` when the case changed meanwhile.
pub async fn record_document(
    db: &DatabaseConnection,
    case: &Model,
    row: document::Model,
    actor: (Uuid, Role),
    template: Option<&str>,
    at: OffsetDateTime,
) -> Result<Option<document::Model>, sea_orm::DbErr> {
    let now = clock::truncate(at);
    let position = state_of(case);
    let mut data = json!({
        "document_id": row.id, "kind": row.kind, "slot": row.slot, "version": row.version,
        "sha256": row.sha256, "size": row.size, "content_type": row.content_type,
    });
    if let Some(template) = template {
        data["template"] = json!(template);
    }
    let event = history::prepare(Entry {
        case,
        actor: Some(actor),
        // A document Puente drafted is recorded as generated, from which template.
        event: if template.is_some() {
            "document_generated"
        } else {
            "document_uploaded"
        },
        data,
        before: position,
        after: position,
        at: now,
    });
    let txn = db.begin().await?;
    if advance(case, &event, now).exec(&txn).await?.rows_affected != 1 {
        return Ok(None);
    }
    history::insert(&txn, &event).await?;
    let stored = crate::service::repo::documents::insert(&txn, row).await?;
    txn.commit().await?;
    Ok(Some(stored))
}

/// Soft-deletes a document: the row stays (marked deleted, by whom) and the case's history
/// records it, in one transaction guarded by the case's version; `false` when the case changed
/// meanwhile.
pub async fn delete_document(
    db: &DatabaseConnection,
    case: &Model,
    row: &document::Model,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<bool, sea_orm::DbErr> {
    let now = clock::truncate(at);
    let change = document::Entity::update_many()
        .col_expr(document::Column::DeletedAt, Expr::value(Some(now)))
        .col_expr(document::Column::DeletedBy, Expr::value(Some(actor.0)));
    document_event(db, case, row, Some(actor), "document_deleted", now, change).await
}

/// Records that a deleted document's retention ended: a `document_purged` event by Puente
/// itself (not counted as activity on the case), and the row kept for the history and the
/// statistics without its file name and key (the object is already gone). `false` when the
/// case changed meanwhile.
pub async fn purge_document(
    db: &DatabaseConnection,
    case: &Model,
    row: &document::Model,
    at: OffsetDateTime,
) -> Result<bool, sea_orm::DbErr> {
    let now = clock::truncate(at);
    let change = document::Entity::update_many()
        .col_expr(document::Column::PurgedAt, Expr::value(Some(now)))
        .col_expr(document::Column::Filename, Expr::value(""))
        .col_expr(document::Column::WrappedKey, Expr::value(""));
    document_event(db, case, row, None, "document_purged", now, change).await
}

/// Applies `change` to the document's row and records `event` in its case's history, in one
/// transaction guarded by the case's version. An event with an actor counts as activity on
/// the case; one by Puente itself does not.
async fn document_event(
    db: &DatabaseConnection,
    case: &Model,
    row: &document::Model,
    actor: Option<(Uuid, Role)>,
    event: &str,
    now: OffsetDateTime,
    change: sea_orm::UpdateMany<document::Entity>,
) -> Result<bool, sea_orm::DbErr> {
    let position = state_of(case);
    let event = history::prepare(Entry {
        case,
        actor,
        event,
        data: json!({"document_id": row.id, "kind": row.kind, "slot": row.slot, "version": row.version}),
        before: position,
        after: position,
        at: now,
    });
    let append = match actor {
        Some(_) => advance(case, &event, now),
        None => chain(case, &event, now),
    };
    let txn = db.begin().await?;
    if append.exec(&txn).await?.rows_affected != 1 {
        return Ok(false);
    }
    history::insert(&txn, &event).await?;
    change
        .filter(document::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}
