//! The notary chosen for the signing (LEGAL-REVIEW.md W1): recorded on the case from the claim
//! on, required before `record_signing`.
// `async_trait` writes the signatures `MigrationTrait` declares, with the lifetime elided.
#![allow(elided_lifetimes_in_paths)]

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    /// `{name, number, state, district, contact, fees, fee_note}`, once chosen.
    Notary,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Cases::Table)
                    .add_column(json_null(Cases::Notary))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Cases::Table)
                    .drop_column(Cases::Notary)
                    .to_owned(),
            )
            .await
    }
}
