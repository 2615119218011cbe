//! Documents: every uploaded or generated file, one row per version, pointing at its encrypted
//! object and holding its wrapped key.
// `async_trait` writes the signatures `MigrationTrait` declares, with the lifetime elided.
#![allow(elided_lifetimes_in_paths)]

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    CaseId,
    Kind,
    Slot,
    Version,
    Filename,
    ContentType,
    Size,
    Sha256,
    ObjectKey,
    KeyId,
    WrappedKey,
    UploadedBy,
    CreatedAt,
    DeletedAt,
    DeletedBy,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Documents::Table)
                    .col(uuid(Documents::Id).primary_key())
                    .col(uuid(Documents::CaseId))
                    .col(string_len(Documents::Kind, 32))
                    // 0, or for an associate's papers the associate's position plus one.
                    .col(integer(Documents::Slot))
                    .col(integer(Documents::Version))
                    .col(string_len(Documents::Filename, 255))
                    .col(string_len(Documents::ContentType, 100))
                    .col(big_integer(Documents::Size))
                    .col(string_len(Documents::Sha256, 64))
                    .col(string_len_uniq(Documents::ObjectKey, 200))
                    .col(string_len(Documents::KeyId, 64))
                    .col(string_len(Documents::WrappedKey, 128))
                    .col(uuid(Documents::UploadedBy))
                    .col(timestamp_with_time_zone(Documents::CreatedAt))
                    .col(timestamp_with_time_zone_null(Documents::DeletedAt))
                    .col(uuid_null(Documents::DeletedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Documents::Table, Documents::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_documents_version")
                    .table(Documents::Table)
                    .col(Documents::CaseId)
                    .col(Documents::Kind)
                    .col(Documents::Slot)
                    .col(Documents::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_documents_key")
                    .table(Documents::Table)
                    .col(Documents::KeyId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Documents::Table).to_owned())
            .await
    }
}
