//! The legal path after the name authorization: the registry's inscription recorded whole (the
//! office and the date beside the folio), the fractions of LISR art. 79 the lawyer chose for a
//! donataria's exclusive-activities clause, and the milestones after the signing.
// `async_trait` writes the signatures `MigrationTrait` declares, with the lifetime elided.
#![allow(elided_lifetimes_in_paths)]

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    /// `{folio, registry_office, inscribed_on}`, once inscribed.
    Filing,
    /// The LISR art. 79 fractions chosen for the bylaws, as a JSON array of their codes.
    LisrFractions,
    /// The milestones after the signing (aviso de uso, RFC, e.firma, CLUNI, the donataria's
    /// application and authorization): `{milestone: {on, reference}}`.
    Milestones,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        for mut column in [
            json_null(Cases::Filing).to_owned(),
            json_null(Cases::LisrFractions).to_owned(),
            json_null(Cases::Milestones).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Cases::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Cases::Milestones, Cases::LisrFractions, Cases::Filing] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Cases::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
