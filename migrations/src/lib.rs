//! Puente's database schema as sea-orm migrations: one file per change, named by timestamp,
//! never edited once landed, and the same files for SQLite (embedded) and PostgreSQL
//! (production).
//!
//! No table exists yet: the first migration arrives with the persistence layer.
