//! Trigram indexes for the case lists' text search (`q`: a case's reference or first proposed
//! name containing the text, whatever its case), on PostgreSQL with its `pg_trgm` extension.
//! Without them every search reads every case (100,000 cases: 8 searches a second). Where the
//! extension cannot be created (a managed service that does not offer it, a role without the
//! right), the migration says so and the search keeps working without the indexes. SQLite, for
//! the caseload of one program on one server, has no such index and needs none.
// `async_trait` writes the signatures `MigrationTrait` declares, with the lifetime elided.
#![allow(elided_lifetimes_in_paths)]

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const UP: &str = r#"
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'pg_trgm cannot be created (%): the case search reads every case', SQLERRM;
END $$;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS idx_cases_reference_trgm ON cases USING gin (lower(reference) gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS idx_cases_title_trgm ON cases USING gin (lower(title) gin_trgm_ops);
  END IF;
END $$;
"#;

const DOWN: &str = r#"
DROP INDEX IF EXISTS idx_cases_reference_trgm;
DROP INDEX IF EXISTS idx_cases_title_trgm;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager.get_connection().execute_unprepared(UP).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager.get_connection().execute_unprepared(DOWN).await?;
        }
        Ok(())
    }
}
