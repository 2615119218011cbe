//! Document rows: one per version of each (case, kind, associate) series.

use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use puente_workflow::DocumentKind;

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

/// One document.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, sea_orm::DbErr> {
    Documents::find_by_id(id).one(db).await
}

/// The next version number of a series.
pub async fn next_version(
    db: &impl ConnectionTrait,
    case: Uuid,
    kind: &str,
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

/// What the workflow counts: for each kind, how many series hold a current document (for
/// `founder_id`, how many of the `associates` have one).
pub fn counts(rows: &[Model], associates: usize) -> BTreeMap<DocumentKind, usize> {
    let mut series: BTreeMap<DocumentKind, std::collections::BTreeSet<i32>> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.deleted_at.is_none()) {
        let Ok(kind) = row.kind.parse::<DocumentKind>() else {
            continue;
        };
        let slot_ok = match kind {
            DocumentKind::FounderId | DocumentKind::FounderTaxCertificate => {
                row.slot >= 1 && (row.slot as usize) <= associates
            }
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
