//! Document rows: one per version of each (case, kind, associate) series.

use std::collections::BTreeMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use puente_workflow::DocumentKind;

use crate::entity::case;
use crate::entity::document::{self, Entity as Documents, Model};

/// A case's documents that are not deleted, oldest first.
pub async fn of_case(db: &impl ConnectionTrait, case: Uuid) -> Result<Vec<Model>, sea_orm::DbErr> {
    Documents::find()
        .filter(document::Column::CaseId.eq(case))
        .filter(document::Column::DeletedAt.is_null())
        .order_by_asc(document::Column::Kind)
        .order_by_asc(document::Column::Slot)
        .order_by_asc(document::Column::Version)
        .all(db)
        .await
}

/// Every document of a case, deleted and purged ones included, oldest first.
pub async fn all_of_case(
    db: &impl ConnectionTrait,
    case: Uuid,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    Documents::find()
        .filter(document::Column::CaseId.eq(case))
        .order_by_asc(document::Column::CreatedAt)
        .all(db)
        .await
}

/// The documents of a case not yet purged (deleted ones included): those the store still holds.
pub async fn unpurged_of_case(
    db: &impl ConnectionTrait,
    case: Uuid,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    Documents::find()
        .filter(document::Column::CaseId.eq(case))
        .filter(document::Column::PurgedAt.is_null())
        .all(db)
        .await
}

/// One document.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, sea_orm::DbErr> {
    Documents::find_by_id(id).one(db).await
}

/// The next version number of a series.
pub async fn next_version(
    db: &impl ConnectionTrait,
    case: Uuid,
    kind: DocumentKind,
    slot: i32,
) -> Result<i32, sea_orm::DbErr> {
    let last = Documents::find()
        .filter(document::Column::CaseId.eq(case))
        .filter(document::Column::Kind.eq(kind))
        .filter(document::Column::Slot.eq(slot))
        .order_by_desc(document::Column::Version)
        .one(db)
        .await?;
    Ok(last.map_or(1, |d| d.version + 1))
}

/// Stores a row.
pub async fn insert(db: &impl ConnectionTrait, row: Model) -> Result<Model, sea_orm::DbErr> {
    document::ActiveModel::from(row).insert(db).await
}

/// How many bytes the live (not deleted) documents of a shelter's cases take together: what its
/// storage quota is measured against.
pub async fn stored_bytes_of_shelter(
    db: &impl ConnectionTrait,
    shelter: Uuid,
) -> Result<u64, sea_orm::DbErr> {
    // PostgreSQL sums a `bigint` into a `numeric`: cast back so both databases answer an integer.
    let total = Func::cast_as(
        Func::coalesce([
            Expr::from(Func::sum(Expr::col(document::Column::Size))),
            Expr::value(0i64),
        ]),
        Alias::new("BIGINT"),
    );
    let total: Option<i64> = Documents::find()
        .select_only()
        .column_as(Expr::from(total), "total")
        .filter(document::Column::DeletedAt.is_null())
        .filter(
            document::Column::CaseId.in_subquery(
                Query::select()
                    .column(case::Column::Id)
                    .from(case::Entity)
                    .and_where(Expr::col(case::Column::ShelterId).eq(shelter))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .one(db)
        .await?;
    Ok(total.map_or(0, |bytes| u64::try_from(bytes).unwrap_or(0)))
}

/// Documents whose key is wrapped under another master key than `current` (and not purged).
pub async fn wrapped_under_other_keys(
    db: &impl ConnectionTrait,
    current: &str,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    Documents::find()
        .filter(document::Column::KeyId.ne(current))
        .filter(document::Column::PurgedAt.is_null())
        .all(db)
        .await
}

/// Replaces a document's wrapped key, only if the row still holds the one `row` was read with
/// and is not purged: a purge or another re-wrap that got there first is never undone.
pub async fn rewrap(
    db: &impl ConnectionTrait,
    row: &Model,
    key_id: &str,
    wrapped_key: String,
) -> Result<bool, sea_orm::DbErr> {
    let done = Documents::update_many()
        .col_expr(document::Column::KeyId, Expr::value(key_id))
        .col_expr(document::Column::WrappedKey, Expr::value(wrapped_key))
        .filter(document::Column::Id.eq(row.id))
        .filter(document::Column::KeyId.eq(row.key_id.as_str()))
        .filter(document::Column::WrappedKey.eq(row.wrapped_key.as_str()))
        .filter(document::Column::PurgedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// What the workflow counts: for each kind, how many series hold a current document (for
/// `founder_id`, how many of the `associates` have one; for `founder_tax_certificate`, how many
/// of the `residents`, by their place counted from 1).
pub fn counts(
    rows: &[Model],
    associates: usize,
    residents: &std::collections::BTreeSet<usize>,
) -> BTreeMap<DocumentKind, usize> {
    let mut series: BTreeMap<DocumentKind, std::collections::BTreeSet<i32>> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.deleted_at.is_none()) {
        let kind = row.kind;
        let slot = usize::try_from(row.slot).unwrap_or(0);
        let slot_ok = match kind {
            DocumentKind::FounderId => (1..=associates).contains(&slot),
            DocumentKind::FounderTaxCertificate => residents.contains(&slot),
            _ => true,
        };
        if slot_ok {
            series.entry(kind).or_default().insert(row.slot);
        }
    }
    series
        .into_iter()
        .map(|(kind, slots)| (kind, slots.len()))
        .collect()
}

/// The object key of every document row, deleted ones included (what the store may hold).
pub async fn object_keys(db: &impl ConnectionTrait) -> Result<Vec<String>, sea_orm::DbErr> {
    Ok(Documents::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.object_key)
        .collect())
}

/// Up to `limit` documents not deleted, by id, after the document `after`: the whole store a
/// page at a time.
pub async fn current_page(
    db: &impl ConnectionTrait,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    let mut page = Documents::find()
        .filter(document::Column::DeletedAt.is_null())
        .order_by_asc(document::Column::Id)
        .limit(limit);
    if let Some(after) = after {
        page = page.filter(document::Column::Id.gt(after));
    }
    page.all(db).await
}

/// Every deleted document not yet purged.
pub async fn deleted_unpurged(db: &impl ConnectionTrait) -> Result<Vec<Model>, sea_orm::DbErr> {
    Documents::find()
        .filter(document::Column::DeletedAt.is_not_null())
        .filter(document::Column::PurgedAt.is_null())
        .all(db)
        .await
}
