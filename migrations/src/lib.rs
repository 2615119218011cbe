//! Puente's database schema as sea-orm migrations: one file per change, named by timestamp,
//! never edited once landed, and the same files for SQLite (embedded) and PostgreSQL
//! (production). Demo or seed data never goes in a migration.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_initial;
mod m20261122_000002_documents;
mod m20261122_000003_document_purge;
mod m20261122_000004_oversight;
mod m20261129_000001_security;
mod m20261207_000001_legal_path;
mod m20261207_000002_notary;
mod m20261207_000003_list_indexes;
mod m20261208_000001_search_index;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_initial::Migration),
            Box::new(m20261122_000002_documents::Migration),
            Box::new(m20261122_000003_document_purge::Migration),
            Box::new(m20261122_000004_oversight::Migration),
            Box::new(m20261129_000001_security::Migration),
            Box::new(m20261207_000001_legal_path::Migration),
            Box::new(m20261207_000002_notary::Migration),
            Box::new(m20261207_000003_list_indexes::Migration),
            Box::new(m20261208_000001_search_index::Migration),
        ]
    }
}
