//! Program oversight: a lawyer's preferred states of Mexico and how many cases they take at once,
//! the notifications each person turned off, the outbox's lease (so that several servers never
//! send one message twice) and its de-duplication key (so that a digest or a deadline warning is
//! queued once), a shelter's blocked and purged personal data, and the history's data digest:
//! an event's hash now covers the SHA-256 of its data rather than the data itself, so that a
//! purge can remove free text from the history without breaking the chain (`redacted_at` says
//! when it did). Events recorded before keep the former hash and no digest.
// `async_trait` writes the signatures `MigrationTrait` declares, with the lifetime elided.
#![allow(elided_lifetimes_in_paths)]

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    PreferredStates,
    CaseCapacity,
    MutedNotifications,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    DedupeKey,
    LeaseUntil,
    NextAttemptAt,
    SentAt,
}

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    DataSha256,
    RedactedAt,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    BlockedAt,
    PurgedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        let columns = [
            (
                Users::Table.into_iden(),
                json(Users::PreferredStates).default("[]").to_owned(),
            ),
            (
                Users::Table.into_iden(),
                integer_null(Users::CaseCapacity).to_owned(),
            ),
            (
                Users::Table.into_iden(),
                json(Users::MutedNotifications).default("[]").to_owned(),
            ),
            (
                Outbox::Table.into_iden(),
                string_len_null(Outbox::DedupeKey, 200).to_owned(),
            ),
            (
                Outbox::Table.into_iden(),
                timestamp_with_time_zone_null(Outbox::LeaseUntil).to_owned(),
            ),
            (
                Organizations::Table.into_iden(),
                timestamp_with_time_zone_null(Organizations::BlockedAt).to_owned(),
            ),
            (
                CaseEvents::Table.into_iden(),
                string_len_null(CaseEvents::DataSha256, 64).to_owned(),
            ),
            (
                CaseEvents::Table.into_iden(),
                timestamp_with_time_zone_null(CaseEvents::RedactedAt).to_owned(),
            ),
            (
                Organizations::Table.into_iden(),
                timestamp_with_time_zone_null(Organizations::PurgedAt).to_owned(),
            ),
        ];
        for (table, mut column) in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_dedupe_key")
                    .table(Outbox::Table)
                    .col(Outbox::DedupeKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The worker looks for unsent messages that are due.
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::SentAt)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_outbox_due", "idx_outbox_dedupe_key"] {
            manager
                .drop_index(Index::drop().name(name).table(Outbox::Table).to_owned())
                .await?;
        }
        let columns = [
            (
                CaseEvents::Table.into_iden(),
                CaseEvents::RedactedAt.into_iden(),
            ),
            (
                CaseEvents::Table.into_iden(),
                CaseEvents::DataSha256.into_iden(),
            ),
            (
                Organizations::Table.into_iden(),
                Organizations::PurgedAt.into_iden(),
            ),
            (
                Organizations::Table.into_iden(),
                Organizations::BlockedAt.into_iden(),
            ),
            (Outbox::Table.into_iden(), Outbox::LeaseUntil.into_iden()),
            (Outbox::Table.into_iden(), Outbox::DedupeKey.into_iden()),
            (
                Users::Table.into_iden(),
                Users::MutedNotifications.into_iden(),
            ),
            (Users::Table.into_iden(), Users::CaseCapacity.into_iden()),
            (Users::Table.into_iden(), Users::PreferredStates.into_iden()),
        ];
        for (table, column) in columns {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
