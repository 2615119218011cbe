//! Indexes that serve each case list in its order (the profile of a 100,000-case caseload showed
//! the filtered list combining two single-column indexes and sorting what it read): by stage
//! and state newest first, by stage longest waiting first (the screening queue, the board), a
//! shelter's and a lawyer's own newest first. The single-column shelter and lawyer indexes are
//! the new ones' prefixes, and the outbox had the same index twice: those go.
// `async_trait` writes the signatures `MigrationTrait` declares, with the lifetime elided.
#![allow(elided_lifetimes_in_paths)]

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// The new indexes of `cases`: name and columns.
const CASE_INDEXES: [(&str, &[&str]); 4] = [
    (
        "idx_cases_status_state_created",
        &["status", "domicile_state", "created_at", "id"],
    ),
    (
        "idx_cases_status_waiting",
        &["status", "status_changed_at", "id"],
    ),
    (
        "idx_cases_shelter_created",
        &["shelter_id", "created_at", "id"],
    ),
    (
        "idx_cases_lawyer_created",
        &["lawyer_id", "created_at", "id"],
    ),
];

/// The indexes dropped, with their table and columns (to put them back on the way down).
const DROPPED: [(&str, &str, &[&str]); 3] = [
    ("idx_cases_shelter", "cases", &["shelter_id"]),
    ("idx_cases_lawyer", "cases", &["lawyer_id"]),
    (
        "idx_outbox_pending",
        "outbox",
        &["sent_at", "next_attempt_at"],
    ),
];

fn index(name: &str, table: &str, columns: &[&str]) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(Alias::new(table));
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, columns) in CASE_INDEXES {
            manager.create_index(index(name, "cases", columns)).await?;
        }
        for (name, table, _) in DROPPED {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in DROPPED {
            manager.create_index(index(name, table, columns)).await?;
        }
        for (name, _) in CASE_INDEXES {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(Alias::new("cases"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
